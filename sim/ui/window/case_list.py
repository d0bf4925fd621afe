"""The cases the picker offers: every scenario file in a folder, checked, broken ones kept with their problems.

Checking a full scenario takes a fraction of a second, so the library loads
in a background thread started after the first frame; the picker waits for it
only if it opens before the thread is done.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from sim.errors import ScenarioError
from sim.i18n import _, language as interface_language
from sim.scenario.problems import ERROR, Problem


@dataclass
class CaseEntry:
    path: Path
    scenario: object | None
    problems: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.scenario is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def title(self) -> str:
        return self.scenario.title.get_text() if self.scenario else self.path.stem.replace("_", " ").capitalize()

    @property
    def id(self) -> str:
        return self.scenario.id if self.scenario else self.path.stem


def check_entry(path: Path, catalogues: dict | None = None) -> CaseEntry:
    """Load and check one file; never raises for a bad scenario or catalogue."""
    from sim.engine import AllianceError, open_case

    path = Path(path)
    try:
        scenario, problems = open_case(path, catalogues=catalogues)
    except ScenarioError as exc:
        return CaseEntry(path, None, exc.problems)
    except AllianceError as exc:
        return CaseEntry(path, None, [Problem(ERROR, str(path), None, "", str(exc))])
    except Exception as exc:  # a checker bug must not take the window down: show it as a problem
        return CaseEntry(path, None, [Problem(ERROR, str(path), None, "", _("the checker failed: {problem}").format(problem=exc))])
    return CaseEntry(path, scenario, problems)


class CaseLibrary:
    def __init__(self, directory: Path | None = None):
        self.directory = Path(directory) if directory else None
        self._entries: list[CaseEntry] | None = None
        self._language = ""  # the interface language the entries' problems were written in
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.on_ready = None  # called from the loading thread when done

    def start(self) -> None:
        """Begin loading in the background (once)."""
        with self._lock:
            if self._thread is not None or self._entries is not None:
                return
            self._thread = threading.Thread(target=self._load, name="case-library", daemon=True)
            self._thread.start()

    def _load(self) -> None:
        from sim.records.log import user_cases_dir
        from sim.scenario.library import scenario_files

        catalogues: dict = {}
        entries: list[CaseEntry] = []
        language = interface_language()
        try:
            also = () if self.directory else (user_cases_dir(),)  # the user's own cases, after the shipped
            entries = [check_entry(path, catalogues) for path in scenario_files(self.directory, also)]
        finally:
            self._language, self._entries = language, entries
        if self.on_ready is not None:
            self.on_ready()

    @property
    def ready(self) -> bool:
        return self._entries is not None

    def entries(self) -> list[CaseEntry]:
        """Every case, loading now (or waiting for the background load) if needed. Entries checked in another
        interface language than the one now set are checked again, so that their problems are in this one."""
        if self._entries is not None and self._language != interface_language():
            with self._lock:
                self._entries = self._thread = None
        if self._entries is None:
            self.start()
            self._thread.join()
        return self._entries

    def title_of(self, scenario_id: str) -> str | None:
        if self._entries is None:
            return None
        for entry in self._entries:
            if entry.ok and entry.id == scenario_id:
                return entry.title
        return None
