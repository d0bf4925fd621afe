"""Problems grouped the way an author fixes them: by file, then by scene, the root cause first.

A scene with several problems usually has one cause (a field misspelt, a scene id mistyped) and its
consequences (a choice that leads nowhere, a scene no path reaches). Each problem keeps its own
``file:line: severity: field: message`` line, so editors and grep still find it; the groups only order them,
with a heading above a scene that has more than one. Within a scene, problems that say what is written
wrongly (a missing or unknown field, a wrong type) come first, then unknown names, then what follows from
the graph (dead ends, unreachable scenes, conditions that never hold), each in line order.
"""

from __future__ import annotations

import re
from itertools import groupby

from sim.scenario.problems import ERROR, Problem
from sim.i18n import ngettext

_SCENE = re.compile(r"^(?:scene (?P<a>[A-Za-z_][\w]*)|scenes\[\d+\] \((?P<b>[A-Za-z_][\w]*)\))")
_WRITTEN = ("missing required field", "expected ", "is not allowed", "unknown field", "not an identifier",
            "must be an identifier", "duplicate",
            # the same kinds of message in the Spanish catalogue (docs/translation.md)
            "falta el campo obligatorio", "se esperaba", "no se permite", "campo desconocido",
            "debe ser un identificador", "duplicad")
_CONSEQUENCE = ("never", "unreachable", "dead end", "no ending", "cannot be reached", "can not", "phase order",
                "nunca", "inalcanzable", "callejón sin salida", "ningún desenlace", "orden de fases")
_UNKNOWN = ("unknown", "desconocid")


def scene_of(problem: Problem) -> str | None:
    """The scene a problem is about, read from its field (None: the case as a whole)."""
    match = _SCENE.match(problem.field or "")
    return (match.group("a") or match.group("b")) if match else None


def cause_rank(problem: Problem) -> int:
    """0: written wrongly; 1: an unknown name; 2: anything else; 3: a consequence of the graph or the ranges.
    Errors come before warnings of the same rank."""
    message = problem.message.lower()
    if any(word in message for word in _WRITTEN):
        rank = 0
    elif message.startswith(_UNKNOWN[0]) or _UNKNOWN[1] in message.split(" '")[0]:
        rank = 1
    elif any(word in message for word in _CONSEQUENCE):
        rank = 3
    else:
        rank = 2
    return rank * 2 + (0 if problem.severity == ERROR else 1)


def grouped(problems: list[Problem]) -> list[tuple[str, str | None, list[Problem]]]:
    """(file, scene or None, problems) in the order a reader meets them: files by name, then each group at
    the line of its first problem; within a group, the root cause first."""
    groups = []
    by_file = sorted(problems, key=lambda p: p.file)
    for file, in_file in groupby(by_file, key=lambda p: p.file):
        buckets: dict = {}
        for problem in in_file:
            buckets.setdefault(scene_of(problem), []).append(problem)
        for scene, items in buckets.items():
            items.sort(key=lambda p: (cause_rank(p), p.line or 0))
            first = min((p.line or 0) for p in items)
            groups.append((file, scene, items, first))
    groups.sort(key=lambda g: (g[0], g[1] is not None, g[3]))
    return [(file, scene, items) for file, scene, items, _first in groups]


def grouped_lines(problems: list[Problem]) -> list[str]:
    """Text lines: each problem's own line, under a heading for a scene with more than one problem."""
    lines = []
    for file, scene, items in grouped(problems):
        if scene is not None and len(items) > 1:
            lines.append(ngettext("{file}: scene '{scene}': {count} problem, the first is likely the cause:",
                                  "{file}: scene '{scene}': {count} problems, the first is likely the cause:",
                                  len(items)).format(file=file, scene=scene, count=len(items)))
        lines += [p.format() for p in items]
    return lines
