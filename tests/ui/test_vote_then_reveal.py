"""Facilitator mode votes, then reveals (issue 8): no answer key on the projector while the group chooses."""

from __future__ import annotations

import pygame

from window_helpers import answer_prompts, choose

NOTE = "The alliance stays hidden while the group chooses"


def hidden_drawn(d) -> bool:
    return any(t.startswith("Hidden alliance") for t in d.drawn)


def test_the_panel_hides_while_the_group_chooses_and_shows_after_the_commit(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("mode:facilitator").click("case:tiny_example")
    screen = d.app.screen
    assert screen.find("choice:1") is not None and screen.panel is None
    assert not hidden_drawn(d) and NOTE in " ".join(d.drawn)

    d.key(pygame.K_p)  # the facilitator may look, for this decision only
    assert d.app.screen.panel is not None and hidden_drawn(d)
    d.key(pygame.K_p)
    assert d.app.screen.panel is None and not hidden_drawn(d)

    before = d.app.case.session.decision_count
    choose(d, 1)
    answer_prompts(d)
    screen = d.app.screen
    assert d.app.case.session.decision_count == before + 1
    # the reveal: the panel, and the new scene's choices held back
    assert screen.name == "play" and screen.panel is not None and hidden_drawn(d)
    assert screen.find("choice:1") is None and screen.find("show_choices") is not None
    assert screen.focus is screen.find("show_choices")
    d.key(pygame.K_1)  # a number key picks nothing while the choices are held back
    assert d.app.case.session.decision_count == before + 1

    d.key(pygame.K_RETURN)  # Show the choices: the vote on the next decision begins
    screen = d.app.screen
    if not d.app.case.is_over:
        assert screen.find("choice:1") is not None and screen.panel is None and not hidden_drawn(d)


def test_taking_back_returns_to_the_vote_with_the_panel_hidden(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("mode:facilitator").click("case:tiny_example")
    choose(d, 1)
    answer_prompts(d)
    assert d.app.screen.find("show_choices") is not None
    d.click("take_back")
    screen = d.app.screen
    assert d.app.case.session.decision_count == 0
    assert screen.find("choice:1") is not None and screen.panel is None


def test_practice_and_assessment_have_no_reveal_step(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("mode:practice").click("case:tiny_example")
    choose(d, 1)
    answer_prompts(d)
    screen = d.app.screen
    if not d.app.case.is_over:
        assert screen.find("show_choices") is None and screen.find("choice:1") is not None
