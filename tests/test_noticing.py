"""Noticing is a skill, not a give-away: being asked is no signal, and answers are scored on what shows."""

from __future__ import annotations

import random

from scenario_helpers import shipped_scenarios
from sim.engine import noticing
from sim.engine.session import Session
from sim.scenario.loader import load_scenario

LEAK_LIMIT = 1.3  # issue 8: at most 1.3 times as likely to follow a rupture start as a random decision


def random_play(scenario, seed):
    rng = random.Random(seed)
    session = Session(scenario, seed)
    began_at, asked_at, decisions = set(), set(), 0
    while not session.is_over:
        view = session.view()
        if view.kind == "scene":
            before = len(session.ruptures)
            session.choose(rng.choice(view.choices).id)
            decisions = session.decision_count
            if len(session.ruptures) > before and any(r.began_at == decisions for r in session.ruptures[before:]):
                began_at.add(decisions)
        elif view.kind == "notice":
            asked_at.add(view.decision)
            session.answer(rng.choice(view.options)[0])
        else:
            session.answer(rng.randint(0, 100))
    return began_at, asked_at, decisions


def test_being_asked_gives_nothing_away_over_random_play(catalogue):
    asked = began = both = total = 0
    for path in shipped_scenarios():
        scenario = load_scenario(path, catalogue)
        for seed in range(40):
            began_at, asked_at, decisions = random_play(scenario, seed)
            total += decisions
            asked += len(asked_at)
            began += len(began_at)
            both += len(began_at & asked_at)
    assert began > 50 and asked > 200, (began, asked)
    # P(a rupture had just begun | asked) against P(a rupture had just begun) at any decision
    ratio = (both / asked) / (began / total)
    assert ratio <= LEAK_LIMIT, ratio


def test_what_counts_is_what_she_shows_now():
    assert noticing.what_shows("withdrawn", "withdrawn", 0, 0) == "withdrawal"      # an ongoing withdrawal
    assert noticing.what_shows("engaged", "guarded", 0, 0) == "holding_back"
    assert noticing.what_shows("guarded", "engaged", 0, 0) == "warming"
    assert noticing.what_shows("guarded", "guarded", 1.0, 1.6) == "warming"         # her tone turned warm
    assert noticing.what_shows("guarded", "guarded", 0, 0) == noticing.NONE


def test_with_two_caregivers_the_answers_name_who(catalogue):
    path = next(p for p in shipped_scenarios() if p.stem == "two_caregivers")
    scenario = load_scenario(path, catalogue)
    options = noticing.options(scenario, scenario.caregiver_ids)
    names = [c.name for c in scenario.caregivers]
    assert len(options) == 4 * len(names) + 1 and options[-1][0] == noticing.NONE
    for name in names:
        assert sum(name in label for _, label in options) == 4
    shows = {cid: noticing.NONE for cid in scenario.caregiver_ids}
    shows[scenario.caregiver_ids[1]] = "warming"
    assert noticing.truths(scenario, shows, scenario.caregiver_ids) == (f"warming:{scenario.caregiver_ids[1]}",)
