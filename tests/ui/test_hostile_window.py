"""The window with a damaged data folder or hostile settings: it starts, says so visibly, and plays on."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from window_helpers import play_with_mouse

SHOTS = Path(os.environ.get("ALLIANCE_SHOTS", "")) if os.environ.get("ALLIANCE_SHOTS") else None


def test_a_data_folder_that_is_a_file_shows_a_banner_and_the_case_plays_on(make_app, drive, tmp_path,
                                                                              monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("ALLIANCE_HOME", str(blocked))
    d = drive(make_app())
    d.click("new_case").click("mode:practice").click("case:tiny_example")
    assert d.screen == "play"
    d.redraw()
    assert any("could not be saved" in text for text in d.drawn)
    assert any("The case goes on" in text for text in d.drawn)
    if SHOTS:
        pygame.image.save(d.app.surface, str(SHOTS / "hostile-banner.png"))
    play_with_mouse(d)
    assert d.screen == "debrief" and d.app.case.is_over


def test_hostile_settings_do_not_stop_the_window(make_app, drive, tmp_path):
    settings = tmp_path / "config" / "settings.json"
    settings.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    d = drive(make_app())
    assert d.screen == "title"
    d.redraw()
    shown = " ".join(d.drawn)
    assert "nested more than 32 levels" in shown and "the defaults are in use" in shown


def test_a_hostile_save_does_not_stop_the_window(make_app, drive):
    from sim.ui.window.slots import slot_path

    path = slot_path("tiny_example", "practice")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": 1, "scenario": "tiny_example", "digest": "x", "seed": ' + "9" * 5000
                    + ', "actions": [' + "[" * 50_000 + "]" * 50_000 + ']}', encoding="utf-8")
    d = drive(make_app())
    assert d.screen == "title"
    d.redraw()
    assert "A saved case cannot be read." in " ".join(d.drawn)
