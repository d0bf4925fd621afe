"""The phase machine of a case: intake, assessment, intervention, closure, ended."""

from __future__ import annotations

from typing import Callable

from transitions import Machine

from sim.errors import PhaseOrderError
from sim.scenario.model import PHASE_INDEX, PHASES

ENDED = "ended"


class PhaseMachine:
    """Holds the current phase; the session asks it to move when the case enters a scene.

    ``advance`` steps forward one phase and is guarded: it fires only while the
    phase the case has reached lies ahead. ``return_to_<phase>`` goes back and
    is guarded by the target scene's ``allow_phase_return``. ``finish`` ends
    the case from any phase. ``on_phase_end(phase)`` is called as each phase
    is left, which is where the session puts its calibration prompt.
    """

    def __init__(self, initial: str, on_phase_end: Callable[[str], None]):
        self._on_phase_end = on_phase_end
        self._target = initial
        self._return_allowed = False
        transitions = [
            {"trigger": "advance", "source": PHASES[i], "dest": PHASES[i + 1], "conditions": "_target_is_later"}
            for i in range(len(PHASES) - 1)
        ]
        for i, phase in enumerate(PHASES[:-1]):
            transitions.append({"trigger": f"return_to_{phase}", "source": list(PHASES[i + 1:]), "dest": phase,
                                "conditions": "_may_return"})
        transitions.append({"trigger": "finish", "source": list(PHASES), "dest": ENDED})
        self.machine = Machine(model=self, states=[*PHASES, ENDED], transitions=transitions, initial=initial,
                               auto_transitions=False)
        for phase in PHASES:
            self.machine.get_state(phase).on_exit.append(self._left)

    def _target_is_later(self) -> bool:
        return PHASE_INDEX[self._target] > PHASE_INDEX[self.state]

    def _may_return(self) -> bool:
        return self._return_allowed

    def _left(self) -> None:
        self._on_phase_end(self.state)

    def enter(self, phase: str, return_allowed: bool = False) -> None:
        """Move to ``phase``, forward one step at a time, or back when the scene allows it."""
        if PHASE_INDEX[phase] < PHASE_INDEX[self.state]:
            self._return_allowed = return_allowed
            if not self.trigger(f"return_to_{phase}"):
                raise PhaseOrderError(f"the phase cannot go back from {self.state} to {phase}")
            self._return_allowed = False
            return
        self._target = phase
        while self.state != phase:
            self.advance()

    def end(self) -> None:
        if self.state != ENDED:
            self.finish()
