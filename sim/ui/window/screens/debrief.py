"""The debrief: everything hidden during play, revealed and explained.

The chart of the alliance and its dimensions (ruptures shaded, repairs marked),
the ending, child safety and legal duty (a failed duty first, in a red box),
calibration and noticing, then every choice with its category colour, its
effect, the feedback, the strategy's rationale and its citations. In practice
(and facilitator) mode each choice offers "Replay from decision N".
"""

from __future__ import annotations

import pygame

from sim.analysis.debrief import build_debrief
from sim.analysis.debrief_words import (ENDING_WORDS, NO_RUPTURE, calibration_sentences, event_sentence,
                                        notice_sentence, rupture_sentence, safety_word,
                                        takeback_sentence)
from sim.ui.window.chart import chart_height, draw_chart, draw_legend, legend_height, legend_items
from sim.ui.window.layout import column, row
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.widgets import Button

CATEGORY_LABELS = {"counterproductive": "Counterproductive", "preventive": "Preventive", "repair": "Repair",
                   "neutral": "Neutral"}
DUTY_FAILED = ("This was required whatever it cost the alliance; a good alliance does not make up for it "
               "(Tufford, 2014).")


class DebriefScreen(Screen):
    name = "debrief"
    scrollable = True

    def __init__(self, app):
        super().__init__(app)
        self.case = app.case
        self.debrief = build_debrief(self.case.session)

    def _replay(self, decision: int) -> None:
        """Replaying a finished run asks first; the run is kept, and its debrief stays under Continue."""
        if not self.case.is_over:
            self._do_replay(decision)
            return
        from sim.ui.window.screens.confirm import ConfirmScreen

        message = (f"This run is finished. Replaying from decision {decision} plays on from there in a new run; "
                   "this one is kept as it is, and its debrief stays available under Continue.")
        self.app.show(ConfirmScreen(self.app, f"Replay from decision {decision}?", message, [
            ("replay", f"Keep this run and replay from decision {decision}", lambda: self._do_replay(decision),
             "primary"),
            ("back", "Back to the debrief", lambda: self.app.show(self), "secondary")], lambda: self.app.show(self)))

    def _do_replay(self, decision: int) -> None:
        from sim.errors import ActionError

        try:
            self.case.rewind(decision)
        except ActionError as exc:
            self.app.notice = str(exc)
            self.app.show(self)
            return
        self.app.route()

    def layout(self, size) -> None:
        super().layout(size)
        r, m, p = self.r, self.m, self.p
        d, case = self.debrief, self.case
        col = column(size, r, max_width=m.body * 48)
        self.col = col
        bar = [Button("title", "Back to the title", self.back, "secondary"),
               Button("cases", "Choose another case", self.app.go_picker, "primary")]
        bar_h = max(b.height_for(r, b.width_for(r)) for b in bar)
        row(bar, pygame.Rect(col.x, col.bottom - bar_h, col.width, bar_h), m.gap, r, natural=True, align="right")
        bar_top = min(b.rect.y for b in bar)
        self.viewport = pygame.Rect(0, col.y, size[0], max(0, bar_top - m.gap - col.y))
        self.blocks = []   # (rect in content coordinates, draw(renderer, rect on screen))
        self.widgets = []
        self.y = col.y
        width = col.width

        def add(height: int, draw, x: int = col.x, w: int = width, after: int = m.gap) -> pygame.Rect:
            rect = pygame.Rect(x, self.y, w, height)
            self.blocks.append((rect, draw))
            self.y += height + after
            return rect

        def para(text: str, role: str = "body", colour=None, after: int = m.gap, x: int = col.x, w: int = width):
            lines = r.wrap(text, role, w)
            ink = colour or p.text
            return add(len(lines) * r.line_height(role), lambda rr, rect: rr.lines(lines, rect.x, rect.y, role, ink,
                                                                                   rect), x, w, after)

        def heading(text: str) -> None:
            self.y += m.pad
            para(text, "heading", p.text, m.gap)

        para("Debrief", "title", after=0)
        para(d.title, "heading", p.muted, m.gap // 2)
        para(self._run_line(), "small", p.muted, m.pad)
        if d.duty_failed:
            for duty in d.duties:
                if duty["failed"]:
                    self._duty_banner(add, duty["text"], width)
        self._summary(add, width)
        heading("The alliance across your decisions")
        if len(d.trajectory) > 1:
            items = legend_items(d, case.scenario)
            add(chart_height(r, width, self.viewport.height), lambda rr, rect: draw_chart(rr, rect, d, case.scenario))
            add(legend_height(r, width, items), lambda rr, rect: draw_legend(rr, rect, items), after=m.pad)
            if case.mode == "practice":
                para(takeback_sentence(d.takebacks), "small", p.muted)
        else:
            para("No decision was taken, so there is nothing to chart yet.", "body", p.muted)
        heading("Ruptures and repairs")
        for text in self._rupture_lines():
            para(text)
        heading("Your estimates against the hidden alliance")
        if not d.calibrations:
            para("You gave no estimate in this run.", "body", p.muted)
        for item in d.calibrations:
            self._calibration_row(add, item, width)
        for sentence in calibration_sentences(d.calibration):
            para(sentence, "small", p.muted)
        if d.notices:
            right = sum(1 for n in d.notices if n["correct"])
            para(f"Noticing: you read {right} of {len(d.notices)} moments correctly.", "bold")
            for n in d.notices:
                mark = "\u2713" if n["correct"] else "\u2717"
                para(f"{mark} {notice_sentence(n)}",
                     "small", p.ok if n["correct"] else p.danger, after=m.gap // 3)
        heading("Child safety and legal duty")
        para(f"Child safety: {d.child_safety_start:.0f} at the start ({safety_word(d.child_safety_start)}), "
             f"{d.child_safety_end:.0f} at the end ({safety_word(d.child_safety_end)}).")
        arose = [duty for duty in d.duties if duty["arose"]]
        if not arose:
            para("No legal duty arose in this run.", "body", p.muted)
        for duty in arose:
            if duty["met"]:
                para(f"\u2713 Duty met: {duty['text']}.", "bold", p.ok)
            else:
                para(f"\u2717 Duty failed: {duty['text']}. {DUTY_FAILED}", "bold", p.danger)
        heading("Every choice")
        for item in d.decisions:
            self._decision_card(add, item, width)
        heading("Your session")
        log = case.log_path
        para(f"Session log written to {log}" if log else "No session log could be written in this run.",
             "small", p.muted)
        if case.kept:
            para(f"A finished run, kept for reference: {case.save_path}", "small", p.muted)
        else:
            para(f"Case saved in {case.save_path}", "small", p.muted)
        app = self.app
        if case.record_problem:
            para(case.record_problem, "small", p.danger)
        elif app.record_notice:
            para(app.record_notice, "small", p.danger)
        elif app.lrs.configured:
            para(f"Your learning record goes to the LRS at {app.lrs.host}.", "small", p.muted)
        self.content_bottom = self.y
        for widget in self.widgets:
            widget.scrolls = True
        self.widgets.extend(bar)

    def _run_line(self) -> str:
        from sim.ui.window.modes import MODE_LABELS

        case = self.case
        line = f"{MODE_LABELS[case.mode]} mode"
        if case.mode == "assessment":
            line += f" \u00b7 {case.learner.name or 'anonymous'}, attempt {case.attempt}"
        if self.app.notice:
            line += f" \u00b7 {self.app.notice}"
        return line

    # ----- sections -----

    def _duty_banner(self, add, text: str, width: int) -> None:
        r, m, p = self.r, self.m, self.p
        inner = width - 2 * m.pad
        title = r.wrap(f"A legal duty was not met: {text}.", "heading", inner)
        body = r.wrap(DUTY_FAILED, "body", inner)
        height = len(title) * r.line_height("heading") + len(body) * r.line_height("body") + 2 * m.pad

        def draw(rr, rect):
            rr.box(rect, p.danger_bg, p.danger, width=3)
            y = rr.lines(title, rect.x + m.pad, rect.y + m.pad, "heading", p.danger, rect)
            rr.lines(body, rect.x + m.pad, y, "body", p.text, rect)
        add(height, draw, after=m.pad)

    def _summary(self, add, width: int) -> None:
        r, m, p, d = self.r, self.m, self.p, self.debrief
        ending = d.ending or {}
        cards = [
            ("Ending", ending.get("title", "Not reached yet"),
             ENDING_WORDS.get(ending.get("type", ""), "the case is still open").capitalize()),
            ("Alliance", f"{d.start_score:.0f} \u2192 {d.final_score:.0f}", "hidden score at the start and the end"),
            ("Child safety", f"{d.child_safety_start:.0f} \u2192 {d.child_safety_end:.0f}",
             f"{safety_word(d.child_safety_start)} to {safety_word(d.child_safety_end)}"),
            ("Legal duty", "Failed" if d.duty_failed else ("Met" if any(x["arose"] for x in d.duties)
                                                           else "None arose"),
             "a duty that arose was not met" if d.duty_failed else "duties that arose in this run"),
        ]
        per_row = 4 if width >= m.body * 56 else (2 if width >= m.body * 26 else 1)
        card_w = (width - m.gap * (per_row - 1)) // per_row
        inner = card_w - 2 * m.pad
        laid = []
        for label, value, detail in cards:
            value_lines = r.wrap(value, "heading", inner)
            detail_lines = r.wrap(detail, "small", inner)
            laid.append((label, value_lines, detail_lines, 2 * m.gap + r.line_height("small") + len(value_lines)
                         * r.line_height("heading") + len(detail_lines) * r.line_height("small")))
        for start in range(0, len(laid), per_row):
            group = laid[start:start + per_row]
            height = max(h for *_, h in group)

            def draw(rr, rect, group=group):
                for i, (label, value_lines, detail_lines, _) in enumerate(group):
                    box = pygame.Rect(rect.x + i * (card_w + m.gap), rect.y, card_w, rect.height)
                    failed = label == "Legal duty" and self.debrief.duty_failed
                    rr.box(box, p.danger_bg if failed else p.surface, p.danger if failed else p.border,
                           width=2 if failed else 1)
                    y = rr.lines([label], box.x + m.pad, box.y + m.gap, "small_bold", p.muted, box)
                    y = rr.lines(value_lines, box.x + m.pad, y, "heading", p.danger if failed else p.text, box)
                    rr.lines(detail_lines, box.x + m.pad, y, "small", p.muted, box)
            add(height, draw)

    def _rupture_lines(self) -> list[str]:
        if not self.debrief.ruptures:
            return [NO_RUPTURE]
        return [rupture_sentence(rupture) for rupture in self.debrief.ruptures]

    def _calibration_row(self, add, item: dict, width: int) -> None:
        r, m, p = self.r, self.m, self.p
        label = (f"End of {item['phase']}: you said {item['estimate']:.0f}, it was {item['truth']:.0f} "
                 f"(off by {item['error']:.0f})")
        lines = r.wrap(label, "body", width)
        bar_h = max(6, m.small // 2)

        def draw(rr, rect):
            y = rr.lines(lines, rect.x, rect.y, "body", p.text, rect)
            for value, colour, dy in ((item["estimate"], p.lines["estimate"], 0), (item["truth"], p.lines["score"],
                                                                                    bar_h + 3)):
                track = pygame.Rect(rect.x, y + dy, rect.width, bar_h)
                rr.box(track, p.surface_alt, None, radius=3)
                rr.box(pygame.Rect(track.x, track.y, round(track.width * value / 100), bar_h), colour, None,
                       radius=3)
        add(len(lines) * r.line_height("body") + 2 * bar_h + 3 + m.gap // 2, draw)

    def _decision_card(self, add, item: dict, width: int) -> None:
        r, m, p = self.r, self.m, self.p
        inner = width - 2 * m.pad - m.gap
        category = item["category"]
        colour = p.category.get(category, p.muted)
        effect = item["effect"]
        head = f"Decision {item['number']} \u00b7 {item['phase']}"
        pill = CATEGORY_LABELS.get(category, category)
        effect_text = f"alliance {effect:+.1f}"
        blocks = [(r.wrap(item["choice_text"], "bold", inner), "bold", p.text),
                  (r.wrap(f"{item['strategy_name']}", "small_bold", inner), "small_bold", colour),
                  (r.wrap(item["feedback"], "body", inner), "body", p.text),
                  *((r.wrap(event_sentence(event), "small", inner), "small", p.muted) for event in item["events_after"]),
                  (r.wrap("The strategy in general: " + item["rationale"], "small", inner), "small", p.text)]
        if item["citations"]:
            blocks.append((["Research"], "small_bold", p.muted))
        for citation in item["citations"]:
            text = citation["citation"] + (f" doi:{citation['doi']}" if citation["doi"] else "")
            blocks.append((r.wrap("\u2013 " + text, "small", inner), "small", p.muted))
        height = 2 * m.pad + r.line_height("small") + m.gap // 2 + sum(
            len(lines) * r.line_height(role) + m.gap // 2 for lines, role, _ in blocks)
        replay = None
        if self.case.rewind_allowed:
            replay = Button(f"replay:{item['number']}", f"Replay from decision {item['number']}",
                            (lambda n=item["number"]: self._replay(n)), "secondary", role="small_bold")
            height += replay.height_for(r, replay.width_for(r)) + m.gap // 2

        def draw(rr, rect):
            rr.box(rect, p.surface, p.border)
            pygame.draw.rect(rr.surface, colour, (rect.x, rect.y, m.gap, rect.height),
                             border_top_left_radius=m.radius, border_bottom_left_radius=m.radius)
            x = rect.x + m.gap + m.pad
            pill_w = rr.measure(pill, "small_bold") + 2 * m.pad
            pill_rect = pygame.Rect(rect.right - m.pad - pill_w, rect.y + m.pad, pill_w, rr.line_height("small"))
            effect_w = rr.measure(effect_text, "small_bold")
            head_room = pill_rect.x - x - effect_w - 2 * m.gap
            rr.text(rr.fit(head, "small", max(10, head_room)), (x, rect.y + m.pad), "small", p.muted, rect)
            rr.box(pill_rect, None, colour, width=2, radius=pill_rect.height // 2)
            rr.text(pill, (pill_rect.x, pill_rect.y), "small_bold", colour, pill_rect, align="center",
                    width=pill_rect.width)
            ink = p.ok if effect > 0 else (p.danger if effect < 0 else p.muted)
            rr.text(effect_text, (pill_rect.x - m.gap, rect.y + m.pad), "small_bold", ink, rect, align="right")
            y = rect.y + m.pad + rr.line_height("small") + m.gap // 2
            for lines, role, ink in blocks:
                y = rr.lines(lines, x, y, role, ink, rect) + m.gap // 2
        rect = add(height, draw, after=m.gap)
        if replay is not None:
            w = replay.width_for(r)
            h = replay.height_for(r, w)
            replay.rect = pygame.Rect(rect.x + m.gap + m.pad, rect.bottom - m.pad - h, w, h)
            self.widgets.append(replay)

    # ----- input and drawing -----

    def default_focus(self):
        return self.find("cases")

    def key(self, event) -> bool:
        if event.key in (pygame.K_UP, pygame.K_DOWN):
            return self.scroll_by((1 if event.key == pygame.K_DOWN else -1) * 2 * self.r.line_height("body"))
        return False

    def back(self) -> bool:
        self.app.go_title()
        return True

    def draw(self, r: Renderer) -> None:
        with r.clip(self.viewport):
            for rect, draw in self.blocks:
                shown = rect.move(0, -self.scroll)
                if shown.colliderect(self.viewport):
                    draw(r, shown)
            self.draw_widgets(r, scrolled=True)
        first = min((w.rect for w in self.widgets if not w.scrolls), key=lambda rect: (rect.y, rect.x))
        hint = "Scroll for more"
        if self.scroll < self.max_scroll and self.col.x + r.measure(hint, "small") + self.m.pad <= first.x:
            r.text(hint, (self.col.x, first.y + (first.height - r.line_height("small")) // 2), "small",
                   self.p.muted, None)
        self.draw_scrollbar(r, self.col.right + self.m.pad)
        self.draw_widgets(r, scrolled=False)
