"""What a step of the core records: the full ``StepReport`` the session's timeline reads, the
``EventChange`` of each event in it, and the ``QuietReport`` of a step whose caller reads none of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from sim.engine.stance import StanceMove
from sim.scenario.model import Event


@dataclass
class EventChange:
    """What one event did, charged to the event (and through it to the decision it followed)."""

    event: Event
    scene: str
    score_before: float
    score_after: float
    deltas: dict[str, dict[str, float]]
    caused_by: int | None = None  # the decision that scheduled it, for a consequence that came due


@dataclass
class StepReport:
    """What happened in one step, for the session's timeline. Exploration asks for none (a ``QuietReport``).

    ``deltas`` and ``score_after_choice`` are the choice's own effect; what the events after it did is in
    ``changes``, one entry per event, so the debrief can charge each change to its cause.
    """

    detail: bool = True
    choice_score: bool = False  # without ``detail``, still record ``score_after_choice`` (the look-ahead's)
    moves: list[StanceMove] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    changes: list[EventChange] = field(default_factory=list)
    scenes: list[str] = field(default_factory=list)
    duties: list[str] = field(default_factory=list)
    deltas: dict[str, dict[str, float]] = field(default_factory=dict)
    score_after_choice: float | None = None
    route: int | None = None      # which of the choice's routes was taken
    interrupt: int | None = None  # which interrupt, if one took the case elsewhere
    forced: set = field(default_factory=set)  # caregivers whose stance a choice or event set this step


class _Discard:
    """A list that keeps nothing, for what a quiet step records and no one reads."""

    __slots__ = ()

    def append(self, item) -> None:
        pass


_DISCARD = _Discard()


class QuietReport:
    """The report of a step that needs none of its detail (exploration's, and with ``choice_score`` the
    look-ahead's): it records nothing but what the step itself reads back (``forced``, the stances set on
    purpose this step) and ``score_after_choice`` when asked, so it costs next to nothing to make. It has
    every field of ``StepReport`` that the core writes; ``StepReport(detail=False)`` is the same step with
    the lists kept (for the coverage, which reads them)."""

    __slots__ = ("forced", "route", "interrupt", "score_after_choice", "choice_score")
    detail = False
    moves = events = changes = scenes = duties = _DISCARD

    def __init__(self, choice_score: bool = False):
        self.forced: set = set()
        self.choice_score = choice_score
        self.score_after_choice = self.route = self.interrupt = None


Report = Union[StepReport, QuietReport]  # what the core's steps write to: either kind
