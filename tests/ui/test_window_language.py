"""The window's language: chosen in Settings and applied at once (every screen redrawn in it, an open case's
texts with it), remembered, the system locale's by default; and the note, once per case, that some of a
case's texts have no Spanish yet."""

from __future__ import annotations

import gettext
import json
import re
import shutil
from pathlib import Path

import pygame
import pytest

import sim.i18n as i18n
from sim.ui.window.settings_store import Settings, config_dir

ROOT = Path(__file__).resolve().parents[2]
FATHER = ROOT / "scenarios" / "father_night_shift.yaml"

# A few words of a Spanish catalogue, so that the test sees the switch whatever the shipped catalogue holds yet
SPANISH = {
    "Settings": "Configuración",
    "Language": "Idioma",
    "Back": "Volver",
    "New case": "Caso nuevo",
    "Quit": "Salir",
    "History": "Historial",
    "Parts of this case have no Spanish yet; they are shown in English.":
        "Partes de este caso aún no están en español; se muestran en inglés.",
}
NOTE_EN = "Parts of this case have no Spanish yet"
NOTE_ES = "Partes de este caso"


class FakeSpanish(gettext.NullTranslations):
    def gettext(self, message):
        return SPANISH.get(message, message)

    def ngettext(self, singular, plural, n):
        return singular if n == 1 else plural


@pytest.fixture(autouse=True)
def spanish_words(monkeypatch):
    real = i18n._load
    monkeypatch.setattr(i18n, "_load", lambda language: FakeSpanish() if language == "es" else real(language))
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    yield
    i18n.set_language("en")  # the next test starts in English


@pytest.fixture
def father_dir(case_dir) -> Path:
    """The case folder with a fully Spanish case in it."""
    shutil.copy(FATHER, case_dir / "father_night_shift.yaml")
    return case_dir


def text(d) -> str:
    return " ".join(d.redraw().drawn)


def test_the_language_setting_applies_at_once_and_is_remembered(make_app, drive):
    d = drive(make_app())
    assert i18n.language() == "en"
    d.click("settings")
    before = text(d)
    assert "Settings" in before and "Language" in before and "Español (Chile)" in before
    d.click("language:es")
    assert i18n.language() == "es"
    after = text(d)
    assert "Configuración" in after and "Idioma" in after and "Volver" in after
    assert "Settings" not in after
    assert "English" in after and "Español (Chile)" in after  # each language named in its own words
    assert d.app.screen.find("language:es").selected and not d.app.screen.find("language:en").selected
    saved = json.loads((config_dir() / "settings.json").read_text())
    assert saved["language"] == "es" and saved["learner"] == "Window tester"  # the other keys are kept
    d.key(pygame.K_ESCAPE)
    assert d.screen == "title"
    title = text(d)
    assert "Caso nuevo" in title and "Salir" in title and "New case" not in title
    i18n.set_language("en")
    again = drive(make_app())  # the next run starts in the language chosen
    assert i18n.language() == "es" and again.app.settings.language == "es"
    assert "Caso nuevo" in text(again)
    again.click("settings").click("language:en")
    assert i18n.language() == "en" and "New case" in text(again.key(pygame.K_ESCAPE))
    assert json.loads((config_dir() / "settings.json").read_text())["language"] == "en"


def test_by_default_the_window_follows_the_system_locale(make_app, drive, monkeypatch):
    assert "language" not in json.loads((config_dir() / "settings.json").read_text())  # an older settings file
    monkeypatch.setenv("LANG", "es_CL.UTF-8")
    d = drive(make_app())
    assert i18n.language() == "es" and d.app.settings.language == ""
    assert "Caso nuevo" in text(d)
    d.click("settings")
    assert d.app.screen.find("language:es").selected
    d.click("text_size:large")  # saving another setting does not fix the language the locale gave
    assert "language" not in json.loads((config_dir() / "settings.json").read_text())
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    drive(make_app())
    assert i18n.language() == "en"
    assert Settings().interface_language({"LANG": "es_CL.UTF-8"}) == "es"
    assert Settings().interface_language({"LANG": "fr_FR.UTF-8"}) == "en"
    assert Settings(language="en").interface_language({"LANG": "es_CL.UTF-8"}) == "en"


def test_an_open_case_follows_the_new_language(make_app, drive, father_dir):
    d = drive(make_app())
    d.click("new_case").click("case:father_night_shift")
    assert d.screen == "play"
    assert "Four nights a week" in text(d)
    d.key(pygame.K_ESCAPE).click("settings").click("language:es")
    d.key(pygame.K_ESCAPE)
    assert d.screen == "play"
    shown = text(d)
    assert "Cuatro noches a la semana" in shown and "Four nights a week" not in shown
    assert "Historial" in shown
    assert d.app.case.session.language == "es"  # it follows the interface
    assert NOTE_ES not in shown  # every text of this case has its Spanish


def _without_one_spanish_text(folder: Path) -> None:
    source = FATHER.read_text(encoding="utf-8")
    edited, count = re.subn(r'\n  es: "Cuatro noches a la semana"', "", source, count=1)
    assert count == 1
    (folder / "father_night_shift.yaml").write_text(edited, encoding="utf-8")


def test_the_note_that_parts_have_no_spanish_is_shown_once_per_case(make_app, drive, case_dir):
    _without_one_spanish_text(case_dir)
    from sim.ui.window.case_list import check_entry
    from sim.ui.window.screens.fallback import fallback_note, missing_count

    entry = check_entry(case_dir / "father_night_shift.yaml")
    assert entry.ok and missing_count(entry.scenario, "es") == 1 and missing_count(entry.scenario, "en") == 0
    assert fallback_note(entry.scenario, "en") == ""

    d = drive(make_app())
    d.click("new_case").click("case:father_night_shift")
    assert NOTE_EN not in text(d)  # in English nothing is missing
    d.key(pygame.K_ESCAPE).click("settings").click("language:es").key(pygame.K_ESCAPE)
    shown = text(d)
    assert NOTE_ES in shown  # translated
    assert "Four nights a week" in shown  # the title without Spanish, in English
    d.app.relayout()
    assert NOTE_ES in text(d)  # it stays while that scene is on screen
    d.key(pygame.K_h)
    assert d.screen == "history"
    d.key(pygame.K_h)
    assert d.screen == "play" and NOTE_ES in text(d)
    d.key(pygame.K_1)  # a choice: the note has been read, and is not shown again in this case
    for _step in range(10):
        if d.screen == "play":
            break
        screen = d.app.screen
        if screen.name == "prompt" and screen.view.kind == "notice":
            d.key(pygame.K_1)
        elif screen.name == "prompt":
            d.key(pygame.K_RETURN)
    assert d.screen == "play"
    assert NOTE_ES not in text(d)
    assert "es" in i18n.language()


def test_a_fully_spanish_case_shows_no_note_and_a_case_without_spanish_does(make_app, drive, father_dir):
    i18n.set_language("es")
    from sim.ui.window.case_list import check_entry
    from sim.ui.window.screens.fallback import fallback_note

    assert fallback_note(check_entry(father_dir / "father_night_shift.yaml").scenario) == ""
    tiny = check_entry(father_dir / "tiny.yaml").scenario  # written in English only
    assert fallback_note(tiny).startswith(NOTE_ES)



def test_a_broken_case_s_problems_follow_a_language_change(case_dir):
    """The case library checked in one language gives a broken case's problems in the new one once the
    language changes (the problems are written when a file is checked). The pseudo-language marks every
    translated word, whatever the catalogues hold."""
    from sim.ui.window.case_list import CaseLibrary

    library = CaseLibrary(case_dir)
    try:
        i18n.set_language("en")
        english = next(e for e in library.entries() if not e.ok).problems[0].message
        i18n.set_language(i18n.PSEUDO)
        marked = next(e for e in library.entries() if not e.ok).problems[0].message
        assert marked != english and marked == i18n._(english)
        assert next(e for e in library.entries() if not e.ok).problems[0].message is marked  # not checked again
    finally:
        i18n.set_language("en")
