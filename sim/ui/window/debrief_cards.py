"""The debrief screen's pieces: a column of drawn blocks, the summary cards, and one decision opened up.

The screen (``screens/debrief.py``) decides the order; this module draws. Every sentence comes from
``sim.analysis.debrief_words``, as the terminal's and the page's do.
"""

from __future__ import annotations

import pygame

from sim.analysis.debrief_words import (ENDING_WORDS, duty_summary, event_sentence, option_sentence, safety_word,
                                        taken_sentence, time_course_sentences)
from sim.engine.labels import CATEGORY, category_label, phase_label
from sim.i18n import N_, _

CATEGORY_LABELS = CATEGORY  # English msgids, kept for old callers: name a category with category_label()
DUTY_FAILED = N_("This was required whatever it cost the alliance; a good alliance does not make up for it "
                 "(tufford2014).")  # shown as _(DUTY_FAILED)


def first_upper(text: str) -> str:
    """``text`` with a capital first letter (the rest as it is: str.capitalize would lower a name)."""
    return text[:1].upper() + text[1:]


class Blocks:
    """Drawn blocks down a column, in content coordinates: (rect, draw(renderer, rect on screen))."""

    def __init__(self, r, x: int, width: int, y: int):
        self.r, self.m, self.p = r, r.metrics, r.palette
        self.x, self.width, self.y = x, width, y
        self.items: list[tuple[pygame.Rect, object]] = []

    def add(self, height: int, draw, x: int | None = None, w: int | None = None, after: int | None = None):
        rect = pygame.Rect(self.x if x is None else x, self.y, self.width if w is None else w, height)
        self.items.append((rect, draw))
        self.y += height + (self.m.gap if after is None else after)
        return rect

    def para(self, text: str, role: str = "body", colour=None, after: int | None = None, indent: int = 0):
        lines = self.r.wrap(text, role, self.width - indent)
        ink = colour or self.p.text
        return self.add(len(lines) * self.r.line_height(role),
                        lambda rr, rect: rr.lines(lines, rect.x, rect.y, role, ink, rect),
                        self.x + indent, self.width - indent, after)

    def heading(self, text: str) -> int:
        """A section heading; returns its top (a section jump scrolls there)."""
        self.y += self.m.pad
        top = self.y
        self.para(text, "heading", self.p.text, self.m.gap)
        return top


def summary_cards(blocks: Blocks, d) -> None:
    """The ending across the top, then the alliance, the legal duty and child safety side by side (never the
    alliance alone): three to a row whatever the width."""
    r, m, p = blocks.r, blocks.m, blocks.p
    ending = d.ending or {}
    duty_value, duty_note = duty_summary(d.duties)
    ending_words = ENDING_WORDS.get(ending.get("type", ""))
    ending_card = (_("Ending"), ending.get("title", _("Not reached yet")),
                   first_upper(_(ending_words) if ending_words else _("the case is still open")), False)
    per_row = 4 if blocks.width >= m.body * 56 else 3
    alliance = _("Alliance (hidden)")  # the short name where the long one would not fit its card
    if blocks.width < m.body * 40 or r.measure(alliance, "small_bold") > blocks.width // per_row - 3 * m.pad:
        alliance = _("Alliance")
    side = [(alliance, f"{d.start_score:.0f} \u2192 {d.final_score:.0f}", _("0 to 100, start to end"), False),
            (_("Legal duty"), duty_value, duty_note, d.duty_failed),
            (_("Child safety"), f"{d.child_safety_start:.0f} \u2192 {d.child_safety_end:.0f}",
             _("{start} to {end}").format(start=safety_word(d.child_safety_start),
                                          end=safety_word(d.child_safety_end)), False)]
    rows = [[ending_card, *side]] if per_row == 4 else [[ending_card], side]
    for cards in rows:
        card_w = (blocks.width - m.gap * (len(cards) - 1)) // len(cards)
        inner = card_w - 2 * m.pad
        laid = []
        for label, value, detail, bad in cards:
            value_lines, detail_lines = r.wrap(value, "heading", inner), r.wrap(detail, "small", inner)
            if len(detail_lines) > 2:  # the whole text is in the details further down
                detail_lines = [detail_lines[0], r.fit(detail_lines[1] + " " + detail_lines[2], "small", inner)]
            laid.append((label, value_lines, detail_lines, bad))
        height = max(2 * m.gap + r.line_height("small") + len(v) * r.line_height("heading")
                     + len(t) * r.line_height("small") for label, v, t, bad in laid)

        def draw(rr, rect, laid=laid, card_w=card_w):
            for i, (label, value_lines, detail_lines, bad) in enumerate(laid):
                box = pygame.Rect(rect.x + i * (card_w + m.gap), rect.y, card_w, rect.height)
                rr.box(box, p.danger_bg if bad else p.surface, p.danger if bad else p.border, width=2 if bad else 1)
                y = rr.lines([rr.fit(label, "small_bold", box.width - 2 * m.pad)], box.x + m.pad, box.y + m.gap,
                             "small_bold", p.muted, box)
                y = rr.lines(value_lines, box.x + m.pad, y, "heading", p.danger if bad else p.text, box)
                rr.lines(detail_lines, box.x + m.pad, y, "small", p.muted, box)
        blocks.add(height, draw)


def calibration_row(blocks: Blocks, item: dict) -> None:
    r, m, p = blocks.r, blocks.m, blocks.p
    label = _("End of {phase}: you said {estimate}, it was {truth} ({error})").format(
        phase=phase_label(item["phase"]).lower(), estimate=f"{item['estimate']:.0f}", truth=f"{item['truth']:.0f}",
        error=f"{item['signed_error']:+.0f}")
    lines = r.wrap(label, "body", blocks.width)
    bar_h = max(6, m.small // 2)

    def draw(rr, rect):
        y = rr.lines(lines, rect.x, rect.y, "body", p.text, rect)
        for value, colour, dy in ((item["estimate"], p.lines["estimate"], 0), (item["truth"], p.lines["score"],
                                                                                bar_h + 3)):
            track = pygame.Rect(rect.x, y + dy, rect.width, bar_h)
            rr.box(track, p.surface_alt, None, radius=3)
            rr.box(pygame.Rect(track.x, track.y, round(track.width * value / 100), bar_h), colour, None, radius=3)
    blocks.add(len(lines) * r.line_height("body") + 2 * bar_h + 3 + m.gap // 2, draw)


def row_label(item: dict, expanded: bool) -> tuple[str, str]:
    """A decision collapsed to one row: (label, detail)."""
    mark = "\u25be" if expanded else "\u25b8"
    category = category_label(item["category"])
    return (_("{mark} Decision {number} \u00b7 {phase}: {strategy}").format(
                mark=mark, number=item["number"], phase=phase_label(item["phase"]).lower(),
                strategy=item["strategy_name"]),
            _("{category} \u00b7 alliance {effect}").format(category=category, effect=f"{item['effect']:+.1f}"))


def decision_card(blocks: Blocks, item: dict, bottom_room: int = 0) -> pygame.Rect:
    """One decision opened up: the feedback, what followed, what lasted, the options not taken, the strategy
    in general and the research it rests on (by short key; the references are at the end)."""
    r, m, p = blocks.r, blocks.m, blocks.p
    inner = blocks.width - 2 * m.pad - m.gap
    colour = p.category.get(item["category"], p.muted)
    parts = [(r.wrap(item["choice_text"], "bold", inner), "bold", p.text),
             (r.wrap(item["feedback"], "body", inner), "body", p.text),
             *((r.wrap(event_sentence(e), "small", inner), "small", p.muted) for e in item["events_after"]),
             *((r.wrap(t, "small", inner), "small", p.text) for t in time_course_sentences(item["time_course"]))]
    contrast = item.get("contrast")
    if contrast:
        parts.append((r.wrap(taken_sentence(contrast["taken"]), "small_bold", inner), "small_bold", p.text))
        for option in contrast["others"]:
            parts.append((r.wrap(_("Not taken \u2013 {option}").format(option=option_sentence(option)), "small", inner),
                          "small", p.text))
    parts.append((r.wrap(_("The strategy in general: {rationale}").format(rationale=item["rationale"]), "small",
                         inner), "small", p.muted))
    if item["citations"]:
        keys = ", ".join(c["key"] for c in item["citations"])
        parts.append((r.wrap(_("Research: {keys} (see References)").format(keys=keys), "small", inner), "small",
                      p.muted))
    height = 2 * m.pad + bottom_room + sum(len(lines) * r.line_height(role) + m.gap // 2 for lines, role, ink in parts)

    def draw(rr, rect):
        rr.box(rect, p.surface, p.border)
        pygame.draw.rect(rr.surface, colour, (rect.x, rect.y, m.gap, rect.height),
                         border_top_left_radius=m.radius, border_bottom_left_radius=m.radius)
        y = rect.y + m.pad
        for lines, role, ink in parts:
            y = rr.lines(lines, rect.x + m.gap + m.pad, y, role, ink, rect) + m.gap // 2
    return blocks.add(height, draw)
