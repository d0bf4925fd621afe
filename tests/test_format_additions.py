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


VARIANTS = """        variants:
          - when: "warned"
            text: {en: "\\"Let's read it together, now that I've said what I said.\\""}
          - stance: guarded
            feedback: {en: "She is still guarded: reading it with her is the way in."}
"""


def test_choice_text_and_feedback_vary_with_the_moment(tmp_path):
    text = TINY.read_text(encoding="utf-8")
    marker = "        strategy: routine_task\n"
    text = text.replace(marker, marker + VARIANTS.replace("Let's read it together, now that I've said what I said.",
                                                          "Let's close, and I'll say it again: I warned you."), 1)
    scenario, problems = problems_of(tmp_path, text)
    assert scenario is not None and not errors(problems), problems
    seen = set()
    for warned in (True, False):
        session = Session(scenario, seed=0)
        first = next(c for c in session.view().choices if c.text.startswith('"Miss' if warned else '"Let'))
        session.choose(first.id)
        while session.waiting:
            view = session.view()
            session.answer(50 if view.kind == "calibration" else view.options[0][0])
        shown = session.view().choices[0].text
        assert ("I warned you" in shown) == warned, shown
        was_guarded = session.state.stances["ana"] == "guarded"
        seen.add(was_guarded)
        session.choose(session.view().choices[0].id)
        record = session.decisions[-1]
        assert record.choice_text == shown  # what was shown is what the debrief and the log keep
        assert record.feedback.startswith("She is still guarded") == was_guarded, record.feedback
    assert seen == {True, False}, "both stances should be met: the threat leaves her guarded, reading does not"


def test_a_choice_variant_needs_a_condition_and_words(tmp_path):
    text = TINY.read_text(encoding="utf-8").replace(
        "        strategy: routine_task\n",
        "        strategy: routine_task\n        variants:\n          - text: {en: \"x\"}\n          - when: \"warned\"\n", 1)
    _, problems = problems_of(tmp_path, text)
    messages = [p.message for p in errors(problems)]
    assert "a variant needs 'when' or 'stance'" in messages
    assert "a choice's variant needs 'text' or 'feedback'" in messages
    text = TINY.read_text(encoding="utf-8").replace(
        "        strategy: routine_task\n",
        "        strategy: routine_task\n        variants:\n          - when: \"warnd\"\n            text: {en: x}\n", 1)
    _, problems = problems_of(tmp_path, text)
    assert any("variants[0].when" in p.field for p in errors(problems)), problems


def test_coverage_says_which_choice_variants_can_show(tmp_path):
    from sim.analysis.path_coverage import coverage

    text = TINY.read_text(encoding="utf-8")
    never = VARIANTS + "          - when: \"warned and not warned\"\n            text: {en: \"never\"}\n"
    text = text.replace("        strategy: routine_task\n", "        strategy: routine_task\n" + never, 1)
    scenario, problems = problems_of(tmp_path, text)
    assert scenario is not None, problems
    found = {i.name: i.reached for i in coverage(scenario).items if i.kind == "variant" and " variants[" in i.name}
    assert found == {"c1 variants[0]": True, "c1 variants[1]": True, "c1 variants[2]": False}, found
