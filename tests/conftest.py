"""Shared test set-up: headless SDL, a private data folder, the catalogue and the tiny scenario."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402

from sim.scenario.catalogue import load_catalogue  # noqa: E402
from sim.scenario.loader import load_scenario  # noqa: E402
from scenario_helpers import TINY  # noqa: E402


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Every test writes saves, logs and settings under its own temporary folder."""
    monkeypatch.setenv("ALLIANCE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ALLIANCE_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("ALLIANCE_LRS_ENDPOINT", "ALLIANCE_LRS_USERNAME", "ALLIANCE_LRS_PASSWORD",
                 "ALLIANCE_LRS_HIDDEN_NUMBERS"):
        monkeypatch.delenv(name, raising=False)  # no test sends to an LRS it did not start itself
    return tmp_path / "home"


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="session")
def tiny(catalogue):
    return load_scenario(TINY, catalogue)
