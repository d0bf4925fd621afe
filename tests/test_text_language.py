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

from scenario_helpers import unmarked_words

SHIPPED = [path.stem for path in scenario_files(None)]


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
