"""The two transitions machines: phases only move forward (unless allowed), stances record ruptures."""

import pytest

from sim.errors import PhaseOrderError
from transitions import MachineError

from sim.engine.phases import ENDED, PhaseMachine
from sim.engine.stance import StanceMachine


def test_phases_advance_in_order_and_report_each_end():
    ended = []
    phases = PhaseMachine("intake", ended.append)
    phases.enter("intervention")
    assert phases.state == "intervention" and ended == ["intake", "assessment"]
    phases.enter("intervention")
    assert ended == ["intake", "assessment"]
    phases.end()
    assert phases.state == ENDED and ended[-1] == "intervention"


def test_phases_refuse_to_go_back_unless_allowed():
    phases = PhaseMachine("intake", lambda phase: None)
    phases.enter("closure")
    with pytest.raises(PhaseOrderError):
        phases.enter("assessment")
    assert phases.state == "closure"
    phases.enter("assessment", return_allowed=True)
    assert phases.state == "assessment"
    # the guard is reset: going back again needs permission again
    phases.enter("closure")
    with pytest.raises(PhaseOrderError):
        phases.enter("intake")


def test_advance_is_guarded():
    phases = PhaseMachine("assessment", lambda phase: None)
    assert phases.advance() is False  # no later phase has been reached
    assert phases.state == "assessment"


def test_stance_machine_records_ruptures_and_their_ends():
    log = []
    machine = StanceMachine({"ana": "guarded", "luis": "engaged"},
                            lambda who, stance: log.append(("began", who, stance)),
                            lambda who, source, dest: log.append(("ended", who, source, dest)))
    machine.move("ana", "withdrawn")
    machine.move("ana", "confrontational")
    machine.move("ana", "guarded")
    machine.move("luis", "guarded")
    assert log == [("began", "ana", "withdrawn"), ("ended", "ana", "withdrawn", "confrontational"),
                   ("began", "ana", "confrontational"), ("ended", "ana", "confrontational", "guarded")]
    assert machine.stance("ana") == "guarded" and machine.stance("luis") == "guarded"


def test_stance_machine_refuses_what_its_table_does_not_allow():
    machine = StanceMachine({"ana": "guarded"}, lambda *a: None, lambda *a: None)
    with pytest.raises(MachineError):
        machine.models["ana"].trigger("guard")  # guarded to guarded is not a transition
