"""Writes go through to an existing special file or symlink, or refuse it; they never replace it.

The atomic-write helper (``sim.safeio.write_atomic``) serves ``coverage --write``, saves and settings.
These tests run as root in CI, where a rename over ``/dev/full`` would succeed: the helper must not try.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time

import pytest

from sim.cli import main
from sim.safeio import clean_stale_temporaries, write_atomic


def is_char_device(path) -> bool:
    return stat.S_ISCHR(os.stat(path).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_a_full_device_reports_the_error_and_stays_a_device():
    with pytest.raises(OSError):
        write_atomic("/dev/full", "text")
    assert is_char_device("/dev/full")


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_coverage_write_to_dev_full_says_so(capsys):
    assert main(["coverage", "--write", "/dev/full"]) == 2
    err = capsys.readouterr().err
    assert "cannot write /dev/full" in err and "No space left" in err and "internal error" not in err
    assert is_char_device("/dev/full")


def test_dev_stdout_is_written_through(tmp_path):
    code = "from sim.safeio import write_atomic; write_atomic('/dev/stdout', 'through the pipe\\n')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "through the pipe\n"
    assert os.path.islink("/dev/stdout") or is_char_device("/dev/stdout")


def test_coverage_write_to_dev_stdout_prints_the_report(tmp_path):
    done = subprocess.run([sys.executable, "-m", "sim", "coverage", "--write", "/dev/stdout"], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path)
    assert "# Coverage of tensions and strategies" in done.stdout
    assert "internal error" not in done.stderr


def test_a_fifo_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []

    def reader():
        with open(fifo, encoding="utf-8") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader)
    thread.start()
    for _ in range(100):  # wait until the reader has the FIFO open
        try:
            write_atomic(fifo, "hello fifo")
            break
        except OSError:
            time.sleep(0.05)
    thread.join(10)
    assert received == ["hello fifo"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_with_no_reader_is_an_error_not_a_hang(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError):
        write_atomic(fifo, "nobody listens")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_folder_is_refused(tmp_path, capsys):
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, "text")
    assert main(["coverage", "--write", str(tmp_path)]) == 2
    assert "it is a folder" in capsys.readouterr().err


def test_a_symlinked_settings_file_is_written_through(tmp_path, monkeypatch):
    from sim.ui.window.settings_store import Settings

    real = tmp_path / "shared" / "real-settings.json"
    real.parent.mkdir()
    real.write_text('{"learner": "Sam"}\n', encoding="utf-8")
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    link = config / "settings.json"
    link.symlink_to(real)
    settings = Settings.load()
    settings.theme = "contrast"
    settings.save()
    assert link.is_symlink() and os.readlink(link) == str(real)
    text = real.read_text(encoding="utf-8")
    assert '"contrast"' in text and '"Sam"' in text


def test_a_symlinked_save_keeps_its_link(tmp_path, tiny):
    from sim.engine.session import Session
    from sim.records.saves import read_save, save_session

    target = tmp_path / "elsewhere.json"
    target.write_text("{}", encoding="utf-8")
    link = tmp_path / "save.json"
    link.symlink_to(target)
    save_session(Session(tiny, 0), link)
    assert link.is_symlink()
    assert read_save(target)["scenario"] == tiny.id


def test_permissions_of_the_file_are_kept(tmp_path):
    path = tmp_path / "private.json"
    path.write_text("{}", encoding="utf-8")
    os.chmod(path, 0o600)
    write_atomic(path, '{"a": 1}')
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and path.read_text() == '{"a": 1}'


def test_stale_temporary_files_are_cleaned(tmp_path):
    dead = tmp_path / ".autosave.json.999999999.abcd.tmp"  # no process has that id
    mine = tmp_path / f".autosave.json.{os.getpid()}.efgh.tmp"
    other = tmp_path / ".notes.tmp"  # not ours: left alone
    for path in (dead, mine, other):
        path.write_text("half", encoding="utf-8")
    removed = clean_stale_temporaries(tmp_path)
    assert removed == [dead]
    assert mine.exists() and other.exists() and not dead.exists()
    old = time.time() - 3600
    os.utime(mine, (old, old))
    assert clean_stale_temporaries(tmp_path) == [mine]


def test_a_killed_write_leaves_a_file_that_the_next_start_removes(tmp_path, tiny):
    """The temporary file carries its writer's pid, so the next start knows it is stale."""
    code = ("import os, sys, tempfile; from pathlib import Path; import sim.safeio as s;"
            "real = os.replace\n"
            "def die(*a): os._exit(9)\n"
            "os.replace = die\n"
            f"s.write_atomic(Path({str(tmp_path / 'save.json')!r}), 'x')")
    done = subprocess.run([sys.executable, "-c", code], timeout=60)
    assert done.returncode == 9
    left = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(left) == 1 and left[0].startswith(".save.json.")
    assert [p.name for p in clean_stale_temporaries(tmp_path)] == left


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
def test_output_to_a_full_device_is_reported_not_an_internal_error(tmp_path):
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "sim", "schema"], stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 2 and "No space left" in done.stderr and "internal error" not in done.stderr
