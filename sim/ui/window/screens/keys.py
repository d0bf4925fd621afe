"""The keys screen (F1 anywhere): every key the window answers to, by where it works."""

from __future__ import annotations

import pygame

from sim.i18n import N_, _
from sim.ui.window.screens.reading import ReadingScreen

# (where, ((keys, what they do), ...)): the words are marked here and translated where they are drawn; a key
# cap's own letter or number (F1, V) is not a word to translate
KEYS = (
    (N_("Everywhere"), (
        (N_("Tab, Shift+Tab, arrows"), N_("move between controls")),
        (N_("Enter or Space"), N_("choose the control with the focus")),
        (N_("Esc"), N_("go back (during a case: the menu)")),
        ("F1", N_("this list of keys")),
        ("F11", N_("full screen or window")),
        ("V", N_("read aloud on or off (espeak-ng)")),
    )),
    (N_("Playing a case"), (
        (N_("1 to 9"), N_("choose that answer, even one scrolled out of sight")),
        (N_("Up, Down"), N_("move between the answers")),
        (N_("Page Up, Page Down, Home, End"), N_("scroll the scene")),
        (N_("Mouse wheel"), N_("scroll what is under the pointer; up past the top opens the history")),
        ("H", N_("the history: everything said, seen and chosen")),
        (N_("Backspace"), N_("take your last choice back (Practice, Facilitator)")),
        ("P", N_("show or hide the hidden alliance (Facilitator; hidden while the group chooses)")),
        ("F5", N_("read the case file again and replay to here (for authors; not in Assessment)")),
    )),
    (N_("Questions"), (
        (N_("1 to 3"), N_("answer what you notice")),
        (N_("Left, Right (Shift: by 1)"), N_("move your estimate by 10")),
        (N_("Home, End"), N_("estimate 0 or 100")),
        (N_("Backspace"), N_("take back the choice before the question (Practice, Facilitator)")),
    )),
    (N_("History, debrief and lists"), (
        (N_("Page Up, Page Down, Home, End, wheel"), N_("scroll")),
        (N_("H, Esc, wheel down past the end"), N_("back to the case (history)")),
    )),
)


class KeysScreen(ReadingScreen):
    name = "keys"
    heading = N_("Keys")

    def layout(self, size) -> None:
        super().layout(size)
        r, m, p = self.r, self.m, self.p
        top = self.frame(size, m.body * 40)
        col = self.col
        key_w = min(col.width * 2 // 5, max(r.measure(_(k), "small_bold") for _heading, rows in KEYS for k, _what in rows) + m.pad)
        y = top
        for heading, rows in KEYS:
            self.lines.append((_(heading), "bold", p.text, col.x, y, col.width))
            y += r.line_height("bold")
            for key, what in rows:
                keys = r.wrap(_(key), "small_bold", key_w - m.gap)
                whats = r.wrap(_(what), "small", col.width - key_w)
                for i, line in enumerate(keys):
                    self.lines.append((line, "small_bold", p.accent, col.x, y + i * r.line_height("small"), key_w))
                for i, line in enumerate(whats):
                    self.lines.append((line, "small", p.text, col.x + key_w, y + i * r.line_height("small"),
                                       col.width - key_w))
                y += max(len(keys), len(whats)) * r.line_height("small") + m.gap // 3
            y += m.gap
        self.content_bottom = y

    def speech(self) -> str:
        return " ".join(_("{key}: {what}.").format(key=_(key), what=_(what))
                        for _heading, rows in KEYS for key, what in rows)

    def key(self, event) -> bool:
        if event.key == pygame.K_F1:
            return self.back()
        return False
