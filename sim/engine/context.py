"""How the moment changes what a move does: the context rules of the alliance model.

All multipliers apply to the catalogue (or overridden) change of one dimension
for one caregiver. See docs/alliance-model.md for the reasons behind each.
"""

from __future__ import annotations

from sim.engine import memory
from sim.engine.state import CaseState
from sim.scenario.model import Caregiver, Strategy

POWER_COST_PER_UNSAFE_POINT = 0.25   # x1.0 at safety >= 0, up to x1.75 at safety -3
REPAIR_IN_RUPTURE = 1.5
REPAIR_OUTSIDE_RUPTURE = 0.75
PREVENTIVE_EARLY_OR_GUARDED = 1.25
SLOW_TRUST = 0.85                    # mandated, with a bad experience of services, early phases
HOPEFUL = 1.1
HOSTILE = 0.9
REPAIR_BONUS = {"connection": 0.4, "engagement": 0.3}


def headroom(current: float) -> float:
    """Gains shrink as a dimension nears +3: trust is slower to deepen than to begin.

    Below 0 a gain counts in full; at +1.5 it counts half; at +3 nothing.
    Without this, a run of good moves reaches the ceiling long before closure.
    """
    return 1.0 if current <= 0 else max(0.0, (3.0 - current) / 3.0)


def multiplier(strategy: Strategy, caregiver: Caregiver, delta: float, safety: float, stance: str,
               phase: str, state: CaseState | None = None) -> float:
    """The factor applied to ``delta`` for this caregiver in this moment. ``state`` (before the move) brings
    in what the relationship remembers (``memory``); without it, a relationship with no history."""
    loss, gain = prepared(strategy, caregiver, phase)
    return loss(safety, stance, state) if delta < 0 else gain(safety, stance, state)


def prepared(strategy: Strategy, caregiver: Caregiver, phase: str):
    """The context rules for one move on one caregiver in one phase, with what those three fix worked out
    once: ``(loss, gain)``, each a function of (safety, stance, state) giving the factor on a loss (a
    negative change) or on a gain. ``multiplier`` is this; the engine's choice plans keep the pair, since a
    scene's phase is fixed. The factors are multiplied in the same order whichever way it is asked."""
    cid, power, category = caregiver.id, strategy.power, strategy.category
    repair, preventive, early = category == "repair", category == "preventive", phase == "intake"
    found: list[float] = []  # the factors that depend only on the caregiver and the phase, in the order they apply
    if caregiver.mandate == "mandated" and caregiver.prior_services == "negative" and phase in ("intake",
                                                                                                "assessment"):
        found.append(SLOW_TRUST)
    if caregiver.expectations == "hopeful":
        found.append(HOPEFUL)
    elif caregiver.expectations == "hostile":
        found.append(HOSTILE)
    tail = tuple(found)
    repair_factor, gain_factor, loss_factor = memory.repair_factor, memory.gain_factor, memory.loss_factor

    def loss(safety: float, stance: str, state: CaseState | None) -> float:
        factor = 1.0
        if power and safety < 0:
            factor *= 1.0 + POWER_COST_PER_UNSAFE_POINT * min(3.0, -safety)
        return factor * (loss_factor(state, strategy) if state is not None else 1.0)

    def gain(safety: float, stance: str, state: CaseState | None) -> float:
        factor = 1.0
        if state is not None:
            factor *= gain_factor(state, cid, strategy)
        if repair:
            # Repair pays where there is tension to repair: a rupture, or one still open (a betrayal, a complaint).
            factor *= repair_factor(state, cid, strategy, stance, REPAIR_IN_RUPTURE, REPAIR_OUTSIDE_RUPTURE)
        elif preventive and (early or stance == "guarded"):
            factor *= PREVENTIVE_EARLY_OR_GUARDED
        for constant in tail:
            factor *= constant
        return factor

    return loss, gain
