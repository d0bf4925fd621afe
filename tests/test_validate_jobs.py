"""``validate --jobs``: files checked in worker processes give the same output, order and status as one
after another; a worker that stops is reported, not a traceback."""

import os
import sys

import pytest
from scenario_helpers import TINY, write_scenario

from sim import cli_validate
from sim.cli import main


def _folder(tmp_path):
    """Five files: clean, with errors, a syntax error, and two with the same id."""
    tiny = TINY.read_text()
    write_scenario(tmp_path, tiny, "a.yaml")
    write_scenario(tmp_path, tiny.replace("share_report", "share_reprot").replace("minutes: 3", "minutes: -1"),
                   "b.yaml")
    write_scenario(tmp_path, "scenes: [\n", "c.yaml")
    write_scenario(tmp_path, tiny, "d.yaml")  # the same id as a.yaml
    write_scenario(tmp_path, tiny + "\n  - id: orphan_end\n    phase: closure\n    speaker: narrator\n"
                   "    ending: {type: dropout, title: {en: x}}\n    text: {en: x}\n", "e.yaml")
    return tmp_path


def _validate(capsys, *args):
    status = main(["validate", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("extra", [(), ("--json",), ("--strict",), ("--lang", "es")])
def test_workers_give_the_same_output_and_status_as_one_after_another(tmp_path, capsys, extra):
    folder = str(_folder(tmp_path))
    alone = _validate(capsys, "--jobs", "1", *extra, folder)
    shared = _validate(capsys, "--jobs", "3", *extra, folder)
    assert shared == alone
    status, out, _err = alone
    assert status == 2
    words = ("YAML syntax", "is already the id of") if "--lang" not in extra else ("sintaxis YAML", "ya es el id de")
    for found in ("share_reprot",) + words:  # b's error, c's, the duplicate id (in the interface's language)
        assert found in out


def test_one_file_or_one_job_is_checked_here(tmp_path, capsys, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("no worker process for one file or --jobs 1")

    monkeypatch.setattr(cli_validate, "ProcessPoolExecutor", no_pool)
    folder = _folder(tmp_path)
    assert _validate(capsys, str(folder / "a.yaml"))[0] == 0
    assert _validate(capsys, "--jobs", "1", str(folder))[0] == 2


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the stand-in worker needs fork")
def test_a_worker_that_stops_is_reported_on_the_files_it_left(tmp_path, capsys, monkeypatch):
    real = cli_validate.check_scenario_file

    def dies_on_b(path, catalogue=None):
        if path.name == "b.yaml":
            os._exit(9)  # as if killed: no exception, no result
        return real(path, catalogue)

    monkeypatch.setattr(cli_validate, "check_scenario_file", dies_on_b)  # the forked workers inherit it
    status, out, err = _validate(capsys, "--jobs", "2", str(_folder(tmp_path)))
    assert status == 2
    assert "Traceback" not in out + err
    not_checked = [line for line in out.splitlines() if "the worker process checking it stopped" in line]
    assert any(line.startswith(f"{tmp_path / 'b.yaml'}: error: ") for line in not_checked), out


def test_jobs_must_be_a_positive_number(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "--jobs", "0"])
    assert stopped.value.code == 2
    assert "--jobs" in capsys.readouterr().err
