"""Live preview (issue 13): F5 reads the edited case file and replays the run into it, as far as it fits."""

from __future__ import annotations

import pygame

from window_helpers import answer_prompts, choose


def start(make_app, drive, case_dir):
    d = drive(make_app())
    d.click("new_case").click("mode:practice").click("case:tiny_example")
    return d, case_dir / "tiny.yaml"


def test_f5_replays_into_the_edited_file(make_app, drive, case_dir):
    d, path = start(make_app, drive, case_dir)
    choose(d, 1)
    answer_prompts(d)
    steps = len(d.app.case.session.actions)
    path.write_text(path.read_text(encoding="utf-8").replace("Thank you. Nobody showed me that before.",
                                                             "Thank you. Nobody ever showed me that."), encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("text: {en: \"Right.\"}",
                                                             "text: {en: \"Right, then.\"}"), encoding="utf-8")
    d.key(pygame.K_F5)
    case = d.app.case
    assert len(case.session.actions) == steps
    said = " ".join(d.drawn)
    assert f"all {steps} steps replayed" in said
    assert "Right, then." in said or "Nobody ever showed me that." in said  # the new words, at once


def test_f5_stops_where_the_edit_no_longer_fits_and_says_why(make_app, drive, case_dir):
    d, path = start(make_app, drive, case_dir)
    choose(d, 1)
    answer_prompts(d)
    chosen = d.app.case.session.decisions[0].choice_id
    text = path.read_text(encoding="utf-8")
    # the first scene's choices get ids that the run's choice no longer matches
    text = text.replace("      - text: {en: \"\\\"Miss", "      - id: warn\n        text: {en: \"\\\"Miss", 1)
    text = text.replace("      - text: {en: \"\\\"Let's", "      - id: read\n        text: {en: \"\\\"Let's", 1)
    path.write_text(text, encoding="utf-8")
    d.key(pygame.K_F5)
    case = d.app.case
    assert case.session.decision_count == 0 and d.screen == "play"
    said = " ".join(d.drawn)
    assert "the replay stopped at action 1" in said and chosen in said


def test_f5_on_a_broken_file_keeps_the_run(make_app, drive, case_dir):
    d, path = start(make_app, drive, case_dir)
    choose(d, 1)
    answer_prompts(d)
    before = list(d.app.case.session.actions)
    path.write_text(path.read_text(encoding="utf-8").replace("strategy: routine_task", "strategy: routine_tsk"),
                    encoding="utf-8")
    d.key(pygame.K_F5)
    assert d.app.case.session.actions == before
    assert "The case file has errors now" in " ".join(d.drawn)


def test_a_save_made_before_an_edit_is_offered_a_replay(make_app, drive, case_dir):
    from sim.ui.window.slots import list_slots

    d, path = start(make_app, drive, case_dir)
    choose(d, 1)
    answer_prompts(d)
    steps = list(d.app.case.session.actions)
    d.app.close_case()
    path.write_text(path.read_text(encoding="utf-8").replace("text: {en: \"Right.\"}", "text: {en: \"Right, so.\"}"),
                    encoding="utf-8")
    slot = next(s for s in list_slots() if s.scenario_id == "tiny_example" and not s.kept)
    d.app.open_save(slot)
    d.step()
    assert d.screen == "confirm" and "edited" in " ".join(d.drawn)
    d.click("replay")
    assert d.screen == "play" and d.app.case.session.actions == steps
    assert "every step replayed" in " ".join(d.drawn)
    assert any(s.kept for s in list_slots() if s.scenario_id == "tiny_example")  # the old save kept aside


def test_play_watch_reloads_the_window_by_itself(make_app, drive, case_dir):
    d = drive(make_app(watch=True))
    d.click("new_case").click("mode:practice").click("case:tiny_example")
    d.step()  # the watch takes the file as it is now
    path = case_dir / "tiny.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Ana sits on the edge of the chair.",
                                                             "Ana sits down slowly."), encoding="utf-8")
    d.app.watching.next_look = 0.0
    d.step()
    assert "Ana sits down slowly." in " ".join(d.drawn)
    assert "all 0 steps replayed" in " ".join(d.drawn)
