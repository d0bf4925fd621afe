"""Continue: every saved case, newest first, as case, mode, decision and date. A run in progress opens
where it was left; a finished one opens on its debrief."""

from __future__ import annotations

import pygame

from sim.engine.labels import mode_label
from sim.i18n import _, ngettext
from sim.ui.window.layout import column
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.slots import list_slots
from sim.ui.window.widgets import Button


def slot_detail(slot) -> str:
    """The second line of a saved case's button: mode, where it stands, when it was saved."""
    if slot.problem:
        return f"{slot.path.name}: {slot.problem}"
    mode = mode_label(slot.mode)
    if slot.mode == "assessment":
        mode = (_("{mode} ({learner}, attempt {attempt})").format(mode=mode, learner=slot.learner, attempt=slot.attempt)
                if slot.learner else _("{mode} (attempt {attempt})").format(mode=mode, attempt=slot.attempt))
    if slot.finished:
        return _("{mode} \u00b7 finished: opens its debrief \u00b7 saved {date}").format(mode=mode, date=slot.date)
    return ngettext("{mode} \u00b7 at decision {decision} ({count} choice made) \u00b7 saved {date}",
                    "{mode} \u00b7 at decision {decision} ({count} choices made) \u00b7 saved {date}",
                    slot.choices).format(mode=mode, decision=slot.choices + 1, count=slot.choices, date=slot.date)


class SavesScreen(Screen):
    name = "saves"
    scrollable = True

    def __init__(self, app):
        super().__init__(app)
        self.slots = list_slots()

    def library_ready(self) -> None:
        self.relayout()  # the cases' titles are known now

    def layout(self, size) -> None:
        super().layout(size)
        r, m = self.r, self.m
        col = column(size, r, max_width=m.body * 40)
        self.col = col
        top = col.y + r.line_height("title") + m.pad
        back = Button("back", _("Back"), self.back, "secondary")
        back_h = back.height_for(r, back.width_for(r))
        back.rect = pygame.Rect(col.x, col.bottom - back_h, max(back.width_for(r), m.body * 8), back_h)
        self.viewport = pygame.Rect(0, top, size[0], max(0, back.rect.y - m.gap - top))
        self.widgets = []
        y = top
        for index, slot in enumerate(self.slots):
            title = self.app.library.title_of(slot.scenario_id) or slot.scenario_id.replace("_", " ").capitalize()
            button = Button(f"save:{index}", title or slot.path.name, (lambda s=slot: self.app.open_save(s)),
                            "secondary", detail=slot_detail(slot), align="left", enabled=not slot.problem)
            button.rect = pygame.Rect(col.x, y, col.width, button.height_for(r, col.width))
            button.scrolls = True
            self.widgets.append(button)
            y = button.rect.bottom + m.gap
        self.empty = [] if self.slots else r.wrap(_("There is no saved case."), "body", col.width)
        self.content_bottom = y
        self.widgets.append(back)

    def back(self) -> bool:
        self.app.go_title()
        return True

    def draw(self, r: Renderer) -> None:
        p, m, col = self.p, self.m, self.col
        r.text(_("Continue"), (col.x, col.y), "title", p.text, col)
        with r.clip(self.viewport):
            self.draw_widgets(r, scrolled=True)
            r.lines(self.empty, col.x, self.viewport.y, "body", p.muted, col)
        self.draw_widgets(r, scrolled=False)
