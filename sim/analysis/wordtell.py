"""A word classifier over choice texts: does the wording give the helpful move away?

Multinomial naive Bayes on the words of each choice's English text, labelled
good when its strategy is preventive or repair. The audit trains it on the
other cases of a library and tests it on the case left out, as a student who
had played those cases might read a new one by its words alone.

Written here rather than taken from a library (scikit-learn has the same
model): it is some thirty lines, it must be exactly reproducible in a test,
and it would be the only reason for numpy and scipy in the project.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from sim.scenario.model import Choice, Scenario

GOOD_CATEGORIES = ("preventive", "repair")
SMOOTHING = 1.0  # Laplace: every word is counted once more in each class
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """Lower-case words of a text (quotes and punctuation dropped, "don't" kept whole)."""
    return _WORD.findall(text.lower())


def choice_text(choice: Choice) -> str:
    return choice.text.get_text("en")


def is_good(scenario: Scenario, choice: Choice) -> bool:
    """The label: the choice's strategy is preventive or repair."""
    return scenario.catalogue.strategies[choice.strategy].category in GOOD_CATEGORIES


def labelled_choices(scenario: Scenario) -> list[tuple[str, bool]]:
    """(text, good) for every choice written in a case."""
    return [(choice_text(c), is_good(scenario, c)) for scene in scenario.scenes.values() for c in scene.choices]


@dataclass
class WordClassifier:
    counts: dict[bool, Counter]
    totals: dict[bool, int]
    priors: dict[bool, float]
    vocabulary: int

    @classmethod
    def train(cls, examples) -> "WordClassifier":
        """From (text, good) pairs; both labels must occur."""
        counts = {True: Counter(), False: Counter()}
        documents = Counter()
        for text, good in examples:
            counts[good].update(words(text))
            documents[good] += 1
        size = documents[True] + documents[False]
        priors = {label: math.log(documents[label] / size) if documents[label] else -math.inf
                  for label in (True, False)}
        vocabulary = len(set(counts[True]) | set(counts[False]))
        return cls(counts, {label: sum(c.values()) for label, c in counts.items()}, priors, vocabulary)

    def log_odds(self, text: str) -> float:
        """log P(good | words) - log P(not good | words)."""
        score = {}
        for label in (True, False):
            denominator = self.totals[label] + SMOOTHING * (self.vocabulary + 1)
            score[label] = self.priors[label] + sum(
                math.log((self.counts[label][w] + SMOOTHING) / denominator) for w in words(text))
        return score[True] - score[False]

    def predicts_good(self, text: str) -> bool:
        return self.log_odds(text) > 0


def held_out_classifier(library: list[Scenario], held_out: Scenario) -> WordClassifier | None:
    """A classifier trained on every case of the library but ``held_out`` (None when the others do not give
    both labels, for instance when the library is one case)."""
    examples = [pair for scenario in library if scenario is not held_out for pair in labelled_choices(scenario)]
    if not any(good for _, good in examples) or all(good for _, good in examples):
        return None
    return WordClassifier.train(examples)
