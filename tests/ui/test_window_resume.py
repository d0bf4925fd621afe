"""Closing mid-case loses nothing; Continue resumes exactly there; a bad autosave never crashes."""

from __future__ import annotations

import json

import pygame

from sim.ui.window.case import autosave_path

from window_helpers import answer_prompts, choose


def inputs(d, steps):
    for step in steps:
        if step[0] == "choose":
            choose(d, step[1])
        else:
            d.key(step[1])


STEPS = [("choose", 1), ("key", pygame.K_2), ("key", pygame.K_RIGHT), ("key", pygame.K_RETURN), ("choose", 1)]


def snapshot(case):
    session = case.session
    return list(session.actions), session.view(), session.hidden(), case.mode


def test_closing_and_continuing_is_the_same_as_never_closing(make_app, drive):
    whole = drive(make_app())
    whole.click("new_case").click("mode:assessment").click("case:tiny_example")
    inputs(whole, STEPS)
    expected = snapshot(whole.app.case)
    whole.app.case.close()
    whole.app.case = None

    first = drive(make_app())
    first.click("new_case").click("mode:assessment").click("case:tiny_example")
    inputs(first, STEPS[:3])  # in the middle of the calibration question, estimate moved but not given
    first.quit()
    assert not first.app.running

    second = drive(make_app())
    assert second.app.screen.find("continue").enabled
    second.app.library.entries()  # the titles load in the background; wait for them
    second.step()
    assert any("A first visit" in t and "Assessment" in t for t in second.drawn)
    second.key(pygame.K_RETURN)  # Continue has the focus when there is a saved case
    assert second.screen == "prompt" and second.app.case.mode == "assessment"
    inputs(second, [("key", pygame.K_RIGHT)] + STEPS[3:])
    actions, view, hidden, mode = snapshot(second.app.case)
    assert (actions, view, hidden, mode) == expected


def test_a_damaged_autosave_shows_a_message_and_is_left_alone(make_app, drive):
    path = autosave_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'{"format": 1, "scenario": "tiny_exam')
    before = path.read_bytes()
    d = drive(make_app())
    assert d.app.screen.find("continue").enabled
    d.click("continue")
    assert d.screen == "title"
    assert any("damaged" in t for t in d.drawn), d.drawn
    assert path.read_bytes() == before


def test_an_autosave_for_a_changed_scenario_is_refused(make_app, drive, case_dir):
    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")
    choose(d, 2)
    d.quit()
    path = autosave_path()
    data = json.loads(path.read_text())
    data["digest"] = "0" * 64
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    d2 = drive(make_app())
    d2.click("continue")
    assert d2.screen == "title"
    assert any("changed" in t for t in d2.drawn), d2.drawn
    assert path.read_bytes() == before


def test_a_finished_case_continues_to_its_ending(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")
    choose(d, 2)
    answer_prompts(d)
    choose(d, 1)
    answer_prompts(d)
    d.quit()
    d2 = drive(make_app())
    d2.click("continue")
    assert d2.screen == "play" and d2.app.case.is_over
    d2.click("debrief")
    assert d2.screen == "debrief"
