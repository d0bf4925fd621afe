"""Settings: language, text size, theme, window or full screen, reading aloud. Each change applies at once
and is remembered; a new language redraws every screen in it, and an open case's texts follow."""

from __future__ import annotations

import pygame

from sim.i18n import LANGUAGE_NAMES, LANGUAGES, N_, _
from sim.ui.window.layout import column, row
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.settings_store import SETTINGS_FILE, TEXT_SIZES, THEMES, config_dir
from sim.ui.window.theme import TEXT_SIZE_LABELS, THEME_LABELS
from sim.ui.window.widgets import Button

SAMPLE = N_("\u201cI came because the paper said I had to. I'll do whatever you need me to do.\u201d")
# (setting, label, [(value, label)]): the labels are marked here and translated where they are drawn; a
# language is named in its own words (never translated), so that it can be found from any language
GROUPS = (
    ("language", N_("Language"), [(v, LANGUAGE_NAMES[v]) for v in LANGUAGES]),
    ("text_size", N_("Text size"), [(v, TEXT_SIZE_LABELS[v]) for v in TEXT_SIZES]),
    ("theme", N_("Theme"), [(v, THEME_LABELS[v]) for v in THEMES]),
    ("fullscreen", N_("Display"), [(False, N_("Window")), (True, N_("Full screen"))]),
    ("self_voicing", N_("Read aloud (V)"), [(False, N_("Off")), (True, N_("On"))]),
)


class SettingsScreen(Screen):
    name = "settings"
    scrollable = True

    def __init__(self, app, back_to=None):
        super().__init__(app)
        self.back_to = back_to

    def _current(self, group: str):
        """The value a group's setting has now (the language: the one in use, chosen or the system's)."""
        if group == "language":
            return self.app.settings.interface_language()
        return getattr(self.app.settings, group)

    def _choose(self, group: str, value) -> None:
        if self._current(group) == value:
            return
        if group == "language":
            self.app.settings.language = value
            self.app.settings.apply_language()  # every word from now on is looked up in it
            if self.app.case is not None:
                self.app.case.session.language = None  # the case's texts follow the interface
            self.app.apply_settings()  # this screen laid out again in the new language; the others when shown
            self.focus = self.find(f"{group}:{value}")
            self.app.read_aloud()
            return
        if group == "self_voicing":
            self.app.toggle_voicing()  # says so when espeak-ng is missing
            self.relayout()
            self.focus = self.find(f"{group}:{self.app.settings.self_voicing}")
            return
        setattr(self.app.settings, group, value)
        self.app.apply_settings()  # lays this screen out again with the new sizes
        self.focus = self.find(f"{group}:{value}")
        self.focus_visible = self.focus_visible or False

    def layout(self, size) -> None:
        super().layout(size)
        r, m = self.r, self.m
        col = column(size, r, max_width=m.body * 34)
        self.col = col
        back = Button("back", _("Back"), self.back, "secondary")
        back_height = back.height_for(r, back.width_for(r))
        self.viewport = pygame.Rect(0, col.y, size[0], col.height - back_height - m.pad)
        back.rect = pygame.Rect(col.x, self.viewport.bottom + m.pad, max(back.width_for(r), m.body * 8), back_height)
        self.widgets = []
        self.rows = []
        self.notes = []  # (lines, y): what a group's setting does, or why it cannot
        y = col.y + r.line_height("title") + m.pad
        for group, label, options in GROUPS:
            self.rows.append((label, y))
            y += r.line_height("bold") + m.gap // 2
            words = (lambda t: t) if group == "language" else _
            buttons = [Button(f"{group}:{value}", words(text), (lambda g=group, v=value: self._choose(g, v)),
                              "option", selected=self._current(group) == value) for value, text in options]
            for button in buttons:
                button.scrolls = True
            y = row(buttons, pygame.Rect(col.x, y, col.width, 0), m.gap, r) + m.pad * 3 // 2
            self.widgets.extend(buttons)
            if group == "self_voicing":
                from sim.ui.window.voice import MISSING

                note = (_("Reads the scene, her words and the choices aloud with espeak-ng, and each control "
                          "the keyboard moves to.") if self.app.voice.available else _(MISSING))
                self.notes.append((r.wrap(note, "small", col.width), y - m.pad))
                y += len(self.notes[-1][0]) * r.line_height("small") + m.pad
        y = self._learner_section(y, col) + m.pad
        self.sample_y = y
        self.sample = r.wrap(_(SAMPLE), "speech", col.width)
        y += r.line_height("small") + len(self.sample) * r.line_height("speech") + m.pad
        self.where = r.wrap(_("Saved for next time in {path}").format(path=config_dir() / SETTINGS_FILE), "small",
                            col.width)
        self.where_y = y
        y += len(self.where) * r.line_height("small")
        self.content_bottom = y
        self.widgets.append(back)

    def _learner_section(self, y: int, col) -> int:
        """Who is playing (with a button to change it) and where the learning record goes."""
        r, m, app = self.r, self.m, self.app
        self.learner_y = y
        y += r.line_height("bold") + m.gap // 2
        learner = app.learner
        who = (_("Playing as {name}.").format(name=learner.name) if learner and learner.name else
               _("Playing anonymously.") if learner else _("You will be asked your name before the first case."))
        self.learner_lines = r.wrap(who, "body", col.width)
        self.learner_text_y = y
        y += len(self.learner_lines) * r.line_height("body") + m.gap // 2
        change = Button("change_learner", _("Change name"), lambda: app.go_learner(lambda: app.go_settings(
            self.back_to), back=self), "secondary")
        change.scrolls = True
        width = change.width_for(r) + m.pad
        change.rect = pygame.Rect(col.x, y, width, change.height_for(r, width))
        self.widgets.append(change)
        y = change.rect.bottom + m.gap
        if app.lrs.configured:
            record = app.record_notice or _("Your learning record is sent to the LRS at {host}.").format(
                host=app.lrs.host)
        else:
            record = _("Your learning record is kept on this computer (no LRS is set up: {command}).").format(
                command="alliance-sim lrs status")
        self.record_lines = r.wrap(record, "small", col.width)
        self.record_y = y
        return y + len(self.record_lines) * r.line_height("small")

    def default_focus(self):
        return self.find(f"text_size:{self.app.settings.text_size}")  # the language row stands above it

    def key(self, event) -> bool:
        focus = self.focus
        if focus is None or ":" not in focus.name or event.key not in (pygame.K_UP, pygame.K_DOWN):
            return False
        if not self.focus_visible:  # the first key press shows where the focus is
            self.focus_visible = True
            return True
        # up and down move between the groups (to the chosen option); left and right within a group
        names = [group for group, _label, _options in GROUPS]
        index = names.index(focus.name.split(":")[0]) + (1 if event.key == pygame.K_DOWN else -1)
        if index >= len(names):
            self.focus = self.find("change_learner") or self.find("back")
        elif index >= 0:
            self.focus = self.find(f"{names[index]}:{self._current(names[index])}")
        self.focus_visible = True
        self.ensure_visible(self.focus)
        return True

    def back(self) -> bool:
        return self.return_to(self.back_to)

    def draw(self, r: Renderer) -> None:
        p, col = self.p, self.col
        with r.clip(self.viewport):
            dy = -self.scroll
            r.text(_("Settings"), (col.x, col.y + dy), "title", p.text, col)
            for label, y in self.rows:
                r.text(_(label), (col.x, y + dy), "bold", p.text, col)
            self.draw_widgets(r, scrolled=True)
            r.text(_("Learner"), (col.x, self.learner_y + dy), "bold", p.text, col)
            r.lines(self.learner_lines, col.x, self.learner_text_y + dy, "body", p.text, col)
            r.lines(self.record_lines, col.x, self.record_y + dy, "small", p.muted, col)
            y = self.sample_y + dy
            r.text(_("Sample"), (col.x, y), "small", p.muted, col)
            r.lines(self.sample, col.x, y + r.line_height("small"), "speech", p.text, col)
            r.lines(self.where, col.x, self.where_y + dy, "small", p.muted, col)
            for lines, y in self.notes:
                r.lines(lines, col.x, y + dy, "small", p.muted, col)
        self.draw_widgets(r, scrolled=False)
