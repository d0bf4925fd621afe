"""A banner across the top of the window for a problem the learner must see while she plays on: the data
folder cannot hold her progress (it is a file, read-only or full), or the session log cannot be written.
Play goes on; the banner stays until saving works again."""

from __future__ import annotations

import pygame

from sim.i18n import _


def _lines(r, text: str, width: int):
    pad = max(6, r.line_height("small") // 3)
    return pad, r.wrap(text, "small", width - 2 * pad)[:3]


def banner_height(r, size, text: str) -> int:
    """The height the banner takes across the top of a window of ``size`` (0 without one): the case screens
    lay out below it, so that it never hides the case's title, its phases or the Pause button."""
    if not text:
        return 0
    pad, lines = _lines(r, text, size[0])
    return len(lines) * r.line_height("small") + 2 * pad


def draw_banner(r, text: str) -> pygame.Rect:
    """Draw ``text`` in the danger colours across the top of the frame; returns the banner's rectangle."""
    surface = r.surface
    pad, lines = _lines(r, text, surface.get_width())
    rect = pygame.Rect(0, 0, surface.get_width(), len(lines) * r.line_height("small") + 2 * pad)
    r.box(rect, r.palette.danger_bg, r.palette.danger, width=2)
    y = pad
    for line in lines:
        r.text(line, (pad, y), "small", r.palette.danger, rect)
        y += r.line_height("small")
    return rect


def case_problem(case) -> str:
    """What the banner says for a case in play ('' when all is well)."""
    if case is None:
        return ""
    if case.save_problem:
        return _("{problem} The case goes on; your decisions are kept only while this window is open.").format(
            problem=case.save_problem)
    if case.record_problem:  # the session log or the learning record (the save is said above when it fails)
        return _("{problem} The case goes on.").format(problem=case.record_problem)
    return ""
