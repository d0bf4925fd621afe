"""The phase rule: a case moves forward through the phases, and back only where a scene allows it.

One pure function, used by the checker (every route, interrupt and event diversion), by the core step
that sessions and exploration share, and by the guard of the session's phase machine.
"""

from __future__ import annotations

from sim.scenario.model import PHASE_INDEX, Scene
from sim.i18n import _


def may_enter(current_phase: str, scene: Scene) -> bool:
    """Whether a case in ``current_phase`` may enter ``scene``: same or a later phase, or a scene that
    declares ``allow_phase_return``."""
    return PHASE_INDEX[scene.phase] >= PHASE_INDEX[current_phase] or scene.allow_phase_return


def refusal(current_phase: str, scene: Scene) -> str:
    """The words for a move ``may_enter`` refuses."""
    return _("the phase cannot go back from {current} to {target} (scene '{id}')").format(
        current=current_phase, target=scene.phase, id=scene.id)
