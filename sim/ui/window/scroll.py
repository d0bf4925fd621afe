"""A scrolled column of blocks (lines, boxes, buttons) with a visible scrollbar.

The play screen has two of them, her words and the choices, so that the choices
are always one list: when they do not fit they scroll together, with a
scrollbar and a line that says more are below, and are never split into pages.
Widgets inside an area get ``scrolls``, ``dy`` (the offset) and ``viewport``
(the area), so the screen's hit tests and focus rings know what is visible.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pygame

from sim.ui.window.render import Renderer


@dataclass
class Block:
    height: int
    draw: Callable[[Renderer, pygame.Rect], None] | None = None  # (renderer, rect on screen)
    widget: object | None = None
    tag: str = ""  # what the block holds ("words", "choice", "event"...), for keeping parts in view
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))  # content coordinates


class ScrollArea:
    """Blocks stacked from the top of ``rect``; the part that does not fit scrolls."""

    def __init__(self, name: str, rect: pygame.Rect, blocks: list[Block], bar_width: int = 8):
        self.name = name
        self.rect = pygame.Rect(rect)
        self.blocks = blocks
        self.bar_width = bar_width
        self.scroll = 0
        y = self.rect.y
        for block in blocks:
            block.rect = pygame.Rect(self.rect.x, y, self.rect.width, block.height)
            if block.widget is not None:
                block.widget.rect = pygame.Rect(block.rect)
                block.widget.scrolls = True
                block.widget.viewport = self.rect
            y += block.height
        self.content_height = y - self.rect.y
        self._apply()

    @staticmethod
    def total(blocks: list[Block]) -> int:
        return sum(block.height for block in blocks)

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_height - self.rect.height)

    @property
    def scrollable(self) -> bool:
        return self.max_scroll > 0

    @property
    def widgets(self) -> list:
        return [block.widget for block in self.blocks if block.widget is not None]

    def _apply(self) -> None:
        for widget in self.widgets:
            widget.dy = self.scroll

    def scroll_to(self, value: int) -> bool:
        value = max(0, min(self.max_scroll, int(value)))
        changed = value != self.scroll
        self.scroll = value
        self._apply()
        return changed

    def scroll_by(self, amount: int) -> bool:
        return self.scroll_to(self.scroll + amount)

    def show(self, top: int, bottom: int, margin: int = 0) -> bool:
        """Scroll the least needed so that content from ``top`` to ``bottom`` (content coordinates) is seen;
        when it is taller than the area, its top is shown."""
        top, bottom = top - margin, bottom + margin
        view_top, view_bottom = self.rect.y + self.scroll, self.rect.bottom + self.scroll
        if bottom - top > self.rect.height or top < view_top:
            return self.scroll_to(top - self.rect.y)
        if bottom > view_bottom:
            return self.scroll_to(bottom - self.rect.bottom)
        return False

    def show_widget(self, widget, margin: int = 0) -> bool:
        return self.show(widget.rect.top, widget.rect.bottom, margin)

    def span(self, tag: str) -> tuple[int, int] | None:
        """The content span of the blocks tagged ``tag`` (first top to last bottom)."""
        tagged = [block.rect for block in self.blocks if block.tag == tag]
        if not tagged:
            return None
        return tagged[0].top, tagged[-1].bottom

    def visible(self, block: Block) -> bool:
        return self.rect.contains(block.rect.move(0, -self.scroll))

    def page(self) -> int:
        return max(1, self.rect.height - self.rect.height // 6)

    @property
    def at_top(self) -> bool:
        return self.scroll <= 0

    @property
    def at_bottom(self) -> bool:
        return self.scroll >= self.max_scroll

    # ----- drawing -----

    def draw(self, r: Renderer, screen) -> None:
        """Draw the blocks that can be seen (widgets through the screen, for hover and focus), then the bar."""
        with r.clip(self.rect):
            for block in self.blocks:
                shown = block.rect.move(0, -self.scroll)
                if not shown.colliderect(self.rect):
                    continue
                if block.draw is not None:
                    block.draw(r, shown)
                if block.widget is not None:
                    widget = block.widget
                    widget.draw(r, widget is screen.hover, widget is screen.focus and screen.focus_visible,
                                widget is screen.pressed)
        if self.scrollable:
            self.draw_bar(r)

    def bar_rect(self) -> pygame.Rect:
        return pygame.Rect(self.rect.right + self.bar_width, self.rect.y, self.bar_width, self.rect.height)

    def draw_bar(self, r: Renderer) -> None:
        track = self.bar_rect()
        visible = self.rect.height / max(1, self.content_height)
        thumb_h = max(r.metrics.body, round(track.height * visible))
        room = track.height - thumb_h
        thumb = pygame.Rect(track.x, track.y + round(room * self.scroll / max(1, self.max_scroll)), track.width,
                            thumb_h)
        r.scrollbar(self.name, track, thumb)
