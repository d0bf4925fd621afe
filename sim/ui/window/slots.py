"""Where the window keeps its saves: one per case and mode, one record per assessment attempt, finished runs.

Under ``data_dir()/saves/``:

* ``practice/<case>.json`` and ``facilitator/<case>.json``: the run in progress (or just finished) of a
  case in that mode;
* ``assessment/<case>/<learner>-<attempt>.json``: every assessment attempt is its own record, kept;
* ``finished/<case>-<mode>-<stamp>.json``: a finished practice or facilitator run set aside when the
  same case is started again or replayed from a decision, so its debrief stays available.

A save made before saves were kept per case (``autosave.json``) is moved to its case's slot the first
time the saves are listed. This module only reads the files' top level (for the lists); opening a
save, which replays it, is ``Case.resume``. No engine import here: the title screen lists saves
before the engine is loaded.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sim.errors import FileRefused
from sim.i18n import _, pgettext
from sim.records.log import data_dir
from sim.safeio import SAVE_LIMIT, load_json, read_text
from sim.ui.window.modes import MODES



def month_abbreviation(month: int) -> str:
    """A month's short name (1-12) in the interface's language, not the system locale's ("May" the short name
    has a context of its own: Spanish shortens "mayo" differently from other months)."""
    return (pgettext("month abbreviation", "Jan"), pgettext("month abbreviation", "Feb"),
            pgettext("month abbreviation", "Mar"), pgettext("month abbreviation", "Apr"),
            pgettext("month abbreviation", "May"), pgettext("month abbreviation", "Jun"),
            pgettext("month abbreviation", "Jul"), pgettext("month abbreviation", "Aug"),
            pgettext("month abbreviation", "Sep"), pgettext("month abbreviation", "Oct"),
            pgettext("month abbreviation", "Nov"), pgettext("month abbreviation", "Dec"))[month - 1]

LEGACY = "autosave.json"


def saves_dir() -> Path:
    return data_dir() / "saves"


def learner_key(name: str) -> str:
    """A learner's name as a file name part: lower case letters, digits and dashes."""
    key = re.sub(r"[^a-z0-9]+", "-", name.strip().lower()).strip("-")
    return key[:40] or "learner"


def slot_path(scenario_id: str, mode: str, learner: str = "", attempt: int = 1) -> Path:
    """The save of a case in a mode; in assessment, of ``learner``'s (her account's) attempt ``attempt``."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    if mode == "assessment":
        return saves_dir() / "assessment" / scenario_id / f"{learner_key(learner)}-{attempt}.json"
    return saves_dir() / mode / f"{scenario_id}.json"


@dataclass
class SaveSlot:
    path: Path
    scenario_id: str = ""
    mode: str = "practice"
    learner: str = ""
    attempt: int = 1
    choices: int = 0            # decisions taken
    saved_at: datetime | None = None
    finished: bool = False
    kept: bool = False          # a finished run set aside (read only)
    problem: str = ""           # why it cannot be read, when it cannot

    @property
    def date(self) -> str:
        if self.saved_at is None:
            return _("date unknown")
        local = self.saved_at.astimezone()
        return _("{day} {month} {year} {time}").format(day=local.day, month=month_abbreviation(local.month),
                                                       year=local.year, time=f"{local:%H:%M}")


def read_slot(path: Path, kept: bool = False) -> SaveSlot:
    """The top level of a save, for a list. Never raises; never changes the file. It is read as every save
    is (``sim.safeio``): a regular file only, its size checked first, so a FIFO or a device named like a
    save never hangs the list, and a file of gigabytes is not read."""
    slot = SaveSlot(Path(path), kept=kept)
    try:
        data = load_json(read_text(path, SAVE_LIMIT, "save"), path)
        slot.scenario_id = data["scenario"]
        actions = data["actions"]
        extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
        if not isinstance(slot.scenario_id, str) or not isinstance(actions, list):
            raise TypeError
    except (OSError, FileRefused, ValueError, KeyError, TypeError, AttributeError):
        slot.problem = _("this save is damaged or unreadable; it was left as it is")
        return slot
    slot.mode = extra.get("mode") if extra.get("mode") in MODES else "practice"
    saved = extra.get("learner") if isinstance(extra.get("learner"), dict) else {}
    name = extra.get("learner_name", saved.get("name", ""))
    slot.learner = name if isinstance(name, str) else ""
    attempt = extra.get("assessment_attempt")
    slot.attempt = attempt if isinstance(attempt, int) and not isinstance(attempt, bool) and attempt > 0 else 1
    slot.finished = extra.get("finished") is True
    slot.choices = sum(1 for a in actions if isinstance(a, dict) and "choice" in a)
    try:
        slot.saved_at = datetime.fromisoformat(str(data.get("saved_at")))
    except ValueError:
        slot.saved_at = None
    return slot


def _migrate_legacy() -> None:
    """Move the one autosave of earlier versions to its case's slot (unless that slot is taken)."""
    legacy = saves_dir() / LEGACY
    if not legacy.exists():
        return
    slot = read_slot(legacy)
    if slot.problem:
        return  # left where it is; the list reports it
    target = slot_path(slot.scenario_id, slot.mode, slot.learner or "learner", slot.attempt)  # old saves: practice
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(legacy, target)


def list_slots() -> list[SaveSlot]:
    """Every save, newest first: runs in progress, then finished ones (which open on their debrief)."""
    root = saves_dir()
    try:
        _migrate_legacy()
    except OSError:
        pass
    paths = [(p, False) for mode in MODES if mode != "assessment" for p in (root / mode).glob("*.json")]
    paths += [(p, False) for p in (root / "assessment").glob("*/*.json")]
    paths += [(p, True) for p in (root / "finished").glob("*.json")]
    if (root / LEGACY).exists():
        paths.append((root / LEGACY, False))
    slots = [read_slot(path, kept) for path, kept in paths]
    oldest = datetime.min.replace(tzinfo=timezone.utc)

    def when(slot):
        stamp = slot.saved_at or oldest
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=timezone.utc)
    return sorted(slots, key=lambda s: (s.finished, -when(s).timestamp()))


def attempts(scenario_id: str, learner: str) -> list[SaveSlot]:
    """A learner's (her account's) assessment attempts at a case, in order."""
    folder = saves_dir() / "assessment" / scenario_id
    prefix = f"{learner_key(learner)}-"
    found = []
    for path in folder.glob(f"{prefix}*.json"):
        number = path.stem[len(prefix):]
        if number.isdigit():
            found.append(read_slot(path))
    return sorted(found, key=lambda s: s.attempt)


def _aside_target(scenario_id: str, mode: str) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    folder = saves_dir() / "finished"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{scenario_id}-{mode}-{stamp}.json"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{scenario_id}-{mode}-{stamp}-{counter}.json"
    return target


def set_aside(path: Path, scenario_id: str, mode: str) -> Path:
    """Move a finished run out of its slot into ``finished/``, so starting the case again keeps it."""
    target = _aside_target(scenario_id, mode)
    os.replace(path, target)
    return target


def copy_aside(path: Path, scenario_id: str, mode: str) -> Path:
    """Keep a copy of a finished run in ``finished/`` before its slot is written again (a replay)."""
    from sim.records.saves import write_atomic

    target = _aside_target(scenario_id, mode)
    write_atomic(target, Path(path).read_text(encoding="utf-8"))
    return target
