"""Practice keeps no answer key: every take-back is counted, and the first tries stay on the record."""

from __future__ import annotations

from sim.analysis.debrief import build_debrief
from sim.engine.session import Session
from sim.records.saves import resume, save_session


def answer_all(session):
    while session.waiting:
        session.answer(50 if session.view().kind == "calibration" else "none")


def test_a_take_back_is_counted_and_the_first_try_kept(tiny, tmp_path):
    session = Session(tiny, 3)
    session.choose("c1")                    # the threat first
    first_score = session.state.score
    answer_all(session)
    back = session.rewound(1)               # take it back, try sharing the report instead
    back.choose("c2")
    answer_all(back)
    assert back.takebacks == [{"decision": 1, "undone": ["c1"]}]
    assert back.first_attempt[1] == first_score != back.trajectory[1].score
    debrief = build_debrief(back)
    assert debrief.takebacks and debrief.first_attempt[0] == {"decision": 1, "score": first_score}
    # the save carries them, so a resumed Practice case still shows its first tries
    path = tmp_path / "save.json"
    save_session(back, path)
    again, _ = resume(path, tiny)
    assert again.takebacks == back.takebacks and again.first_attempt == back.first_attempt


def test_no_take_back_no_first_attempt_line(tiny):
    session = Session(tiny, 3)
    session.choose("c2")
    assert build_debrief(session).first_attempt == []
