"""Exhaustive exploration of a scenario's choice paths, without enumerating them one by one.

The number of paths grows exponentially with the number of decisions, so the
search never follows them one by one. It runs forward from the start over
*buckets*: a bucket is a scene plus everything the scenario's conditions can
tell apart (see ``make_state_key``): every stance, the events fired, the
duties arisen, the exact value of names read as such (``report_made``), and,
for every comparison of a name with a number anywhere in the scenario
(``alliance >= 60``, ``carolina_safety < -1``), which side of it the state
is on. Two states in one bucket look the same to every condition, now and
later; they differ only in their hidden dimensions.

Within a bucket the search keeps two representatives, the state with the
highest alliance and the one with the lowest, each with its real, unrounded
dimensions and the real path that produced it; every other state in the
bucket is dropped. Scenes are expanded in topological order of the scene
graph, so all arrivals at a scene are known before it is expanded. The cost
is bounded by scenes x buckets per scene x choices, and the number of
buckets per scene depends on the conditions the author wrote, not on the
number of paths.

What this gives up: a dropped state in the middle of its bucket could, in
principle, end higher or lower than both kept extremes if a later choice
helped it more (the context rules, such as power moves costing more at low
safety, are not monotone at the margins). The tests compare exploration with
brute-force enumeration of every path on small scenarios. Every reported path
is a real path and its final score is exact.

Calibration and notice prompts never change the alliance, so a path is just
the list of choices.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from typing import Any, cast

from sim.analysis.buckets import make_state_key, scene_graph, scene_order
from sim.engine import core
from sim.engine.state import CaseState
from sim.errors import AllianceError, ExploreBudgetError
from sim.scenario.gcpause import collector_paused
from sim.scenario.model import Ending, Scenario

COUNTERPRODUCTIVE = "counterproductive"
TIE = 1e-6  # alliance points: scores this close are the same score


@dataclass(slots=True)
class _Node:
    state: CaseState | None  # None once expanded or superseded: only the frontier holds states
    scene: str
    parent: int
    choice: str          # the choice's id ("" at the start)
    strategy: str
    score: float
    key: tuple | None    # None once expanded or superseded


@dataclass
class EndingSummary:
    scene: str
    type: str
    title: str
    reachable: bool = False
    min_score: float | None = None
    max_score: float | None = None
    best: list = field(default_factory=list)    # [{"scene", "choice", "strategy"}]
    worst: list = field(default_factory=list)
    seeds: list = field(default_factory=list)   # seeds under which it was reached
    best_seed: Any = None
    worst_seed: Any = None
    duty_failed: bool = False  # some path reaches this ending with a legal duty that arose and was not met
    met: "EndingSummary | None" = field(default=None, repr=False)  # the same over paths with every duty met


@dataclass
class Exploration:
    scenario: str
    seeds: list
    policy: str
    band: float | None = None
    nodes: int = 0
    scenario_model: Any = field(default=None, repr=False, compare=False)
    edges: int = 0
    endings: dict = field(default_factory=dict)  # scene id -> EndingSummary

    @property
    def reachable(self) -> list[EndingSummary]:
        return [e for e in self.endings.values() if e.reachable]

    @property
    def unreachable(self) -> list[EndingSummary]:
        return [e for e in self.endings.values() if not e.reachable]

    def extreme(self, best: bool) -> EndingSummary | None:
        pool = self.reachable
        if not pool:
            return None
        return (max(pool, key=lambda e: cast(float, e.max_score)) if best  # a reachable ending has both
                else min(pool, key=lambda e: cast(float, e.min_score)))

    def duties_met(self) -> "Exploration":
        """The same exploration restricted to the paths on which every legal duty that arose was met
        (``explore --duties-met``): per ending, the best and worst such path, or unreachable."""
        endings = {sid: e.met or EndingSummary(e.scene, e.type, e.title) for sid, e in self.endings.items()}
        return Exploration(self.scenario, self.seeds, self.policy, self.band, self.nodes, self.scenario_model,
                           self.edges, endings)

    def as_dict(self) -> dict:
        best, worst = self.extreme(True), self.extreme(False)
        return {
            "scenario": self.scenario, "seeds": self.seeds, "policy": self.policy, "band": self.band,
            "nodes": self.nodes, "edges": self.edges,
            "best": {"score": best.max_score, "ending": best.scene, "seed": best.best_seed, "path": best.best}
            if best else None,
            "worst": {"score": worst.min_score, "ending": worst.scene, "seed": worst.worst_seed,
                      "path": worst.worst} if worst else None,
            "endings": {sid: {k: v for k, v in vars(e).items() if k != "met"} for sid, e in self.endings.items()},
            "duty_failed_endings": [sid for sid, e in self.endings.items() if e.duty_failed],
        }


def _path(nodes: list[_Node], index: int) -> list[dict]:
    steps = []
    while index > 0:
        node = nodes[index]
        parent = nodes[node.parent]
        steps.append({"scene": parent.scene, "choice": node.choice, "strategy": node.strategy})
        index = node.parent
    steps.reverse()
    return steps


DEFAULT_MAX_STATES = 500_000  # per seed; the shipped cases need a few thousand


def explore(scenario: Scenario, seeds=(0,), policy: str = "all", band: float | None = None,
            max_states: int = DEFAULT_MAX_STATES) -> Exploration:
    """Explore every choice path for each seed (see the module docstring for how paths are merged).

    ``policy`` "all" follows every choice; "counterproductive" follows only
    counterproductive choices wherever the scene offers one (and every choice
    where it offers none), to show where a worker who leans on power ends up.
    ``band``, in alliance points, also splits buckets by score: finer results
    for more work (none by default). ``max_states``: the most states kept for one seed; past it the
    exploration stops with ExploreBudgetError (a case that loops on a counter a condition reads exactly
    has no end of distinct states).
    """
    if band is not None and not (isinstance(band, (int, float)) and math.isfinite(band) and band > 0):
        raise AllianceError(f"--band is a width in alliance points and must be a positive number, not {band!r}")
    if isinstance(max_states, bool) or not isinstance(max_states, int) or max_states < 1:
        raise AllianceError(f"--max-states must be a positive whole number, not {max_states!r}")
    with collector_paused():
        return _explore(scenario, seeds, policy, band, max_states=max_states)


def _explore(scenario: Scenario, seeds, policy: str, band: float | None, visit=None,
             max_states: int = DEFAULT_MAX_STATES) -> Exploration:
    """The search. ``visit``, when given, is told of every start, expansion and step (see ``coverage``):
    ``visit("start", nodes, index, None, report)``, ``visit("scene", nodes, index, choices, None)``, ``visit("ending", nodes, index, None, None)`` and
    ``visit("step", nodes, index, choice, report)``; the search itself is the same with or without it."""
    result = Exploration(scenario.id, list(seeds), policy, band)
    result.scenario_model = scenario
    for scene in scenario.endings:
        ending = cast(Ending, scene.ending)  # the endings are the scenes that have one
        result.endings[scene.id] = EndingSummary(scene.id, ending.type, ending.title.get_text("en"))
    graph = scene_graph(scenario)
    rank = scene_order(scenario, graph)
    key_of = make_state_key(scenario, graph, rank, band)
    strategies = scenario.catalogue.strategies
    for seed in seeds:
        report = core.StepReport(detail=False) if visit else None
        start = core.start(scenario, seed, report)
        first = key_of(start)
        nodes = [_Node(start, start.scene, -1, "", "", start.score, first)]
        if visit:
            visit("start", nodes, 0, None, report)
        kept: dict[tuple, list[int]] = {first: [0, 0]}
        queue = [(rank[start.scene], 0)]
        while queue:
            _, index = heapq.heappop(queue)
            node = nodes[index]
            state = node.state
            if state is None:
                continue  # superseded by a higher or lower state in its bucket before it was expanded
            if state.over:
                _record(result, nodes, index, seed, strategies)
                if visit:
                    visit("ending", nodes, index, None, None)
                continue
            choices = core.visible_choices(scenario, state)
            if visit:
                visit("scene", nodes, index, choices, None)
            if policy == COUNTERPRODUCTIVE:
                harmful = [c for c in choices if strategies[c.strategy].category == COUNTERPRODUCTIVE]
                choices = harmful or choices
            result.edges += len(choices)
            for choice in choices:
                child = state.copy()
                report = core.StepReport(detail=False) if visit else None
                core.apply_choice(scenario, child, choice, report)
                if visit:
                    visit("step", nodes, index, choice, report)
                score = child.score
                key = key_of(child, score)
                pair = kept.get(key)
                if pair is not None and nodes[pair[0]].score <= score <= nodes[pair[1]].score:
                    continue
                nodes.append(_Node(child, child.scene, index, choice.id, choice.strategy, score, key))
                new = len(nodes) - 1
                if new >= max_states:
                    raise ExploreBudgetError(
                        f"{scenario.path or scenario.id}: explore stopped after {max_states:,} states for seed {seed} "
                        "without running out of new ones: the case may loop on a counter that a condition reads "
                        "exactly, or it is simply very large; raise the budget with --max-states N")
                if pair is None:
                    kept[key] = [new, new]
                else:
                    end = 0 if score < nodes[pair[0]].score else 1
                    old, pair[end] = pair[end], new
                    if old != pair[1 - end]:
                        _drop(nodes[old])
                heapq.heappush(queue, (rank[child.scene], new))
            node.state = node.key = None  # expanded: its children hold what comes next
        result.nodes += len(nodes)
    return result


def _drop(node: _Node) -> None:
    """Let go of a superseded state: it will not be expanded. An ending is kept, since every state that
    reaches one is recorded, superseded or not."""
    if node.state is not None and not node.state.over:
        node.state = node.key = None


def _harm(path: list[dict], strategies) -> int:
    return sum(1 for step in path if strategies[step["strategy"]].category == COUNTERPRODUCTIVE)


def _record(result: Exploration, nodes: list[_Node], index: int, seed, strategies) -> None:
    """Note a path that reached an ending. Among paths with the same score, the best shown is the one
    with the fewest counterproductive moves and the worst the one with the most, so that a tie at the
    ceiling or the floor never presents a harmful move as part of the best way through."""
    state = nodes[index].state
    assert state is not None  # an ending's state is always kept
    summary = result.endings[state.scene]
    score = nodes[index].score
    if core.duty_failed(result.scenario_model, state):
        summary.duty_failed = True
    else:
        if summary.met is None:
            summary.met = EndingSummary(summary.scene, summary.type, summary.title)
        _note(summary.met, nodes, index, score, seed, strategies)
    _note(summary, nodes, index, score, seed, strategies)


def _note(summary: EndingSummary, nodes: list[_Node], index: int, score: float, seed, strategies) -> None:
    summary.reachable = True
    if seed not in summary.seeds:
        summary.seeds.append(seed)
    if summary.max_score is None or score > summary.max_score + TIE:
        summary.max_score, summary.best, summary.best_seed = score, _path(nodes, index), seed
    elif abs(score - summary.max_score) <= TIE:
        path = _path(nodes, index)
        if _harm(path, strategies) < _harm(summary.best, strategies):
            summary.best, summary.best_seed = path, seed
    if summary.min_score is None or score < summary.min_score - TIE:
        summary.min_score, summary.worst, summary.worst_seed = score, _path(nodes, index), seed
    elif abs(score - summary.min_score) <= TIE:
        path = _path(nodes, index)
        if _harm(path, strategies) > _harm(summary.worst, strategies):
            summary.worst, summary.worst_seed = path, seed


def enumerate_paths(scenario: Scenario, seed=0) -> dict[str, tuple[float, float]]:
    """Brute force, for small cases and for checking ``explore``: follow every path one by one.

    Returns {ending scene: (lowest, highest) final alliance}. The cost grows with the number of paths.
    """
    results: dict[str, tuple[float, float]] = {}
    stack = [core.start(scenario, seed)]
    while stack:
        state = stack.pop()
        if state.over:
            low, high = results.get(state.scene, (101.0, -1.0))
            results[state.scene] = (min(low, state.score), max(high, state.score))
            continue
        for choice in core.visible_choices(scenario, state):
            child = state.copy()
            core.apply_choice(scenario, child, choice)
            stack.append(child)
    return results
