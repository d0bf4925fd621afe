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
import operator
from dataclasses import dataclass, field

from sim.engine import core
from sim.gcpause import collector_paused
from sim.engine.state import CaseState, make_lookup
from sim.scenario.checker import edges
from sim.scenario.conditions import names as cond_names
from sim.scenario.model import Scenario

COUNTERPRODUCTIVE = "counterproductive"
TIE = 1e-6  # alliance points: scores this close are the same score


def _scene_conditions(scenario: Scenario, scene) -> list:
    """The conditions read while a case is at ``scene``: its choices, routes and the events on entry."""
    found = [event.when for event in scenario.events_at(scene.id)]
    for choice in scene.choices:
        found.append(choice.when)
        found.extend(route.when for route in choice.routes)
    return [c for c in found if c is not None]


def _global_conditions(scenario: Scenario) -> list:
    """Conditions that matter wherever the case is: interrupts and duties (whether each arises, and whether
    it is met by the end, which the exploration reports per ending)."""
    return [i.when for i in scenario.interrupts] + [c for d in scenario.duties for c in (d.arises, d.met)]


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
        "!=": operator.ne}
TEXT_NAMES = ("stance", "phase")


def _reads(conditions) -> tuple[set, set]:
    """Names read exactly, and (name, operator, number) comparisons, in some conditions."""
    atoms: set[tuple] = set()
    exact: set[str] = set()

    def walk(node):
        kind = node[0]
        if kind == "cmp":
            symbol, left, right = node[1], node[2], node[3]
            if left[0] == "name" and right[0] == "const":
                name, number = left[1], right[1]
            elif right[0] == "name" and left[0] == "const":
                name, number, symbol = right[1], left[1], _FLIP[symbol]
            else:
                name = number = None
            if name is not None and isinstance(number, (int, float)) and not isinstance(number, bool):
                atoms.add((name, symbol, number))
                return
            exact.update(n for n, _ in cond_names(node))
        elif kind == "name":
            exact.add(node[1])
        elif kind in ("not", "neg"):
            walk(node[1])
        elif kind in ("and", "or"):
            walk(node[1])
            walk(node[2])
        elif kind in ("add", "sub"):
            exact.update(n for n, _ in cond_names(node))

    for condition in conditions:
        walk(condition.tree)
    return exact, atoms


def live_reads(scenario: Scenario, graph: dict[str, set[str]],
               rank: dict[str, int]) -> dict[str, tuple[set, set, set]]:
    """For each scene: what any condition from here on can still read (exact names, comparisons, events).

    A variable that no later condition reads cannot change where the case
    goes, so it need not tell two states apart: this is ordinary liveness
    analysis over the scene graph, and it loses nothing.
    """
    global_exact, global_atoms = _reads(_global_conditions(scenario))
    local = {}
    for sid, scene in scenario.scenes.items():
        exact, atoms = _reads(_scene_conditions(scenario, scene))
        events = {e.id for e in scenario.events_at(sid) if e.once}
        local[sid] = (exact | global_exact, atoms | global_atoms, events)
    live = {sid: (set(e), set(a), set(v)) for sid, (e, a, v) in local.items()}
    backwards = sorted(scenario.scenes, key=lambda sid: -rank[sid])  # later scenes first: one pass per loop
    changed = True
    while changed:  # a fixed point; loops in the scene graph need more than one pass
        changed = False
        for sid in backwards:
            exact, atoms, events = live[sid]
            size = len(exact) + len(atoms) + len(events)
            for nxt in graph.get(sid, ()):
                if nxt in live:
                    exact |= live[nxt][0]
                    atoms |= live[nxt][1]
                    events |= live[nxt][2]
            if len(exact) + len(atoms) + len(events) != size:
                changed = True
    return live


def make_state_key(scenario: Scenario, graph: dict[str, set[str]] | None = None,
                   rank: dict[str, int] | None = None, band: float | None = None):
    """A function from a state to its bucket.

    The bucket holds the scene, every stance, and of what conditions from
    this scene on can still read (see ``live_reads``): the exact value of
    names read as they are (``report_made``), which side of each comparison
    of a name with a number the state is on (``alliance >= 60``), and which
    once-only events have already happened. Two states in one bucket look the
    same to every condition they can still meet; they differ only in their
    hidden dimensions.
    """
    graph = graph if graph is not None else scene_graph(scenario)
    rank = rank if rank is not None else scene_order(scenario, graph)
    live = live_reads(scenario, graph, rank)
    caregivers = scenario.caregiver_ids
    plans = {}
    for sid, scene in scenario.scenes.items():
        exact, atoms, events = live[sid]
        for name in list(exact):
            if name.startswith("event_"):
                events.add(name[6:])
        exact_names = sorted(n for n in exact if n not in TEXT_NAMES and not n.endswith("_stance")
                             and not n.startswith("event_"))
        tests = sorted(atoms)
        names = exact_names + sorted({name for name, _, _ in tests} - set(exact_names))
        position = {name: i for i, name in enumerate(names)}
        checks = [(position[name], _OPS[symbol], number) for name, symbol, number in tests]
        plans[sid] = (scenario.focus_caregiver(scene), names, len(exact_names), checks, frozenset(events))

    def key(state: CaseState, score: float | None = None):
        focus, names, count, checks, events = plans[state.scene]
        lookup = make_lookup(scenario, state, focus, score)
        values = [lookup(name) for name in names]
        return (state.scene, tuple(state.stances[c] for c in caregivers), tuple(values[:count]),
                tuple(op(values[i], number) for i, op, number in checks), state.fired & events, state.duties,
                int(state.score // band) if band else 0)

    return key


def scene_graph(scenario: Scenario) -> dict[str, set[str]]:
    """Scene to the scenes it can lead to: choices' routes, interrupts, and events' diversions."""
    graph = {sid: set(edges(scenario, scene)) for sid, scene in scenario.scenes.items()}
    targets = {i.to for i in scenario.interrupts}
    for sid, scene in scenario.scenes.items():
        if scene.choices:
            graph[sid] |= targets
    for event in scenario.events:
        if event.goto:
            for sid in event.at or [s.id for s in scenario.scenes.values() if s.phase == event.phase]:
                graph.setdefault(sid, set()).add(event.goto)
    return graph


def scene_order(scenario: Scenario, graph: dict[str, set[str]]) -> dict[str, int]:
    """A topological rank of each scene (strongly connected components share a rank)."""
    # Tarjan's algorithm, iterative (scenarios can be thousands of scenes deep).
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in graph:
                    continue
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    # Tarjan emits components in reverse topological order.
    rank = {}
    for position, component in enumerate(reversed(components)):
        for sid in component:
            rank[sid] = position
    return rank


@dataclass
class _Node:
    state: CaseState
    parent: int
    choice: int
    strategy: str
    score: float
    key: tuple


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
    best_seed: object = None
    worst_seed: object = None
    duty_failed: bool = False  # some path reaches this ending with a legal duty that arose and was not met


@dataclass
class Exploration:
    scenario: str
    seeds: list
    policy: str
    band: float | None = None
    nodes: int = 0
    scenario_model: object = field(default=None, repr=False, compare=False)
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
            "scenario": self.scenario, "seeds": self.seeds, "policy": self.policy, "band": self.band,
            "nodes": self.nodes, "edges": self.edges,
            "best": {"score": best.max_score, "ending": best.scene, "seed": best.best_seed, "path": best.best}
            if best else None,
            "worst": {"score": worst.min_score, "ending": worst.scene, "seed": worst.worst_seed,
                      "path": worst.worst} if worst else None,
            "endings": {sid: vars(e) for sid, e in self.endings.items()},
            "duty_failed_endings": [sid for sid, e in self.endings.items() if e.duty_failed],
        }


def _path(nodes: list[_Node], index: int) -> list[dict]:
    steps = []
    while index > 0:
        node = nodes[index]
        parent = nodes[node.parent]
        steps.append({"scene": parent.state.scene, "choice": node.choice, "strategy": node.strategy})
        index = node.parent
    steps.reverse()
    return steps


def explore(scenario: Scenario, seeds=(0,), policy: str = "all", band: float | None = None) -> Exploration:
    """Explore every choice path for each seed (see the module docstring for how paths are merged).

    ``policy`` "all" follows every choice; "counterproductive" follows only
    counterproductive choices wherever the scene offers one (and every choice
    where it offers none), to show where a worker who leans on power ends up.
    ``band``, in alliance points, also splits buckets by score: finer results
    for more work (none by default).
    """
    if band is not None and band <= 0:
        raise ValueError("band must be positive")
    with collector_paused():
        return _explore(scenario, seeds, policy, band)


def _explore(scenario: Scenario, seeds, policy: str, band: float | None) -> Exploration:
    result = Exploration(scenario.id, list(seeds), policy, band)
    result.scenario_model = scenario
    for scene in scenario.endings:
        result.endings[scene.id] = EndingSummary(scene.id, scene.ending.type, scene.ending.title.get_text("en"))
    graph = scene_graph(scenario)
    rank = scene_order(scenario, graph)
    key_of = make_state_key(scenario, graph, rank, band)
    strategies = scenario.catalogue.strategies
    for seed in seeds:
        start = core.start(scenario, seed)
        nodes = [_Node(start, -1, -1, "", start.score, key_of(start))]
        kept: dict[tuple, list[int]] = {nodes[0].key: [0, 0]}
        queue = [(rank[start.scene], 0)]
        while queue:
            _, index = heapq.heappop(queue)
            node = nodes[index]
            state = node.state
            if state.over:
                _record(result, nodes, index, seed, strategies)
                continue
            if index not in kept.get(node.key, ()):
                continue  # superseded by a higher or lower state in its bucket before it was expanded
            choices = core.visible_choices(scenario, state)
            if policy == COUNTERPRODUCTIVE:
                harmful = [c for c in choices if strategies[c.strategy].category == COUNTERPRODUCTIVE]
                choices = harmful or choices
            for choice in choices:
                result.edges += 1
                child = state.copy()
                core.apply_choice(scenario, child, choice)
                score = child.score
                key = key_of(child, score)
                pair = kept.get(key)
                if pair is not None and nodes[pair[0]].score <= score <= nodes[pair[1]].score:
                    continue
                nodes.append(_Node(child, index, choice.index, choice.strategy, score, key))
                new = len(nodes) - 1
                if pair is None:
                    kept[key] = [new, new]
                elif score < nodes[pair[0]].score:
                    pair[0] = new
                else:
                    pair[1] = new
                heapq.heappush(queue, (rank[child.scene], new))
        result.nodes += len(nodes)
    return result


def _duty_failed(scenario: Scenario, state: CaseState) -> bool:
    if not state.duties:
        return False
    lookup = make_lookup(scenario, state, scenario.focus_of(state.scene))
    return any(duty.id in state.duties and not duty.met(lookup) for duty in scenario.duties)


def _harm(path: list[dict], strategies) -> int:
    return sum(1 for step in path if strategies[step["strategy"]].category == COUNTERPRODUCTIVE)


def _record(result: Exploration, nodes: list[_Node], index: int, seed, strategies) -> None:
    """Note a path that reached an ending. Among paths with the same score, the best shown is the one
    with the fewest counterproductive moves and the worst the one with the most, so that a tie at the
    ceiling or the floor never presents a harmful move as part of the best way through."""
    state = nodes[index].state
    summary = result.endings[state.scene]
    score = nodes[index].score
    summary.reachable = True
    if not summary.duty_failed and _duty_failed(result.scenario_model, state):
        summary.duty_failed = True
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
