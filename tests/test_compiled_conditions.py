"""The engine's compiled conditions (``sim.engine.state.compiled_condition``) give what the condition language
gives (``Condition`` over ``make_lookup``): every condition of every shipped case, on states along many paths."""

import random

import pytest

from sim.engine import core, open_case
from sim.engine.state import compiled_condition, make_lookup
from sim.errors import ConditionError
from sim.scenario.library import scenario_files


def _conditions(scenario):
    found = [i.when for i in scenario.interrupts] + [c for d in scenario.duties for c in (d.arises, d.met)]
    found += [e.when for e in scenario.events]
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            found += [choice.when] + [r.when for r in choice.routes] + [v.when for v in choice.variants]
        found += [v.when for v in scene.variants]
    return [c for c in found if c is not None]


def _outcome(run):
    try:
        return run()
    except ConditionError as exc:
        return ("error", str(exc))


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.stem)
def test_compiled_conditions_agree(path):
    scenario = open_case(path)[0]
    conditions = _conditions(scenario)
    rng = random.Random(0)
    for run in range(15):
        state = core.start(scenario, run)
        while True:
            for condition in conditions:
                for focus in scenario.caregiver_ids:
                    expected = _outcome(lambda: condition(make_lookup(scenario, state, focus)))
                    assert _outcome(lambda: compiled_condition(scenario, condition)(state, focus)) == expected, \
                        condition.source
            if state.over:
                break
            core.apply_choice(scenario, state, rng.choice(core.visible_choices(scenario, state)))
