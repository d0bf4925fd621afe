"""The shipped cases play exactly as recorded: fixed action lists replayed, final states compared.

The file was written by tests/make_golden_paths.py before the rules moved to one home each, so the
refactor provably changed nothing a learner could see or the debrief could report.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from make_golden_paths import final_state
from scenario_helpers import shipped_scenarios
from sim.engine.session import Session
from sim.scenario.loader import check_scenario_file

GOLDEN = json.loads((Path(__file__).parent / "data" / "golden_paths.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_fixed_paths_end_where_they_ended(path):
    scenario, _ = check_scenario_file(path)
    for recorded in GOLDEN[scenario.id]:
        session = Session.replay(scenario, recorded["seed"], recorded["actions"])
        assert session.is_over
        assert json.loads(json.dumps(final_state(session))) == recorded["final"]
