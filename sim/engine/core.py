"""The rules of play as pure functions over ``CaseState``.

``Session`` (with its state machines and timeline) and ``explore`` (which
branches thousands of states) both step through here, so they cannot
disagree about what a choice does.
"""

from __future__ import annotations

import random
from functools import lru_cache
from typing import Any

from sim.engine import context, handover, memory
from sim.engine.alliance import clamp
from sim.engine.plan import ChoicePlan, plan_for, scene_choices, targets_of  # noqa: F401 (targets_of: the session's)
from sim.engine.report import EventChange, QuietReport, Report, StepReport  # noqa: F401 (the callers' names for them)
from sim.engine.state import CaseState, compiled_condition, make_lookup
from sim.engine.stance import classify, next_stance
from sim.errors import ConditionError, PhaseOrderError, PlayError
from sim.scenario.model import (ALL, DIMENSIONS, FAMILY_DIMENSION, Choice, Effects, Event, Scenario, Scene,
                                Strategy)
from sim.scenario.phase_order import may_enter, refusal

_NONE: dict = {}
_NO_ONE: frozenset = frozenset()
_RUPTURE = "(a rupture)"  # "the rupture this caregiver would go into", for ``next_stance``: by identity, never a stance
MAX_DIVERSIONS = 20  # events that divert to scenes that divert again: a loop guard


def condition_holds(scenario: Scenario, state: CaseState, condition, scene: Scene | None = None) -> bool:
    if condition is None:
        return True
    focus = scenario.focus_of(scene.id if scene is not None else state.scene)
    entry = scenario.__dict__.get("_compiled_conditions", _NONE).get(id(condition))  # the cache's hit, inline
    run = entry[1] if entry is not None and entry[0] is condition else compiled_condition(scenario, condition)
    try:
        return run(state, focus)
    except ConditionError as exc:
        from sim import i18n  # the message only: '_' is a loop variable in this module
        raise PlayError(i18n._("condition {condition} in scene '{scene}': {reason}").format(
            condition=repr(condition.source), scene=state.scene, reason=exc)) from None


def visible_choices(scenario: Scenario, state: CaseState) -> list[Choice]:
    scene = scenario.scenes[state.scene]
    focus = scenario.focus_of(scene.id)
    shown: list[Choice] = []
    known: list[float] = []
    for choice, run in scene_choices(scenario, scene):
        try:
            if run is None or run(state, focus, known):
                shown.append(choice)
        except ConditionError:
            condition_holds(scenario, state, choice.when, scene)  # raises the error as every condition reports it
            raise
    return shown


def matching_variants(scenario: Scenario, state: CaseState, scene: Scene) -> list[int]:
    """The positions of the variants whose stance and condition hold now."""
    focus = scenario.focus_of(scene.id)
    return [number for number, variant in enumerate(scene.variants)
            if (variant.stance is None or state.stances[focus] == variant.stance)
            and condition_holds(scenario, state, variant.when, scene)]


def shown_variants(scenario: Scenario, state: CaseState, scene: Scene):
    """The variant whose text is shown and the one whose narration is (either may be None: the scene's own).
    The first matching variant that has each wins, separately, so a narration-only variant does not hide a
    stance variant's words."""
    text = narration = None
    for number in matching_variants(scenario, state, scene):
        variant = scene.variants[number]
        if text is None and variant.text:
            text = variant
        if narration is None and variant.narration:
            narration = variant
    return text, narration


def choice_words(scenario: Scenario, state: CaseState, scene: Scene, choice: Choice):
    """The text and the feedback a choice has now: the first of its variants that holds and has each (by the
    same rule as a scene's variants), else its own."""
    text, feedback = choice.text, choice.feedback
    found_text = found_feedback = False
    if choice.variants:
        focus = scenario.focus_of(scene.id)
        for variant in choice.variants:
            if not ((variant.stance is None or state.stances[focus] == variant.stance)
                    and condition_holds(scenario, state, variant.when, scene)):
                continue
            if not found_text and variant.text:
                text, found_text = variant.text, True
            if not found_feedback and variant.feedback:
                feedback, found_feedback = variant.feedback, True
    return text, feedback


def display_order(state: CaseState, choices: list[Choice]) -> list[Choice]:
    """The order choices are shown in: shuffled from the session's seed, the scene and the decision number,
    so that no position means anything, and the same on resume, rewind and replay."""
    shown = list(choices)
    random.Random(f"{state.seed}:order:{state.scene}:{state.decisions}").shuffle(shown)
    return shown


def _apply_variables(scenario: Scenario, state: CaseState, assignments, additions) -> None:
    if not assignments and not additions:
        return
    variables = scenario.state_variables
    value: Any
    for name, value in assignments.items():
        state.variables[name] = value
    for name, value in additions.items():
        state.variables[name] = state.variables.get(name, 0) + value
    for name in list(assignments) + list(additions):
        spec = variables.get(name)
        if spec is not None and spec.type == "number":
            value = state.variables[name]
            if spec.min is not None and value < spec.min:
                value = spec.min
            if spec.max is not None and value > spec.max:
                value = spec.max
            state.variables[name] = value


def _set_stance(state: CaseState, report: Report, caregiver: str, stance: str, repair_move: bool) -> None:
    move = classify(caregiver, state.stances[caregiver], stance, repair_move)
    if move is None:
        return
    state.stances[caregiver] = stance
    if move.outcome == "rupture":
        state.ruptures += 1
        memory.open_tension(state, (caregiver,))
    elif move.outcome == "repair":
        state.repairs += 1
        dims = state.dims[caregiver]
        for dim, bonus in context.REPAIR_BONUS.items():
            dims[dim] = clamp(dims[dim] + bonus)
        memory.repaired(state, caregiver)
    report.moves.append(move)


def _rupture_kind(caregiver, stance_before: str, power_move: bool, betrayed: bool) -> str:
    """The rupture a caregiver would go into now: what triggered it decides, her profile is the default.
    A power move on a guarded caregiver brings confrontation; a betrayal come to light, withdrawal."""
    if betrayed:
        return "withdrawn"
    if power_move and stance_before == "guarded":
        return "confrontational"
    return caregiver.rupture_stance


def _settle_stances(scenario: Scenario, state: CaseState, report: Report, forced, targets=(),
                    power_move=False, credited=frozenset(), betrayed=frozenset()) -> None:
    for caregiver in scenario.caregivers:
        cid = caregiver.id
        is_target = cid in targets
        if cid in forced:
            stance = forced[cid]
            report.forced.add(cid)
        elif cid in report.forced:
            continue  # set on purpose earlier in this step (say, by an earlier event): it holds until the next
        else:
            current = state.stances[cid]
            # Which rupture it would be is asked only when the rule calls for one (``_RUPTURE`` stands for it).
            stance = next_stance(state.dims[cid], current, _RUPTURE, power_move and is_target)
            if stance is _RUPTURE:
                stance = _rupture_kind(caregiver, current, power_move and is_target, cid in betrayed)
            elif stance == current:
                continue  # no move (as ``classify`` would find)
        _set_stance(state, report, cid, stance, cid in credited)


def _check_duties(scenario: Scenario, state: CaseState, report: Report) -> None:
    for duty in scenario.duties:
        if duty.id not in state.duties and condition_holds(scenario, state, duty.arises):
            state.duties = state.duties | {duty.id}
            report.duties.append(duty.id)


def _dims_copy(state: CaseState) -> dict[str, dict[str, float]]:
    return {cid: dict(d) for cid, d in state.dims.items()}


def _deltas(state: CaseState, before: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    return {cid: {dim: round(state.dims[cid][dim] - before[cid][dim], 3) for dim in DIMENSIONS} for cid in state.dims}


def apply_effects(scenario: Scenario, state: CaseState, effects: Effects, report: Report,
                  strategy: Strategy | None = None, targets=(), cause: int = 0, plan: ChoicePlan | None = None) -> None:
    """What a choice (with its ``strategy`` and ``targets``) or an event (with neither) does: the one place
    an effect bundle is applied. ``cause`` is the decision it belongs to (for consequences it schedules).
    A choice comes with its ``plan`` (``sim.engine.plan.plan_for``): the answers that do not depend on the state."""
    credited = _NO_ONE
    if strategy is not None:  # a choice: the strategy's defaults, or the choice's own, under the context rules
        assert plan is not None  # a choice always comes with its plan
        changes, all_dims, stances, headroom = plan.changes, state.dims, state.stances, context.headroom
        for cid, loss_factor, gain_factor in plan.moved:
            dims = all_dims[cid]
            safety_before = dims["safety"]
            gain = loss = None  # the context's factor depends only on the sign of the change: found once each
            for dim, delta in changes:
                if delta < 0:
                    if loss is None:
                        loss = loss_factor(safety_before, stances[cid], state)
                    delta *= loss
                else:
                    if gain is None:
                        gain = gain_factor(safety_before, stances[cid], state)
                    delta *= gain
                if delta > 0:
                    delta *= headroom(dims[dim])
                dims[dim] = clamp(dims[dim] + delta)
            if plan.credit and memory.repair_credit(state, cid, strategy):
                credited = credited | {cid}
        if plan.family:
            state.shared_purpose = clamp(state.shared_purpose + plan.family_delta)
            for cid in plan.others_to:
                for dim, delta in plan.others:
                    all_dims[cid][dim] = clamp(all_dims[cid][dim] + delta)
        memory.after_move(state, strategy, plan.moved_ids, state.phase)
        if plan.plain:
            _settle_stances(scenario, state, report, effects.stance, targets, plan.power, credited, _NO_ONE)
            return
    if effects.handover is not None:  # before an event's own changes, which are the new worker's start
        handover.hand_over(scenario, state, effects.handover)
    for who, moves in effects.by_caregiver.items() if effects.by_caregiver else ():  # an event: no context rules
        for cid in (scenario.caregiver_ids if who == ALL else (who,)):
            for dim, delta in moves.items():
                if dim == FAMILY_DIMENSION:
                    state.shared_purpose = clamp(state.shared_purpose + delta)
                else:
                    state.dims[cid][dim] = clamp(state.dims[cid][dim] + delta)
    if effects.set or effects.add:
        _apply_variables(scenario, state, effects.set, effects.add)
    affected = (_affected(scenario, effects, targets if strategy is not None else None)
                if effects.betrayal or effects.tension else ())
    if effects.betrayal:
        memory.betrayal(state, affected)
    if effects.tension:
        memory.open_tension(state, affected)
    if effects.schedule:
        for event_id, after in effects.schedule.items():
            state.due = state.due + ((event_id, cause + after, cause),)  # due `after` decisions after its cause
    _settle_stances(scenario, state, report, effects.stance, targets, strategy is not None and strategy.power,
                    credited, frozenset(affected) if effects.betrayal else _NO_ONE)


def _affected(scenario: Scenario, effects: Effects, targets) -> tuple[str, ...]:
    """The caregivers a betrayal or a tension concerns: a choice's targets, or the caregivers an event's
    effects name (every caregiver when it names none)."""
    if targets is not None:
        return tuple(targets)
    named = [cid for who in effects.by_caregiver for cid in (scenario.caregiver_ids if who == ALL else (who,))]
    return tuple(dict.fromkeys(named)) or scenario.caregiver_ids


def duty_outcomes(scenario: Scenario, state: CaseState) -> list[tuple]:
    """The duty rule: (duty, arose, met) for each duty. A duty is met when its ``met`` condition holds at
    the end; one that never arose is neither met nor failed."""
    if not state.duties:
        return [(duty, False, False) for duty in scenario.duties]
    lookup = make_lookup(scenario, state, scenario.focus_of(state.scene))
    return [(duty, duty.id in state.duties, duty.id in state.duties and bool(duty.met(lookup)))
            for duty in scenario.duties]


def duty_failed(scenario: Scenario, state: CaseState) -> bool:
    """Whether a duty arose and was not met."""
    return any(arose and not met for _, arose, met in duty_outcomes(scenario, state))


def apply_choice(scenario: Scenario, state: CaseState, choice: Choice, report: Report | None = None) -> None:
    """Apply one decision to ``state`` in place, then move on to the next scene."""
    if report is None:
        report = QuietReport()
    scene = scenario.scenes[state.scene]
    plan = scenario.__dict__.get("_choice_plans", _NONE).get(id(choice))  # the plan cache's hit, inline
    if plan is None or plan.choice is not choice or plan.scene is not scene or plan.phase != state.phase:
        plan = plan_for(scenario, scene, choice, state.phase)
    before = _dims_copy(state) if report.detail else None
    apply_effects(scenario, state, choice.does, report, plan.strategy, plan.targets, state.decisions + 1, plan)
    if before is not None:  # only a StepReport has detail
        report.deltas = _deltas(state, before)  # type: ignore[union-attr]
    if report.detail or report.choice_score:
        report.score_after_choice = state.score
    state.decisions += 1
    if scenario.duties:
        _check_duties(scenario, state, report)

    destination: Any = None
    focus, condition = plan.focus, None
    known: list[float] = []  # the score, once read
    try:
        for number, route, run in plan.routes:
            condition = route.when
            if run is None or run(state, focus, known):
                destination = route.to
                report.route = number
                break
        if scenario.scenes[destination].ending is None:
            for number, interrupt, run in plan.interrupts:
                condition = interrupt.when
                if run is None or run(state, focus, known):
                    destination = interrupt.to
                    report.interrupt = number
                    break
    except ConditionError:
        condition_holds(scenario, state, condition, scene)  # raises the error as every condition reports it
        raise
    enter_scene(scenario, state, destination, report)


@lru_cache(maxsize=1 << 16)
def _roll(seed, event_id: str, scene_id: str) -> float:
    return random.Random(f"{seed}:{event_id}:{scene_id}").random()


def event_roll(seed, event: Event, scene_id: str) -> float:
    """The random draw for an event at a scene: the same for a seed whatever the path (see explore)."""
    return _roll(seed, event.id, scene_id)


def enter_scene(scenario: Scenario, state: CaseState, scene_id: str, report: Report) -> None:
    """Enter a scene: change phase, then let its events happen (which may divert elsewhere)."""
    for _ in range(MAX_DIVERSIONS):
        scene = scenario.scenes[scene_id]
        if not may_enter(state.phase, scene):
            raise PhaseOrderError(refusal(state.phase, scene))
        state.scene = scene_id
        state.phase = scene.phase
        report.scenes.append(scene_id)
        diverted = None
        due = _due_here(scenario, state, scene) if state.due else []
        for event in (due + list(scenario.events_at(scene_id))) if due else scenario.events_at(scene_id):
            if event.once and event.id in state.fired and not _among(event, due):  # a consequence comes each time it is due
                continue
            if not condition_holds(scenario, state, event.when, scene):
                continue  # a consequence whose condition does not hold yet waits for a later scene
            if event.chance < 1.0 and event_roll(state.seed, event, scene_id) >= event.chance:
                continue
            _fire(scenario, state, event, report, _take_due(state, event.id) if _among(event, due) else None)
            if event.goto and event.goto != scene_id:
                diverted = event.goto
                break
        if diverted is None:
            break
        scene_id = diverted
    if scenario.duties:
        _check_duties(scenario, state, report)
    if scene.ending is not None:  # the scene the case is in now (the last one entered)
        state.over = True


def _among(event: Event, events: list[Event]) -> bool:
    """Whether ``event`` is one of ``events`` (each event is one object, kept by id in the scenario)."""
    for other in events:
        if other is event:
            return True
    return False


def _due_here(scenario: Scenario, state: CaseState, scene: Scene) -> list[Event]:
    """Scheduled consequences that have come due and may happen at this scene (its ``at`` or ``phase``, if
    the event names one), in the order they were scheduled."""
    found: list[Event] = []
    for event_id, due, _cause in state.due:
        event = scenario.event(event_id)
        if due <= state.decisions and not _among(event, found) and (
                scene.id in event.at if event.at else (event.phase is None or scene.phase == event.phase)):
            found.append(event)
    return found


def _take_due(state: CaseState, event_id: str) -> int | None:
    """Remove a scheduled event that is firing from the list; the decision that caused it, if any."""
    for entry in state.due:
        if entry[0] == event_id and entry[1] <= state.decisions:
            state.due = tuple(e for e in state.due if e is not entry)
            return entry[2]
    return None


def _fire(scenario: Scenario, state: CaseState, event: Event, report: Report, cause: int | None = None) -> None:
    state.fired = state.fired | {event.id}
    if report.detail:
        score_before, before = state.score, _dims_copy(state)
    apply_effects(scenario, state, event.does, report, cause=state.decisions)
    report.events.append(event)
    if report.detail:
        report.changes.append(EventChange(event, state.scene, score_before, state.score, _deltas(state, before),
                                          cause))


def start(scenario: Scenario, seed=0, report: Report | None = None) -> CaseState:
    """The state at the start of a case, after the first scene's events."""
    state = CaseState.initial(scenario)
    state.seed = seed
    enter_scene(scenario, state, scenario.start, report if report is not None else QuietReport())
    return state
