"""Every save kept: a second file with the same id, a tampered save, a second terminal on the same save."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest

from scenario_helpers import TINY, write_scenario
from sim.cli import main
from sim.engine.session import Session
from sim.errors import CaseLocked, SaveError
from sim.records.lock import SaveLock
from sim.records.saves import max_actions, read_save, resume, save_session
from sim.scenario.loader import load_scenario
from sim.ui.terminal.frontend import play_text, text_save_path


def feeder(answers):
    answers = list(answers)

    def read(prompt):
        if not answers:
            raise EOFError
        return answers.pop(0)

    return read


def start_a_case(scenario, tmp_path):
    assert play_text(scenario, 0, False, read=feeder(["2"]), out=io.StringIO(), log_dir=tmp_path) == 0
    return text_save_path(scenario.id).read_bytes()


def test_a_second_file_with_the_same_id_does_not_touch_the_save(tmp_path, tiny, catalogue, capsys):
    saved = start_a_case(tiny, tmp_path)
    copy = load_scenario(write_scenario(tmp_path, TINY.read_text().replace("Right.", "Right then."), "copy.yaml"),
                         catalogue)
    assert copy.id == tiny.id
    assert play_text(copy, 0, False, read=feeder([]), out=io.StringIO(), log_dir=tmp_path) == 2
    err = capsys.readouterr().err
    assert "another scenario file" in err and str(TINY) in err and "--new" in err and str(copy.path) in err
    assert text_save_path(tiny.id).read_bytes() == saved
    # the same text in another place is another file too: the save records where it came from
    same = load_scenario(write_scenario(tmp_path, TINY.read_text(), "same.yaml"), catalogue)
    assert play_text(same, 0, False, read=feeder([]), out=io.StringIO(), log_dir=tmp_path) == 2
    assert text_save_path(tiny.id).read_bytes() == saved
    # --new says so: then the save is replaced
    assert play_text(copy, 0, False, read=feeder([]), out=io.StringIO(), log_dir=tmp_path, new=True) == 0
    assert read_save(text_save_path(tiny.id))["scenario_path"] == copy.path


def test_a_save_records_its_file_and_digest(tmp_path, tiny):
    path = tmp_path / "save.json"
    save_session(Session(tiny, 0), path)
    data = read_save(path)
    assert data["scenario_path"] == tiny.path and data["digest"] == tiny.digest


def test_validate_of_a_folder_reports_duplicate_ids(tmp_path, capsys):
    folder = tmp_path / "cases"
    folder.mkdir()
    for name in ("strategies.yaml", "references.yaml"):
        (folder / name).write_bytes((TINY.parent.parent.parent / "scenarios" / name).read_bytes())
    (folder / "a.yaml").write_text(TINY.read_text(), encoding="utf-8")
    (folder / "b.yaml").write_text("# a copy\n" + TINY.read_text(), encoding="utf-8")
    assert main(["validate", str(folder)]) == 2
    out = capsys.readouterr().out
    assert f"{folder / 'b.yaml'}:3: error: id: the id 'tiny_example' is already the id of {folder / 'a.yaml'}:2" in out


DAMAGE = {
    "a list where a choice should be": lambda d: d["actions"].append({"choice": [1, 2]}),
    "a 5000-digit seed": lambda d: d.update(seed="SEED"),
    "deep nesting": lambda d: d.update(extra="DEEP"),
    "an unknown action": lambda d: d["actions"].append({"jump": "end"}),
    "two keys in one action": lambda d: d["actions"].append({"choice": "c1", "notice": 1}),
    "text as actions": lambda d: d.update(actions="c1"),
    "a number for the language": lambda d: d.update(language=7),
    "NaN": lambda d: d.update(seed="NAN"),
}


def tampered(tmp_path, tiny, change) -> object:
    path = tmp_path / "save.json"
    session = Session(tiny, 0)
    session.choose(session.view().choices[0].id)
    save_session(session, path)
    data = json.loads(path.read_text())
    change(data)
    text = json.dumps(data).replace('"SEED"', "9" * 5000).replace('"DEEP"', "[" * 50_000 + "]" * 50_000)
    path.write_text(text.replace('"NAN"', "NaN"), encoding="utf-8")
    return path


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_tampered_save_is_refused_naming_the_file(tmp_path, tiny, damage):
    path = tampered(tmp_path, tiny, DAMAGE[damage])
    before = path.read_bytes()
    with pytest.raises(SaveError) as error:
        resume(path, tiny)
    assert str(path) in str(error.value)
    assert path.read_bytes() == before


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_new_always_works_over_a_tampered_save(tmp_path, tiny, damage, capsys):
    path = text_save_path(tiny.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(tampered(tmp_path, tiny, DAMAGE[damage]).read_bytes())
    assert play_text(tiny, 0, True, read=feeder([]), out=io.StringIO(), log_dir=tmp_path) == 2
    assert "Cannot resume" in capsys.readouterr().err
    assert play_text(tiny, 0, False, read=feeder([]), out=io.StringIO(), log_dir=tmp_path, new=True) == 0
    assert read_save(path)["actions"] == []


def test_a_million_actions_are_refused_without_replaying(tmp_path, tiny):
    path = tmp_path / "save.json"
    save_session(Session(tiny, 0), path)
    data = json.loads(path.read_text())
    data["actions"] = [{"choice": "c1"}] * 1_000_000
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError) as error:
        resume(path, tiny)
    assert "actions" in str(error.value)


def test_actions_are_capped_by_the_size_of_the_case(tmp_path, tiny):
    path = tmp_path / "save.json"
    save_session(Session(tiny, 0), path)
    data = json.loads(path.read_text())
    data["actions"] = [{"choice": "c1"}] * (max_actions(tiny) + 1)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="more than this case can have"):
        resume(path, tiny)


def test_a_save_that_is_a_fifo_is_refused_not_waited_for(tmp_path, tiny):
    path = tmp_path / "save.json"
    os.mkfifo(path)
    with pytest.raises(SaveError, match="FIFO"):
        read_save(path)


def test_a_second_process_on_the_same_save_is_told_it_is_open_elsewhere(tmp_path, tiny, capsys):
    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = text_save_path(tiny.id).with_name(text_save_path(tiny.id).name + ".lock")
        lock.parent.mkdir(parents=True, exist_ok=True)
        lock.write_text(f"{holder.pid}\n")
        assert play_text(tiny, 0, False, read=feeder(["2"]), out=io.StringIO(), log_dir=tmp_path) == 2
        assert "open elsewhere" in capsys.readouterr().err
        assert not text_save_path(tiny.id).exists()
    finally:
        holder.kill()
        holder.wait()
    # its process is gone: the lock is stale and taken over
    assert play_text(tiny, 0, False, read=feeder(["2"]), out=io.StringIO(), log_dir=tmp_path) == 0
    assert text_save_path(tiny.id).exists() and not lock.exists()


def test_a_lock_is_held_while_playing_and_released_after(tmp_path):
    save = tmp_path / "s.json"
    other = [sys.executable, "-c", f"from sim.records.lock import SaveLock; SaveLock({str(save)!r}).acquire()"]
    with SaveLock(save):
        done = subprocess.run(other, capture_output=True, text=True, timeout=60)
        assert done.returncode != 0 and "CaseLocked" in done.stderr and "open elsewhere" in done.stderr
    assert not (tmp_path / "s.json.lock").exists()
    assert subprocess.run(other, capture_output=True, timeout=60).returncode == 0  # free again
