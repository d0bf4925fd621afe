"""The debrief's contrast and time course: every 'best reachable' figure is reached by a real path, replayed
through a session; key decisions name a better ending; what lasted follows the stated rule."""

from __future__ import annotations

import random

import pytest

from scenario_helpers import TINY
from sim.analysis.debrief import build_debrief
from sim.analysis.debrief_words import key_sentences, option_sentence, time_course_sentences
from sim.analysis.lookahead import GOOD_CLOSURE
from sim.engine import open_case
from sim.engine.session import Session
from sim.scenario.loader import load_scenario

CASES = [("recovery_home_visits", (0, 4, 9)), ("grandmother_voluntary", (2, 13))]


def answer_all(session: Session) -> None:
    while session.waiting:
        prompt = session.waiting_prompts[0]
        session.answer(35 if prompt.kind == "calibration" else prompt.options[0][0])


def played(scenario, seed: int, pick: int) -> Session:
    """A run that picks among the choices shown with its own random generator (so several runs differ)."""
    rng, session = random.Random(pick), Session(scenario, seed)
    while not session.is_over:
        answer_all(session)
        if session.is_over:
            break
        session.choose(rng.choice(session.view().choices).id)
    return session


def replayed(scenario, seed: int, choices: list[str]) -> Session:
    """Play these choices from the start as a learner would, answering every question."""
    session = Session(scenario, seed)
    for choice in choices:
        answer_all(session)
        session.choose(choice)
    answer_all(session)
    return session


def check_every_figure(scenario, seed: int, session: Session) -> int:
    debrief = build_debrief(session, with_contrast="wait")
    assert not debrief.contrast_problem
    kept = [d["choice_id"] for d in debrief.decisions]
    checked = 0
    for index, item in enumerate(debrief.decisions):
        contrast = item["contrast"]
        assert contrast["taken"]["choice_id"] == item["choice_id"]
        assert contrast["taken"]["immediate"] == pytest.approx(item["effect"], abs=0.051)
        for option in [contrast["taken"], *contrast["others"]]:
            path = [step["choice"] for step in option["path"]]
            assert path[0] == option["choice_id"]
            end = replayed(scenario, seed, kept[:index] + path)
            assert end.is_over
            assert end.state.score == pytest.approx(option["reachable"], abs=0.051), option_sentence(option)
            assert end.state.scene == option["ending"]["scene"]
            failed = any(d["failed"] for d in build_duties(end))
            assert option["good"] == (option["ending"]["type"] == GOOD_CLOSURE and not failed)
            assert option["ending"]["duty_met"] == (not failed)
            checked += 1
    return checked


def build_duties(session):
    from sim.engine.core import duty_outcomes

    return [{"failed": arose and not met} for _, arose, met in duty_outcomes(session.scenario, session.state)]


@pytest.mark.parametrize("case,seeds", CASES)
def test_every_best_reachable_figure_is_reached_by_a_real_path(case, seeds):
    scenario, _ = open_case(case)
    checked = 0
    for seed in seeds:
        for pick in range(2):
            checked += check_every_figure(scenario, seed, played(scenario, seed, pick))
    assert checked > 20


def test_the_tiny_case_too():
    scenario = load_scenario(TINY)
    for seed in range(3):
        assert check_every_figure(scenario, seed, played(scenario, seed, seed)) > 0


def test_key_decisions_name_a_better_ending_than_the_one_kept():
    scenario, _ = open_case("recovery_home_visits")
    found = 0
    for pick in range(6):
        debrief = build_debrief(played(scenario, 3, pick), with_contrast="wait")
        for item in debrief.decisions:
            contrast = item["contrast"]
            better = [o for o in contrast["others"] if o["choice_id"] in contrast["better"]]
            assert contrast["key"] == bool(better) == (item["number"] in debrief.key_decisions)
            for option in better:
                assert option["kind"] > contrast["taken"]["kind"]
                assert any(option["ending"]["title"] in s for s in key_sentences(contrast))
            found += bool(better)
    assert found, "no key decision in six random runs"


def test_what_lasted_follows_the_rule():
    scenario, _ = open_case("recovery_home_visits")
    for pick in range(6):
        session = played(scenario, 1, pick)
        debrief = build_debrief(session, with_contrast="wait")
        due = {}
        for record in session.decisions:
            for event in record.events_after:
                if event.caused_by:
                    due.setdefault(event.caused_by, []).append(round(event.effect, 1))
        for item in debrief.decisions:
            course = item["time_course"]
            assert [c["effect"] for c in course["later"]] == due.get(item["number"], [])
            assert course["net"] == pytest.approx(course["own"] + sum(due.get(item["number"], [])), abs=0.051)
            if course["loss"]:
                later = [p for p in session.trajectory if p.decision > item["number"]]
                back = [p.decision for p in later if p.score >= item["score_before"] - 0.05]
                assert course["recovered_at"] == (back[0] if back else None)
                assert time_course_sentences(course)
            if item["strategy"] in {s for s, st in scenario.catalogue.strategies.items() if st.power}:
                assert course["trust"], "a power move lowers the trust baseline (sim/engine/memory.py)"
