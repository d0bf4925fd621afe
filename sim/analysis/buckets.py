"""What makes two states of a case alike for exploration: the scene graph, its order, and the buckets.

A bucket is a scene plus everything the scenario's conditions can still tell
apart from there on (see ``make_state_key``). ``live_reads`` is the liveness
analysis behind it: a variable that no later condition reads cannot change
where the case goes, so it need not split states.
"""

from __future__ import annotations

import operator

from sim.engine.memory import memory_key
from sim.engine.state import CaseState, name_readers
from sim.scenario.conditions import names as cond_names
from sim.scenario.graph import scene_graph
from sim.scenario.model import Scenario
from sim.scenario.names import EVENT, TEXT

__all__ = ["live_reads", "make_state_key", "scene_graph", "scene_order"]


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
    readers = name_readers(scenario)  # the state's one reader of each name
    plans = {}
    for sid, scene in scenario.scenes.items():
        exact, atoms, events = live[sid]
        # Text names (stances, the phase) are in every key already; an event read by name is a fired event.
        declared = scenario.state_names
        kinds = {name: declared[name] for name in exact if name in declared}
        events |= {spec.subject for spec in kinds.values() if spec.source == EVENT}
        exact_names = sorted(name for name, spec in kinds.items() if spec.kind != TEXT and spec.source != EVENT)
        tests = sorted(atoms)
        names = exact_names + sorted({name for name, _, _ in tests} - set(exact_names))
        position = {name: i for i, name in enumerate(names)}
        checks = tuple((position[name], _OPS[symbol], number) for name, symbol, number in tests)
        plans[sid] = (scenario.focus_caregiver(scene), tuple(readers.get(name) or _unknown(name) for name in names), len(exact_names),
                      checks, frozenset(events))

    stances_of = (lambda stances: (stances[caregivers[0]],)) if len(caregivers) == 1 else (
        lambda stances: tuple(map(stances.__getitem__, caregivers)))

    def key(state: CaseState, score: float | None = None):
        focus, reads, count, checks, events = plans[state.scene]
        if reads:  # the names read, each once, then the exact ones and which side of each comparison
            known = [] if score is None else [score]
            values = [read(state, focus, known) for read in reads]
            exact = tuple(values[:count]) if count else ()
            sides = tuple([op(values[i], number) for i, op, number in checks]) if checks else ()
        else:
            exact = sides = ()
        return (state.scene, stances_of(state.stances), exact, sides, state.fired & events, state.duties,
                memory_key(state), int(state.score // band) if band else 0)

    return key


def _unknown(name: str):
    def read(state, focus, score):
        raise KeyError(name)  # as the state's lookup does for a name nothing declares
    return read


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
