"""Content notes on the case cards, read from each case's own text, and a pause that costs nothing."""

from __future__ import annotations

from pathlib import Path

import pygame

from sim.scenario.loader import load_scenario
from sim.ui.window.content_notes import content_notes

ROOT = Path(__file__).resolve().parents[2]

# What a reader of the shipped cases finds in them (checked by reading the sentence each note comes from).
EXPECTED = {
    "aunt_in_law": ["harm to a child"],
    "father_night_shift": ["harm to a child"],
    "grandmother_voluntary": ["substance use", "harm to a child"],
    "hospital_admission": ["violence", "harm to a child"],
    "informal_neighbour": [],
    "recovery_home_visits": ["substance use", "harm to a child"],
    "two_caregivers": ["violence", "harm to a child"],
}


def test_each_shipped_case_gets_the_notes_its_text_calls_for():
    for stem, expected in EXPECTED.items():
        notes = content_notes(load_scenario(ROOT / "scenarios" / f"{stem}.yaml"))
        assert [label for label, _ in notes] == expected, (stem, notes)
        assert all(sentence for _, sentence in notes)


def test_words_that_only_look_alike_give_no_note():
    class Text(dict):
        def get_text(self, language="en"):
            return self["en"]

    class Case:
        summary = Text(en="The hurt of an old injury. She witnesses the hearing. A drink of tea; the threat of court. "
                          "There is no violence here, and nobody is drinking.")
        duties = events = ()
        scenes = {}
    assert content_notes(Case()) == []


def test_the_cards_show_the_notes_and_pausing_costs_nothing(make_app, drive):
    d = drive(make_app(directory=ROOT / "scenarios"))
    d.click("new_case")
    drawn = " ".join(d.drawn)
    assert "Content notes: harm to a child." in drawn  # the first card, aunt_in_law
    d.click("case:informal_neighbour")
    before = (list(d.app.case.session.actions), d.app.case.session.hidden())
    d.key(pygame.K_ESCAPE)
    assert d.screen == "menu" and any("Pausing costs nothing" in t for t in d.drawn)
    d.key(pygame.K_ESCAPE)
    assert d.screen == "play" and (list(d.app.case.session.actions), d.app.case.session.hidden()) == before
