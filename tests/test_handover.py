"""A change of worker: the format (``workers:``, ``handover:``), the checker, the model's rule (what carries
over, docs/alliance-model.md) and the debrief's marks of it in the terminal, the page and the data."""

from __future__ import annotations

from pathlib import Path

import pytest

from scenario_helpers import DATA, problems_of
from sim.analysis.debrief import build_debrief
from sim.analysis.buckets import make_state_key
from sim.analysis.explore import enumerate_paths, explore
from sim.engine import core, handover, open_case
from sim.engine.session import Session
from sim.scenario.names import TEXT
from sim.ui.html.debrief_page import render_debrief_page
from sim.ui.terminal.debrief_report import render_debrief

HANDOVER = DATA / "handover.yaml"


@pytest.fixture(scope="module")
def case():
    return open_case(HANDOVER)[0]


def play(scenario, ids, seed=0):
    state = core.start(scenario, seed)
    for choice_id in ids:
        core.apply_choice(scenario, state, scenario.scenes[state.scene].choice(choice_id))
    return state


def test_the_case_starts_with_its_first_worker_and_conditions_can_read_the_worker(case):
    assert [w.id for w in case.workers] == ["paula", "tomas"]
    assert case.worker_name("tomas") == "Tomás"
    state = core.start(case, 0)
    assert state.worker == "paula"
    spec = case.state_names["worker"]
    assert spec.kind == TEXT and spec.values == ("paula", "tomas")


def test_an_event_hands_the_case_over_and_a_choice_can_too(case):
    assert play(case, ["listen"]).worker == "paula"
    report = core.StepReport()
    state = play(case, ["listen"])
    core.apply_choice(case, state, case.scenes["plan"].choice("show"), report)
    assert state.worker == "tomas" and state.scene == "visit" and [e.id for e in report.events] == ["paula_leaves"]
    early = play(case, ["reassign"])
    assert early.worker == "tomas" and early.scene == "plan"
    later = play(case, ["reassign", "show"])
    assert later.worker == "tomas" and "paula_leaves" not in later.fired  # the event asks for Paula on the case


def test_the_new_worker_keeps_little_of_the_bond_and_all_of_the_history(case):
    state = play(case, ["listen"])
    state.dims["rosa"] = {"engagement": 1.0, "connection": 1.5, "safety": -1.0}
    state.trust["rosa"], state.marks["rosa"] = 0.4, 1
    state.owned, state.supervised = frozenset({"rosa"}), True
    state.tense = frozenset()
    state.due = (("paula_leaves", 9, 1),)
    score = state.score
    assert handover.hand_over(case, state, "tomas")
    dims = state.dims["rosa"]
    assert dims["engagement"] == pytest.approx(1.0 * handover.CARRIES["engagement"])
    assert dims["connection"] == pytest.approx(1.5 * handover.CARRIES["connection"])
    assert dims["safety"] == pytest.approx(-1.0 * handover.WARINESS_CARRIES)  # wariness of the programme stays
    assert state.trust["rosa"] == pytest.approx(0.4 * handover.GOODWILL_CARRIES)
    assert state.marks["rosa"] == 1 and state.due == (("paula_leaves", 9, 1),)  # the programme's history
    assert state.owned == frozenset() and not state.supervised  # hers, and she has gone
    assert state.tense == frozenset({"rosa"})  # the change is a loss that repair can answer
    assert state.score < score


def test_distrust_is_not_personal_and_a_handover_to_the_same_worker_changes_nothing(case):
    state = play(case, ["listen"])
    state.trust["rosa"] = -1.0
    assert handover.hand_over(case, state, "tomas")
    assert state.trust["rosa"] == -1.0
    copy = state.copy()
    assert not handover.hand_over(case, state, "tomas")
    assert vars(state) == vars(copy)


def test_a_case_without_workers_has_no_worker_and_no_worker_name(tiny):
    assert tiny.workers == () and core.start(tiny, 0).worker == ""
    assert "worker" not in tiny.state_names


def test_exploration_tells_the_workers_apart_and_agrees_with_every_path(case):
    key = make_state_key(case)
    paula = play(case, ["listen"])
    tomas = paula.copy()
    tomas.worker = "tomas"
    assert key(paula) != key(tomas)  # one worker or the other: conditions can tell them apart from here on
    found, truth = explore(case), enumerate_paths(case)
    assert {e.scene for e in found.reachable} == set(truth)
    for ending, (low, high) in truth.items():
        summary = found.endings[ending]
        assert low - 1e-9 <= summary.min_score <= summary.max_score <= high + 1e-9


def played_session(case, ids):
    session = Session(case, 0)
    for choice_id in ids:
        while session.view().kind != "scene":
            session.answer(50 if session.view().kind == "calibration" else "none")
        session.choose(choice_id)
    while not session.is_over:
        session.answer(50 if session.view().kind == "calibration" else "none")
    return session


def test_the_debrief_marks_the_change_of_worker_in_every_front_end(case):
    session = played_session(case, ["listen", "show", "criticism", "goodbye"])
    assert [p.worker for p in session.trajectory] == ["paula", "paula", "tomas", "tomas", "tomas"]
    debrief = build_debrief(session, with_contrast="wait")
    assert debrief.handovers == [{"decision": 2, "from": "paula", "to": "tomas", "from_name": "Paula",
                                  "to_name": "Tomás"}]
    text = render_debrief(debrief, case)
    assert "the case passes to Tomás" in text and "After decision 2 the case passed from Paula to Tomás." in text
    lines = text.splitlines()
    marker = next(i for i, line in enumerate(lines) if "the case passes to Tomás" in line)
    assert lines[marker + 1].strip().startswith("# 2")  # just before the point it concerns
    page = render_debrief_page(debrief, case, {"seed": 0, "mode": "practice"})
    assert 'stroke-dasharray="6 4"' in page and ">Tomás</text>" in page
    assert "a change of worker" in page


def test_a_case_with_no_handover_on_its_path_shows_none(case):
    session = played_session(case, ["reassign", "show", "criticism", "goodbye"])
    debrief = build_debrief(session)
    assert [h["decision"] for h in debrief.handovers] == [1]  # by the choice; the event then does not fire
    assert "paula_leaves" not in session.state.fired


BASE = HANDOVER.read_text(encoding="utf-8")


def errors(tmp_path: Path, text: str):
    scenario, problems = problems_of(tmp_path, text)
    return [(p.severity, p.line, p.field, p.message) for p in problems]


def test_a_handover_to_an_unknown_worker_says_where_and_suggests(tmp_path):
    found = errors(tmp_path, BASE.replace("    handover: tomas\n    text:", "    handover: tomaz\n    text:"))
    assert [(s, f, m) for s, line, f, m in found] == [("error", "events (paula_leaves).handover", "unknown worker 'tomaz'")]
    assert found[0][1] == BASE.splitlines().index("  - id: paula_leaves") + 1  # the event's line


def test_a_handover_needs_workers_and_a_silent_event_may_not_hand_over(tmp_path):
    start = BASE.index("workers:")
    no_workers = BASE[:start] + BASE[BASE.index("caregivers:"):]
    no_workers = no_workers.replace("worker == 'tomas'", "alliance > 10").replace("worker == 'paula'", "alliance > 0")
    messages = [m for s, line, f, m in errors(tmp_path, no_workers)]
    assert messages.count("a handover needs the case's workers") == 2  # the choice and the event
    silent = BASE.replace("    text: {en: \"Paula has resigned. Tomás, whom Rosa has never met, takes the case.\"}\n", "")
    assert any(f == "events[0].handover" and "silent bookkeeping" in m for s, line, f, m in errors(tmp_path, silent))


def test_a_worker_no_one_hands_the_case_to_is_a_warning_and_an_unknown_worker_in_a_condition_an_error(tmp_path):
    extra = BASE.replace("    role: {en: \"social worker who takes the case over\"}\n",
                         "    role: {en: \"social worker who takes the case over\"}\n  - id: ines\n    name: Inés\n")
    found = errors(tmp_path, extra)
    assert [(s, f) for s, line, f, m in found] == [("warning", "workers (ines)")]
    assert found[0][1] == extra.splitlines().index("  - id: ines") + 1
    wrong = BASE.replace("worker == 'tomas'", "worker == 'tomás'")
    assert any(s == "error" and "'tomás' is not a valid value for 'worker'" in m
               for s, line, f, m in errors(tmp_path, wrong))


def test_two_workers_with_one_id_are_an_error(tmp_path):
    twice = BASE.replace("  - id: tomas\n    name: Tomás\n", "  - id: paula\n    name: Paula B.\n")
    twice = twice.replace("handover: tomas", "handover: paula").replace("'tomas'", "'paula'")
    assert any(m == "duplicate worker id 'paula'" for s, line, f, m in errors(tmp_path, twice))


def test_the_map_badges_the_scenes_where_the_case_can_change_hands(case):
    from sim.analysis.scene_map import dot, mermaid

    drawn = mermaid(case)
    assert 's_first["first<br/>⇄ tomas"]' in drawn and 's_visit["visit<br/>⇄ tomas"]' in drawn
    assert 's_plan["plan"]' in drawn
    assert "⇄ tomas" in dot(case)


def test_a_worker_or_a_person_that_is_not_a_mapping_is_reported_not_a_crash(tmp_path):
    for key in ("workers", "people"):
        text = BASE.replace("workers:\n", f"{key}:\n  - just a name\n", 1) if key == "workers" else \
            BASE.replace("caregivers:\n", "people:\n  - just a name\ncaregivers:\n", 1)
        found = errors(tmp_path, text)
        assert [(s, f, m) for s, line, f, m in found] == [
            ("error", f"{key}[0]", "expected a mapping of fields, found text")], key
