"""At a phase end the window goes: her reaction, the notice question, the estimate, then the next phase.
A notice question is only ever about the caregiver the learner sees in the scene (never someone absent)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sim.engine.session import Session
from sim.scenario.library import scenario_files
from sim.scenario.loader import load_scenario
from sim.ui.window.case import Case

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(path.stem for path in scenario_files(ROOT / "scenarios"))


@pytest.mark.parametrize("stem", CASES)
def test_notices_are_about_someone_in_the_scene(stem):
    scenario = load_scenario(ROOT / "scenarios" / f"{stem}.yaml")
    asked = 0
    for run in range(40):
        rng = random.Random(run)
        session = Session(scenario, run % 5)
        while not session.is_over:
            view = session.view()
            if view.kind == "scene":
                session.choose(rng.choice(view.choices).id)
                continue
            if view.kind == "notice":
                asked += 1
                speaker = view.scene.speaker_id
                people = {p.id for p in scenario.people}
                assert speaker not in people, f"asked about {view.question!r} in a scene with {speaker}"
                about = [speaker] if speaker in scenario.caregiver_ids else list(scenario.caregiver_ids)
                absent = [c.name for c in scenario.caregivers if c.id not in about]
                assert not any(name in view.question for name in absent), view.question
                assert not any(name in label for _, label in view.options for name in absent)
            session.answer(50 if view.kind == "calibration" else rng.choice([v for v, _ in view.options]))
    assert asked, "no notice question was met"


@pytest.mark.parametrize("stem", CASES)
def test_a_phase_end_shows_her_reaction_then_the_question_then_the_estimate(make_app, stem):
    scenario = load_scenario(ROOT / "scenarios" / f"{stem}.yaml")
    app = make_app()
    seen_phase_end = 0
    for run in range(25):
        rng = random.Random(f"order:{run}")
        app.case = Case(Session(scenario, run % 5), "practice", scenario.path)  # no record: played by the test
        app.route()
        app.step()
        order = []
        while not app.case.is_over:
            view = app.case.view()
            app.dirty = True
            app.step()
            if view.kind == "scene":
                order = []
                phase = view.phase
                app.case.choose(rng.choice(view.choices).id)
                app.route()
                continue
            order.append(view.kind)
            drawn = " ".join(app.renderer.drawn_strings)
            if view.kind == "notice" and view.scene.phase != phase:
                seen_phase_end += 1
                assert f"The {phase} phase is ending" in drawn
                first_words = view.scene.text.split()[:4]
                assert " ".join(first_words) not in drawn, "the next phase's words came before the estimate"
            if view.kind == "calibration" and order.count("calibration") == 1:
                assert order[-1] == "calibration" and set(order[:-1]) <= {"notice"}, order
                assert view.phase == phase, "the estimate is for the phase just ended"
            elif view.kind == "calibration":  # a last estimate at the ending, for the phase the ending is in
                assert app.case.session.state.over
            app.case.answer(60 if view.kind == "calibration" else view.options[-1][0])
            app.route()
        app.case = None
    if stem in ("hospital_admission", "grandmother_voluntary"):  # cases whose phase ends ask a notice on these runs
        assert seen_phase_end, f"no phase end with a notice in {stem} over these runs"


def test_a_question_that_does_not_fit_has_a_scrollbar(make_app):
    scenario = load_scenario(ROOT / "scenarios" / "two_caregivers.yaml")
    app = make_app(size=(800, 600))
    app.settings.text_size = "largest"
    app.relayout()
    for run in range(40):
        session = Session(scenario, run)
        rng = random.Random(run)
        while not session.is_over and session.view().kind != "notice":
            view = session.view()
            if view.kind == "scene":
                session.choose(rng.choice(view.choices).id)
            else:
                session.answer(50)
        if not session.is_over:
            break
    app.case = Case(session, "practice", scenario.path)
    app.route()
    app.step()
    assert app.screen.name == "prompt" and app.screen.max_scroll > 0  # nine answers with two caregivers
    assert [bar.name for bar in app.renderer.scrollbars] == ["prompt"]
    app.case = None
