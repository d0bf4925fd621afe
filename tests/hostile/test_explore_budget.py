"""``explore`` has a state budget, and its arguments are checked before any work is done."""

from __future__ import annotations

import pytest

from scenario_helpers import TINY, write_scenario
from sim.cli import main

BASE = TINY.read_text(encoding="utf-8")
SHARE = '''        strategy: share_report
        feedback: {en: "Reading the file with her lowers the fear of the unknown."}
        next: goodbye
'''
assert SHARE in BASE
LOOP = BASE.replace("variables:\n  warned: {type: bool, initial: false}\n",
                    "variables:\n  warned: {type: bool, initial: false}\n  n: {type: number, initial: 0}\n").replace(
    SHARE, '''        strategy: share_report
        feedback: {en: "Reading the file with her lowers the fear of the unknown."}
        add: {n: 1}
        next:
          - when: "n == 100000"
            to: goodbye
          - to: hello
''')


@pytest.fixture
def looping(tmp_path):
    return write_scenario(tmp_path, LOOP, "loop.yaml")


def test_past_the_budget_explore_stops_with_a_clear_error(looping, capsys):
    assert main(["explore", str(looping), "--max-states", "100"]) == 2
    err = capsys.readouterr().err
    assert f"{looping}: explore stopped after 100 states" in err and "--max-states" in err
    assert "internal error" not in err


def test_the_budget_can_be_raised(looping, capsys):
    assert main(["explore", str(looping), "--max-states", "100000", "--json"]) == 0
    assert '"endings"' in capsys.readouterr().out


@pytest.mark.parametrize("args", [["--band", "0"], ["--band", "-3"], ["--band", "nan"], ["--band", "inf"],
                                  ["--band", "wide"], ["--seeds", "0-100000000"], ["--seeds", "9-1"],
                                  ["--seeds", "a-b"], ["--seeds", "1,x"], ["--max-states", "0"],
                                  ["--max-states", "many"]])
def test_bad_arguments_are_refused_before_any_work(args, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["explore", "tiny_example", *args])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "error: argument" in err and "internal error" not in err


def test_explore_itself_checks_its_band_and_budget(tiny):
    from sim.analysis.explore import explore
    from sim.errors import AllianceError

    for band in (0, -1, float("nan"), float("inf")):
        with pytest.raises(AllianceError):
            explore(tiny, band=band)
    with pytest.raises(AllianceError):
        explore(tiny, max_states=0)
