"""What lasted and what was refunded: each decision's effect followed over the rest of the case.

The rule (docs/alliance-model.md, "What lasted"), from what the session records:

* **Later costs and gains.** A decision is charged with its own change of the alliance now and with every
  consequence it set in motion (an event whose ``caused_by`` is that decision: a promise coming due, a
  secret coming to light), at the decision after which the consequence came due. Its net effect is the sum.
* **Recovered.** A decision whose own change was a loss of at least ``LOSS`` points was *fully recovered* at
  the first later decision after which the alliance was back at or above its level just before the loss;
  otherwise it was not recovered by the end.
* **Trust.** A decision that lowered a caregiver's trust baseline (``sim/engine/memory.py``: a power move)
  made every later gain with her smaller by ``TRUST_WEIGHT`` x the drop, until a repaired rupture raises the
  baseline again. The baseline is read from the states, rebuilt by replaying the recorded choices.
"""

from __future__ import annotations

from sim.engine import core
from sim.engine.memory import TRUST_WEIGHT

LOSS = 1.0   # alliance points: a smaller own loss is not followed (it is within one small move's worth)


def _trust_steps(session) -> list[tuple[dict, dict]]:
    """The trust baselines before and after each recorded decision, replayed through the core."""
    scenario = session.scenario
    state, found = core.start(scenario, session.seed), []
    for record in session.decisions:
        before = dict(state.trust)
        core.apply_choice(scenario, state, scenario.scenes[state.scene].choice(record.choice_id))
        found.append((before, dict(state.trust)))
    return found


def time_course(session) -> list[dict]:
    """Per decision: {"number", "own", "later": [{"decision", "effect", "text"}], "net", "loss",
    "recovered_at", "trust": [{"caregiver", "name", "drop", "gain_cut"}]}."""
    decisions, trajectory = session.decisions, session.trajectory
    caused: dict[int, list[dict]] = {}
    for record in decisions:
        for event in record.events_after:
            if event.caused_by:
                caused.setdefault(event.caused_by, []).append(
                    {"decision": event.decision, "effect": round(event.effect, 1), "text": event.text})
    try:
        trust = _trust_steps(session)
    except (KeyError, AttributeError):
        trust = [({}, {}) for _ in decisions]
    found = []
    for record, (before, after) in zip(decisions, trust):
        own = round(record.score_after - record.score_before, 1)
        later = caused.get(record.number, [])
        recovered = None
        if own <= -LOSS:
            recovered = next((p.decision for p in trajectory if p.decision > record.number
                              and p.score >= record.score_before - 0.05), None)
        drops = [{"caregiver": cid, "name": session.scenario.caregiver(cid).name, "drop": round(before[cid] - after[cid], 2),
                  "gain_cut": round(100 * TRUST_WEIGHT * (before[cid] - after[cid]))}
                 for cid in before if after.get(cid, before[cid]) < before[cid] - 1e-9]
        found.append({"number": record.number, "own": own, "later": later,
                      "net": round(own + sum(c["effect"] for c in later), 1), "loss": own <= -LOSS,
                      "score_before": record.score_before, "recovered_at": recovered, "trust": drops})
    return found


def notable(course: dict) -> bool:
    """Whether a decision's time course is worth a line in the debrief's 'What lasted' section."""
    return bool(course["later"]) or course["loss"] or bool(course["trust"])
