"""A question before something that cannot be undone, or that matters: a title, what will happen, and
the answers as buttons (the safe one first, so Enter never destroys anything by accident).

The caller gives the words already translated: a question is answered before the language can change
(Settings cannot be reached from it)."""

from __future__ import annotations

from sim.ui.window.layout import column, stack
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.widgets import Button


class ConfirmScreen(Screen):
    name = "confirm"
    show_focus_at_start = True

    def __init__(self, app, title: str, message: str, answers: list[tuple[str, str, object, str]], back=None):
        """``answers``: (name, label, action, style), the first gets the focus; ``back`` is Escape."""
        super().__init__(app)
        self.title, self.message, self.answers, self.back_action = title, message, answers, back

    def layout(self, size) -> None:
        super().layout(size)
        r, m = self.r, self.m
        col = column(size, r, max_width=m.body * 30)
        self.col = col
        self.title_lines = r.wrap(self.title, "title", col.width)
        self.message_lines = r.wrap(self.message, "body", col.width)
        self.widgets = [Button(name, label, action, style) for name, label, action, style in self.answers]
        text_h = (len(self.title_lines) * r.line_height("title") + m.pad
                  + len(self.message_lines) * r.line_height("body") + m.pad)
        height = text_h + stack(self.widgets, 0, 0, col.width, m.gap, r)
        self.top = col.y + max(0, (col.height - height) // 3)
        stack(self.widgets, col.x, self.top + text_h, col.width, m.gap, r)

    def speech(self) -> str:
        return " ".join([self.title + ".", self.message] + [w.spoken() for w in self.widgets])

    def back(self) -> bool:
        if self.back_action is None:
            return False
        self.back_action()
        return True

    def draw(self, r: Renderer) -> None:
        p, m, col = self.p, self.m, self.col
        y = r.lines(self.title_lines, col.x, self.top, "title", p.text, col) + m.pad
        r.lines(self.message_lines, col.x, y, "body", p.text, col)
        self.draw_widgets(r)
