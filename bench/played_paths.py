"""A random played path through a case, for the look-ahead's benchmark and its reference data.

``random_path(scenario, seed)`` plays from the start (seed 0) to an ending, each time picking one of the
visible choices (in written order) with ``random.Random(seed)``, and returns the chosen ids. Both
bench/bench_lookahead.py and tests/make_explore_reference.py use it: the stored reference
(tests/data/explore_reference.json) holds such paths, so this must keep drawing the same ones.
"""

from __future__ import annotations

import random

from sim.engine import core


def random_path(scenario, seed: int) -> list[str]:
    rng, state, path = random.Random(seed), core.start(scenario, 0), []
    while not state.over:
        choice = rng.choice(core.visible_choices(scenario, state))
        path.append(choice.id)
        core.apply_choice(scenario, state, choice)
    return path
