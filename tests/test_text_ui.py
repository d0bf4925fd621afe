"""The terminal front end, in process: stance words not numbers, Ctrl-C saves, resume continues."""

import io

from scenario_helpers import seed_asking, shown_number
from sim.engine.session import Session
from sim.records.saves import read_save
from sim.ui.terminal.frontend import TextFrontEnd, play_text


def feeder(answers):
    answers = list(answers)

    def read(prompt):
        if not answers:
            raise EOFError
        answer = answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    return read


def test_ctrl_c_saves_and_exits_cleanly(tmp_path, tiny):
    out = io.StringIO()
    session = Session(tiny, 0)
    save = tmp_path / "save.json"
    share = shown_number(tiny, 0, "hello", 0, 1)
    status = TextFrontEnd(session, save, read=feeder([share, KeyboardInterrupt()]), out=out).run()
    assert status == 0 and "Saved (stopped)" in out.getvalue()
    assert read_save(save)["actions"] == [{"choice": "c2"}]


def test_invalid_input_is_asked_again_and_stance_is_words(tmp_path, tiny):
    out = io.StringIO()
    session = Session(tiny, 0)
    TextFrontEnd(session, tmp_path / "s.json", read=feeder(["9", "x", "1", "7", "1", "150", "30", "1", "20"]),
                 out=out).run()
    text = out.getvalue()
    assert "Type a number from 1 to 2." in text and "Type a number from 0 to 100." in text
    assert "Ana answers carefully and watches how you react." in text
    assert session.is_over and "DEBRIEF" in text and "Mean calibration error" in text


def test_resume_continues_where_it_stopped(tmp_path, tiny):
    out = io.StringIO()
    share = shown_number(tiny, 0, "hello", 0, 1)
    assert play_text(tiny, 0, False, read=feeder([share]), out=out, log_dir=tmp_path) == 0
    out = io.StringIO()
    assert play_text(tiny, 0, True, read=feeder(["60", "1", "55"]), out=out, log_dir=tmp_path) == 0
    assert "DEBRIEF" in out.getvalue() and "Thank you. Nobody showed me that before." in out.getvalue()


def test_an_unfinished_save_is_never_overwritten_without_asking(tmp_path, tiny, capsys):
    play_text(tiny, 0, False, read=feeder(["2"]), out=io.StringIO(), log_dir=tmp_path)
    from sim.ui.terminal.frontend import text_save_path

    saved = text_save_path(tiny.id).read_bytes()
    assert play_text(tiny, 0, False, read=feeder([]), out=io.StringIO(), log_dir=tmp_path) == 2
    assert "--resume" in capsys.readouterr().err
    assert text_save_path(tiny.id).read_bytes() == saved
    assert play_text(tiny, 0, False, read=feeder([]), out=io.StringIO(), log_dir=tmp_path, new=True) == 0
    assert read_save(text_save_path(tiny.id))["actions"] == []


def test_case_card_first_and_wrapped_choices_are_numbered_once(tmp_path, catalogue):
    from sim.scenario.loader import load_scenario

    scenario = load_scenario("scenarios/hospital_admission.yaml", catalogue)
    out = io.StringIO()
    front = TextFrontEnd(Session(scenario, 0), tmp_path / "s.json", read=feeder([]), out=out)
    front.width = 60
    front.run()
    text = out.getvalue()
    assert text.startswith(scenario.title.get_text().upper()) and "You will practise:" in text
    numbered = [line for line in text.splitlines() if line.startswith("  1. ")]
    assert len(numbered) == 1  # continuation lines are indented, not numbered again


def test_notice_question_comes_after_her_reaction(tmp_path, tiny):
    out = io.StringIO()
    seed = seed_asking(1)
    session = Session(tiny, seed)
    threat = shown_number(tiny, seed, "hello", 0, 0)
    TextFrontEnd(session, tmp_path / "s.json", read=feeder([threat, "1"]), out=out).run()
    text = out.getvalue()
    reaction = text.index("Ana: \u201cRight.\u201d")
    assert reaction < text.index("What do you notice in Ana")
    assert "Ana is pulling away from me" in text


def test_a_case_that_cannot_go_on_says_so(tmp_path, catalogue, capsys):
    from scenario_helpers import TINY, write_scenario
    from sim.scenario.loader import load_scenario

    stuck = TINY.read_text().replace('        strategy: routine_task\n',
                                     '        strategy: routine_task\n        when: "decisions > 5"\n')
    scenario = load_scenario(write_scenario(tmp_path, stuck), catalogue)
    share = shown_number(scenario, 0, "hello", 0, 1)
    status = TextFrontEnd(Session(scenario, 0), tmp_path / "s.json", read=feeder([share, "50"]),
                          out=io.StringIO()).run()
    assert status == 2 and "no choice available" in capsys.readouterr().err


def test_play_watch_in_the_terminal_reloads_after_the_line_that_follows_a_save(tmp_path, monkeypatch):
    """An author saves the case in an editor and presses Enter: the case is read again and the run replayed."""
    import io

    from scenario_helpers import TINY
    from sim.scenario.loader import load_scenario
    from sim.ui.terminal.frontend import play_text

    monkeypatch.setenv("ALLIANCE_HOME", str(tmp_path / "home"))
    path = tmp_path / "case.yaml"
    path.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    scenario = load_scenario(path)
    answers = iter(["", "2"])

    def read(prompt):
        answer = next(answers, "50" if "estimate" in prompt else "1")
        if answer == "":  # the author edits the file, then presses Enter
            path.write_text(path.read_text(encoding="utf-8").replace("Close the case.", "Close the case now."),
                            encoding="utf-8")
        return answer

    out = io.StringIO()
    code = play_text(scenario, 0, False, read=read, out=out, new=True, watch=True)
    text = out.getvalue()
    assert code == 0, text
    assert "Case reloaded from the file; all 0 steps replayed." in text
    assert "Close the case now." in text  # the edited words, shown at the next scene
