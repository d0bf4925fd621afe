"""Anything that passes ``validate`` plays: what would crash play is refused at load, with file and line."""

from __future__ import annotations

import os

import pytest

from scenario_helpers import TINY, problems_of, write_scenario
from sim.cli import main
from sim.scenario.loader import check_scenario_file

BASE = TINY.read_text(encoding="utf-8")
VARIABLES = "variables:\n  warned: {type: bool, initial: false}\n"
assert VARIABLES in BASE
WITH_COUNTER = BASE.replace(VARIABLES, VARIABLES + "  n: {type: number, initial: 0}\n")
SHARE = "        strategy: share_report\n"
assert SHARE in BASE


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def errors(tmp_path, text, catalogue):
    scenario, problems = problems_of(tmp_path, text, catalogue)
    return scenario, [p for p in problems if p.severity == "error"]


def assert_refused_at(tmp_path, catalogue, text, needle, words, capsys):
    scenario, found = errors(tmp_path, text, catalogue)
    assert scenario is None and found, "the file should not load"
    line = line_of(text, needle)
    assert any(p.line == line and words in p.message for p in found), [p.format() for p in found]
    path = write_scenario(tmp_path, text)
    assert main(["validate", str(path)]) == 2
    out = capsys.readouterr()
    assert f"{path}:{line}: error" in out.out and "internal error" not in out.err + out.out


CONTROL = {
    "NUL": '"Ana\\0 sits on the edge of the chair."',
    "a screen clear": '"Ana sits\\e[2J on the edge."',
    "an OSC title change": '"Ana sits\\e]0;owned\\a on the edge."',
    "a C1 CSI": '"Ana sits\\x9b2J on the edge."',
    "a bell": '"Ana sits\\a on the edge."',
}


@pytest.mark.parametrize("name", sorted(CONTROL))
def test_control_characters_in_text_are_refused_with_file_and_line(tmp_path, catalogue, capsys, name):
    text = BASE.replace('{en: "Ana sits on the edge of the chair."}', "{en: " + CONTROL[name] + "}")
    assert text != BASE
    assert_refused_at(tmp_path, catalogue, text, "narration:", "control character", capsys)


def test_tab_and_newline_stay_allowed(tmp_path, catalogue):
    text = BASE.replace('{en: "Ana sits on the edge of the chair."}', '{en: "Ana sits\\ton the\\nedge."}')
    scenario, found = errors(tmp_path, text, catalogue)
    assert scenario is not None and found == []


NUMBERS = {
    "initial beyond float range": ("  n: {type: number, initial: 0}", "  n: {type: number, initial: " + "9" * 400 + "}"),
    "initial infinite": ("  n: {type: number, initial: 0}", "  n: {type: number, initial: .inf}"),
    "initial NaN": ("  n: {type: number, initial: 0}", "  n: {type: number, initial: .nan}"),
    "a huge hex initial": ("  n: {type: number, initial: 0}", "  n: {type: number, initial: 0x" + "f" * 5000 + "}"),
    "a huge base-60 initial": ("  n: {type: number, initial: 0}", "  n: {type: number, initial: " + ":".join(["59"] * 300) + "}"),
    "add beyond float range": (SHARE, SHARE + "        add: {n: " + "9" * 400 + "}\n"),
    "add overflowing a float": (SHARE, SHARE + "        add: {n: 1.0e+400}\n"),
}


@pytest.mark.parametrize("name", sorted(NUMBERS))
def test_out_of_range_numbers_are_refused_with_file_and_line(tmp_path, catalogue, capsys, name):
    old, new = NUMBERS[name]
    text = WITH_COUNTER.replace(old, new, 1)
    assert text != WITH_COUNTER
    needle = "  n: {type" if "initial" in name else "add: {n:"
    assert_refused_at(tmp_path, catalogue, text, needle, "out of range", capsys)


def test_a_condition_with_a_number_beyond_range_is_refused(tmp_path, catalogue, capsys):
    text = BASE.replace('when: "alliance >= 35"', 'when: "alliance >= ' + "9" * 400 + '"')
    assert text != BASE
    assert_refused_at(tmp_path, catalogue, text, 'when: "alliance >= 9', "out of range", capsys)


@pytest.mark.parametrize("terms", [61, 987, 998])
@pytest.mark.parametrize("operator", ["+", "-", " and ", " or "])
def test_every_operator_counts_toward_the_nesting_limit(tmp_path, catalogue, capsys, terms, operator):
    chain = operator.join(["n"] * terms) if operator in "+-" else operator.join(["warned"] * terms)
    condition = f"{chain} > 0" if operator in "+-" else chain
    if len(condition) > 2000:
        condition = condition[:2000 - 10].rsplit(operator, 1)[0] + (" > 0" if operator in "+-" else "")
    text = WITH_COUNTER.replace('when: "alliance >= 35"', f'when: "{condition}"')
    assert_refused_at(tmp_path, catalogue, text, 'when: "' + chain[:2], "nested too deeply", capsys)


def test_a_chain_within_the_limit_plays(tmp_path, catalogue):
    from sim.engine.session import Session

    text = WITH_COUNTER.replace('when: "alliance >= 35"', 'when: "' + "+".join(["n"] * 50) + ' >= 0"')
    scenario, found = errors(tmp_path, text, catalogue)
    assert found == [] and scenario is not None
    session = Session(scenario, 0)
    while not session.is_over:
        view = session.view()
        if view.kind == "scene":
            session.choose(view.choices[0].id)
        else:
            session.answer(50)
    assert session.is_over


def test_an_identifier_with_a_trailing_newline_is_refused(tmp_path, catalogue):
    text = BASE.replace("id: tiny_example", 'id: "tiny_example\\n"', 1)
    scenario, found = errors(tmp_path, text, catalogue)
    assert scenario is None and any(p.line == 2 for p in found)


def test_a_fifo_is_refused_not_waited_for(tmp_path, capsys):
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    assert main(["validate", str(fifo)]) == 2
    assert "FIFO" in capsys.readouterr().out
    assert main(["play", "--text", str(fifo)]) == 2
    assert "FIFO" in capsys.readouterr().err


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_dev_zero_is_refused_without_reading(capsys):
    assert main(["validate", "/dev/zero"]) == 2
    assert "character device" in capsys.readouterr().out


def test_a_huge_sparse_file_is_refused_before_reading(tmp_path, catalogue):
    path = tmp_path / "case.yaml"
    with open(path, "wb") as handle:
        handle.truncate(2 * 1024 ** 3)  # 2 GB of nothing, on disk in no time
    scenario, problems = check_scenario_file(path, catalogue)
    assert scenario is None and "too big" in problems[0].message


def test_a_folder_named_like_a_case_is_refused(tmp_path, catalogue):
    folder = tmp_path / "case.yaml"
    folder.mkdir()
    scenario, problems = check_scenario_file(folder, catalogue)
    assert scenario is None and "folder" in problems[0].message


def test_text_that_is_not_utf8_names_the_line(tmp_path, catalogue):
    path = tmp_path / "case.yaml"
    path.write_bytes(BASE.encode() + b"# caf\xe9\n")
    scenario, problems = check_scenario_file(path, catalogue)
    assert scenario is None and problems[0].line == BASE.count("\n") + 1 and "UTF-8" in problems[0].message


def _value_spans(text: str):
    """(start, end, line) of every scalar that is a value (not a key) in a YAML text."""
    import yaml

    stack, spans = [], []  # per open container: [is a mapping, the next scalar is a value]
    for event in yaml.parse(text):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if stack and stack[-1][0]:
                stack[-1][1] = not stack[-1][1]
            stack.append([isinstance(event, yaml.MappingStartEvent), False])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
        elif isinstance(event, yaml.ScalarEvent):
            is_value = stack[-1][1] if stack[-1][0] else True
            if stack[-1][0]:
                stack[-1][1] = not stack[-1][1]
            if is_value:
                spans.append((event.start_mark.index, event.end_mark.index, event.start_mark.line + 1))
    return spans


REFUSED_VALUES = {"a number out of range": ("1.0e+400", "out of range"),
                  "a tag that runs code": ("!!python/object/apply:os.system [ls]", "is not allowed"),
                  "an unknown alias": ("*nowhere", "unknown or recursive alias")}


@pytest.mark.parametrize("kind", sorted(REFUSED_VALUES))
def test_a_refused_value_is_reported_once_wherever_it_is(tmp_path, catalogue, kind):
    """Every value of the tiny case in turn is replaced by one the reader refuses: the refusal is reported at
    its line, once, and no reader adds 'expected a number, found nothing' (or any 'found nothing') after it.
    (A refused scene id can still leave a reference to that scene unknown elsewhere: another line, another
    message, as for any broken declaration.)"""
    replacement, words = REFUSED_VALUES[kind]
    base = WITH_COUNTER
    spans = _value_spans(base)
    assert len(spans) > 50
    for start, end, line in spans:
        text = base[:start] + replacement + base[end:]
        scenario, found = errors(tmp_path, text, catalogue)
        shown = [p.format() for p in found]
        assert scenario is None, f"line {line}: the file loaded"
        at_line = [p for p in found if p.line == line]
        assert len(at_line) == 1 and words in at_line[0].message, (line, shown)
        assert not any("found nothing" in p.message or "None" in p.message for p in found), (line, shown)


def test_a_refused_number_in_a_field_that_needs_one_gives_one_message(tmp_path, catalogue, capsys):
    """The report of issue 12: `initial: 1.0e+400` said "out of range", then "expected a number, found nothing"."""
    text = WITH_COUNTER.replace("  n: {type: number, initial: 0}", "  n: {type: number, initial: 1.0e+400}")
    path = write_scenario(tmp_path, text)
    assert main(["validate", str(path)]) == 2
    out = capsys.readouterr().out
    line = line_of(text, "  n: {type")
    assert out.count(f"{path}:{line}: error") == 1 and "out of range" in out, out
    assert "found nothing" not in out and "missing required field" not in out, out
