"""The richer format (issue 13): a scene's default ``next`` and silent bookkeeping events."""

from __future__ import annotations

from scenario_helpers import TINY, problems_of

from sim.engine.session import Session

ERROR = "error"


def errors(problems):
    return [p for p in problems if p.severity == ERROR]


def test_a_scene_default_next_serves_choices_without_their_own(tmp_path):
    text = TINY.read_text(encoding="utf-8")
    text = text.replace("    tensions: [tense_start]\n", "    tensions: [tense_start]\n    next: goodbye\n", 1)
    text = text.replace("        next: goodbye\n", "", 2)  # both choices of the first scene now use the default
    scenario, problems = problems_of(tmp_path, text)
    assert scenario is not None and not errors(problems), problems
    assert all([r.to for r in c.routes] == ["goodbye"] for c in scenario.scenes["hello"].choices)
    session = Session(scenario, seed=0)
    session.choose(session.view().choices[0].id)
    assert session.state.scene == "goodbye"


def test_a_choice_without_next_in_a_scene_without_a_default_is_an_error_with_its_line(tmp_path):
    text = TINY.read_text(encoding="utf-8").replace("        next: goodbye\n", "", 1)
    _, problems = problems_of(tmp_path, text)
    found = [p for p in errors(problems) if "missing required field 'next'" in p.message]
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip().startswith("- text:"))
    assert len(found) == 1 and found[0].line == line and "default 'next'" in found[0].hint


def test_a_default_next_on_a_scene_without_choices_is_an_error(tmp_path):
    text = TINY.read_text(encoding="utf-8").replace(
        "    ending: {type: closure, title: {en: \"Closed with trust\"}}\n",
        "    ending: {type: closure, title: {en: \"Closed with trust\"}}\n    next: hello\n", 1)
    _, problems = problems_of(tmp_path, text)
    assert any("has none" in p.message for p in errors(problems)), problems


SILENT = """
events:
  - id: counted
    at: [goodbye]
    add: {visits: 1}
"""


def test_a_silent_event_keeps_books_and_shows_nothing(tmp_path):
    text = TINY.read_text(encoding="utf-8").replace(
        "variables:\n  warned: {type: bool, initial: false}\n",
        "variables:\n  warned: {type: bool, initial: false}\n  visits: {type: number, initial: 0, min: 0, max: 5}\n"
        + SILENT, 1)
    scenario, problems = problems_of(tmp_path, text)
    assert scenario is not None and not errors(problems), problems
    session = Session(scenario, seed=0)
    session.choose(session.view().choices[0].id)
    while session.waiting:
        view = session.view()
        session.answer(50 if view.kind == "calibration" else view.options[0][0])
    assert session.state.variables["visits"] == 1
    assert session.view().events == ()
    assert all(not d.events_after for d in session.decisions)


def test_a_silent_event_may_not_move_the_alliance_unseen(tmp_path):
    text = TINY.read_text(encoding="utf-8").replace(
        "variables:\n", SILENT.replace("add: {visits: 1}", "effects: {ana: {safety: -1}}") + "variables:\n", 1)
    _, problems = problems_of(tmp_path, text)
    assert any("silent bookkeeping" in p.message for p in errors(problems)), problems


OWN = """
strategies:
  ask_about_the_bus:
    category: preventive
    name: {en: "Ask how {she} {gets|get} here"}
    effects: {engagement: 0.3, connection: 0.2, safety: 0.1}
    rationale: {en: "Asking about the journey shows the worker knows what coming costs {him}."}
    references: [detoro2023]
"""


def test_a_case_adds_its_own_strategies_to_the_catalogue(tmp_path):
    text = TINY.read_text(encoding="utf-8").replace("start: hello\n", OWN + "start: hello\n", 1)
    text = text.replace("strategy: share_report", "strategy: ask_about_the_bus", 1)
    scenario, problems = problems_of(tmp_path, text)
    assert scenario is not None and not errors(problems), problems
    own = scenario.catalogue.strategies["ask_about_the_bus"]
    assert own.category == "preventive" and "share_report" in scenario.catalogue.strategies  # extended
    session = Session(scenario, seed=0)
    chosen = next(c for c in session.view().choices if c.text.startswith('"Let'))
    session.choose(chosen.id)
    assert session.decisions[0].strategy == "ask_about_the_bus"


def test_a_case_may_not_replace_a_shared_strategy_or_write_a_broken_one(tmp_path):
    clash = OWN.replace("ask_about_the_bus:", "active_listening:")
    text = TINY.read_text(encoding="utf-8").replace("start: hello\n", clash + "start: hello\n", 1)
    _, problems = problems_of(tmp_path, text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.strip() == "active_listening:")
    found = [p for p in errors(problems) if "already in the shared catalogue" in p.message]
    assert len(found) == 1 and found[0].line == line
    broken = OWN.replace("category: preventive", "category: kind").replace("[detoro2023]", "[nobody2020]")
    text = TINY.read_text(encoding="utf-8").replace("start: hello\n", broken + "start: hello\n", 1)
    _, problems = problems_of(tmp_path, text)
    fields = {p.field for p in errors(problems)}
    assert "strategies.ask_about_the_bus.category" in fields
    assert "strategies.ask_about_the_bus.references[0]" in fields
