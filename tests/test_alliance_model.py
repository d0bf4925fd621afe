"""The hidden alliance: score formula, context rules, stance rules, ruptures and repairs."""

import pytest
from scenario_helpers import write_scenario

from sim.engine import context
from sim.engine.alliance import alliance_score, bordin_view, caregiver_value, family_value, to_score
from sim.engine.session import Session
from sim.engine.stance import next_stance
from sim.scenario.loader import load_scenario


def dims(e, c, s):
    return {"engagement": e, "connection": c, "safety": s}


def test_score_formula():
    assert caregiver_value(dims(1, 1, 1)) == pytest.approx(1.0)
    assert to_score(-3) == 0 and to_score(0) == 50 and to_score(3) == 100
    assert alliance_score({"a": dims(0, 0, 0)}, 0) == 50
    assert alliance_score({"a": dims(3, 3, 3)}, 0) == 100
    assert alliance_score({"a": dims(0.3, -1.2, 0.6)}, 0) == pytest.approx(50 + 50 * (0.09 - 0.42 + 0.21) / 3)


def test_split_alliance_costs_and_shared_purpose_helps():
    even = family_value([0.5, 0.5], 0)
    split = family_value([1.5, -0.5], 0)
    assert split < even
    assert family_value([0.5, 0.5], 2) > even


def test_bordin_view_maps_from_softa():
    view = bordin_view({"a": dims(1, 2, 0)}, 0)
    assert view["bond"] == 1.0 and view["tasks"] == 1.0


def test_context_power_moves_cost_more_when_unsafe(catalogue):
    threat = catalogue.strategies["threaten_court_report"]
    listen = catalogue.strategies["active_listening"]
    repair = catalogue.strategies["us_and_them"]
    from sim.scenario.model import Caregiver

    mother = Caregiver("m", "M", "mother", "mandated", "negative", "fearful", "withdrawal", "guarded", dims(0, 0, 0))
    assert context.multiplier(threat, mother, -1, safety=-2, stance="guarded", phase="assessment") == 1.5
    assert context.multiplier(threat, mother, -1, safety=1, stance="guarded", phase="assessment") == 1.0
    assert context.multiplier(repair, mother, 1, 0, "withdrawn", "intervention") > \
        context.multiplier(repair, mother, 1, 0, "guarded", "intervention")
    # slow trust early for a mandated caregiver with a bad experience of services
    assert context.multiplier(listen, mother, 1, 0, "engaged", "assessment") == pytest.approx(0.85)


@pytest.mark.parametrize("values, current, power, expected", [
    (dims(1, 1, 1), "guarded", False, "engaged"),
    (dims(0, 0, 0), "guarded", False, "guarded"),
    (dims(0.4, 0.4, 0.4), "engaged", False, "engaged"),      # hysteresis keeps her engaged
    (dims(-2, -2, -1), "guarded", False, "withdrawn"),         # mean below -1.25
    (dims(0, 0, -2), "guarded", False, "withdrawn"),          # safety at -2
    (dims(0, 0, -1.2), "guarded", True, "withdrawn"),         # a power move on low safety
    (dims(0, 0, -1.2), "guarded", False, "guarded"),
    (dims(-1, -1, -1), "withdrawn", False, "withdrawn"),      # not resolved yet
    (dims(0, 0, -0.5), "withdrawn", False, "guarded"),        # resolved
])
def test_stance_rules(values, current, power, expected):
    assert next_stance(values, current, "withdrawn", power) == expected


REPAIR_CASE = """
format: 1
id: repair_case
title: {en: Repair}
summary: {en: A rupture and its repair.}
learning_goals: [{en: Repair.}]
minutes: 2
difficulty: introductory
caregivers:
  - {id: ana, name: Ana, relation: mother, mandate: mandated, prior_services: none, expectations: neutral,
     reacts_by: confrontation, stance: guarded, alliance: {engagement: 0, connection: 0, safety: -0.5}}
start: one
scenes:
  - id: one
    phase: intake
    speaker: ana
    text: {en: "Hello."}
    choices:
      - {text: {en: Threaten}, strategy: threaten_court_report, feedback: {en: x}, next: two}
      - {text: {en: Listen}, strategy: active_listening, feedback: {en: x}, next: two}
  - id: two
    phase: assessment
    speaker: ana
    text: {en: "So?"}
    choices:
      - {text: {en: Own it}, strategy: own_contribution, feedback: {en: x}, next: three}
      - {text: {en: Us}, strategy: us_and_them, feedback: {en: x}, next: three}
      - {text: {en: Rules}, strategy: remind_rules, feedback: {en: x}, next: three}
  - id: three
    phase: intervention
    speaker: ana
    text: {en: "And now?"}
    choices:
      - {text: {en: Receive}, strategy: receive_criticism, feedback: {en: x}, next: end}
      - {text: {en: Goals}, strategy: resignify_common_goals, feedback: {en: x}, next: end}
  - id: end
    phase: closure
    speaker: narrator
    ending: {type: closure, title: {en: End}}
    text: {en: "The end."}
"""


@pytest.fixture
def repair_case(tmp_path, catalogue):
    return load_scenario(write_scenario(tmp_path, REPAIR_CASE), catalogue)


def play(scenario, choices, seed=0):
    session = Session(scenario, seed)
    for choice in choices:
        while session.waiting:
            session.answer(50 if session.view().kind == "calibration" else "none")
        session.choose(choice)
    while session.waiting:
        session.answer(50 if session.view().kind == "calibration" else "none")
    return session


def test_repaired_rupture_can_leave_the_alliance_higher_than_before(repair_case):
    session = play(repair_case, [0, 0, 0])
    rupture = session.ruptures[0]
    assert rupture.kind == "confrontation" and rupture.began_at == 1
    assert rupture.outcome == "repair"
    assert rupture.score_at_end > rupture.score_before
    assert session.state.repairs == 1


def test_leaving_a_rupture_without_a_repair_move_is_not_a_repair(repair_case):
    scenario = repair_case
    session = play(scenario, [0])
    # raise her back with preventive moves only: no repair credit
    assert session.state.stances["ana"] == "confrontational"
    assert session.state.repairs == 0


def test_a_stance_forced_by_an_event_holds_through_later_events_of_the_same_step(tmp_path, catalogue):
    text = REPAIR_CASE.replace("start: one\n", """events:
  - id: complaint
    at: [two]
    text: {en: "She has filed a complaint about you."}
    stance: {ana: confrontational}
  - id: letter
    at: [two]
    text: {en: "A letter from the court arrives."}
    effects: {ana: {engagement: 0.1}}
start: one
""")
    scenario = load_scenario(write_scenario(tmp_path, text), catalogue)
    session = play(scenario, [1])
    assert [e for e in session.view().events] == ["She has filed a complaint about you.",
                                                 "A letter from the court arrives."]
    assert session.state.stances["ana"] == "confrontational"
    assert session.ruptures and session.ruptures[0].kind == "confrontation"
