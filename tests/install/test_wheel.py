"""The wheel carries everything, and a user's install plays from any folder, with no checkout in sight."""

from __future__ import annotations

import json
import shutil
import tomllib
import zipfile
from pathlib import Path

from install_helpers import ROOT, SCREENS, choices, clean_env, run, shipped_case_ids

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SHIPPED = shipped_case_ids()


def source_roots() -> dict[str, Path]:
    """Where each top-level place in the wheel comes from: sim/ and every folder mapped into it."""
    mapping = PYPROJECT["tool"]["setuptools"]["package-dir"]
    return {"sim": ROOT / "sim", **{package.replace(".", "/"): ROOT / folder for package, folder in mapping.items()}}


def test_the_wheel_carries_every_file_of_the_package_and_its_mapped_folders(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = []
    for inside, folder in source_roots().items():
        for path in folder.rglob("*"):
            if path.is_dir() or "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            expected = f"{inside}/{path.relative_to(folder).as_posix()}"
            if expected not in names:
                missing.append(f"{path.relative_to(ROOT)} -> {expected}")
    assert not missing, "not in the wheel (add to pyproject.toml's packages or package-data):\n" + "\n".join(missing)
    assert "sim/cases/strategies.yaml" in names and "sim/assets/fonts/LICENSE-DejaVu.txt" in names
    assert any(n.endswith(".dist-info/licenses/assets/fonts/LICENSE-DejaVu.txt") for n in names)


def test_installed_from_the_wheel_it_lists_validates_and_plays_every_case_from_another_folder(installed, tmp_path):
    program = installed / "alliance-sim"
    elsewhere = tmp_path / "somewhere"
    elsewhere.mkdir()
    env = clean_env(tmp_path)

    version = run([program, "--version"], elsewhere, env)
    assert version.stdout.strip() == f"alliance-sim {PYPROJECT['project']['version']}", version.stderr

    listing = run([program, "list"], elsewhere, env)
    assert listing.returncode == 0, listing.stderr
    assert [line.split()[0] for line in listing.stdout.splitlines()] == SHIPPED

    checked = run([program, "validate"], elsewhere, env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{len(SHIPPED)} files checked: 0 errors" in checked.stdout
    spanish = run([program, "--lang", "es", "validate", "--lang", "es", "--strict"], elsewhere, env)
    assert spanish.returncode == 0, spanish.stdout + spanish.stderr  # the catalogue and every case's es ship
    assert f"{len(SHIPPED)} archivos revisados: 0 errores, 0 advertencias" in spanish.stdout, spanish.stdout

    for case in SHIPPED:
        played = run([program, "play", "--text", "--new", case], elsewhere, env, input_text=choices())
        assert played.returncode == 0, (case, played.stderr[-2000:])
        assert "DEBRIEF" in played.stdout, case
        assert f"Case {case}, played with alliance-sim {PYPROJECT['project']['version']}." in played.stdout

    logs = sorted((tmp_path / "data" / "logs").glob("*.jsonl"))
    assert len(logs) == len(SHIPPED)
    records = [json.loads(line) for line in logs[0].read_text(encoding="utf-8").splitlines()]
    start = next(r for r in records if r["type"] == "start")
    assert start["version"] == PYPROJECT["project"]["version"]
    save = json.loads((tmp_path / "data" / "saves" / f"text-{SHIPPED[0]}.json").read_text(encoding="utf-8"))
    assert save["version"] == PYPROJECT["project"]["version"]
    assert not list(elsewhere.iterdir()), "nothing is written to the folder the program was started from"


def test_the_installed_package_reads_its_own_files_not_the_checkout(installed, tmp_path):
    probe = ("import json, sim, sim.resources as r; "
             "print(json.dumps({'sim': sim.__file__, **{k: str(r.folder(k)) for k in r.PLACES}}))")
    result = run([installed / "python", "-c", probe], tmp_path, clean_env(tmp_path))
    assert result.returncode == 0, result.stderr
    places = json.loads(result.stdout)
    venv = installed.parent.resolve()
    for kind, where in places.items():
        assert Path(where).resolve().is_relative_to(venv), (kind, where)
        assert not Path(where).resolve().is_relative_to(ROOT), (kind, where)


def test_a_facilitators_own_folder_outside_the_package_still_works(installed, tmp_path):
    own = tmp_path / "my cases"
    own.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "tiny.yaml", own / "tiny.yaml")  # uses the shipped catalogue
    env = clean_env(tmp_path)
    checked = run([installed / "alliance-sim", "validate", own], tmp_path, env)
    assert checked.returncode == 0 and "1 file checked: 0 errors" in checked.stdout, checked.stdout
    played = run([installed / "alliance-sim", "play", "--text", own / "tiny.yaml"], tmp_path, env,
                 input_text=choices(40))
    assert played.returncode == 0 and "DEBRIEF" in played.stdout, played.stderr


WINDOW_PROBE = """
import json, sys
import pygame
from sim.ui.window.app import App
from sim.ui.window.facilitator import discussion_questions
from sim.ui.window.theme import FONT_DIR

app = App(scenario="hospital_admission", size=(1024, 700))
app.run(seconds=1.0)
app.screenshot(sys.argv[1])
print(json.dumps({"fonts": str(FONT_DIR), "screen": app.screen.name,
                  "guide": discussion_questions("hospital_admission", "intake")[1]}))
app.quit()
pygame.quit()
"""


def test_the_installed_window_opens_a_case_with_the_shipped_fonts_and_guide(installed, tmp_path):
    shot = SCREENS / "installed-wheel-play.png"
    env = clean_env(tmp_path, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    result = run([installed / "python", "-c", WINDOW_PROBE, shot], tmp_path, env)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(seen["fonts"]).resolve().is_relative_to(installed.parent.resolve())
    assert seen["screen"] != "error" and seen["guide"] is True
    assert shot.stat().st_size > 10_000
