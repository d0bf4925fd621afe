"""Paths as tests: explore's paths name choices by id, and play --replay plays one, failing where it diverges."""

from __future__ import annotations

import json

from scenario_helpers import TINY, write_scenario
from sim.cli import main


def test_explore_s_best_path_replays_to_its_ending(tmp_path, capsys):
    assert main(["explore", str(TINY), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    path_file = tmp_path / "best.json"
    path_file.write_text(json.dumps(found), encoding="utf-8")
    assert all(step["choice"].startswith("c") for step in found["best"]["path"])
    assert main(["play", str(TINY), "--replay", str(path_file)]) == 0
    out = capsys.readouterr().out
    assert f"ending {found['best']['ending']}" in out


def test_a_path_that_no_longer_fits_says_where(tmp_path, capsys):
    steps = [{"scene": "hello", "choice": "c2"}, {"scene": "nowhere", "choice": "c1"}]
    path_file = tmp_path / "path.json"
    path_file.write_text(json.dumps(steps), encoding="utf-8")
    assert main(["play", str(TINY), "--replay", str(path_file)]) == 1
    assert "step 2: the path expects scene 'nowhere', but the case is at 'goodbye'" in capsys.readouterr().out
    edited = write_scenario(tmp_path, TINY.read_text().replace("next: goodbye\n      - text", "next: goodbye\n"
                                                              "      - id: later\n        text", 1))
    path_file.write_text(json.dumps([{"scene": "hello", "choice": "c2"}]), encoding="utf-8")
    assert main(["play", str(edited), "--replay", str(path_file)]) == 1  # c2 was renamed 'later'
    assert "choice 'c2' is not available" in capsys.readouterr().out


def test_a_bad_path_file_is_refused_cleanly(tmp_path, capsys):
    path_file = tmp_path / "bad.json"
    path_file.write_text("[1, 2", encoding="utf-8")
    assert main(["play", str(TINY), "--replay", str(path_file)]) == 2
    assert "bad.json:1: not JSON" in capsys.readouterr().err
