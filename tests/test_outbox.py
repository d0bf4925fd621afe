"""The outbox and the LRS settings: nothing lost when the LRS is down or slow, no duplicate ids, no password
in any message, and the settings' order of precedence."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from records_helpers import play_recorded, shipped

from sim.cli import main
from sim.errors import LearnerNameError, LrsConfigError, LrsError
from sim.records.lrs_client import LrsClient
from sim.records.outbox import Courier, Outbox, deliver
from sim.records.profile import (Learner, LrsConfig, learner_from_settings, read_settings,
                                 remember_learner, resolve_lrs, split_endpoint, update_settings)

SECRET = "correct-Horse-77"


class SilentServer:
    """Accepts connections and never answers: an LRS that hangs. Counts the connections it was offered."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while self.running:
            try:
                connection, _ = self.socket.accept()
                self.accepted.append(connection)
            except OSError:
                continue

    def close(self):
        self.running = False
        self.thread.join(2)
        for connection in self.accepted:
            connection.close()
        self.socket.close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens here once the probe is closed


@pytest.fixture(scope="module")
def queued(tmp_path_factory):
    folder = tmp_path_factory.mktemp("queued")
    play_recorded(shipped("hospital_admission"), 2, Learner("Ana", "Ana"), folder / "logs",
                  outbox=folder / "outbox.sqlite3")
    return Outbox(folder / "outbox.sqlite3").all_statements()


def test_adding_the_same_statements_again_stores_them_once(tmp_path, queued):
    outbox = Outbox(tmp_path / "o.sqlite3")
    assert outbox.add(queued) == len(queued)
    assert outbox.add(queued) == 0
    assert outbox.status().pending == len(queued)


def test_an_lrs_that_is_down_gives_a_notice_and_loses_nothing(tmp_path, queued):
    outbox = Outbox(tmp_path / "o.sqlite3")
    outbox.add(queued)
    config = LrsConfig(f"http://127.0.0.1:{closed_port()}/xAPI", "ana", SECRET, timeout=2)
    done = deliver(outbox, config)
    assert done.sent == 0 and done.problem.kind == "unavailable"
    assert "cannot be reached" in str(done.problem) and "127.0.0.1" in str(done.problem)
    status = outbox.status()
    assert status.pending == len(queued) and status.last_problem == str(done.problem)
    assert SECRET not in status.last_problem


def test_a_slow_lrs_times_out_without_blocking_and_loses_nothing(tmp_path, queued):
    server = SilentServer()
    try:
        outbox = Outbox(tmp_path / "o.sqlite3")
        outbox.add(queued)
        config = LrsConfig(*split_endpoint(f"http://ana:{SECRET}@127.0.0.1:{server.port}/xAPI"), timeout=0.5)
        done = deliver(outbox, config)
        assert done.problem.kind == "unavailable" and "did not answer within 0.5 s" in str(done.problem)
        assert outbox.status().pending == len(queued) and SECRET not in str(done.problem)

        courier = Courier(config, tmp_path / "o.sqlite3", first_wait=0.3, longest_wait=0.6, idle_wait=5).start()
        try:
            courier.wake()  # what the recorder does after each statement: the waiting is on the courier's thread
            assert courier.settle(10) and "did not answer" in courier.notice
            for _ in range(20):  # wakes while backing off do not hammer the LRS
                courier.wake()
            attempts = len(server.accepted)
            time.sleep(0.25)
            assert len(server.accepted) <= attempts + 1
        finally:
            courier.stop(2)
        assert Outbox(tmp_path / "o.sqlite3").status().pending == len(queued)
    finally:
        server.close()


def test_credentials_never_reach_a_repr_or_a_message():
    endpoint, user, password = split_endpoint(f"https://ana:{SECRET}@lrs.school.example/xAPI/statements/")
    assert (endpoint, user, password) == ("https://lrs.school.example/xAPI", "ana", SECRET)
    config = LrsConfig(endpoint, user, password)
    assert SECRET not in repr(config)
    assert config.redact(f"echo {SECRET} and ana:{SECRET}") == "echo *** and ***"
    with pytest.raises(LrsConfigError) as error:
        split_endpoint(f"ftp://ana:{SECRET}@lrs.school.example/")
    assert SECRET not in str(error.value)
    with pytest.raises(LrsError):
        LrsClient(LrsConfig())


def test_the_lrs_settings_come_from_the_file_then_the_environment_then_the_command_line():
    settings = {"lrs": {"endpoint": "https://file.example/xAPI", "username": "f", "password": "fp",
                        "hidden_numbers": False}}
    config = resolve_lrs(None, {}, settings)
    assert (config.endpoint, config.username, config.password, config.hidden_numbers, config.source) == (
        "https://file.example/xAPI", "f", "fp", False, "the settings file")
    env = {"ALLIANCE_LRS_ENDPOINT": "https://env.example/xAPI/", "ALLIANCE_LRS_PASSWORD": "ep"}
    config = resolve_lrs(None, env, settings)
    assert (config.endpoint, config.username, config.password) == ("https://env.example/xAPI", "f", "ep")
    config = resolve_lrs("http://cli.example:8100/xAPI", env, settings)
    assert (config.endpoint, config.source) == ("http://cli.example:8100/xAPI", "--lrs")
    assert not resolve_lrs(None, {}, {}).configured and resolve_lrs(None, {}, {}).hidden_numbers


def test_the_learner_is_remembered_beside_the_display_settings():
    from sim.ui.window.settings_store import Settings

    assert learner_from_settings() is None
    remember_learner("  Ana \t R. ")
    Settings(theme="contrast").save()  # the window saving its settings keeps the learner
    assert learner_from_settings() == Learner("Ana R.", "Ana R.")
    assert read_settings()["theme"] == "contrast"
    anonymous = remember_learner("")
    assert anonymous.anonymous and anonymous.account.startswith("anonymous-")
    assert remember_learner("").account == anonymous.account  # one id per computer, made once
    with pytest.raises(LearnerNameError):
        remember_learner("x" * 81)
    update_settings({"lrs": {"endpoint": "https://lrs.school.example/xAPI", "password": SECRET}})
    assert learner_from_settings().account == anonymous.account


def test_lrs_status_and_flush_without_an_lrs(capsys):
    assert main(["lrs", "status"]) == 0
    out = capsys.readouterr().out
    assert "LRS: none set up" in out and "0 waiting" in out
    assert main(["lrs", "flush"]) == 2
    assert "sending needs an LRS, and none is set up" in capsys.readouterr().err
    assert main(["lrs", "status", "--lrs", "gopher://x"]) == 2
    assert "http:// or https://" in capsys.readouterr().err


def test_lrs_setup_remembers_the_lrs_for_the_user_only(capsys, monkeypatch):
    import io
    import os

    monkeypatch.setattr("sys.stdin", io.StringIO(SECRET + "\n"))
    assert main(["lrs", "setup", "https://lrs.school.example/xAPI/", "--username", "ana", "--password-stdin",
                 "--no-hidden-numbers"]) == 0
    assert SECRET not in capsys.readouterr().out
    config = resolve_lrs(None, {})
    assert (config.endpoint, config.username, config.password, config.hidden_numbers) == (
        "https://lrs.school.example/xAPI", "ana", SECRET, False)
    from sim.records.profile import settings_path

    assert os.stat(settings_path()).st_mode & 0o077 == 0
