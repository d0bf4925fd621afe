"""The case picker: a card for every scenario, broken ones marked, and the mode to play in."""

from __future__ import annotations

import pygame

from sim.engine.labels import difficulty_label, mandate_label, mode_label, relation_label
from sim.i18n import _, ngettext
from sim.ui.window.modes import MODE_DETAILS, MODES
from sim.ui.window.layout import column, row
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.widgets import Button, Card

def caregiver_line(scenario) -> str:
    return ", ".join(_("{name} ({relation}, {mandate})").format(
        name=c.name, relation=relation_label(c.relation), mandate=mandate_label(c.mandate)) for c in scenario.caregivers)


class PickerScreen(Screen):
    name = "picker"
    scrollable = True
    mode = "practice"

    def __init__(self, app):
        super().__init__(app)
        self.entries = app.library.entries()
        self.mode = getattr(app, "last_mode", "practice")

    def _set_mode(self, mode: str) -> None:
        self.mode = self.app.last_mode = mode
        self.relayout()

    def _open(self, entry) -> None:
        if entry.ok:
            self.app.start_case(entry.scenario, self.mode)
        else:
            self.app.go_error(entry, back=self)

    def layout(self, size) -> None:
        super().layout(size)
        r, m = self.r, self.m
        width = size[0]
        col = column(size, r, max_width=min(width, m.body * 70))
        self.col = col
        y = col.y + r.line_height("title") + m.gap
        self.mode_label_y = y
        y += r.line_height("bold") + m.gap // 2
        modes = [Button(f"mode:{mode}", mode_label(mode), (lambda md=mode: self._set_mode(md)), "option",
                        selected=mode == self.mode) for mode in MODES]
        y = row(modes, pygame.Rect(col.x, y, min(col.width, m.body * 40), 0), m.gap, r) + m.gap // 2
        self.mode_detail = r.wrap(_(MODE_DETAILS[self.mode]), "small", col.width)
        self.mode_detail_y = y
        y += len(self.mode_detail) * r.line_height("small") + m.pad
        back = Button("back", _("Back"), self.back, "secondary")
        back_height = back.height_for(r, back.width_for(r))
        back.rect = pygame.Rect(col.x, col.bottom - back_height, max(back.width_for(r), m.body * 8), back_height)
        self.viewport = pygame.Rect(0, y, size[0], max(0, back.rect.y - m.gap - y))
        columns = 2 if col.width >= m.body * 52 else 1
        card_width = (col.width - m.pad * (columns - 1)) // columns
        cards = [self._card(entry, card_width) for entry in self.entries]
        top = y + m.gap // 2
        for start in range(0, len(cards), columns):
            line = cards[start:start + columns]
            height = max(card.want for card in line)
            for i, card in enumerate(line):
                card.rect = pygame.Rect(col.x + i * (card_width + m.pad), top, card_width, height)
            top += height + m.pad
        self.content_bottom = top - m.pad + m.gap if cards else top
        self.own_note, self.own_note_y = [], self.content_bottom
        if getattr(self.app, "scenario_dir", None) is None:  # the shipped cases, then the user's own folder
            from sim.records.log import user_cases_dir

            self.own_note = r.wrap(_("Your own cases: put case files (.yaml) in {folder} and they are listed here, "
                                     "after the shipped ones.").format(folder=user_cases_dir()), "small", col.width)
            self.content_bottom += len(self.own_note) * r.line_height("small") + m.gap
        if not cards:
            self.empty = r.wrap(_("There are no scenario files in the scenarios folder."), "body", col.width)
        self.widgets = modes + cards + [back]
        for card in cards:
            card.scrolls = True

    def _card(self, entry, width: int) -> Card:
        r, m, p = self.r, self.m, self.p
        inner = width - 2 * m.pad
        blocks = []  # (lines, role, colour)
        if entry.ok:
            sc = entry.scenario
            blocks.append((r.wrap(sc.title.get_text(), "heading", inner), "heading", "text"))
            meta = _("{difficulty} \u00b7 about {minutes} minutes").format(
                difficulty=difficulty_label(sc.difficulty), minutes=sc.minutes)
            blocks.append((r.wrap(caregiver_line(sc), "bold", inner), "bold", "text"))
            blocks.append((r.wrap(meta, "small", inner), "small", "muted"))
            notes = self._notes(sc)
            if notes:
                note = _("Content notes: {notes}. You can pause at any moment (Esc); pausing costs nothing.").format(
                    notes=", ".join(notes))
                blocks.append((r.wrap(note, "small_bold", inner), "small_bold", "note"))
            blocks.append((r.wrap(sc.summary.get_text(), "body", inner), "body", "text"))
            blocks.append((r.wrap(_("You will practise"), "small_bold", inner), "small_bold", "muted"))
            for goal in sc.learning_goals:
                blocks.append((r.wrap(goal.get_text(), "small", inner - m.pad), "small", "goal"))
        else:
            count = len(entry.errors)
            blocks.append((r.wrap(entry.title, "heading", inner), "heading", "text"))
            broken = ngettext("This case has {count} error and cannot be played. Open it to see what the checker found.",
                              "This case has {count} errors and cannot be played. Open it to see what the checker "
                              "found.", count).format(count=count)
            blocks.append((r.wrap(broken, "body", inner), "body", "danger"))
            blocks.append((r.wrap(str(entry.path), "small", inner), "small", "muted"))
        height = 2 * m.pad + sum(len(lines) * r.line_height(role) for lines, role, _colour in blocks) + m.gap // 2 * (
            len(blocks) - 1)

        def draw_body(rr: Renderer, rect: pygame.Rect, hovered: bool) -> None:
            y = rect.y + m.pad
            if not entry.ok:
                pygame.draw.rect(rr.surface, p.danger, (rect.x, rect.y, m.gap // 2, rect.height),
                                 border_top_left_radius=m.radius, border_bottom_left_radius=m.radius)
            for lines, role, colour in blocks:
                ink = {"text": p.text, "muted": p.muted, "danger": p.danger, "goal": p.text, "note": p.event_text}[colour]
                x = rect.x + m.pad
                if colour == "goal":
                    pygame.draw.circle(rr.surface, p.accent, (x + m.gap // 2, y + rr.line_height(role) // 2), 3)
                    x += m.pad
                y = rr.lines(lines, x, y, role, ink, rect) + m.gap // 2

        card = Card(f"case:{entry.id}", draw_body, lambda e=entry: self._open(e))
        card.want = height
        return card

    def _notes(self, scenario) -> list[str]:
        from sim.ui.window.content_notes import content_notes

        cache = self.__dict__.setdefault("_note_cache", {})  # the notes as found (translated where they are shown)
        if scenario.id not in cache:
            cache[scenario.id] = [label for label, _why in content_notes(scenario)]
        return [_(label) for label in cache[scenario.id]]

    def default_focus(self):
        cards = [w for w in self.widgets if w.name.startswith("case:")]
        return cards[0] if cards else self.find("back")

    def back(self) -> bool:
        self.app.go_title()
        return True

    def draw(self, r: Renderer) -> None:
        m, p, col = self.m, self.p, self.col
        r.text(_("Choose a case"), (col.x, col.y), "title", p.text, col)
        r.text(_("Mode"), (col.x, self.mode_label_y), "bold", p.text, col)
        r.lines(self.mode_detail, col.x, self.mode_detail_y, "small", p.muted, col)
        with r.clip(self.viewport):
            self.draw_widgets(r, scrolled=True)
            if not self.entries:
                r.lines(self.empty, col.x, self.viewport.y + m.pad, "body", p.muted, col)
            if self.own_note:
                r.lines(self.own_note, col.x, self.own_note_y - self.scroll, "small", p.muted, None)
        if self.max_scroll and self.scroll < self.max_scroll:
            back = self.find("back").rect
            r.text(_("More cases below (Page Down)"), (col.right, back.y + (back.height - r.line_height("small")) // 2),
                   "small", p.muted, None, align="right")
        self.draw_widgets(r, scrolled=False)
