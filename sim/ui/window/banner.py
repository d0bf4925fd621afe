"""A banner across the top of the window for a problem the learner must see while she plays on: the data
folder cannot hold her progress (it is a file, read-only or full), or the session log cannot be written.
Play goes on; the banner stays until saving works again."""

from __future__ import annotations

import pygame


def draw_banner(r, text: str) -> pygame.Rect:
    """Draw ``text`` in the danger colours across the top of the frame; returns the banner's rectangle."""
    surface = r.surface
    pad = max(6, r.line_height("small") // 3)
    lines = r.wrap(text, "small", surface.get_width() - 2 * pad)[:3]
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
    problem = case.save_problem or case.record_problem
    return f"{problem} The case goes on; your decisions are kept only while this window is open." if problem else ""
