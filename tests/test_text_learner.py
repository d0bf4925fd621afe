"""The terminal: who is playing, asked once (or given with --learner), in the log and the learning record;
a resumed session keeps its learner and registration."""

from __future__ import annotations

import io
import subprocess
import sys

from scenario_helpers import TINY

from sim.records.log import data_dir, read_log
from sim.records.outbox import Outbox
from sim.records.profile import learner_from_settings
from sim.ui.terminal.frontend import ASK_NAME, play_text


def feeder(answers, asked=None):
    answers = list(answers)

    def read(prompt):
        if asked is not None:
            asked.append(prompt)
        if not answers:
            raise EOFError
        return answers.pop(0)

    return read


def headers(folder):
    return sorted((read_log(path)[0] for path in folder.glob("*.jsonl")), key=lambda header: header["t"])


def test_the_name_is_asked_once_and_remembered(tmp_path, tiny):
    asked = []
    assert play_text(tiny, 0, False, read=feeder(["Ana R.", "2"], asked), out=io.StringIO(), log_dir=tmp_path,
                     ask=True) == 0
    assert asked[0] == ASK_NAME
    assert learner_from_settings().name == "Ana R."
    header = headers(tmp_path)[0]
    assert (header["learner"], header["mode"], header["front_end"], header["seed"]) == (
        "Ana R.", "assessment", "terminal", 0)
    assert header["digest"] == tiny.digest and header["version"]


def test_a_resumed_terminal_session_keeps_its_learner_and_registration(tmp_path, tiny):
    assert play_text(tiny, 0, False, read=feeder(["Bo", "2"]), out=io.StringIO(), log_dir=tmp_path, ask=True) == 0
    assert play_text(tiny, 0, True, read=feeder(["60", "1", "55"]), out=io.StringIO(), log_dir=tmp_path) == 0
    first, second = headers(tmp_path)
    assert second["resumed"] and second["registration"] == first["registration"] and second["learner"] == "Bo"
    statements = Outbox(data_dir() / "outbox.sqlite3").all_statements()
    assert {s["context"]["registration"] for s in statements} == {first["registration"]}
    assert len({s["id"] for s in statements}) == len(statements)


def test_learner_on_the_command_line_is_remembered_and_not_asked(tmp_path):
    result = subprocess.run([sys.executable, "-m", "sim", "play", "--text", "--learner", "Cy", str(TINY)],
                            input="2\n", capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Who is playing" not in result.stdout  # given, so not asked; input is not a terminal anyway
    assert learner_from_settings().name == "Cy"
    header = read_log(sorted((data_dir() / "logs").glob("*.jsonl"))[0])[0]
    assert header["learner"] == "Cy"


def test_a_name_too_long_is_asked_again_in_the_terminal_and_refused_on_the_command_line(tmp_path, tiny):
    out = io.StringIO()
    assert play_text(tiny, 0, False, read=feeder(["x" * 90, "Di", "2"]), out=out, log_dir=tmp_path, ask=True) == 0
    assert "at most 80 characters (this one has 90)" in out.getvalue()
    assert learner_from_settings().name == "Di"
    result = subprocess.run([sys.executable, "-m", "sim", "play", "--text", "--learner", "y" * 81, str(TINY)],
                            input="", capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "at most 80 characters" in result.stderr and "Traceback" not in result.stderr
