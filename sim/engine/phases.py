"""The phase machine of a case: intake, assessment, intervention, closure, ended.

Built with ``transitions`` as the library intends: the scene being entered travels as a trigger argument
(``event.kwargs["scene"]``), the guard that lets the case go back is the phase rule itself
(``sim.scenario.phase_order.may_enter``), the callback for a phase's end is declared with the states, and
a refused trigger raises ``PhaseOrderError`` (a domain error, not the library's ``MachineError``).
"""

from __future__ import annotations

from typing import Callable

from transitions import Machine

from sim.errors import PhaseOrderError
from sim.scenario.model import PHASE_INDEX, PHASES, Scene
from sim.scenario.phase_order import may_enter, refusal
from sim.i18n import _

ENDED = "ended"


def phase_machine_spec() -> dict:
    """States and transitions of the phase machine, shared by the session's machine and ``diagram``."""
    states = [{"name": phase, "on_exit": "phase_ended"} for phase in PHASES] + [ENDED]
    transitions = [{"trigger": "advance", "source": PHASES[i], "dest": PHASES[i + 1], "conditions": "heading_later"}
                   for i in range(len(PHASES) - 1)]
    for i, phase in enumerate(PHASES[:-1]):
        transitions.append({"trigger": f"return_to_{phase}", "source": list(PHASES[i + 1:]), "dest": phase,
                            "conditions": "return_allowed"})
    transitions.append({"trigger": "finish", "source": list(PHASES), "dest": ENDED})
    return {"states": states, "transitions": transitions}


class PhaseMachine:
    """Holds the current phase; the session asks it to follow the scenes the core entered.

    ``advance(scene=...)`` steps forward one phase while the scene's phase lies ahead; ``return_to_<phase>
    (scene=...)`` goes back where the phase rule allows it; ``finish`` ends the case from any phase.
    ``on_phase_end(phase)`` is called as each phase is left (the session asks for a calibration there).
    """

    def __init__(self, initial: str, on_phase_end: Callable[[str], None], machine_class=Machine, **options):
        self._on_phase_end = on_phase_end
        self.machine = machine_class(model=self, initial=initial, auto_transitions=False, send_event=True,
                                     **phase_machine_spec(), **options)

    # ----- guards and callbacks (named in the spec) -----

    def heading_later(self, event) -> bool:
        return PHASE_INDEX[event.kwargs["scene"].phase] > PHASE_INDEX[self.state]

    def return_allowed(self, event) -> bool:
        return may_enter(self.state, event.kwargs["scene"])

    def phase_ended(self, event) -> None:
        self._on_phase_end(event.transition.source)

    # ----- the session's calls -----

    def enter(self, scene: Scene) -> None:
        """Follow the case into ``scene``: forward one phase at a time, or back where the rule allows it."""
        if self.state == ENDED:
            raise PhaseOrderError(_("the case has ended; scene '{id}' cannot be entered").format(id=scene.id))
        if PHASE_INDEX[scene.phase] < PHASE_INDEX[self.state]:
            if not self.trigger(f"return_to_{scene.phase}", scene=scene):
                raise PhaseOrderError(refusal(self.state, scene))
            return
        while self.state != scene.phase:
            if not self.advance(scene=scene):
                raise PhaseOrderError(_("the phase machine refused to move from {current} towards {target}").format(
                    current=self.state, target=scene.phase))

    def end(self) -> None:
        if self.state != ENDED:
            self.finish()
