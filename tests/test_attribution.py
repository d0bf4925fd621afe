"""Each change is charged to its cause: a choice's own effect, and each event after it, separately."""

from __future__ import annotations

import json

from scenario_helpers import TINY, problems_of
from sim.analysis.debrief import build_debrief
from sim.engine.session import Session
from sim.ui.terminal.debrief_report import render_debrief

BASE = TINY.read_text(encoding="utf-8")
# After the second choice (sharing the report, which helps), the worker is replaced: an event that hurts.
WITH_EVENT = BASE.replace("start: hello\n", """events:
  - id: new_worker
    at: [goodbye]
    text: {en: "A new worker takes the case over."}
    effects: {ana: {connection: -1.0, safety: -0.5}}
start: hello
""")


def play(tmp_path, listener=None):
    scenario, problems = problems_of(tmp_path, WITH_EVENT)
    assert scenario is not None, problems
    session = Session(scenario, listener=listener)
    session.choose(1)  # share_report: a preventive move with a positive effect of its own
    return session


def test_the_decision_keeps_its_own_effect_and_the_event_its_own(tmp_path):
    session = play(tmp_path)
    record = session.decisions[0]
    own = record.score_after - record.score_before
    assert own > 0
    [event] = record.events_after
    assert event.event == "new_worker" and event.decision == 1 and event.effect < 0
    assert abs(record.score_before + own + event.effect - session.trajectory[1].score) < 1e-9
    assert record.deltas["ana"]["connection"] > 0 and event.deltas["ana"]["connection"] == -1.0


def test_the_log_records_them_separately(tmp_path):
    records = []
    play(tmp_path, records.append)
    choice = next(r for r in records if r["type"] == "choice")
    event = next(r for r in records if r["type"] == "event")
    assert choice["score_after"] > choice["score_before"]
    assert event["event"] == "new_worker" and event["decision"] == 1
    assert event["score_after"] < event["score_before"]
    json.dumps(records)  # every record is plain data


def test_both_front_ends_word_it_from_the_same_data(tmp_path):
    session = play(tmp_path)
    debrief = build_debrief(session)
    item = debrief.decisions[0]
    assert item["effect"] > 0 and item["events_after"][0]["effect"] < 0
    text = render_debrief(debrief, session.scenario, width=400)
    assert "Then: A new worker takes the case over. Its own effect on the alliance: -" in text
    assert f"({item['effect']:+.1f})" in text
