"""Where the files the program ships live: cases, catalogues, fonts, facilitator guides, the schema.

Everything is found through ``importlib.resources``, by package name, never by
a path relative to the source tree. In the checkout these files keep the
layout the design asks for (``scenarios/``, ``assets/``, ``docs/facilitator/``
at the top); ``pyproject.toml`` maps each folder into the package at build
time, so a wheel, a pipx install or the PyInstaller app carries them as
``sim/cases``, ``sim/assets`` and ``sim/guides``. Each of those folders holds
an ``__init__.py`` that only marks it as a package: setuptools' editable
install can point a package name at a folder outside ``sim/`` only when the
folder is a regular package, and that keeps ``pip install -e .`` reading the
checkout's files as they are edited.

A new kind of shipped file (compiled translations, say) is one entry in
``PLACES`` and one line in ``pyproject.toml``'s package data;
``tests/test_packaging.py`` checks that every file under these folders reaches
the wheel.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from sim.errors import ResourceError

# kind -> (package, folder inside it)
PLACES = {
    "cases": ("sim.cases", ""),          # scenarios/ in the checkout: the cases, strategies.yaml, references.yaml
    "fonts": ("sim.assets", "fonts"),    # assets/fonts/: DejaVu and its licence
    "guides": ("sim.guides", ""),        # docs/facilitator/: one guide per case
    "schema": ("sim", "schema"),         # sim/schema/: the JSON Schema of the format
}


def folder(kind: str) -> Path:
    """The folder holding one kind of shipped file, as a real path (pygame and gettext open files by name)."""
    package, inside = PLACES[kind]
    try:
        place = resources.files(package)
    except ModuleNotFoundError:
        raise ResourceError(f"the shipped {kind} are missing: the package '{package}' is not installed; "
                            "reinstall alliance-sim") from None
    if inside:
        place = place / inside
    if not isinstance(place, Path):  # a zip or another importer without real files
        raise ResourceError(f"the shipped {kind} are inside {place}, which is not a folder on disk; "
                            "install alliance-sim unpacked (pip, pipx or the app)")
    return place


def cases_dir() -> Path:
    return folder("cases")


def fonts_dir() -> Path:
    return folder("fonts")


def guides_dir() -> Path:
    return folder("guides")


def schema_dir() -> Path:
    return folder("schema")
