"""The title screen: new case, continue a saved case (the list of them), settings, quit."""

from __future__ import annotations

import pygame

from sim.i18n import N_, _
from sim.ui.window.layout import column, stack
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.theme import mix
from sim.ui.window.widgets import Button

SUBTITLE = N_("Practise the working alliance with a court-mandated caregiver, from intake to closure.")
KEYS = N_("Tab or arrows to move \u00b7 Enter to choose \u00b7 Esc to go back \u00b7 F1 all the keys \u00b7 "
        "V read aloud \u00b7 F11 full screen")


def draw_emblem(r: Renderer, centre, radius: int) -> None:
    """Two overlapping circles: two people, and the space they share."""
    p = r.palette
    size = radius * 4
    layer = pygame.Surface((size * 2, size), pygame.SRCALPHA)
    left, right = (size - radius * 0.6, size / 2), (size + radius * 0.6, size / 2)
    pygame.draw.circle(layer, (*p.accent[:3], 150), left, radius)
    pygame.draw.circle(layer, (*mix(p.accent, p.focus, 0.5), 150), right, radius)
    r.surface.blit(layer, (centre[0] - size, centre[1] - size // 2))


class TitleScreen(Screen):
    name = "title"

    def layout(self, size) -> None:
        super().layout(size)
        r, m = self.r, self.m
        has_save, summary = self.app.saved_case_summary()
        self.summary = summary
        self.widgets = [
            Button("new_case", _("New case"), self.app.go_new_case, "primary"),
            Button("continue", _("Continue"), self.app.continue_case, detail=summary, enabled=has_save),
            Button("settings", _("Settings"), lambda: self.app.go_settings(self)),
            Button("quit", _("Quit"), self.app.quit, "quiet"),
        ]
        col = column(size, r, max_width=m.body * 26)
        self.col = col
        text_width = col.width
        self.subtitle = r.wrap(_(SUBTITLE), "body", text_width)
        self.notice = r.wrap(self.app.notice, "small", text_width - 2 * m.pad) if self.app.notice else []
        self.keys = r.wrap(_(KEYS), "small", text_width)
        heights = {
            "emblem": m.body * 4 + m.pad,
            "title": r.line_height("title"),
            "subtitle": len(self.subtitle) * r.line_height("body") + m.pad,
            "notice": (len(self.notice) * r.line_height("small") + 2 * m.gap + m.gap) if self.notice else 0,
            "keys": len(self.keys) * r.line_height("small") + m.pad,
        }
        gap = m.gap
        buttons_height = stack(self.widgets, 0, 0, text_width, gap, r)
        parts = ["emblem", "title", "subtitle", "notice", "keys"]
        # on a small window with large text, leave out the decoration first, then the key help
        for optional in ("emblem", "keys"):
            if sum(heights[k] for k in parts) + buttons_height + m.pad <= col.height:
                break
            parts.remove(optional)
        self.parts = parts
        total = sum(heights[k] for k in parts) + buttons_height + m.pad
        y = col.y + max(0, (col.height - total) // 3)
        self.y = {}
        for part in parts:
            if part == "notice":
                continue
            self.y[part] = y
            y += heights[part]
            if part == "subtitle":
                y = stack(self.widgets, col.x, y, text_width, gap, r) + m.pad
                if "notice" in parts and self.notice:
                    self.y["notice"] = y
                    y += heights["notice"]

    def default_focus(self):
        cont = self.find("continue")
        return cont if cont is not None and cont.enabled else self.find("new_case")

    def library_ready(self) -> None:
        self.relayout()

    def back(self) -> bool:
        return False

    def draw(self, r: Renderer) -> None:
        m, p, col = self.m, self.p, self.col
        if "emblem" in self.parts:
            draw_emblem(r, (col.centerx, self.y["emblem"] + m.body * 2), round(m.body * 1.6))
        r.text("Alliance", (col.x, self.y["title"]), "title", p.text, col, align="center", width=col.width)
        y = self.y["subtitle"]
        for line in self.subtitle:
            r.text(line, (col.x, y), "body", p.muted, col, align="center", width=col.width)
            y += r.line_height("body")
        if self.notice and "notice" in self.y:
            box = pygame.Rect(col.x, self.y["notice"], col.width, len(self.notice) * r.line_height("small") + 2 * m.gap)
            r.box(box, p.event_bg, p.event_border)
            r.lines(self.notice, box.x + m.pad, box.y + m.gap, "small", p.event_text, box)
        if "keys" in self.parts:
            y = self.y["keys"]
            for line in self.keys:
                r.text(line, (col.x, y), "small", p.muted, col, align="center", width=col.width)
                y += r.line_height("small")
        self.draw_widgets(r)
