"""The names a condition may read: declared once, here.

Every name is declared with what it is: its kind (number, text or bool), the
values or range it can take, and where the engine finds it in the state of a
case (``source``). The engine's state lookup, the checker and exploration's
buckets all read this declaration, so a name cannot mean one thing to the
checker and another in play.

Built-in names: ``alliance`` (0..100), ``stance`` (the scene's caregiver),
``phase``, ``decisions``, ``ruptures``, ``repairs``, ``shared_purpose``
(-3..3), and the built-in variable ``child_safety`` (0..100, set and added to
like any number variable). Per caregiver: ``<id>_stance``, ``<id>_alliance``
and ``<id>_<dimension>``. Per event: ``event_<id>`` (it has happened). Per
duty: ``duty_<id>`` (it has arisen). In a case with ``workers``: ``worker``, the one on
the case now. And the scenario's own variables.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.scenario.model import DIMENSIONS, PHASES, STANCES, Scenario, Variable

NUMBER, TEXT, BOOL = "number", "text", "bool"

# Where the engine reads a name (see sim/engine/state.py, which has one reader per source).
VARIABLE = "variable"
ALLIANCE = "alliance"
FOCUS_STANCE = "focus_stance"
PHASE = "phase"
SHARED_PURPOSE = "shared_purpose"
COUNTER = "counter"                    # decisions, ruptures, repairs: an attribute of the state
CAREGIVER_STANCE = "caregiver_stance"
CAREGIVER_ALLIANCE = "caregiver_alliance"
CAREGIVER_DIMENSION = "caregiver_dimension"
EVENT = "event"
DUTY = "duty"
WORKER = "worker"                      # the worker on the case now (a case that declares ``workers``)


@dataclass(frozen=True)
class StateName:
    """One name a condition may read, and what it is."""

    kind: str                       # NUMBER, TEXT or BOOL
    source: str                     # where the engine reads it (one of the constants above)
    subject: str = ""               # the variable, counter, caregiver, event or duty it belongs to
    dimension: str = ""             # for CAREGIVER_DIMENSION
    values: tuple[str, ...] = ()    # the values a TEXT name can take
    low: float | None = None        # the range of a NUMBER name, where it has one
    high: float | None = None
    doc: str = ""


BUILTINS: dict[str, StateName] = {
    "alliance": StateName(NUMBER, ALLIANCE, low=0, high=100, doc="the hidden alliance score, 0 to 100"),
    "stance": StateName(TEXT, FOCUS_STANCE, values=STANCES, doc="the stance of the caregiver the scene is about"),
    "phase": StateName(TEXT, PHASE, values=PHASES, doc="the phase of the case"),
    "shared_purpose": StateName(NUMBER, SHARED_PURPOSE, low=-3, high=3, doc="the family's shared sense of purpose"),
    "decisions": StateName(NUMBER, COUNTER, "decisions", low=0, doc="decisions made so far"),
    "ruptures": StateName(NUMBER, COUNTER, "ruptures", low=0, doc="ruptures begun so far"),
    "repairs": StateName(NUMBER, COUNTER, "repairs", low=0, doc="ruptures repaired so far"),
}

# Variables every case has, with the range the engine keeps them in.
CHILD_SAFETY = "child_safety"
BUILTIN_VARIABLE_RANGES = {CHILD_SAFETY: (0.0, 100.0)}

CAREGIVER_NAMES: dict[str, StateName] = {
    "stance": StateName(TEXT, CAREGIVER_STANCE, values=STANCES),
    "alliance": StateName(NUMBER, CAREGIVER_ALLIANCE, low=0, high=100),
    **{dim: StateName(NUMBER, CAREGIVER_DIMENSION, dimension=dim, low=-3, high=3) for dim in DIMENSIONS},
}
EVENT_PREFIX, DUTY_PREFIX = "event_", "duty_"


def builtin_variables(scenario: Scenario) -> dict[str, Variable]:
    """The built-in variables, with this scenario's starting values."""
    low, high = BUILTIN_VARIABLE_RANGES[CHILD_SAFETY]
    return {CHILD_SAFETY: Variable(CHILD_SAFETY, "number", scenario.child_safety, low, high,
                                   "how safe the child is, 0 to 100 (shown beside the alliance in the debrief)")}


def _variable_name(variable: Variable) -> StateName:
    if variable.type == "bool":
        return StateName(BOOL, VARIABLE, variable.name, doc=variable.description)
    return StateName(NUMBER, VARIABLE, variable.name, low=variable.min, high=variable.max, doc=variable.description)


def state_names(scenario: Scenario) -> dict[str, StateName]:
    """Every name a condition in ``scenario`` may read. Later entries never replace earlier ones, so a
    variable that takes a built-in name (an error the checker reports) cannot change what the name means."""
    names: dict[str, StateName] = dict(BUILTINS)

    def declare(name: str, spec: StateName) -> None:
        names.setdefault(name, spec)

    for caregiver in scenario.caregivers:
        for suffix, spec in CAREGIVER_NAMES.items():
            declare(f"{caregiver.id}_{suffix}", StateName(spec.kind, spec.source, caregiver.id, spec.dimension,
                                                          spec.values, spec.low, spec.high))
    for event in scenario.events:
        declare(EVENT_PREFIX + event.id, StateName(BOOL, EVENT, event.id, doc="the event has happened"))
    for duty in scenario.duties:
        declare(DUTY_PREFIX + duty.id, StateName(BOOL, DUTY, duty.id, doc="the duty has arisen"))
    if scenario.workers:
        declare("worker", StateName(TEXT, WORKER, values=tuple(w.id for w in scenario.workers),
                                    doc="the worker on the case now"))
    for variable in scenario.state_variables.values():
        declare(variable.name, _variable_name(variable))
    return names


def reserved(scenario: Scenario) -> set[str]:
    """Names an author's variable may not take: every declared name that is not one of her own variables."""
    return {name for name, spec in scenario.state_names.items() if spec.source != VARIABLE} | set(
        BUILTIN_VARIABLE_RANGES)
