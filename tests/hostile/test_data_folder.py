"""A data folder that is a file, read-only or full: the terminal says so and plays on, never an internal error."""

from __future__ import annotations

import os
import subprocess
import sys


def run(tmp_path, home, answers="1\n1\n50\n1\n50\n"):
    env = {**os.environ, "ALLIANCE_HOME": str(home), "ALLIANCE_CONFIG_HOME": str(tmp_path / "config")}
    return subprocess.run([sys.executable, "-m", "sim", "play", "--text", "--learner", "Sam", "--seed", "0",
                           "hospital_admission"], input=answers, capture_output=True, text=True, timeout=300,
                          env=env, cwd=tmp_path)


def test_a_data_folder_that_is_a_file(tmp_path):
    home = tmp_path / "home"
    home.write_text("not a folder", encoding="utf-8")
    done = run(tmp_path, home)
    assert "internal error" not in done.stderr
    assert "could not be saved" in done.stderr and "The case goes on" in done.stderr
    assert "Not saved" in done.stdout and done.returncode == 2
    assert home.read_text() == "not a folder"


def test_a_full_disk_for_saves(tmp_path):
    if not os.path.exists("/dev/full"):
        return
    home = tmp_path / "home"
    (home / "saves").mkdir(parents=True)
    (home / "saves" / "text-hospital_admission.json").symlink_to("/dev/full")
    done = run(tmp_path, home)
    assert "internal error" not in done.stderr and "No space left" in done.stderr
    assert os.path.islink(home / "saves" / "text-hospital_admission.json")


def test_a_lock_that_cannot_be_written_on_a_full_disk_is_not_left_behind(tmpfs):
    """An empty lock file would look like one being taken this very moment, and the next start would be
    told the case is open elsewhere: a lock that cannot be written is removed, and the save plays on unlocked."""
    import pytest

    from sim.records.lock import SaveLock

    home = tmpfs.mount("64k")
    (home / "saves").mkdir()
    assert tmpfs.fill(home) > 0
    lock = SaveLock(home / "saves" / "case.json")
    with pytest.raises(OSError):
        lock.acquire()
    assert not lock.held and not lock.path.exists()
    (home / "filler").unlink()
    with SaveLock(home / "saves" / "case.json") as again:
        assert again.path.read_text().strip() == str(os.getpid())
    assert not again.path.exists()
