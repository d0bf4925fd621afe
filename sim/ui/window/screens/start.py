"""Before an assessment: who is taking it (the learner the window already knows), and which attempt this is.

Each attempt is its own record (``slots.attempts``): an unfinished one can
only be resumed (starting it over would hide the first try), and once one is
finished a new attempt is a new, separate record beside it.
"""

from __future__ import annotations

import pygame

from sim.i18n import N_, _, ngettext
from sim.ui.window.layout import add_paragraph, column
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.slots import attempts
from sim.ui.window.widgets import Button

RULES = N_("Assessment: one attempt, no taking back and no replay. No score is shown until the debrief. "
           "Your progress is saved after every choice.")


class AssessmentStartScreen(Screen):
    name = "assessment_start"
    show_focus_at_start = True

    def __init__(self, app, scenario, back_to=None):
        super().__init__(app)
        self.scenario = scenario
        self.back_to = back_to

    @property
    def learner(self):
        return self.app.learner

    def _go(self) -> None:
        unfinished = self._unfinished()
        if unfinished is not None:
            self.app.open_save(unfinished)
        else:
            self.app.begin_case(self.scenario, "assessment", attempt=len(self._attempts()) + 1)

    def _change_learner(self) -> None:
        self.app.go_learner(lambda: self.app.show(self), back=self)

    def _attempts(self):
        return attempts(self.scenario.id, self.learner.account) if self.learner is not None else []

    def _unfinished(self):
        return next((a for a in self._attempts() if not a.finished and not a.problem), None)

    def layout(self, size) -> None:
        super().layout(size)
        r, m = self.r, self.m
        col = column(size, r, max_width=m.body * 32)
        self.col = col
        self.blocks = []
        y = col.y

        def block(text, role, colour="text", after=m.gap):
            nonlocal y
            y = add_paragraph(r, col.width, self.blocks, y, text, role, colour, after)

        block(self.scenario.title.get_text(), "title", after=m.pad)
        block(_(RULES), "body", "muted", m.pad)
        name = self.learner.name if self.learner is not None else ""
        block(_("Taking it as: {name}").format(name=name) if name else _("Taking it anonymously"), "bold",
              after=m.pad)
        done = self._attempts()
        unfinished = self._unfinished()
        if unfinished is not None:
            block(_("You have an unfinished attempt ({attempt}), saved {date}: it goes on where you left it.").format(
                attempt=unfinished.attempt, date=unfinished.date), "body", after=m.pad)
            label = _("Resume attempt {attempt}").format(attempt=unfinished.attempt)
        else:
            number = len(done) + 1
            if done:
                block(ngettext("You have done this case {count} time in assessment. This is attempt {number}: a new, "
                               "separate record; the earlier one stays as it is.",
                               "You have done this case {count} times in assessment. This is attempt {number}: a "
                               "new, separate record; the earlier ones stay as they are.",
                               len(done)).format(count=len(done), number=number), "body", after=m.pad)
            label = _("Start attempt {number}").format(number=number)
        buttons = [Button("start", label, self._go, "primary"),
                   Button("learner", _("Not me: change who is playing"), self._change_learner, "secondary"),
                   Button("back", _("Back"), self.back, "secondary")]
        width = min(col.width, max(b.width_for(r) for b in buttons) + m.pad)
        for button in buttons:
            button.rect = pygame.Rect(col.x, y, width, button.height_for(r, width))
            y = button.rect.bottom + m.gap
        self.widgets = buttons

    def back(self) -> bool:
        if self.back_to is not None:
            self.app.show(self.back_to)
        else:
            self.app.go_picker()
        return True

    def draw(self, r: Renderer) -> None:
        p, col = self.p, self.col
        colours = {"text": p.text, "muted": p.muted}
        for lines, role, colour, y in self.blocks:
            r.lines(lines, col.x, y, role, colours[colour], col)
        self.draw_widgets(r)
