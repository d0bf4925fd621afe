"""The two transitions machines: phases follow the phase rule, stances record what the core decided."""

import pytest
from transitions import MachineError

from sim.engine.phases import ENDED, PhaseMachine
from sim.engine.stance import StanceMachine
from sim.errors import PhaseOrderError, PlayError
from sim.scenario.model import Scene


def scene(phase, allow_return=False, sid=None):
    return Scene(id=sid or f"in_{phase}", phase=phase, speaker="narrator", text=None, allow_phase_return=allow_return)


def test_phases_advance_in_order_and_report_each_end():
    ended = []
    phases = PhaseMachine("intake", ended.append)
    phases.enter(scene("intervention"))
    assert phases.state == "intervention" and ended == ["intake", "assessment"]
    phases.enter(scene("intervention"))
    assert ended == ["intake", "assessment"]
    phases.end()
    assert phases.state == ENDED and ended[-1] == "intervention"


def test_phases_refuse_to_go_back_unless_the_scene_allows_it():
    phases = PhaseMachine("intake", lambda phase: None)
    phases.enter(scene("closure"))
    with pytest.raises(PhaseOrderError) as refused:
        phases.enter(scene("assessment", sid="review"))
    assert "closure to assessment" in str(refused.value) and "review" in str(refused.value)
    assert phases.state == "closure"
    phases.enter(scene("assessment", allow_return=True))
    assert phases.state == "assessment"
    phases.enter(scene("closure"))
    with pytest.raises(PhaseOrderError):
        phases.enter(scene("intake"))


def test_the_scene_travels_as_a_trigger_argument_and_the_guard_reads_it():
    phases = PhaseMachine("assessment", lambda phase: None)
    assert phases.advance(scene=scene("assessment")) is False  # no later phase ahead
    assert phases.state == "assessment"
    assert phases.advance(scene=scene("closure")) is True
    assert phases.state == "intervention"
    assert phases.return_to_intake(scene=scene("intake")) is False
    assert phases.return_to_intake(scene=scene("intake", allow_return=True)) is True


def test_nothing_enters_after_the_end():
    phases = PhaseMachine("closure", lambda phase: None)
    phases.end()
    with pytest.raises(PhaseOrderError):
        phases.enter(scene("closure"))


def test_stance_machine_records_ruptures_and_their_ends_with_the_core_s_data():
    log = []
    machine = StanceMachine({"ana": "guarded", "luis": "engaged"},
                            lambda who, stance, decision: log.append(("began", who, stance, decision)),
                            lambda who, source, dest, outcome, decision: log.append(
                                ("ended", who, source, dest, outcome, decision)))
    machine.move("ana", "withdrawn", decision=2, outcome="rupture")
    machine.move("ana", "confrontational", decision=3, outcome="shift")
    machine.move("ana", "guarded", decision=5, outcome="repair")
    machine.move("luis", "guarded", decision=5)
    assert log == [("began", "ana", "withdrawn", 2), ("ended", "ana", "withdrawn", "confrontational", "shift", 3),
                   ("began", "ana", "confrontational", 3), ("ended", "ana", "confrontational", "guarded", "repair", 5)]
    assert machine.stance("ana") == "guarded" and machine.stance("luis") == "guarded"


def test_stance_machine_refuses_what_its_table_does_not_allow():
    machine = StanceMachine({"ana": "guarded"}, lambda *a: None, lambda *a: None)
    with pytest.raises(MachineError):
        machine.models["ana"].trigger("guard")  # guarded to guarded is not a transition
    machine.move("ana", "guarded")  # staying put fires nothing


def test_a_refused_stance_move_is_a_domain_error():
    machine = StanceMachine({"ana": "guarded"}, lambda *a: None, lambda *a: None)
    machine.machine.remove_transition("withdraw", source="guarded")
    with pytest.raises(PlayError):
        machine.move("ana", "withdrawn")
