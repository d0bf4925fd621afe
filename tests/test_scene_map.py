"""`alliance-sim map`: the scene graph drawn, with phases, endings, categories, diversions and unreachable parts."""

from __future__ import annotations

import os
import shutil

import pytest

from scenario_helpers import TINY, write_scenario
from sim.analysis import scene_map
from sim.cli import main
from sim.scenario.loader import load_scenario

UNREACHABLE = TINY.read_text() + """  - id: forgotten
    phase: closure
    speaker: narrator
    text: {en: "Nobody comes here."}
    ending: {type: dropout, title: {en: "Never"}}
"""


def need_dot():
    if shutil.which("dot") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Graphviz's dot is missing: .ci/run must install graphviz")
        pytest.skip("Graphviz's dot is not installed")


def test_mermaid_and_dot_show_every_scene_and_edge(tmp_path):
    scenario = load_scenario(write_scenario(tmp_path, UNREACHABLE))
    text = scene_map.mermaid(scenario)
    for sid in scenario.scenes:
        assert f"s_{sid}" in text
    assert "s_hello -->|harm / prev| s_goodbye" in text
    assert "s_forgotten" in text and ":::unreachable" in text.split("s_forgotten", 1)[1].split("\n")[0]
    dot = scene_map.dot(scenario)
    assert '"forgotten" [label="forgotten\\n[dropout]", fillcolor="#d9d9d9"' in dot
    assert "cluster_intake" in dot and "cluster_closure" in dot


def test_svg_and_html_come_from_graphviz(tmp_path, capsys):
    need_dot()
    path = write_scenario(tmp_path, UNREACHABLE)
    assert main(["map", str(path), "--format", "svg"]) == 0
    svg = capsys.readouterr().out
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "goodbye" in svg
    out = tmp_path / "map.html"
    assert main(["map", str(path), "--format", "html", "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<svg" in page and "http" not in page.split("<svg", 1)[0]


def test_without_graphviz_svg_says_so_cleanly(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(scene_map.shutil, "which", lambda name: None)
    assert main(["map", str(TINY), "--format", "svg"]) == 2
    err = capsys.readouterr().err
    assert "apt-get install graphviz" in err and "Traceback" not in err
    assert main(["map", str(TINY), "--format", "mermaid"]) == 0  # text formats need nothing


def test_a_shipped_case_with_interrupts_draws_each_interrupt_once(catalogue):
    from scenario_helpers import shipped_scenarios

    path = next(p for p in shipped_scenarios() if p.stem == "hospital_admission")
    scenario = load_scenario(path, catalogue)
    text = scene_map.dot(scenario)
    assert text.count("interrupt after any decision") == len(scenario.interrupts)
