"""The command line: validate, explore, schema, play --text; never a traceback for a bad file."""

import json
from pathlib import Path
import subprocess
import sys

import pytest
from scenario_helpers import TINY, shown_number, write_scenario

from sim.cli import main
from sim.scenario.schema import build_schema, render_schema, schema_text


def run(*args, input_text=None):
    return subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True, text=True, input=input_text,
                          timeout=120)


def test_validate_shipped_scenarios_is_clean():
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout


@pytest.mark.parametrize("content", [
    "scenes: [\n",                      # YAML syntax
    "just a string\n",                  # wrong shape
    "\x00\x01binary",                   # not text
    "format: 1\nid: x\n",               # missing everything
    "a: &a [*a]\n",
    "format: 1\ncaregivers: 7\nscenes: {a: 1}\n",
])
def test_malformed_file_gives_messages_and_status_2_never_a_traceback(tmp_path, content):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content.encode("utf-8", "surrogatepass"))
    for command in (("validate", str(path)), ("explore", str(path)), ("play", "--text", str(path))):
        result = run(*command)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        output = result.stdout + result.stderr
        assert "Traceback" not in output
        assert f"{path}" in output and "error" in output


def test_validate_reports_one_line_per_problem_and_json(tmp_path):
    text = TINY.read_text().replace("share_report", "share_reprot").replace("minutes: 3", "minutes: -1")
    path = write_scenario(tmp_path, text)
    result = run("validate", str(path))
    lines = [l for l in result.stdout.splitlines() if ": error: " in l]
    assert result.returncode == 2 and len(lines) == 2
    assert all(l.startswith(f"{path}:") for l in lines)
    data = json.loads(run("validate", "--json", str(path)).stdout)
    assert {p["field"] for p in data["problems"]} >= {"minutes"}


def test_warnings_do_not_fail_unless_strict(tmp_path):
    text = TINY.read_text() + """
  - id: orphan_end
    phase: closure
    speaker: narrator
    ending: {type: dropout, title: {en: "x"}}
    text: {en: "x"}
"""
    path = write_scenario(tmp_path, text)
    assert run("validate", str(path)).returncode == 0
    assert run("validate", "--strict", str(path)).returncode == 2


def test_schema_is_shipped_and_current():
    assert schema_text() == render_schema()
    result = run("schema")
    assert json.loads(result.stdout) == build_schema()


def test_explore_json():
    data = json.loads(run("explore", str(TINY), "--json").stdout)
    assert data["best"]["score"] > data["worst"]["score"]
    assert set(data["endings"]) == {"end_good", "end_referred"}


def test_text_play_end_to_end_and_eof_saves(tmp_path):
    # sharing the report (shown where seed 7 puts it), then end of input: the session is saved
    from sim.scenario.loader import load_scenario

    share = shown_number(load_scenario(TINY), 7, "hello", 0, 1)
    result = run("play", "--text", "--seed", "7", str(TINY), input_text=f"{share}\n")
    assert result.returncode == 0 and "Saved" in result.stdout and "Traceback" not in result.stderr
    # resume and finish: calibration, the last choice, the final calibration
    result = run("play", "--text", "--resume", str(TINY), input_text="40\n1\n45\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "DEBRIEF" in out and "Every choice" in out.title() or "EVERY CHOICE" in out
    assert "Session log:" in out
    # The page beside the log has the options not taken in full, even though this run prepared no pass.
    log = Path(out.split("Session log:")[1].split()[0])
    page = log.with_suffix(".html").read_text(encoding="utf-8")
    assert "still being worked out" not in page and 'class="contrast"' in page


def test_text_play_shows_no_hidden_numbers_during_play(tmp_path):
    result = run("play", "--text", str(TINY), input_text="1\n")
    during = result.stdout.split("DEBRIEF")[0]
    assert "alliance" not in during.lower().replace("working alliance", "").replace("alliance-sim", "")
    for token in ("30.4", "16.4", "score"):
        assert token not in during


def test_main_without_subcommand_starts_the_window(monkeypatch):
    called = []
    monkeypatch.setattr("sim.cli.cmd_play", lambda args: called.append(args) or 0)
    assert main([]) == 0
    assert called and called[0].text is False and called[0].scenario is None
