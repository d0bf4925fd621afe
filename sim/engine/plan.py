"""What a choice at a scene will do, worked out once per (scenario, scene, choice): its plan.

A step of the core (``core.apply_choice``) asks many questions whose answers depend only on the scene and
the choice, never on the state: the strategy, whom it targets (``targets_of``, the one home of that rule),
the changes before the context rules, the context rules' constant parts for each target (a scene's phase
is fixed: ``context.prepared``), whether the move can earn repair credit (``memory.may_earn_credit``), the
family's share, which parts of the effect bundle are there at all, the routes' and the interrupts' compiled
conditions. A plan holds those answers; the core still applies every rule where it lives, reading the
answers instead of asking again. Plans are kept on the scenario (``_choice_plans``, by the choice's
identity), like its compiled conditions; a scenario is immutable, so a plan never goes stale.
"""

from __future__ import annotations

from sim.engine import context, memory
from sim.engine.state import compiled_with_score
from sim.scenario.model import ALL, DIMENSIONS, FAMILY_DIMENSION, Choice, Effects, Scenario, Scene, Strategy

def targets_of(scenario: Scenario, scene: Scene, choice: Choice) -> list[str]:
    """Whom a choice is addressed to: its ``target`` (or every caregiver for ``all``), else the scene's
    speaker when she is a caregiver, else every caregiver."""
    if choice.target == ALL:
        return list(scenario.caregiver_ids)
    if choice.target:
        return [choice.target]
    if scene.speaker in scenario.caregiver_ids:
        return [scene.speaker]
    return list(scenario.caregiver_ids)


def choice_changes(effects: Effects, strategy: Strategy) -> tuple:
    """A choice's change of each dimension for its targets before the context rules: its own, else its
    strategy's default; only the non-zero ones, in ``DIMENSIONS`` order."""
    return tuple((dim, delta) for dim in DIMENSIONS
                 if (delta := effects.dims.get(dim, strategy.effects.get(dim, 0.0))))


def _run(scenario: Scenario, condition):
    """A condition's compiled form (a function of state, focus and score: ``compiled_with_score``), or None for
    no condition (always true)."""
    return None if condition is None else compiled_with_score(scenario, condition)


class ChoicePlan:
    """The state-independent answers for one choice at one scene (see the module docstring)."""

    __slots__ = ("choice", "scene", "phase", "focus", "strategy", "targets", "moved", "moved_ids", "changes", "credit",
                 "family", "family_delta", "others", "others_to", "power", "plain", "routes", "interrupts")

    def __init__(self, scenario: Scenario, scene: Scene, choice: Choice, phase: str):
        effects = choice.does
        strategy = scenario.catalogue.strategies[choice.strategy]
        targets = targets_of(scenario, scene, choice)
        on_worker = strategy.acts_on == "worker"
        self.choice, self.scene, self.phase, self.focus = choice, scene, phase, scenario.focus_of(scene.id)
        self.strategy, self.targets, self.power = strategy, targets, strategy.power
        # Each moved caregiver with the context rules' factors on a loss and on a gain, for this phase.
        self.moved = () if on_worker else tuple((cid, *_prepared(scenario, strategy, cid, phase)) for cid in targets)
        self.moved_ids = tuple(cid for cid, _, _ in self.moved)
        self.changes = choice_changes(effects, strategy) if self.moved else ()
        self.credit = memory.may_earn_credit(strategy)
        self.family = len(scenario.caregivers) > 1 and not on_worker
        self.family_delta = effects.dims.get(FAMILY_DIMENSION, strategy.effects.get(FAMILY_DIMENSION, 0.0))
        self.others = tuple(effects.others.items())
        self.others_to = tuple(cid for cid in scenario.caregiver_ids if cid not in targets) if self.others else ()
        # Nothing of the bundle beyond the dimensions: no handover, event changes, variables, betrayal,
        # tension or schedule (each is skipped as the core would skip it when empty).
        self.plain = not (effects.handover is not None or effects.by_caregiver or effects.set or effects.add
                          or effects.betrayal or effects.tension or effects.schedule)
        self.routes = tuple((number, route, _run(scenario, route.when)) for number, route in enumerate(choice.routes))
        self.interrupts = _interrupts(scenario, scene)


def _shared(scenario: Scenario, name: str, key, make):
    """One object per key for all the plans of a scenario (a large case has tens of thousands of choices and
    a handful of strategies, caregivers and phases): made by ``make`` the first time."""
    cache = scenario.__dict__.get(name)
    if cache is None:
        cache = scenario.__dict__[name] = {}
    found = cache.get(key)
    if found is None:
        found = cache[key] = make()
    return found


def _prepared(scenario: Scenario, strategy: Strategy, cid: str, phase: str) -> tuple:
    """``context.prepared`` for a strategy, a caregiver and a phase, shared by every plan that needs it."""
    return _shared(scenario, "_prepared_context", (id(strategy), cid, phase),
                   lambda: (strategy, context.prepared(strategy, scenario.caregiver(cid), phase)))[1]


def _interrupts(scenario: Scenario, scene: Scene) -> tuple:
    """The interrupts that may take a case away from ``scene`` (not those to itself), each with its compiled
    condition: the same for every choice of the scene."""
    return _shared(scenario, "_scene_interrupts", scene.id, lambda: tuple(
        (number, interrupt, _run(scenario, interrupt.when))
        for number, interrupt in enumerate(scenario.interrupts) if interrupt.to != scene.id))


def plan_for(scenario: Scenario, scene: Scene, choice: Choice, phase: str) -> ChoicePlan:
    """The plan of ``choice`` at ``scene`` in ``phase`` (the scene's own phase, in play), made once."""
    cache = scenario.__dict__.get("_choice_plans")
    if cache is None:
        cache = scenario.__dict__["_choice_plans"] = {}
    plan = cache.get(id(choice))
    if plan is not None and plan.choice is choice and plan.scene is scene and plan.phase == phase:
        return plan
    plan = ChoicePlan(scenario, scene, choice, phase)
    if phase == scene.phase:  # the one a case at this scene is in; any other is made each time (not kept)
        cache[id(choice)] = plan  # by identity: the choice is kept alive with its plan
    return plan


def scene_choices(scenario: Scenario, scene: Scene) -> tuple:
    """A scene's choices, each with its compiled ``when`` (None: always shown), made once per scene."""
    cache = scenario.__dict__.get("_scene_choices")
    if cache is None:
        cache = scenario.__dict__["_scene_choices"] = {}
    found = cache.get(scene.id)
    if found is None or found[0] is not scene:
        found = cache[scene.id] = (scene, tuple((choice, _run(scenario, choice.when)) for choice in scene.choices))
    return found[1]
