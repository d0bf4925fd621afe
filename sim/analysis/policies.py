"""Surface policies: play a case by a rule that reads nothing of the situation, and see where it ends.

Each policy picks one of the choices shown (in the order the session shows
them, shuffled from the seed) by its surface alone: the longest or shortest
text, a fixed place on the screen, the word classifier's favourite, or any
preventive or repair move at random. A case that teaches judgement should
not reward any of them with the good closure (a closure with every duty met).
They are played through the engine's pure steps, as a learner's session is.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from sim.analysis.lookahead import end_value
from sim.analysis.wordtell import WordClassifier, choice_text, is_good
from sim.engine import core
from sim.errors import PlayError
from sim.scenario.model import Scenario

POSITIONS = (1, 2, 3, 4)
MAX_STEPS = 10_000  # a loop guard; a case is a few dozen decisions


def _longest(shown, **_):
    return max(shown, key=lambda c: len(choice_text(c)))


def _shortest(shown, **_):
    return min(shown, key=lambda c: len(choice_text(c)))


def _position(place: int):
    def pick(shown, **_):
        return shown[min(place, len(shown)) - 1]  # fewer choices shown than the place: the last one
    return pick


def _classifier(shown, classifier: WordClassifier | None = None, **_):
    return max(shown, key=lambda c: classifier.log_odds(choice_text(c)))


def _random_good(shown, scenario: Scenario, rng: random.Random, **_):
    good = [c for c in shown if is_good(scenario, c)]
    return rng.choice(good or shown)


POLICIES = {
    "longest": _longest,
    "shortest": _shortest,
    **{f"position_{p}": _position(p) for p in POSITIONS},
    "classifier": _classifier,
    "random_good": _random_good,
}
SURFACE = tuple(name for name in POLICIES if name != "random_good")  # the ones that read only the surface
LABELS = {"longest": "longest", "shortest": "shortest", **{f"position_{p}": f"position {p}" for p in POSITIONS},
          "classifier": "word classifier", "random_good": "random preventive/repair"}


@dataclass(frozen=True)
class Run:
    policy: str
    seed: int
    ending: str
    score: float
    good: bool          # the good closure, every duty met


def play(scenario: Scenario, policy: str, seed: int, classifier: WordClassifier | None = None) -> Run:
    """One session played by a policy (the classifier policy needs ``classifier``)."""
    pick = POLICIES[policy]
    rng = random.Random(f"{seed}:policy:{policy}")
    state = core.start(scenario, seed)
    for _ in range(MAX_STEPS):
        if state.over:
            break
        shown = core.display_order(state, core.visible_choices(scenario, state))
        if not shown:
            raise PlayError(f"{scenario.id}: every choice in scene '{state.scene}' is hidden; the case cannot go on")
        core.apply_choice(scenario, state, pick(shown, scenario=scenario, rng=rng, classifier=classifier))
    else:
        raise PlayError(f"{scenario.id}: no ending after {MAX_STEPS} decisions (a loop?)")
    end = end_value(scenario, state)
    return Run(policy, seed, state.scene, state.score, end.good)


def win_rates(scenario: Scenario, runs: int, classifier: WordClassifier | None = None) -> dict[str, float]:
    """For each policy, the share of ``runs`` sessions (seeds 0..runs-1) that reach the good closure with
    every duty met. The classifier policy is left out without a classifier."""
    rates = {}
    for policy in POLICIES:
        if policy == "classifier" and classifier is None:
            continue
        wins = sum(play(scenario, policy, seed, classifier).good for seed in range(runs))
        rates[policy] = wins / runs
    return rates
