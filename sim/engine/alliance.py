"""The hidden alliance: SOFTA dimensions to one 0-100 score, and a Bordin view.

Per caregiver, engagement (E), emotional connection (C) and safety (S) are kept
as floats on SOFTA's -3..+3 scale; the family's shared sense of purpose (SP)
likewise. The score formula is documented in docs/alliance-model.md:

    x_c   = 0.30 E + 0.35 C + 0.35 S                       (each caregiver)
    x     = x_c                                            (one caregiver)
    x     = 0.75 mean(x_c) + 0.25 SP - 0.15 (max - min)    (several: a split alliance costs)
    score = 100 (x + 3) / 6
"""

from __future__ import annotations

from typing import Mapping

LOW, HIGH = -3.0, 3.0
WEIGHTS = {"engagement": 0.30, "connection": 0.35, "safety": 0.35}
FAMILY_WEIGHT = 0.25
SPLIT_PENALTY = 0.15


def clamp(value: float, low: float = LOW, high: float = HIGH) -> float:
    return low if value < low else high if value > high else value


def caregiver_value(dims: Mapping[str, float]) -> float:
    """One caregiver's alliance on the -3..3 scale."""
    return (WEIGHTS["engagement"] * dims["engagement"] + WEIGHTS["connection"] * dims["connection"]
            + WEIGHTS["safety"] * dims["safety"])


def to_score(value: float) -> float:
    """-3..3 to 0..100."""
    return 100.0 * (clamp(value) - LOW) / (HIGH - LOW)


def family_value(values: list[float], shared_purpose: float) -> float:
    if len(values) == 1:
        return values[0]
    mean = sum(values) / len(values)
    return (1 - FAMILY_WEIGHT) * mean + FAMILY_WEIGHT * shared_purpose - SPLIT_PENALTY * (max(values) - min(values))


_ENGAGEMENT, _CONNECTION, _SAFETY = WEIGHTS["engagement"], WEIGHTS["connection"], WEIGHTS["safety"]


def alliance_score(dims_by_caregiver: Mapping[str, Mapping[str, float]], shared_purpose: float) -> float:
    """The hidden alliance score, 0..100: ``to_score(family_value([caregiver_value(d) ...]))``, written out
    (the engine asks for it on every step), the same arithmetic in the same order."""
    if len(dims_by_caregiver) == 1:  # one caregiver: her value is the family's
        for d in dims_by_caregiver.values():
            value = _ENGAGEMENT * d["engagement"] + _CONNECTION * d["connection"] + _SAFETY * d["safety"]
    else:
        value = family_value([_ENGAGEMENT * d["engagement"] + _CONNECTION * d["connection"] + _SAFETY * d["safety"]
                              for d in dims_by_caregiver.values()], shared_purpose)
    return 100.0 * ((LOW if value < LOW else HIGH if value > HIGH else value) - LOW) / (HIGH - LOW)


def caregiver_score(dims: Mapping[str, float]) -> float:
    return to_score(caregiver_value(dims))


def bordin_view(dims_by_caregiver: Mapping[str, Mapping[str, float]], shared_purpose: float) -> dict[str, float]:
    """Bond, goals and tasks on -3..3, mapped from SOFTA.

    bond  <- emotional connection and safety (trust, feeling safe with the worker)
    goals <- shared purpose with several caregivers, else engagement and connection
    tasks <- engagement (taking part in what the work asks)
    """
    dims = list(dims_by_caregiver.values())
    mean = {k: sum(d[k] for d in dims) / len(dims) for k in WEIGHTS}
    bond = (mean["connection"] + mean["safety"]) / 2
    if len(dims) > 1:
        goals = (mean["engagement"] + shared_purpose) / 2
    else:
        goals = (2 * mean["engagement"] + mean["connection"]) / 3
    return {"bond": round(bond, 2), "goals": round(goals, 2), "tasks": round(mean["engagement"], 2)}
