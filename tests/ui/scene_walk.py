"""Every decision of a case, reached along many seeded random paths: the inputs that lead to each
distinct scene with choices (distinct in what it shows), for the layout tests to draw."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sim.engine.session import Session


@dataclass(frozen=True)
class Stop:
    seed: int
    actions: tuple  # the session's actions up to this decision
    scene_id: str


def shown(view) -> tuple:
    return (view.scene_id, view.text, view.narration, view.cue, view.events, tuple(c.text for c in view.choices))


def walk(scenario, runs: int = 30, seeds=(0, 1, 2), cap: int = 600) -> tuple[list[Stop], set[str]]:
    """(a stop for every distinct decision screen met, the ids of the scenes with choices never reached):
    at least ``runs`` random runs, and more (up to ``cap``) until every scene with choices has been reached."""
    stops: dict = {}
    with_choices = {sid for sid, scene in scenario.scenes.items() if scene.choices}
    visited: set[str] = set()
    for run in range(cap):
        seed = seeds[run % len(seeds)]
        rng = random.Random(f"walk:{scenario.id}:{run}")
        session = Session(scenario, seed)
        while not session.is_over:
            view = session.view()
            if view.kind == "scene":
                visited.add(view.scene_id)
                stops.setdefault(shown(view), Stop(seed, tuple(session.actions), view.scene_id))
                session.choose(rng.choice(view.choices).id)
            elif view.kind == "calibration":
                session.answer(rng.choice((20, 50, 80)))
            else:
                session.answer(rng.choice([value for value, _ in view.options]))
        if with_choices <= visited and run + 1 >= runs:
            break
    return list(stops.values()), with_choices - visited
