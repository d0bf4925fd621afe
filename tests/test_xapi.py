"""xAPI statements: valid by Ralph's xAPI models, following the serious-games profile, the same live and from
the log, each id fixed by its place in the session; the hidden numbers can be left out."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from records_helpers import answer_at_random, play_recorded, shipped

from sim.analysis.cohort import final_path, sessions_from_statements
from sim.records.log import read_log
from sim.records.outbox import Outbox
from sim.records.profile import Learner, LrsConfig
from sim.records.saves import save_session
from sim.records.xapi import (DIALOG_TREE, EXT, HIDDEN, SERIOUS_GAME, SERIOUS_GAMES, VERBS, statements_from_log,
                              verb_name)


def ralph_statement_model():
    try:
        from ralph.models.xapi.base.statements import BaseXapiStatement
    except ImportError:
        import os

        if os.environ.get("CI") == "true":
            pytest.fail("ralph-malph is not installed: pip install -e '.[test]'")
        pytest.skip("ralph-malph is not installed")
    return BaseXapiStatement


@pytest.fixture(scope="module")
def hospital():
    return shipped("hospital_admission")


def test_every_statement_is_valid_xapi_and_follows_the_profile(hospital, tmp_path):
    model = ralph_statement_model()
    session, recorder = play_recorded(hospital, 5, Learner("Ana R.", "Ana R."), tmp_path / "logs",
                                      mode="practice", outbox=tmp_path / "outbox.sqlite3")
    statements = Outbox(tmp_path / "outbox.sqlite3").all_statements()
    assert statements == statements_from_log(recorder.log_path)  # live and read back: the very same
    for statement in statements:
        model.model_validate(statement)  # raises on anything the xAPI 1.0.3 base model refuses
        context = statement["context"]
        assert context["registration"] == recorder.registration
        assert statement["actor"]["account"]["name"] == "Ana R." and statement["actor"]["name"] == "Ana R."
        assert context["contextActivities"]["category"][0]["id"] == SERIOUS_GAMES
        ext = context["extensions"]
        assert ext[EXT["mode"]] == "practice" and ext[EXT["seed"]] == 5
        assert ext[EXT["scenario-digest"]] == hospital.digest and ext[EXT["program-version"]]
    verbs = Counter(verb_name(s) for s in statements)
    assert verbs["initialized"] == 1 and verbs["completed"] == 1
    assert statements[0]["verb"]["id"] == VERBS["initialized"]
    assert statements[0]["object"]["definition"]["type"] == SERIOUS_GAME
    decisions = [s for s in statements if s["object"]["definition"]["type"] == DIALOG_TREE]
    assert len(decisions) == session.decision_count
    for statement, record in zip(decisions, session.decisions):
        assert statement["verb"]["id"] == VERBS["selected"]
        result = statement["result"]
        assert result["response"] == str(record.choice_id)
        assert result["extensions"][EXT["choice-text"]] == record.choice_text
        assert result["extensions"][EXT["strategy"]] == record.strategy
        assert result["extensions"][EXT["category"]] == record.category
        assert result["extensions"][EXT["tensions"]] == record.tensions
        assert result["extensions"][EXT["alliance-before"]] == round(record.score_before, 2)
        assert result["extensions"][EXT["alliance-after"]] == round(record.score_after, 2)
        offered = {c["id"] for c in statement["object"]["definition"]["choices"]}
        assert result["response"] in offered
    notices = [s for s in statements if s["object"]["id"].endswith("/notice")]
    assert [s["result"]["response"] for s in notices] == [n.answer for n in session.notices]
    assert [s["result"]["success"] for s in notices] == [n.correct for n in session.notices]
    answered = [s for s in statements if verb_name(s) == "answered"]
    assert [s["result"]["extensions"][EXT["estimate"]] for s in answered] == [c.estimate for c in session.calibrations]
    completed = next(s for s in statements if verb_name(s) == "completed")
    ending = hospital.scenes[session.state.scene].ending
    assert completed["result"]["extensions"][EXT["ending"]]["type"] == ending.type
    assert completed["result"]["extensions"][EXT["alliance-final"]] == round(session.state.score, 2)
    every = completed["result"]["extensions"][EXT["every-duty-met"]]
    assert completed["result"]["success"] is every
    assert len({s["id"] for s in statements}) == len(statements)


def test_the_session_log_says_who_played_in_which_mode_seed_version_and_scenario(hospital, tmp_path):
    _, recorder = play_recorded(hospital, 9, Learner("", "anonymous-1234abcd"), tmp_path / "logs")
    header = read_log(recorder.log_path)[0]
    assert header["type"] == "session"
    assert (header["learner"], header["account"], header["mode"], header["seed"]) == (
        "", "anonymous-1234abcd", "assessment", 9)
    assert header["digest"] == hospital.digest and header["version"] and header["scenario"] == hospital.id
    statement = statements_from_log(recorder.log_path)[0]
    assert "name" not in statement["actor"]  # an anonymous learner has an account, no name


def test_a_course_can_leave_the_hidden_numbers_out(hospital, tmp_path):
    config = LrsConfig(hidden_numbers=False)
    _, recorder = play_recorded(hospital, 5, Learner("Ana", "Ana"), tmp_path / "logs", config=config,
                                outbox=tmp_path / "outbox.sqlite3")
    text = json.dumps(Outbox(tmp_path / "outbox.sqlite3").all_statements())
    for name in HIDDEN:
        assert EXT[name] not in text
    assert EXT["choice-text"] in text and EXT["estimate"] in text
    sessions = sessions_from_statements(json.loads(text))
    assert sessions[0].trajectory == [] and sessions[0].calibration_errors == []


def test_taking_choices_back_keeps_the_history_and_the_report_follows_the_final_path(hospital, tmp_path):
    """Practice mode's rewind, as the window does it: the recorder notes it, ids stay unique."""
    import random

    session, recorder = play_recorded(hospital, 4, Learner("Eve", "Eve"), tmp_path / "logs", mode="practice",
                                      outbox=tmp_path / "outbox.sqlite3", stop_after=9)
    rewound = session.rewound(3)
    rewound.listener = recorder
    recorder({"type": "rewind", "to_decision": 3, "actions": len(rewound.actions)})
    recorder.attach(rewound)
    answer_at_random(rewound, random.Random("second try"))
    recorder.close()
    statements = statements_from_log(recorder.log_path)
    assert len({s["id"] for s in statements}) == len(statements)
    path = final_path(statements)
    chosen = [s["result"]["response"] for s in path if s["object"]["definition"]["type"] == DIALOG_TREE]
    assert chosen == [str(d.choice_id) for d in rewound.decisions]
    cohort = sessions_from_statements(statements)
    assert [d.number for d in cohort[0].decisions] == list(range(1, rewound.decision_count + 1))
    assert cohort[0].outcome is not None


def test_a_resumed_session_goes_on_in_the_same_learning_record(hospital, tmp_path):
    from sim.records.saves import resume
    from sim.ui.recording import SessionRecorder
    import random

    session, first = play_recorded(hospital, 8, Learner("Flo", "Flo"), tmp_path / "logs",
                                   outbox=tmp_path / "outbox.sqlite3", stop_after=7)
    first.close()
    save_session(session, tmp_path / "save.json")
    again, _ = resume(tmp_path / "save.json", hospital)
    second = SessionRecorder(hospital, first.learner, "assessment", "test", 8, registration=first.registration,
                             actions=len(again.actions), resumed=True, log_dir=tmp_path / "logs",
                             outbox=tmp_path / "outbox.sqlite3")
    again.listener = second
    second.attach(again)
    second({"type": "resume", "scenario": hospital.id, "seed": 8, "actions": len(again.actions)})
    answer_at_random(again, random.Random("later"))
    second.close()
    statements = Outbox(tmp_path / "outbox.sqlite3").all_statements()
    assert len({s["id"] for s in statements}) == len(statements) == first.queued + second.queued
    assert {s["context"]["registration"] for s in statements} == {first.registration}
    assert Counter(verb_name(s) for s in statements)["resumed"] == 1
    cohort = sessions_from_statements(statements)
    assert len(cohort) == 1 and len(cohort[0].decisions) == again.decision_count


def test_the_window_case_takes_back_saves_and_resumes_in_one_learning_record(tiny):
    """Case (the window's session holder): a choice taken back raises the attempt, the autosave keeps the
    registration, learner and attempt, and the resumed case goes on in the same record."""
    from sim.records.log import data_dir
    from sim.ui.window.case import Case

    case = Case.start(tiny, "practice", 0, Learner("Gus", "Gus"))
    case.choose("c1")
    while case.view().kind != "scene":
        case.answer(50 if case.view().kind == "calibration" else "none")
    assert case.take_back()
    case.choose("c2")
    registration, log = case.recorder.registration, case.log_path
    case.close()
    resumed = Case.resume()
    assert resumed.recorder.registration == registration and resumed.recorder.attempt == 1
    assert resumed.recorder.learner == Learner("Gus", "Gus")
    while not resumed.is_over:
        view = resumed.view()
        if view.kind == "scene":
            resumed.choose(view.choices[0].id)
        else:
            resumed.answer(50 if view.kind == "calibration" else "none")
    resumed.close()
    statements = Outbox(data_dir() / "outbox.sqlite3").all_statements()
    assert len({s["id"] for s in statements}) == len(statements)
    assert statements_from_log(log)[0]["context"]["registration"] == registration
    cohort = sessions_from_statements(statements)
    assert len(cohort) == 1
    assert [d.choice for d in cohort[0].decisions] == [str(d.choice_id) for d in resumed.session.decisions]
    assert cohort[0].decisions[0].choice == "c2" and cohort[0].outcome is not None
