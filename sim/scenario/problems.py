"""Problems found in authored files: one located message each, collected per file."""

from __future__ import annotations

from dataclasses import dataclass

from sim.errors import ScenarioError  # noqa: F401  (raised by the loader; its home is sim.errors)
from sim.i18n import N_, _

ERROR = "error"
WARNING = "warning"
SEVERITY_WORDS = {ERROR: N_("error"), WARNING: N_("warning")}  # the codes stay English in as_dict (--json)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located precisely enough for an author to fix it."""

    severity: str
    file: str
    line: int | None
    field: str
    message: str
    hint: str = ""

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file  # first, so editors jump to it
        severity = _(SEVERITY_WORDS[self.severity]) if self.severity in SEVERITY_WORDS else self.severity
        text = f"{where}: {severity}: {self.field + ': ' if self.field else ''}{self.message}"
        if self.hint:
            text += " " + _("(hint: {hint})").format(hint=self.hint)
        return text

    def as_dict(self) -> dict:
        return {
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "hint": self.hint,
        }


class ProblemList:
    """Collects problems for one file while it is read and checked."""

    def __init__(self, file: str):
        self.file = file
        self.items: list[Problem] = []

    def error(self, line: int | None, field: str, message: str, hint: str = "") -> None:
        self.items.append(Problem(ERROR, self.file, line, field, message, hint))

    def warning(self, line: int | None, field: str, message: str, hint: str = "") -> None:
        self.items.append(Problem(WARNING, self.file, line, field, message, hint))

    @property
    def has_errors(self) -> bool:
        return any(p.severity == ERROR for p in self.items)
