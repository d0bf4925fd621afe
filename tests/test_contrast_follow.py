"""The debrief's lines found as the case is played (``contrast.follow``): the same debrief as one built from
nothing at the end, with the lines of every decision already there when the case ends; a take-back keeps the
lines of the decisions still on the path."""

from __future__ import annotations

import random

from scenario_helpers import TINY
from sim.analysis import contrast
from sim.analysis.debrief import build_debrief
from sim.engine.session import Session
from sim.scenario.loader import load_scenario


def answer_all(session: Session) -> None:
    while session.waiting:
        prompt = session.waiting_prompts[0]
        session.answer(35 if prompt.kind == "calibration" else prompt.options[0][0])


def play_following(scenario, seed: int, pick: int) -> Session:
    """A run played as the front ends play it: the pass prepared at the start, ``follow`` after each decision."""
    contrast.prepare(scenario, seed)
    rng, session = random.Random(pick), Session(scenario, seed)
    while True:
        answer_all(session)
        if session.is_over:
            return session
        session.choose(rng.choice(session.view().choices).id)
        contrast.follow(session)


def contrasts(debrief) -> list:
    assert not debrief.contrast_problem
    return [item["contrast"] for item in debrief.decisions]


def lines_of(scenario, seed: int) -> set:
    return {key[2:] for key in contrast._LINES if key[:2] == (scenario.digest, seed)}


def test_followed_lines_give_the_same_debrief_as_lines_found_at_the_end():
    scenario = load_scenario(TINY)
    for seed in range(3):
        contrast._LINES.clear()  # lines other tests found for this case and seed are not this run's
        session = play_following(scenario, seed, pick=seed)
        assert contrast.followed(scenario, seed, wait=120)
        path = tuple(record.choice_id for record in session.decisions)
        found = lines_of(scenario, seed)
        assert {prefix for prefix, _ in found} == {path[:n] for n in range(len(path))}  # every decision's
        followed = contrasts(build_debrief(session))
        contrast._LINES.clear()
        from_nothing = contrasts(build_debrief(session, with_contrast="wait"))
        assert followed == from_nothing and all(followed)


def test_a_take_back_keeps_the_lines_still_on_the_path():
    scenario = load_scenario(TINY)
    seed = 7
    contrast._LINES.clear()
    session = play_following(scenario, seed, pick=1)
    assert contrast.followed(scenario, seed, wait=120)
    path = tuple(record.choice_id for record in session.decisions)
    assert len(path) >= 2
    session = session.rewound(len(path))  # back to just before the last decision
    answer_all(session)
    kept = lines_of(scenario, seed)
    assert {prefix for prefix, _ in kept} >= {path[:n] for n in range(len(path))}
    other = [c.id for c in session.view().choices if c.id != path[-1]]
    session.choose((other or [path[-1]])[0])
    contrast.follow(session)
    answer_all(session)
    assert contrast.followed(scenario, seed, wait=120)
    assert all(contrasts(build_debrief(session)))


def test_follow_does_nothing_for_a_pass_never_prepared():
    scenario = load_scenario(TINY)
    contrast._LINES.clear()
    session = Session(scenario, 99)
    answer_all(session)
    session.choose(session.view().choices[0].id)
    contrast.follow(session)
    assert contrast.followed(scenario, 99, wait=0)
    assert not lines_of(scenario, 99)


def test_a_pass_that_failed_is_not_tried_again(monkeypatch):
    """A pass that could not be made in the background: following the case and the debrief say why, and
    neither builds the pass again."""
    from sim.errors import ExploreBudgetError

    scenario = load_scenario(TINY)
    seed = 41
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        raise ExploreBudgetError("explore stopped after 1 state")

    monkeypatch.setattr(contrast, "lookahead", failing)
    monkeypatch.setattr(contrast, "_PASSES", {})
    monkeypatch.setattr(contrast, "_FAILED", {})
    contrast.prepare(scenario, seed).join(60)
    session = Session(scenario, seed)
    answer_all(session)
    session.choose(session.view().choices[0].id)
    contrast.follow(session)
    assert contrast.followed(scenario, seed, wait=60)
    debrief = build_debrief(session)
    assert "explore stopped after 1 state" in debrief.contrast_problem
    assert len(calls) == 1  # the background pass only
