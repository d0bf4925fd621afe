"""The terminal in other languages (issue 15): every shipped case plays to its end in Spanish, and under
a pseudo-language that marks every translated string no interface word reaches the screen unmarked."""

from __future__ import annotations

import io
import random
import re

import pytest

import sim.i18n as i18n
from sim.engine import find_case, open_case
from sim.scenario.library import scenario_files
from sim.ui.terminal.frontend import play_text

SHIPPED = [path.stem for path in scenario_files(None)]
PLAIN = set("aeiouyAEIOUYnNcC")  # the letters the pseudo-language always changes
WORD = re.compile(r"[A-Za-zÀ-ÿ_']+")


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def chooser(seed: int, limit: int = 600):
    """Answers any prompt with a random number in the range it shows ([1-4], [0-100], [1]), in any language."""
    rng = random.Random(seed)
    asked = []

    def read(prompt: str) -> str:
        asked.append(prompt)
        if len(asked) > limit:
            raise EOFError
        found = re.search(r"\[(\d+)(?:-(\d+))?", prompt)
        if not found:
            return ""  # the name question: stay anonymous
        low, high = int(found.group(1)), int(found.group(2) or found.group(1))
        return str(rng.randint(low, high))

    return read


def play(case_id: str, seed: int, tmp_path, capsys) -> tuple[str, object]:
    scenario, _warnings = open_case(find_case(case_id))
    out = io.StringIO()
    status = play_text(scenario, seed, False, read=chooser(seed), out=out, log_dir=tmp_path)
    captured = capsys.readouterr()
    assert status == 0, out.getvalue()[-2000:] + captured.err
    return out.getvalue() + captured.out + captured.err, scenario


@pytest.mark.parametrize("case_id", SHIPPED)
def test_every_shipped_case_plays_to_its_end_in_spanish(case_id, tmp_path, capsys):
    i18n.set_language("es")
    text, scenario = play(case_id, 3, tmp_path, capsys)
    assert scenario.title.get("es"), f"{case_id} has no Spanish title"
    assert scenario.title.get_text("es").upper() in text
    assert "RETROALIMENTACIÓN" in text.upper() or "DEBRIEF" not in text.upper(), "the debrief is not in Spanish"
    for english in ("Your move", "Type a number", "The case ends", "Summary", "Every choice"):
        assert english not in text, f"English interface words in the Spanish terminal: {english!r}"


def unmarked_words(text: str, scenario) -> list[str]:
    """Words on the screen that the pseudo-language did not mark: interface words that skipped gettext."""
    allowed = {"alliance", "sim", "doi", "html", "https", "json", "yaml"}
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
        if stripped.startswith(("alliance-sim ", "/", "[")) or re.match(r"^[\w.-]*/", stripped):
            continue  # a command to copy, a path, a reference's bibliographic entry: never translated
        for word in WORD.findall(line):
            if "_" in word or word.split("'")[0] in allowed or word.lower() in allowed:
                continue  # an id (case, strategy, scene) or a name
            if any(c in PLAIN for c in word):
                found.append(word)
    return found


@pytest.mark.parametrize("case_id", ["father_night_shift", "two_caregivers"])
def test_no_interface_word_reaches_the_terminal_unmarked(case_id, tmp_path, capsys):
    i18n.set_language(i18n.PSEUDO)
    text, scenario = play(case_id, 5, tmp_path, capsys)
    missed = unmarked_words(text, scenario)
    assert not missed, f"{len(missed)} unmarked words, first: {sorted(set(missed))[:30]}"


def test_the_pseudo_check_finds_a_missed_string(tmp_path, capsys):
    scenario, _warnings = open_case(find_case("father_night_shift"))
    assert unmarked_words("Sávéd (stopped)", scenario) == ["stopped"]
    assert unmarked_words("  alliance-sim play --text --resume father_night_shift", scenario) == []
