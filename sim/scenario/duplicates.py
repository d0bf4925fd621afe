"""Two scenario files that claim the same id.

A case's saves, logs and learning records are keyed by its id, so two files with one id (an edited copy,
a new version beside the old) would share one save: ``validate`` of a folder reports each pair, with the
file and line of each ``id:``.
"""

from __future__ import annotations

import re
from pathlib import Path

from sim.scenario.problems import ERROR, Problem
from sim.i18n import N_, _

_ID_LINE = re.compile(r"^id\s*:", re.MULTILINE)


def id_line(path: Path) -> int | None:
    """The line of the top-level ``id:`` key of a scenario file (None when it cannot be found)."""
    from sim import safeio
    from sim.errors import FileRefused

    try:
        text = safeio.read_text(path, safeio.SCENARIO_LIMIT, N_("file"))
    except (OSError, FileRefused):
        return None
    found = _ID_LINE.search(text)
    return text.count("\n", 0, found.start()) + 1 if found else None


def duplicate_ids(scenarios) -> list[Problem]:
    """One error per file whose id another file of ``scenarios`` ((id, path) of each loaded scenario) already
    has."""
    first: dict[str, tuple[str, int | None]] = {}
    problems = []
    for scenario_id, path in scenarios:
        line = id_line(Path(path))
        if scenario_id not in first:
            first[scenario_id] = (path, line)
            continue
        other, other_line = first[scenario_id]
        where = f"{other}:{other_line}" if other_line else other
        problems.append(Problem(ERROR, path, line, "id",
                                _("the id '{id}' is already the id of {where}").format(id=scenario_id, where=where),
                                _("give each scenario file its own id: saves, logs and records are kept by id")))
    return problems
