"""The teaching audit: each tell is caught on a case built to have it, and a case built without it passes."""

import json
import re
import textwrap
from pathlib import Path

import pytest

from sim.analysis import audit as audit_module
from sim.analysis.audit import audit_case, audit_library
from sim.cli import main
from sim.scenario.catalogue import load_catalogue
from sim.scenario.loader import read_scenario
from sim.scenario.problems import ProblemList
from scenario_helpers import shipped_scenarios

CATALOGUE = load_catalogue()
DECISIONS = 6
NEUTRAL_WORDS = ("next week we can look at the time and the place that suits you and then see how it goes from "
                 "there with the plan").split()

HEAD = """\
format: 1
id: {case_id}
title: {{en: "Crafted"}}
summary: {{en: "A crafted case for the audit's tests."}}
learning_goals:
  - {{en: "None; it tests the audit."}}
minutes: 5
difficulty: introductory
caregivers:
  - id: ana
    name: Ana
    relation: mother
    mandate: voluntary
    prior_services: none
    expectations: neutral
    reacts_by: withdrawal
    stance: engaged
    alliance: {{engagement: 0, connection: 0, safety: 0}}
"""

GOOD = {"engagement": 0.4, "connection": 0.4, "safety": 0.4}
SMALL_PLUS = {"engagement": 0.05}
HARM = {"engagement": -0.3, "connection": -0.3, "safety": -0.3}


def text_of(length: int, words=NEUTRAL_WORDS, start: int = 0) -> str:
    """A quoted sentence of exactly ``length`` characters from ``words``."""
    out, i = "", start
    while len(out) < length:
        out = (out + " " + words[i % len(words)]).strip()
        i += 1
    return out[:length]


def flow(mapping: dict) -> str:
    return "{" + ", ".join(f"{k}: {str(v).lower() if isinstance(v, bool) else v}" for k, v in mapping.items()) + "}"


def case_yaml(case_id: str, scenes: list, good_when: str = "alliance >= 65", variables: dict | None = None) -> str:
    """A linear case: one scene per entry of ``scenes`` (a list of options: (text, strategy, effects, set)),
    then the good closure when ``good_when`` holds, else a referral."""
    lines = [HEAD.format(case_id=case_id)]
    if variables:
        lines.append("variables:")
        lines += [f"  {name}: {{type: bool, initial: false}}" for name in variables]
    lines += ["start: d1", "scenes:"]
    for number, options in enumerate(scenes, 1):
        lines += [f"  - id: d{number}", "    phase: intake", "    speaker: ana",
                  f"    text: {{en: \"Decision {number}.\"}}", "    choices:"]
        for text, strategy, effects, assigned in options:
            lines += [f"      - text: {{en: \"{text}\"}}", f"        strategy: {strategy}",
                      "        feedback: {en: \"Crafted.\"}"]
            if effects:
                lines.append(f"        effects: {flow(effects)}")
            if assigned:
                lines.append(f"        set: {flow(assigned)}")
            if number < len(scenes):
                lines.append(f"        next: d{number + 1}")
            else:
                lines += ["        next:", f"          - when: \"{good_when}\"", "            to: end_good",
                          "          - to: end_referred"]
    lines += ["  - id: end_good", "    phase: closure", "    speaker: narrator",
              "    ending: {type: closure, title: {en: \"Closed\"}}", "    text: {en: \"The case closes.\"}",
              "  - id: end_referred", "    phase: closure", "    speaker: narrator",
              "    ending: {type: referral, title: {en: \"Referred\"}}", "    text: {en: \"Referred on.\"}"]
    return "\n".join(lines) + "\n"


def load(text: str):
    problems = ProblemList("crafted")
    scenario = read_scenario(textwrap.dedent(text), "crafted", CATALOGUE, problems)
    assert not problems.has_errors, [p.format() for p in problems.items]
    return scenario


def rotate(items: list, k: int) -> list:
    k %= len(items)
    return items[k:] + items[:k]


def plain_scenes(longest_role=None, harmful_first=False, long_scene=None, words=None, warm_wrong=False):
    """Each decision: a good move (preventive), a small neutral one and a harmful one (counterproductive).

    Places rotate, and so does which of them is the longest (lengths 52, 46 and 40), unless ``longest_role``
    makes one role always the longest or ``harmful_first`` puts the harmful one first as written.
    ``words`` ({role: word list}) gives each role its own vocabulary; ``long_scene`` makes the good text of
    one decision three times as long as the others. ``warm_wrong`` swaps the effects of the good and the
    harmful move: the preventive move (with the good words) is then the wrong one, the cold one the best.
    """
    scenes = []
    for k in range(DECISIONS):
        lengths = dict(zip(("good", "neutral", "harm"), rotate([52, 46, 40], k)))
        if longest_role:
            others = [n for n in ("good", "neutral", "harm") if n != longest_role]
            lengths = {longest_role: 52, others[0]: 46, others[1]: 40}
        if long_scene == k:
            lengths["good"] = 130
        vocab = words or {}
        good_effect, harm_effect = (HARM, GOOD) if warm_wrong else (GOOD, HARM)
        roles = {
            "good": (text_of(lengths["good"], vocab.get("good", NEUTRAL_WORDS), k), "active_listening", good_effect,
                     None),
            "neutral": (text_of(lengths["neutral"], vocab.get("neutral", NEUTRAL_WORDS), k + 3), "routine_task",
                        SMALL_PLUS, None),
            "harm": (text_of(lengths["harm"], vocab.get("harm", NEUTRAL_WORDS), k + 6), "remind_rules", harm_effect,
                     None),
        }
        order = ["harm"] + rotate(["good", "neutral"], k) if harmful_first else rotate(["good", "neutral", "harm"], k)
        scenes.append([roles[r] for r in order])
    return scenes


def tells(report) -> set:
    return {w.tell for w in report.warnings}


def audited(text: str, runs: int = 20):
    return audit_case(load(text), runs=runs)


@pytest.fixture(scope="module")
def plain():
    return audited(case_yaml("plain", plain_scenes()))


# -- the longest option -------------------------------------------------------------------------------------

def test_longest_always_best_is_caught(plain):
    report = audited(case_yaml("longest", plain_scenes(longest_role="good")))
    assert report.longest_best == pytest.approx(1.0)
    assert "longest is best" in tells(report)
    found = next(w for w in report.warnings if w.tell == "longest is best")
    assert found.case == "longest" and found.scenes == [f"d{k}" for k in range(1, DECISIONS + 1)]
    # and the policy that always takes the longest option reaches the good closure
    assert report.policies["longest"] == 1.0
    assert any(w.tell == "surface policy wins" and "longest" in w.message for w in report.warnings)


def test_longest_best_at_chance_passes(plain):
    assert plain.longest_best == pytest.approx(plain.longest_chance)
    assert "longest is best" not in tells(plain)
    assert plain.policies["longest"] == 0.0
    assert not any(w.tell == "surface policy wins" and "'longest'" in w.message for w in plain.warnings)


# -- position as written ------------------------------------------------------------------------------------

def test_harmful_always_first_as_written_is_caught(plain):
    report = audited(case_yaml("harm_first", plain_scenes(harmful_first=True)))
    assert report.position_harm[1] == 1.0
    found = [w for w in report.warnings if w.tell == "harmful by position"]
    assert len(found) == 1 and "option 1" in found[0].message
    assert found[0].scenes == [f"d{k}" for k in range(1, DECISIONS + 1)]


def test_harmful_spread_over_positions_passes(plain):
    assert all(share == pytest.approx(1 / 3) for share in plain.position_harm.values())
    assert "harmful by position" not in tells(plain)


# -- length ratio -------------------------------------------------------------------------------------------

def test_one_long_option_is_named_with_its_scene(plain):
    report = audited(case_yaml("long", plain_scenes(long_scene=2)))
    found = next(w for w in report.warnings if w.tell == "length ratio")
    assert found.scenes == ["d3"]
    assert report.length_ratio["d3"] > 2.5
    assert "length ratio" not in tells(plain)
    assert max(plain.length_ratio.values()) == pytest.approx(52 / 40)


# -- the word classifier ------------------------------------------------------------------------------------

GROUPS = [("together we can hear how you feel about it and what matters to you most of all".split()),
          ("the court order says the rules must be kept or the report goes in at once".split()),
          ("next tuesday at ten in the office on the second floor near the lift".split())]


def library(tell: bool, warm_wrong: bool = False):
    """Three cases. With ``tell``, good moves always use the warm words and harmful ones the court words;
    without, each case gives the good move a different group, so the words that were good in the others are
    the harmful ones here."""
    cases = []
    for n in range(3):
        if tell:
            words = {"good": GROUPS[0], "harm": GROUPS[1], "neutral": GROUPS[2]}
        else:
            words = {"good": GROUPS[n], "harm": GROUPS[(n + 1) % 3], "neutral": GROUPS[(n + 2) % 3]}
        cases.append(load(case_yaml(f"words_{n}", plain_scenes(words=words, warm_wrong=warm_wrong))))
    return cases


def test_a_word_tell_is_caught_by_the_classifier_trained_on_the_other_cases():
    report = audit_library(library(tell=True), runs=5)
    for case in report["cases"]:
        assert case["classifier"]["accuracy"] == 1.0
        assert case["classifier"]["top_good"] == 1.0
        assert case["classifier"]["top_best"] == 1.0
        assert case["policies"]["classifier"] == 1.0
        assert any(w["tell"] == "word tell" and w["case"] == case["case"] for w in case["warnings"])
    assert any(w["tell"] == "surface policy wins" and "word classifier" in w["message"]
               for w in report["library"]["warnings"])


def test_words_that_mean_nothing_across_cases_pass():
    report = audit_library(library(tell=False), runs=5)
    for case in report["cases"]:
        assert case["classifier"]["top_good"] == 0.0
        assert not any(w["tell"] == "word tell" for w in case["warnings"])
    assert report["library"]["warnings"] == []


def test_warm_words_on_the_wrong_move_are_no_tell():
    """The warm move is preventive but wrong in context (the four roles' second): a classifier that finds the
    preventive moves by their words then leads away from the best move, which is what the tell is about."""
    report = audit_library(library(tell=True, warm_wrong=True), runs=5)
    for case in report["cases"]:
        assert case["classifier"]["top_good"] == 1.0
        assert case["classifier"]["top_best"] == 0.0
        assert case["policies"]["classifier"] == 0.0
        assert not any(w["tell"] == "word tell" for w in case["warnings"])


def test_one_case_alone_trains_no_classifier(plain):
    assert plain.classifier is None and "classifier" not in plain.policies


# -- greedy against long-run best, dips and traps -----------------------------------------------------------

def flagged_scenes(right: str, warm: tuple, cold=("remind_rules", HARM)):
    """Each decision: the right move (repair) dips the alliance and sets a flag the good closure needs; a warm
    move (``warm``: strategy, effects) pays at once and loses it; a cold one costs both."""
    scenes = []
    for k in range(DECISIONS):
        options = {"right": (text_of(46, start=k), right, {"connection": -0.3, "safety": -0.2}, {f"v{k}": True}),
                   "warm": (text_of(46, start=k + 5), warm[0], warm[1], None),
                   "cold": (text_of(46, start=k + 9), cold[0], cold[1], None)}
        scenes.append([options[r] for r in rotate(["right", "warm", "cold"], k)])
    return scenes


FLAGS = [f"v{k}" for k in range(DECISIONS)]
WARM_PROMISE = ("promise_unrealistic_support", {"engagement": 0.4, "connection": 0.4, "safety": 0.2})
WARM_EMPATHY = ("empathy", {"engagement": 0.4, "connection": 0.4, "safety": 0.2})


@pytest.fixture(scope="module")
def dips():
    text = case_yaml("dips", flagged_scenes("clarify_expectations", WARM_PROMISE), " and ".join(FLAGS), FLAGS)
    return audited(text)


def test_greedy_equal_to_long_run_best_everywhere_is_caught(plain):
    assert plain.greedy_best == 1.0
    found = next(w for w in plain.warnings if w.tell == "greedy is best")
    assert found.scenes == [f"d{k}" for k in range(1, DECISIONS + 1)]


def test_a_right_move_that_dips_first_is_found(dips, plain):
    assert dips.greedy_best == 0.0
    assert "greedy is best" not in tells(dips)
    assert [d["scene"] for d in dips.dips] == [f"d{k}" for k in range(1, DECISIONS + 1)]
    assert all(d["best"] != d["greedy"] for d in dips.dips)
    assert "no dips" not in tells(dips)
    # the plain case has none, and says so
    assert plain.dips == [] and "no dips" in tells(plain)


def test_a_preventive_move_wrong_in_context_is_found(dips, plain):
    text = case_yaml("traps", flagged_scenes("clarify_expectations", WARM_EMPATHY), " and ".join(FLAGS), FLAGS)
    report = audited(text)
    assert [t["scene"] for t in report.traps] == [f"d{k}" for k in range(1, DECISIONS + 1)]
    assert {t["strategy"] for t in report.traps} == {"empathy"}
    assert "no contextual traps" not in tells(report)
    # random preventive or repair picks empathy half the time, so it almost never keeps all six flags
    assert report.policies["random_good"] < audit_module.POLICY_LIMIT
    # where the warm move is a promise (counterproductive) there is no trap, and the audit says so
    assert dips.traps == [] and "no contextual traps" in tells(dips)
    assert plain.traps == [] and "no contextual traps" in tells(plain)


def test_a_preventive_move_clearly_below_the_best_is_a_trap():
    scenes = plain_scenes()
    weak = {"engagement": 0.05, "connection": 0.05}
    for k in (1, 4):  # a second preventive move that keeps the closure but leaves much less reachable
        scenes[k].append((text_of(44, start=k + 2), "empathy", weak, None))
    report = audited(case_yaml("weak", scenes))
    assert [(t["scene"], t["strategy"]) for t in report.traps] == [("d2", "empathy"), ("d5", "empathy")]
    assert "no contextual traps" not in tells(report)


# -- the command --------------------------------------------------------------------------------------------

def test_cli_table_json_and_strict(tmp_path, capsys):
    path = tmp_path / "longest.yaml"
    path.write_text(case_yaml("longest", plain_scenes(longest_role="good")), encoding="utf-8")
    assert main(["audit", str(path), "--runs", "3"]) == 0
    out = capsys.readouterr().out
    assert "longest is best" in out and "longest: longest is best" in out and "Summary" in out
    assert main(["audit", str(path), "--runs", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cases"][0]["case"] == "longest" and data["warnings"]
    assert main(["audit", str(path), "--runs", "3", "--strict"]) == 2
    capsys.readouterr()


def test_cli_says_what_is_wrong_with_a_broken_case(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: 1\nid: broken\n", encoding="utf-8")
    assert main(["audit", str(broken)]) == 2
    assert "cannot be audited" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["audit", str(empty)]) == 2
    assert "no scenario files" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["audit", "--runs", "0"])


# -- the shipped cases and the documentation ----------------------------------------------------------------

def test_shipped_cases_every_warning_names_a_real_case_and_scene(capsys):
    assert main(["audit", "--json", "--runs", "10"]) == 0
    data = json.loads(capsys.readouterr().out)
    scenes = {}
    for path in shipped_scenarios():
        from sim.engine import open_case

        scenario = open_case(path)[0]
        scenes[scenario.id] = set(scenario.scenes)
    assert [c["case"] for c in data["cases"]] == sorted(scenes)
    for case in data["cases"]:
        for warning in case["warnings"]:
            assert warning["case"] == case["case"]
            assert set(warning["scenes"]) <= scenes[case["case"]]
        for figure in ("longest_best", "greedy_best"):
            assert 0.0 <= case[figure] <= 1.0
        assert case["judged"] == case["decisions"]  # every decision is reached under the look-ahead's seed


def test_thresholds_in_docs_match_the_module():
    text = (Path(__file__).resolve().parents[1] / "docs" / "teaching.md").read_text(encoding="utf-8")
    documented = dict(re.findall(r"^\| `([A-Z_]+)` \| ([0-9.]+) \|", text, re.MULTILINE))
    constants = {name: getattr(audit_module, name) for name in ("Z_LIMIT", "LENGTH_RATIO_LIMIT", "GREEDY_LIMIT",
                                                                "CLEAR_GAP", "MIN_TRAPS", "MIN_DIPS", "POLICY_LIMIT",
                                                                "LIBRARY_POLICY_CASES", "MAJORITY")}
    assert {name: float(value) for name, value in documented.items()} == {n: float(v) for n, v in constants.items()}


def test_the_markdown_tables_carry_every_case_and_warning():
    from sim.ui.terminal.audit_report import render_markdown

    report = audit_library(library(tell=True), runs=5)
    text = render_markdown(report)
    rows = [line for line in text.splitlines() if line.startswith("| words_")]
    assert len(rows) == 2 * len(report["cases"])  # the figures table and the policies table
    assert all(line.count("|") == rows[0].count("|") for line in rows[:len(report["cases"])])
    assert f"{len(report['warnings'])} warning(s)" in text
    assert all(f"* {w}" in text for w in report["warnings"])
    import json

    assert render_markdown(json.loads(json.dumps(report))) == text  # the same from the --json output
