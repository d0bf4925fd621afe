"""The look-ahead: exact against brute force where nothing is merged, honest where something is."""

import textwrap
from collections import defaultdict

import pytest
from scenario_helpers import TINY

from sim.analysis.buckets import make_state_key
from sim.analysis.lookahead import (Lookahead, Option, Value, _identity, best_options, lookahead, lookaheads)
from sim.engine import PlayError, core
from sim.engine.session import Session
from sim.scenario.catalogue import load_catalogue
from sim.scenario.loader import read_scenario
from sim.scenario.problems import ProblemList
from synthetic import synthetic_scenario

CATALOGUE = load_catalogue()
PREFERENCE = ("closure", "extension", "referral", "worker_departure", "dropout", "escalation")


def load(text: str, name: str = "crafted"):
    problems = ProblemList(name)
    scenario = read_scenario(textwrap.dedent(text), name, CATALOGUE, problems)
    assert not problems.has_errors, [p.format() for p in problems.items]
    return scenario


def finals(scenario, state):
    """Every ending reachable from ``state``, path by path: (score, duty failed, ending type, scene)."""
    found, stack = [], [state]
    while stack:
        state = stack.pop()
        if state.over:
            found.append((state.score, core.duty_failed(scenario, state), scenario.scenes[state.scene].ending.type,
                          state.scene))
            continue
        for choice in core.visible_choices(scenario, state):
            child = state.copy()
            core.apply_choice(scenario, child, choice)
            stack.append(child)
    return found


def truth(scenario, state) -> dict:
    """The values brute force gives, written out independently of the module under test."""
    ends = finals(scenario, state)
    good = [score for score, failed, kind, _ in ends if kind == "closure" and not failed]
    top = max(ends, key=lambda e: (not e[1], -PREFERENCE.index(e[2]), e[0]))
    return {"best": max(e[0] for e in ends), "worst": min(e[0] for e in ends), "good": bool(good),
            "best_good": max(good) if good else None, "ending": top[3]}


def decision_states(scenario, seed):
    """Every state at a decision on every path (brute force)."""
    stack, found = [core.start(scenario, seed)], []
    while stack:
        state = stack.pop()
        if state.over:
            continue
        found.append(state)
        for choice in core.visible_choices(scenario, state):
            child = state.copy()
            core.apply_choice(scenario, child, choice)
            stack.append(child)
    return found


def assert_exact(scenario, seed, pass_):
    checked = 0
    for state in decision_states(scenario, seed):
        for option in pass_.options(state):
            child = state.copy()
            core.apply_choice(scenario, child, scenario.scenes[state.scene].choice(option.choice))
            expected, value = truth(scenario, child), option.value
            assert value.best == pytest.approx(expected["best"], abs=1e-9)
            assert value.worst == pytest.approx(expected["worst"], abs=1e-9)
            assert value.good == expected["good"]
            assert value.best_good == (None if expected["best_good"] is None
                                       else pytest.approx(expected["best_good"], abs=1e-9))
            assert value.ending == expected["ending"]
            checked += 1
    return checked


def most_states_in_a_bucket(scenario, seed) -> int:
    key = make_state_key(scenario)
    buckets = defaultdict(set)
    for state in decision_states(scenario, seed):
        buckets[key(state)].add(_identity(state))
    return max(len(v) for v in buckets.values())


@pytest.mark.parametrize("scenes, choices, seed", [(6, 3, 0), (5, 4, 2), (8, 2, 3), (6, 3, 5)])
def test_exact_mode_equals_brute_force_on_generated_cases(scenes, choices, seed):
    scenario = load(synthetic_scenario(scenes, choices, seed), "generated")
    assert most_states_in_a_bucket(scenario, seed) > 2  # these cases do merge states by default
    assert assert_exact(scenario, seed, Lookahead(scenario, seed, exact=True)) > 100


# A small case whose buckets never hold more than the two states the pass keeps: a flag read at the end, a
# duty, a chance event, and three kinds of ending.
SMALL = """\
format: 1
id: small_case
title: {en: "Small"}
summary: {en: "A small crafted case."}
learning_goals:
  - {en: "None; it tests the look-ahead."}
minutes: 3
difficulty: introductory
caregivers:
  - id: ana
    name: Ana
    relation: mother
    mandate: mandated
    prior_services: negative
    expectations: fearful
    reacts_by: withdrawal
    stance: guarded
    alliance: {engagement: -0.5, connection: -0.5, safety: -0.5}
variables:
  told: {type: bool, initial: false}
  report_made: {type: bool, initial: false}
  bruise: {type: bool, initial: false}
duties:
  - id: report
    text: {en: "Report the bruise"}
    arises: "bruise"
    met: "report_made"
events:
  - id: noticed
    at: [second]
    chance: 0.5
    text: {en: "You notice a bruise on the child's arm."}
    set: {bruise: true}
    effects: {ana: {safety: -0.2}}
start: first
scenes:
  - id: first
    phase: intake
    speaker: ana
    text: {en: "What happens now?"}
    choices:
      - text: {en: "\\"I'll tell you what I write and who reads it.\\""}
        strategy: clarify_expectations
        effects: {connection: -0.2}
        set: {told: true}
        feedback: {en: "Honest about the limits."}
        next: second
      - text: {en: "\\"Nothing you say leaves this room.\\""}
        strategy: promise_unrealistic_support
        feedback: {en: "A promise the worker cannot keep."}
        next: second
  - id: second
    phase: assessment
    speaker: ana
    text: {en: "He fell off his bike."}
    choices:
      - text: {en: "\\"I have to report this, and I'd like us to write it together.\\""}
        strategy: share_report
        set: {report_made: true}
        feedback: {en: "The duty, made with her."}
        next:
          - when: "told and alliance >= 45"
            to: end_good
          - when: "alliance >= 30"
            to: end_referred
          - to: end_dropout
      - text: {en: "\\"Let's leave it there for today.\\""}
        strategy: withhold_report
        feedback: {en: "The report is not made."}
        next:
          - when: "alliance >= 45"
            to: end_good
          - when: "alliance >= 30"
            to: end_referred
          - to: end_dropout
      - text: {en: "\\"If this happens again the court will hear of it.\\""}
        strategy: threaten_court_report
        feedback: {en: "A threat."}
        next:
          - when: "alliance >= 30"
            to: end_referred
          - to: end_dropout
  - id: end_good
    phase: closure
    speaker: narrator
    ending: {type: closure, title: {en: "Closed"}}
    text: {en: "The case closes."}
  - id: end_referred
    phase: closure
    speaker: narrator
    ending: {type: referral, title: {en: "Referred"}}
    text: {en: "The family is referred on."}
  - id: end_dropout
    phase: closure
    speaker: narrator
    ending: {type: dropout, title: {en: "Dropped out"}}
    text: {en: "She stops coming."}
"""


@pytest.mark.parametrize("seed", range(6))
def test_default_pass_is_exact_where_no_bucket_holds_more_than_two_states(seed):
    for scenario in (load(SMALL), load(TINY.read_text())):
        assert most_states_in_a_bucket(scenario, seed) <= 2
        assert assert_exact(scenario, seed, Lookahead(scenario, seed)) >= 2


def test_the_good_closure_needs_every_duty_met():
    scenario = load(SMALL)
    seeds = {seed: core.start(scenario, seed) for seed in range(20)}
    fired = [s for s in seeds if core.event_roll(s, scenario.events[0], "second") < 0.5]
    assert fired and len(fired) < 20  # some seeds bring the bruise, some do not
    for seed in (fired[0], next(s for s in seeds if s not in fired)):
        options = Lookahead(scenario, seed).along(["c1", "c2"])[1][2]
        withheld = next(o for o in options if o.strategy == "withhold_report")
        # reached end_good either way; with the bruise it is not the good closure, because the duty failed
        assert withheld.value.good is (seed not in fired)


def state_path(scenario, seed, target):
    """The choices from the start that lead to ``target`` (searched, for small cases)."""
    stack = [(core.start(scenario, seed), [])]
    while stack:
        state, path = stack.pop()
        if _identity(state) == _identity(target):
            return path
        if state.over:
            continue
        for choice in core.visible_choices(scenario, state):
            child = state.copy()
            core.apply_choice(scenario, child, choice)
            stack.append((child, path + [{"scene": state.scene, "choice": choice.id}]))
    raise AssertionError("state not reachable")


def test_lines_are_real_paths_and_never_beat_the_truth():
    seed = 1
    scenario = load(synthetic_scenario(6, 3, seed), "generated")
    pass_ = Lookahead(scenario, seed)  # merged: values are estimates, lines are real
    states = decision_states(scenario, seed)
    for state in states[:: max(1, len(states) // 12)]:
        for option in pass_.options(state):
            line = pass_.line(state, option.choice)
            child = state.copy()
            core.apply_choice(scenario, child, scenario.scenes[state.scene].choice(option.choice))
            expected = truth(scenario, child)
            assert line.score <= expected["best"] + 1e-9
            assert not line.good or expected["good"]
            session = Session(scenario, seed)
            for step in state_path(scenario, seed, state) + list(line.path):
                while session.waiting:
                    session.answer(50 if session.view().kind == "calibration" else "none")
                session.choose(step["choice"])
            assert session.state.scene == line.ending
            assert session.state.score == pytest.approx(line.score)


def test_immediate_is_the_choices_own_change_and_after_includes_the_event():
    scenario = load(TINY.read_text().replace("variables:", """events:
  - id: complaint
    at: [goodbye]
    text: {en: "A complaint arrives about the visit."}
    effects: {ana: {safety: -1.0, connection: -1.0}}
variables:"""))
    state = core.start(scenario, 0)
    share = next(o for o in Lookahead(scenario, 0).options(state) if o.strategy == "share_report")
    assert share.immediate > 0            # reading the file with her helps at once
    assert share.after < state.score      # the complaint on entering the next scene costs more than that


def test_a_state_the_pass_never_reached_is_valued_from_its_children():
    scenario = load(SMALL)
    pass_ = Lookahead(scenario, 0)
    state = core.start(scenario, 0)
    state.variables["told"] = True        # as if told before the case began: no path has this state here
    state.dims["ana"] = {"engagement": 1.0, "connection": 1.0, "safety": 1.0}
    for option in pass_.options(state):
        child = state.copy()
        core.apply_choice(scenario, child, scenario.scenes["first"].choice(option.choice))
        expected = truth(scenario, child)
        assert option.value.best == pytest.approx(expected["best"])
        assert option.value.good == expected["good"]
        assert option.value.ending == expected["ending"]


def test_best_options_keeps_the_good_closure_first():
    def option(choice, best, good, best_good=None):
        value = Value(best, best - 10, good, best_good if good else None, "end", (good, 0, best))
        return Option(choice, "s", 0.0, 50.0, value)

    higher_without_closure = option("a", 90, False)
    closure = option("b", 80, True, 70)
    closure_tied = option("c", 75, True, 70 + 1e-9)
    assert [o.choice for o in best_options([higher_without_closure, closure, closure_tied])] == ["b", "c"]
    assert [o.choice for o in best_options([option("a", 60, False), option("b", 65, False)])] == ["b"]
    assert best_options([]) == []


def test_along_gives_each_decision_of_a_played_path():
    scenario = load(SMALL)
    pass_ = Lookahead(scenario, 0)
    steps = pass_.along(["c2", "c1"])
    assert [(s.scene, chosen) for s, chosen, _ in steps] == [("first", "c2"), ("second", "c1")]
    assert [o.choice for o in steps[1][2]] == ["c1", "c2", "c3"]
    with pytest.raises(PlayError):
        pass_.along(["c9"])
    with pytest.raises(PlayError):
        pass_.along(["c1", "c1", "c1"])


def test_cached_per_digest_and_seed():
    first, again = load(SMALL), load(SMALL)
    assert first is not again and first.digest == again.digest
    assert lookahead(first, 0) is lookahead(again, 0)
    assert lookahead(first, 1) is not lookahead(first, 0)
    assert set(lookaheads(first, [0, 1, 2])) == {0, 1, 2}
