"""Noticing that a case file was saved again: for live preview in both front ends."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sim import safeio
from sim.errors import FileRefused


class FileWatch:
    def __init__(self, path):
        self.path = Path(path)
        self.stamp = self._read()

    def _read(self) -> str | None:
        try:
            return hashlib.sha256(safeio.read_bytes(self.path, safeio.SCENARIO_LIMIT, "case file")).hexdigest()
        except (OSError, FileRefused):
            return None  # gone or unreadable for now: a later save will bring it back

    def changed(self) -> bool:
        stamp = self._read()
        if stamp is None or stamp == self.stamp:
            return False
        self.stamp = stamp
        return True
