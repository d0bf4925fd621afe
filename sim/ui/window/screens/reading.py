"""A screen of lines to read over a case (the history, the keys): a title, the lines scrolled under it
with a scrollbar, and a way back to the screen it was opened from."""

from __future__ import annotations

import pygame

from sim.i18n import N_, _
from sim.ui.window.layout import column
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.widgets import Button


class ReadingScreen(Screen):
    scrollable = True
    heading = ""  # marked with N_, translated where it is drawn

    def __init__(self, app, under):
        super().__init__(app)
        self.under = under
        self.lines: list = []  # (text, role, colour, x, y, width) in content coordinates

    back_label = N_("Back")

    def frame(self, size, width: int) -> int:
        """Lay out the column, the back button and the scrolled view under the title; returns its top."""
        r, m = self.r, self.m
        col = self.col = column(size, r, max_width=width)
        back = Button("back", _(self.back_label), self.back, "primary")
        back_h = back.height_for(r, back.width_for(r))
        back.rect = pygame.Rect(col.x, col.bottom - back_h, max(back.width_for(r) + m.pad, m.body * 8), back_h)
        top = col.y + r.line_height("title") + m.gap
        self.viewport = pygame.Rect(0, top, size[0], max(0, back.rect.y - m.gap - top))
        self.widgets = [back]
        self.lines = []
        return top

    def back(self) -> bool:
        self.app.show(self.under)
        return True

    def draw(self, r: Renderer) -> None:
        p, col = self.p, self.col
        r.text(_(self.heading) if self.heading else "", (col.x, col.y), "title", p.text, col)
        with r.clip(self.viewport):
            for text, role, colour, x, y, width in self.lines:
                top = y - self.scroll
                if top + r.line_height(role) < self.viewport.y or top > self.viewport.bottom:
                    continue
                r.text(text, (x, top), role, colour, pygame.Rect(x, top, width, r.line_height(role)))
        self.draw_empty(r)
        self.draw_scrollbar(r, col.right + self.m.pad)
        self.draw_widgets(r)

    def draw_empty(self, r: Renderer) -> None:
        """What to say when there are no lines (nothing by default)."""
