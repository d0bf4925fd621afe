"""Finding scenario files: by path, or by id in the scenarios folder."""

from __future__ import annotations

from pathlib import Path

from sim.scenario.catalogue import REFERENCES_FILE, STRATEGIES_FILE, default_scenario_dir

CATALOGUE_FILES = {STRATEGIES_FILE, REFERENCES_FILE}


def scenario_files(directory: Path | None = None) -> list[Path]:
    """Every scenario file in a folder (default: the shipped one), sorted by name."""
    directory = Path(directory) if directory else default_scenario_dir()
    return sorted(p for p in directory.glob("*.yaml") if p.name not in CATALOGUE_FILES)


def resolve(name: str | None, directory: Path | None = None) -> Path:
    """A path as given, or the file in the scenarios folder whose name (without .yaml) is ``name``."""
    if name is None:
        files = scenario_files(directory)
        if not files:
            raise FileNotFoundError("there are no scenarios in " + str(directory or default_scenario_dir()))
        preferred = [p for p in files if p.stem == "hospital_admission"]
        return (preferred or files)[0]
    path = Path(name)
    if path.exists():
        return path
    candidate = (Path(directory) if directory else default_scenario_dir()) / f"{name}.yaml"
    if candidate.exists():
        return candidate
    raise FileNotFoundError(f"no scenario file or id '{name}'")
