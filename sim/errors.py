"""Every error a user or a file can cause, in one family.

Front ends catch ``AllianceError`` and show its message; anything else that
reaches them is a bug of ours and is reported as an internal error. This
module imports nothing but ``sim.i18n`` (its messages are translated), so every layer (scenario, engine, records, ui) can
raise and catch these without depending on another.
"""

from __future__ import annotations
from sim.i18n import _, ngettext


class AllianceError(Exception):
    """The base of every error whose message is meant for the person at the keyboard."""


class ScenarioError(AllianceError):
    """A scenario (or catalogue) that cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems):
        self.problems = list(problems)
        errors = [p for p in self.problems if p.severity == "error"] or self.problems
        summary = errors[0].format() if errors else _("invalid scenario")
        if len(errors) > 1:
            summary += " " + ngettext("(and {count} more)", "(and {count} more)", len(errors) - 1).format(
                count=len(errors) - 1)
        super().__init__(summary)

    @property
    def errors(self) -> list:
        return [p for p in self.problems if p.severity == "error"]


class CaseNotFound(AllianceError):
    """No scenario file or id by that name."""


class ConditionError(AllianceError):
    """A condition that cannot be parsed or evaluated."""

    def __init__(self, message: str, position: int | None = None):
        self.message = message
        self.position = position
        if position is not None:
            message = _("{message} at column {column}").format(message=message, column=position + 1)
        super().__init__(message)


class PlayError(AllianceError):
    """The case cannot go on: a scenario problem the checker could not see (e.g. no choice available)."""


class PhaseOrderError(PlayError):
    """A move to an earlier phase that the target scene does not allow."""


class ActionError(AllianceError):
    """An action that does not fit the session's current state (wrong kind, unknown choice, bad value)."""


class SaveError(AllianceError):
    """A save that cannot be read or does not belong to this scenario. The file is never changed."""


class ScenarioChanged(SaveError):
    """A save made before its case file was edited: it cannot be resumed exactly, only replayed into the
    new version as far as it fits (live preview). The file is never changed."""


class ModeError(AllianceError):
    """Something the current mode does not allow (the hidden alliance outside facilitator mode, say)."""


class ResourceError(AllianceError):
    """A file the program ships (a case, a font, the schema) cannot be found where the install put it."""


class LearnerNameError(AllianceError):
    """A learner's name or pseudonym that cannot be recorded (too long)."""


class LrsConfigError(AllianceError):
    """An LRS endpoint or setting that cannot be used."""


class LrsError(AllianceError):
    """The LRS could not take or give statements. ``kind``: refused (the credentials), unavailable (down, slow,
    a server error), rejected (a statement it will not store), conflict (another statement has that id),
    too_large (the batch)."""

    def __init__(self, kind: str, message: str, status: int | None = None):
        super().__init__(message)
        self.kind = kind
        self.status = status


class OutboxError(AllianceError):
    """The outbox of learning records cannot be opened or written."""


class FileRefused(AllianceError):
    """A file the program will not read: not a regular file (a FIFO, a device, a folder), too big, not UTF-8.
    ``line``: the line of the file the problem is on, when there is one."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


class CaseLocked(SaveError):
    """The save is in use by another running copy of the program."""


class ExploreBudgetError(AllianceError):
    """``explore`` met more distinct states than its budget allows (a loop on a counter, or a huge case)."""
