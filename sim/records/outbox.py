"""The outbox: every statement is stored here first, then sent to the LRS in the background.

The store is one SQLite file in the data folder (``outbox.sqlite3``). SQLite is
in Python's standard library and gives what a hand-made queue of files would
have to get right by itself: a statement is either stored whole or not at all
(a crash mid-write rolls back), two programs can use the outbox at once (the
window sending while ``alliance-sim lrs flush`` runs), and adding a statement
whose id is already there is a no-op. Statements are kept after they are sent,
marked with the time, so ``lrs status`` can say what went where.

``deliver`` sends what is waiting, in the order it was made. A statement is
marked sent only after the LRS has taken it; if the program stops in between,
it is sent again later under the same id, which an LRS stores only once.
``Courier`` runs ``deliver`` on a background thread with exponential backoff,
so play never waits for the network.

The file lives in the learner's data folder, often on a shared lab machine, so
what is read back is checked like every other file the program reads back:

* a path that is not a regular file (a FIFO, a device, a folder) is refused,
  never opened, so nothing hangs;
* a file that is not SQLite, or is damaged (SQLite's ``quick_check`` of every
  page, when it is opened), or whose tables have another shape, or that holds
  triggers (SQL an outbox never has, run at every write) is moved aside as
  ``outbox.sqlite3.damaged-STAMP``, kept for whoever wants to look, and a new
  outbox is started; ``notice`` says so, naming both files;
* every row is checked as it is read: its id must be text, its body text of at
  most 1 MB, JSON within the depth and number limits of ``sim.safeio``, a
  statement with that id. A row that is not is marked as damaged, with the
  reason, and never sent; ``lrs status`` lists it; the other rows go on.

None of this ever raises anything but ``OutboxError``, and a front end that
gets one plays on (``sim.ui.recording``).
"""

from __future__ import annotations

import json
import os
import random
import re
import sqlite3
import stat
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sim.errors import FileRefused, LrsError, OutboxError
from sim.records.log import data_dir
from sim.safeio import MB, load_json
from sim.records.lrs_client import LrsClient
from sim.records.profile import LrsConfig
from sim.i18n import _

OUTBOX_FILE = "outbox.sqlite3"
BATCH = 50
SCHEMA = """
CREATE TABLE IF NOT EXISTS statements (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    body TEXT NOT NULL,
    created REAL NOT NULL,
    sent REAL,
    rejected TEXT,
    attempts INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
COLUMNS = {"statements": {"seq", "id", "body", "created", "sent", "rejected", "attempts"}, "meta": {"key", "value"}}
STATEMENT_LIMIT = 1 * MB     # one statement's JSON (a real one is a few kB)
ID_LIMIT = 200               # a statement id is a UUID
DAMAGED = "damaged in the outbox, never sent: "  # how a row that failed its check is marked (rejected)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def outbox_path() -> Path:
    return data_dir() / OUTBOX_FILE


@dataclass
class OutboxStatus:
    path: Path
    pending: int
    sent: int
    rejected: int
    oldest_pending: float | None
    last_attempt: float | None
    last_sent: float | None
    last_problem: str
    rejections: list          # [(statement id, reason)] of the statements the LRS refused to store


class Outbox:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else outbox_path()
        self.notice = ""  # set when a damaged outbox was moved aside and a new one started
        self.moved_aside: Path | None = None  # where the damaged one went
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._refuse_special_file()
            try:
                self._db = self._open()
            except _Damaged as damaged:
                aside = self.moved_aside = self._move_aside()
                self.notice = _("{path}: the outbox of learning records was damaged ({reason}); it was moved "
                                "aside as {aside}, where nothing is sent from, and a new one was started").format(
                    path=self.path, reason=damaged, aside=aside.name)
                self._db = self._open()
        except (_Damaged, sqlite3.Error, OSError) as exc:
            raise OutboxError(_("{path}: the outbox of learning records cannot be opened ({reason})").format(
                path=self.path, reason=exc)) from None

    def _refuse_special_file(self) -> None:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return
        if not stat.S_ISREG(info.st_mode):
            kind = _("a folder") if stat.S_ISDIR(info.st_mode) else _("not a regular file (a FIFO, a device...)")
            raise OutboxError(_("{path}: the outbox of learning records is {kind}; it was not opened").format(
                path=self.path, kind=kind))

    def _open(self) -> sqlite3.Connection:
        """A connection to an outbox of the right shape. Raises _Damaged for a file that is not SQLite, is
        damaged, or holds tables of another shape; sqlite3.Error or OSError for anything else (a folder that
        cannot be written, a lock held too long), which is not the file's fault and leaves it alone."""
        db = sqlite3.connect(self.path, timeout=15, isolation_level=None)
        try:
            db.execute("PRAGMA trusted_schema=OFF")  # nothing in the file's schema may call a function
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' LIMIT 1").fetchone():
                raise _Damaged(_("it holds triggers, which an outbox never has"))
            tables = dict(db.execute("SELECT name, type FROM sqlite_master WHERE name IN ('statements', 'meta')"))
            for name, columns in COLUMNS.items():
                if name in tables and tables[name] != "table":
                    raise _Damaged(_("'{name}' is a {kind}, not a table").format(name=name, kind=str(tables[name])[:20]))
                if name in tables:
                    found = {row[1] for row in db.execute(f"PRAGMA table_info({name})")}
                    if not columns <= found:
                        raise _Damaged(_("the table '{name}' has other columns ({columns})").format(
                            name=name, columns=", ".join(sorted(str(c)[:30] for c in found)[:10])))
            db.executescript(SCHEMA)
            verdict = db.execute("PRAGMA quick_check(1)").fetchone()  # every page (0.2 s for 40 MB, once)
            if verdict is None or verdict[0] != "ok":
                raise _Damaged(str(verdict[0] if verdict else _("it cannot be checked"))[:200])
        except sqlite3.OperationalError:
            db.close()
            raise  # locked, read-only, cannot be opened: not the file's fault
        except sqlite3.DatabaseError as exc:
            db.close()
            raise _Damaged(str(exc)) from None
        except _Damaged:
            db.close()
            raise
        return db

    def _move_aside(self) -> Path:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        counter = 1
        while aside.exists():
            counter += 1
            aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}-{counter}")
        os.replace(self.path, aside)
        for suffix in ("-wal", "-shm", "-journal"):  # SQLite's companions of the damaged file go with it
            companion = self.path.with_name(self.path.name + suffix)
            if companion.exists():
                os.replace(companion, aside.with_name(aside.name + suffix))
        return aside

    def close(self) -> None:
        self._db.close()

    def _write(self, sql: str, rows) -> int:
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                cursor = self._db.executemany(sql, rows)
                return cursor.rowcount
        except sqlite3.Error as exc:
            raise OutboxError(_("{path}: the outbox of learning records cannot be written ({reason})").format(
                path=self.path, reason=exc)) from None

    def add(self, statements: list[dict]) -> int:
        """Store statements (durably, before this returns); ones already there are left as they are."""
        now = time.time()
        rows = [(s["id"], json.dumps(s, ensure_ascii=False, sort_keys=True), now) for s in statements]
        return self._write("INSERT OR IGNORE INTO statements (id, body, created) VALUES (?, ?, ?)", rows)

    def _read(self, sql: str, params=()) -> list:
        try:
            return self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise OutboxError(_("{path}: the outbox of learning records cannot be read ({reason})").format(
                path=self.path, reason=exc)) from None

    def _checked(self, where: str, params: tuple, limit: int | None = None) -> list[tuple[int, dict]]:
        """(seq, statement) of the rows ``where`` selects, in order, each checked; a row that fails its check
        is marked damaged (and so never selected again) and left out."""
        found: list[tuple[int, dict]] = []
        after = -1
        while limit is None or len(found) < limit:
            rows = self._read(
                "SELECT seq, id, typeof(body), length(body), CASE WHEN typeof(body) = 'text' AND length(body) <= ? "
                f"THEN body END FROM statements WHERE seq > ? AND ({where}) AND (rejected IS NULL OR "
                "typeof(rejected) != 'text' OR substr(rejected, 1, ?) != ?) ORDER BY seq LIMIT ?",
                (STATEMENT_LIMIT, after, *params, len(DAMAGED), DAMAGED,
                 BATCH if limit is None else limit - len(found)))
            if not rows:
                break
            for seq, statement_id, kind, size, body in rows:
                after = seq
                statement, problem = self._check_row(seq, statement_id, kind, size, body)
                if problem:
                    self._write("UPDATE statements SET rejected = ? WHERE seq = ?", [(DAMAGED + problem, seq)])
                else:
                    found.append((seq, statement))
        return found

    def _check_row(self, seq, statement_id, kind: str, size, body) -> tuple[dict | None, str]:
        """(the statement, '') for a sound row, else (None, what is wrong with it)."""
        if not isinstance(statement_id, str) or not 0 < len(statement_id) <= ID_LIMIT:
            return None, _("its id is not a statement id")
        if kind != "text":
            return None, _("its body is missing") if kind == "null" else _("its body is not text")
        if body is None:
            return None, _("its body is too big ({size} characters; at most {limit})").format(
                size=f"{size:,}", limit=f"{STATEMENT_LIMIT:,}")
        try:
            statement = load_json(body, _("{path} (row {row})").format(path=self.path, row=seq), max_depth=32)
        except FileRefused as exc:
            return None, str(exc).split(": ", 1)[-1][:200]
        if not isinstance(statement, dict) or statement.get("id") != statement_id:
            return None, _("its body is not the statement of that id")
        return statement, ""

    def waiting(self, limit: int = BATCH, include_rejected: bool = False, after: int = 0) -> list[dict]:
        """The oldest statements not yet sent (rejected ones only when asked), from row ``after`` on."""
        return [statement for _seq, statement in self.pending(limit, include_rejected, after)]

    def pending(self, limit: int = BATCH, include_rejected: bool = False, after: int = 0) -> list[tuple[int, dict]]:
        """(row, statement) of the oldest statements not yet sent, each checked (see ``_checked``)."""
        where = "sent IS NULL AND seq > ?" + ("" if include_rejected else " AND rejected IS NULL")
        return self._checked(where, (after,), limit)

    def mark_sent(self, ids: list[str]) -> None:
        now = time.time()
        self._write("UPDATE statements SET sent = ?, rejected = NULL, attempts = attempts + 1 WHERE id = ?",
                    [(now, i) for i in ids])
        self._set({"last_sent": str(now)})

    def mark_rejected(self, statement_id: str, reason: str) -> None:
        self._write("UPDATE statements SET rejected = ?, attempts = attempts + 1 WHERE id = ?",
                    [(reason, statement_id)])

    def note_attempt(self, problem: str) -> None:
        self._set({"last_attempt": str(time.time()), "last_problem": problem})

    def _set(self, values: dict) -> None:
        self._write("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items()))

    def all_statements(self) -> list[dict]:
        """Every sound statement, sent or not, in order (a damaged row is marked and left out)."""
        return [statement for _seq, statement in self._checked("1", ())]

    def status(self) -> OutboxStatus:
        """Where the outbox stands; every value read back is checked (a number that is not one counts as
        none) and every text made safe to print (no control character, at most 300 characters)."""
        number_only = "CASE WHEN typeof(created) IN ('integer', 'real') THEN created END"
        pending = self._read(f"SELECT COUNT(*), MIN({number_only}) FROM statements "
                             "WHERE sent IS NULL AND rejected IS NULL")[0]
        sent = self._read("SELECT COUNT(*) FROM statements WHERE sent IS NOT NULL")[0][0]
        rejections = [(_safe(i), _safe(r)) for i, r in self._read(
            "SELECT id, rejected FROM statements WHERE sent IS NULL AND rejected IS NOT NULL ORDER BY seq")]
        meta = {k: v for k, v in self._read("SELECT key, value FROM meta") if isinstance(k, str)}
        return OutboxStatus(self.path, pending[0], sent, len(rejections), _number(pending[1]),
                            _number(meta.get("last_attempt")), _number(meta.get("last_sent")),
                            _safe(meta.get("last_problem", "")), rejections)


class _Damaged(OutboxError):
    """The outbox file is not SQLite, is damaged, or has tables of another shape (it is moved aside)."""


def _number(value) -> float | None:
    """A time read back: a finite number, else None."""
    try:
        number = float(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else None
    except (ValueError, OverflowError):
        return None
    return number if number is not None and number == number and abs(number) < 1e12 else None


def _safe(value) -> str:
    """A text read back, safe to print: bytes decoded, controls and bidi overrides removed, 300 characters."""
    if value is None:
        return ""
    if isinstance(value, bytes):
        value = value[:1200].decode("utf-8", "replace")
    return _CONTROL.sub("", str(value)[:1200])[:300]


@dataclass
class Delivery:
    sent: int = 0
    rejected: int = 0
    problem: LrsError | None = None


def deliver(outbox: Outbox, config: LrsConfig, include_rejected: bool = False, batch: int = BATCH,
            client: LrsClient | None = None) -> Delivery:
    """Send every waiting statement, oldest first, until none is left or the LRS cannot take more."""
    client = client or LrsClient(config)
    done = Delivery()
    size = batch
    after = 0  # each delivery goes through the rows once: one the LRS refuses again is not retried at once
    while True:
        rows = outbox.pending(size, include_rejected, after)
        if not rows:
            break
        statements = [statement for _seq, statement in rows]
        try:
            client.post(statements)
        except LrsError as exc:
            if exc.kind == "too_large" and size > 1:
                size = max(1, size // 2)
                continue
            if exc.kind not in ("rejected", "conflict", "too_large"):
                done.problem = exc
                break
            # one statement the LRS will not take must not hold back the rest: send them one by one
            if not _one_by_one(outbox, client, statements, done):
                break
            after = rows[-1][0]
            continue
        outbox.mark_sent([s["id"] for s in statements])
        done.sent += len(statements)
        after = rows[-1][0]
    outbox.note_attempt(str(done.problem) if done.problem else "")
    return done


def _one_by_one(outbox: Outbox, client: LrsClient, statements: list[dict], done: Delivery) -> bool:
    for statement in statements:
        try:
            client.put(statement)
        except LrsError as exc:
            if exc.kind in ("rejected", "conflict", "too_large"):
                outbox.mark_rejected(statement["id"], str(exc))
                done.rejected += 1
                continue
            done.problem = exc
            return False
        outbox.mark_sent([statement["id"]])
        done.sent += 1
    return True


class Courier:
    """Sends the outbox in the background: at once when woken, then with backoff while the LRS fails.

    ``notice`` is the latest problem in words (empty while all is well), for a front end to show.
    """

    def __init__(self, config: LrsConfig, path: Path | None = None, first_wait: float = 2.0,
                 longest_wait: float = 300.0, idle_wait: float = 60.0):
        self.config = config
        self.path = Path(path) if path else outbox_path()
        self.first_wait, self.longest_wait, self.idle_wait = first_wait, longest_wait, idle_wait
        self.notice = ""   # the latest problem, as a sentence for a window
        self.moved_aside = ""  # a damaged outbox moved aside when it was opened (said while nothing else is)
        self.problem = ""  # the same, as the bare reason ("the LRS at … cannot be reached (…)")
        self.sent = 0
        self.rejected = 0
        self.rounds = 0
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._rounds = threading.Condition()
        self._begun = 0
        self._thread = threading.Thread(target=self._run, name="alliance-lrs-courier", daemon=True)

    def start(self) -> "Courier":
        self._thread.start()
        return self

    def wake(self) -> None:
        """New statements are waiting (ignored while backing off after a failure)."""
        self._wake.set()

    def stop(self, wait: float = 2.0) -> None:
        """Stop sending; waits up to ``wait`` seconds for a request under way (what is unsent stays stored)."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(wait)

    def settle(self, timeout: float) -> bool:
        """Wait until a round that began after this call has ended (sent all, or failed); False on timeout."""
        with self._rounds:
            target = self._begun
            return self._rounds.wait_for(lambda: self.rounds > target, timeout)

    def _run(self) -> None:
        wait = self.first_wait
        outbox = None
        while not self._stop.is_set():
            self._wake.clear()
            with self._rounds:
                self._begun += 1
            failed = True
            try:
                if outbox is None:
                    outbox = Outbox(self.path)
                    if outbox.notice:  # a damaged outbox was moved aside: say so, and go on with the new one
                        self.moved_aside = self.config.redact(outbox.notice)
                done = deliver(outbox, self.config)
                self.sent += done.sent
                self.rejected += done.rejected
                failed = done.problem is not None
                self.problem = self.config.redact(str(done.problem)) if failed else ""
                self.notice = self._words(done.problem) if failed else self.moved_aside
                refused = failed and done.problem.kind == "refused"
            except (OutboxError, LrsError) as exc:
                self.notice = self.problem = self.config.redact(str(exc))
                refused = False
                if isinstance(exc, OutboxError) and outbox is not None:
                    outbox.close()  # opened afresh next round (another copy may have moved a damaged one aside)
                    outbox = None
            with self._rounds:
                self.rounds += 1
                self._rounds.notify_all()
            if not failed:
                wait = self.first_wait
                self._wake.wait(self.idle_wait)
                continue
            delay = self.longest_wait if refused else wait
            wait = min(self.longest_wait, wait * 2)
            deadline = time.monotonic() + delay * random.uniform(0.8, 1.2)
            while not self._stop.is_set() and time.monotonic() < deadline:  # wakes do not cut a backoff short
                self._stop.wait(min(1.0, max(0.0, deadline - time.monotonic())))
        if outbox is not None:
            outbox.close()

    def _words(self, problem: LrsError) -> str:
        return self.config.redact(_("Learning records are not reaching the LRS: {problem}. They are kept on this "
                                    "computer and sent when it answers.").format(problem=problem))
