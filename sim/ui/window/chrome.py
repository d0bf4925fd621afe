"""The frame around a case: the case title, the mode, the phase timeline and the menu button."""

from __future__ import annotations

import pygame

from sim.engine.labels import PHASE, mode_label, phase_label
from sim.i18n import _
from sim.scenario.model import PHASES
from sim.ui.window.layout import margins
from sim.ui.window.render import Renderer
from sim.ui.window.theme import mix
from sim.ui.window.widgets import Button

PHASE_LABELS = PHASE  # English msgids, kept for old callers: name a phase with phase_label(phase)


class CaseChrome:
    """Lays out and draws the top of the play and prompt screens."""

    def __init__(self, r: Renderer, size, title: str, mode: str, phase_index: int, menu_action=None, top: int = 0):
        """``top``: room left free above it (the red banner of a data folder problem, ``banner.py``)."""
        self.title, self.mode, self.phase_index = title, mode, phase_index
        m = r.metrics
        margin = margins(size, r)
        self.margin = margin
        y = margin + top
        width = size[0] - 2 * margin
        self.menu = Button("menu", _("Pause"), menu_action, "secondary", role="small_bold") if menu_action else None
        bar_height = r.line_height("bold") + m.gap
        x_right = margin + width
        if self.menu is not None:
            mw = self.menu.width_for(r) + m.gap
            self.menu.rect = pygame.Rect(x_right - mw, y, mw, bar_height)
            x_right -= mw + m.gap
        self.badge_text = mode_label(mode)
        badge_w = r.measure(self.badge_text, "small_bold") + m.pad
        self.badge = pygame.Rect(x_right - badge_w, y + (bar_height - r.line_height("small")) // 2,
                                 badge_w, r.line_height("small"))
        room = self.badge.x - m.gap - margin
        title_w = min(r.measure(title, "bold"), room * 2 // 5)
        steps = room - title_w - 2 * m.pad
        # One row (title, phases, mode, menu) when the phases fit beside the title with their names, or when
        # the window is short and every line counts; else the phases get a row of their own.
        one_row = timeline_fits(r, steps) or (size[1] < 760 and steps >= m.body * 6)
        if one_row:
            self.title_rect = pygame.Rect(margin, y, title_w, bar_height)
            self.timeline = pygame.Rect(margin + title_w + m.pad, y + (bar_height - r.line_height("small")
                                                                            - m.gap) // 2,
                                        steps, r.line_height("small") + m.gap)
            self.bottom = y + bar_height + m.gap
        else:
            self.title_rect = pygame.Rect(margin, y, max(0, room), bar_height)
            self.timeline = pygame.Rect(margin, y + bar_height + m.gap // 2, width,
                                        r.line_height("small") + m.gap)
            self.bottom = self.timeline.bottom + m.gap
        self.title_line = r.fit(title, "bold", self.title_rect.width)
        self.right = margin + width

    @property
    def widgets(self):
        return [self.menu] if self.menu is not None else []

    def draw(self, r: Renderer) -> None:
        p, m = r.palette, r.metrics
        r.text(self.title_line, (self.title_rect.x, self.title_rect.y + (self.title_rect.height
                                                                          - r.line_height("bold")) // 2),
               "bold", p.text, self.title_rect)
        r.box(self.badge, p.accent_soft, None, radius=self.badge.height // 2)
        r.text(self.badge_text, (self.badge.x, self.badge.y), "small_bold", p.accent if p.name != "contrast"
               else p.accent, self.badge, align="center", width=self.badge.width)
        draw_timeline(r, self.timeline, self.phase_index)
        r.rule(self.margin, self.right, self.bottom - m.gap // 2)


def timeline_fits(r: Renderer, width: int) -> bool:
    """Whether the four phase names fit in ``width`` (else the timeline names only the current one)."""
    m = r.metrics
    radius = max(4, m.small // 3)
    room = width / len(PHASES) - 2 * radius - 2 * m.gap - 4
    return all(r.measure(phase_label(phase), "small_bold") <= room for phase in PHASES)


def draw_timeline(r: Renderer, rect: pygame.Rect, current: int) -> None:
    """The four phases as steps: done ones filled, the current one marked, the rest open.

    When the four names do not fit (a small window with large text), the current phase is
    named on the left and the four steps are drawn as dots on the right."""
    p, m = r.palette, r.metrics
    count = len(PHASES)
    radius = max(4, m.small // 3)
    y = rect.y + rect.height // 2
    text_y = rect.y + (rect.height - r.line_height("small")) // 2
    step = rect.width / count
    labels = [phase_label(phase) for phase in PHASES]
    fits = timeline_fits(r, rect.width)
    if fits:
        cells = [pygame.Rect(round(rect.x + i * step), rect.y, round(step), rect.height) for i in range(count)]
    else:
        for caption in (_("{phase} (phase {number} of {count})").format(phase=labels[current], number=current + 1,
                                                                          count=count), labels[current], ""):
            if r.measure(caption, "small_bold") <= rect.width // 2:
                break
        if caption:
            r.text(caption, (rect.x, text_y), "small_bold", p.text, rect)
        dots = pygame.Rect(rect.x + rect.width // 2 + m.gap, rect.y, rect.width // 2 - m.gap, rect.height)
        cells = [pygame.Rect(round(dots.x + i * dots.width / count), rect.y, round(dots.width / count), rect.height)
                 for i in range(count)]
    for i, cell in enumerate(cells):
        centre = (cell.x + radius + 2, y)
        role = "small_bold" if i == current else "small"
        text_x = centre[0] + radius + m.gap // 2
        end = (text_x + r.measure(labels[i], role) + m.gap // 2) if fits else centre[0] + radius + m.gap // 2
        if i < count - 1:
            pygame.draw.line(r.surface, p.accent if i < current else p.border, (end, y), (cell.right - 2, y), 2)
        if i < current:
            pygame.draw.circle(r.surface, p.accent, centre, radius)
        elif i == current:
            pygame.draw.circle(r.surface, p.accent, centre, radius + 2)
            pygame.draw.circle(r.surface, p.bg, centre, max(2, radius - 2))
        else:
            pygame.draw.circle(r.surface, p.border, centre, radius, 2)
        if fits:
            ink = p.text if i == current else (p.muted if i < current else mix(p.muted, p.bg, 0.15))
            r.text(labels[i], (text_x, text_y), role, ink, cell)
