"""Settings: remembered in the config folder, written atomically, applied at once; the loop stays idle."""

from __future__ import annotations

import json

import pygame

from sim.ui.window.screens.error import problem_line
from sim.ui.window.settings_store import Settings, config_dir


def test_config_folder_order(monkeypatch, tmp_path):
    monkeypatch.setenv("ALLIANCE_CONFIG_HOME", str(tmp_path / "a"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "x"))
    assert config_dir() == tmp_path / "a"
    monkeypatch.delenv("ALLIANCE_CONFIG_HOME")
    assert config_dir() == tmp_path / "x" / "alliance-sim"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert config_dir() == tmp_path / "home" / ".config" / "alliance-sim"


def test_settings_are_remembered_between_runs(make_app, drive):
    d = drive(make_app())
    d.click("settings")
    d.click("text_size:largest").click("theme:contrast")
    saved = json.loads((config_dir() / "settings.json").read_text())
    assert saved["text_size"] == "largest" and saved["theme"] == "contrast"
    assert not list(config_dir().glob(".*.tmp"))  # the atomic write left no temporary file
    assert d.app.renderer.metrics.body == 28 and d.app.renderer.palette.name == "contrast"
    d.key(pygame.K_ESCAPE)
    assert d.screen == "title"
    again = drive(make_app())
    assert again.app.settings.text_size == "largest" and again.app.renderer.palette.name == "contrast"


def test_settings_by_keyboard_and_full_screen(make_app, drive):
    d = drive(make_app())
    d.click("settings")
    d.key(pygame.K_DOWN)  # show the focus on the current text size
    d.key(pygame.K_RIGHT).key(pygame.K_RETURN)
    assert d.app.settings.text_size == "large"
    d.key(pygame.K_DOWN).key(pygame.K_DOWN)
    assert d.app.screen.focus.name == "fullscreen:False"
    d.key(pygame.K_RIGHT).key(pygame.K_RETURN)
    assert d.app.settings.fullscreen and d.app.surface.get_flags() & pygame.FULLSCREEN
    d.key(pygame.K_F11)
    assert not d.app.settings.fullscreen and not d.app.surface.get_flags() & pygame.FULLSCREEN


def test_a_damaged_settings_file_falls_back_to_defaults(make_app, drive):
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "settings.json").write_text("{not json")
    assert Settings.load().problem
    d = drive(make_app())
    assert d.app.settings.text_size == "medium"
    assert any("settings file" in t for t in d.drawn)


def test_nothing_is_redrawn_while_nothing_changes(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")
    frames = d.app.frames
    for _ in range(20):
        d.step()
    assert d.app.frames == frames
    choice = d.app.screen.find("choice:1").shown
    d.post(pygame.event.Event(pygame.MOUSEMOTION, pos=choice.center, rel=(1, 1), buttons=(0, 0, 0)))
    assert d.app.frames == frames + 1  # hover changed
    d.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(choice.centerx + 2, choice.centery), rel=(1, 1),
                              buttons=(0, 0, 0)))
    assert d.app.frames == frames + 1  # same widget: nothing to redraw
    d.post(pygame.event.Event(pygame.WINDOWEXPOSED))
    assert d.app.frames == frames + 2


def test_a_broken_scenario_opens_the_error_screen_and_the_picker_keeps_the_rest(make_app, drive, case_dir):
    d = drive(make_app())
    d.click("new_case")
    assert d.app.screen.find("case:tiny_example") is not None
    assert any("cannot be played" in t for t in d.drawn)
    d.click("case:zz_broken")
    assert d.screen == "error"
    screen = d.app.screen
    assert screen.items, "the checker's messages are listed"
    for problem, lines, _, _ in screen.items:
        text = problem_line(problem)
        assert text.startswith(f"{case_dir / 'zz_broken.yaml'}:") and problem.message in text
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        drawn_lines = [line for line in lines if line in d.drawn]
        assert drawn_lines or problem is not screen.items[0][0]
    assert not any("Traceback" in t for t in d.drawn)
    direct = drive(make_app(scenario=str(case_dir / "zz_broken.yaml")))
    assert direct.screen == "error"
    missing = drive(make_app(scenario="no_such_case"))
    assert missing.screen == "error" and any("no_such_case" in t for t in missing.drawn)


def test_run_window_opens_and_closes_cleanly(case_dir):
    import threading

    from sim.ui.window.app import run_window

    timer = threading.Timer(0.6, lambda: pygame.event.post(pygame.event.Event(pygame.QUIT)))
    timer.start()
    try:
        assert run_window(scenario=str(case_dir / "tiny.yaml"), seed=3) == 0
    finally:
        timer.cancel()
    from sim.records.saves import read_save
    from sim.ui.window.slots import slot_path

    save = read_save(slot_path("tiny_example", "practice"))
    assert save["seed"] == 3 and save["extra"]["mode"] == "practice"
