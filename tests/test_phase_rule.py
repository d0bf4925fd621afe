"""The phase rule has one home: the checker, the core step and the phase machine all ask it.

The reproduction from the review: a case that sends its first choice to a second closure scene and has an
interrupt from closure back to a new intake scene passed validate and then crashed in play.
"""

from __future__ import annotations

import pytest

from scenario_helpers import TINY, problems_of, write_scenario
from sim.engine import core
from sim.engine.session import Session
from sim.errors import PhaseOrderError, PlayError
from sim.scenario.catalogue import load_catalogue
from sim.scenario.loader import read_scenario
from sim.scenario.phase_order import may_enter
from sim.scenario.problems import ERROR, ProblemList

BASE = TINY.read_text(encoding="utf-8")
EXTRA_SCENES = """
  - id: goodbye_again
    phase: closure
    speaker: ana
    text: {en: "Again?"}
    choices:
      - text: {en: "Go over the plan once more."}
        strategy: routine_task
        feedback: {en: "A plain goodbye."}
        next: goodbye
  - id: fresh_start
    phase: intake
    speaker: ana
    text: {en: "Who are you?"}
    choices:
      - text: {en: "Introduce yourself."}
        strategy: routine_task
        feedback: {en: "A start."}
        next: end_good
"""


def reproduction(interrupt_when="decisions >= 2 and phase == 'closure'", allow_return=False):
    text = BASE.replace("next: goodbye\n      - text", "next: goodbye_again\n      - text", 1)
    text = text.replace("start: hello\n", f"interrupts:\n  - when: \"{interrupt_when}\"\n    to: fresh_start\n"
                        "start: hello\n")
    scenes = EXTRA_SCENES if not allow_return else EXTRA_SCENES.replace(
        "    phase: intake\n", "    phase: intake\n    allow_phase_return: true\n")
    return text + scenes


def test_the_reproduction_is_an_error_at_the_interrupt(tmp_path):
    scenario, problems = problems_of(tmp_path, reproduction())
    errors = [p for p in problems if p.severity == ERROR]
    assert scenario is None
    assert len(errors) == 1, [p.format() for p in problems]
    error = errors[0]
    lines = reproduction().splitlines()
    assert lines[error.line - 1].strip() == "to: fresh_start"
    assert error.field == "interrupts.to" and "phase order broken" in error.message
    assert error.file.endswith("case.yaml")


def test_an_interrupt_that_cannot_fire_in_a_later_phase_is_no_error(tmp_path):
    scenario, problems = problems_of(tmp_path, reproduction("decisions >= 2 and phase == 'intake'"))
    assert [p for p in problems if p.severity == ERROR] == []


def test_allow_phase_return_makes_the_move_legal_everywhere(tmp_path):
    scenario, problems = problems_of(tmp_path, reproduction(allow_return=True))
    assert scenario is not None and [p for p in problems if p.severity == ERROR] == []
    session = Session(scenario)
    session.choose(0)
    while session.waiting:
        session.answer(50 if session.view().kind == "calibration" else "none")
    session.choose(0)
    while session.waiting:
        session.answer(50 if session.view().kind == "calibration" else "none")
    assert session.view().scene_id == "fresh_start" and session.state.phase == "intake"


def test_an_event_diversion_back_is_an_error_at_the_event(tmp_path):
    text = BASE.replace("start: hello\n", "events:\n  - id: relapse\n    at: [goodbye]\n"
                        "    text: {en: \"She calls.\"}\n    goto: fresh_start\nstart: hello\n") + EXTRA_SCENES
    scenario, problems = problems_of(tmp_path, text)
    errors = [p for p in problems if p.severity == ERROR]
    assert [e.field for e in errors] == ["events (relapse).goto"], [p.format() for p in problems]
    assert "diverted" in errors[0].message


def test_the_core_step_refuses_with_a_domain_error(tmp_path):
    """A case read without the checker (as a tool might) still cannot break the rule: the core refuses."""
    path = write_scenario(tmp_path, reproduction())
    problems = ProblemList(str(path))
    scenario = read_scenario(path.read_text(), str(path), load_catalogue(), problems)
    state = core.start(scenario)
    core.apply_choice(scenario, state, scenario.scenes["hello"].choices[0])
    with pytest.raises(PhaseOrderError) as caught:
        core.apply_choice(scenario, state, scenario.scenes["goodbye_again"].choices[0])
    assert isinstance(caught.value, PlayError) and "closure to intake" in str(caught.value)


def test_the_rule_itself(tmp_path):
    scenario, _ = problems_of(tmp_path, reproduction(allow_return=True))
    fresh, closing = scenario.scenes["fresh_start"], scenario.scenes["goodbye_again"]
    assert may_enter("closure", fresh)           # allowed back by the scene
    assert may_enter("intake", closing)          # forward is always allowed
    assert not may_enter("closure", scenario.scenes["hello"])
