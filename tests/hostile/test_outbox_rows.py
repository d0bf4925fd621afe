"""A damaged or hostile outbox of learning records (``outbox.sqlite3`` in the data folder): a file that is not
SQLite or whose tables have another shape is moved aside with a message naming both files; a row that is not
a sound statement is marked damaged and never sent; nothing is a traceback, and play goes on."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.cli import main
from sim.errors import LrsError, OutboxError
from sim.records.log import data_dir
from sim.records.outbox import DAMAGED, STATEMENT_LIMIT, Outbox, deliver
from sim.records.profile import LrsConfig


def statement(number: int) -> dict:
    return {"id": f"00000000-0000-4000-8000-{number:012d}", "verb": {"id": "http://adlnet.gov/expapi/verbs/x"}}


class Client:
    """An LRS that takes everything, and remembers what it was sent."""

    def __init__(self):
        self.sent = []

    def post(self, statements):
        self.sent.extend(statements)

    def put(self, one):
        self.sent.append(one)


def raw_rows(path, rows):
    """Rows written straight into the table, as a tampered or damaged file would hold them."""
    with sqlite3.connect(path) as db:
        db.executemany("INSERT INTO statements (id, body, created) VALUES (?, ?, ?)", rows)


@pytest.fixture
def outbox_path(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    Outbox(path).close()  # a sound, empty outbox
    return path


def test_a_file_that_is_not_sqlite_is_moved_aside_and_a_new_outbox_started(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    path.write_bytes(b"this is not a database\n" * 200)
    outbox = Outbox(path)
    assert str(path) in outbox.notice and "was damaged" in outbox.notice and "moved aside" in outbox.notice
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("outbox.sqlite3.damaged-")]
    assert len(aside) == 1 and aside[0].name in outbox.notice
    assert aside[0].read_bytes() == b"this is not a database\n" * 200  # kept as it was, for whoever looks
    outbox.add([statement(1)])
    assert outbox.all_statements() == [statement(1)] and outbox.status().pending == 1
    outbox.close()
    assert Outbox(path).notice == ""  # the new one is sound


@pytest.mark.parametrize("schema, words", [
    ("CREATE TABLE statements (x)", "other columns"),
    ("CREATE TABLE statements (seq, id, body, created, sent, rejected, attempts); CREATE VIEW meta AS SELECT 1",
     "'meta' is a view"),
    ("CREATE TABLE other (a); CREATE VIEW statements AS SELECT * FROM other", "'statements' is a view"),
    ("CREATE TABLE statements (seq INTEGER PRIMARY KEY, id, body, created, sent, rejected, attempts); "
     "CREATE TRIGGER forever AFTER INSERT ON statements BEGIN SELECT count(*) FROM (WITH RECURSIVE n(i) AS "
     "(SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT i FROM n); END", "holds triggers"),
])
def test_tables_of_another_shape_are_moved_aside(tmp_path, schema, words):
    path = tmp_path / "outbox.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(schema)
    outbox = Outbox(path)
    assert words in outbox.notice and str(path) in outbox.notice
    outbox.add([statement(2)])
    assert outbox.waiting() == [statement(2)]


@pytest.mark.parametrize("at", [100, 4096, 40_000])
def test_a_database_with_broken_pages_is_moved_aside(tmp_path, at):
    path = tmp_path / "outbox.sqlite3"
    outbox = Outbox(path)
    outbox.add([{**statement(n), "pad": "y" * 100} for n in range(300)])
    outbox.close()
    data = path.read_bytes()
    assert len(data) > at + 4000
    path.write_bytes(data[:at] + b"\xff" * 4000 + data[at + 4000:])  # a disk, a copy or a hand that broke pages
    reopened = Outbox(path)
    assert "was damaged" in reopened.notice and str(path) in reopened.notice
    assert reopened.waiting() == [] and reopened.status().pending == 0  # a new, sound one
    reopened.add([statement(1)])
    assert reopened.waiting() == [statement(1)]


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_an_outbox_that_is_not_a_regular_file_is_refused_not_waited_on(tmp_path, kind):
    path = tmp_path / "outbox.sqlite3"
    os.mkfifo(path) if kind == "fifo" else path.mkdir()
    result = []

    def open_it():
        try:
            Outbox(path)
        except OutboxError as exc:
            result.append(str(exc))

    worker = threading.Thread(target=open_it, daemon=True)
    worker.start()
    worker.join(20)
    assert result and str(path) in result[0] and "was not opened" in result[0]
    assert path.exists()  # left where it is


ROWS = {
    "an id that is a number": (12345, json.dumps(statement(3)), 1.0),
    "a body that is a blob": (statement(4)["id"], json.dumps(statement(4)).encode(), 1.0),
    "a body that is a number": (statement(5)["id"], 42, 1.0),
    "a body that is not JSON": (statement(6)["id"], "{not json", 1.0),
    "a body nested too deep": (statement(7)["id"], "[" * 5000 + "]" * 5000, 1.0),
    "a body with a huge number": (statement(8)["id"], '{"id": "%s", "n": %s}' % (statement(8)["id"], "9" * 5000),
                                  1.0),
    "a body with NaN": (statement(9)["id"], '{"id": "%s", "n": NaN}' % statement(9)["id"], 1.0),
    "a body that is a list": (statement(10)["id"], "[1, 2]", 1.0),
    "a body of another statement": (statement(11)["id"], json.dumps(statement(99)), 1.0),
    "a huge body": (statement(12)["id"], '{"id": "%s", "pad": "%s"}' % (statement(12)["id"],
                                                                         "x" * (STATEMENT_LIMIT + 10)), 1.0),
    "an id far too long": ("x" * 100_000, json.dumps(statement(13)), 1.0),
}


def test_damaged_rows_are_marked_never_sent_and_the_rest_goes(outbox_path):
    good = [statement(1), statement(2)]
    outbox = Outbox(outbox_path)
    outbox.add([good[0]])
    raw_rows(outbox_path, list(ROWS.values()))
    outbox.add([good[1]])
    client = Client()
    done = deliver(outbox, LrsConfig(), include_rejected=True, client=client)
    assert client.sent == good and done.sent == 2 and done.problem is None
    status = outbox.status()
    assert status.pending == 0 and status.sent == 2 and status.rejected == len(ROWS)
    reasons = [reason for _, reason in status.rejections]
    assert all(reason.startswith(DAMAGED) for reason in reasons), reasons
    assert any("nested more than" in r for r in reasons) and any("too big" in r for r in reasons)
    assert any("not the statement of that id" in r for r in reasons) and any("not text" in r for r in reasons)
    assert all(len(statement_id) <= 300 for statement_id, _ in status.rejections)
    assert deliver(outbox, LrsConfig(), include_rejected=True, client=Client()).sent == 0  # never tried again
    assert outbox.all_statements() == good


def test_a_statement_the_lrs_refuses_again_is_not_retried_in_a_loop(outbox_path):
    """`lrs flush` sends the refused ones again, once: it looped for ever when the LRS refused them again."""
    class Refusing:
        posts = 0

        def post(self, statements):
            Refusing.posts += 1
            assert Refusing.posts < 20, "the same statements are sent again and again"
            raise LrsError("rejected", "the LRS will not store it")

        def put(self, one):
            raise LrsError("rejected", "the LRS will not store it")

    outbox = Outbox(outbox_path)
    outbox.add([statement(1), statement(2)])
    for _ in range(2):
        done = deliver(outbox, LrsConfig(), include_rejected=True, client=Refusing())
        assert done.rejected == 2 and done.sent == 0
    assert outbox.status().rejected == 2


def test_hostile_meta_and_times_are_read_as_nothing_and_printed_safely(outbox_path, capsys, monkeypatch):
    monkeypatch.setenv("ALLIANCE_HOME", str(outbox_path.parent))
    raw_rows(outbox_path, [(statement(1)["id"], json.dumps(statement(1)), "yesterday")])
    with sqlite3.connect(outbox_path) as db:
        db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                       [("last_sent", "soon"), ("last_attempt", "1e999"), ("last_problem", "\x1b]0;owned\x07\x1b[2J")])
        db.execute("UPDATE statements SET rejected = ? WHERE id = ?", ("\x1b[31mred\u202e" * 100, statement(1)["id"]))
    status = Outbox(outbox_path).status()
    assert status.oldest_pending is None and status.last_sent is None and status.last_attempt is None
    assert main(["lrs", "status"]) in (0, 1)
    out = capsys.readouterr()
    assert "\x1b" not in out.out + out.err and "\u202e" not in out.out and "Traceback" not in out.err
    assert str(outbox_path) in out.out


def test_lrs_status_names_a_file_that_is_not_sqlite(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ALLIANCE_HOME", str(tmp_path))
    (tmp_path / "outbox.sqlite3").write_text("garbage", encoding="utf-8")
    assert main(["lrs", "status"]) in (0, 1)
    out = capsys.readouterr()
    assert "was damaged" in out.out and str(tmp_path / "outbox.sqlite3") in out.out and "internal error" not in out.err


def test_play_goes_on_over_a_damaged_outbox_in_the_terminal(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "outbox.sqlite3").write_bytes(b"\0garbage" * 1000)
    env = {**os.environ, "ALLIANCE_HOME": str(home), "ALLIANCE_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run([sys.executable, "-m", "sim", "play", "--text", "--learner", "Sam", "--seed", "0",
                           "hospital_admission"], input="1\n1\n50\n1\n50\n", capture_output=True, text=True,
                          timeout=300, env=env, cwd=tmp_path)
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert "Saved" in done.stdout or "saved" in done.stdout
    assert any(p.name.startswith("outbox.sqlite3.damaged-") for p in home.iterdir())
    assert Outbox(home / "outbox.sqlite3").all_statements()  # the new outbox took the session's statements


bodies = st.one_of(st.none(), st.integers(-2**63, 2**63 - 1), st.floats(), st.binary(max_size=64), st.text(max_size=64),
                   st.builds(json.dumps, st.recursive(st.one_of(st.none(), st.integers(), st.text(max_size=8)),
                                                      lambda c: st.lists(c, max_size=4) | st.dictionaries(
                                                          st.sampled_from(["id", "verb", "x"]), c, max_size=4),
                                                      max_leaves=20)))


@given(rows=st.lists(st.tuples(st.one_of(st.text(min_size=1, max_size=40), st.integers(-2**63, 2**63 - 1), st.binary(max_size=8)),
                               bodies, st.one_of(st.floats(), st.text(max_size=5), st.none())), max_size=8))
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_no_row_however_damaged_raises_anything(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "outbox.sqlite3"
    Outbox(path).close()
    with sqlite3.connect(path) as db:  # a tampered file: the constraints of the real table are not there
        db.executescript("DROP TABLE statements; CREATE TABLE statements (seq INTEGER PRIMARY KEY, id, body, "
                         "created, sent, rejected, attempts DEFAULT 0)")
        db.executemany("INSERT INTO statements (id, body, created) VALUES (?, ?, ?)", rows)
    outbox = Outbox(path)
    found = outbox.waiting(100, include_rejected=True)
    assert all(isinstance(s, dict) and isinstance(s.get("id"), str) for s in found)
    status = outbox.status()
    assert status.pending + status.rejected + status.sent == len(rows)
    assert all(isinstance(i, str) and isinstance(r, str) for i, r in status.rejections)
    deliver(outbox, LrsConfig(), client=Client())
    outbox.close()


def test_a_recorded_session_plays_to_its_end_over_a_damaged_outbox():
    """The recorder both front ends use (the window's side: tests/ui/test_hostile_window.py)."""
    from records_helpers import play_recorded, shipped
    from sim.records.profile import Learner

    home = data_dir()
    home.mkdir(parents=True, exist_ok=True)
    (home / "outbox.sqlite3").write_text("SQLite format 3\0 but not really", encoding="utf-8")
    session, recorder = play_recorded(shipped("hospital_admission"), 1, Learner("Ana", "Ana"), home / "logs",
                                      outbox=home / "outbox.sqlite3")
    assert session.is_over
    assert "was damaged" in recorder.problem and "outbox.sqlite3.damaged-" in recorder.problem
    assert Outbox(home / "outbox.sqlite3").all_statements()
