"""The scene graph: which scene can lead to which, through routes, interrupts and event diversions.

One function of the model, used by the checker (reachability, dead ends, the phase rule on every edge)
and by exploration (scene order and liveness). Each edge remembers the line and field that made it, so
a problem found on an edge is reported where the author wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.scenario.conditions import can_hold
from sim.scenario.model import Scenario

ROUTE, INTERRUPT, EVENT = "route", "interrupt", "event"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str        # ROUTE, INTERRUPT or EVENT
    line: int
    field: str       # the field that makes the edge, as the checker names it


def _possible_at(condition, scene) -> bool:
    """Whether ``condition`` can hold while the case is at ``scene`` (its phase is known there)."""
    return condition is None or can_hold(condition.tree, {"phase": scene.phase})


def scene_edges(scenario: Scenario) -> list[Edge]:
    """Every edge of the scene graph, in the order of the file. Targets may be unknown scene ids (the
    checker reports those); edges that cannot happen (an interrupt whose condition reads a phase other
    than the scene's) are left out."""
    edges: list[Edge] = []
    scenes = scenario.scenes
    for scene in scenes.values():
        for choice in scene.choices:
            for route in choice.routes:
                edges.append(Edge(scene.id, route.to, ROUTE, route.line,
                                  f"scene {scene.id}.choices[{choice.index}].next"))
    # An interrupt is tested after any decision (while the case is still at the scene of the decision).
    for interrupt in scenario.interrupts:
        for scene in scenes.values():
            if scene.choices and scene.id != interrupt.to and _possible_at(interrupt.when, scene):
                edges.append(Edge(scene.id, interrupt.to, INTERRUPT, interrupt.line, "interrupts.to"))
    # An event may divert on entry to one of its scenes (the case is then at that scene, in its phase).
    for event in scenario.events:
        if not event.goto:
            continue
        for scene in scenes.values():
            if (scene.id in event.at if event.at else scene.phase == event.phase) and scene.id != event.goto \
                    and _possible_at(event.when, scene):
                edges.append(Edge(scene.id, event.goto, EVENT, event.line, f"events ({event.id}).goto"))
    return edges


def scene_graph(scenario: Scenario) -> dict[str, set[str]]:
    """Each scene to the known scenes it can lead to."""
    graph: dict[str, set[str]] = {sid: set() for sid in scenario.scenes}
    for edge in scenario.scene_edges:
        if edge.target in graph:
            graph[edge.source].add(edge.target)
    return graph
