"""The runtime: a session is a pure function of (scenario, seed, actions). No I/O, no rendering.

This is the engine's public face. Front ends open a case with ``open_case``, play it through a
``Session`` (reading its views and sending choices and answers), and catch ``AllianceError``.
"""

from sim.engine.cases import find_case, open_case
from sim.engine.session import Session
from sim.engine.views import ChoiceView, HiddenView, PromptView, SceneView
from sim.errors import (ActionError, AllianceError, CaseNotFound, ConditionError, ModeError, PhaseOrderError,
                        PlayError, SaveError, ScenarioError)

__all__ = ["open_case", "find_case", "Session", "SceneView", "PromptView", "ChoiceView", "HiddenView",
           "AllianceError", "ScenarioError", "CaseNotFound", "ConditionError", "PlayError", "PhaseOrderError",
           "ActionError", "SaveError", "ModeError"]
