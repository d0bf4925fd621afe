"""The history screen: everything said, seen and chosen so far, newest at the bottom (where it opens).

H, Escape or the wheel turned down past the end go back to the case; Page Up / Down, Home / End and
the wheel scroll.
"""

from __future__ import annotations

import pygame

from sim.engine.labels import phase_label
from sim.i18n import N_, _
from sim.ui.window.transcript import history
from sim.ui.window.render import Renderer
from sim.ui.window.screens.reading import ReadingScreen
from sim.ui.window.wrap import typographic

STYLE = {  # kind -> (role, palette colour name, the line's words around the text, marked for translation)
    "event": ("body", "event_text", ""),
    "narration": ("body", "muted", ""),
    "words": ("speech", "text", ""),
    "cue": ("small", "muted", ""),
    "choice": ("bold", "accent", N_("You: {choice}")),
    "notice": ("small", "text", ""),
    "estimate": ("small", "text", ""),
    "ending": ("heading", "text", ""),
}


class HistoryScreen(ReadingScreen):
    name = "history"
    heading = N_("History")
    back_label = N_("Back to the case")

    def __init__(self, app, under):
        super().__init__(app, under)
        self.entries = history(app.case.session)
        self._opened = False

    def layout(self, size) -> None:
        super().layout(size)
        r, m, p = self.r, self.m, self.p
        top = self.frame(size, m.measure + 2 * m.pad)
        col = self.col
        y = top
        for entry in self.entries:
            if entry.kind == "phase":
                y += m.gap
                self.lines.append((phase_label(entry.text), "small_bold", p.muted, col.x, y, col.width))
                y += r.line_height("small_bold") + m.gap // 2
                continue
            role, colour, prefix = STYLE[entry.kind]
            indent = m.pad if entry.kind in ("cue", "choice", "notice", "estimate") else 0
            if entry.kind == "words" and entry.who:
                self.lines.append((entry.who, "small_bold", p.accent, col.x, y, col.width))
                y += r.line_height("small")
            text = typographic(entry.text)
            if entry.kind == "words" and entry.who:
                text = f"\u201c{text}\u201d"
            if prefix:
                text = _(prefix).format(choice=text)
            for line in r.wrap(text, role, col.width - indent):
                self.lines.append((line, role, getattr(p, colour), col.x + indent, y, col.width - indent))
                y += r.line_height(role)
            y += m.gap
        self.content_bottom = y
        if not self._opened:  # opens at the end: the latest is what she just said
            self._opened = True
            self.scroll = max(0, self.content_bottom - self.viewport.bottom)

    def handle(self, event) -> bool:
        down = (event.type == pygame.MOUSEWHEEL and event.y < 0) or (
            event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 0) == 5)
        if down and self.scroll >= self.max_scroll:
            return self.back()  # the wheel turned down past the end returns to the case, as in Ren'Py
        return super().handle(event)

    def key(self, event) -> bool:
        if event.key in (pygame.K_h, pygame.K_BACKSPACE):
            return self.back()
        return False

    def draw_empty(self, r: Renderer) -> None:
        if not self.lines:
            r.text(_("Nothing has happened yet."), (self.col.x, self.viewport.y), "body", self.p.muted, self.col)
