"""A session: one learner's run through one scenario.

A session is a pure function of (scenario, seed, actions): the same inputs
give the same run on any machine. Actions are the learner's inputs in order:
``{"choice": id}``, ``{"calibration": 0..100}`` and ``{"notice": value}``.
Replaying them rebuilds the session exactly, which gives resume, rewind,
tests and exploration without a second code path.
"""

from __future__ import annotations

import secrets
from collections import deque
from dataclasses import replace
from typing import Callable

from sim.engine import core
from sim.engine.alliance import bordin_view
from sim.engine.phases import PhaseMachine
from sim.engine.stance import StanceMachine
from sim.engine.timeline import (CalibrationRecord, DecisionRecord, EventEffect, NoticeRecord, Point,
                                 RuptureRecord)
from sim.engine import noticing
from sim.engine.views import (CALIBRATION_QUESTION, DEFAULT_CUES, NOTICE_QUESTION, ChoiceView, HiddenView,
                              PromptView, SceneView, portrait_reading, tone_cue)
from sim.engine.labels import phase_label
from sim.errors import ActionError, PlayError
from sim.i18n import _
from sim.i18n import language as current_language
from sim.scenario.model import PHASE_INDEX, RUPTURE_STANCES, Scenario
from sim.scenario.names import CHILD_SAFETY

KIND_OF = {"withdrawn": "withdrawal", "confrontational": "confrontation"}


def fresh_seed() -> int:
    """A seed for a new session when none is given: every run shuffles choices and draws chance events and
    noticing questions anew. The session stays a pure function of its seed, which the save and log keep."""
    return secrets.randbelow(2**31)


class Session:
    """Plays one scenario. Front ends read ``view()`` and send ``choose`` / ``answer``."""

    def __init__(self, scenario: Scenario, seed: int = 0, language: str | None = None,
                 listener: Callable[[dict], None] | None = None):
        self.scenario = scenario
        self.seed = seed
        self._language = language  # None: the interface's language, whatever it is when a view is made
        self.listener = listener
        self.actions: list[dict] = []
        self.decisions: list[DecisionRecord] = []
        self.ruptures: list[RuptureRecord] = []
        self.calibrations: list[CalibrationRecord] = []
        self.notices: list[NoticeRecord] = []
        self.trajectory: list[Point] = []
        self.takebacks: list[dict] = []           # {"decision": n, "undone": [choice ids]} per take-back
        self.first_attempt: dict[int, float] = {}  # decision number -> the alliance after her first try at it
        self._pending: deque[PromptView] = deque()
        self._ended_phases: list[str] = []
        self._calibrated: set[str] = set()
        self._notice_truths: dict[int, tuple] = {}
        self._decision_scene = scenario.start
        report = core.StepReport()
        self._state = core.start(scenario, seed, report)
        self._phases = PhaseMachine(scenario.scenes[scenario.start].phase, self._ended_phases.append)
        self._stances = StanceMachine({c.id: c.stance for c in scenario.caregivers}, self._rupture_began,
                                     self._rupture_ended)
        self._score_before = self._state.score
        self._emit({"type": "start", "scenario": scenario.id, "seed": seed, "digest": scenario.digest})
        self._absorb(report, decision=0)
        self._point()
        self._arrival_events = [e.text for e in report.events if e.text]
        self._emit_scene()
        if self._state.over:
            self._finish()

    @property
    def language(self) -> str:
        """The language the case's texts are shown in: the one given, else the interface's language now."""
        return self._language or current_language()

    @language.setter
    def language(self, value: str | None) -> None:
        self._language = value

    @property
    def fixed_language(self) -> str | None:
        """The language given to this session, or None when it follows the interface's (what a replay keeps)."""
        return self._language

    # ----- replay -----

    @classmethod
    def replay(cls, scenario: Scenario, seed: int, actions: list[dict], language: str | None = None,
               listener: Callable[[dict], None] | None = None) -> "Session":
        """Rebuild a session from its actions; raises ActionError at the first that does not fit."""
        session = cls(scenario, seed, language, listener)
        for number, action in enumerate(actions, 1):
            if not isinstance(action, dict) or len(action) != 1:
                raise ActionError(_("action {number} is not a single {entry} entry: {action}").format(
                    number=number, entry="{kind: value}", action=repr(action)))
            try:
                session._act(action)
            except ActionError as exc:
                raise ActionError(_("action {number} ({kind}): {reason}").format(
                    number=number, kind=next(iter(action)), reason=exc)) from None
        return session

    def _act(self, action: dict) -> None:
        """One recorded action, ``{"choice": id}`` or ``{"calibration" | "notice": answer}``."""
        (kind, value), = action.items()
        if kind == "choice":
            self.choose(value)
        elif kind in ("calibration", "notice"):
            self.answer(value)
        else:
            raise ActionError(_("unknown action kind {kind}").format(kind=repr(kind)))

    @classmethod
    def replay_as_far_as_fits(cls, scenario: Scenario, seed: int, actions: list[dict], language: str | None = None,
                              listener: Callable[[dict], None] | None = None) -> tuple["Session", str | None]:
        """Rebuild a session from another version's actions (live preview after an edit): as far as they fit,
        and why the first that does not fit stopped it (None when all did)."""
        session = cls(scenario, seed, language, listener)
        for number, action in enumerate(actions, 1):
            try:
                session._act(action)
            except (ActionError, PlayError, ValueError, AttributeError) as exc:
                where = f"decision {session.decision_count + 1}" if not session.waiting else "a question"
                return session, f"action {number} of {len(actions)} ({where}, scene '{session.scene_id}'): {exc}"
        return session, None

    def rewound(self, decision: int, listener: Callable[[dict], None] | None = None) -> "Session":
        """A new session replayed up to just before decision ``decision`` (1-based) was taken."""
        if not 1 <= decision <= max(1, self._state.decisions):
            raise ActionError(_("there is no decision {decision} to go back to").format(decision=decision))
        kept: list[dict] = []
        choices = 0
        for action in self.actions:
            if "choice" in action:
                choices += 1
                if choices == decision:
                    break
            kept.append(action)
        undone = [d.choice_id for d in self.decisions[decision - 1:]]
        back = Session.replay(self.scenario, self.seed, kept, self._language, listener)
        back.restore_history(self.takebacks + [{"decision": decision, "undone": undone}], self.first_attempt)
        return back

    def restore_history(self, takebacks: list[dict], first_attempt: dict) -> None:
        """Carry the take-backs and the first attempts over to a session rebuilt from its actions (a rewind,
        a resume): what the learner tried first stays on the record beside what she kept."""
        self.takebacks = [dict(t) for t in takebacks]
        merged = dict(self.first_attempt)
        merged.update({int(k): v for k, v in first_attempt.items()})  # the earlier record was first
        self.first_attempt = merged

    # ----- reading -----

    @property
    def state(self):
        """The hidden state of the case now, for analysis, records and tests; a front end reads views."""
        return self._state

    @property
    def scene_id(self) -> str:
        """The scene the case is at (what a front end names when it reports a problem with the case)."""
        return self._state.scene

    @property
    def waiting(self) -> bool:
        """Whether a question (calibration or notice) is waiting for an answer."""
        return bool(self._pending)

    @property
    def waiting_prompts(self) -> tuple[PromptView, ...]:
        """The questions waiting, in the order they will be asked."""
        return tuple(self._pending)

    @property
    def action_count(self) -> int:
        return len(self.actions)

    @property
    def is_over(self) -> bool:
        return self._state.over and not self._pending

    @property
    def decision_count(self) -> int:
        return self._state.decisions

    def view(self) -> SceneView | PromptView:
        """What the learner sees now: a prompt when one is waiting, otherwise the scene.

        A notice prompt carries the scene the case has just reached, so that a front end shows
        her reaction (words, cue) with the question: the learner notices what she can see.
        """
        if self._pending:
            prompt = self._pending[0]
            if prompt.kind == "notice":  # worded now, in the language the front end uses now
                return replace(prompt, question=_(NOTICE_QUESTION).format(who=self._who(prompt.about)),
                               options=noticing.options(self.scenario, prompt.about),
                               scene=self._scene_view(with_choices=False))
            return replace(prompt, question=_(CALIBRATION_QUESTION).format(phase=phase_label(prompt.phase).lower(),
                                                                           who=self._who()))
        return self._scene_view()

    def _scene_view(self, with_choices: bool = True) -> SceneView:
        scenario, state = self.scenario, self._state
        scene = scenario.scenes[state.scene]
        focus = scenario.focus_caregiver(scene)
        text_variant, narration_variant = core.shown_variants(scenario, state, scene)
        text = text_variant.text if text_variant is not None else scene.text
        narration = narration_variant.narration if narration_variant is not None else scene.narration
        lang = self.language
        choices = () if state.over or not with_choices else tuple(
            ChoiceView(c.id, n, core.choice_words(scenario, state, scene, c)[0].get_text(lang))
            for n, c in enumerate(core.display_order(state, core.visible_choices(scenario, state)), 1))
        if with_choices and not state.over and not choices:
            raise PlayError(_("scene '{id}' has no choice available in this situation").format(id=scene.id))
        speaker = scene.speaker
        stance = state.stances[focus]
        caregiver = scenario.caregiver(focus)
        cue = ""  # a stance is only seen when the caregiver is the one speaking
        if speaker == focus:
            cue_text = caregiver.cues.get(stance)
            cue = cue_text.get_text(lang) if cue_text else _(DEFAULT_CUES[stance]).format(name=caregiver.name)
            tone = tone_cue(caregiver.name, state.dims[focus]["connection"])
            cue = f"{cue} {tone}" if tone else cue
        ending = None
        if scene.ending is not None:
            ending = {"type": scene.ending.type, "title": scene.ending.title.get_text(lang)}
        return SceneView(
            scene_id=scene.id, phase=scene.phase, phase_index=PHASE_INDEX[scene.phase], speaker_id=speaker,
            speaker_name=scenario.speaker_name(speaker), text=text.get_text(lang) if text else "",
            narration=narration.get_text(lang) if narration else "", cue=cue, stance=stance,
            stances=dict(state.stances), choices=choices, events=tuple(t.get_text(lang) for t in self._arrival_events),
            decision=state.decisions, ending=ending,
        )

    def hidden(self) -> HiddenView:
        """The hidden alliance now. For facilitator mode and the debrief, never for the play screen."""
        state = self._state
        caregivers = {cid: {**{k: round(v, 2) for k, v in dims.items()}, "score": state.caregiver_score(cid),
                            "stance": state.stances[cid]} for cid, dims in state.dims.items()}
        return HiddenView(state.score, caregivers, round(state.shared_purpose, 2),
                          bordin_view(state.dims, state.shared_purpose), tuple(p.score for p in self.trajectory))

    # ----- acting -----

    def choose(self, choice_id: str | int) -> None:
        """Take the choice with this id (``ChoiceView.id``) in the current scene.

        An integer is read as the choice's position in the scene as written (0-based), as saves of the
        first format recorded it; new saves and logs record the id.
        """
        if self._pending:
            if self._pending[0].kind == "calibration":
                raise ActionError(_("a calibration question is waiting for an answer"))
            if self._pending[0].kind == "notice":
                raise ActionError(_("a notice question is waiting for an answer"))
            raise ActionError(_("a {kind} question is waiting for an answer").format(kind=self._pending[0].kind))
        if self._state.over:
            raise ActionError(_("the case is over"))
        visible = core.visible_choices(self.scenario, self._state)
        if isinstance(choice_id, bool) or not isinstance(choice_id, (str, int)):
            choice = None
        elif isinstance(choice_id, int):
            choice = next((c for c in visible if c.index == choice_id), None)
        else:
            choice = next((c for c in visible if c.id == choice_id), None)
        if choice is None:
            raise ActionError(_("choice {choice} is not available in scene '{scene}'").format(
                choice=repr(choice_id), scene=self._state.scene))
        scenario, state = self.scenario, self._state
        scene = scenario.scenes[state.scene]
        strategy = scenario.catalogue.strategies[choice.strategy]
        words, feedback = core.choice_words(scenario, state, scene, choice)  # as shown, before the choice acts
        score_before = state.score
        self._score_before = score_before
        phase_before = state.phase
        report = core.StepReport()
        before = {cid: (state.stances[cid], state.dims[cid]["connection"]) for cid in state.dims}
        core.apply_choice(scenario, state, choice, report)
        self.actions.append({"choice": choice.id})
        lang = self.language
        record = DecisionRecord(
            number=state.decisions, scene_id=scene.id, phase=phase_before, choice_id=choice.id,
            choice_text=words.get_text(lang), strategy=strategy.id, category=strategy.category,
            targets=core.targets_of(scenario, scene, choice), deltas=report.deltas, score_before=score_before,
            score_after=report.score_after_choice, feedback=feedback.get_text(lang),
            tensions=list(dict.fromkeys(scene.tensions + choice.tensions)),
            references=list(dict.fromkeys(strategy.references + choice.references)),
            events_after=self._event_effects(report, state.decisions),
            stance_changes=[(m.caregiver, m.before, m.after, m.outcome) for m in report.moves],
        )
        self.decisions.append(record)
        self.first_attempt.setdefault(record.number, state.score)
        self._decision_scene = scene.id
        self._emit({"type": "choice", "decision": record.number, "scene": scene.id, "choice": choice.id,
                    "strategy": strategy.id, "category": strategy.category, "score_before": score_before,
                    "score_after": report.score_after_choice, "deltas": report.deltas})
        self._absorb(report, decision=state.decisions)
        self._point()
        self._arrival_events = [e.text for e in report.events if e.text]
        self._queue_prompts(report, before)
        self._emit_scene()
        if state.over:
            self._finish()

    def answer(self, value) -> None:
        """Answer the waiting prompt: 0..100 for calibration, a notice option value for a notice."""
        if not self._pending:
            raise ActionError(_("no question is waiting"))
        prompt = self._pending[0]
        if prompt.kind == "calibration":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
                raise ActionError(_("a calibration estimate is a number from 0 to 100, not {value}").format(
                    value=repr(value)))
            record = CalibrationRecord(prompt.phase, prompt.decision, float(value), self._truth_at(prompt.decision),
                                       self._portrait_at(prompt.decision))
            self.calibrations.append(record)
            self.actions.append({"calibration": value})
            self._emit({"type": "calibration", "phase": prompt.phase, "estimate": value, "truth": record.truth})
        else:
            allowed = [option for option, _label in prompt.options]
            if value not in allowed:
                raise ActionError(_("a notice answer is one of {answers}, not {value}").format(
                    answers=", ".join(allowed), value=repr(value)))
            truths, began = self._notice_truths[prompt.decision]
            record = NoticeRecord(prompt.decision, list(truths), value, began)
            self.notices.append(record)
            self.actions.append({"notice": value})
            self._emit({"type": "notice", "decision": prompt.decision, "answer": value, "truths": list(truths),
                        "correct": record.correct})
        self._pending.popleft()

    # ----- internals -----

    def _truth_at(self, decision: int) -> float:
        for point in self.trajectory:
            if point.decision == decision:
                return point.score
        return self._state.score

    def _portrait_at(self, decision: int) -> float:
        for point in self.trajectory:
            if point.decision == decision:
                return portrait_reading(point.stances.values())
        return portrait_reading(self._state.stances.values())

    def _who(self, ids=None) -> str:
        names = [self.scenario.caregiver(cid).name for cid in (ids or self.scenario.caregiver_ids)]
        return names[0] if len(names) == 1 else _("{names} and {last}").format(names=", ".join(names[:-1]),
                                                                             last=names[-1])

    def _queue_prompts(self, report: core.StepReport, before: dict) -> None:
        state = self._state
        decision = state.decisions
        who = noticing.present(self.scenario, self.scenario.scenes[state.scene])
        if noticing.asked(self.seed, decision) and not state.over and who:  # never about someone absent
            shows = {cid: noticing.what_shows(before[cid][0], state.stances[cid], before[cid][1],
                                              state.dims[cid]["connection"]) for cid in state.dims}
            began = any(m.outcome == "rupture" for m in report.moves)
            self._notice_truths[decision] = (noticing.truths(self.scenario, shows, who), began)
            self._pending.append(PromptView("notice", NOTICE_QUESTION.format(who=self._who(who)), state.phase,
                                            noticing.options(self.scenario, who), decision, about=tuple(who)))
        ended = [p for p in self._ended_phases if p not in self._calibrated]
        self._ended_phases.clear()
        if ended:
            self._ask_calibration(ended[0], decision)

    def _ask_calibration(self, phase: str, decision: int) -> None:
        self._calibrated.add(phase)
        self._pending.append(PromptView("calibration", CALIBRATION_QUESTION.format(phase=phase, who=self._who()),
                                       phase, (), decision))

    def _finish(self) -> None:
        final_phase = self._state.phase
        self._phases.end()
        decision = self._state.decisions
        # One estimate per moment: when the last choice also ended an earlier phase (a jump into an ending in
        # the next phase), the estimate already asked at this decision is the case's last; no second one.
        asked_now = any(p.kind == "calibration" and p.decision == decision for p in self._pending)
        if asked_now:
            self._calibrated.add(final_phase)
        elif final_phase not in self._calibrated and decision > 0:
            self._ask_calibration(final_phase, decision)
        scene = self.scenario.scenes[self._state.scene]
        self._emit({"type": "ending", "scene": scene.id, "ending": scene.ending.type, "score": self._state.score,
                    "decisions": self._state.decisions})

    def _absorb(self, report: core.StepReport, decision: int) -> None:
        """Feed what the core decided into the state machines, which record it."""
        for scene_id in report.scenes:
            scene = self.scenario.scenes[scene_id]
            if scene.phase != self._phases.state:
                self._phases.enter(scene)
        for move in report.moves:
            self._stances.move(move.caregiver, move.after, decision=decision, outcome=move.outcome)
        for change in report.changes:
            self._emit({"type": "event", "event": change.event.id, "decision": decision, "scene": change.scene,
                        "score_before": change.score_before, "score_after": change.score_after,
                        "deltas": change.deltas, "caused_by": change.caused_by})
        for duty in report.duties:
            self._emit({"type": "duty", "duty": duty, "decision": decision})

    def _event_effects(self, report: core.StepReport, decision: int) -> list[EventEffect]:
        return [EventEffect(c.event.id, c.event.text.get_text(self.language), c.scene, decision, c.score_before,
                            c.score_after, c.deltas, c.caused_by) for c in report.changes
                if c.event.text]  # a silent bookkeeping event changes no alliance: nothing to show

    def _rupture_began(self, caregiver: str, stance: str, decision: int) -> None:
        self.ruptures.append(RuptureRecord(caregiver, KIND_OF[stance], decision, self._decision_scene,
                                           self._score_before))
        self._emit({"type": "rupture", "caregiver": caregiver, "kind": KIND_OF[stance], "decision": decision})

    def _rupture_ended(self, caregiver: str, source: str, dest: str, outcome: str, decision: int) -> None:
        if dest in RUPTURE_STANCES:  # one rupture kind turning into the other: the rupture goes on
            outcome = "shift"
        for rupture in reversed(self.ruptures):
            if rupture.caregiver == caregiver and rupture.ended_at is None:
                rupture.ended_at = decision
                rupture.outcome = outcome
                rupture.score_at_end = self._state.score
                break
        self._emit({"type": "rupture_end", "caregiver": caregiver, "outcome": outcome, "decision": decision})

    def _point(self) -> None:
        state = self._state
        self.trajectory.append(Point(state.decisions, state.score, {k: dict(v) for k, v in state.dims.items()},
                                     state.shared_purpose, dict(state.stances),
                                     float(state.variables[CHILD_SAFETY]), state.worker))

    def _emit_scene(self) -> None:
        self._emit({"type": "scene", "scene": self._state.scene, "phase": self._state.phase,
                    "decision": self._state.decisions})

    def _emit(self, record: dict) -> None:
        if self.listener is not None:
            self.listener(record)
