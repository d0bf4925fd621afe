"""Session log, atomic saves, clear errors for damaged or mismatched saves, and resume equals never stopping."""

import json
import os
import random

import pytest
from scenario_helpers import TINY, write_scenario

from sim.engine.session import Session
from sim.records.log import SessionLog, read_log
from sim.errors import SaveError
from sim.records.saves import read_save, resume, save_session, write_atomic
from sim.scenario.loader import load_scenario
from test_session import random_run


def test_log_is_one_flushed_line_per_event(tmp_path, tiny):
    log = SessionLog(tmp_path / "log.jsonl")
    session = Session(tiny, 0, listener=log)
    # readable before the log is closed: every line is flushed as it happens
    records = read_log(log.path)
    assert [r["type"] for r in records] == ["start", "scene"]
    session.choose(0)
    types = [r["type"] for r in read_log(log.path)]
    assert types[:5] == ["start", "scene", "choice", "rupture", "scene"]
    log.close()
    for line in log.path.read_text().splitlines():
        json.loads(line)


def test_log_survives_a_torn_last_line(tmp_path):
    path = tmp_path / "log.jsonl"
    path.write_text('{"type": "start"}\n{"type": "cho', encoding="utf-8")
    assert read_log(path) == [{"type": "start"}]


def test_save_is_atomic(tmp_path, tiny, monkeypatch):
    path = tmp_path / "save.json"
    session = Session(tiny, 0)
    save_session(session, path)
    before = path.read_bytes()
    session.choose(1)

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        save_session(session, path)
    assert path.read_bytes() == before  # the old save is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"]  # no temporary file left behind


@pytest.mark.parametrize("content, fragment", [
    ("{not json", "damaged"),
    ('{"format": 9}', "not a save"),
    ('{"format": 1, "scenario": "tiny_example"}', "damaged"),
    ("", "damaged"),
])
def test_corrupt_save_gives_a_clear_error_and_is_left_alone(tmp_path, tiny, content, fragment):
    path = tmp_path / "save.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SaveError) as error:
        resume(path, tiny)
    assert fragment in str(error.value) and str(path) in str(error.value)
    assert path.read_text(encoding="utf-8") == content


def test_mismatched_save_is_refused(tmp_path, tiny, catalogue):
    path = tmp_path / "save.json"
    session = Session(tiny, 0)
    session.choose(1)
    save_session(session, path)
    changed = load_scenario(write_scenario(tmp_path, TINY.read_text().replace("Right.", "Right then.")), catalogue)
    with pytest.raises(SaveError) as error:
        resume(path, changed)
    assert "has changed since this save" in str(error.value)
    data = read_save(path)
    data["actions"] = [{"choice": 9}]
    write_atomic(path, json.dumps(data))
    with pytest.raises(SaveError) as error:
        resume(path, tiny)
    assert "do not fit" in str(error.value)


@pytest.mark.parametrize("cut", [1, 3, 5, 8])
def test_save_and_resume_equals_an_uninterrupted_run(tmp_path, catalogue, cut):
    scenario = load_scenario("scenarios/hospital_admission.yaml", catalogue)
    whole = random_run(scenario, 7, random.Random(cut))
    # stop after ``cut`` actions, save, resume from disk, then play the same remaining inputs
    partial = Session.replay(scenario, 7, whole.actions[:cut])
    path = tmp_path / "save.json"
    save_session(partial, path)
    resumed, _ = resume(path, scenario)
    for action in whole.actions[cut:]:
        (kind, value), = action.items()
        resumed.choose(value) if kind == "choice" else resumed.answer(value)
    assert resumed.actions == whole.actions
    assert resumed.state == whole.state
    assert resumed.trajectory == whole.trajectory
    assert resumed.ruptures == whole.ruptures and resumed.calibrations == whole.calibrations
