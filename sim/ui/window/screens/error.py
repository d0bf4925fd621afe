"""The error screen: a scenario that fails the checker, with every message as file:line: message."""

from __future__ import annotations

import pygame

from sim.i18n import _, ngettext
from sim.scenario.problems import ERROR
from sim.ui.window.layout import column
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.widgets import Button


def problem_line(problem) -> str:
    """file:line: field: message, as the checker prints it (the checker's message is its own; not translated here)."""
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    text = f"{where}: {problem.field + ': ' if problem.field else ''}{problem.message}"
    return text


class ErrorScreen(Screen):
    name = "error"
    scrollable = True

    def __init__(self, app, entry, back_to=None):
        super().__init__(app)
        self.entry = entry
        self.back_to = back_to

    def layout(self, size) -> None:
        super().layout(size)
        r, m = self.r, self.m
        col = column(size, r, max_width=m.body * 44)
        self.col = col
        back = Button("back", _("Back to the cases") if self.back_to else _("Back to the title"), self.back, "primary")
        back_height = back.height_for(r, back.width_for(r))
        back.rect = pygame.Rect(col.x, col.bottom - back_height, max(back.width_for(r), m.body * 10), back_height)
        self.widgets = [back]
        by_line = sorted(self.entry.problems, key=lambda p: (p.file, p.line or 0))
        errors = [p for p in by_line if p.severity == ERROR] or by_line
        warnings = [p for p in by_line if p not in errors]
        intro = ngettext("The checker found {count} error in {file}. Fix it in the file (run '{command}' to check "
                         "again); the other cases can still be played.",
                         "The checker found {count} errors in {file}. Fix them in the file (run '{command}' to check "
                         "again); the other cases can still be played.", len(errors))
        self.intro = r.wrap(intro.format(count=len(errors), file=self.entry.path, command="alliance-sim validate"),
                            "body", col.width)
        self.heading = r.wrap(_("This case cannot be opened"), "title", col.width)
        header = len(self.heading) * r.line_height("title") + len(self.intro) * r.line_height("body") + m.pad
        self.viewport = pygame.Rect(0, col.y + header, size[0], max(0, back.rect.y - m.pad - col.y - header))
        items = []
        y = self.viewport.y
        inner = col.width - 2 * m.pad
        for problem in errors + warnings:
            lines = r.wrap(problem_line(problem), "body", inner)
            hint = r.wrap(_("Hint: {hint}").format(hint=problem.hint), "small", inner) if problem.hint else []
            height = len(lines) * r.line_height("body") + len(hint) * r.line_height("small") + 2 * m.gap
            items.append((problem, lines, hint, pygame.Rect(col.x, y, col.width, height)))
            y += height + m.gap
        self.items = items
        self.content_bottom = y

    def back(self) -> bool:
        if self.back_to is not None:
            self.app.show(self.back_to)
        else:
            self.app.go_title()
        return True

    def key(self, event) -> bool:
        if event.key in (pygame.K_UP, pygame.K_DOWN):
            return self.scroll_by((1 if event.key == pygame.K_DOWN else -1) * self.r.line_height("body"))
        return False

    def draw(self, r: Renderer) -> None:
        m, p, col = self.m, self.p, self.col
        y = r.lines(self.heading, col.x, col.y, "title", p.danger, col)
        r.lines(self.intro, col.x, y, "body", p.text, col)
        with r.clip(self.viewport):
            for problem, lines, hint, rect in self.items:
                box = rect.move(0, -self.scroll)
                if not box.colliderect(self.viewport):
                    continue
                error = problem.severity == ERROR
                r.box(box, p.danger_bg if error else p.event_bg, p.danger if error else p.event_border)
                y = r.lines(lines, box.x + m.pad, box.y + m.gap, "body", p.text, box)
                r.lines(hint, box.x + m.pad, y, "small", p.muted if not error else p.text, box)
        back = self.widgets[0].rect
        hint = _("Scroll for more (Page Down)")
        if self.scroll < self.max_scroll and back.right + m.pad + r.measure(hint, "small") <= col.right:
            r.text(hint, (col.right, back.y + (back.height - r.line_height("small")) // 2), "small", p.muted,
                   None, align="right")
        self.draw_widgets(r)
