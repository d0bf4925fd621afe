"""The PyInstaller app: built by packaging/build_app.py, copied elsewhere as its archive, played there.

The window is opened for real under Xvfb and photographed with ImageMagick's ``import``. Without
those tools the window test is skipped on a developer's machine and fails under CI=true.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

import pygame
import pytest

from install_helpers import ROOT, SCREENS, choices, clean_env, run, shipped_case_ids

VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
CALM_BACKGROUND = (243, 240, 234)  # sim/ui/window/theme.py, the calm theme's bg


@pytest.fixture(scope="module")
def app(wheel, tmp_path_factory) -> Path:
    """The app built from the wheel, then unpacked from its archive somewhere else, as a technician would."""
    build = tmp_path_factory.mktemp("app-build")
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "build_app.py"), "--wheel", str(wheel),
                             "--dist", str(build / "dist"), "--work", str(build / "work")],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (archive,) = (build / "dist").glob(f"alliance-sim-{VERSION}-*.tar.gz")
    machine = tmp_path_factory.mktemp("lab-machine")
    with tarfile.open(archive) as packed:
        packed.extractall(machine, filter="tar")
    shutil.rmtree(build / "dist" / "alliance-sim")  # nothing may point back at the build folder
    program = machine / "alliance-sim" / "alliance-sim"
    assert os.access(program, os.X_OK)
    return program


def app_env(home: Path, **extra) -> dict:
    return clean_env(home, PATH="/usr/bin:/bin", **extra)


def test_the_app_carries_the_cases_and_plays_one_in_the_terminal(app, tmp_path):
    env = app_env(tmp_path)
    assert run([app, "--version"], tmp_path, env).stdout.strip() == f"alliance-sim {VERSION}"
    listing = run([app, "list"], tmp_path, env)
    shipped = shipped_case_ids()
    assert [line.split()[0] for line in listing.stdout.splitlines()] == shipped, listing.stderr
    checked = run([app, "validate"], tmp_path, env)
    assert checked.returncode == 0 and f"{len(shipped)} files checked: 0 errors" in checked.stdout
    played = run([app, "play", "--text", "hospital_admission"], tmp_path, env, input_text=choices())
    assert played.returncode == 0, played.stderr[-2000:]
    assert "DEBRIEF" in played.stdout and f"played with alliance-sim {VERSION}." in played.stdout
    assert (app.parent / "_internal" / "sim" / "assets" / "fonts" / "LICENSE-DejaVu.txt").is_file()


def _require_tools() -> None:
    missing = [tool for tool in ("Xvfb", "import", "xwininfo") if shutil.which(tool) is None]
    if missing:
        message = "needs " + ", ".join(missing) + " (Debian: xvfb, imagemagick, x11-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def _start_xvfb() -> tuple[subprocess.Popen, str]:
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x800x24", "-nolisten",
                               "tcp"], pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as numbers:
        display = numbers.readline().strip()
    assert display, "Xvfb did not start"
    return server, f":{display}"


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_the_app_opens_a_case_in_its_window_under_xvfb(app, tmp_path):
    _require_tools()
    server, display = _start_xvfb()
    window = None
    try:
        env = app_env(tmp_path, DISPLAY=display)
        window = subprocess.Popen([str(app), "play", "hospital_admission"], cwd=tmp_path, env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while subprocess.run(["xwininfo", "-display", display, "-name", "Alliance"], capture_output=True).returncode:
            assert window.poll() is None, window.communicate()[1].decode(errors="replace")[-2000:]
            assert time.monotonic() < deadline, "no window named Alliance appeared"
            time.sleep(0.25)
        time.sleep(2)  # the first frames
        shot = SCREENS / "app-xvfb-play.png"
        shot.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["import", "-display", display, "-window", "root", str(shot)], check=True, timeout=60)
        assert window.poll() is None, "the app quit by itself"
    finally:
        if window is not None:
            _stop(window)
        _stop(server)
    image = pygame.image.load(str(shot))
    width, height = image.get_size()
    pixels = [image.get_at((x, y))[:3] for x in range(0, width, 4) for y in range(0, height, 4)]
    background = sum(1 for p in pixels if p == CALM_BACKGROUND) / len(pixels)
    ink = sum(1 for p in pixels if sum(p) < 200) / len(pixels)
    assert background > 0.4, f"the calm background covers only {background:.0%} of the screen"
    assert ink > 0.002, "no dark text on the screen"
