"""The window with a damaged data folder or hostile settings: it starts, says so visibly, and plays on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from window_helpers import SCREENS, answer_prompts, play_with_mouse

SHOTS = Path(os.environ.get("ALLIANCE_SHOTS", "")) if os.environ.get("ALLIANCE_SHOTS") else None


def test_a_data_folder_that_is_a_file_shows_a_banner_and_the_case_plays_on(make_app, drive, tmp_path,
                                                                              monkeypatch):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    monkeypatch.setenv("ALLIANCE_HOME", str(blocked))
    d = drive(make_app())
    d.click("new_case").click("mode:practice").click("case:tiny_example")
    assert d.screen == "play"
    d.redraw()
    assert any("could not be saved" in text for text in d.drawn)
    assert any("The case goes on" in text for text in d.drawn)
    if SHOTS:
        pygame.image.save(d.app.surface, str(SHOTS / "hostile-banner.png"))
    play_with_mouse(d)
    assert d.screen == "debrief" and d.app.case.is_over


def test_hostile_settings_do_not_stop_the_window(make_app, drive, tmp_path):
    settings = tmp_path / "config" / "settings.json"
    settings.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    d = drive(make_app())
    assert d.screen == "title"
    d.redraw()
    shown = " ".join(d.drawn)
    assert "nested more than 32 levels" in shown and "the defaults are in use" in shown


def test_a_hostile_save_does_not_stop_the_window(make_app, drive):
    from sim.ui.window.slots import slot_path

    path = slot_path("tiny_example", "practice")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"format": 1, "scenario": "tiny_example", "digest": "x", "seed": ' + "9" * 5000
                    + ', "actions": [' + "[" * 50_000 + "]" * 50_000 + ']}', encoding="utf-8")
    d = drive(make_app())
    assert d.screen == "title"
    d.redraw()
    assert "A saved case cannot be read." in " ".join(d.drawn)


# ----- the lock: a case open in another window -----

def shoot(d, name: str) -> None:
    """Screenshots of the screen at 1280x800 and 800x600 (in test-output/screens), back at the first size."""
    size = d.app.size
    for width, height in ((1280, 800), (800, 600)):
        d.resize((width, height))
        d.app.screenshot(SCREENS / f"hostile-{name}-{width}x{height}.png")
    d.resize(size)


@pytest.fixture
def second_window(case_dir):
    """Another copy of the window, in its own process, with the tiny case open (one choice taken)."""
    started = []

    def start():
        holder = subprocess.Popen([sys.executable, str(Path(__file__).with_name("second_window.py")),
                                   str(case_dir), str(case_dir / "tiny.yaml")],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        started.append(holder)
        line = holder.stdout.readline().strip()
        assert line == "ready", line
        return holder

    yield start
    for holder in started:
        if holder.poll() is None:
            holder.kill()
        holder.wait(30)


def test_a_case_open_in_another_window_is_said_so_and_left_alone(make_app, drive, second_window):
    from sim.ui.window.slots import slot_path

    holder = second_window()
    path = slot_path("tiny_example", "practice")
    lock = Path(str(path) + ".lock")
    saved = path.read_bytes()
    assert lock.read_text().strip() == str(holder.pid)
    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")  # practice: the run the other window is playing
    assert d.screen == "confirm" and d.app.case is None
    d.redraw()
    shown = " ".join(d.drawn)
    assert "This case is open elsewhere" in shown and "Nothing was changed" in shown
    assert str(lock) in "".join(d.drawn).replace(" ", "")  # the lock to delete if no other copy runs
    shoot(d, "open-elsewhere")
    assert [w.name for w in d.app.screen.widgets] == ["back"]  # nothing to start over, nothing to replace
    d.key(pygame.K_RETURN)
    assert d.screen == "picker"
    d.key(pygame.K_ESCAPE)
    d.app.go_saves()
    d.step()
    d.click("save:0")  # Continue, then the saved run itself: the same answer
    assert d.screen == "confirm" and d.app.case is None and "open elsewhere" in " ".join(d.drawn)
    assert path.read_bytes() == saved and lock.read_text().strip() == str(holder.pid)

    holder.kill()  # the other window crashes: its lock is stale, and taken over
    holder.wait(30)
    d.app.go_saves()
    d.step()
    d.click("save:0")
    assert d.screen in ("play", "prompt") and d.app.case.session.decision_count == 1
    assert lock.read_text().strip() == str(os.getpid())
    d.app.close_case()
    assert not lock.exists()


def test_a_window_that_holds_a_case_refuses_it_to_a_second_one(make_app, drive, case_dir):
    """The other way round: this window plays the case; a second process cannot open its save."""
    from sim.ui.window.slots import slot_path

    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")
    assert d.screen == "play"
    d.click("choice:1")
    path = slot_path("tiny_example", "practice")
    saved = path.read_bytes()
    result = subprocess.run([sys.executable, str(Path(__file__).with_name("second_window.py")), str(case_dir),
                             str(case_dir / "tiny.yaml")], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1 and "not playing: confirm" in result.stdout, result.stdout + result.stderr
    assert path.read_bytes() == saved


# ----- another file of the same case -----

def edited_copy(case_dir, folder, old="Right.", new="Right then.") -> Path:
    """A copy of the tiny case in another folder, with one line edited (the same id, another file)."""
    folder.mkdir(exist_ok=True)
    for name in ("strategies.yaml", "references.yaml"):
        if (case_dir / name).exists():
            shutil.copy(case_dir / name, folder / name)
    copy = folder / "tiny-edited.yaml"
    text = (case_dir / "tiny.yaml").read_text(encoding="utf-8")
    assert old in text
    copy.write_text(text.replace(old, new), encoding="utf-8")
    return copy


def one_decision_in(d):
    from sim.ui.window.slots import slot_path

    d.click("new_case").click("case:tiny_example")
    d.click("choice:1")
    d.app.close_case()
    d.app.go_title()
    d.step()
    return slot_path("tiny_example", "practice")


def test_another_file_of_the_same_case_asks_before_its_run_is_replaced(make_app, drive, case_dir, tmp_path):
    from sim.records.saves import read_save

    d = drive(make_app())
    path = one_decision_in(d)
    saved = path.read_bytes()
    copy = edited_copy(case_dir, tmp_path / "copies")
    d.app.open_scenario(str(copy))
    d.redraw()
    assert d.screen == "confirm"
    shown = " ".join(d.drawn)
    assert "Another file of this case is under way" in shown and "1 choice made" in shown
    assert [w.name for w in d.app.screen.widgets] == ["continue", "replace", "cancel"]
    assert d.app.screen.focus.name == "continue"  # the safe choice: Enter loses nothing
    shoot(d, "other-file")
    d.click("cancel")
    assert d.screen == "title" and path.read_bytes() == saved
    d.app.open_scenario(str(copy))
    d.key(pygame.K_RETURN)  # Continue: the saved run, with the file it was made from
    assert d.screen in ("play", "prompt") and d.app.case.session.decision_count == 1
    assert d.app.case.scenario_path == str((case_dir / "tiny.yaml").resolve())
    d.app.close_case()
    assert path.read_bytes() == saved
    d.app.open_scenario(str(copy))
    d.click("replace")
    assert d.screen == "play" and d.app.case.session.decision_count == 0
    assert read_save(path)["scenario_path"].endswith("tiny-edited.yaml")


def test_the_same_file_changed_since_cannot_be_continued_so_cancel_comes_first(make_app, drive, case_dir):
    d = drive(make_app())
    path = one_decision_in(d)
    saved = path.read_bytes()
    tiny = case_dir / "tiny.yaml"
    tiny.write_text(tiny.read_text(encoding="utf-8").replace("Right.", "Right then."), encoding="utf-8")
    d.app.open_scenario(str(tiny))
    d.redraw()
    assert d.screen == "confirm" and "earlier version of this file" in " ".join(d.drawn)
    assert [w.name for w in d.app.screen.widgets] == ["cancel", "replace"]
    assert d.app.screen.focus.name == "cancel"
    shoot(d, "changed-file")
    d.key(pygame.K_RETURN)
    assert d.screen == "title" and path.read_bytes() == saved


def test_a_run_whose_file_is_gone_offers_no_continue(make_app, drive, case_dir, tmp_path):
    d = drive(make_app())
    first = edited_copy(case_dir, tmp_path / "first", "Right.", "Right, then.")
    d.app.open_scenario(str(first))
    d.click("choice:1")
    d.app.close_case()
    from sim.ui.window.slots import slot_path

    path_bytes = slot_path("tiny_example", "practice")
    saved = path_bytes.read_bytes()
    first.unlink()
    d.app.open_scenario(str(case_dir / "tiny.yaml"))
    d.redraw()
    assert d.screen == "confirm" and "no longer there" in " ".join(d.drawn)
    assert d.app.screen.focus.name == "cancel"
    d.key(pygame.K_ESCAPE)
    assert path_bytes.read_bytes() == saved


# ----- a read-only data folder, a full disk: a real file system (a small tmpfs) -----

def assert_banner_hides_nothing(d) -> None:
    """The case's screen is laid out below the banner: its title, phases and Pause button stay in sight."""
    from sim.ui.window.banner import banner_height, case_problem

    for size in ((1280, 800), (800, 600)):
        d.resize(size)
        height = banner_height(d.app.renderer, d.app.size, case_problem(d.app.case))
        assert height > 0 and d.app.screen.find("menu").rect.top >= height
        assert d.app.screen.chrome.title_rect.top >= height

def test_a_read_only_data_folder_shows_a_banner_and_the_case_plays_on(make_app, drive, tmpfs, monkeypatch):
    """A run in progress was saved; then the data folder became read-only (a lab machine's share, a locked
    stick). The window continues it, says so in red at once, plays it to the debrief, and the save it had
    is left exactly as it was."""
    from sim.records.saves import read_save
    from sim.ui.window.slots import slot_path

    home = tmpfs.mount("1m")
    monkeypatch.setenv("ALLIANCE_HOME", str(home))
    d = drive(make_app())
    path = one_decision_in(d)
    saved = path.read_bytes()
    tmpfs.remount(home, "ro")
    with pytest.raises(OSError):
        (home / "probe").write_text("x")  # read-only for root too
    d = drive(make_app())
    d.click("continue").click("save:0")
    assert d.screen in ("play", "prompt")
    d.redraw()
    shown = " ".join(d.drawn)
    assert "Read-only file system" in shown or "cannot be opened" in shown  # the log or the record, at once
    assert "The case goes on" in shown
    while d.screen == "prompt":
        answer_prompts(d)
    d.click("choice:1")  # the first decision after: the save cannot be written
    d.redraw()
    assert "Your progress could not be saved (Read-only file system)." in " ".join(d.drawn)
    assert "kept only while this window is open" in " ".join(d.drawn)
    assert_banner_hides_nothing(d)
    shoot(d, "read-only")
    play_with_mouse(d)
    assert d.screen == "debrief" and d.app.case.is_over
    assert path.read_bytes() == saved and read_save(path)["actions"]  # untouched, and still a good save
    assert slot_path("tiny_example", "practice") == path


def test_a_full_disk_shows_a_banner_loses_nothing_saved_and_saving_comes_back(make_app, drive, tmpfs, monkeypatch):
    from sim.records.saves import read_save

    home = tmpfs.mount("512k")
    monkeypatch.setenv("ALLIANCE_HOME", str(home))
    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")
    d.click("choice:1")
    answer_prompts(d)
    path = d.app.case.save_path
    saved = path.read_bytes()
    assert len(read_save(path)["actions"]) == len(d.app.case.session.actions)
    assert tmpfs.fill(home) > 0
    with pytest.raises(OSError):
        with open(home / "probe", "wb", buffering=0) as out:
            out.write(b"x" * 4096)
    assert d.screen == "play"
    d.click("choice:1")  # the last decision: the disk is full
    d.redraw()
    shown = " ".join(d.drawn)
    assert "Your progress could not be saved (No space left on device)." in shown and "The case goes on" in shown
    assert_banner_hides_nothing(d)
    shoot(d, "full-disk")
    assert path.read_bytes() == saved  # the save it had is whole: nothing half written over it
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]  # no temporary left behind
    (home / "filler").unlink()  # space again: the next answer saves everything, the decision in between too
    while d.screen == "prompt":
        answer_prompts(d)
    if d.screen == "play" and not d.app.case.is_over:
        d.click("choice:1")
    assert d.app.case.save_problem == ""
    assert read_save(path)["actions"] == list(d.app.case.session.actions)
    d.redraw()
    assert "kept only while this window is open" not in " ".join(d.drawn)


def test_a_fifo_named_like_a_save_does_not_hang_the_window(make_app, drive):
    """The saves list reads every save as a save is read (``sim.safeio``): a FIFO is refused, not waited on."""
    import threading

    from sim.ui.window.slots import slot_path

    path = slot_path("tiny_example", "practice")
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    started = []
    worker = threading.Thread(target=lambda: started.append(drive(make_app())), daemon=True)
    worker.start()
    worker.join(60)
    assert started, "the window hung on a FIFO in its saves folder"
    d = started[0]
    d.redraw()
    assert d.screen == "title" and "A saved case cannot be read." in " ".join(d.drawn)


def test_a_damaged_outbox_of_learning_records_does_not_stop_the_window(make_app, drive):
    """An outbox that is not SQLite: moved aside, named in the banner, and the case plays to its debrief
    with its statements in a new outbox (the outbox's own checks: tests/hostile/test_outbox_rows.py)."""
    from sim.records.log import data_dir
    from sim.records.outbox import Outbox

    home = data_dir()
    home.mkdir(parents=True, exist_ok=True)
    (home / "outbox.sqlite3").write_bytes(b"\0 not a database" * 500)
    d = drive(make_app())
    d.click("new_case").click("case:tiny_example")
    assert d.screen == "play"
    d.redraw()
    shown = " ".join(d.drawn)
    assert "outbox of learning records was damaged" in shown and "outbox.sqlite3.damaged-" in shown
    assert "kept only while this window is open" not in shown  # the save itself is fine
    for size in ((1280, 800), (800, 600)):  # the whole banner, its last words too, at both sizes
        d.resize(size).redraw()
        assert "The case goes on." in " ".join(d.drawn)
    shoot(d, "damaged-outbox")
    play_with_mouse(d)
    assert d.screen == "debrief" and d.app.case.is_over
    assert any(p.name.startswith("outbox.sqlite3.damaged-") for p in home.iterdir())
    assert Outbox(home / "outbox.sqlite3").all_statements()
