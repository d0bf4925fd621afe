"""Which of a case's texts have no words in the language the window shows them in, and the note that says so.

A case's texts are language-keyed (docs/scenario-format.md); one without the language in use is shown in
English (``Text.get_text``). When that happens in a case, the window says so once, on the play screen the
first time the case is shown in that language: the learner then knows why a sentence is in English.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from sim.i18n import N_, _, language
from sim.scenario.model import Text

NOTE = N_("Parts of this case have no Spanish yet; they are shown in English.")
NOTES = {"es": NOTE}  # language -> the note for it (each says the language by name, as one sentence)


def _texts(value, seen: set[int]):
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Text):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _texts(item, seen)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item, seen)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "catalogue":  # the shared catalogue: only the strategies the case uses (below)
                yield from _texts(getattr(value, f.name), seen)


def case_texts(scenario):
    """Every language-keyed text the case can show: its own, and those of the strategies its choices use."""
    seen: set[int] = set()
    yield from _texts(scenario, seen)
    strategies = scenario.catalogue.strategies
    used = sorted({choice.strategy for scene in scenario.scenes.values() for choice in scene.choices})
    for strategy_id in used:
        if strategy_id in strategies:
            yield from _texts(strategies[strategy_id], seen)


def missing_count(scenario, lang: str | None = None) -> int:
    """How many of the case's texts fall back to English in ``lang`` (default: the interface's language)."""
    lang = lang or language()
    counted = scenario.__dict__.setdefault("_texts_lacking", {})  # a scenario never changes: count once
    if lang not in counted:
        counted[lang] = sum(1 for text in case_texts(scenario) if text.lacks(lang))
    return counted[lang]


def fallback_note(scenario, lang: str | None = None) -> str:
    """The note to show for ``scenario`` in ``lang``, translated; empty when every text has that language."""
    lang = lang or language()
    if lang not in NOTES or not missing_count(scenario, lang):
        return ""
    return _(NOTES[lang])
