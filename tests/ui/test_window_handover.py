"""The window's debrief chart marks a change of worker: an upright dashed line with the new worker's name,
a legend entry, and the sentence that says what carried over."""

from __future__ import annotations

import shutil

from window_helpers import ROOT, SCREENS, play_with_mouse

HANDOVER = ROOT / "tests" / "data" / "handover.yaml"


def test_the_chart_marks_the_change_of_worker(make_app, drive, tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(HANDOVER, folder / "handover.yaml")
    for size in ((1280, 800), (800, 600)):
        d = drive(make_app(size=size, directory=folder))
        d.click("new_case").click("case:handover_example")
        play_with_mouse(d)  # the first choice as written: listen, show, criticism, goodbye
        screen = d.app.screen
        assert screen.debrief.handovers and screen.debrief.handovers[0]["to_name"] == "Tomás"
        assert screen.jump("chart")
        drawn = d.redraw().drawn
        assert "Tomás" in drawn and "Change of worker" in drawn
        assert any(text.startswith("After decision 2 the case passed from Paula to Tomás.") for text in drawn)
        d.app.screenshot(SCREENS / f"debrief-handover-{size[0]}x{size[1]}.png")
