"""An append-only JSONL log of a session: one line per event, flushed as it happens.

The session's start record also carries the program's version (``sim.version``).
"""

from __future__ import annotations

import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path

from sim.errors import FileRefused
from sim.safeio import LOG_LIMIT, load_json, read_text
from sim.version import __version__
from sim.i18n import N_


def default_log_dir() -> Path:
    return data_dir() / "logs"


def data_dir() -> Path:
    """Where sessions, saves and logs live: $ALLIANCE_HOME, else the user's data folder."""
    explicit = os.environ.get("ALLIANCE_HOME")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "alliance-sim"


def user_cases_dir() -> Path:
    """The learner's or facilitator's own cases: listed beside the shipped ones when no --cases is given."""
    return data_dir() / "cases"


class SessionLog:
    """Writes each record as one JSON line, flushed at once so a crash loses nothing already done."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.path, "a", encoding="utf-8")

    @classmethod
    def new(cls, scenario_id: str, directory: Path | None = None, header: dict | None = None) -> "SessionLog":
        """A new log file for a session; ``header`` (who played, the mode...) is its first record."""
        directory = Path(directory) if directory else default_log_dir()
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        path = directory / f"{scenario_id}-{stamp}-{os.getpid()}.jsonl"
        counter = 1
        while path.exists():
            counter += 1
            path = directory / f"{scenario_id}-{stamp}-{os.getpid()}-{counter}.jsonl"
        log = cls(path)
        if header is not None:
            log.write(header)
        return log

    def __call__(self, record: dict) -> None:
        self.write(record)

    def write(self, record: dict) -> dict:
        """Append one record (stamped with the time ``t``; a session's start also with the program's version)
        and return it as written."""
        if record.get("type") == "start":
            record = {**record, "version": __version__}
        stamped = {"t": round(time.time(), 3), **record}
        self._file.write(json.dumps(stamped, ensure_ascii=False, sort_keys=True) + "\n")
        self._file.flush()
        return stamped

    def close(self) -> None:
        """Close the file; a last flush that fails (a full disk) loses only what could not be written anyway."""
        if not self._file.closed:
            try:
                self._file.close()
            except OSError:
                pass


def read_log(path: Path) -> list[dict]:
    """Every record of a log; a torn or damaged line (a crash mid-write) is skipped. The log must be a regular
    file of at most 64 MB (``sim.safeio``): raises FileNotFoundError, FileRefused (naming the file)."""
    records = []
    text = read_text(path, LOG_LIMIT, N_("session log"))
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        try:
            record = load_json(line, f"{path}: line {number}", max_depth=16)
        except FileRefused:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records
