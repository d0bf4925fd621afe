"""A vertical flow of lines, boxes and buttons that is split into pages when it does not fit.

The play screen uses it so that long words page instead of being cut off or
shrunk: every page shows whole lines and whole choices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import pygame

from sim.ui.window.wrap import paginate


@dataclass
class Item:
    height: int
    draw: Callable[[object, pygame.Rect], None] | None = None  # (renderer, rect)
    widget: object | None = None
    keep_with_next: bool = False
    spacer: bool = False
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))


class Flow:
    def __init__(self, items: list[Item], area: pygame.Rect):
        self.items = items
        self.area = area
        heights = [item.height for item in items]
        self.pages = paginate(heights, area.height, [item.keep_with_next for item in items]) if items else [[]]

    @property
    def count(self) -> int:
        return len(self.pages)

    def place(self, page: int) -> list[Item]:
        """Position the items of ``page`` from the top of the area; leading spacers are dropped."""
        indexes = self.pages[max(0, min(page, self.count - 1))]
        y = self.area.y
        shown = []
        for index in indexes:
            item = self.items[index]
            if item.spacer and not shown:
                continue
            item.rect = pygame.Rect(self.area.x, y, self.area.width, item.height)
            if item.widget is not None:
                item.widget.rect = pygame.Rect(item.rect)
            y += item.height
            shown.append(item)
        return shown

    def page_of(self, widget) -> int | None:
        for number, indexes in enumerate(self.pages):
            if any(self.items[i].widget is widget for i in indexes):
                return number
        return None
