"""Who is playing: a name or pseudonym, asked once before the first case and remembered in the settings.

It goes into the session log and the learning record of every case. Left
empty, the learner stays anonymous (the record then uses an id made once for
this computer). Settings has a button to change it.
"""

from __future__ import annotations

import pygame

from sim.errors import LearnerNameError
from sim.i18n import N_, _
from sim.records.profile import MAX_NAME, learner_from_settings, remember_learner
from sim.ui.window.layout import column, row
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.widgets import Button, TextField

TITLE = N_("Who is playing?")
EXPLAIN = N_("Your name, or the pseudonym your course asked you to use. It is written into the record of each case "
             "you play, so that a facilitator can see the choices of a whole class. Leave it empty to stay "
             "anonymous.")
LATER = N_("You can change it later in Settings.")
PLACEHOLDER = N_("For example: Ana R., or a pseudonym")


class LearnerScreen(Screen):
    name = "learner"
    show_focus_at_start = True

    def __init__(self, app, then, back_to=None):
        super().__init__(app)
        self.then = then            # what to show once the name is given (the case picker, or Settings)
        self.back_to = back_to
        known = learner_from_settings()
        self.field = TextField("name", known.name if known else "", MAX_NAME, _(PLACEHOLDER), action=self._done)
        self.problem = ""

    def _done(self) -> None:
        try:
            learner = remember_learner(self.field.value)
        except LearnerNameError as exc:
            self.problem = _("Please shorten it: {problem}.").format(problem=exc)
            self.relayout()
            return
        except OSError as exc:
            self.app.notice = _("Your name could not be saved ({problem}); it is used for this run only.").format(
                problem=exc.strerror or exc)
            learner = None
        self.app.learner = learner or self.app.learner_for(self.field.value)
        self.then()

    def layout(self, size) -> None:
        super().layout(size)
        r, m = self.r, self.m
        col = column(size, r, max_width=m.body * 30)
        self.col = col
        y = col.y + max(0, col.height // 8)
        self.title_y = y
        y += r.line_height("title") + m.pad
        self.field.placeholder = _(PLACEHOLDER)  # in the language in use now
        self.explain = r.wrap(_(EXPLAIN), "body", col.width)
        self.explain_y = y
        y += len(self.explain) * r.line_height("body") + m.pad
        self.label_y = y
        y += r.line_height("bold") + m.gap // 2
        self.field.rect = pygame.Rect(col.x, y, col.width, self.field.height_for(r, col.width))
        y = self.field.rect.bottom + m.gap
        self.problem_lines = r.wrap(self.problem, "small", col.width) if self.problem else []
        self.problem_y = y
        y += len(self.problem_lines) * r.line_height("small") + m.gap
        buttons = [Button("continue", _("Continue"), self._done, "primary"), Button("back", _("Back"), self.back)]
        y = row(buttons, pygame.Rect(col.x, y, col.width, 0), m.gap, r, natural=True) + m.pad
        self.later = r.wrap(_(LATER), "small", col.width)
        self.later_y = y
        self.widgets = [self.field, *buttons]

    def default_focus(self):
        return self.field

    def handle(self, event) -> bool:
        if event.type == pygame.TEXTINPUT and self.focus is self.field:
            if self.field.insert(event.text):
                self.problem = ""
            return True
        if (event.type == pygame.KEYDOWN and self.focus is self.field
                and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER)):
            self._done()
            return True
        return super().handle(event)

    def back(self) -> bool:
        return self.return_to(self.back_to)

    def draw(self, r: Renderer) -> None:
        p, col = self.p, self.col
        r.text(_(TITLE), (col.x, self.title_y), "title", p.text, col)
        r.lines(self.explain, col.x, self.explain_y, "body", p.text, col)
        r.text(_("Name or pseudonym"), (col.x, self.label_y), "bold", p.text, col)
        r.lines(self.problem_lines, col.x, self.problem_y, "small", p.danger, col)
        r.lines(self.later, col.x, self.later_y, "small", p.muted, col)
        self.draw_widgets(r)
