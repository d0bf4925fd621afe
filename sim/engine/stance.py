"""Caregiver stance: the rules that pick the next stance, and the state machine that holds it.

The stance is what a worker can observe: engaged, guarded, withdrawn or
confrontational. Withdrawn and confrontational are the two rupture kinds of
Safran and Muran. ``next_stance`` is a pure rule over the hidden dimensions
(shared with exploration); ``StanceMachine`` is the session's ``transitions``
machine, one for all caregivers, which records the moves the core decided and
whose callbacks record ruptures and repairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping

from transitions import Machine
from transitions.core import MachineError

from sim.errors import PlayError

from sim.scenario.model import RUPTURE_STANCES, STANCES
from sim.i18n import _

RUPTURE_MEAN = -1.25      # mean of E, C, S below which a rupture begins
RUPTURE_SAFETY = -2.0     # safety at or below which a rupture begins
POWER_RUPTURE_SAFETY = -1.0  # a power move landing on safety below this starts a rupture
RESOLVE_MEAN = -0.5       # a rupture ends when the mean is back to this...
RESOLVE_SAFETY = -1.0     # ...and safety to this
ENGAGED_MEAN = 0.75
ENGAGED_SAFETY = 0.0
STAY_ENGAGED_MEAN = 0.25  # hysteresis: an engaged caregiver stays engaged until the mean drops below this
STAY_ENGAGED_SAFETY = -0.5

TRIGGER_FOR = {"engaged": "engage", "guarded": "guard", "withdrawn": "withdraw", "confrontational": "confront"}


@dataclass(frozen=True)
class StanceMove:
    """A change of stance for one caregiver and what it means."""

    caregiver: str
    before: str
    after: str
    outcome: str  # "rupture", "repair", "resolved" (a rupture ended without a repair move), or "shift"


def next_stance(dims: Mapping[str, float], current: str, rupture_stance: str, power_move: bool) -> str:
    """The stance the hidden dimensions now call for."""
    mean = (dims["engagement"] + dims["connection"] + dims["safety"]) / 3.0
    safety = dims["safety"]
    if current in RUPTURE_STANCES:
        if mean >= RESOLVE_MEAN and safety >= RESOLVE_SAFETY:
            return "engaged" if mean >= ENGAGED_MEAN and safety >= ENGAGED_SAFETY else "guarded"
        return current
    if mean < RUPTURE_MEAN or safety <= RUPTURE_SAFETY or (power_move and safety < POWER_RUPTURE_SAFETY):
        return rupture_stance
    if mean >= ENGAGED_MEAN and safety >= ENGAGED_SAFETY:
        return "engaged"
    if current == "engaged" and mean >= STAY_ENGAGED_MEAN and safety >= STAY_ENGAGED_SAFETY:
        return "engaged"
    return "guarded"


def classify(caregiver: str, before: str, after: str, repair_move: bool) -> StanceMove | None:
    if before == after:
        return None
    if after in RUPTURE_STANCES and before not in RUPTURE_STANCES:
        outcome = "rupture"
    elif before in RUPTURE_STANCES and after not in RUPTURE_STANCES:
        outcome = "repair" if repair_move else "resolved"
    else:
        outcome = "shift"
    return StanceMove(caregiver, before, after, outcome)


class CaregiverStance:
    """The model object for one caregiver in the session's stance machine."""

    def __init__(self, caregiver_id: str):
        self.caregiver_id = caregiver_id
        self.state = ""


def stance_machine_spec(on_enter_rupture=None, on_exit_rupture=None) -> dict:
    """States and transitions of the stance machine, shared by the session's machine and ``diagram``.

    The machine records moves the core has decided (``next_stance``, or a stance a choice or an event
    sets); it does not decide them. Any stance can follow any other, because an author can set any stance
    and the rule can take a rupture straight to engaged; so the table allows every move, and what it adds
    is the bookkeeping declared on the rupture states: entering one records a rupture, leaving one records
    its end (a repair, or a resolution without a repair move).
    """
    states = []
    for stance in STANCES:
        state: dict[str, object] = {"name": stance}
        if stance in RUPTURE_STANCES:
            state["on_enter"] = [on_enter_rupture] if on_enter_rupture else []
            state["on_exit"] = [on_exit_rupture] if on_exit_rupture else []
        states.append(state)
    transitions = [{"trigger": trigger, "source": [s for s in STANCES if s != stance], "dest": stance}
                   for stance, trigger in TRIGGER_FOR.items()]
    return {"states": states, "transitions": transitions}


class StanceMachine:
    """One ``transitions`` machine for every caregiver of a session (one Machine per object is the
    library's known cost).

    ``move(caregiver, stance, decision=..., outcome=...)`` fires the trigger for the move with what the
    core decided as trigger arguments; the callbacks read them from ``event.kwargs``:
    ``on_rupture(caregiver, stance, decision)`` and ``on_rupture_end(caregiver, source, dest, outcome,
    decision)``. A move the table does not allow raises ``PlayError``.
    """

    def __init__(self, initial: Mapping[str, str], on_rupture: Callable[..., None],
                 on_rupture_end: Callable[..., None], machine_class=Machine, **options):
        self._on_rupture = on_rupture
        self._on_rupture_end = on_rupture_end
        self.models = {cid: CaregiverStance(cid) for cid in initial}
        self.machine = machine_class(model=None, initial=None, auto_transitions=False, ignore_invalid_triggers=False,
                                     send_event=True, **stance_machine_spec(self._entered_rupture, self._left_rupture),
                                     **options)
        for cid, stance in initial.items():
            self.machine.add_model(self.models[cid], initial=stance)

    def _entered_rupture(self, event) -> None:
        self._on_rupture(event.model.caregiver_id, event.transition.dest, event.kwargs.get("decision", 0))

    def _left_rupture(self, event) -> None:
        self._on_rupture_end(event.model.caregiver_id, event.transition.source, event.transition.dest,
                             event.kwargs.get("outcome", "shift"), event.kwargs.get("decision", 0))

    def stance(self, caregiver_id: str) -> str:
        return self.models[caregiver_id].state

    def move(self, caregiver_id: str, stance: str, decision: int = 0, outcome: str = "shift") -> None:
        """Fire the trigger that takes this caregiver to ``stance``."""
        model = self.models[caregiver_id]
        if model.state == stance:
            return
        try:
            model.trigger(TRIGGER_FOR[stance], decision=decision, outcome=outcome)  # type: ignore[attr-defined]
        except MachineError as exc:
            raise PlayError(_("the stance of '{id}' cannot move from {current} to {target}: {reason}").format(
                id=caregiver_id, current=model.state, target=stance, reason=exc.value)) from None
