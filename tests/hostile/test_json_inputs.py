"""Every JSON the program reads back is checked for shape, size and depth, and refused naming the file:
the settings, the window's autosave, the session logs ``report`` reads."""

from __future__ import annotations

import json
import os

import pytest

from sim.errors import AllianceError, FileRefused
from sim.records.log import SessionLog, read_log
from sim.records.profile import read_settings, settings_or_problem
from sim.safeio import load_json
from sim.ui.window.settings_store import MAX_WINDOW, Settings

HOSTILE = {
    "deep nesting": "[" * 50_000 + "]" * 50_000,
    "deep mapping": '{"a":' * 5_000 + "1" + "}" * 5_000,
    "a 5000-digit number": '{"theme": ' + "9" * 5000 + "}",
    "NaN": '{"window": [NaN, 600]}',
    "Infinity": '{"window": [Infinity, 600]}',
    "a huge float": '{"window": [1e999, 600]}',
    "a list": "[1, 2, 3]",
    "text": '"calm"',
    "not JSON": "{theme: calm",
    "not UTF-8": b"{\"theme\": \"\xff\"}",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_settings_fall_back_to_the_defaults_with_a_note(tmp_path, name):
    path = tmp_path / "settings.json"
    data = HOSTILE[name]
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    settings = Settings.load(path)
    assert settings.theme == "calm" and settings.window == [1280, 800]
    assert settings.problem and str(path) in settings.problem
    assert read_settings(path) == {}
    assert path.read_bytes() == (data if isinstance(data, bytes) else data.encode())  # left as it is


def test_settings_that_are_a_fifo_do_not_hang(tmp_path):
    path = tmp_path / "settings.json"
    os.mkfifo(path)
    settings = Settings.load(path)
    assert "FIFO" in settings.problem


def test_settings_that_point_at_dev_zero_do_not_eat_memory(tmp_path):
    path = tmp_path / "settings.json"
    path.symlink_to("/dev/zero")
    assert "character device" in Settings.load(path).problem


def test_settings_too_big_are_refused_before_reading(tmp_path):
    path = tmp_path / "settings.json"
    with open(path, "wb") as handle:
        handle.truncate(2 * 1024 ** 3)
    assert "too big" in settings_or_problem(path)[1]


def test_a_window_larger_than_any_screen_is_not_restored(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"window": [16384, 16384]}))
    assert Settings.load(path).window == [1280, 800]
    path.write_text(json.dumps({"window": list(MAX_WINDOW)}))
    assert Settings.load(path).window == list(MAX_WINDOW)


def test_load_json_names_the_file_and_line():
    with pytest.raises(FileRefused, match=r"^somewhere\.json: line 3: nested more than 32"):
        load_json("{\n\n" + "[" * 40 + "]" * 40 + "}", "somewhere.json")
    assert load_json('{"a": [1, 2.5, "x", null, true]}', "f") == {"a": [1, 2.5, "x", None, True]}


def test_a_damaged_log_line_is_skipped_and_a_hostile_log_refused(tmp_path):
    path = tmp_path / "case.jsonl"
    log = SessionLog(path)
    log.write({"type": "session", "scenario": "x"})
    log.close()
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("[" * 10_000 + "\n" + "7\n" + '{"type": "choice", "n": ' + "9" * 5000 + "}\n")
    records = read_log(path)
    assert [r["type"] for r in records] == ["session"]
    fifo = tmp_path / "fifo.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused, match="fifo.jsonl"):
        read_log(fifo)


def test_report_over_a_hostile_log_folder_says_what_and_where(tmp_path, capsys):
    from sim.cli import main

    logs = tmp_path / "logs"
    logs.mkdir()
    os.mkfifo(logs / "a.jsonl")
    status = main(["report", str(logs), "--csv", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert status == 2 and "a.jsonl" in err and "FIFO" in err and "internal error" not in err


def test_every_refusal_is_an_alliance_error():
    assert issubclass(FileRefused, AllianceError)
