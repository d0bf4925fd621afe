"""Headless fixtures for the window tests: a dummy video driver, private data and config folders,
and helpers that drive the app with real pygame events."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402

from window_helpers import BROKEN, TINY, Driver  # noqa: E402


@pytest.fixture(autouse=True)
def private_folders(tmp_path, monkeypatch):
    """Every test gets its own data and config folders; the learner has already said who she is
    (the test of the name screen removes that), and no LRS is set up."""
    monkeypatch.setenv("ALLIANCE_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ALLIANCE_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("ALLIANCE_LRS_ENDPOINT", "ALLIANCE_LRS_USERNAME", "ALLIANCE_LRS_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "config").mkdir(exist_ok=True)
    (tmp_path / "config" / "settings.json").write_text('{"learner": "Window tester"}\n', encoding="utf-8")
    yield
    pygame.display.quit()


@pytest.fixture
def case_dir(tmp_path) -> Path:
    """A scenarios folder with the tiny case (by path, from tests/data) and one broken file."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    shutil.copy(TINY, folder / "tiny.yaml")
    (folder / "zz_broken.yaml").write_text(BROKEN, encoding="utf-8")
    return folder


@pytest.fixture
def make_app(case_dir):
    from sim.ui.window.app import App

    apps = []

    def make(size=(1280, 800), directory=None, **kwargs):
        kwargs.setdefault("seed", 0)  # a fixed seed: the choice order and the noticing questions are known
        app = App(size=size, scenario_dir=directory or case_dir, **kwargs)
        app.step()
        apps.append(app)
        return app

    yield make
    for app in apps:
        if app.case is not None:
            app.case.close()
        thread = app.library._thread
        if thread is not None:
            thread.join(60)  # a library still checking would post its "ready" into the next test's window
    if pygame.display.get_init():
        pygame.event.clear()


@pytest.fixture
def drive():
    return Driver
