"""explore --coverage: what of a case can ever happen, each with a real path, and what never can."""

from __future__ import annotations

import json

from scenario_helpers import TINY, write_scenario
from sim.analysis.path_coverage import coverage
from sim.cli import main
from sim.engine.session import Session
from sim.scenario.loader import load_scenario

CASE = TINY.read_text().replace('''    variants:
      - when: "not warned"
        text: {en: "Thank you. Nobody showed me that before."}''', '''    variants:
      - when: "not warned"
        text: {en: "Thank you. Nobody showed me that before."}
      - when: "not warned and alliance > 0"
        text: {en: "Shadowed: the variant above always wins when this one holds."}
      - stance: engaged
        narration: {en: "She smiles."}''').replace('''          - when: "alliance >= 35"
            to: end_good''', '''          - when: "alliance >= 35"
            to: end_good
          - when: "warned and not warned"
            to: end_good''').replace("start: hello\n", '''events:
  - id: never
    at: [goodbye]
    when: "decisions > 5"
    text: {en: "This cannot come."}
start: hello
''')


def test_what_never_happens_is_named_and_what_does_has_a_real_path(tmp_path):
    scenario = load_scenario(write_scenario(tmp_path, CASE))
    found = coverage(scenario)
    by_name = {(i.where, i.name): i for i in found.items}
    assert not by_name[("goodbye", "variants[1]")].reached and by_name[("goodbye", "variants[1]")].shadowed
    assert not by_name[("", "never")].reached
    assert not by_name[("goodbye", "c1 -> next[1] (end_good)")].reached
    assert found.few_choices == {"hello": 2, "goodbye": 1}
    for item in found.items:
        if item.reached and item.path:  # every path given is real: replaying it reaches the item's scene
            session = Session(scenario)
            for step in item.path:
                while session.waiting:
                    session.answer(50 if session.view().kind == "calibration" else "none")
                assert session.state.scene == step["scene"]
                session.choose(step["choice"])
    assert by_name[("goodbye", "variants[0]")].reached and by_name[("hello", "c1")].reached


def test_the_command_prints_file_and_line_and_json(tmp_path, capsys):
    path = write_scenario(tmp_path, CASE)
    assert main(["explore", str(path), "--coverage"]) == 0
    out = capsys.readouterr().out
    assert f"{path}:" in out and "never: event can never happen" in out and "always shadowed" in out
    assert main(["explore", str(path), "--coverage", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["few_choices"] == {"hello": 2, "goodbye": 1} and any(not i["reached"] for i in data["items"])
