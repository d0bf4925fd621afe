"""What every screen shares: widgets, focus, hover, press-and-release clicks, scrolling, keys.

Keyboard: Tab / Shift-Tab and the arrows move the focus, Enter or Space
activates, Escape goes back, Page Up / Page Down / Home / End scroll. The focus
ring is shown once the keyboard is used (and hidden again on a mouse click),
so a mouse user is not distracted and a keyboard user always sees where she is.
"""

from __future__ import annotations

import pygame

from sim.ui.window.render import Renderer
from sim.ui.window.widgets import Widget

ACTIVATE_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE)


class Screen:
    name = "screen"
    scrollable = False
    show_focus_at_start = False  # a screen whose one control is obvious shows its focus at once

    def __init__(self, app):
        self.app = app
        self.widgets: list[Widget] = []
        self.focus: Widget | None = None
        self.focus_visible = False
        self.hover: Widget | None = None
        self.pressed: Widget | None = None
        self.scroll = 0
        self.viewport = pygame.Rect(0, 0, 0, 0)
        self.content_bottom = 0
        self.size = (0, 0)

    # ----- shortcuts -----

    @property
    def r(self) -> Renderer:
        return self.app.renderer

    @property
    def m(self):
        return self.app.renderer.metrics

    @property
    def p(self):
        return self.app.renderer.palette

    # ----- layout -----

    def layout(self, size) -> None:
        """Place every widget for a window of ``size``. Subclasses build ``self.widgets`` here."""
        self.size = size

    def relayout(self, size=None) -> None:
        """Lay out again (new size or text size), keeping the focus on the same widget by name."""
        focus_name = self.focus.name if self.focus else None
        hover_name = self.hover.name if self.hover else None
        self.layout(size or self.size)
        self.focus = self.find(focus_name) if focus_name else None
        self.hover = self.find(hover_name) if hover_name else None
        self.pressed = None
        if self.focus is None:
            self.focus = self.default_focus()
            self.focus_visible = self.focus_visible or self.show_focus_at_start
        self.clamp_scroll()
        self._apply_scroll()

    def speech(self) -> str:
        """What reading aloud says when the screen opens: by default, its controls."""
        return ". ".join(w.spoken() for w in self.focusable())

    def default_focus(self) -> Widget | None:
        focusable = self.focusable()
        return focusable[0] if focusable else None

    def find(self, name: str) -> Widget | None:
        for widget in self.widgets:
            if widget.name == name:
                return widget
        return None

    def focusable(self) -> list[Widget]:
        return [w for w in self.widgets if w.focusable and w.enabled]

    # ----- scrolling -----

    @property
    def max_scroll(self) -> int:
        return max(0, self.content_bottom - self.viewport.bottom)

    def clamp_scroll(self) -> None:
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    def scroll_by(self, amount: int) -> bool:
        before = self.scroll
        self.scroll += amount
        self.clamp_scroll()
        self._apply_scroll()
        return self.scroll != before

    def _apply_scroll(self) -> None:
        for widget in self.widgets:
            widget.dy = self.scroll if widget.scrolls else 0

    def ensure_visible(self, widget: Widget) -> None:
        if not (self.scrollable and widget.scrolls):
            return
        margin = self.m.gap
        top, bottom = widget.rect.top - margin, widget.rect.bottom + margin
        if top < self.viewport.top + self.scroll:
            self.scroll = top - self.viewport.top
        elif bottom > self.viewport.bottom + self.scroll:
            self.scroll = min(top - self.viewport.top, bottom - self.viewport.bottom)
        self.clamp_scroll()
        self._apply_scroll()

    def viewport_of(self, widget: Widget) -> pygame.Rect:
        """The scrolled area a scrolling widget is seen through."""
        return widget.viewport if widget.viewport is not None else self.viewport

    # ----- drawing -----

    def poll(self) -> bool:
        """Called every frame: look at work finishing in the background; True when the screen changed."""
        return False

    def draw(self, r: Renderer) -> None:
        self.draw_widgets(r)

    def draw_scrollbar(self, r: Renderer, x: int) -> None:
        """A scrollbar at ``x`` beside the viewport, when there is more than it shows."""
        if self.max_scroll <= 0 or self.viewport.height <= 0:
            return
        width = max(6, self.m.body // 3)
        track = pygame.Rect(min(x, self.size[0] - width - 2), self.viewport.y, width, self.viewport.height)
        content = self.content_bottom - self.viewport.y
        thumb_h = max(self.m.body, round(track.height * self.viewport.height / max(1, content)))
        thumb = pygame.Rect(track.x, track.y + round((track.height - thumb_h) * self.scroll / self.max_scroll),
                            width, thumb_h)
        r.scrollbar(self.name, track, thumb)

    def draw_widgets(self, r: Renderer, scrolled: bool | None = None) -> None:
        """Draw the widgets (only the scrolled ones, or only the fixed ones, when ``scrolled`` is given)."""
        for widget in self.widgets:
            if scrolled is not None and widget.scrolls != scrolled:
                continue
            if widget.scrolls and not widget.shown.colliderect(self.viewport_of(widget)):
                continue
            widget.draw(r, widget is self.hover, widget is self.focus and self.focus_visible, widget is self.pressed)

    # ----- input -----

    def widget_at(self, pos) -> Widget | None:
        for widget in reversed(self.widgets):
            if not widget.shown.collidepoint(pos):
                continue
            if widget.scrolls and not self.viewport_of(widget).collidepoint(pos):
                continue
            return widget
        return None

    def handle(self, event) -> bool:
        """React to one event; True when something on screen changed."""
        if event.type == pygame.MOUSEMOTION:
            changed = False
            if self.pressed is not None and self.pressed.drag(event.pos):
                changed = True
            target = self.widget_at(event.pos)
            target = target if target is not None and target.enabled else None
            if target is not self.hover:
                self.hover = target
                changed = True
            return changed
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            target = self.widget_at(event.pos)
            self.focus_visible = False
            if target is not None and target.enabled:
                self.pressed = target
                self.focus = target
                target.press(event.pos)
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            pressed, self.pressed = self.pressed, None
            if pressed is not None:
                pressed.release()
                if self.widget_at(event.pos) is pressed and pressed.click_activates:
                    self.activate(pressed)
            return True
        if event.type == pygame.MOUSEWHEEL:
            return self.scrollable and self.scroll_by(-event.y * 3 * self.r.line_height("body"))
        if event.type == pygame.MOUSEBUTTONDOWN and event.button in (4, 5):  # old-style wheel
            return self.scrollable and self.scroll_by((1 if event.button == 5 else -1) * 3 * self.r.line_height())
        if event.type == pygame.KEYDOWN:
            return self.key(event) or self.navigate(event)
        return False

    def activate(self, widget: Widget) -> None:
        widget.activate()

    def key(self, event) -> bool:
        """Screen-specific keys, tried before the common navigation. True when used."""
        return False

    def back(self) -> bool:
        """Escape. True when it did something."""
        return False

    def return_to(self, target) -> bool:
        """Show ``target`` (the screen this one was opened from), or the title when there is none."""
        if target is None or target is self:
            self.app.go_title()
        else:
            self.app.show(target)
        return True

    def move_focus(self, step: int) -> bool:
        focusable = self.focusable()
        if not focusable:
            return False
        if self.focus in focusable and self.focus_visible:
            index = (focusable.index(self.focus) + step) % len(focusable)
        elif self.focus in focusable:
            index = focusable.index(self.focus)  # first key press shows where the focus is
        else:
            index = 0 if step > 0 else len(focusable) - 1
        moved = self.focus is not focusable[index] or not self.focus_visible
        self.focus = focusable[index]
        self.focus_visible = True
        self.ensure_visible(self.focus)
        if moved:
            self.app.focus_moved(self.focus)
        return True

    def navigate(self, event) -> bool:
        key = event.key
        if key == pygame.K_TAB:
            return self.move_focus(-1 if event.mod & pygame.KMOD_SHIFT else 1)
        if self.focus is not None and self.focus_visible and self.focus.key(event):
            return True
        if key in (pygame.K_DOWN, pygame.K_RIGHT):
            return self.move_focus(1)
        if key in (pygame.K_UP, pygame.K_LEFT):
            return self.move_focus(-1)
        if key in ACTIVATE_KEYS:
            if self.focus is not None and self.focus.enabled:
                self.focus_visible = True
                self.activate(self.focus)
                return True
            return False
        if key == pygame.K_ESCAPE:
            return self.back()
        if self.scrollable:
            page = max(self.r.line_height(), self.viewport.height - 2 * self.r.line_height())
            amounts = {pygame.K_PAGEDOWN: page, pygame.K_PAGEUP: -page, pygame.K_HOME: -10 ** 9,
                       pygame.K_END: 10 ** 9}
            if key in amounts:
                return self.scroll_by(amounts[key])
        return False
