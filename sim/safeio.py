"""Reading and writing the program's files safely: regular files only, a size limit, writes that keep links.

Every file the program reads back (a scenario, the catalogue, a save, the settings, a session log) is read
with ``read_text``: it opens without blocking (a FIFO never hangs it), checks that the file is a regular
file and no bigger than the limit *before* reading, and reads at most that many bytes (so ``/dev/zero`` or
a sparse file of gigabytes cannot eat the memory). The limits are generous for what a person writes:

- a scenario or a catalogue: 2 MB (the largest shipped case is about 40 kB);
- a save: 8 MB (its action list is capped at a multiple of the case's decisions anyway);
- the settings: 1 MB;
- a session log read by ``report``: 64 MB.

``write_atomic`` writes a regular file through a temporary file and a rename, so a crash never leaves half
a file. It never replaces what is not a regular file: a symlink is followed and its target is written
(atomically, the link stays), and a device or a FIFO (``/dev/stdout``, ``/dev/full``) is written through
directly, so its errors (a full device) are reported. A folder is refused. The temporary file is named
``.NAME.PID.XXXX.tmp``; ``clean_stale_temporaries`` removes those left by a process that was killed.

This module depends on nothing of the program but ``sim.errors``, so every layer can use it.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from sim.errors import FileRefused
from sim.i18n import N_, _

MB = 1024 * 1024
SCENARIO_LIMIT = 2 * MB
SAVE_LIMIT = 8 * MB
SETTINGS_LIMIT = 1 * MB
LOG_LIMIT = 64 * MB
STALE_SECONDS = 600  # a temporary file this old, or whose writer is gone, is left over from a crash


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, N_("a folder")), (stat.S_ISFIFO, N_("a FIFO (named pipe)")),
                       (stat.S_ISCHR, N_("a character device")), (stat.S_ISBLK, N_("a block device")),
                       (stat.S_ISSOCK, N_("a socket"))):
        if test(mode):
            return _(name)
    return _("not a regular file")



def read_bytes(path, limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Raises FileNotFoundError when it is missing,
    FileRefused when it is something else, too big or unreadable."""
    path = Path(path)
    what = _(what)  # a noun ("file", "save"...), marked N_ where it is named
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise FileRefused(_("{path}: this {what} is a folder, not a file").format(path=path, what=what)) from None
    except OSError as exc:
        raise FileRefused(_("{path}: the {what} cannot be opened ({reason})").format(
            path=path, what=what, reason=exc.strerror or exc)) from None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(_("{path}: the {what} is {kind}, not a regular file; it was not read").format(
                path=path, what=what, kind=_kind(info.st_mode)))
        if info.st_size > limit:
            raise FileRefused(_("{path}: the {what} is too big ({size} bytes; the limit is {limit}); "
                                "it was not read").format(path=path, what=what, size=f"{info.st_size:,}",
                                                          limit=f"{limit:,}"))
        chunks, total = [], 0
        while True:
            chunk = os.read(handle, min(1 * MB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(_("{path}: the {what} is too big (more than {limit} bytes); it was not read").format(
                    path=path, what=what, limit=f"{limit:,}"))
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(_("{path}: the {what} cannot be read ({reason})").format(
            path=path, what=what, reason=exc.strerror or exc)) from None
    finally:
        os.close(handle)


def read_text(path, limit: int, what: str = "file") -> str:
    """The UTF-8 text of a regular file (see ``read_bytes``). Raises FileNotFoundError or FileRefused."""
    data = read_bytes(path, limit, what)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileRefused(_("{path}: line {line}: the {what} is not UTF-8 text (byte {byte})").format(
            path=path, line=line, what=_(what), byte=exc.start), line) from None


def write_atomic(path, text: str) -> None:
    """Write ``text`` to ``path`` and never replace what is not a regular file (see the module's text).
    Raises OSError (IsADirectoryError for a folder, the device's own error for a device)."""
    path = Path(path)
    try:
        info = os.stat(path)  # follows a symlink: what is written is what it points to
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, _("it is a folder, not a file"), str(path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_through(path, text)  # a device, a FIFO, a pipe behind /dev/stdout: written into, never replaced
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))  # a link to a regular file: replace the target; the link stays
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if info is not None:
            try:
                os.chmod(temporary, stat.S_IMODE(info.st_mode))  # keep the file's permissions
            except OSError:
                pass
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _write_through(path: Path, text: str) -> None:
    """Write into a device or a FIFO as it is (no rename); a FIFO with no reader is an error, not a hang."""
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0)
    handle = os.open(path, flags)
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(handle, True)
        data = text.encode("utf-8")
        while data:
            written = os.write(handle, data)
            data = data[written:]
    finally:
        os.close(handle)


_TEMPORARY = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")


def clean_stale_temporaries(folder) -> list[Path]:
    """Remove the temporary files ``write_atomic`` left in ``folder`` when its process was killed (the writer is
    gone, or the file is older than ten minutes). Returns what was removed; problems are ignored."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if not match:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if _alive(int(match.group(1))) and now - entry.stat(follow_symlinks=False).st_mtime < STALE_SECONDS:
                continue
            os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid() or os.name == "nt":  # on Windows os.kill would end the process: go by age only
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


# ----- JSON read back from disk -----

MAX_DEPTH = 32       # no file of ours nests deeper than a few levels
MAX_INT_DIGITS = 30  # seeds and counts; a longer number is damage


def load_json(text: str, where, max_depth: int = MAX_DEPTH):
    """Parse JSON the program wrote itself, refusing (FileRefused, naming ``where`` and the line) what it never
    writes: nesting deeper than ``max_depth``, integers of more than 30 digits, NaN or infinities."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        token = match.group(0)
        if token in "[{":
            depth += 1
            if depth > max_depth:
                line = text.count("\n", 0, match.start()) + 1
                raise FileRefused(_("{where}: line {line}: nested more than {limit} levels deep; it was not read").format(
                    where=where, line=line, limit=max_depth), line)
        elif token in "]}":
            depth -= 1
    try:
        return json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise FileRefused(_("{where}: line {line}: damaged ({reason})").format(
            where=where, line=exc.lineno, reason=exc.msg), exc.lineno) from None
    except _BadNumber as exc:
        raise FileRefused(_("{where}: {reason}; it was not read").format(where=where, reason=exc)) from None
    except (ValueError, RecursionError) as exc:
        raise FileRefused(_("{where}: damaged ({reason}); it was not read").format(
            where=where, reason=type(exc).__name__)) from None


_BRACKETS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


class _BadNumber(ValueError):
    pass


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _BadNumber(_("a number of {count} digits").format(count=len(text)))
    return int(text)


def _float(text: str) -> float:
    if len(text) > 64:
        raise _BadNumber(_("a number of {count} characters").format(count=len(text)))
    value = float(text)
    if not math.isfinite(value):
        raise _BadNumber(_("the number {number} is out of range").format(number=text[:20]))
    return value


def _constant(text: str):
    raise _BadNumber(_("{number} is not a number this program writes").format(number=text))
