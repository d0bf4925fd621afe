"""A change of worker: what of the relationship passes to the next worker, and what stays with the last.

The alliance is with a person as well as with a programme (docs/alliance-model.md, "A change of worker").
When the case passes to another worker:

* what the caregiver built **with the worker** mostly stays behind: of a positive emotional connection a
  third carries over, of safety three fifths, of engagement in the process four fifths (the process goes on);
* what she learned **of the programme** carries: most of a negative rating (four fifths: she expects the same
  of the next one), every betrayal mark, every open tension and every consequence still to come due;
* goodwill is personal, distrust is not: a positive trust baseline halves, a negative one stays whole;
* the old worker's owning of a betrayal and her supervision leave with her;
* and the change itself is a loss that opens a tension with every caregiver, which a repair move can answer.

The family's shared purpose is among its members and does not move. Handing the case to the worker already
on it changes nothing.
"""

from __future__ import annotations

from sim.engine import memory
from sim.engine.state import CaseState
from sim.scenario.model import Scenario

CARRIES = {"engagement": 0.8, "connection": 1 / 3, "safety": 0.6}  # of a positive rating, by dimension
WARINESS_CARRIES = 0.8   # of a negative rating, on every dimension
GOODWILL_CARRIES = 0.5   # of a positive trust baseline


def hand_over(scenario: Scenario, state: CaseState, worker: str) -> bool:
    """Pass the case to ``worker``; whether it changed hands."""
    if not worker or worker == state.worker:
        return False
    state.worker = worker
    for cid in scenario.caregiver_ids:
        dims = state.dims[cid]
        for dim, keep in CARRIES.items():
            value = dims[dim]
            dims[dim] = value * (keep if value > 0 else WARINESS_CARRIES)
        if state.trust[cid] > 0:
            state.trust[cid] *= GOODWILL_CARRIES
    state.owned = frozenset()
    state.supervised = False
    memory.open_tension(state, scenario.caregiver_ids)
    return True
