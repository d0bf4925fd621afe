"""The relationship remembers: each rule of sim/engine/memory.py against the direction its source gives.

Sources (docs/alliance-model.md): de Toro & Sharim 2023 (a tense, power-laden start; promises unkept;
reports that surprise), Tufford 2014 (the way a report is made), Safran & Muran 2000 / Eubanks et al. 2018
(repair, and repaired ruptures going with better outcomes), Hughes et al. 2016 (supervision).
"""

from __future__ import annotations

import pytest

from scenario_helpers import write_scenario
from sim.analysis.debrief import build_debrief
from sim.engine import context, core, memory
from sim.engine.session import Session
from sim.engine.state import CaseState
from sim.scenario.loader import load_scenario

STRATEGIES = ["active_listening", "threaten_court_report", "own_contribution", "us_and_them", "seek_supervision",
              "routine_task", "promise_unrealistic_support"]
PHASES = ["intake", "intake", "assessment", "assessment", "intervention", "intervention", "intervention",
          "intervention", "closure", "closure"]


def linear_case(tmp_path, reacts_by="withdrawal", events="", extra_choice="", start=(-0.5, -0.5, -0.5)):
    """Ten scenes in a row, each offering the same strategies (choice ids are the strategy ids)."""
    scenes = []
    for i, phase in enumerate(PHASES):
        nxt = f"s{i + 1}" if i + 1 < len(PHASES) else "end"
        choices = "".join(f"""
      - id: {sid}
        text: {{en: "{sid}"}}
        strategy: {sid}
        feedback: {{en: "."}}
        next: {nxt}""" for sid in STRATEGIES)
        scenes.append(f"""
  - id: s{i}
    phase: {phase}
    speaker: ana
    text: {{en: "Scene {i}."}}
    choices:{choices}{extra_choice.format(next=nxt) if i == 1 else ""}""")
    e, c, s = start
    text = f"""format: 1
id: memory_case
title: {{en: "Memory"}}
summary: {{en: "A row of scenes."}}
learning_goals: [{{en: "Trust remembers."}}]
minutes: 5
difficulty: introductory
caregivers:
  - id: ana
    name: Ana
    relation: mother
    mandate: mandated
    prior_services: neutral
    expectations: neutral
    reacts_by: {reacts_by}
    stance: guarded
    alliance: {{engagement: {e}, connection: {c}, safety: {s}}}
variables:
  flag: {{type: bool, initial: false}}
{events}start: s0
scenes:{"".join(scenes)}
  - id: end
    phase: closure
    speaker: narrator
    text: {{en: "The end."}}
    ending: {{type: closure, title: {{en: "End"}}}}
"""
    return load_scenario(write_scenario(tmp_path, text))


def play(scenario, moves, seed=0):
    session = Session(scenario, seed)
    for move in moves:
        while session.waiting:
            view = session.view()
            session.answer(50 if view.kind == "calibration" else "none")
        session.choose(move)
    return session


BETRAYAL_EVENT = """events:
  - id: came_to_light
    at: [s2]
    when: "flag"
    betrayal: true
    text: {en: "The court heard about it from the school."}
"""
FLAG_CHOICE = """
      - id: keep_quiet
        text: {{en: "keep quiet"}}
        strategy: withhold_report
        set: {{flag: true}}
        feedback: {{en: "."}}
        next: {next}"""


def test_a_betrayal_that_comes_to_light_leaves_a_lasting_mark(tmp_path):
    scenario = linear_case(tmp_path, events=BETRAYAL_EVENT, extra_choice=FLAG_CHOICE)
    listen = ["active_listening"] * 8
    kept = play(scenario, ["routine_task", "keep_quiet", *listen])       # the event fires, with no effect itself
    plain = play(scenario, ["routine_task", "routine_task", *listen])
    assert kept.state.marks["ana"] == 1 and plain.state.marks["ana"] == 0
    gained_after = kept.state.score - kept.trajectory[2].score
    assert gained_after < plain.state.score - plain.trajectory[2].score
    owned = play(scenario, ["routine_task", "keep_quiet", "own_contribution", *listen[1:]])
    assert "ana" in owned.state.owned
    # owning it helps, but the mark lasts: gains stay slower than if it had never happened
    assert memory.gain_factor(owned.state, "ana", scenario.catalogue.strategies["active_listening"]) == \
        pytest.approx(memory.OWNED_SLOW * (1 + memory.TRUST_WEIGHT * owned.state.trust["ana"]))
    assert memory.OWNED_SLOW < 1 and memory.BETRAYAL_SLOW < memory.OWNED_SLOW


def test_after_a_betrayal_only_owning_it_earns_repair_credit(tmp_path):
    scenario = linear_case(tmp_path)
    catalogue = scenario.catalogue.strategies
    state = CaseState.initial(scenario)
    caregiver = scenario.caregiver("ana")
    memory.betrayal(state, ["ana"])
    owning = context.multiplier(catalogue["own_contribution"], caregiver, 0.5, 0, "guarded", "intervention", state)
    other = context.multiplier(catalogue["us_and_them"], caregiver, 0.5, 0, "guarded", "intervention", state)
    assert owning > other
    assert not memory.repair_credit(state, "ana", catalogue["us_and_them"])
    assert memory.repair_credit(state, "ana", catalogue["own_contribution"])
    fresh = CaseState.initial(scenario)
    memory.open_tension(fresh, ["ana"])  # the same tension with no betrayal: full repair credit
    full = context.multiplier(catalogue["own_contribution"], caregiver, 0.5, 0, "guarded", "intervention", fresh)
    assert owning < full  # credit for owning a betrayal is reduced


def test_repair_earns_its_bonus_whenever_tension_is_open(tmp_path):
    scenario = linear_case(tmp_path)
    repair, caregiver = scenario.catalogue.strategies["us_and_them"], scenario.caregiver("ana")
    calm, tense = CaseState.initial(scenario), CaseState.initial(scenario)
    memory.open_tension(tense, ["ana"])  # guarded, no rupture, but a complaint is open
    assert context.multiplier(repair, caregiver, 0.5, 0, "guarded", "intervention", tense) == \
        pytest.approx(context.REPAIR_IN_RUPTURE)
    assert context.multiplier(repair, caregiver, 0.5, 0, "guarded", "intervention", calm) == \
        pytest.approx(context.REPAIR_OUTSIDE_RUPTURE)
    memory.after_move(tense, repair, ["ana"], "intervention")
    assert "ana" not in tense.tense  # a credited repair answers the tension


def test_an_early_power_move_costs_more_by_the_end_than_a_late_one(tmp_path, monkeypatch):
    scenario = linear_case(tmp_path, start=(0.5, 0.5, 0.5))
    listen = ["active_listening"] * 8
    early = play(scenario, ["threaten_court_report", *listen, "routine_task"])
    late = play(scenario, ["routine_task", *listen, "threaten_court_report"])
    assert early.state.trust["ana"] < late.state.trust["ana"] < 0
    gap = late.state.score - early.state.score
    monkeypatch.setattr(memory, "TRUST_LOSS_EARLY", 0.0)
    monkeypatch.setattr(memory, "TRUST_LOSS_LATE", 0.0)
    without = play(scenario, ["routine_task", *listen, "threaten_court_report"]).state.score - \
        play(scenario, ["threaten_court_report", *listen, "routine_task"]).state.score
    assert gap > without  # the slow baseline is what makes the tense start the costly place for a mistake


def test_a_repaired_rupture_raises_trust_above_never_breaking(tmp_path):
    scenario = linear_case(tmp_path)
    listen = scenario.catalogue.strategies["active_listening"]
    state = CaseState.initial(scenario)
    memory.repaired(state, "ana")
    assert memory.gain_factor(state, "ana", listen) > memory.gain_factor(CaseState.initial(scenario), "ana", listen)


def test_supervision_acts_on_the_worker_not_on_her(tmp_path):
    scenario = linear_case(tmp_path)
    supervised = play(scenario, ["seek_supervision"])
    assert supervised.decisions[0].deltas["ana"] == {"engagement": 0.0, "connection": 0.0, "safety": 0.0}
    assert supervised.state.supervised
    after = play(scenario, ["seek_supervision", "threaten_court_report"])
    plain = play(scenario, ["routine_task", "threaten_court_report"])
    cost_after = after.decisions[1].score_after - after.decisions[1].score_before
    cost_plain = plain.decisions[1].score_after - plain.decisions[1].score_before
    assert cost_plain < cost_after < 0 and not after.state.supervised


def test_a_power_move_on_a_guarded_caregiver_brings_confrontation(tmp_path):
    scenario = linear_case(tmp_path, reacts_by="withdrawal", start=(-1, -1, -1.5))
    session = play(scenario, ["threaten_court_report"])
    assert session.state.stances["ana"] == "confrontational"


def test_a_betrayal_brings_withdrawal_whatever_her_profile(tmp_path):
    events = BETRAYAL_EVENT.replace('    betrayal: true\n', '    betrayal: true\n    effects: {ana: {safety: -2, connection: -2}}\n')
    scenario = linear_case(tmp_path, reacts_by="confrontation", events=events, extra_choice=FLAG_CHOICE)
    session = play(scenario, ["routine_task", "keep_quiet"])
    assert session.state.stances["ana"] == "withdrawn"


SCHEDULED = """events:
  - id: help_never_came
    text: {en: "The appointment you promised never came."}
    betrayal: true
    effects: {ana: {connection: -0.8, safety: -0.5}}
"""
PROMISE = """
      - id: promise_it
        text: {{en: "I will get you that appointment."}}
        strategy: promise_unrealistic_support
        schedule: {{help_never_came: 3}}
        feedback: {{en: "."}}
        next: {next}"""


def test_a_promise_lifts_now_and_costs_when_it_comes_due(tmp_path):
    scenario = linear_case(tmp_path, events=SCHEDULED, extra_choice=PROMISE)
    session = play(scenario, ["routine_task", "promise_it", "routine_task", "routine_task", "routine_task",
                              "routine_task"])
    promise = session.decisions[1]
    assert promise.score_after > promise.score_before           # it lifts the alliance now
    fired = [(d.number, e) for d in session.decisions for e in d.events_after]
    assert [(n, e.event) for n, e in fired] == [(5, "help_never_came")]  # due 3 decisions after decision 2
    number, event = fired[0]
    assert event.caused_by == 2 and event.effect < 0 and session.state.marks["ana"] == 1
    item = build_debrief(session).decisions[number - 1]
    assert item["events_after"][0]["caused_by"] == 2


def test_the_checker_knows_scheduled_events(tmp_path):
    from scenario_helpers import TINY, problems_of

    text = TINY.read_text().replace("        set: {warned: true}\n",
                                    "        set: {warned: true}\n        schedule: {nowhere: 2}\n")
    _, problems = problems_of(tmp_path, text)
    assert any("unknown event 'nowhere'" in p.message for p in problems if p.severity == "error")
    loose = TINY.read_text().replace("start: hello\n", "events:\n  - id: floating\n    text: {en: \"x\"}\n"
                                     "start: hello\n")
    _, problems = problems_of(tmp_path, loose)
    assert any("needs 'at'" in p.message for p in problems if p.severity == "error")
