"""Drawing primitives over a pygame surface, with a record of every string drawn on the frame.

``Renderer.drawn`` lists each piece of text of the last frame with its rect and
the container it was meant to fit in, and ``Renderer.scrollbars`` every
scrollbar, so tests can check what the learner actually saw (and that nothing
spilled out of its box).
"""

from __future__ import annotations

from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass

import pygame

from sim.ui.window.theme import FONT_DIR, FONT_FILES, Metrics, Palette
from sim.ui.window.wrap import ellipsize, wrap_text

# role -> (face, size attribute of Metrics, line-height factor)
ROLES = {
    "body": ("sans", "body", 1.45),
    "bold": ("bold", "body", 1.45),
    "small": ("sans", "small", 1.45),
    "small_bold": ("bold", "small", 1.45),
    "speech": ("serif", "speech", 1.5),
    "heading": ("bold", "heading", 1.3),
    "title": ("bold", "title", 1.2),
}
SURFACE_CACHE = 3000


@dataclass
class DrawnText:
    text: str
    rect: pygame.Rect
    role: str
    container: pygame.Rect | None
    clipped: bool = False  # partly outside the clip area (a scrolled view's edge)


@dataclass
class DrawnBar:
    name: str            # the scrolled area it belongs to
    track: pygame.Rect
    thumb: pygame.Rect


class Renderer:
    def __init__(self, palette: Palette, metrics: Metrics):
        self.palette = palette
        self.metrics = metrics
        self.surface: pygame.Surface | None = None
        self.drawn: list[DrawnText] = []
        self.scrollbars: list[DrawnBar] = []
        self._fonts: dict[str, pygame.font.Font] = {}
        self._rendered: OrderedDict = OrderedDict()
        self._wrapped: dict = {}
        self._widths: dict = {}

    # ----- configuration -----

    def configure(self, palette: Palette, metrics: Metrics) -> None:
        if metrics != self.metrics:
            self._fonts.clear()
            self._wrapped.clear()
            self._widths.clear()
            self._rendered.clear()
        if palette != self.palette:
            self._rendered.clear()
        self.palette, self.metrics = palette, metrics

    def font(self, role: str) -> pygame.font.Font:
        font = self._fonts.get(role)
        if font is None:
            face, size_name, _ = ROLES[role]
            font = pygame.font.Font(str(FONT_DIR / FONT_FILES[face]), getattr(self.metrics, size_name))
            self._fonts[role] = font
        return font

    def line_height(self, role: str = "body") -> int:
        _, size_name, factor = ROLES[role]
        return round(getattr(self.metrics, size_name) * factor)

    def measure(self, text: str, role: str = "body") -> int:
        key = (text, role)
        width = self._widths.get(key)
        if width is None:
            width = self.font(role).size(text)[0]
            if len(self._widths) > 20000:
                self._widths.clear()
            self._widths[key] = width
        return width

    def wrap(self, text: str, role: str, width: int) -> list[str]:
        key = (text, role, width)
        lines = self._wrapped.get(key)
        if lines is None:
            lines = wrap_text(text, max(1, width), lambda s: self.measure(s, role))
            if len(self._wrapped) > 4000:
                self._wrapped.clear()
            self._wrapped[key] = lines
        return lines

    def fit(self, text: str, role: str, width: int) -> str:
        return ellipsize(text, width, lambda s: self.measure(s, role))

    def text_height(self, text: str, role: str, width: int) -> int:
        return len(self.wrap(text, role, width)) * self.line_height(role)

    # ----- the frame -----

    def begin(self, surface: pygame.Surface) -> None:
        self.surface = surface
        self.drawn = []
        self.scrollbars = []
        surface.set_clip(None)
        surface.fill(self.palette.bg)

    @property
    def drawn_strings(self) -> list[str]:
        return [item.text for item in self.drawn]

    def _render(self, text: str, role: str, colour) -> pygame.Surface:
        key = (text, role, tuple(colour))
        image = self._rendered.get(key)
        if image is None:
            image = self.font(role).render(text, True, colour)
            self._rendered[key] = image
            if len(self._rendered) > SURFACE_CACHE:
                self._rendered.popitem(last=False)
        else:
            self._rendered.move_to_end(key)
        return image

    def text(self, text: str, pos, role: str = "body", colour=None, container: pygame.Rect | None = None,
             align: str = "left", width: int | None = None) -> pygame.Rect:
        """Draw one line. ``pos`` is the top-left of its line box (top-centre or top-right with ``align``)."""
        colour = colour or self.palette.text
        image = self._render(text, role, colour)
        x, y = pos
        y += (self.line_height(role) - image.get_height()) // 2
        if align == "center":
            x -= image.get_width() // 2 if width is None else (image.get_width() - width) // 2
        elif align == "right":
            x -= image.get_width() if width is None else image.get_width() - width
        self.surface.blit(image, (x, y))
        rect = pygame.Rect(x, y, image.get_width(), image.get_height())
        clip = self.surface.get_clip()
        clipped = clip != self.surface.get_rect() and not clip.contains(rect)
        if text.strip():
            self.drawn.append(DrawnText(text, rect, role, pygame.Rect(container) if container else None, clipped))
        return rect

    def lines(self, lines: list[str], x: int, y: int, role: str = "body", colour=None,
              container: pygame.Rect | None = None) -> int:
        """Draw wrapped lines from ``y`` down; returns the y below the last line."""
        step = self.line_height(role)
        for line in lines:
            if line:
                self.text(line, (x, y), role, colour, container)
            y += step
        return y

    def paragraph(self, text: str, rect: pygame.Rect, role: str = "body", colour=None,
                  container: pygame.Rect | None = None) -> int:
        """Wrap ``text`` to ``rect``'s width and draw it from its top; returns the y below it."""
        return self.lines(self.wrap(text, role, rect.width), rect.x, rect.y, role, colour, container or rect)

    # ----- shapes -----

    def box(self, rect, fill=None, border=None, width: int = 1, radius: int | None = None) -> None:
        radius = self.metrics.radius if radius is None else radius
        if fill is not None:
            if len(fill) == 4:
                layer = pygame.Surface(pygame.Rect(rect).size, pygame.SRCALPHA)
                pygame.draw.rect(layer, fill, layer.get_rect(), border_radius=radius)
                self.surface.blit(layer, pygame.Rect(rect).topleft)
            else:
                pygame.draw.rect(self.surface, fill, rect, border_radius=radius)
        if border is not None:
            pygame.draw.rect(self.surface, border, rect, width, border_radius=radius)

    def focus_ring(self, rect, radius: int | None = None) -> None:
        width = self.metrics.focus_width
        ring = pygame.Rect(rect).inflate(2 * width + 2, 2 * width + 2)
        radius = (self.metrics.radius if radius is None else radius) + width
        pygame.draw.rect(self.surface, self.palette.focus, ring, width, border_radius=radius)

    def scrollbar(self, name: str, track: pygame.Rect, thumb: pygame.Rect) -> None:
        """A scrollbar (recorded, like text, so tests can see that a scrolled area says so)."""
        p = self.palette
        radius = track.width // 2
        self.box(track, p.surface_alt, p.border, radius=radius)
        self.box(thumb, p.muted, None, radius=radius)
        self.scrollbars.append(DrawnBar(name, pygame.Rect(track), pygame.Rect(thumb)))

    def rule(self, x1: int, x2: int, y: int, colour=None, width: int = 1) -> None:
        pygame.draw.line(self.surface, colour or self.palette.border, (x1, y), (x2, y), width)

    @contextmanager
    def clip(self, rect):
        previous = self.surface.get_clip()
        self.surface.set_clip(pygame.Rect(rect).clip(previous))
        try:
            yield
        finally:
            self.surface.set_clip(previous)
