"""The program's version: set once, in pyproject.toml, and read here from the installed package's metadata.

The CLI's ``--version``, the session log's start record, the save and the
debrief report all take it from here. The PyInstaller app carries the
metadata too (``packaging/alliance-sim.spec`` copies it), so it reports the
same number. Run from a source tree that was never installed, there is no
metadata to read, and the version says so rather than guess.
"""

from __future__ import annotations

from importlib import metadata

DISTRIBUTION = "alliance-sim"
UNKNOWN = "0+unknown"


def _installed_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return UNKNOWN


__version__ = _installed_version()
