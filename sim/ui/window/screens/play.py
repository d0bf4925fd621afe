"""The play screen: the caregiver's portrait, her words, what happened, and the worker's choices.

Nothing here shows the hidden alliance, except the facilitator panel in
facilitator mode (drawn from ``Case.hidden()``, which refuses in the other modes).
Long words page (Left / Right, Page Up / Page Down); choices are buttons
(mouse, keys 1-9, Up / Down and Enter).
"""

from __future__ import annotations

import pygame

from sim.ui.window.chrome import CaseChrome
from sim.ui.window.flow import Flow, Item
from sim.ui.window.hidden_panel import draw_hidden_panel, panel_height
from sim.ui.window.layout import row
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.widgets import Button, ChoiceButton
from sim.ui.window.wrap import typographic

NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})


class PlayScreen(Screen):
    name = "play"

    def __init__(self, app):
        super().__init__(app)
        self.case = app.case
        self.page = 0
        self._shown_key = None

    # ----- actions -----

    def _choose(self, choice_id: int) -> None:
        self.case.choose(choice_id)
        self.app.route()

    def _take_back(self) -> None:
        if self.case.take_back():
            self.app.route()

    def _turn(self, step: int) -> bool:
        target = max(0, min(self.flow.count - 1, self.page + step))
        if target == self.page:
            return False
        self.page = target
        self.relayout()
        self.focus = self.default_focus()
        return True

    def open_menu(self) -> None:
        from sim.ui.window.screens.menu import MenuScreen

        self.app.show(MenuScreen(self.app, self))

    # ----- layout -----

    def layout(self, size) -> None:
        super().layout(size)
        r, m, case = self.r, self.m, self.case
        view = self.view = case.view()
        key = (view.scene_id, view.decision, case.session.action_count)
        if key != self._shown_key:
            self._shown_key, self.page = key, 0
        scenario = case.scenario
        self.chrome = CaseChrome(r, size, scenario.title.get_text(), case.mode, view.phase_index, self.open_menu)
        margin = self.chrome.margin
        top = self.chrome.bottom + m.gap
        body = pygame.Rect(margin, top, size[0] - 2 * margin, size[1] - top - margin)
        self.hidden_shown = case.shows_hidden and getattr(self.app, "facilitator_panel", True)
        side_w = max(m.body * 8, min(400, round(body.width * 0.28)))
        self.wide = body.width - side_w - 2 * m.pad >= m.body * 22
        if self.wide:
            main_w = min(body.width - side_w - 2 * m.pad, m.measure + m.pad)
            x = body.x + (body.width - side_w - 2 * m.pad - main_w) // 2
            self.side = pygame.Rect(x, body.y, side_w, body.height)
            self.main = pygame.Rect(self.side.right + 2 * m.pad, body.y, main_w, body.height)
        else:
            self.side = pygame.Rect(body.x, body.y, 0, 0)
            self.main = body
        footer = self._footer_widgets()
        probe = Button("probe", "More", None, role="small_bold")
        footer_h = max([probe.height_for(r, probe.width_for(r))] + [w.height_for(r, w.width_for(r)) for w in footer])
        flow_area = pygame.Rect(self.main.x, self.main.y, self.main.width, self.main.height - footer_h - m.pad)
        self.flow = Flow(self._items(view, flow_area.width, flow_area.height), flow_area)
        self.page = min(self.page, self.flow.count - 1)
        self.shown = self.flow.place(self.page)
        if self.flow.count > 1:
            footer = self._footer_widgets(paged=True)
        row(footer, pygame.Rect(self.main.x, self.main.bottom - footer_h, self.main.width, footer_h), m.gap, r,
            natural=True, align="right")
        take_back = next((w for w in footer if w.name == "take_back"), None)
        if take_back is not None:  # the one action on the left, away from the rest
            take_back.rect.x = self.main.x
        self.footer_y = self.main.bottom - footer_h
        self.widgets = [w for item in self.shown if (w := item.widget) is not None] + footer + self.chrome.widgets
        self._layout_side(scenario, view)

    def _footer_widgets(self, paged: bool = False) -> list:
        case = self.case
        widgets = []
        if case.rewind_allowed and case.session.decision_count > 0:
            widgets.append(Button("take_back", "Take back my last choice", self._take_back, "secondary",
                                  role="small_bold"))
        if paged:
            widgets.append(Button("page_back", "\u25c2 Back", lambda: self._turn(-1), "secondary",
                                  enabled=self.page > 0, role="small_bold"))
            last = self.page >= self.flow.count - 1
            widgets.append(Button("page_next", "More \u25b8", lambda: self._turn(1),
                                  "primary" if not last else "secondary", enabled=not last, role="small_bold"))
        if case.is_over and (not paged or self.page >= self.flow.count - 1):
            widgets.append(Button("debrief", "Read the debrief", self.app.go_debrief, "primary", role="bold"))
        return widgets

    def _items(self, view, width: int, height: int) -> list[Item]:
        r, m, p = self.r, self.m, self.p
        items: list[Item] = []

        def lines(text: str, role: str, colour, indent: int = 0, bar=None, keep_first=False):
            wrapped = r.wrap(text, role, width - indent)
            for i, line in enumerate(wrapped):
                def draw(rr, rect, line=line):
                    if bar is not None:
                        pygame.draw.rect(rr.surface, bar, (rect.x, rect.y, 3, rect.height))
                    rr.text(line, (rect.x + indent, rect.y), role, colour, rect)
                items.append(Item(r.line_height(role), draw, keep_with_next=keep_first and i == 0))

        def space(amount: int = m.pad):
            items.append(Item(amount, spacer=True))

        if not self.wide:
            items.append(self._compact_header(view, width))
            space()
        for event in view.events:
            text = r.wrap(event, "body", width - 2 * m.pad - m.gap)
            height = len(text) * r.line_height("body") + 2 * m.gap

            def draw_event(rr, rect, text=text):
                box = pygame.Rect(rect.x, rect.y, rect.width, rect.height)
                rr.box(box, p.event_bg, p.event_border)
                pygame.draw.rect(rr.surface, p.event_border, (box.x, box.y, m.gap // 2, box.height),
                                 border_top_left_radius=m.radius, border_bottom_left_radius=m.radius)
                rr.lines(text, box.x + m.pad + m.gap // 2, box.y + m.gap, "body", p.event_text, box)
            items.append(Item(height, draw_event))
            space(m.gap)
        if view.events:
            space(m.gap)
        if view.narration:
            lines(typographic(view.narration), "body", p.muted)
            space()
        if view.ending:
            lines(f"The case ends: {view.ending['title']}", "heading", p.text)
            space(m.gap)
        if view.text:
            if view.speaker_name:
                label = view.speaker_name
                items.append(Item(r.line_height("small"), lambda rr, rect, t=label: rr.text(
                    t, (rect.x, rect.y), "small_bold", p.accent, rect), keep_with_next=True))
                lines(f"\u201c{typographic(view.text)}\u201d", "speech", p.text)
            else:
                lines(typographic(view.text), "speech", p.text)
            space()
        if not view.ending and view.speaker_name and view.speaker_id in self.case.scenario.caregiver_ids and view.cue:
            lines(typographic(view.cue), "small", p.muted, indent=m.pad, bar=p.border)
            space()
        if view.choices:
            start = len(items)
            items.append(Item(r.line_height("small_bold") + m.gap // 2, lambda rr, rect: rr.text(
                "What do you say or do?", (rect.x, rect.y), "small_bold", p.muted, rect), keep_with_next=True))
            for choice in view.choices:
                button = ChoiceButton(f"choice:{choice.number}", choice.number, typographic(choice.text),
                                      (lambda cid=choice.id: self._choose(cid)))
                items.append(Item(button.height_for(r, width), widget=button))
                space(m.gap)
            # All the choices on one page when they fit one: a learner must never pick the first
            # without having seen the others.
            if sum(item.height for item in items[start:]) <= height:
                for item in items[start:-1]:
                    item.keep_with_next = True
        return items

    def _compact_header(self, view, width: int) -> Item:
        r, m, p = self.r, self.m, self.p
        scenario = self.case.scenario
        ids = scenario.caregiver_ids
        height = 3 * r.line_height("small") + m.gap
        if self.hidden_shown:
            height += r.line_height("small")
        size = (round(height * 0.83), height)

        def draw(rr, rect):
            x = rect.x
            for cid in ids:
                caregiver = scenario.caregiver(cid)
                image = self.app.portraits.get(cid, caregiver.relation, view.stances.get(cid, "guarded"), size,
                                               p.name == "contrast")
                rr.surface.blit(image, (x, rect.y))
                x += size[0] + m.gap
            first = scenario.caregiver(ids[0])
            text_rect = pygame.Rect(x, rect.y, max(0, rect.right - x), rect.height)
            names = " and ".join(scenario.caregiver(c).name for c in ids)
            rr.text(rr.fit(names, "bold", text_rect.width), (x, rect.y), "bold", p.text, text_rect)
            rr.text(rr.fit(f"{first.relation.replace('_', ' ')}, {first.mandate}", "small", text_rect.width),
                    (x, rect.y + r.line_height("bold")), "small", p.muted, text_rect)
            if self.hidden_shown:
                hidden = self.case.hidden()
                dims = hidden.caregivers[ids[0]]
                summary = (f"Hidden alliance {hidden.score:.0f}/100 \u00b7 E {dims['engagement']:+.1f} "
                           f"C {dims['connection']:+.1f} S {dims['safety']:+.1f}")
                rr.text(rr.fit(summary, "small_bold", text_rect.width),
                        (x, rect.y + r.line_height("bold") + r.line_height("small")), "small_bold", p.accent,
                        text_rect)
        return Item(height, draw)

    def _layout_side(self, scenario, view) -> None:
        r, m = self.r, self.m
        self.portraits = []
        self.panel = None
        self.label_width = self.side.width if self.wide else 0
        if not self.wide:
            return
        side = self.side
        ids = scenario.caregiver_ids
        count = len(ids)
        label_h = r.line_height("heading") + r.line_height("small") + m.gap
        panel_h = panel_height(r, count) if self.hidden_shown else 0
        free = side.height - panel_h - (m.pad if panel_h else 0)
        stacked = (free - label_h * count - m.gap * (count - 1)) // count
        column = (side.width - m.gap * (count - 1)) // count
        # Several caregivers stand side by side when stacking them would leave each portrait too small.
        across = count > 1 and stacked < min(column * 1.2, free - label_h)
        if across:
            height = max(40, min(round(column * 1.2), free - label_h))
            width = min(column, round(height / 1.2))
            for i, cid in enumerate(ids):
                x = side.x + i * (column + m.gap) + (column - width) // 2
                self.portraits.append((cid, pygame.Rect(x, side.y, width, height)))
            y = side.y + height + label_h + m.gap
        else:
            height = max(40, min(round(side.width * 1.2), stacked))
            width = min(side.width, round(height / 1.2))
            y = side.y
            for cid in ids:
                rect = pygame.Rect(side.x + (side.width - width) // 2, y, width, height)
                self.portraits.append((cid, rect))
                y = rect.bottom + label_h + m.gap
        self.label_width = column if across else side.width
        if panel_h:
            self.panel = pygame.Rect(side.x, min(y, side.bottom - panel_h), side.width, panel_h)

    # ----- input -----

    def default_focus(self):
        choices = [w for w in self.widgets if w.name.startswith("choice:")]
        if choices:
            return choices[0]
        for name in ("debrief", "page_next", "take_back", "menu"):
            widget = self.find(name)
            if widget is not None and widget.enabled:
                return widget
        return None

    def key(self, event) -> bool:
        if event.key in NUMBER_KEYS:
            button = self.find(f"choice:{NUMBER_KEYS[event.key]}")
            if button is not None:
                self.focus = button
                button.activate()
                return True
            return False
        if event.key in (pygame.K_RIGHT, pygame.K_PAGEDOWN):
            return self._turn(1)
        if event.key in (pygame.K_LEFT, pygame.K_PAGEUP):
            return self._turn(-1)
        if event.key == pygame.K_BACKSPACE and self.case.rewind_allowed:
            self._take_back()
            return True
        if event.key == pygame.K_h and self.case.shows_hidden:
            self.app.facilitator_panel = not getattr(self.app, "facilitator_panel", True)
            self.relayout()
            return True
        return False

    def back(self) -> bool:
        self.open_menu()
        return True

    # ----- drawing -----

    def draw(self, r: Renderer) -> None:
        m, p, view = self.m, self.p, self.view
        self.chrome.draw(r)
        scenario = self.case.scenario
        several = len(self.portraits) > 1
        for cid, rect in self.portraits:
            caregiver = scenario.caregiver(cid)
            stance = view.stances.get(cid, view.stance)
            image = self.app.portraits.get(cid, caregiver.relation, stance, rect.size, p.name == "contrast")
            r.surface.blit(image, rect)
            if several and cid == view.speaker_id:
                r.box(rect.inflate(6, 6), None, p.accent, width=3)
            y = rect.bottom + m.gap // 2
            width = self.label_width
            label = pygame.Rect(rect.centerx - width // 2, y, width, r.line_height("heading") + r.line_height("small"))
            r.text(r.fit(caregiver.name, "heading", label.width), (label.x, y), "heading", p.text, label,
                   align="center", width=label.width)
            detail = f"{caregiver.relation.replace('_', ' ')}, {caregiver.mandate}"
            r.text(r.fit(detail, "small", label.width), (label.x, y + r.line_height("heading")), "small", p.muted,
                   label, align="center", width=label.width)
        if self.panel is not None:
            hidden = self.case.hidden()
            draw_hidden_panel(r, self.panel, hidden, scenario, hidden.history)
        for item in self.shown:
            if item.draw is not None:
                item.draw(r, item.rect)
        if self.flow.count > 1:
            label = f"Page {self.page + 1} of {self.flow.count}"
            back = self.find("page_back")
            take_back = self.find("take_back")
            left = take_back.rect.right + m.gap if take_back is not None else self.main.x
            if back.rect.x - m.gap - r.measure(label, "small") >= left and back.rect.y >= self.footer_y:
                r.text(label, (back.rect.x - m.gap, back.rect.y + (back.rect.height - r.line_height("small")) // 2),
                       "small", p.muted, self.main, align="right")
        self.draw_widgets(r)
