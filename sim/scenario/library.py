"""Finding scenario files: by path, or by id in the scenarios folder (and any further folders a front end
names, such as the user's own cases folder in the data folder)."""

from __future__ import annotations

from pathlib import Path

from sim.scenario.catalogue import REFERENCES_FILE, STRATEGIES_FILE, default_scenario_dir
from sim.i18n import _

CATALOGUE_FILES = {STRATEGIES_FILE, REFERENCES_FILE}


def scenario_files(directory: Path | None = None, also=()) -> list[Path]:
    """Every scenario file in a folder (default: the shipped one), sorted by name, then those of the folders
    in ``also`` (each sorted; a folder that does not exist has none)."""
    files = []
    for folder in [Path(directory) if directory else default_scenario_dir(), *map(Path, also)]:
        if folder.is_dir():
            files += sorted(p for p in folder.glob("*.yaml") if p.name not in CATALOGUE_FILES and p.is_file())
    return files


def resolve(name: str | None, directory: Path | None = None, also=()) -> Path:
    """A path as given, or the file in the scenarios folder (then in each of ``also``) whose name (without
    .yaml) is ``name``."""
    if name is None:
        files = scenario_files(directory)
        if not files:
            raise FileNotFoundError(_("there are no scenarios in {folder}").format(
                folder=directory or default_scenario_dir()))
        preferred = [p for p in files if p.stem == "hospital_admission"]
        return (preferred or files)[0]
    path = Path(name)
    if path.exists():
        return path
    for folder in [Path(directory) if directory else default_scenario_dir(), *map(Path, also)]:
        candidate = folder / f"{name}.yaml"
        if candidate.exists():
            return candidate
    raise FileNotFoundError(_("no scenario file or id '{name}'").format(name=name))
