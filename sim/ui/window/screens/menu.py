"""The pause menu over a case: go on, settings, back to the title (the case is saved), quit."""

from __future__ import annotations

from sim.i18n import _
from sim.ui.window.layout import column, stack
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.widgets import Button


class MenuScreen(Screen):
    name = "menu"

    def __init__(self, app, under):
        super().__init__(app)
        self.under = under

    def _title(self) -> None:
        if self.app.case is not None:
            self.app.case.save()
        self.app.go_title()

    def layout(self, size) -> None:
        super().layout(size)
        r, m = self.r, self.m
        col = column(size, r, max_width=m.body * 24)
        self.col = col
        self.widgets = [
            Button("resume", _("Back to the case"), self.back, "primary"),
            Button("settings", _("Settings"), lambda: self.app.go_settings(self.under)),
            Button("title", _("Save and go to the title"), self._title),
            Button("quit", _("Save and quit"), self.app.quit, "quiet"),
        ]
        saved = _("Pausing costs nothing: the case waits as it is, saved after every choice.")
        problem = self.app.case.save_problem if self.app.case is not None else ""
        self.note = r.wrap(problem or saved, "small", col.width)
        height = (r.line_height("title") + m.pad + len(self.note) * r.line_height("small") + m.pad
                  + stack(self.widgets, 0, 0, col.width, m.gap, r))
        self.top = col.y + max(0, (col.height - height) // 3)
        y = self.top + r.line_height("title") + m.pad + len(self.note) * r.line_height("small") + m.pad
        stack(self.widgets, col.x, y, col.width, m.gap, r)

    def back(self) -> bool:
        self.app.show(self.under)
        return True

    def draw(self, r: Renderer) -> None:
        p, col = self.p, self.col
        r.text(_("Paused"), (col.x, self.top), "title", p.text, col, align="center", width=col.width)
        y = self.top + r.line_height("title") + self.m.pad
        for line in self.note:
            r.text(line, (col.x, y), "small", p.muted, col, align="center", width=col.width)
            y += r.line_height("small")
        self.draw_widgets(r)
