"""What the relationship remembers: the rules that make trust slow to build and quick to lose.

Four things outlast the moment (docs/alliance-model.md gives the sources):

* a **trust baseline** per caregiver, slow to move: power moves lower it (most in intake and assessment,
  where the study puts the tense start), a repaired rupture raises it; every later gain is scaled by it;
* a **betrayal mark**: a withheld report that comes to light or a promise that comes due unkept. Gains are
  slowed for the rest of the case; only owning it (a move with ``owns_part``) earns repair credit, at a
  reduced rate, and owning it eases the mark without wiping it;
* an open **tension** (a rupture, a betrayal, a complaint an event opens): repair earns its bonus while one
  is open, whatever the stance, and a credited repair move closes it;
* the **worker's own state**: supervision (a move that ``acts_on: worker``) changes nothing in the caregiver
  but halves the cost of the worker's next power move and sharpens her next owning move.
"""

from __future__ import annotations

from sim.engine.state import CaseState
from sim.scenario.model import RUPTURE_STANCES, Strategy

TRUST_LOSS_EARLY = 0.3       # a power move in intake or assessment lowers the baseline this much
TRUST_LOSS_LATE = 0.15       # ...and later on, half as much
TRUST_GAIN_REPAIR = 0.25     # a rupture ended by a repair move raises it (Eubanks et al. 2018)
TRUST_FLOOR, TRUST_CEILING = -1.5, 0.5
TRUST_WEIGHT = 0.3           # gains x (1 + 0.3 trust): x0.55 at the floor, x1.15 at the ceiling
BETRAYAL_SLOW = 0.6          # gains while a betrayal that came to light is not owned
OWNED_SLOW = 0.8             # ...and once the worker has owned her part: the mark lasts
OWNING_CREDIT = 1.25         # repair factor of an owning move while a betrayal is unowned (1.5 otherwise)
SUPERVISED_POWER = 0.5       # the next power move after supervision costs half
SUPERVISED_OWNING = 1.25     # the next owning move after supervision counts a quarter more
EARLY_PHASES = ("intake", "assessment")


def tension_present(state: CaseState, cid: str) -> bool:
    """A rupture going on, or a tension still open (a betrayal, a complaint, a rupture never repaired)."""
    return state.stances[cid] in RUPTURE_STANCES or cid in state.tense


def unowned_betrayal(state: CaseState, cid: str) -> bool:
    return state.marks[cid] > 0 and cid not in state.owned


def repair_credit(state: CaseState, cid: str, strategy: Strategy) -> bool:
    """Whether a repair move earns repair credit with this caregiver: after an unowned betrayal, only owning it."""
    return may_earn_credit(strategy) and (strategy.owns_part or not unowned_betrayal(state, cid))


def may_earn_credit(strategy: Strategy) -> bool:
    """Whether a move can earn repair credit at all (``repair_credit`` is False for any other, whatever the
    state): only a repair move."""
    return strategy.category == "repair"


def repair_factor(state: CaseState | None, cid: str, strategy: Strategy, stance: str, in_tension: float,
                  outside: float) -> float:
    """The factor on a repair move's gains: full credit in tension, reduced for owning a betrayal, none for
    any other repair while a betrayal is unowned. ``stance`` is hers as the move lands."""
    if stance not in RUPTURE_STANCES and (state is None or cid not in state.tense):
        return outside
    if state is not None and unowned_betrayal(state, cid):
        return OWNING_CREDIT if strategy.owns_part else 1.0
    return in_tension


def gain_factor(state: CaseState, cid: str, strategy: Strategy) -> float:
    """What the relationship's memory does to any gain: the trust baseline and a betrayal's mark."""
    factor = 1.0 + TRUST_WEIGHT * state.trust[cid]
    if state.marks[cid]:
        factor *= OWNED_SLOW if cid in state.owned else BETRAYAL_SLOW
    if state.supervised and strategy.owns_part:
        factor *= SUPERVISED_OWNING
    return factor


def loss_factor(state: CaseState, strategy: Strategy) -> float:
    return SUPERVISED_POWER if state.supervised and strategy.power else 1.0


def after_move(state: CaseState, strategy: Strategy, targets, phase: str) -> None:
    """What a move leaves behind once its effects are applied."""
    if strategy.acts_on == "worker":
        state.supervised = True
        return
    power, owns = strategy.power, strategy.owns_part
    if not (power or owns or may_earn_credit(strategy)):
        return  # a move that is none of these leaves nothing behind
    for cid in targets:
        if power:
            loss = TRUST_LOSS_EARLY if phase in EARLY_PHASES else TRUST_LOSS_LATE
            state.trust[cid] = max(TRUST_FLOOR, state.trust[cid] - loss)
        if owns and state.marks[cid]:
            state.owned = state.owned | {cid}
        if repair_credit(state, cid, strategy) and state.stances[cid] not in RUPTURE_STANCES:
            state.tense = state.tense - {cid}  # the tension has been answered
    if power or owns:
        state.supervised = False  # supervision's help is for the next such move only


def betrayal(state: CaseState, cids) -> None:
    """A betrayal comes to light: a lasting mark, an open tension, and owning it starts again."""
    for cid in cids:
        state.marks[cid] += 1
    state.owned = state.owned - set(cids)
    state.tense = state.tense | set(cids)


def open_tension(state: CaseState, cids) -> None:
    state.tense = state.tense | set(cids)


def repaired(state: CaseState, cid: str) -> None:
    """A rupture ended by a repair move: trust can end higher than if it had never broken."""
    state.trust[cid] = min(TRUST_CEILING, state.trust[cid] + TRUST_GAIN_REPAIR)


def memory_key(state: CaseState) -> tuple:
    """What of the memory changes which rules apply later (for exploration's buckets), with the worker on
    the case (a handover to her changes nothing): the trust level itself is continuous, like the dimensions,
    and is not part of it."""
    marks = state.marks
    marked = tuple(sorted(cid for cid, n in marks.items() if n)) if any(marks.values()) else ()
    return (marked, state.owned, state.tense, state.supervised, state.due, state.worker)
