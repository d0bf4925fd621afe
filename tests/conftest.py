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
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):  # the interface in English unless a test asks
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    import sim.i18n

    sim.i18n.set_language("en")
    yield tmp_path / "home"
    sim.i18n.set_language("en")


@pytest.fixture(scope="session")
def catalogue():
    return load_catalogue()


@pytest.fixture(scope="session")
def tiny(catalogue):
    return load_scenario(TINY, catalogue)


@pytest.fixture
def tmpfs(tmp_path):
    """``mount(size)``: a fresh tmpfs of that size (a real, small file system that fills up, and that can be
    remounted read-only: ``remount(point, "ro")``), unmounted after the test. Mounting needs root, which CI
    is: the tests that use it skip only outside CI, for a developer who is not root."""
    import subprocess

    if os.geteuid() != 0 and os.environ.get("CI") != "true":
        pytest.skip("a tmpfs is mounted as root (CI runs these tests as root)")
    points = []

    class Tmpfs:
        @staticmethod
        def mount(size: str = "256k"):
            point = tmp_path / f"tmpfs-{len(points)}"
            point.mkdir()
            subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(point)],
                           check=True, capture_output=True, timeout=60)
            points.append(point)
            return point

        @staticmethod
        def remount(point, flag: str) -> None:
            subprocess.run(["mount", "-o", f"remount,{flag}", str(point)], check=True, capture_output=True,
                           timeout=60)

        @staticmethod
        def fill(folder) -> int:
            """Fill the file system under ``folder`` (a file named 'filler'); the bytes written."""
            written = 0
            with open(os.path.join(folder, "filler"), "wb", buffering=0) as out:
                for block in (b"\0" * 4096, b"\0"):  # whole pages, then the last bytes a page still holds
                    try:
                        while True:
                            count = out.write(block)
                            if not count:
                                break
                            written += count
                    except OSError:
                        pass
            return written

    yield Tmpfs
    for point in reversed(points):
        subprocess.run(["umount", "-l", str(point)], capture_output=True, timeout=60)

