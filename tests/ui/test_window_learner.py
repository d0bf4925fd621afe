"""Who is playing: asked once before the first case, remembered, shown and changeable in Settings, and
written into the session log; the debrief says where the learning record goes."""

from __future__ import annotations

import json

import pygame
from window_helpers import SCREENS, play_with_mouse

from sim.records.log import read_log
from sim.records.profile import config_dir, learner_from_settings


def forget_learner():
    (config_dir() / "settings.json").unlink()


def type_text(d, text: str):
    return d.post(pygame.event.Event(pygame.TEXTINPUT, text=text))


def test_the_name_is_asked_once_before_the_first_case_and_goes_into_the_log(make_app, drive):
    forget_learner()
    d = drive(make_app())
    d.click("new_case")
    assert d.screen == "learner" and "Who is playing?" in d.drawn
    type_text(d, "Ana")
    type_text(d, " R.")
    d.key(pygame.K_LEFT).key(pygame.K_BACKSPACE).key(pygame.K_END)  # edit: "Ana ." then back to the end
    type_text(d, "R")
    assert d.app.screen.field.value == "Ana .R"
    d.key(pygame.K_HOME)
    for _ in range(len("Ana .R")):
        d.key(pygame.K_DELETE)
    type_text(d, "Ana R.")
    SCREENS.mkdir(parents=True, exist_ok=True)
    d.app.screenshot(SCREENS / "learner.png")
    d.key(pygame.K_RETURN)
    assert d.screen == "picker"
    assert learner_from_settings().name == "Ana R."
    d.click("case:tiny_example")
    header = read_log(d.app.case.log_path)[0]
    assert header["type"] == "session" and header["learner"] == "Ana R." and header["mode"] == "practice"
    d.app.quit()

    again = drive(make_app())
    again.click("new_case")
    assert again.screen == "picker"  # asked once


def test_staying_anonymous_and_changing_the_name_in_settings(make_app, drive):
    forget_learner()
    d = drive(make_app())
    d.click("new_case").click("continue")  # an empty name: anonymous
    assert d.screen == "picker"
    saved = json.loads((config_dir() / "settings.json").read_text())
    assert saved["learner"] == "" and saved["anonymous_id"].startswith("anonymous-")
    d.key(pygame.K_ESCAPE)
    d.click("settings")
    assert "Playing anonymously." in d.drawn
    assert any("kept on this computer" in t for t in d.drawn)
    d.click("change_learner")
    assert d.screen == "learner"
    type_text(d, "Bea")
    d.click("continue")
    assert d.screen == "settings" and "Playing as Bea." in d.drawn
    d.app.screenshot(SCREENS / "settings-learner.png")
    assert learner_from_settings().name == "Bea"


def test_a_name_too_long_is_refused_with_a_message(make_app, drive):
    forget_learner()
    d = drive(make_app())
    d.click("new_case")
    type_text(d, "x" * 100)
    assert len(d.app.screen.field.value) == 80  # the field stops at the limit
    d.key(pygame.K_RETURN)
    assert d.screen == "picker"


def test_the_debrief_says_where_the_learning_record_goes(make_app, drive, monkeypatch):
    monkeypatch.setenv("ALLIANCE_LRS_ENDPOINT", "http://127.0.0.1:9/xAPI")  # nothing listens: a notice, no block
    d = drive(make_app())
    assert d.app.courier is not None
    d.click("new_case").click("case:tiny_example")
    play_with_mouse(d)
    assert d.screen == "debrief"
    assert d.app.courier.settle(10)  # a round that began after the case ended has failed
    d.app.relayout()
    d.key(pygame.K_END)
    texts = " ".join(d.drawn)
    assert "not reaching the LRS" in texts and "127.0.0.1:9 cannot be reached" in texts
    d.app.screenshot(SCREENS / "debrief-record.png")
    d.app.quit()
    assert not d.app.courier._thread.is_alive()
