"""The window's picker lists the user's own cases folder after the shipped cases, and says where it is."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pygame
from window_helpers import TINY


def test_the_picker_lists_the_own_cases_folder(drive):
    from sim.ui.window.app import App

    own = Path(os.environ["ALLIANCE_HOME"]) / "cases"
    own.mkdir(parents=True)
    shutil.copy(TINY, own / "first_visit.yaml")
    app = App(size=(1280, 800), seed=0)
    app.step()
    d = drive(app)
    d.click("new_case")
    names = [w.name for w in app.screen.widgets if w.name.startswith("case:")]
    assert "case:hospital_admission" in names and names[-1] == "case:tiny_example"
    note = " ".join(app.screen.own_note)
    assert str(own) in note.replace(" ", "") or str(own) in note
    d.key(pygame.K_END)
    assert app.screen.scroll == app.screen.max_scroll > 0
    assert app.screen.own_note[-1] in d.drawn  # the note is drawn, at the end of the list
    app.screenshot(Path(os.environ["ALLIANCE_HOME"]).parent / "picker-own.png")
    d.click("case:tiny_example")
    assert d.screen == "play" and d.app.case.scenario_path == str((own / "first_visit.yaml").resolve())
    app.case.close()
