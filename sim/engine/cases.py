"""Opening a case: find the file (a path, or an id in a folder of cases), read its catalogues, load and
check it. The one way the command line, the terminal and the window open a case."""

from __future__ import annotations

from pathlib import Path

from sim.errors import CaseNotFound, ScenarioError
from sim.scenario.catalogue import find_catalogue_dir, load_catalogue
from sim.scenario.library import resolve
from sim.scenario.loader import check_scenario_file
from sim.scenario.model import Scenario


def find_case(path_or_id: str | Path | None, directory: Path | None = None, also=()) -> Path:
    """The file of a case: a path as given, or ``<id>.yaml`` in ``directory`` (default: the shipped
    cases), then in the folders of ``also``. ``None`` is the default case. Raises ``CaseNotFound``."""
    try:
        return resolve(None if path_or_id is None else str(path_or_id), directory, also)
    except FileNotFoundError as exc:
        raise CaseNotFound(str(exc)) from None


def open_case(path_or_id: str | Path | None, directory: Path | None = None,
              catalogues: dict | None = None) -> tuple[Scenario, list]:
    """Find, load and check a case. Returns the scenario and its warnings.

    Raises ``CaseNotFound`` when there is no such file or id, and ``ScenarioError`` carrying every problem
    when the case (or the catalogue beside it) has errors. ``catalogues`` (folder to catalogue) lets a
    caller opening many cases read each catalogue once.
    """
    path = find_case(path_or_id, directory)
    catalogues = {} if catalogues is None else catalogues
    folder = find_catalogue_dir(path)
    if folder not in catalogues:
        catalogues[folder] = load_catalogue(folder)  # raises ScenarioError for a broken catalogue
    scenario, problems = check_scenario_file(path, catalogues[folder])
    if scenario is None:
        raise ScenarioError(problems)
    return scenario, problems
