"""A checker that reasons: conditions that can never hold, found over the declared ranges of their names."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from scenario_helpers import TINY, problems_of
from sim.scenario.conditions import Condition
from sim.scenario.intervals import truth_values

DOMAINS = {"promises": ("num", 0.0, 10.0), "alliance": ("num", 0.0, 100.0), "flag": ("set", frozenset((True, False))),
           "stance": ("set", frozenset(("engaged", "guarded", "withdrawn", "confrontational"))),
           "free": ("num", -math.inf, math.inf)}


def values(source):
    return truth_values(Condition.parse(source).tree, DOMAINS)


def test_impossible_and_possible_conditions():
    assert True not in values("promises > 20")
    assert True not in values("alliance > 100 or promises < 0")
    assert True not in values("stance == 'engaged' and stance == 'happy'")
    assert True not in values("promises + 5 > 15 and promises < 5")  # but promises + 5 > 15 alone can hold
    assert True in values("promises + 5 > 14")
    assert values("promises >= 0") == frozenset((True,))
    assert values("flag and promises > 3") == frozenset((True, False))
    assert True in values("free > 1000000")


def test_the_checker_warns_with_file_line_and_field(tmp_path):
    text = TINY.read_text().replace('  warned: {type: bool, initial: false}\n',
                                    '  warned: {type: bool, initial: false}\n'
                                    '  promises: {type: number, initial: 0, min: 0, max: 10}\n')
    text = text.replace('      - when: "alliance >= 35"', '      - when: "promises > 20"')
    scenario, problems = problems_of(tmp_path, text)
    [warning] = [p for p in problems if "can never hold" in p.message]
    assert warning.severity == "warning" and warning.field.endswith(".next.when") and warning.line
    assert text.splitlines()[warning.line - 1].strip().startswith("- when: \"promises > 20\"")
    phase = TINY.read_text().replace('      - when: "not warned"', '      - when: "phase == \'intake\'"')
    _, problems = problems_of(tmp_path, phase)  # a variant of a closure scene that asks for intake
    assert any("can never hold in a closure scene" in p.message for p in problems)


names = st.sampled_from(["promises", "alliance", "free"])
numbers = st.integers(-20, 120)
atoms = st.builds(lambda n, op, v: f"{n} {op} {v}", names, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
                  numbers) | st.builds(lambda n, m, op, v: f"{n} + {m} {op} {v}", names, names,
                                       st.sampled_from(["<", ">="]), numbers) | st.just("flag")
conditions = st.recursive(atoms, lambda inner: st.builds(lambda a, b, j: f"({a}) {j} ({b})", inner, inner,
                                                         st.sampled_from(["and", "or"]))
                          | st.builds(lambda a: f"not ({a})", inner), max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(conditions, st.integers(0, 10), st.floats(0, 100), st.booleans(), st.integers(-10**6, 10**6))
def test_the_analysis_is_sound(source, promises, alliance, flag, free):
    """Whatever a state inside the declared ranges makes of a condition, the analysis allows it."""
    condition = Condition.parse(source)
    state = {"promises": promises, "alliance": alliance, "flag": flag, "free": free}
    assert bool(condition(lambda name: state[name])) in truth_values(condition.tree, DOMAINS)
