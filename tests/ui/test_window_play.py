"""Title to debrief through injected events: with the mouse, with the keyboard only, and on a shipped case."""

from __future__ import annotations

import pygame
import pytest

from sim.records.saves import read_save

from scenario_helpers import seed_asking, shown_number
from window_helpers import play_with_keys, play_with_mouse


def test_mouse_from_title_to_debrief(make_app, drive):
    d = drive(make_app(seed=seed_asking(1)))
    assert d.screen == "title" and "New case" in d.drawn
    d.click("new_case")
    assert d.screen == "picker"
    assert "A first visit" in d.drawn
    d.click("case:tiny_example")
    assert d.screen == "play"
    assert "What do you say or do?" in d.drawn
    play_with_mouse(d, pick=lambda view: 0)  # the threat first: a rupture notice follows
    assert d.screen == "debrief"
    session = d.app.case.session
    kinds = [next(iter(a)) for a in session.actions]
    assert kinds.count("choice") == 2 and "calibration" in kinds and "notice" in kinds
    assert [a["calibration"] for a in session.actions if "calibration" in a] == [75, 75]  # clicked at 3/4
    assert "Debrief: A first visit" in d.drawn and "Referred on" in d.drawn
    save = read_save(d.app.case.save_path)
    assert save["actions"] == session.actions and save["extra"]["mode"] == "practice"
    d.key(pygame.K_END).redraw()
    assert any(text.startswith("Session log written to") for text in d.drawn)
    assert d.app.case.log_path.exists()


def test_keyboard_only_from_title_to_debrief(make_app, drive):
    d = drive(make_app())
    d.key(pygame.K_RETURN)  # New case has the focus
    assert d.screen == "picker"
    assert d.app.screen.focus.name == "case:tiny_example"  # the first case has the focus
    d.key(pygame.K_TAB, pygame.KMOD_SHIFT, times=3)  # show it, then back through the modes
    assert d.app.screen.focus.name == "mode:assessment"
    d.key(pygame.K_RETURN)
    assert d.app.screen.mode == "assessment"
    focus = d.app.screen.focus
    while not focus.name.startswith("case:"):
        d.key(pygame.K_TAB)
        focus = d.app.screen.focus
    assert focus.name == "case:tiny_example"
    d.key(pygame.K_RETURN)
    assert d.screen == "assessment_start" and d.app.screen.focus.name == "start"
    d.key(pygame.K_RETURN)
    assert d.screen == "play" and d.app.case.mode == "assessment" and d.app.case.learner.name == "Window tester"
    assert d.app.screen.find("take_back") is None
    play_with_keys(d, pick=lambda view: 1)
    assert d.screen == "debrief"
    actions = d.app.case.session.actions
    assert [a["choice"] for a in actions if "choice" in a] == ["c2", "c1"]
    assert [a["calibration"] for a in actions if "calibration" in a] == [69, 69]
    assert not any(w.name.startswith("replay:") for w in d.app.screen.widgets)  # no rewind in assessment
    assert "Closed with trust" in d.drawn
    d.key(pygame.K_ESCAPE)
    assert d.screen == "title"
    d.key(pygame.K_TAB).key(pygame.K_TAB).key(pygame.K_TAB)  # Continue, Settings, Quit
    assert d.app.screen.focus.name == "quit"
    d.key(pygame.K_RETURN)
    assert not d.app.running


def test_take_back_and_replay_in_practice(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")
    d.key(pygame.K_1)
    while d.screen == "prompt":
        d.key(pygame.K_RETURN) if d.app.screen.view.kind == "calibration" else d.key(pygame.K_1)
    assert d.app.case.session.decision_count == 1
    d.key(pygame.K_BACKSPACE)
    assert d.screen == "play" and d.app.case.session.decision_count == 0 and d.app.case.session.actions == []
    assert any(t.startswith("Decision 1 taken back") for t in d.drawn), d.drawn
    play_with_mouse(d)
    d.click("replay:2")
    assert d.screen == "confirm"  # a finished run: asked first, and kept
    d.click("replay")
    assert d.screen == "play" and d.app.case.session.decision_count == 1
    assert read_save(d.app.case.save_path)["actions"] == d.app.case.session.actions


def test_facilitator_mode_shows_the_hidden_alliance_and_discussion(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("mode:facilitator").click("case:tiny_example")
    score = d.app.case.session.hidden().score
    assert "Hidden alliance (facilitator view)" not in d.drawn  # hidden while the group chooses
    d.key(pygame.K_p)  # the facilitator's look
    assert "Hidden alliance (facilitator view)" in d.drawn
    assert f"{score:.0f}" in d.drawn
    d.key(pygame.K_p)
    assert "Hidden alliance (facilitator view)" not in d.drawn
    share = int(shown_number(d.app.case.scenario, 0, "hello", 0, 1))
    d.key(getattr(pygame, f"K_{share}"))
    assert d.screen == "prompt" and d.app.screen.discussion == "intake"
    assert any(text.startswith("1. ") for text in d.drawn)
    assert not any("facilitator view" in text for text in d.drawn)  # the group estimates blind
    d.key(pygame.K_RETURN)
    assert d.screen == "prompt" and d.app.screen.view.kind == "calibration"


def test_a_shipped_case_plays_to_the_debrief(make_app, drive):
    from sim.ui.window.case_list import check_entry
    from sim.scenario.catalogue import default_scenario_dir

    path = default_scenario_dir() / "hospital_admission.yaml"
    if not path.exists():
        pytest.skip("scenarios/hospital_admission.yaml is not there yet")
    entry = check_entry(path)
    if not entry.ok:
        pytest.skip("scenarios/hospital_admission.yaml does not pass the checker yet")
    d = drive(make_app(size=(1024, 700), directory=default_scenario_dir()))
    d.click("new_case")
    d.click(f"case:{entry.id}")
    assert d.screen == "play"
    play_with_mouse(d, pick=lambda view: view.decision)
    assert d.screen == "debrief"
    assert d.app.case.session.is_over
    assert any(text == "Every choice" for text in d.drawn) or d.app.screen.content_bottom > 0
