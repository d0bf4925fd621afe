"""The questions between scenes: the calibration estimate at each phase end, the rupture notice,
and, in facilitator mode, a discussion pause before the group's estimate."""

from __future__ import annotations

import pygame

from sim.engine.labels import phase_label
from sim.i18n import N_, _
from sim.scenario.model import PHASES
from sim.ui.window.chrome import CaseChrome
from sim.ui.window.facilitator import discussion_questions
from sim.ui.window.banner import banner_height, case_problem, draw_banner
from sim.ui.window.layout import add_paragraph, column
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.screens.play import NUMBER_KEYS
from sim.ui.window.widgets import Button, ChoiceButton, Slider
from sim.ui.window.wrap import typographic

WORDS = ((80, N_("strong")), (60, N_("working")), (40, N_("mixed")), (20, N_("weak")), (0, N_("broken")))


def estimate_word(value: int) -> str:
    """The word for an estimate of the alliance (a strong alliance, a working one...), translated."""
    for threshold, word in WORDS:
        if value >= threshold:
            return _(word)
    return _(WORDS[-1][1])


def phase_end_title(phase: str) -> str:
    return _("The end of the {phase} phase").format(phase=phase_label(phase).lower())


class PromptScreen(Screen):
    name = "prompt"
    scrollable = True
    show_focus_at_start = True

    def __init__(self, app, discussion: str | None = None):
        super().__init__(app)
        self.case = app.case
        self.discussion = discussion
        self.estimate = 50

    def _answer(self, value) -> None:
        kind = self.view.kind
        self.case.answer(value)
        if kind == "calibration" and self.case.shows_hidden:
            self._reveal()
            return
        self.app.route()

    def _reveal(self) -> None:
        """Facilitator mode: after the group's estimate, what the hidden alliance was (the engine's record)."""
        from sim.ui.window.screens.confirm import ConfirmScreen

        record = self.case.session.calibrations[-1]
        message = _("The group said {estimate} ({estimate_word}); the alliance was {truth} ({truth_word}).").format(
            estimate=f"{record.estimate:.0f}", estimate_word=estimate_word(round(record.estimate)),
            truth=f"{record.truth:.0f}", truth_word=estimate_word(round(record.truth)))
        answers = [("continue", _("Continue"), self.app.route, "primary")]
        if self.case.rewind_allowed and self.case.session.decision_count:
            answers.append(("take_back", _("Take back the last choice and try another"), self._take_back,
                            "secondary"))
        self.app.show(ConfirmScreen(self.app, phase_end_title(record.phase), message, answers, self.app.route))

    def _take_back(self) -> None:
        """Practice and facilitator: go back before the choice that led here (a group can try the other one)."""
        if self.case.take_back():
            self.app.route()

    def _continue(self) -> None:
        self.case.discussed.add(self.discussion)
        self.app.route()

    def open_menu(self) -> None:
        from sim.ui.window.screens.menu import MenuScreen

        self.app.show(MenuScreen(self.app, self))

    def _set_estimate(self, value: int) -> None:
        self.estimate = value
        self.readout = _("Your estimate: {value} ({word})").format(value=value, word=estimate_word(value))

    def _slid(self, value: int) -> None:
        self._set_estimate(value)
        if self.app.settings.self_voicing:
            self.app.read_aloud(self.readout)

    def layout(self, size) -> None:
        super().layout(size)
        r, m = self.r, self.m
        view = self.view = self.case.view()
        scenario = self.case.scenario
        shown_phase = (self._phase_ending(view.scene) if view.kind == "notice" else "") or view.phase
        phase_index = PHASES.index(shown_phase) if shown_phase in PHASES else 0
        self.chrome = CaseChrome(r, size, scenario.title.get_text(), self.case.mode, phase_index, self.open_menu,
                                 top=banner_height(r, size, case_problem(self.case)))
        col = column(size, r, max_width=m.body * 34, top=self.chrome.bottom + m.pad)
        self.col = col
        self.viewport = pygame.Rect(0, col.y, size[0], col.height)
        self.blocks = []  # (lines, role, colour name, y)
        y = col.y

        def block(text, role, colour="text", after=m.gap):
            nonlocal y
            y = add_paragraph(r, col.width, self.blocks, y, text, role, colour, after)

        self.widgets = []
        if self.discussion is not None:
            questions, from_guide = discussion_questions(scenario.id, self.discussion,
                                                         case_path=self.case.scenario_path)
            block(_("Discussion: the end of the {phase} phase").format(phase=phase_label(self.discussion).lower()),
                  "title", "text", m.pad)
            block(_("Pause here with the group before anyone gives an estimate."), "body", "muted", m.pad)
            for number, question in enumerate(questions, 1):
                block(f"{number}. {typographic(question)}", "speech", "text", m.pad)
            block(_("From this case's facilitator guide.") if from_guide else
                  _("General questions for this phase (this case has no facilitator guide)."), "small", "muted", m.pad)
            button = Button("continue", _("Continue to the group's estimate"), self._continue, "primary")
            button.rect = pygame.Rect(col.x, y, min(col.width, button.width_for(r) + m.pad),
                                      button.height_for(r, min(col.width, button.width_for(r) + m.pad)))
            self.widgets = [button]
            y = button.rect.bottom
        elif view.kind == "calibration":
            block(phase_end_title(view.phase), "title", "text", m.pad)
            block(view.question, "body", "text", m.pad)
            self._set_estimate(self.estimate)
            self.readout_y = y
            y += r.line_height("heading") + m.gap
            slider = Slider("estimate", self.estimate, self._slid,
                            action=lambda: self._answer(self.slider.value))
            slider.rect = pygame.Rect(col.x, y, col.width, slider.height_for(r))
            self.slider = slider
            y = slider.rect.bottom
            block(_("Left and Right move by 10, Shift for 1; Enter gives your estimate."), "small", "muted", m.pad)
            confirm = Button("confirm", _("Give my estimate"), lambda: self._answer(self.slider.value), "primary")
            width = min(col.width, confirm.width_for(r) + m.pad)
            confirm.rect = pygame.Rect(col.x, y, width, confirm.height_for(r, width))
            self.widgets = [slider, confirm]
            y = confirm.rect.bottom
        else:
            block(_("A moment to notice"), "title", "text", m.pad)
            scene = view.scene  # her reaction to your last move, seen before you answer
            ending = self._phase_ending(scene)
            if ending:
                # the scene reached opens the next phase: it comes after the estimate, so only how she is
                # now (the cue) is shown here, with the phase that is ending
                phase = phase_label(ending).lower()
                block(_("The {phase} phase is ending. How {name} seems now:").format(phase=phase, name=scene.speaker_name)
                      if scene.cue else _("The {phase} phase is ending.").format(phase=phase), "body", "muted")
                if scene.cue:
                    block(typographic(scene.cue), "speech", "text", m.pad)
            elif scene is not None:
                if scene.narration:
                    block(typographic(scene.narration), "body", "muted")
                if scene.text:
                    words = (_("{name}: \u201c{words}\u201d").format(name=scene.speaker_name, words=scene.text)
                             if scene.speaker_name else scene.text)
                    block(typographic(words), "speech")
                if scene.cue:
                    block(typographic(scene.cue), "small", "muted", m.pad)
            block(view.question, "body", "text", m.pad)
            for number, (value, label) in enumerate(view.options, 1):
                button = ChoiceButton(f"option:{number}", number, label, (lambda v=value: self._answer(v)))
                button.rect = pygame.Rect(col.x, y, col.width, button.height_for(r, col.width))
                self.widgets.append(button)
                y = button.rect.bottom + m.gap
        if self.case.rewind_allowed and self.case.session.decision_count:
            back = Button("take_back", _("Take back the last choice"), self._take_back, "secondary", role="small_bold")
            width = min(col.width, back.width_for(r))
            back.rect = pygame.Rect(col.x, y + m.pad, width, back.height_for(r, width))
            self.widgets.append(back)
            y = back.rect.bottom
        self.content_bottom = y + m.gap
        for widget in self.widgets:
            widget.scrolls = True
        self.widgets.extend(self.chrome.widgets)

    def speech(self) -> str:
        """Everything on the question screen, then its answers, for reading aloud (V)."""
        parts = [" ".join(block[0]) for block in self.blocks]
        if self.discussion is None and self.view.kind == "calibration":
            parts.append(self.readout)
        if self.discussion is None and self.view.kind == "notice":
            parts.extend(f"{n}. {label}" for n, (_value, label) in enumerate(self.view.options, 1))
        return " ".join(parts)

    def _phase_ending(self, scene) -> str:
        """The phase that the last decision ended, when the scene it reached opens the next one."""
        decisions = self.case.session.decisions
        if scene is None or not decisions or decisions[-1].phase == scene.phase:
            return ""
        return decisions[-1].phase

    def key(self, event) -> bool:
        if event.key == pygame.K_BACKSPACE and self.case.rewind_allowed and self.case.session.decision_count:
            self._take_back()
            return True
        if (event.key in (pygame.K_HOME, pygame.K_END) and self.discussion is None
                and self.view.kind == "calibration"):
            self.slider.set(0 if event.key == pygame.K_HOME else 100)
            self.focus = self.slider
            return True
        if event.key == pygame.K_h and self.discussion is None and self.case.session.actions:
            from sim.ui.window.screens.history import HistoryScreen

            self.app.show(HistoryScreen(self.app, self))
            return True
        if self.view.kind == "notice" and self.discussion is None and event.key in NUMBER_KEYS:
            button = self.find(f"option:{NUMBER_KEYS[event.key]}")
            if button is not None:
                button.activate()
                return True
        return False

    def back(self) -> bool:
        self.open_menu()
        return True

    def draw(self, r: Renderer) -> None:
        p, col = self.p, self.col
        self.chrome.draw(r)
        colours = {"text": p.text, "muted": p.muted}
        with r.clip(self.viewport):
            for lines, role, colour, y in self.blocks:
                r.lines(lines, col.x, y - self.scroll, role, colours[colour], col)
            if self.discussion is None and self.view.kind == "calibration":
                r.text(self.readout, (col.x, self.readout_y - self.scroll), "heading", p.text, col)
            self.draw_widgets(r, scrolled=True)
        self.draw_scrollbar(r, col.right + self.m.gap)  # the answers may go on below (a small window)
        self.draw_widgets(r, scrolled=False)
        problem = case_problem(self.app.case)
        if problem:  # a data folder that cannot hold her progress: seen at once, and play goes on
            draw_banner(r, problem)
