"""Installing the way users do: a wheel built from the checkout, a fresh venv outside it.

These tests reach the package index through pip (PyPI, with pip's own cache), as users do.
"""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from install_helpers import ROOT, clean_env, run


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out),
                             str(ROOT)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = out.glob("alliance_sim-*.whl")
    return built


@pytest.fixture(scope="session")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv, outside the checkout, with the wheel installed by pip; returns its bin folder."""
    place = tmp_path_factory.mktemp("user")
    venv.create(place / "venv", with_pip=True)
    bin_dir = place / "venv" / ("Scripts" if sys.platform == "win32" else "bin")
    result = run([bin_dir / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel],
                 cwd=place, env=clean_env(place), timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return bin_dir
