"""The questions between scenes: the calibration estimate at each phase end, the rupture notice,
and, in facilitator mode, a discussion pause before the group's estimate."""

from __future__ import annotations

import pygame

from sim.scenario.model import PHASES
from sim.ui.window.chrome import PHASE_LABELS, CaseChrome
from sim.ui.window.facilitator import discussion_questions
from sim.ui.window.banner import case_problem, draw_banner
from sim.ui.window.layout import add_paragraph, column
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.screens.play import NUMBER_KEYS
from sim.ui.window.widgets import Button, ChoiceButton, Slider
from sim.ui.window.wrap import typographic

WORDS = ((80, "strong"), (60, "working"), (40, "mixed"), (20, "weak"), (0, "broken"))


def estimate_word(value: int) -> str:
    for threshold, word in WORDS:
        if value >= threshold:
            return word
    return WORDS[-1][1]


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
        phase = PHASE_LABELS.get(record.phase, record.phase).lower()
        message = (f"The group said {record.estimate:.0f} ({estimate_word(round(record.estimate))}); the alliance "
                   f"was {record.truth:.0f} ({estimate_word(round(record.truth))}).")
        answers = [("continue", "Continue", self.app.route, "primary")]
        if self.case.rewind_allowed and self.case.session.decision_count:
            answers.append(("take_back", "Take back the last choice and try another", self._take_back, "secondary"))
        self.app.show(ConfirmScreen(self.app, f"The end of the {phase} phase", message, answers, self.app.route))

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
        self.readout = f"Your estimate: {value} ({estimate_word(value)})"

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
        self.chrome = CaseChrome(r, size, scenario.title.get_text(), self.case.mode, phase_index, self.open_menu)
        col = column(size, r, max_width=m.body * 34, top=self.chrome.bottom + m.pad)
        self.col = col
        self.viewport = pygame.Rect(0, col.y, size[0], col.height)
        phase = PHASE_LABELS.get(view.phase, view.phase).lower()
        self.blocks = []  # (lines, role, colour name, y)
        y = col.y

        def block(text, role, colour="text", after=m.gap):
            nonlocal y
            y = add_paragraph(r, col.width, self.blocks, y, text, role, colour, after)

        self.widgets = []
        if self.discussion is not None:
            questions, from_guide = discussion_questions(scenario.id, self.discussion,
                                                         case_path=self.case.scenario_path)
            block(f"Discussion: the end of the {PHASE_LABELS.get(self.discussion, self.discussion).lower()} phase",
                  "title", "text", m.pad)
            block("Pause here with the group before anyone gives an estimate.", "body", "muted", m.pad)
            for number, question in enumerate(questions, 1):
                block(f"{number}. {typographic(question)}", "speech", "text", m.pad)
            block("From this case's facilitator guide." if from_guide else
                  "General questions for this phase (this case has no facilitator guide).", "small", "muted", m.pad)
            button = Button("continue", "Continue to the group's estimate", self._continue, "primary")
            button.rect = pygame.Rect(col.x, y, min(col.width, button.width_for(r) + m.pad),
                                      button.height_for(r, min(col.width, button.width_for(r) + m.pad)))
            self.widgets = [button]
            y = button.rect.bottom
        elif view.kind == "calibration":
            block(f"The end of the {phase} phase", "title", "text", m.pad)
            block(view.question, "body", "text", m.pad)
            self._set_estimate(self.estimate)
            self.readout_y = y
            y += r.line_height("heading") + m.gap
            slider = Slider("estimate", self.estimate, self._slid,
                            action=lambda: self._answer(self.slider.value))
            slider.rect = pygame.Rect(col.x, y, col.width, slider.height_for(r))
            self.slider = slider
            y = slider.rect.bottom
            block("Left and Right move by 10, Shift for 1; Enter gives your estimate.", "small", "muted", m.pad)
            confirm = Button("confirm", "Give my estimate", lambda: self._answer(self.slider.value), "primary")
            width = min(col.width, confirm.width_for(r) + m.pad)
            confirm.rect = pygame.Rect(col.x, y, width, confirm.height_for(r, width))
            self.widgets = [slider, confirm]
            y = confirm.rect.bottom
        else:
            block("A moment to notice", "title", "text", m.pad)
            scene = view.scene  # her reaction to your last move, seen before you answer
            ending = self._phase_ending(scene)
            if ending:
                # the scene reached opens the next phase: it comes after the estimate, so only how she is
                # now (the cue) is shown here, with the phase that is ending
                closing = f"The {PHASE_LABELS.get(ending, ending).lower()} phase is ending."
                block(f"{closing} How {scene.speaker_name} seems now:" if scene.cue else closing, "body", "muted")
                if scene.cue:
                    block(typographic(scene.cue), "speech", "text", m.pad)
            elif scene is not None:
                if scene.narration:
                    block(typographic(scene.narration), "body", "muted")
                if scene.text:
                    speaker = f"{scene.speaker_name}: " if scene.speaker_name else ""
                    block(typographic(f"{speaker}\u201c{scene.text}\u201d" if speaker else scene.text), "speech")
                if scene.cue:
                    block(typographic(scene.cue), "small", "muted", m.pad)
            block(view.question, "body", "text", m.pad)
            for number, (value, label) in enumerate(view.options, 1):
                button = ChoiceButton(f"option:{number}", number, label, (lambda v=value: self._answer(v)))
                button.rect = pygame.Rect(col.x, y, col.width, button.height_for(r, col.width))
                self.widgets.append(button)
                y = button.rect.bottom + m.gap
        if self.case.rewind_allowed and self.case.session.decision_count:
            back = Button("take_back", "Take back the last choice", self._take_back, "secondary", role="small_bold")
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
        parts = [" ".join(lines) for lines, _, _, _ in self.blocks]
        if self.discussion is None and self.view.kind == "calibration":
            parts.append(self.readout)
        if self.discussion is None and self.view.kind == "notice":
            parts.extend(f"{n}. {label}" for n, (_, label) in enumerate(self.view.options, 1))
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
