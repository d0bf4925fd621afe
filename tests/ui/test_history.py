"""The history screen: everything said, seen and chosen so far, from the engine's views only."""

from __future__ import annotations

import random
from pathlib import Path

import pygame

from sim.engine.session import Session
from sim.scenario.loader import load_scenario
from sim.ui.window.transcript import history

from window_helpers import answer_prompts, choose

ROOT = Path(__file__).resolve().parents[2]


def test_history_holds_every_scene_choice_and_answer_in_order():
    scenario = load_scenario(ROOT / "scenarios" / "hospital_admission.yaml")
    session = Session(scenario, 2)
    rng = random.Random(5)
    said, chosen, answers = [], [], 0
    for _ in range(12):
        view = session.view()
        if view.kind == "scene":
            said.append(view.text)
            choice = rng.choice(view.choices)
            chosen.append(choice.text)
            session.choose(choice.id)
        else:
            answers += 1
            session.answer(55 if view.kind == "calibration" else "none")
    entries = history(session)
    words = [e.text for e in entries if e.kind == "words"]
    assert words[:len(said)] == said
    assert [e.text for e in entries if e.kind == "choice"] == chosen
    assert sum(e.kind in ("notice", "estimate") for e in entries) == answers
    now = session.view()
    now = now if now.kind == "scene" else now.scene
    assert now is None or words[-1] == now.text
    before = len(entries)
    assert history(Session.replay(scenario, 2, list(session.actions))) == entries  # a resume sees the same
    assert len(history(session.rewound(1))) < before


def test_h_and_the_wheel_open_the_history_and_back(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")
    first_words = d.app.case.view().text
    choose(d, 2)
    answer_prompts(d)
    d.key(pygame.K_h)
    assert d.screen == "history"
    drawn = " ".join(d.drawn)
    assert "You: " in drawn and first_words.split()[0] in drawn
    d.key(pygame.K_ESCAPE)
    assert d.screen == "play"
    pygame.mouse.set_pos((5, 5))
    for _ in range(30):  # up past the top of her words
        d.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0))
        if d.screen == "history":
            break
    assert d.screen == "history"
    for _ in range(100):
        d.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0))
        if d.screen == "play":
            break
    assert d.screen == "play"
