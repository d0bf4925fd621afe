"""Exploration: agrees with brute force on small cases, grows with scenes x choices, reports real paths."""

import pytest
from scenario_helpers import TINY

from sim.analysis.explore import enumerate_paths, explore
from sim.engine.session import Session
from sim.scenario.catalogue import load_catalogue
from sim.scenario.loader import read_scenario
from sim.scenario.problems import ProblemList
from synthetic import synthetic_scenario


def synthetic(scenes, choices=4, seed=0):
    problems = ProblemList("synthetic")
    scenario = read_scenario(synthetic_scenario(scenes, choices, seed), "synthetic", load_catalogue(), problems)
    assert not problems.has_errors, [p.format() for p in problems.items]
    return scenario


@pytest.mark.parametrize("scenes, choices, seed", [(6, 3, 0), (7, 3, 1), (5, 4, 2), (8, 2, 3), (6, 3, 5)])
def test_agrees_with_brute_force(scenes, choices, seed):
    scenario = synthetic(scenes, choices, seed)
    truth = enumerate_paths(scenario, seed)
    coarse, fine = explore(scenario, [seed]), explore(scenario, [seed], band=2)
    for found in (coarse, fine):
        assert {e.scene for e in found.reachable} == set(truth)
        for ending, (low, high) in truth.items():
            summary = found.endings[ending]
            # reported paths are real, so they can only fall inside the true range
            assert low - 1e-9 <= summary.min_score <= summary.max_score <= high + 1e-9
    for ending, (low, high) in truth.items():
        # with 2-point bands the merged states hide at most a point or so (measured: 0.9 at worst)
        assert fine.endings[ending].max_score == pytest.approx(high, abs=1.5)
        assert fine.endings[ending].min_score == pytest.approx(low, abs=1.5)


def test_reported_paths_are_real_and_exact():
    scenario = synthetic(30)
    result = explore(scenario, [0])
    for summary in result.reachable:
        for path, score in ((summary.best, summary.max_score), (summary.worst, summary.min_score)):
            session = Session(scenario, summary.best_seed)
            for step in path:
                while session.waiting:
                    session.answer(50 if session.view().kind == "calibration" else "none")
                assert session.state.scene == step["scene"]
                session.choose(step["choice"])
            assert session.state.scene == summary.scene
            assert session.state.score == pytest.approx(score)


def test_cost_grows_with_scenes_not_paths():
    small, large = explore(synthetic(50), [0]), explore(synthetic(200), [0])
    # 4 choices over 50 decisions is about 10^30 paths; the work stays proportional to the scenes
    assert large.edges / small.edges < 4 * 1.5
    assert large.edges < 200 * 4 * 200


def test_counterproductive_policy_and_tiny_example():
    tiny = read_scenario(TINY.read_text(), str(TINY), load_catalogue(), ProblemList("t"))
    everything = explore(tiny)
    assert {e.scene for e in everything.reachable} == {"end_good", "end_referred"}
    harmful = explore(tiny, policy="counterproductive")
    assert {e.scene for e in harmful.reachable} == {"end_referred"}
    assert harmful.extreme(True).max_score < everything.extreme(True).max_score


def test_explore_to_an_ending_prints_its_best_and_worst_path_and_replays(tmp_path, capsys):
    import json as json_

    from scenario_helpers import TINY
    from sim.cli import main

    assert main(["explore", str(TINY), "--to", "end_good"]) == 0
    out = capsys.readouterr().out
    assert "Best path to end_good" in out and "Worst path to end_good" in out
    assert main(["explore", str(TINY), "--to", "end_good", "--json"]) == 0
    data = json_.loads(capsys.readouterr().out)
    assert list(data["endings"]) == ["end_good"] and data["to"] == "end_good"
    path = tmp_path / "best.json"
    path.write_text(json_.dumps(data["endings"]["end_good"]["best"]), encoding="utf-8")
    assert main(["play", str(TINY), "--replay", str(path)]) == 0  # the path is real: it replays
    assert main(["explore", str(TINY), "--to", "end_god"]) == 2
    assert "did you mean 'end_good'" in capsys.readouterr().err


def test_duties_met_keeps_only_paths_that_meet_every_duty():
    """explore --duties-met (issue 13): each best and worst path it gives, replayed, ends with no duty failed;
    and an ending reached only by failing a duty is unreachable there."""
    from sim.engine import find_case, open_case
    from sim.engine.core import duty_failed
    from sim.engine.session import Session

    scenario, _warnings = open_case(find_case("father_night_shift"))
    result = explore(scenario)
    met = result.duties_met()
    assert any(e.duty_failed for e in result.endings.values())
    assert met.reachable and len(met.reachable) <= len(result.reachable)
    for ending in met.reachable:
        for path in (ending.best, ending.worst):
            session = Session(scenario, 0)
            for step in path:
                while session.waiting:
                    prompt = session.view()
                    session.answer(50 if prompt.kind == "calibration" else prompt.options[0][0])
                session.choose(step["choice"])
            assert session.scene_id == ending.scene
            assert not duty_failed(scenario, session.state)


def test_a_branch_copies_every_field_of_the_state_and_shares_none_it_changes():
    """``CaseState.copy`` names its fields one by one: each must come across, in its place, and each mutable
    one (the dimensions per caregiver included) must be a new object, or a branch would change its parent."""
    from dataclasses import fields

    from sim.engine.state import CaseState

    names = [f.name for f in fields(CaseState)]
    mutable = {"dims", "stances", "variables", "trust", "marks"}
    values = {name: ({"c": {"safety": float(number)}} if name == "dims" else {"c": number}) if name in mutable
              else f"value of {name}" for number, name in enumerate(names)}
    state = CaseState(**values)
    twin = state.copy()
    for name in names:
        assert getattr(twin, name) == values[name], name
        if name in mutable:
            assert getattr(twin, name) is not getattr(state, name), name
    assert twin.dims["c"] is not state.dims["c"]
