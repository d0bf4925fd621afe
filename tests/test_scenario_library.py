"""The shipped cases: structure, balance (by exhaustive exploration), duty, coverage and originality."""

import random
import re
from collections import deque
from pathlib import Path

import pytest
from scenario_helpers import shipped_scenarios

from sim.analysis.coverage import coverage_report, uncovered
from sim.analysis.debrief import build_debrief
from sim.analysis.explore import explore
from sim.engine.session import Session
from sim.scenario.loader import load_scenario
from sim.scenario.model import RUPTURE_STANCES
from sim.ui.terminal.debrief_report import render_debrief

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference"
PATHS = shipped_scenarios()
HELPS = {"preventive", "repair"}


@pytest.fixture(scope="module")
def scenarios(catalogue):
    return {path.stem: load_scenario(path, catalogue) for path in PATHS}


def test_six_cases_ship():
    assert len(PATHS) >= 6


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_structure(path, catalogue):
    scenario = load_scenario(path, catalogue)
    types = {scene.ending.type for scene in scenario.endings}
    assert "closure" in types and types & {"extension", "referral"} and types & {"dropout", "escalation"}
    strategies = catalogue.strategies
    for scene in scenario.scenes.values():
        if not scene.choices:
            continue
        categories = {strategies[c.strategy].category for c in scene.choices}
        assert 3 <= len(scene.choices) <= 5, scene.id
        assert categories & HELPS, f"{scene.id}: no choice that helps"
        assert "counterproductive" in categories or any(
            any(v < 0 for v in c.does.dims.values()) for c in scene.choices), f"{scene.id}: no choice that harms"
        for choice in scene.choices:
            assert len(choice.feedback.get_text()) > 40, f"{scene.id}: feedback too thin"
    # the caregiver's words change with her stance
    stance_variants = sum(1 for s in scenario.scenes.values() for v in s.variants if v.stance in RUPTURE_STANCES)
    assert stance_variants >= 5
    assert (ROOT / "docs" / "facilitator" / f"{scenario.id}.md").exists()


def _decisions_to(scenario, targets):
    """The fewest decision scenes on any path in the scene graph from the start to one of ``targets``."""
    queue = deque([(scenario.start, 0)])
    seen = {scenario.start}
    while queue:
        sid, depth = queue.popleft()
        if sid in targets:
            return depth
        for choice in scenario.scenes[sid].choices:
            for route in choice.routes:
                if route.to not in seen:
                    seen.add(route.to)
                    queue.append((route.to, depth + 1))
    return None


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_at_least_15_decisions_to_the_good_closure(path, catalogue):
    scenario = load_scenario(path, catalogue)
    closures = {s.id for s in scenario.endings if s.ending.type == "closure"}
    assert _decisions_to(scenario, closures) >= 15


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_visible_choices_are_three_or_four(path, catalogue):
    scenario = load_scenario(path, catalogue)
    rng = random.Random(path.stem)
    for seed in range(60):
        session = Session(scenario, seed)
        while not session.is_over:
            view = session.view()
            if view.kind == "scene":
                assert 3 <= len(view.choices) <= 4, (view.scene_id, len(view.choices))
                session.choose(rng.choice(view.choices).id)
            else:
                session.answer(50 if view.kind == "calibration" else "none")


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_balance_by_exploration(path, catalogue):
    scenario = load_scenario(path, catalogue)
    result = explore(scenario, seeds=range(3))
    assert not result.unreachable, [e.scene for e in result.unreachable]
    assert result.extreme(True).max_score >= 75
    assert result.extreme(False).min_score <= 30
    harmful = explore(scenario, policy="counterproductive")
    closures = {s.id for s in scenario.endings if s.ending.type == "closure"}
    assert not closures & {e.scene for e in harmful.reachable}


def test_duty_cases_show_a_skipped_report_as_failure_whatever_the_alliance(scenarios):
    with_duty = [s for s in scenarios.values() if s.duties]
    assert len(with_duty) >= 2
    for scenario in with_duty:
        rng = random.Random(scenario.id)
        failures = []
        for seed in range(400):
            session = Session(scenario, seed)
            while not session.is_over:
                view = session.view()
                if view.kind == "scene":
                    # lean towards helpful moves so some runs keep a good alliance while skipping the duty
                    choices = view.choices
                    session.choose(rng.choice(choices).id)
                else:
                    session.answer(50 if view.kind == "calibration" else "none")
            debrief = build_debrief(session)
            if debrief.duty_failed:
                failures.append(debrief)
        assert failures, f"{scenario.id}: no run skipped the duty"
        best = max(failures, key=lambda d: d.final_score)
        assert best.duty_failed
        assert "DUTY FAILED" in render_debrief(best, scenario)


def test_coverage_document_is_complete_and_current(scenarios):
    ordered = [scenarios[p.stem] for p in PATHS]
    assert uncovered(ordered) == []
    assert (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8") == coverage_report(ordered), \
        "run: alliance-sim coverage --write docs/coverage.md"


def _words(text):
    return re.findall(r"[a-z']+", text.lower())


def test_nothing_is_copied_from_the_reference_texts():
    if not REFERENCE.exists():
        pytest.skip("the reference texts are not beside the project")
    grams = set()
    for source in REFERENCE.glob("*.txt"):
        words = _words(source.read_text(encoding="utf-8", errors="ignore"))
        grams.update(tuple(words[i:i + 8]) for i in range(len(words) - 7))
    authored = list(PATHS) + list((ROOT / "docs" / "facilitator").glob("*.md")) + [ROOT / "scenarios" / "strategies.yaml"]
    for path in authored:
        words = _words(path.read_text(encoding="utf-8"))
        copied = [" ".join(words[i:i + 8]) for i in range(len(words) - 7) if tuple(words[i:i + 8]) in grams]
        assert not copied, f"{path.name} repeats the source: {copied[:3]}"
