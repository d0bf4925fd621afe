"""The layout rules of docs/architecture.md, checked on the source itself.

Dependencies point one way (scenario -> engine -> records/analysis -> ui -> cli), pygame is imported only
under sim/ui, errors come from sim/errors.py, and front ends read the engine's views, never its insides.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import sim

ROOT = Path(sim.__file__).resolve().parent
LAYERS = {"errors": 0, "safeio": 0, "i18n": 0, "scenario": 1, "engine": 2, "records": 3, "analysis": 3, "ui": 4, "cli": 5, "cli_args": 5, "__main__": 5}


def modules():
    for path in sorted(ROOT.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def layer_of(path: Path) -> str:
    part = path.relative_to(ROOT).parts[0]
    return part[:-3] if part.endswith(".py") else part


def imported(tree) -> set[str]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_dependencies_point_one_way():
    wrong = []
    for path, tree in modules():
        here = layer_of(path)
        if here not in LAYERS:
            continue
        for name in imported(tree):
            if not name.startswith("sim."):
                continue
            there = name.split(".")[1]
            if there in LAYERS and LAYERS[there] > LAYERS[here]:
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


def test_pygame_only_under_ui():
    outside = [str(path.relative_to(ROOT)) for path, tree in modules()
               if layer_of(path) != "ui" and any(n == "pygame" or n.startswith("pygame.") for n in imported(tree))]
    assert outside == []


def test_exceptions_are_declared_in_one_module():
    declared = []
    for path, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                    isinstance(b, ast.Name) and b.id in ("Exception", "ValueError", "KeyError") for b in node.bases):
                declared.append(f"{path.relative_to(ROOT)}:{node.name}")
    # The only others: private control-flow signals inside one module (a quit key, a YAML limit, no display).
    allowed = {"errors.py:AllianceError", "ui/terminal/frontend.py:Quit",
               "ui/terminal/frontend.py:_Reloaded", "scenario/yamlsource.py:_TooBig",
               "scenario/yamlsource.py:_Refused", "safeio.py:_BadNumber", "ui/window/app.py:NoDisplay"}
    assert set(declared) <= allowed, set(declared) - allowed


def test_front_ends_read_views_not_session_internals():
    pattern = re.compile(r"session\.(_\w+|state\b)")
    found = [f"{path.relative_to(ROOT)}: {m.group(0)}" for path, _ in modules() if layer_of(path) == "ui"
             for m in pattern.finditer(path.read_text(encoding="utf-8"))]
    assert found == []


def test_no_two_modules_share_a_name_unless_they_hold_the_same_concept():
    names: dict[str, list[str]] = {}
    for path, _ in modules():
        if path.name != "__init__.py":
            names.setdefault(path.stem, []).append(str(path.relative_to(ROOT)))
    # The debrief is one concept in three rooms: its data (analysis) and its two screens (terminal, window).
    shared = {stem: paths for stem, paths in names.items() if len(paths) > 1}
    assert set(shared) <= {"debrief"}, shared


def test_gettext_is_never_shadowed():
    """A module that translates with ``_`` (sim.i18n) never binds ``_`` to anything else: a throwaway
    ``for _, x in ...`` would turn every later ``_("...")`` in that scope into a crash."""
    wrong = []
    for path, tree in modules():
        uses_gettext = any(isinstance(node, ast.ImportFrom) and node.module == "sim.i18n"
                           and any(a.name == "_" for a in node.names) for node in ast.walk(tree))
        if not uses_gettext:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif isinstance(node, ast.arg) and node.arg == "_":
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not wrong, f"'_' bound where it is gettext: {wrong}"
