"""What a session remembers of its own course: decisions, ruptures, calibrations, notices."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Point:
    """The hidden alliance after a decision (decision 0 is the start)."""

    decision: int
    score: float
    dims: dict            # caregiver id -> {"engagement", "connection", "safety"}
    shared_purpose: float
    stances: dict
    child_safety: float = 50.0
    worker: str = ""      # the worker on the case after this decision ("" in a case that names none)


@dataclass
class DecisionRecord:
    number: int           # 1-based
    scene_id: str
    phase: str
    choice_id: str
    choice_text: str
    strategy: str
    category: str
    targets: list
    deltas: dict          # caregiver id -> dimension -> change actually applied
    score_before: float
    score_after: float    # after the choice's own effect, before any event that followed it
    feedback: str
    tensions: list
    references: list
    events_after: list = field(default_factory=list)   # [EventEffect] what happened next, each with its own effect
    stance_changes: list = field(default_factory=list)  # (caregiver, before, after, outcome)


@dataclass
class EventEffect:
    """An event that followed a decision, with what it did: charged to the event, linked to the decision."""

    event: str
    text: str
    scene: str
    decision: int         # the decision it followed (0: on arriving at the first scene)
    score_before: float
    score_after: float
    deltas: dict          # caregiver id -> dimension -> change
    caused_by: int | None = None  # a consequence that came due: the decision that set it in motion

    @property
    def effect(self) -> float:
        return self.score_after - self.score_before


@dataclass
class RuptureRecord:
    caregiver: str
    kind: str             # "withdrawal" or "confrontation"
    began_at: int         # decision number that started it
    scene_id: str
    score_before: float   # the alliance just before the decision that caused it
    ended_at: int | None = None
    outcome: str | None = None  # "repair", "resolved", or None while open
    score_at_end: float | None = None


@dataclass
class CalibrationRecord:
    phase: str
    decision: int
    estimate: float
    truth: float
    portrait: float = 50.0  # what the stances alone would suggest (the baseline of reading the portrait only)

    @property
    def signed_error(self) -> float:
        """Above the truth is positive: an optimistic reading."""
        return round(self.estimate - self.truth, 1)

    @property
    def error(self) -> float:
        return round(abs(self.estimate - self.truth), 1)


@dataclass
class NoticeRecord:
    decision: int
    truths: list          # every right answer: what each caregiver in the scene showed, or ["none"]
    answer: str
    began: bool = False   # a rupture had just begun (for measuring that being asked gives nothing away)

    @property
    def correct(self) -> bool:
        return self.answer in self.truths

    @property
    def truth(self) -> str:
        return self.truths[0]
