"""Helpers shared by the tests: paths, scenario files written from text, the shipped cases."""

from __future__ import annotations

import textwrap
from pathlib import Path

from sim.scenario.catalogue import load_catalogue
from sim.scenario.library import scenario_files
from sim.scenario.loader import check_scenario_file

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny.yaml"


def shipped_scenarios():
    return scenario_files()


def write_scenario(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str, catalogue=None):
    """(scenario or None, problems) for a scenario given as text."""
    return check_scenario_file(write_scenario(tmp_path, text), catalogue or load_catalogue())


def shown_number(scenario, seed: int, scene_id: str, decisions: int, index: int) -> str:
    """The number a front end shows for the choice written at ``index`` in a scene (choices are shown in an
    order shuffled from the seed), as a learner would type it."""
    from sim.engine import core
    from sim.engine.state import CaseState

    state = CaseState.initial(scenario)
    state.seed, state.scene, state.decisions = seed, scene_id, decisions
    shown = core.display_order(state, list(scenario.scenes[scene_id].choices))
    return str([c.index for c in shown].index(index) + 1)


def seed_asking(decision: int, asked: bool = True, start: int = 0) -> int:
    """The first seed from ``start`` whose noticing question does (or does not) follow ``decision``."""
    from sim.engine import noticing

    seed = start
    while noticing.asked(seed, decision) != asked:
        seed += 1
    return seed


# ----- pseudo-localisation (issue 15): what reached the screen without gettext -----

PLAIN = set("aeiouyAEIOUYnNcC")  # the letters the pseudo-language always changes
WORD = __import__("re").compile(r"[A-Za-zÀ-ÿ_']+")


def unmarked_words(text: str, scenario, allowed_words=()) -> list[str]:
    """Words on the screen that the pseudo-language did not mark: interface words that skipped gettext."""
    allowed = {"alliance", "sim", "doi", "html", "https", "json", "yaml", *allowed_words}
    for caregiver in scenario.caregivers:
        allowed.update(WORD.findall(caregiver.name))
    for person in scenario.people:
        if isinstance(person.name, str):
            allowed.update(WORD.findall(person.name))
    allowed.update(scenario.catalogue.strategies)  # strategy ids, shown beside their names in the debrief
    for reference in scenario.catalogue.references.values():  # bibliographic entries are never translated
        allowed.update(WORD.findall(f"{reference.key} {reference.citation} {reference.doi}"))
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("alliance-sim ", "/", "[")) or __import__('re').match(r"^[\w.-]*/", stripped):
            continue  # a command to copy, a path, a reference's bibliographic entry: never translated
        for word in WORD.findall(line):
            if "_" in word or word.strip("'").split("'")[0] in allowed or word.lower() in allowed:
                continue  # an id (case, strategy, scene) or a name
            if any(c in PLAIN for c in word):
                found.append(word)
    return found


