"""Exhaustive exploration of a scenario's choice paths, without enumerating them one by one.

The search runs forward from the start over (scene, bucketed state) nodes.
Two paths that reach the same scene with the same bucketed state are merged:
only the first is followed on, so the cost grows with the number of distinct
nodes times the choices per scene, not with the number of paths (which grows
exponentially with the number of decisions).

The bucketed state (see ``state_key``) holds everything the rules can read:
the scene, each caregiver's stance, every variable, the events that have
fired and the duties that have arisen, and the hidden dimensions rounded to
``bucket`` (0.1 of a SOFTA point by default). The rupture and repair counts
and the decision count are part of it only when some condition in the
scenario reads them. Each node keeps the real, unrounded state of the first
path that reached it, so every path reported is a real path whose final score
is exact; merging can only hide paths whose state differed from a kept one by
less than one bucket.

Calibration and notice prompts never change the alliance, so the search
answers them implicitly and a path is the list of choices.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.engine import core
from sim.engine.state import CaseState
from sim.scenario.model import Scenario

DEFAULT_BUCKET = 0.1
COUNTERPRODUCTIVE = "counterproductive"


def _used_names(scenario: Scenario) -> set[str]:
    names: set[str] = set()
    conditions = [i.when for i in scenario.interrupts] + [d.arises for d in scenario.duties]
    conditions += [e.when for e in scenario.events]
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            conditions.append(choice.when)
            conditions.extend(route.when for route in choice.routes)
    for condition in conditions:
        if condition is not None:
            names.update(condition.names())
    return names


def make_state_key(scenario: Scenario, bucket: float):
    """A function from CaseState to its hashable bucketed key."""
    used = _used_names(scenario)
    counts = [name for name in ("ruptures", "repairs", "decisions") if name in used]
    scale = 1.0 / bucket
    caregivers = scenario.caregiver_ids
    variable_names = sorted({"child_safety", *scenario.variables})

    def key(state: CaseState):
        dims = tuple(round(state.dims[c][d] * scale) for c in caregivers
                     for d in ("engagement", "connection", "safety"))
        return (state.scene, dims, round(state.shared_purpose * scale),
                tuple(state.stances[c] for c in caregivers),
                tuple(state.variables[v] for v in variable_names),
                state.fired, state.duties, tuple(getattr(state, n) for n in counts))

    return key


@dataclass
class _Node:
    state: CaseState
    parent: int
    choice: int
    strategy: str


@dataclass
class EndingSummary:
    scene: str
    type: str
    title: str
    reachable: bool = False
    paths: int = 0                 # distinct final nodes (not paths) reaching it
    min_score: float | None = None
    max_score: float | None = None
    best: list = field(default_factory=list)    # [{"scene", "choice", "strategy"}]
    worst: list = field(default_factory=list)
    seeds: list = field(default_factory=list)   # seeds under which it was reached
    best_seed: object = None
    worst_seed: object = None


@dataclass
class Exploration:
    scenario: str
    seeds: list
    bucket: float
    policy: str
    nodes: int = 0
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
        return max(pool, key=lambda e: e.max_score) if best else min(pool, key=lambda e: e.min_score)

    def as_dict(self) -> dict:
        best, worst = self.extreme(True), self.extreme(False)
        return {
            "scenario": self.scenario, "seeds": self.seeds, "bucket": self.bucket, "policy": self.policy,
            "nodes": self.nodes, "edges": self.edges,
            "best": {"score": best.max_score, "ending": best.scene, "path": best.best} if best else None,
            "worst": {"score": worst.min_score, "ending": worst.scene, "path": worst.worst} if worst else None,
            "endings": {sid: vars(e) for sid, e in self.endings.items()},
        }


def _path(nodes: list[_Node], index: int, scenario: Scenario) -> list[dict]:
    steps = []
    while index > 0:
        node = nodes[index]
        parent = nodes[node.parent]
        steps.append({"scene": parent.state.scene, "choice": node.choice, "strategy": node.strategy})
        index = node.parent
    steps.reverse()
    return steps


def explore(scenario: Scenario, seeds=(0,), bucket: float = DEFAULT_BUCKET, policy: str = "all") -> Exploration:
    """Explore every choice path for each seed.

    ``policy`` "all" follows every choice; "counterproductive" follows only
    counterproductive choices wherever the scene offers one (and every choice
    where it offers none), to show where a worker who leans on power ends up.
    """
    if bucket <= 0:
        raise ValueError("bucket must be positive")
    result = Exploration(scenario.id, list(seeds), bucket, policy)
    for scene in scenario.endings:
        result.endings[scene.id] = EndingSummary(scene.id, scene.ending.type, scene.ending.title.get_text("en"))
    key_of = make_state_key(scenario, bucket)
    strategies = scenario.catalogue.strategies
    for seed in seeds:
        start = core.start(scenario, seed)
        nodes = [_Node(start, -1, -1, "")]
        seen = {key_of(start): 0}
        frontier = [0]
        if start.over:
            _record(result, nodes, 0, scenario, seed)
        while frontier:
            next_frontier = []
            for index in frontier:
                state = nodes[index].state
                if state.over:
                    continue
                choices = core.visible_choices(scenario, state)
                if policy == COUNTERPRODUCTIVE:
                    harmful = [c for c in choices if strategies[c.strategy].category == COUNTERPRODUCTIVE]
                    choices = harmful or choices
                for choice in choices:
                    result.edges += 1
                    child = state.copy()
                    core.apply_choice(scenario, child, choice)
                    key = key_of(child)
                    if key in seen:
                        continue
                    seen[key] = len(nodes)
                    nodes.append(_Node(child, index, choice.index, choice.strategy))
                    if child.over:
                        _record(result, nodes, len(nodes) - 1, scenario, seed)
                    else:
                        next_frontier.append(len(nodes) - 1)
            frontier = next_frontier
        result.nodes += len(nodes)
    return result


def _record(result: Exploration, nodes: list[_Node], index: int, scenario: Scenario, seed) -> None:
    state = nodes[index].state
    summary = result.endings[state.scene]
    score = state.score
    summary.reachable = True
    summary.paths += 1
    if seed not in summary.seeds:
        summary.seeds.append(seed)
    if summary.max_score is None or score > summary.max_score:
        summary.max_score = score
        summary.best = _path(nodes, index, scenario)
        summary.best_seed = seed
    if summary.min_score is None or score < summary.min_score:
        summary.min_score = score
        summary.worst = _path(nodes, index, scenario)
        summary.worst_seed = seed
