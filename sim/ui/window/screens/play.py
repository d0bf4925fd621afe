"""The play screen: the caregiver's portrait, her words, what happened, and the worker's choices.

Nothing here shows the hidden alliance, except the facilitator panel in
facilitator mode (drawn from ``Case.hidden()``, which refuses in the other modes).

The column holds two scrolled areas: the scene (what happened, the narration,
her words and the cue) and the choices. The choices are one list: when they do
not fit they scroll together with a scrollbar, never split into pages, and
they always share the screen with what she just said (the scene area opens
scrolled to her words). On a wide window the two areas stand side by side.
Keys: 1-9 choose, Up / Down and Enter, Page Up / Down and Home / End scroll the
scene, the mouse wheel scrolls what is under it (up past the top opens the
history), H history, V reads aloud, Backspace takes the last choice back.

Facilitator mode votes, then reveals: while the choices are on screen the panel is hidden (P shows it for
this decision), and after a choice is committed the next scene shows the panel first, with its choices
held back until "Show the choices" (Enter), so that the group never reads the answer off the panel.

When the case is shown in a language some of its texts lack, the first scene shown in it says so once, in
a line under the case's bar (``fallback.py``): those texts are shown in English.

The footer (its buttons and hints) is in ``play_footer.py``; the compact header that stands in for the
portraits on a narrow window, in ``play_header.py``.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from sim.i18n import N_, _, language
from sim.ui.window.chrome import CaseChrome
from sim.ui.window.hidden_panel import draw_hidden_panel, panel_height
from sim.ui.window.banner import banner_height, case_problem, draw_banner
from sim.ui.window.render import Renderer
from sim.ui.window.scene_blocks import choice_blocks, scene_blocks
from sim.ui.window.screens.base import Screen
from sim.ui.window.screens.fallback import fallback_note
from sim.ui.window.screens.play_footer import draw_footer_hints, place_footer, sized_footer
from sim.ui.window.screens.play_header import caregiver_detail, compact_header
from sim.ui.window.scroll import Block, ScrollArea

VOTING_NOTE = N_("The alliance stays hidden while the group chooses, and shows once a choice is made. P shows it now.")
NUMBER_KEYS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
NUMBER_KEYS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})


class PlayScreen(Screen):
    name = "play"

    def __init__(self, app):
        super().__init__(app)
        self.case = app.case
        self._key = None  # the view laid out last: a new one opens at her words, the same one keeps its scroll
        self.text_area = self.choice_area = None
        self.combined = False
        self.two_columns = False
        self.text_col_w = self.choice_col_w = 0
        self.peek = False  # facilitator mode: the panel shown on request while the group chooses (P)
        self.panel_note = None

    # ----- actions -----

    def _show_choices(self) -> None:
        """Facilitator mode: the reveal is over; the group reads the choices, the panel hides."""
        self.case.revealing = False
        self.peek = False
        self.relayout()

    def _choose(self, choice_id: int) -> None:
        self.case.choose(choice_id)
        self.app.route()

    def _take_back(self) -> None:
        if self.case.take_back():
            self.app.route()

    def open_menu(self) -> None:
        from sim.ui.window.screens.menu import MenuScreen

        self.app.show(MenuScreen(self.app, self))

    def open_history(self) -> None:
        from sim.ui.window.screens.history import HistoryScreen

        self.app.show(HistoryScreen(self.app, self))

    # ----- layout -----

    def layout(self, size) -> None:
        super().layout(size)
        r, m, case = self.r, self.m, self.case
        view = case.view()
        # Facilitator mode, vote then reveal: the panel is hidden from the moment the choices appear until one
        # is committed (P shows it on request); after a commit the next scene shows the panel first, its
        # choices held back until "Show the choices".
        self.holding = case.shows_hidden and bool(view.choices) and case.revealing
        self.voting = case.shows_hidden and bool(view.choices) and not case.revealing
        if self.holding:
            view = replace(view, choices=())
        self.view = view
        key = (view.scene_id, view.decision, case.session.action_count)
        scenario = case.scenario
        self.fallback = self._fallback_note(key)
        self.chrome = CaseChrome(r, size, scenario.title.get_text(), case.mode, view.phase_index, self.open_menu,
                                 top=banner_height(r, size, case_problem(case)))
        margin = self.chrome.margin
        top = self.chrome.bottom + m.gap
        # the note that some texts are in English: a line under the case's bar, never scrolled out of sight
        self.fallback_lines = r.wrap(self.fallback, "small", size[0] - 2 * margin - m.pad) if self.fallback else []
        self.fallback_y = top
        if self.fallback_lines:
            top += len(self.fallback_lines) * r.line_height("small") + m.gap
        body = pygame.Rect(margin, top, size[0] - 2 * margin, size[1] - top - margin)
        self.hidden_shown = case.shows_hidden and (self.peek if self.voting
                                                   else getattr(self.app, "facilitator_panel", True))
        bar = self.bar_width = max(6, m.body // 3)
        side_w = max(m.body * 8, min(400, round(body.width * 0.28)))
        free = body.width - side_w - 2 * m.pad
        self.wide = free >= m.body * 22
        # Side by side (scene | choices) when two comfortable columns fit beside a narrower portrait;
        # the choices get the larger share, since all of them must be in sight at once.
        narrow_side = max(m.body * 8, min(320, round(body.width * 0.17)))
        two_free = body.width - narrow_side - 2 * m.pad
        if self.hidden_shown:  # the facilitator's panel needs the wider side column
            narrow_side, two_free = side_w, free
        self.two_columns = (self.wide and bool(view.choices)
                            and two_free >= 2 * (m.body * 20 + 3 * bar) + 2 * m.pad)
        if self.two_columns:
            side_w, free = narrow_side, two_free
            self.text_col_w, self.choice_col_w = self._column_widths(view, free - 2 * m.pad, body.height)
            main_w = self.text_col_w + self.choice_col_w + 2 * m.pad
        else:
            main_w = min(free, m.measure + m.pad + 2 * bar) if self.wide else body.width
        if self.wide:
            x = body.x + (free - main_w) // 2
            self.side = pygame.Rect(x, body.y, side_w, body.height)
            self.main = pygame.Rect(self.side.right + 2 * m.pad, body.y, main_w, body.height)
        else:
            self.side = pygame.Rect(body.x, body.y, 0, 0)
            self.main = body
        # the footer runs under the whole column, or only under the scene when the choices stand beside it
        footer_w = self.text_col_w if self.two_columns else self.main.width
        self.footer_rect = pygame.Rect(self.main.x, self.main.bottom, footer_w, 0)
        footer, footer_h = sized_footer(self, footer_w)
        self.footer_rect = pygame.Rect(self.main.x, self.main.bottom - footer_h, footer_w, footer_h)
        self._place_areas(view, pygame.Rect(self.main.x, self.main.y, self.main.width,
                                            self.main.height - footer_h - m.pad), key)
        place_footer(self, footer)
        self.footer_y = self.footer_rect.y
        self.footer = footer
        self.widgets = self.choice_area.widgets + footer + self.chrome.widgets
        self._layout_side(scenario, view)

    def _fallback_note(self, key) -> str:
        """The note that some of the case's texts are shown in English: once per case and language, on the
        scene where it was first seen (it stays while that scene is on screen, and is gone after the choice)."""
        note = fallback_note(self.case.scenario)
        if not note:
            return ""
        told = self.app.__dict__.setdefault("fallback_told", {})  # (case, language) -> the scene it was told on
        where = (str(getattr(self.case, "save_path", "") or id(self.case)), language())
        told.setdefault(where, key)
        return note if told[where] == key else ""

    def _column_widths(self, view, width: int, height: int) -> tuple[int, int]:
        """(scene, choices) widths: the scene's share is the largest of a few that lets every choice fit."""
        m, bar = self.m, self.bar_width
        for share in (0.44, 0.4, 0.36, 0.32):
            text_w = min(m.measure, round(width * share))
            choice_w = min(m.measure, width - text_w)
            if ScrollArea.total(choice_blocks(self.r, view, choice_w - 3 * bar, self._choose, self.case.taken_back)) <= height:
                break
        return text_w, choice_w

    def _place_areas(self, view, area: pygame.Rect, key) -> None:
        r, m = self.r, self.m
        bar = self.bar_width
        header = compact_header(self, view, area.width - 3 * bar) if not self.wide else None
        caregivers = self.case.scenario.caregiver_ids
        if self.two_columns:
            text_rect = pygame.Rect(area.x, area.y, self.text_col_w - 3 * bar, area.height)
            choice_rect = pygame.Rect(area.x + self.text_col_w + 2 * m.pad, area.y, self.choice_col_w - 3 * bar,
                                      area.height)
            text = scene_blocks(r, view, text_rect.width, caregivers, header)
            choices = choice_blocks(r, view, choice_rect.width, self._choose, self.case.taken_back)
            text_rect.height = min(area.height, ScrollArea.total(text))
            choice_rect.height = min(self.main.height, ScrollArea.total(choices))  # down to the bottom
        else:
            width = area.width - 3 * bar
            text = scene_blocks(r, view, width, caregivers, header)
            choices = choice_blocks(r, view, width, self._choose, self.case.taken_back)
            text_h, choice_h = self._share(area.height, text, choices)
            if text_h is None:  # too little room to share: one list, her words then the choices, scrolled
                self.combined = True
                blocks = text + ([Block(m.pad, tag="space")] if text and choices else []) + choices
                self._make_areas(pygame.Rect(area.x, area.y, width, area.height), blocks, None, None, key)
                return
            text_rect = pygame.Rect(area.x, area.y, width, text_h)
            choice_rect = pygame.Rect(area.x, area.y + text_h + (m.pad if text_h and choices else 0), width,
                                      choice_h)
        self.combined = False
        self._make_areas(text_rect, text, choice_rect, choices, key)

    def _make_areas(self, text_rect, text, choice_rect, choices, key) -> None:
        bar = self.bar_width
        before = (self.text_area.scroll, self.choice_area.scroll) if key == self._key and self.text_area else None
        self.text_area = ScrollArea("scene" if choices is not None else "scene and choices", text_rect, text, bar)
        self.choice_area = ScrollArea("choices", choice_rect, choices, bar) if choices is not None else self.text_area
        self._key = key
        if before is None:
            self._open_at_her_words(key)
        else:
            self.text_area.scroll_to(before[0])
            self.choice_area.scroll_to(before[1])

    def _share(self, height: int, text: list[Block], choices: list[Block]) -> tuple[int | None, int]:
        """(scene height, choices height) in a column of ``height``: everything when it fits; else the choices
        get what they need as long as what she just said stays in sight, and never less than a third.
        (None, 0) when that would leave less than the tallest choice, or than three lines of her words."""
        gap = self.m.pad if text and choices else 0
        need_text, need_choices = ScrollArea.total(text), ScrollArea.total(choices)
        if need_text + gap + need_choices <= height:
            return need_text, need_choices
        words = sum(block.height for block in text if block.tag == "words")
        keep_text = min(need_text, max(words, height // 3))
        choice_h = min(need_choices, max(height - gap - keep_text, min(need_choices, height // 3)))
        text_h = height - gap - choice_h
        tallest = max((block.height for block in choices if block.tag == "choice"), default=0)
        if choices and (choice_h < choices[0].height + tallest or text_h < min(words, 3 * self.r.line_height("speech"))):
            return None, 0
        return text_h, choice_h

    def _open_at_her_words(self, key) -> None:
        """A new scene opens with her words in sight: scrolled to the end of the scene, or to the top of
        her words when they are taller than the area (with the choices in the same list: her words at the top)."""
        area = self.text_area
        span = area.span("words")
        if self.combined:
            area.scroll_to(span[0] - area.rect.y if span else 0)
            return
        area.scroll_to(area.max_scroll)
        if span is not None:
            area.show(span[0], span[1])
        self.choice_area.scroll_to(0)

    def _layout_side(self, scenario, view) -> None:
        r, m = self.r, self.m
        self.portraits = []
        self.panel = self.panel_note = None
        self.label_width = self.side.width if self.wide else 0
        if not self.wide:
            return
        side = self.side
        ids = scenario.caregiver_ids
        count = len(ids)
        label_h = r.line_height("heading") + r.line_height("small") + m.gap
        panel_h = panel_height(r, count) if self.hidden_shown else 0
        note_h = 0
        if self.voting and not self.hidden_shown:  # say where the panel went, and how to see it
            note_h = len(r.wrap(_(VOTING_NOTE), "small", side.width)) * r.line_height("small")
            panel_h = note_h
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
        if note_h:
            self.panel_note = pygame.Rect(side.x, min(y, side.bottom - note_h), side.width, note_h)
        elif panel_h:
            self.panel = pygame.Rect(side.x, min(y, side.bottom - panel_h), side.width, panel_h)

    def speech(self) -> str:
        """The scene, her words and the choices, for reading aloud (V)."""
        view = self.view
        parts = ([self.fallback] if self.fallback else []) + list(view.events)
        if view.narration:
            parts.append(view.narration)
        if view.ending:
            parts.append(_("The case ends: {ending}").format(ending=view.ending['title']))
        if view.text:
            parts.append(_("{name} says: {words}").format(name=view.speaker_name, words=view.text)
                         if view.speaker_name else view.text)
        if view.cue and view.speaker_id in self.case.scenario.caregiver_ids and not view.ending:
            parts.append(view.cue)
        if view.choices:
            parts.append(_("What do you say or do?"))
            parts.extend(f"{c.number}. {c.text}" for c in view.choices)
        elif self.case.is_over:
            parts.append(_("Press Enter to read the debrief."))
        return " ".join(p if p.rstrip().endswith((".", "?", "!", ":", "\u201d", '"')) else p + "." for p in parts)

    # ----- input -----

    def default_focus(self):
        choices = [w for w in self.widgets if w.name.startswith("choice:")]
        if choices:
            return choices[0]
        for name in ("show_choices", "debrief", "take_back", "history", "menu"):
            widget = self.find(name)
            if widget is not None and widget.enabled:
                return widget
        return None

    def _apply_scroll(self) -> None:
        """The two areas keep their own offsets (the screen's single scroll is not used here)."""

    def ensure_visible(self, widget) -> None:
        if self.choice_area is not None and widget in self.choice_area.widgets:
            self.choice_area.show_widget(widget, self.m.gap // 2)

    def _wheel(self, pos, steps: int) -> bool:
        """Scroll what is under the pointer (the choices, else the scene); up past the top of the scene
        opens the history, as in Ren'Py."""
        amount = -steps * 3 * self.r.line_height("body")
        over_choices = self.choice_area.rect.inflate(4 * self.bar_width, 0).collidepoint(pos)
        if over_choices and self.choice_area.scrollable:
            return self.choice_area.scroll_by(amount)
        if self.text_area.scroll_by(amount):
            return True
        if steps > 0 and self.text_area.at_top:
            self.open_history()
            return True
        return False

    def handle(self, event) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            return self._wheel(pygame.mouse.get_pos(), event.y)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button in (4, 5):  # old-style wheel
            return self._wheel(event.pos, 1 if event.button == 4 else -1)
        return super().handle(event)

    def key(self, event) -> bool:
        if event.key in NUMBER_KEYS:
            button = self.find(f"choice:{NUMBER_KEYS[event.key]}")
            if button is not None:
                self.focus = button
                button.activate()
                return True
            return False
        area = self.text_area if self.text_area.scrollable else self.choice_area
        amounts = {pygame.K_PAGEDOWN: area.page(), pygame.K_PAGEUP: -area.page(), pygame.K_HOME: -10 ** 9,
                   pygame.K_END: 10 ** 9}
        if event.key in amounts:
            area.scroll_by(amounts[event.key])
            return True
        if event.key == pygame.K_BACKSPACE and self.case.rewind_allowed:
            self._take_back()
            return True
        if event.key == pygame.K_h:
            self.open_history()
            return True
        if event.key == pygame.K_p and self.case.shows_hidden:
            if self.voting:  # a look while the group chooses, for this decision only
                self.peek = not self.peek
            else:
                self.app.facilitator_panel = not getattr(self.app, "facilitator_panel", True)
            self.relayout()
            return True
        return False

    def back(self) -> bool:
        self.open_menu()
        return True

    # ----- drawing -----

    def draw(self, r: Renderer) -> None:
        m, p = self.m, self.p
        self.chrome.draw(r)
        if self.fallback_lines:
            x = self.chrome.margin
            height = len(self.fallback_lines) * r.line_height("small")
            pygame.draw.rect(r.surface, p.event_border, (x, self.fallback_y, 3, height))
            r.lines(self.fallback_lines, x + m.pad, self.fallback_y, "small", p.muted, None)
        self._draw_portraits(r)
        if self.panel is not None:
            hidden = self.case.hidden()
            draw_hidden_panel(r, self.panel, hidden, self.case.scenario, hidden.history)
        if self.panel_note is not None:
            y = self.panel_note.y
            for line in r.wrap(_(VOTING_NOTE), "small", self.panel_note.width):
                r.text(line, (self.panel_note.x, y), "small", p.muted, self.panel_note)
                y += r.line_height("small")
        self.text_area.draw(r, self)
        if self.choice_area is not self.text_area:
            self.choice_area.draw(r, self)
        draw_footer_hints(self, r)
        self.draw_widgets(r, scrolled=False)

    def _draw_portraits(self, r: Renderer) -> None:
        m, p, view = self.m, self.p, self.view
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
            detail = caregiver_detail(caregiver)
            r.text(r.fit(detail, "small", label.width), (label.x, y + r.line_height("heading")), "small", p.muted,
                   label, align="center", width=label.width)
        problem = case_problem(self.case)
        if problem:  # a data folder that cannot hold her progress: seen at once, and play goes on
            draw_banner(r, problem)
