"""How a case ended, for the record: the ending, each legal duty as the core's duty rule judges it, and the
final alliance. The session log's ``outcome`` record, from which the ``completed`` statement is made."""

from __future__ import annotations

from sim.engine.core import duty_outcomes


def outcome_record(session) -> dict:
    """The outcome of a finished session (read from its final state, as the debrief reads it)."""
    scenario, state = session.scenario, session.state
    scene = scenario.scenes[state.scene]
    ending = scene.ending
    return {"type": "outcome", "ending": ending.type if ending else None,
            "ending_title": ending.title.get_text(session.language) if ending else "", "scene": scene.id,
            "score": state.score, "decisions": session.decision_count,
            "duties": [{"id": duty.id, "arose": arose, "met": met}
                       for duty, arose, met in duty_outcomes(scenario, state)]}
