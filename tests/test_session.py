"""The session: determinism, prompts, replay, rewind, and the threat versus us-and-them comparison."""

import random

import pytest
from scenario_helpers import seed_asking, shipped_scenarios

from sim.engine.session import Session
from sim.errors import ActionError
from sim.scenario.loader import load_scenario


def answer_prompts(session, estimate=50, notice="none"):
    while session.waiting:
        session.answer(estimate if session.view().kind == "calibration" else notice)


def random_run(scenario, seed, rng):
    session = Session(scenario, seed)
    while not session.is_over:
        view = session.view()
        if view.kind == "scene":
            session.choose(rng.choice(view.choices).id)
        elif view.kind == "calibration":
            session.answer(rng.randint(0, 100))
        else:
            session.answer(rng.choice(view.options)[0])
    return session


def test_same_inputs_same_run(tiny):
    a = random_run(tiny, 3, random.Random(1))
    b = Session.replay(tiny, 3, a.actions)
    assert b.actions == a.actions and b.state == a.state
    assert [d.score_after for d in b.decisions] == [d.score_after for d in a.decisions]


def test_views_never_carry_hidden_numbers(tiny):
    session = Session(tiny, 0)
    view = session.view()
    assert "score" not in vars(view) and "alliance" not in repr(vars(view)).lower().replace("alliance-sim", "")
    assert view.cue and view.stance in ("engaged", "guarded", "withdrawn", "confrontational")


def test_prompts_calibration_at_phase_end_and_notice_on_rupture(tiny):
    session = Session(tiny, seed_asking(1))
    session.choose(0)  # a threat on a guarded mother: a confrontation, and the intake phase ends
    kinds = [p.kind for p in session.waiting_prompts]
    assert kinds == ["notice", "calibration"]
    with pytest.raises(ActionError):
        session.choose(0)
    session.answer("confrontation")
    assert session.notices[0].correct and session.notices[0].began
    with pytest.raises(ActionError):
        session.answer(150)
    session.answer(20)
    assert session.calibrations[0].phase == "intake"
    assert session.calibrations[0].error == pytest.approx(abs(20 - session.trajectory[1].score), abs=0.1)


def test_bad_actions_are_refused(tiny):
    session = Session(tiny, 0)
    with pytest.raises(ActionError):
        session.choose(7)
    with pytest.raises(ActionError):
        session.answer(3)
    with pytest.raises(ActionError):
        Session.replay(tiny, 0, [{"choice": 0}, {"choice": 0}])
    with pytest.raises(ActionError):
        Session.replay(tiny, 0, [{"dance": 1}])


def test_rewind_replays_to_before_a_decision(tiny):
    session = Session(tiny, 0)
    session.choose(1)
    answer_prompts(session)
    session.choose(0)
    back = session.rewound(2)
    assert back.state.scene == "goodbye" and back.decision_count == 1
    assert Session.replay(tiny, 0, back.actions).state == back.state


def _both_strategies_point(scenario):
    """(path of choice ids leading to a scene that offers both, the scene) or None."""
    from collections import deque

    session = Session(scenario, 0)
    queue = deque([[]])
    seen = set()
    while queue:
        path = queue.popleft()
        s = Session(scenario, 0)
        for choice in path:
            answer_prompts(s)
            s.choose(choice)
        answer_prompts(s)
        if s.is_over or s.state.scene in seen:
            continue
        seen.add(s.state.scene)
        view = s.view()
        strategies = {scenario.scenes[s.state.scene].choice(c.id).strategy: c.id for c in view.choices}
        if {"threaten_court_report", "us_and_them"} <= set(strategies):
            return path, strategies
        for choice in view.choices:
            queue.append(path + [choice.id])
    return None


def _finish_identically(session):
    """Play on with the first choice every time (the same policy for both branches)."""
    while not session.is_over:
        view = session.view()
        if view.kind == "scene":
            session.choose(view.choices[0].id)
        else:
            answer_prompts(session)
    return session


def test_threat_versus_us_and_them_at_the_same_decision(catalogue):
    scenario = load_scenario("scenarios/hospital_admission.yaml", catalogue)
    found = _both_strategies_point(scenario)
    assert found, "hospital_admission must offer threaten_court_report and us_and_them at one decision"
    path, strategies = found
    runs = {}
    for strategy in ("threaten_court_report", "us_and_them"):
        session = Session.replay(scenario, 0, [])
        for choice in path:
            answer_prompts(session)
            session.choose(choice)
        answer_prompts(session)
        session.choose(strategies[strategy])
        runs[strategy] = _finish_identically(session)
    threat, alliance = runs["threaten_court_report"], runs["us_and_them"]
    assert threat.state.score < alliance.state.score
    stances = lambda s: [p.stances for p in s.trajectory]  # noqa: E731
    assert stances(threat) != stances(alliance)
    decision = len(path) + 1
    assert threat.trajectory[decision].score < alliance.trajectory[decision].score


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_1000_seeded_random_playthroughs_reach_an_ending(path, catalogue):
    scenario = load_scenario(path, catalogue)
    rng = random.Random(path.stem)
    endings = set()
    for seed in range(1000):
        session = random_run(scenario, seed, rng)
        assert session.is_over and session.view().ending is not None
        endings.add(session.state.scene)
    assert len(endings) >= 2


def test_notice_prompt_carries_the_scene_reached(tiny):
    session = Session(tiny, seed_asking(1))
    session.choose(0)
    view = session.view()
    assert view.kind == "notice" and view.scene is not None
    assert view.scene.scene_id == "goodbye" and view.scene.text == "Right." and view.scene.choices == ()
    assert [label for _, label in view.options][0] == "Ana is pulling away from me"


def test_tone_is_heard_beside_the_stance(tiny):
    session = Session(tiny, 0)
    assert "warmth" not in session.view().cue and "cold" not in session.view().cue
    session.state.dims["ana"]["connection"] = 2.0
    assert session.view().cue.endswith("There is warmth in how Ana talks to you now.")
    session.state.dims["ana"]["connection"] = -2.0
    assert session.view().cue.endswith("Ana's tone with you is cold.")


def test_a_jump_into_an_ending_in_the_next_phase_asks_one_estimate(tmp_path):
    """The last choice ends its own phase and, by reaching an ending in the next, the case: one estimate for
    that moment, not two in a row with nothing between them (issue 11)."""
    from tests.scenario_helpers import TINY, problems_of

    text = TINY.read_text(encoding="utf-8").replace("next: goodbye", "next: end_good", 1)
    scenario, problems = problems_of(tmp_path, text)
    assert scenario is not None, problems
    session = Session(scenario, seed=1)
    first = next(c for c in session.view().choices if c.text.startswith('"Miss'))
    session.choose(first.id)
    kinds = []
    while not session.is_over or session.waiting:
        view = session.view()
        kinds.append(view.kind)
        session.answer(50 if view.kind == "calibration" else view.options[0][0])
    assert kinds.count("calibration") == 1
    assert [c.phase for c in session.calibrations] == ["intake"]
