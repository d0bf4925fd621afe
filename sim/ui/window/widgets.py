"""Interactive widgets: buttons, choice buttons, option buttons, cards and the estimate slider.

A widget has a ``rect`` in its screen's coordinates (in content coordinates when
it sits in a scrolled area: ``dy`` is then the scroll offset, and ``shown`` the
rect on screen). Screens own focus and hover; widgets only draw and act.
"""

from __future__ import annotations

from typing import Callable

import pygame

from sim.i18n import _
from sim.ui.window.render import Renderer
from sim.ui.window.theme import mix


class Widget:
    focusable = True
    click_activates = True  # False for a slider: a click sets its value, Enter confirms

    def __init__(self, name: str, rect=None, action: Callable[[], None] | None = None, enabled: bool = True):
        self.name = name
        self.rect = pygame.Rect(rect or (0, 0, 0, 0))
        self.action = action
        self.enabled = enabled
        self.dy = 0           # scroll offset of the area it sits in
        self.scrolls = False  # True when it sits in a scrolled area
        self.viewport = None  # that area, when it is not the screen's one viewport (the play screen has two)

    @property
    def shown(self) -> pygame.Rect:
        return self.rect.move(0, -self.dy)

    def activate(self) -> bool:
        if self.enabled and self.action is not None:
            self.action()
            return True
        return False

    def key(self, event) -> bool:
        """Keys the widget handles itself while focused (a slider's arrows). True when used."""
        return False

    def press(self, pos) -> None:
        """Mouse button down at ``pos`` (screen coordinates)."""

    def drag(self, pos) -> bool:
        return False

    def release(self) -> None:
        """Mouse button up, wherever it is."""

    def draw(self, r: Renderer, hovered: bool, focused: bool, pressed: bool) -> None:
        raise NotImplementedError

    def change(self, value) -> bool:
        """Set ``value`` (a slider's number, a field's text) and tell ``on_change``; False when it is the same."""
        if value == getattr(self, "value", None):
            return False
        self.value = value
        if getattr(self, "on_change", None):
            self.on_change(value)
        return True

    def spoken(self) -> str:
        """What reading aloud says when the keyboard reaches this control."""
        return getattr(self, "label", "") or self.name


class Button(Widget):
    """A labelled button. Styles: primary, secondary, quiet, danger, option (``selected`` marks the chosen one)."""

    def __init__(self, name, label: str, action=None, style: str = "secondary", rect=None, enabled: bool = True,
                 detail: str = "", selected: bool = False, align: str = "center", role: str = "bold"):
        super().__init__(name, rect, action, enabled)
        self.label, self.style, self.detail, self.selected, self.align, self.role = (
            label, style, detail, selected, align, role)

    def height_for(self, r: Renderer, width: int) -> int:
        pad = r.metrics.gap
        height = r.line_height(self.role) * len(r.wrap(self.label, self.role, width - 2 * r.metrics.pad))
        if self.detail:
            height += r.text_height(self.detail, "small", width - 2 * r.metrics.pad)
        return height + 2 * pad

    def width_for(self, r: Renderer) -> int:
        return r.measure(self.label, self.role) + 2 * r.metrics.pad + 2

    def spoken(self) -> str:
        if not self.enabled:
            words = _("{label}, not available.") if not self.selected else _("{label}, chosen, not available.")
        else:
            words = _("{label}, chosen.") if self.selected else "{label}."
        return (words.format(label=self.label) + " " + self.detail).strip()

    def colours(self, r: Renderer, hovered: bool, pressed: bool):
        p = r.palette
        if not self.enabled:
            return p.surface, p.border, p.disabled
        if self.style == "primary" or (self.style == "option" and self.selected):
            fill = mix(p.accent, p.text, 0.18) if (hovered or pressed) else p.accent
            return fill, fill, p.accent_text
        if self.style == "danger":
            return (p.danger_bg if not hovered else mix(p.danger_bg, p.danger, 0.15)), p.danger, p.danger
        fill = p.hover if (hovered or pressed) else (p.surface if self.style != "quiet" else p.bg)
        border = p.border if self.style != "quiet" or hovered else None
        return fill, border, p.text

    def draw(self, r: Renderer, hovered: bool, focused: bool, pressed: bool) -> None:
        rect = self.shown
        fill, border, ink = self.colours(r, hovered, pressed)
        r.box(rect, fill, border, width=2 if self.style == "option" else 1)
        inner = rect.inflate(-2 * r.metrics.pad, -2 * r.metrics.gap)
        lines = r.wrap(self.label, self.role, inner.width)
        detail = r.wrap(self.detail, "small", inner.width) if self.detail else []
        total = len(lines) * r.line_height(self.role) + len(detail) * r.line_height("small")
        y = rect.y + (rect.height - total) // 2
        for line in lines:
            if self.align == "center":
                r.text(line, (inner.x, y), self.role, ink, rect, align="center", width=inner.width)
            else:
                r.text(line, (inner.x, y), self.role, ink, rect)
            y += r.line_height(self.role)
        detail_ink = ink if self.style in ("primary",) or self.selected else r.palette.muted
        if not self.enabled:
            detail_ink = ink
        for line in detail:
            if self.align == "center":
                r.text(line, (inner.x, y), "small", detail_ink, rect, align="center", width=inner.width)
            else:
                r.text(line, (inner.x, y), "small", detail_ink, rect)
            y += r.line_height("small")
        if focused:
            r.focus_ring(rect)


class ChoiceButton(Widget):
    """One of the worker's possible moves: a number badge and the words, wrapped."""

    def __init__(self, name, number: int, text: str, action=None, rect=None):
        super().__init__(name, rect, action)
        self.number, self.text = number, text

    @staticmethod
    def badge_size(r: Renderer) -> int:
        return r.line_height("bold")

    def spoken(self) -> str:
        return f"{self.number}. {self.text}"

    def text_width(self, r: Renderer, width: int) -> int:
        return width - 3 * r.metrics.pad // 2 - self.badge_size(r) - r.metrics.pad

    def height_for(self, r: Renderer, width: int) -> int:
        lines = r.wrap(self.text, "body", self.text_width(r, width))
        return max(len(lines) * r.line_height("body"), self.badge_size(r)) + 2 * r.metrics.gap

    def draw(self, r: Renderer, hovered: bool, focused: bool, pressed: bool) -> None:
        p, m = r.palette, r.metrics
        rect = self.shown
        r.box(rect, p.hover if (hovered or pressed or focused) else p.surface, p.accent if hovered else p.border)
        size = self.badge_size(r)
        badge = pygame.Rect(rect.x + m.pad * 3 // 4, rect.y + m.gap, size, size)
        pygame.draw.circle(r.surface, p.accent if (hovered or focused) else p.accent_soft, badge.center, size // 2)
        r.text(str(self.number), (badge.x, badge.y), "bold",
               p.accent_text if (hovered or focused) else p.accent, rect, align="center", width=size)
        x = badge.right + m.pad * 3 // 4
        width = self.text_width(r, rect.width)
        r.lines(r.wrap(self.text, "body", width), x, rect.y + m.gap, "body", p.text, rect)
        if focused:
            r.focus_ring(rect)


class Card(Widget):
    """A focusable panel drawn by a function (the case cards)."""

    def __init__(self, name, draw_body: Callable[[Renderer, pygame.Rect, bool], None], action=None, rect=None,
                 enabled: bool = True, selected: bool = False):
        super().__init__(name, rect, action, enabled)
        self.draw_body = draw_body
        self.selected = selected

    def draw(self, r: Renderer, hovered: bool, focused: bool, pressed: bool) -> None:
        p = r.palette
        rect = self.shown
        border = p.accent if (hovered or self.selected) else p.border
        r.box(rect, p.hover if hovered else p.surface, border, width=2 if (hovered or self.selected) else 1)
        self.draw_body(r, rect, hovered)
        if focused:
            r.focus_ring(rect)


class Slider(Widget):
    """The calibration estimate, 0..100: arrows move by 10 (Shift: by 1), Home/End, drag or click."""

    click_activates = False

    def __init__(self, name, value: int = 50, on_change: Callable[[int], None] | None = None, rect=None,
                 action=None):
        super().__init__(name, rect, action)
        self.value = value
        self.on_change = on_change
        self.dragging = False
        self._track = pygame.Rect(self.rect)

    def track(self, r: Renderer) -> pygame.Rect:
        rect = self.shown
        knob = self.knob_radius(r)
        y = rect.y + knob + 2
        return pygame.Rect(rect.x + knob, y - 3, rect.width - 2 * knob, 6)

    @staticmethod
    def knob_radius(r: Renderer) -> int:
        return max(10, r.metrics.body * 3 // 4)

    def height_for(self, r: Renderer) -> int:
        return 2 * self.knob_radius(r) + 4 + r.metrics.gap + r.line_height("small")

    def spoken(self) -> str:
        return _("Your estimate: {value} of 100").format(value=self.value)

    def set(self, value: int) -> bool:
        return self.change(max(0, min(100, int(round(value)))))

    def key(self, event) -> bool:
        step = 1 if event.mod & pygame.KMOD_SHIFT else 10
        if event.key in (pygame.K_LEFT, pygame.K_DOWN, pygame.K_KP4):
            return self.set(self.value - step) or True
        if event.key in (pygame.K_RIGHT, pygame.K_UP, pygame.K_KP6):
            return self.set(self.value + step) or True
        if event.key == pygame.K_HOME:
            return self.set(0) or True
        if event.key == pygame.K_END:
            return self.set(100) or True
        if event.key == pygame.K_PAGEDOWN:
            return self.set(self.value - 25) or True
        if event.key == pygame.K_PAGEUP:
            return self.set(self.value + 25) or True
        return False

    def _value_at(self, x: int) -> int:
        track = self._track
        return round((x - track.x) / max(1, track.width) * 100)

    def press(self, pos) -> None:
        self.dragging = True
        self.set(self._value_at(pos[0]))

    def drag(self, pos) -> bool:
        return self.dragging and self.set(self._value_at(pos[0]))

    def release(self) -> None:
        self.dragging = False

    def draw(self, r: Renderer, hovered: bool, focused: bool, pressed: bool) -> None:
        p = r.palette
        track = self._track = self.track(r)
        r.box(track, p.border, radius=3)
        filled = pygame.Rect(track.x, track.y, round(track.width * self.value / 100), track.height)
        r.box(filled, p.accent, radius=3)
        for step in range(11):
            x = track.x + round(track.width * step / 10)
            pygame.draw.line(r.surface, p.muted, (x, track.bottom + 4), (x, track.bottom + 9), 1)
        label_y = track.bottom + 12
        for value, align in ((0, "left"), (50, "center"), (100, "right")):
            x = track.x + round(track.width * value / 100)
            r.text(str(value), (x, label_y), "small", p.muted, None, align=align)
        knob = self.knob_radius(r)
        centre = (track.x + round(track.width * self.value / 100), track.centery)
        pygame.draw.circle(r.surface, p.surface, centre, knob)
        pygame.draw.circle(r.surface, p.accent, centre, knob, 3)
        if focused:
            pygame.draw.circle(r.surface, p.focus, centre, knob + r.metrics.focus_width + 2, r.metrics.focus_width)


class TextField(Widget):
    """One line of typed text (a name): typed characters arrive as TEXTINPUT events, the arrows,
    Home, End, Backspace and Delete edit, and Enter runs ``action``. Space is a character here."""

    click_activates = False

    def __init__(self, name, value: str = "", max_length: int = 80, placeholder: str = "", action=None, rect=None):
        super().__init__(name, rect, action)
        self.value = value
        self.cursor = len(value)
        self.max_length = max_length
        self.placeholder = placeholder

    def height_for(self, r: Renderer, width: int) -> int:
        return r.line_height("body") + 2 * r.metrics.gap

    def insert(self, text: str) -> bool:
        text = "".join(c for c in text if c.isprintable())[: max(0, self.max_length - len(self.value))]
        if not text:
            return False
        self.value = self.value[: self.cursor] + text + self.value[self.cursor:]
        self.cursor += len(text)
        return True

    def key(self, event) -> bool:
        if event.key == pygame.K_BACKSPACE:
            if self.cursor > 0:
                self.value = self.value[: self.cursor - 1] + self.value[self.cursor:]
                self.cursor -= 1
            return True
        if event.key == pygame.K_DELETE:
            self.value = self.value[: self.cursor] + self.value[self.cursor + 1:]
            return True
        moves = {pygame.K_LEFT: self.cursor - 1, pygame.K_RIGHT: self.cursor + 1, pygame.K_HOME: 0,
                 pygame.K_END: len(self.value)}
        if event.key in moves:
            self.cursor = max(0, min(len(self.value), moves[event.key]))
            return True
        return event.key == pygame.K_SPACE  # the character comes as TEXTINPUT; it must not press a button

    def press(self, pos) -> None:
        self.cursor = len(self.value)

    def draw(self, r: Renderer, hovered: bool, focused: bool, pressed: bool) -> None:
        p, m = r.palette, r.metrics
        rect = self.shown
        r.box(rect, p.surface, p.accent if (focused or hovered) else p.border, width=2)
        inner = rect.inflate(-2 * m.pad, -2 * m.gap)
        shown = self.value
        while shown and r.measure(shown, "body") > inner.width - 4:
            shown = shown[1:]  # a long name scrolls: its end, where one types, stays in view
        if shown:
            r.text(shown, (inner.x, inner.y), "body", p.text, rect)
        elif self.placeholder:
            r.text(r.fit(self.placeholder, "body", inner.width), (inner.x, inner.y), "body", p.muted, rect)
        if focused:
            before = shown[: max(0, len(shown) - (len(self.value) - self.cursor))]
            x = inner.x + r.measure(before, "body") + 1
            pygame.draw.line(r.surface, p.text, (x, inner.y + 3), (x, inner.y + r.line_height("body") - 3), 2)
            r.focus_ring(rect)
