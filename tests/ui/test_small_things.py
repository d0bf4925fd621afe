"""The small things: the keys screen, Home and End on the slider, take-back in facilitator mode on the
discussion and estimate screens with what the alliance was, and portraits that keep their size."""

from __future__ import annotations

from pathlib import Path

import pygame

from window_helpers import choose_written

ROOT = Path(__file__).resolve().parents[2]


def to_calibration(d, mode="practice"):
    d.click("new_case").click(f"mode:{mode}").click("case:tiny_example")
    choose_written(d, 1)
    while d.screen == "prompt" and (d.app.screen.discussion is not None or d.app.screen.view.kind != "calibration"):
        d.key(pygame.K_RETURN) if d.app.screen.discussion is not None else d.key(pygame.K_3)


def test_f1_shows_every_key_and_goes_back(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")
    d.key(pygame.K_F1)
    assert d.screen == "keys"
    drawn = " ".join(d.drawn)
    for key in ("1 to 9", "F11", "Backspace"):
        assert key in drawn
    d.key(pygame.K_F1)
    assert d.screen == "play"


def test_home_and_end_move_the_slider_even_after_a_click(make_app, drive):
    d = drive(make_app())
    to_calibration(d)
    slider = d.app.screen.find("estimate")
    d.click("estimate")  # a mouse click hides the focus ring; Home and End still reach the slider
    d.key(pygame.K_END)
    assert d.app.screen.slider.value == 100
    d.key(pygame.K_HOME)
    assert d.app.screen.slider.value == 0 and slider.name == "estimate"


def test_facilitator_takes_back_on_the_discussion_and_estimate_screens_and_hears_the_alliance(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("mode:facilitator").click("case:tiny_example")
    choose_written(d, 1)
    assert d.screen == "prompt" and d.app.screen.discussion == "intake"
    assert d.app.screen.find("take_back") is not None
    d.key(pygame.K_BACKSPACE)
    assert d.screen == "play" and d.app.case.session.decision_count == 0
    assert any(t.startswith("Decision 1 taken back") for t in d.drawn)
    choose_written(d, 1)
    d.key(pygame.K_RETURN)  # past the discussion
    assert d.app.screen.view.kind == "calibration" and d.app.screen.find("take_back") is not None
    d.key(pygame.K_END).key(pygame.K_LEFT, pygame.KMOD_SHIFT).key(pygame.K_RETURN)
    record = d.app.case.session.calibrations[-1]
    assert d.screen == "confirm"
    said = " ".join(d.drawn)
    assert f"The group said 99" in said and f"the alliance was {record.truth:.0f}" in said
    d.click("take_back")
    assert d.screen == "play" and d.app.case.session.decision_count == 0 and not d.app.case.session.calibrations


def test_portraits_keep_their_size_with_the_facilitator_panel(make_app, drive):
    d = drive(make_app(directory=ROOT / "scenarios"))
    d.click("new_case").click("mode:facilitator").click("case:two_caregivers")
    assert d.app.screen.panel is None  # hidden while the group chooses (tests/ui/test_vote_then_reveal.py)
    d.key(pygame.K_p)
    screen = d.app.screen
    assert screen.panel is not None and len(screen.portraits) == 2
    assert all(rect.height >= 150 and rect.width >= 120 for _, rect in screen.portraits), screen.portraits
    assert "The family: shared purpose" in d.drawn
