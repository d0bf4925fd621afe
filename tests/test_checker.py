"""The checker reports every problem with file, line and a hint; errors and warnings are distinct."""

from scenario_helpers import TINY, problems_of

from sim.scenario.problems import ERROR, WARNING

BASE = TINY.read_text(encoding="utf-8")


def check(tmp_path, text):
    scenario, problems = problems_of(tmp_path, text)
    return scenario, problems


def messages(problems, severity=ERROR):
    return [p.message for p in problems if p.severity == severity]


def test_tiny_example_is_clean(tmp_path):
    scenario, problems = check(tmp_path, BASE)
    assert scenario is not None and problems == []


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    text = (BASE.replace("strategy: threaten_court_report", "strategy: threaten_court")
            .replace("next: goodbye\n      - text", "next: nowhere\n      - text", 1)
            .replace("relation: mother", "relation: auntie")
            .replace("minutes: 3", "minutes: 999"))
    scenario, problems = check(tmp_path, text)
    found = messages(problems)
    assert scenario is None
    assert any("unknown strategy 'threaten_court'" in m for m in found)
    assert any("unknown scene 'nowhere'" in m for m in found)
    assert any("'auntie' is not allowed" in m for m in found)
    assert any("999 is out of range" in m for m in found)
    for problem in problems:
        assert problem.file.endswith("case.yaml") and problem.line


def test_problem_lines_point_at_the_field(tmp_path):
    text = BASE.replace("strategy: share_report", "strategy: share_reprot")
    _, problems = check(tmp_path, text)
    problem = next(p for p in problems if "unknown strategy" in p.message)
    line = text.splitlines()[problem.line - 1]
    assert "share_reprot" in line or "- text" in line
    assert problem.hint == "did you mean 'share_report'?"
    assert problem.format().startswith(f"{problem.file}:{problem.line}: error: ")


def test_unknown_caregiver_variable_and_reference(tmp_path):
    text = BASE.replace("        set: {warned: true}", "        set: {warnd: true}\n        target: anna\n"
                        "        references: [nobody2020]\n        stance: {bea: withdrawn}")
    _, problems = check(tmp_path, text)
    found = " | ".join(messages(problems))
    for fragment in ("unknown variable 'warnd'", "unknown caregiver 'anna'", "unknown reference key 'nobody2020'",
                     "unknown caregiver 'bea'"):
        assert fragment in found


def test_condition_problems(tmp_path):
    text = BASE.replace('when: "not warned"', 'when: "not wraned or stance == \'angry\'"')
    _, problems = check(tmp_path, text)
    found = " | ".join(messages(problems))
    assert "unknown name 'wraned'" in found and "'angry' is not a valid value for 'stance'" in found
    text = BASE.replace('when: "not warned"', 'when: "open(\'x\')"')
    _, problems = check(tmp_path, text)
    assert any("function calls are not allowed" in m for m in messages(problems))


def test_duplicates(tmp_path):
    extra = """
  - id: goodbye
    phase: closure
    speaker: narrator
    ending: {type: closure, title: {en: "Again"}}
    text: {en: "x"}
"""
    _, problems = check(tmp_path, BASE + extra)
    assert any("duplicate scene id 'goodbye'" in m for m in messages(problems))


def test_wrong_types(tmp_path):
    text = BASE.replace("minutes: 3", "minutes: three").replace("title: {en: \"A first visit\"}", "title: A first visit")
    _, problems = check(tmp_path, text)
    found = messages(problems)
    assert any("expected a number" in m for m in found)
    assert any("text must be keyed by language" in m for m in found)


def test_phase_order_broken_and_allowed(tmp_path):
    text = BASE.replace("        next:\n          - when: \"alliance >= 35\"\n            to: end_good",
                        "        next:\n          - when: \"alliance >= 99\"\n            to: hello\n"
                        "          - when: \"alliance >= 35\"\n            to: end_good")
    _, problems = check(tmp_path, text)
    assert any("phase order broken" in m for m in messages(problems))
    allowed = text.replace("  - id: hello\n    phase: intake\n", "  - id: hello\n    phase: intake\n"
                           "    allow_phase_return: true\n")
    _, problems = check(tmp_path, allowed)
    assert not any("phase order" in m for m in messages(problems))


def test_unreachable_scene_and_ending_are_warnings(tmp_path):
    extra = """
  - id: orphan
    phase: closure
    speaker: ana
    text: {en: "Nobody comes here."}
    choices:
      - text: {en: "Leave"}
        strategy: routine_task
        feedback: {en: "x"}
        next: end_lost
  - id: end_lost
    phase: closure
    speaker: narrator
    ending: {type: dropout, title: {en: "Lost"}}
    text: {en: "x"}
"""
    scenario, problems = check(tmp_path, BASE + extra)
    warnings = messages(problems, WARNING)
    assert scenario is not None
    assert any("unreachable scene" in m and "orphan" in m for m in warnings)
    assert any("unreachable ending" in m and "end_lost" in m for m in warnings)


def test_dead_end_and_trap_are_errors(tmp_path):
    text = BASE.replace("""    ending: {type: referral, title: {en: "Referred on"}}\n""", "")
    _, problems = check(tmp_path, text)
    assert any("dead end" in m for m in messages(problems))
    loop = BASE.replace("next: goodbye\n      - text", "next: loop\n      - text", 1) + """
  - id: loop
    phase: intake
    speaker: ana
    text: {en: "Round again."}
    choices:
      - text: {en: "Again"}
        strategy: routine_task
        feedback: {en: "x"}
        next: loop
"""
    _, problems = check(tmp_path, loop)
    assert any("no ending can be reached from this scene" in m for m in messages(problems))


def test_last_route_needs_no_condition(tmp_path):
    text = BASE.replace("          - to: end_referred", "          - when: \"alliance < 35\"\n            to: end_referred")
    _, problems = check(tmp_path, text)
    assert any("the last route must have no 'when'" in m for m in messages(problems))


def test_unknown_field_gets_a_suggestion(tmp_path):
    _, problems = check(tmp_path, BASE.replace("    narration:", "    naration:", 1))
    problem = next(p for p in problems if "unknown field 'naration'" in p.message)
    assert problem.hint == "did you mean 'narration'?"


def test_values_out_of_range(tmp_path):
    text = BASE.replace("alliance: {engagement: -1, connection: -1, safety: -1.5}",
                        "alliance: {engagement: -4, connection: -1, safety: -1.5}")
    _, problems = check(tmp_path, text)
    assert any("-4 is out of range" in m for m in messages(problems))


def test_follow_on_errors_are_not_reported(tmp_path):
    # a choice without feedback is reported once, not again as a dead end or an unreachable ending
    text = BASE.replace('        feedback: {en: "A plain goodbye."}\n', "")
    _, problems = check(tmp_path, text)
    found = messages(problems) + messages(problems, WARNING)
    assert any("missing required field 'feedback'" in m for m in found)
    assert not any("dead end" in m or "unreachable" in m or "no ending" in m for m in found)


def test_hints_for_common_slips(tmp_path):
    _, problems = check(tmp_path, BASE.replace('when: "not warned"', 'when: "alliance => 35"'))
    assert any("use '>='" in m for m in messages(problems))
    _, problems = check(tmp_path, BASE.replace("    choices:\n      - text: {en: \"Close the case.\"}",
                                               "    strategy: routine_task\n    choices:\n      - text: {en: \"Close the case.\"}"))
    problem = next(p for p in problems if "unknown field 'strategy'" in p.message)
    assert "field of a choice: check its indentation" in problem.hint and "(goodbye)" in problem.field
    _, problems = check(tmp_path, BASE.replace("set: {warned: true}", "set: {warned: 3}"))
    assert any("set it to true or false" in m for m in messages(problems))


def test_withholding_a_report_where_no_duty_can_arise_is_warned(tmp_path):
    keep = ('      - text: {en: "Say nothing to the court."}\n        strategy: withhold_report\n'
            '        feedback: {en: "Nothing to report was there."}\n        next: goodbye\n')
    text = BASE.replace("    choices:\n      - text: {en: \"\\\"Miss", "    choices:\n" + keep + "      - text: {en: \"\\\"Miss", 1)
    assert text != BASE
    scenario, problems = check(tmp_path, text)
    assert any("no duty can have arisen here" in m for m in messages(problems, WARNING))
    with_duty = text.replace("start: hello\n", 'duties:\n  - id: tell_court\n    text: {en: "Tell the court"}\n'
                             '    arises: "warned"\n    met: "not warned"\nstart: hello\n')
    scenario, problems = check(tmp_path, with_duty)
    assert not any("no duty can have arisen here" in m for m in messages(problems, WARNING))


def test_problems_are_grouped_by_scene_with_the_root_cause_first(tmp_path):
    from sim.scenario.problem_groups import grouped, grouped_lines

    text = TINY.read_text(encoding="utf-8")
    text = text.replace("    speaker: ana\n    tensions: [tense_start]", "    speaker: anna\n    tensions: [tense_start]", 1)
    text = text.replace("        next: goodbye\n", "        next: goodby\n", 1)
    text = text.replace("        feedback: {en: \"A plain goodbye.\"}", "        feedbak: {en: \"A plain goodbye.\"}", 1)
    text = text.replace("minutes: 3", "minutes: -1")
    _, problems = check(tmp_path, text)
    groups = {scene: [p.message for p in items] for _, scene, items in grouped(problems)}
    assert set(groups) == {None, "hello", "goodbye"}, groups
    hello = groups["hello"]
    assert hello[0].startswith("unknown speaker") or hello[0].startswith("unknown scene"), hello
    goodbye = groups["goodbye"]
    assert goodbye[0].startswith("missing required field") and goodbye[1].startswith("unknown field"), goodbye
    lines = grouped_lines(problems)
    assert ": error: minutes: " in lines[0]  # what is about the case as a whole comes first
    assert sum(line.endswith("the first is likely the cause:") for line in lines) == 2
    assert sum(": error: " in line for line in lines) == len(problems)


def test_a_tension_outside_its_phase_is_a_warning_unless_the_case_says_it_recurs(tmp_path):
    moved = BASE.replace("tensions: [tense_start]", "tensions: [closure_weariness]")
    _, found = check(tmp_path, moved)
    warned = [p for p in found if p.severity == WARNING and "closure_weariness" in p.message]
    assert len(warned) == 1 and "closure phase" in warned[0].message and "recurring_tensions" in warned[0].hint
    declared = moved.replace("\nstart:", "\nrecurring_tensions: [closure_weariness]\nstart:", 1)
    assert not [p for p in check(tmp_path, declared)[1] if "closure_weariness" in p.message]
    wrong = moved.replace("\nstart:", "\nrecurring_tensions: [closure_wearyness]\nstart:", 1)
    assert any(p.severity == ERROR and p.field == "recurring_tensions" for p in check(tmp_path, wrong)[1])


def test_the_root_cause_comes_first_in_spanish_too():
    from sim.scenario.problem_groups import cause_rank
    from sim.scenario.problems import Problem

    def rank(message):
        return cause_rank(Problem(ERROR, "f.yaml", 1, "scene a", message, ""))

    assert rank("campo desconocido 'tex'") == rank("unknown field 'tex'") == 0
    assert rank("hablante desconocido 'x'") == rank("unknown speaker 'x'") == 2
    assert rank("escena inalcanzable: ningún camino desde el inicio lleva a 'b'") == rank("unreachable scene") == 6
