"""Playing shipped cases through the engine with seeded random choices, recorded as a front end records them."""

from __future__ import annotations

import random
from pathlib import Path

from sim.engine.session import Session
from sim.records.profile import Learner, LrsConfig
from sim.scenario.library import resolve
from sim.scenario.loader import check_scenario_file
from sim.ui.recording import SessionRecorder

COHORT_CASES = ("hospital_admission", "grandmother_voluntary")


def shipped(name: str):
    scenario, problems = check_scenario_file(resolve(name))
    assert scenario is not None, problems
    return scenario


def answer_at_random(session: Session, rng: random.Random, stop_after: int | None = None) -> int:
    """Play on with random choices, estimates and notice answers; returns the actions taken."""
    taken = 0
    while not session.is_over and (stop_after is None or taken < stop_after):
        view = session.view()
        if view.kind == "scene":
            session.choose(rng.choice(view.choices).id)
        elif view.kind == "calibration":
            session.answer(rng.randint(0, 100))
        else:
            session.answer(rng.choice(view.options)[0])
        taken += 1
    return taken


def play_recorded(scenario, seed: int, learner: Learner, log_dir: Path, mode: str = "assessment",
                  config: LrsConfig | None = None, outbox: Path | None = None, courier=None, stop_after=None):
    """One recorded session with seeded random play; returns (session, recorder), the recorder closed when
    the case is over."""
    recorder = SessionRecorder(scenario, learner, mode, "test", seed, config, log_dir=log_dir, outbox=outbox,
                               courier=courier)
    session = Session(scenario, seed, listener=recorder)
    recorder.attach(session)
    answer_at_random(session, random.Random(f"choices:{seed}"), stop_after)
    if session.is_over:
        recorder.close()
    return session, recorder


def generate_cohort(log_dir: Path, count: int = 30) -> list:
    """``count`` sessions of the shipped cases by as many learners, each with its own seed."""
    cases = [shipped(name) for name in COHORT_CASES]
    sessions = []
    for number in range(count):
        learner = Learner(f"Learner {number + 1:02d}", f"Learner {number + 1:02d}")
        sessions.append(play_recorded(cases[number % len(cases)], 100 + number, learner, log_dir,
                                      outbox=log_dir.parent / "outbox.sqlite3")[0])
    return sessions
