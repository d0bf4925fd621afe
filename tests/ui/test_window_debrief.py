"""The window's debrief: the summary first (duty and safety beside the alliance), key decisions, all
decisions collapsed until opened with a click or Enter, references once at the end, section jumps, and
Save debrief writing the page to hand in, or saying why it could not."""

from __future__ import annotations

import pygame

from window_helpers import SCREENS, play_with_mouse


def to_debrief(make_app, drive, size=(1280, 800)):
    d = drive(make_app(size=size))
    d.click("new_case").click("case:tiny_example")
    play_with_mouse(d)
    assert d.screen == "debrief"
    return d


def test_the_summary_comes_first_and_decisions_are_collapsed(make_app, drive):
    d = to_debrief(make_app, drive)
    screen = d.app.screen
    drawn = d.drawn
    for label in ("Alliance (hidden)", "Legal duty", "Child safety", "Ending"):
        assert label in drawn, label  # all on the first page, side by side
    assert any(text.startswith("Calibration") for text in drawn)
    assert not screen.expanded
    rows = [w for w in screen.widgets if w.name.startswith("decision:")]
    assert rows and all("\u25b8" in w.label for w in rows)
    first = screen.debrief.decisions[0]
    assert not any(first["feedback"][:30] in text for text in drawn)


def test_a_row_opens_with_a_click_and_with_enter(make_app, drive):
    d = to_debrief(make_app, drive)
    d.click("decision:1")
    screen = d.app.screen
    assert screen.expanded == {1}
    assert any("Your choice: alliance" in text for text in d.redraw().drawn) or screen.blocks
    d.click("decision:1")
    assert d.app.screen.expanded == set()
    screen.focus, screen.focus_visible = screen.find("decision:1"), True
    d.key(pygame.K_RETURN)
    assert d.app.screen.expanded == {1}
    assert d.app.screen.focus.name == "decision:1"  # the focus stays on the row


def test_section_jumps_and_references_once_at_the_end(make_app, drive):
    d = to_debrief(make_app, drive, size=(800, 600))
    screen = d.app.screen
    assert screen.scroll == 0
    d.click("jump:refs")
    assert screen.scroll > 0
    refs = screen.scroll
    d.key(pygame.K_1)
    assert screen.scroll == 0
    d.key(pygame.K_3)
    assert 0 < screen.scroll < refs
    texts = d.redraw().drawn
    assert sum(1 for text in texts if text == "References") == 2  # the jump button and the heading


def test_save_debrief_writes_the_page_and_says_where(make_app, drive, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    (tmp_path / "user" / "Documents").mkdir(parents=True)
    monkeypatch.setattr("sim.ui.window.debrief_save.browser", lambda: None)  # the PDF is tested in the export
    d = to_debrief(make_app, drive)
    d.click("save")
    screen = d.app.screen
    saved = list((tmp_path / "user" / "Documents" / "Alliance debriefs").glob("debrief-tiny_example-*.html"))
    assert len(saved) == 1 and screen.saved_ok
    assert str(saved[0]) in screen.saved
    page = saved[0].read_text(encoding="utf-8")
    assert "Window tester" in page and "Key decisions" in page and "Not taken" in page


def test_save_debrief_says_clearly_when_it_cannot_write(make_app, drive, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setattr("sim.ui.window.debrief_save.save_folder", lambda: blocked / "debriefs")
    d = to_debrief(make_app, drive)
    d.click("save")
    screen = d.app.screen
    assert not screen.saved_ok
    assert screen.saved.startswith("The debrief could not be saved in") and str(blocked) in screen.saved


def test_options_not_taken_fill_in_once_the_look_ahead_is_done(make_app, drive, monkeypatch):
    """A case played faster than its look-ahead: the debrief says the options not taken are still being worked
    out, then fills them in by itself when the pass is done, and says so."""
    import threading

    from sim.analysis import contrast

    gate, original = threading.Event(), contrast._prepare
    monkeypatch.setattr(contrast, "_prepare", lambda *args: (gate.wait(60), original(*args)))
    monkeypatch.setattr("sim.ui.window.screens.debrief.END_WAIT", 0.05)
    monkeypatch.setattr(contrast, "_PASSES", {})
    app = make_app(seed=31)
    app.prepares_debrief = True
    d = drive(app)
    d.click("new_case").click("case:tiny_example")
    play_with_mouse(d)
    screen = d.app.screen
    assert d.screen == "debrief" and screen.awaiting
    assert screen.debrief.contrast_problem.startswith("The options not taken are still being worked out")
    d.step()
    assert screen.awaiting  # the pass is still held back: nothing changes
    gate.set()
    assert contrast.ready(app.case.scenario, app.case.session.seed, wait=60)
    d.step()
    assert not screen.awaiting and not screen.debrief.contrast_problem
    assert all(item.get("contrast") for item in screen.debrief.decisions)
    assert d.app.toast.startswith("The options not taken are ready")
    SCREENS.mkdir(parents=True, exist_ok=True)
    pygame.image.save(d.app.surface, str(SCREENS / "debrief-contrast-filled-in.png"))
