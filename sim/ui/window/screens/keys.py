"""The keys screen (F1 anywhere): every key the window answers to, by where it works."""

from __future__ import annotations

import pygame

from sim.ui.window.screens.reading import ReadingScreen

KEYS = (
    ("Everywhere", (
        ("Tab, Shift+Tab, arrows", "move between controls"),
        ("Enter or Space", "choose the control with the focus"),
        ("Esc", "go back (during a case: the menu)"),
        ("F1", "this list of keys"),
        ("F11", "full screen or window"),
        ("V", "read aloud on or off (espeak-ng)"),
    )),
    ("Playing a case", (
        ("1 to 9", "choose that answer, even one scrolled out of sight"),
        ("Up, Down", "move between the answers"),
        ("Page Up, Page Down, Home, End", "scroll the scene"),
        ("Mouse wheel", "scroll what is under the pointer; up past the top opens the history"),
        ("H", "the history: everything said, seen and chosen"),
        ("Backspace", "take your last choice back (Practice, Facilitator)"),
        ("P", "show or hide the hidden alliance (Facilitator; hidden while the group chooses)"),
    )),
    ("Questions", (
        ("1 to 3", "answer what you notice"),
        ("Left, Right (Shift: by 1)", "move your estimate by 10"),
        ("Home, End", "estimate 0 or 100"),
        ("Backspace", "take back the choice before the question (Practice, Facilitator)"),
    )),
    ("History, debrief and lists", (
        ("Page Up, Page Down, Home, End, wheel", "scroll"),
        ("H, Esc, wheel down past the end", "back to the case (history)"),
    )),
)


class KeysScreen(ReadingScreen):
    name = "keys"
    heading = "Keys"

    def layout(self, size) -> None:
        super().layout(size)
        r, m, p = self.r, self.m, self.p
        top = self.frame(size, m.body * 40)
        col = self.col
        key_w = min(col.width * 2 // 5, max(r.measure(k, "small_bold") for _, rows in KEYS for k, _ in rows) + m.pad)
        y = top
        for heading, rows in KEYS:
            self.lines.append((heading, "bold", p.text, col.x, y, col.width))
            y += r.line_height("bold")
            for key, what in rows:
                keys = r.wrap(key, "small_bold", key_w - m.gap)
                whats = r.wrap(what, "small", col.width - key_w)
                for i, line in enumerate(keys):
                    self.lines.append((line, "small_bold", p.accent, col.x, y + i * r.line_height("small"), key_w))
                for i, line in enumerate(whats):
                    self.lines.append((line, "small", p.text, col.x + key_w, y + i * r.line_height("small"),
                                       col.width - key_w))
                y += max(len(keys), len(whats)) * r.line_height("small") + m.gap // 3
            y += m.gap
        self.content_bottom = y

    def speech(self) -> str:
        return " ".join(f"{key}: {what}." for _, rows in KEYS for key, what in rows)

    def key(self, event) -> bool:
        if event.key == pygame.K_F1:
            return self.back()
        return False
