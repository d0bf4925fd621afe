"""Layout helpers: the reading column, stacking widgets, rows that fall back to columns.

Everything is computed from the window size and the text metrics, every time
either changes, so the layout reflows instead of scaling.
"""

from __future__ import annotations

import pygame

from sim.ui.window.render import Renderer


def margins(size, r: Renderer) -> int:
    """The outer margin: generous on a big window, tighter on a small one."""
    width, height = size
    return max(r.metrics.gap, min(r.metrics.pad * 2, width // 40, height // 30))


def column(size, r: Renderer, max_width: int | None = None, top: int | None = None, bottom: int = 0) -> pygame.Rect:
    """A centred column no wider than ``max_width`` (default: a comfortable reading measure)."""
    width, height = size
    margin = margins(size, r)
    limit = max_width or r.metrics.measure
    col_width = min(limit, width - 2 * margin)
    top = margin if top is None else top
    return pygame.Rect((width - col_width) // 2, top, col_width, max(0, height - top - margin - bottom))


def stack(widgets, x: int, y: int, width: int, gap: int, r: Renderer) -> int:
    """Place widgets one under another at full ``width``; returns the y under the last."""
    for widget in widgets:
        height = widget.height_for(r, width) if hasattr(widget, "height_for") else widget.rect.height
        widget.rect = pygame.Rect(x, y, width, height)
        y += height + gap
    return y - gap if widgets else y


def row(widgets, rect: pygame.Rect, gap: int, r: Renderer, natural: bool = False, align: str = "left") -> int:
    """Place widgets side by side across ``rect`` (equal widths, or natural widths when ``natural``,
    aligned left or right); when they do not fit on one line, stack them. Returns the y under them."""
    if not widgets:
        return rect.y
    count = len(widgets)
    if natural:
        widths = [w.width_for(r) for w in widgets]
    else:
        widths = [(rect.width - gap * (count - 1)) // count] * count
    fits = sum(widths) + gap * (count - 1) <= rect.width and all(
        len(r.wrap(w.label, w.role, width - 2 * r.metrics.pad)) == 1 for w, width in zip(widgets, widths)
        if hasattr(w, "label"))
    if not fits:
        return stack(widgets, rect.x, rect.y, rect.width, gap, r)
    height = max(w.height_for(r, width) for w, width in zip(widgets, widths))
    x = rect.right - (sum(widths) + gap * (count - 1)) if natural and align == "right" else rect.x
    for widget, width in zip(widgets, widths):
        widget.rect = pygame.Rect(x, rect.y, width, height)
        x += width + gap
    return rect.y + height


def add_paragraph(r: Renderer, width: int, blocks: list, y: int, text: str, role: str, colour: str = "text",
                  after: int | None = None) -> int:
    """Wrap ``text`` to ``width``, add it to ``blocks`` as (lines, role, colour name, y); returns the next y."""
    lines = r.wrap(text, role, width)
    blocks.append((lines, role, colour, y))
    return y + len(lines) * r.line_height(role) + (r.metrics.gap if after is None else after)
