"""Closing mid-case loses nothing; Continue lists every save and resumes exactly there; a save is never
replaced without asking; a bad save never crashes."""

from __future__ import annotations

import json

import pygame

from sim.records.log import read_log
from sim.records.saves import read_save
from sim.ui.window.slots import attempts, list_slots, slot_path

from window_helpers import answer_prompts, choose

TINY_PRACTICE = ("tiny_example", "practice")


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


def start_assessment(d):
    """The tiny case in assessment, as the learner the window knows (the test's "Window tester")."""
    d.click("new_case").click("mode:assessment").click("case:tiny_example")
    assert d.screen == "assessment_start"
    d.key(pygame.K_RETURN)  # the focus is on Start (or Resume)


def finished_tiny(d):
    """The tiny case in practice, played to its ending."""
    d.click("new_case").click("case:tiny_example")
    choose(d, 2)
    answer_prompts(d)
    choose(d, 1)
    answer_prompts(d)
    return d


def test_closing_and_continuing_is_the_same_as_never_closing(make_app, drive):
    whole = drive(make_app())
    start_assessment(whole)
    inputs(whole, STEPS)
    expected = snapshot(whole.app.case)
    whole.app.case.close()
    whole.app.case.save_path.unlink()  # the same learner starts afresh below
    whole.app.case = None

    first = drive(make_app())
    start_assessment(first)
    inputs(first, STEPS[:3])  # in the middle of the calibration question, estimate moved but not given
    first.quit()
    assert not first.app.running

    second = drive(make_app())
    assert second.app.screen.find("continue").enabled
    second.app.library.entries()  # the titles load in the background; wait for them
    second.step()
    assert any("A first visit" in t and "Assessment" in t for t in second.drawn)
    second.key(pygame.K_RETURN)  # Continue has the focus when there is a saved case
    assert second.screen == "saves"
    assert any("Assessment (Window tester, attempt 1)" in t and "at decision 2" in t for t in second.drawn), second.drawn
    second.key(pygame.K_RETURN)
    assert second.screen == "prompt" and second.app.case.mode == "assessment"
    inputs(second, [("key", pygame.K_RIGHT)] + STEPS[3:])
    actions, view, hidden, mode = snapshot(second.app.case)
    assert (actions, view, hidden, mode) == expected


def test_continue_lists_every_case_and_mode_with_its_decision_and_date(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("mode:practice").click("case:tiny_example")
    choose(d, 2)
    d.app.go_title()
    d.step().click("new_case").click("mode:facilitator").click("case:tiny_example")
    d.app.go_title()
    d.step()
    slots = list_slots()
    assert sorted((s.scenario_id, s.mode, s.choices) for s in slots) == [
        ("tiny_example", "facilitator", 0), ("tiny_example", "practice", 1)]
    d.click("continue")
    lines = [t for t in d.drawn if "\u00b7 saved " in t]
    assert len(lines) == 2, d.drawn
    assert any(t.startswith("Practice \u00b7 at decision 2") for t in lines), lines
    assert any(t.startswith("Facilitator \u00b7 at decision 1") for t in lines), lines
    year = str(slots[0].saved_at.year)
    assert all(year in t for t in lines)


def test_starting_a_case_with_an_unfinished_save_asks_resume_or_start_over(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")
    choose(d, 2)
    before = read_save(slot_path(*TINY_PRACTICE))
    d.app.go_picker()
    d.step().click("case:tiny_example")
    assert d.screen == "confirm"
    assert any("unfinished Practice run" in t or "unfinished" in t for t in d.drawn), d.drawn
    assert read_save(slot_path(*TINY_PRACTICE))["actions"] == before["actions"]  # nothing replaced yet
    d.key(pygame.K_RETURN)  # the focus is on Resume: Enter never discards
    assert d.screen in ("play", "prompt") and d.app.case.session.actions == before["actions"]
    d.app.go_picker()
    d.step().click("case:tiny_example").click("start_over")
    assert d.app.case.session.actions == []
    assert read_save(slot_path(*TINY_PRACTICE))["actions"] == []


def test_replaying_a_finished_run_asks_and_keeps_its_debrief(make_app, drive):
    d = finished_tiny(drive(make_app()))
    d.click("debrief")
    finished = list(d.app.case.session.actions)
    d.click("replay:1")
    assert d.screen == "confirm"
    d.click("back")
    assert d.screen == "debrief" and d.app.case.session.actions == finished
    d.click("replay:1").click("replay")
    assert d.screen == "play" and d.app.case.session.decision_count == 0
    kept = [s for s in list_slots() if s.kept]
    assert len(kept) == 1 and kept[0].finished
    assert read_save(kept[0].path)["actions"] == finished
    d.app.go_saves()
    d.step()
    d.click(next(w.name for w in d.app.screen.widgets if "opens its debrief" in getattr(w, "detail", "")))
    assert d.screen == "debrief" and d.app.case.kept
    assert not any(w.name.startswith("replay:") for w in d.app.screen.widgets)


def test_a_finished_case_continues_to_its_debrief(make_app, drive):
    d = finished_tiny(drive(make_app()))
    d.quit()
    d2 = drive(make_app())
    d2.click("continue").key(pygame.K_RETURN)
    assert d2.screen == "debrief" and d2.app.case.is_over


def test_assessment_is_one_attempt_per_learner_and_a_new_one_is_a_separate_record(make_app, drive):
    d = drive(make_app())
    account = d.app.learner.account
    start_assessment(d)
    assert d.screen == "play" and d.app.case.attempt == 1
    assert d.app.screen.find("take_back") is None
    choose(d, 2)
    d.app.go_picker()
    d.step().click("case:tiny_example")
    assert d.screen == "assessment_start" and any("Window tester" in t for t in d.drawn)
    assert d.app.screen.find("start").label == "Resume attempt 1"  # an unfinished attempt cannot be started over
    d.key(pygame.K_RETURN)
    assert d.app.case.attempt == 1 and d.app.case.session.decision_count == 1
    answer_prompts(d)
    choose(d, 1)
    answer_prompts(d)
    first = read_save(slot_path("tiny_example", "assessment", account, 1))
    assert first["extra"]["finished"] is True
    d.app.go_picker()
    d.step().click("case:tiny_example")
    assert d.app.screen.find("start").label == "Start attempt 2"
    assert any("new, separate record" in t for t in d.drawn)
    d.key(pygame.K_RETURN)
    assert d.app.case.attempt == 2 and d.app.case.session.actions == []
    assert read_save(slot_path("tiny_example", "assessment", account, 1)) == first  # the first stays as it was
    assert [a.attempt for a in attempts("tiny_example", account)] == [1, 2]
    assert attempts("tiny_example", "someone-else") == []


def test_the_mode_is_in_every_log(make_app, drive):
    d = drive(make_app())
    start_assessment(d)
    choose(d, 2)
    header = read_log(d.app.case.log_path)[0]
    assert header["type"] == "session" and header["mode"] == "assessment" and header["learner"] == "Window tester"
    d.app.go_picker()
    d.step().click("mode:practice").click("case:tiny_example")
    choose(d, 1)
    answer_prompts(d)
    d.key(pygame.K_BACKSPACE)
    records = read_log(d.app.case.log_path)
    assert records[0]["mode"] == "practice" and {r["type"] for r in records} >= {"choice", "rewind"}
    d.quit()
    d2 = drive(make_app())
    d2.click("continue").click("save:0")
    resumed = read_log(d2.app.case.log_path)
    assert resumed[0]["mode"] == resumed[1]["mode"] == "practice" and resumed[1]["type"] == "resume"


def test_an_old_single_autosave_is_moved_to_its_case_slot(make_app, drive):
    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")
    choose(d, 2)
    path = slot_path(*TINY_PRACTICE)
    legacy = path.parent.parent / "autosave.json"
    path.rename(legacy)
    assert [s.path for s in list_slots()] == [path] and not legacy.exists()


def test_a_damaged_save_shows_a_message_and_is_left_alone(make_app, drive):
    path = slot_path(*TINY_PRACTICE)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'{"format": 1, "scenario": "tiny_exam')
    before = path.read_bytes()
    d = drive(make_app())
    assert d.app.screen.find("continue").enabled
    d.click("continue")
    assert any("damaged" in t for t in d.drawn), d.drawn
    assert not d.app.screen.find("save:0").enabled
    assert path.read_bytes() == before


def test_a_save_for_a_changed_scenario_is_not_touched_unless_the_replay_is_chosen(make_app, drive, case_dir):
    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")
    choose(d, 2)
    d.quit()
    path = slot_path(*TINY_PRACTICE)
    data = json.loads(path.read_text())
    data["digest"] = "0" * 64
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    d2 = drive(make_app())
    d2.click("continue").click("save:0")
    assert d2.screen == "confirm"  # offered a replay into the new version (tests/ui/test_live_reload.py)
    assert any("changed" in t for t in d2.drawn), d2.drawn
    d2.click("cancel")
    assert d2.screen != "play"
    assert path.read_bytes() == before
