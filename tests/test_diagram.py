"""`alliance-sim diagram`: the machines drawn by transitions' GraphMachine from the session's own specs."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from sim.analysis.diagrams import diagram
from sim.cli import main
from sim.engine.phases import phase_machine_spec
from sim.engine.stance import TRIGGER_FOR, stance_machine_spec
from sim.scenario.model import PHASES, STANCES


def test_the_phase_diagram_shows_every_phase_and_guard():
    text = diagram("phase", "mermaid")
    assert text.startswith("---") and "stateDiagram-v2" in text
    for phase in PHASES:
        assert f'state "{phase}"' in text
    assert "intake --> assessment: advance [heading_later]" in text
    assert "closure --> intake: return_to_intake [return_allowed]" in text
    edges = [line for line in text.splitlines() if "-->" in line and "[*]" not in line]
    sources = [t["source"] for t in phase_machine_spec()["transitions"]]
    assert len(edges) == sum(len(s) if isinstance(s, list) else 1 for s in sources) == 3 + 6 + 4


def test_the_stance_diagram_lists_every_move():
    text = diagram("stance", "mermaid")
    for stance in STANCES:
        assert f'state "{stance}"' in text
    moves = [line for line in text.splitlines() if "-->" in line and "[*]" not in line]
    assert len(moves) == len(STANCES) * (len(STANCES) - 1)
    assert {t["trigger"] for t in stance_machine_spec()["transitions"]} == set(TRIGGER_FOR.values())


def test_the_cli_prints_dot_that_graphviz_renders(tmp_path, capsys):
    assert main(["diagram", "--machine", "phase", "--format", "dot"]) == 0
    dot_text = capsys.readouterr().out
    assert dot_text.startswith("digraph")
    dot = shutil.which("dot")
    if dot is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Graphviz's dot is missing: .ci/run must install graphviz")
        pytest.skip("Graphviz's dot is not installed")
    result = subprocess.run([dot, "-Tsvg"], input=dot_text, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "<svg" in result.stdout and "assessment" in result.stdout


def test_unknown_choices_are_refused_cleanly(capsys):
    with pytest.raises(SystemExit):
        main(["diagram", "--machine", "people"])
    assert "invalid choice" in capsys.readouterr().err
