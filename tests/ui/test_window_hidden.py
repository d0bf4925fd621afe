"""In practice and assessment the play screen shows no alliance number: checked on what was drawn."""

from __future__ import annotations

import re

import pygame
import pytest

from sim.errors import ModeError

from sim.engine.session import Session
from sim.ui.window.case import Case

from window_helpers import answer_prompts, choose

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def numbers_drawn(app, allowed: set[str]) -> set[str]:
    found = set()
    for item in app.renderer.drawn:
        if item.text.isdigit() and len(item.text) == 1:
            continue  # the 1-9 badges on the choices
        found.update(n for n in NUMBER.findall(item.text) if n not in allowed)
    return found


def scores_of(session) -> set[str]:
    score = session.state.score  # read straight from the state, not through the window
    forms = {f"{score:.0f}", f"{score:.1f}", f"{score:.2f}", str(score), f"{round(score)}"}
    for dims in session.state.dims.values():
        forms.update(f"{v:+.1f}" for v in dims.values())
        forms.update(f"{v:.1f}" for v in dims.values())
    return forms


@pytest.mark.parametrize("mode", ["practice", "assessment"])
def test_no_alliance_value_is_drawn_while_playing(make_app, drive, monkeypatch, mode):
    calls = []
    original = Session.hidden
    monkeypatch.setattr(Session, "hidden", lambda self: calls.append(1) or original(self))
    d = drive(make_app())
    d.click("new_case").click(f"mode:{mode}").click("case:tiny_example")
    if mode == "assessment":
        d.key(pygame.K_RETURN)  # start the attempt
    for number in (1, 1):
        while True:
            session = d.app.case.session
            view = session.view()
            allowed = set(NUMBER.findall(" ".join([view.text, view.narration, view.cue]
                                                  + [c.text for c in view.choices])))
            drawn = numbers_drawn(d.app, allowed)
            assert not drawn & scores_of(session), f"an alliance value was drawn: {drawn & scores_of(session)}"
            assert not any(re.search(r"alliance\W*\d", t, re.I) for t in d.drawn), d.drawn
            assert not any("/ 100" in t or "hidden" in t.lower() for t in d.drawn), d.drawn
            if not d.app.screen.text_area.at_top:  # read the scene from its top too
                d.key(pygame.K_HOME)
                continue
            break
        choose(d, number)
        answer_prompts(d)
    assert d.app.case.is_over and d.screen == "play"
    assert calls == [], "the window asked for the hidden alliance before the debrief"
    d.click("debrief")
    assert calls, "the debrief reveals it"


def test_the_case_refuses_the_hidden_view_outside_facilitator_mode(case_dir):
    from sim.scenario.loader import check_scenario_file

    scenario, _ = check_scenario_file(case_dir / "tiny.yaml")
    for mode in ("practice", "assessment"):
        case = Case.start(scenario, mode)
        with pytest.raises(ModeError):
            case.hidden()
        case.close()
    case = Case.start(scenario, "facilitator")
    assert 0 <= case.hidden().score <= 100
    case.close()
