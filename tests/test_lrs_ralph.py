"""A real LRS (Ralph on 127.0.0.1): a case played into it, an outage survived, every statement stored once."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections import Counter

import pytest
from ralph_server import RalphServer, require_ralph
from records_helpers import answer_at_random, play_recorded, shipped

from sim.records.lrs_client import LrsClient
from sim.records.outbox import Courier, Outbox, deliver
from sim.records.profile import Learner, LrsConfig
from sim.records.xapi import statements_from_log, verb_name


@pytest.fixture(scope="module")
def ralph(tmp_path_factory):
    require_ralph()
    server = RalphServer(tmp_path_factory.mktemp("ralph"))
    server.create_user()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def config_for(server, password=None, timeout=5.0) -> LrsConfig:
    return LrsConfig(server.url, server.username, password or server.password, timeout=timeout, source="test")


def wait_until(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} did not happen within {timeout} s")


def waiting(path) -> int:
    outbox = Outbox(path)
    try:
        return outbox.status().pending
    finally:
        outbox.close()


def stored(server, registration: str) -> list[dict]:
    """What the LRS holds for one session, filtered here (Ralph's fs backend ignores filters on some fields)."""
    everything = LrsClient(config_for(server)).statements()
    return [s for s in everything if (s.get("context") or {}).get("registration") == registration]


def test_a_case_reaches_ralph_through_an_outage_and_every_statement_is_stored_once(ralph, tmp_path):
    config = config_for(ralph)
    outbox = tmp_path / "outbox.sqlite3"
    courier = Courier(config, outbox, first_wait=0.2, longest_wait=1.0, idle_wait=0.5).start()
    try:
        scenario = shipped("hospital_admission")
        session, recorder = play_recorded(scenario, 7, Learner("Ana R.", "Ana R."), tmp_path / "logs",
                                          config=config, outbox=outbox, courier=courier, stop_after=6)
        wait_until(lambda: waiting(outbox) == 0, 20, "the first statements reaching the LRS")
        first = len(stored(ralph, recorder.registration))
        assert first == recorder.queued > 0

        ralph.stop()  # the LRS goes down mid-case: play goes on, nothing is lost
        rng = random.Random("after the outage")
        answer_at_random(session, rng, stop_after=5)
        wait_until(lambda: courier.notice, 15, "a notice that the LRS is down")
        assert "cannot be reached" in courier.notice and "127.0.0.1" in courier.notice
        assert ralph.password not in courier.notice
        assert waiting(outbox) > 0

        ralph.start()  # back up: the outbox delivers what waited, then the rest of the case
        answer_at_random(session, rng)
        assert session.is_over
        recorder.close()
        wait_until(lambda: waiting(outbox) == 0, 30, "the outbox emptying after the LRS came back")
    finally:
        courier.stop()

    held = stored(ralph, recorder.registration)
    ids = [s["id"] for s in held]
    assert len(ids) == len(set(ids)), "a statement was stored twice"
    from_log = statements_from_log(recorder.log_path)
    assert set(ids) == {s["id"] for s in from_log} == {s["id"] for s in Outbox(outbox).all_statements()}
    verbs = Counter(verb_name(s) for s in held)
    assert verbs["initialized"] == 1 and verbs["completed"] == 1
    assert verbs["selected"] >= session.decision_count and verbs["answered"] == len(session.calibrations)
    assert all(s["actor"]["name"] == "Ana R." for s in held)
    assert "stored" in held[0] and "authority" in held[0]  # the LRS's own additions: it really stored them

    # sending everything again changes nothing: the ids were fixed when the statements were made
    assert deliver(Outbox(outbox), config, include_rejected=True).problem is None
    again = Outbox(outbox)
    for statement in again.all_statements():
        LrsClient(config).put(statement)
    assert len(stored(ralph, recorder.registration)) == len(held)


def test_refused_credentials_give_a_clear_notice_and_lose_nothing(ralph, tmp_path):
    wrong = "not-the-Password-42"
    scenario = shipped("grandmother_voluntary")
    outbox = tmp_path / "outbox.sqlite3"
    session, recorder = play_recorded(scenario, 3, Learner("Bo", "Bo"), tmp_path / "logs", outbox=outbox)
    count = recorder.queued
    done = deliver(Outbox(outbox), config_for(ralph, password=wrong))
    assert done.problem is not None and done.problem.kind == "refused"
    assert "refused the username and password" in str(done.problem) and wrong not in str(done.problem)
    assert waiting(outbox) == count

    env = {**os.environ, "ALLIANCE_HOME": str(tmp_path), "ALLIANCE_CONFIG_HOME": str(tmp_path / "config"),
           "ALLIANCE_LRS_ENDPOINT": ralph.url, "ALLIANCE_LRS_USERNAME": ralph.username,
           "ALLIANCE_LRS_PASSWORD": wrong}
    flush = subprocess.run([sys.executable, "-m", "sim", "lrs", "flush"], env=env, capture_output=True, text=True,
                           timeout=60)
    assert flush.returncode == 1 and "refused the username and password" in flush.stderr
    status = subprocess.run([sys.executable, "-m", "sim", "lrs", "status"], env=env, capture_output=True, text=True,
                            timeout=60)
    assert f"{count} waiting" in status.stdout
    for text in (flush.stdout, flush.stderr, status.stdout, status.stderr,
                 recorder.log_path.read_text(encoding="utf-8")):
        assert wrong not in text and ralph.password not in text

    env["ALLIANCE_LRS_PASSWORD"] = ralph.password
    flush = subprocess.run([sys.executable, "-m", "sim", "lrs", "flush"], env=env, capture_output=True, text=True,
                           timeout=60)
    assert flush.returncode == 0, flush.stderr
    assert f"Sent {count} statement(s)" in flush.stdout and ralph.password not in flush.stdout + flush.stderr
    assert len(stored(ralph, recorder.registration)) == count


def test_a_statement_the_lrs_will_not_take_does_not_hold_back_the_rest(ralph, tmp_path):
    scenario = shipped("hospital_admission")
    outbox_path = tmp_path / "outbox.sqlite3"
    _, recorder = play_recorded(scenario, 11, Learner("Cy", "Cy"), tmp_path / "logs", outbox=outbox_path)
    outbox = Outbox(outbox_path)
    statements = outbox.all_statements()
    clash = json.loads(json.dumps(statements[3]))
    clash["result"]["response"] = "another answer"  # same id, other content: the LRS must refuse it
    LrsClient(config_for(ralph)).post([clash])
    done = deliver(outbox, config_for(ralph))
    assert done.problem is None and done.rejected == 1 and done.sent == len(statements) - 1
    status = outbox.status()
    assert status.pending == 0 and status.rejected == 1 and "409" in status.rejections[0][1]
    assert len(stored(ralph, recorder.registration)) == len(statements)


def test_the_cohort_report_reads_the_lrs_and_counts_a_session_once_with_its_log(ralph, tmp_path):
    scenario = shipped("grandmother_voluntary")
    outbox = tmp_path / "outbox.sqlite3"
    session, recorder = play_recorded(scenario, 21, Learner("Dee", "Dee"), tmp_path / "logs", outbox=outbox)
    assert deliver(Outbox(outbox), config_for(ralph)).problem is None
    env = {**os.environ, "ALLIANCE_HOME": str(tmp_path), "ALLIANCE_CONFIG_HOME": str(tmp_path / "config"),
           "ALLIANCE_LRS_USERNAME": ralph.username, "ALLIANCE_LRS_PASSWORD": ralph.password}
    both = subprocess.run([sys.executable, "-m", "sim", "report", str(tmp_path / "logs"), "--lrs", ralph.url,
                           "--csv", str(tmp_path / "both.csv")], env=env, capture_output=True, text=True, timeout=60)
    assert both.returncode == 0, both.stderr
    rows = (tmp_path / "both.csv").read_text(encoding="utf-8").splitlines()
    dee = [row for row in rows if row.startswith("Dee,")]
    assert len(dee) == session.decision_count  # the log and the LRS give the same ids: no session counted twice
