"""Shared test set-up: headless SDL, a private data folder, and small scenario helpers."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402

from sim.scenario.catalogue import load_catalogue  # noqa: E402
from sim.scenario.library import scenario_files  # noqa: E402
from sim.scenario.loader import check_scenario_file, load_scenario  # noqa: E402

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny.yaml"


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Every test writes saves, logs and settings under its own temporary folder."""
    monkeypatch.setenv("ALLIANCE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ALLIANCE_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "home"


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="session")
def tiny(catalogue):
    return load_scenario(TINY, catalogue)


def shipped_scenarios():
    return scenario_files()


def write_scenario(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str, catalogue=None):
    """(scenario or None, problems) for a scenario given as text."""
    return check_scenario_file(write_scenario(tmp_path, text), catalogue or load_catalogue())
