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
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sim.errors import LrsError, OutboxError
from sim.records.log import data_dir
from sim.records.lrs_client import LrsClient
from sim.records.profile import LrsConfig

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
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=15, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise OutboxError(f"{self.path}: the outbox of learning records cannot be opened ({exc})") from None

    def close(self) -> None:
        self._db.close()

    def _write(self, sql: str, rows) -> int:
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                cursor = self._db.executemany(sql, rows)
                return cursor.rowcount
        except sqlite3.Error as exc:
            raise OutboxError(f"{self.path}: the outbox of learning records cannot be written ({exc})") from None

    def add(self, statements: list[dict]) -> int:
        """Store statements (durably, before this returns); ones already there are left as they are."""
        now = time.time()
        rows = [(s["id"], json.dumps(s, ensure_ascii=False, sort_keys=True), now) for s in statements]
        return self._write("INSERT OR IGNORE INTO statements (id, body, created) VALUES (?, ?, ?)", rows)

    def waiting(self, limit: int = BATCH, include_rejected: bool = False) -> list[dict]:
        """The oldest statements not yet sent (rejected ones only when asked)."""
        where = "sent IS NULL" + ("" if include_rejected else " AND rejected IS NULL")
        rows = self._db.execute(f"SELECT body FROM statements WHERE {where} ORDER BY seq LIMIT ?", (limit,))
        return [json.loads(body) for body, in rows]

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
        return [json.loads(body) for body, in self._db.execute("SELECT body FROM statements ORDER BY seq")]

    def status(self) -> OutboxStatus:
        db = self._db
        pending = db.execute("SELECT COUNT(*), MIN(created) FROM statements WHERE sent IS NULL AND rejected IS NULL"
                             ).fetchone()
        sent = db.execute("SELECT COUNT(*) FROM statements WHERE sent IS NOT NULL").fetchone()[0]
        rejections = db.execute("SELECT id, rejected FROM statements WHERE sent IS NULL AND rejected IS NOT NULL "
                                "ORDER BY seq").fetchall()
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        number = (lambda key: float(meta[key]) if meta.get(key) else None)
        return OutboxStatus(self.path, pending[0], sent, len(rejections), pending[1], number("last_attempt"),
                            number("last_sent"), meta.get("last_problem", ""), [tuple(r) for r in rejections])


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
    while True:
        statements = outbox.waiting(size, include_rejected)
        if not statements:
            break
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
            continue
        outbox.mark_sent([s["id"] for s in statements])
        done.sent += len(statements)
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
                outbox = outbox or Outbox(self.path)
                done = deliver(outbox, self.config)
                self.sent += done.sent
                self.rejected += done.rejected
                failed = done.problem is not None
                self.problem = self.config.redact(str(done.problem)) if failed else ""
                self.notice = self._words(done.problem) if failed else ""
                refused = failed and done.problem.kind == "refused"
            except (OutboxError, LrsError) as exc:
                self.notice = self.problem = self.config.redact(str(exc))
                refused = False
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
        return self.config.redact(f"Learning records are not reaching the LRS: {problem}. They are kept on this "
                                  "computer and sent when it answers.")
