"""The interface catalogue (issue 15): Babel's extraction finds every string, the Spanish catalogue has
them all with the same placeholders and both plural forms, and the language follows --lang and the
system locale."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import sim
import sim.i18n as i18n

ROOT = Path(sim.__file__).resolve().parent
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "alliance.po"
POT = ROOT / "locale" / "alliance.pot"
PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^{}]*)?\}|%\([a-z_]+\)[sdr]|%[sdr]")


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def source_messages() -> set:
    """What ``pybabel extract -F babel.cfg`` finds in the source: singular msgids (plurals as pairs)."""
    found = set()
    method_map = [("**.py", "python")]
    for _filename, _lineno, message, _comments, _context in extract_from_dir(str(ROOT), method_map):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def catalogue():
    with open(PO, "rb") as f:
        return read_po(f)


def test_every_interface_string_is_in_the_spanish_catalogue():
    """A string wrapped in the source but missing from es.po means 'pybabel update' was not run (see
    docs/translation.md): it would reach a Spanish screen in English."""
    known = {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalogue() if m.id}
    missing = sorted(str(m) for m in source_messages() - known)
    assert not missing, f"{len(missing)} strings not in {PO.name} (run pybabel extract and update): {missing[:10]}"


def test_every_spanish_entry_is_translated_with_the_same_placeholders():
    problems = []
    for message in catalogue():
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if message.fuzzy or not all(s and s.strip() for s in strings):
            problems.append(f"untranslated or fuzzy: {ids[0][:60]!r}")
            continue
        wanted = set(PLACEHOLDER.findall(ids[-1])) | set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            have = set(PLACEHOLDER.findall(string))
            # a singular may leave out the count ("one decision"); nothing may add or rename one
            if not have <= wanted or (len(strings) == 1 and have != wanted):
                problems.append(f"placeholders differ: {ids[0][:60]!r} -> {string[:60]!r}")
        if not isinstance(message.id, str) and len(strings) != 2:
            problems.append(f"Spanish has two plural forms: {ids[0][:60]!r}")
    assert not problems, "\n".join(problems[:20])


def test_spanish_plural_rule_is_declared():
    assert catalogue().plural_forms == "nplurals=2; plural=(n != 1);"


def test_the_po_is_read_without_a_build_step():
    """No .mo is shipped or needed: the program compiles the .po in memory (sim/i18n.py)."""
    assert not list((ROOT / "locale").rglob("*.mo"))
    i18n.set_language("es")
    assert i18n._("Summary") != "Summary"
    assert i18n.ngettext("{count} error", "{count} errors", 1) != i18n.ngettext("{count} error", "{count} errors", 2)


@pytest.mark.parametrize("environ, expected", [
    ({"LANG": "es_CL.UTF-8"}, "es"),
    ({"LANG": "es_ES.UTF-8"}, "es"),
    ({"LANGUAGE": "es:en", "LANG": "en_US.UTF-8"}, "es"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "es_CL.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({}, "en"),
])
def test_the_default_language_follows_the_system_locale(environ, expected):
    assert i18n.system_language(environ) == expected


def test_lang_on_the_command_line_wins_over_the_locale(monkeypatch, capsys):
    from sim.cli import main

    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert main(["--lang", "es", "validate", str(ROOT.parent / "scenarios" / "father_night_shift.yaml")]) == 0
    out = capsys.readouterr().out
    assert "1 archivo revisado" in out, out
    monkeypatch.setenv("LANG", "es_CL.UTF-8")
    assert main(["validate", str(ROOT.parent / "scenarios" / "father_night_shift.yaml")]) == 0
    assert "1 archivo revisado" in capsys.readouterr().out
    assert main(["--lang", "en", "validate", str(ROOT.parent / "scenarios" / "father_night_shift.yaml")]) == 0
    assert "1 file checked" in capsys.readouterr().out


def test_a_text_without_spanish_falls_back_to_english():
    from sim.scenario.model import Text

    text = Text(en="Hello")
    assert text.get_text("es") == "Hello" and text.lacks("es") and not text.lacks("en")
    i18n.set_language("es")
    assert text.get_text() == "Hello"
    assert Text(en="Hello", es="Hola").get_text() == "Hola"


def test_pseudo_language_marks_words_but_keeps_placeholders():
    assert i18n.pseudo("Saved {count} cases in %(folder)s") == "Sávéd {count} çásés íñ %(folder)s"
    assert i18n.is_pseudo_marked("Sávéd") and not i18n.is_pseudo_marked("Saved")
