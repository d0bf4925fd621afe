"""Packaging in the checkout: the package list, where shipped files are found, one version everywhere.

The installs themselves (a wheel in a fresh venv, the PyInstaller app) are tested in tests/install/.
"""

from __future__ import annotations

import io
import json
import tomllib
import zipfile
from pathlib import Path

import pytest

from sim import resources
from sim.cli import main
from sim.errors import ResourceError
from sim.version import __version__

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def test_pyproject_lists_every_folder_of_the_package_and_maps_the_shipped_ones():
    found = {".".join(p.relative_to(ROOT).parts) for p in (ROOT / "sim").rglob("*")
             if p.is_dir() and p.name != "__pycache__" and any(c.name != "__pycache__" for c in p.iterdir())}
    mapped = SETUPTOOLS["package-dir"]
    for package, folder in mapped.items():
        assert (ROOT / folder / "__init__.py").is_file(), f"{folder}/ needs its __init__.py (see sim/resources.py)"
        found |= {package} | {package + "." + ".".join(p.relative_to(ROOT / folder).parts)
                              for p in (ROOT / folder).rglob("*") if p.is_dir() and p.name != "__pycache__"}
    assert sorted(found | {"sim"}) == sorted(SETUPTOOLS["packages"])


def test_every_shipped_place_is_a_mapped_or_listed_package():
    for kind, (package, _inside) in resources.PLACES.items():
        assert package in SETUPTOOLS["packages"], kind


def test_in_the_checkout_the_shipped_files_are_read_where_they_are_edited():
    """The editable install (the README's first command) reads the checkout's own folders."""
    assert resources.cases_dir().resolve() == ROOT / "scenarios"
    assert resources.fonts_dir().resolve() == ROOT / "assets" / "fonts"
    assert resources.guides_dir().resolve() == ROOT / "docs" / "facilitator"
    assert resources.schema_dir().resolve() == ROOT / "sim" / "schema"


def test_a_missing_or_packed_resource_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setitem(resources.PLACES, "cases", ("sim.not_there", ""))
    with pytest.raises(ResourceError, match="the shipped cases are missing"):
        resources.cases_dir()
    packed = tmp_path / "packed.zip"
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("fonts/DejaVuSans.ttf", b"")
    monkeypatch.setattr(resources.resources, "files", lambda package: zipfile.Path(packed))
    with pytest.raises(ResourceError, match="not a folder on disk"):
        resources.fonts_dir()


def test_a_missing_resource_is_one_line_from_the_command_not_a_traceback(monkeypatch, capsys):
    monkeypatch.setitem(resources.PLACES, "cases", ("sim.not_there", ""))
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("alliance-sim: the shipped cases are missing") and "Traceback" not in err


def test_one_version_from_pyproject_in_the_cli(capsys):
    assert __version__ == PYPROJECT["project"]["version"], "reinstall: pip install -e ."
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"alliance-sim {__version__}\n"
    import sim

    assert sim.__version__ == __version__


def test_the_same_version_in_the_log_the_save_and_the_debrief(tiny, tmp_path):
    from sim.records.saves import read_save
    from sim.ui.terminal.frontend import play_text, text_save_path

    answers = iter(["1"] * 40)  # the first choice each time, and 1 for every estimate and notice

    def read(prompt):
        try:
            return next(answers)
        except StopIteration:
            raise EOFError from None

    out = io.StringIO()
    assert play_text(tiny, 0, False, read=read, out=out, log_dir=tmp_path / "logs") == 0
    assert f"Case {tiny.id}, played with alliance-sim {__version__}." in out.getvalue()
    (log,) = (tmp_path / "logs").glob("*.jsonl")
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    start = next(r for r in records if r["type"] == "start")
    assert start["version"] == __version__
    assert all("version" not in r for r in records if r["type"] not in ("session", "start"))
    assert read_save(text_save_path(tiny.id))["version"] == __version__


def test_without_installed_metadata_the_version_says_unknown(monkeypatch):
    import sim.version as version

    def not_installed(name):
        raise version.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(version.metadata, "version", not_installed)
    assert version._installed_version() == version.UNKNOWN == "0+unknown"
