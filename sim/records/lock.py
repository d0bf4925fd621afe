"""One running copy of the program per save: a lock file beside it, holding the pid of its holder.

``SaveLock(path).acquire()`` creates ``path.lock`` exclusively and writes the process id into it. A second
process on the same save finds the lock, sees that its holder is still running and refuses with
``CaseLocked`` ("the case is open elsewhere"), before it reads or writes the save. A lock whose process is
gone (it was killed, the machine restarted) is stale: it is taken over. ``release`` removes the lock.

Within one process the lock is counted, not taken twice: the window opens a saved case before it closes
the one it had open, which may be the same case, and closing the old one must not free the lock the new one
holds. ``holder()`` says who holds a lock without taking it, for a front end to ask before it offers
anything that would touch the save.

On Linux and macOS a holder is alive when ``os.kill(pid, 0)`` finds it. On Windows that call would end the
process, so there a lock is taken to be stale only when it is older than a day (or empty or damaged); a
learner whose copy crashed on Windows can also delete the ``.lock`` file named in the message.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sim.errors import CaseLocked
from sim.i18n import _

STALE_ON_WINDOWS = 24 * 3600
_HELD: dict[str, int] = {}  # lock path -> how many holders in this process


class SaveLock:
    def __init__(self, save_path: Path):
        self.path = Path(str(save_path) + ".lock")
        self.held = False

    def acquire(self) -> "SaveLock":
        """Take the lock, or raise CaseLocked when another running process holds it. Raises OSError when the
        folder cannot hold it (the caller plays on unsaved, as with any save problem)."""
        if self.held:
            return self
        key = str(self.path)
        if _HELD.get(key):  # this process holds it already (a case reopened before the old one is closed)
            _HELD[key] += 1
            self.held = True
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(3):
            try:
                handle = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = self._holder()
                if holder is not None:
                    raise CaseLocked(_("this case is open elsewhere: another copy of the program (process {process}) "
                                       "is playing it and saving to {save}; finish or close it there "
                                       "first (if it is not running, delete {lock})").format(
                        process=holder, save=str(self.path)[:-5], lock=self.path)) from None
                try:
                    os.unlink(self.path)  # stale: its process is gone
                except FileNotFoundError:
                    pass
                continue
            try:
                with os.fdopen(handle, "w", encoding="ascii") as out:
                    out.write(f"{os.getpid()}\n")
            except OSError:  # a full disk: an empty lock would look like one being taken, so none is left
                try:
                    os.unlink(self.path)
                except OSError:
                    pass
                raise
            self.held = True
            _HELD[key] = 1
            return self
        raise CaseLocked(_("this case is open elsewhere (the lock {lock} keeps changing hands)").format(lock=self.path))

    def holder(self) -> int | None:
        """The process id of another running process that holds this lock (0 when one is taking it this very
        moment), or None when it is free, stale or this process's own."""
        if _HELD.get(str(self.path)):
            return None
        return self._holder()

    def _holder(self) -> int | None:
        """The pid of a live holder, or None when the lock is stale (or ours)."""
        try:
            text = self.path.read_text(encoding="ascii", errors="replace")[:32].strip()
            age = time.time() - self.path.stat().st_mtime
        except OSError:
            return None
        if not text.isdigit():
            return None if age > 5 else 0  # being written this moment, or damaged
        pid = int(text)
        if pid == os.getpid() or pid <= 0:
            return None
        if os.name == "nt":
            return pid if age < STALE_ON_WINDOWS else None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except OSError:
            return pid  # alive, another user's
        return pid

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        key = str(self.path)
        _HELD[key] = _HELD.get(key, 1) - 1
        if _HELD[key] <= 0:
            _HELD.pop(key, None)
            try:
                os.unlink(self.path)
            except OSError:
                pass

    def __enter__(self) -> "SaveLock":
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
