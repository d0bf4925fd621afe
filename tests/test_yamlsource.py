import yaml

from sim.scenario.problems import ProblemList
from sim.scenario.yamlsource import read_yaml


def read(text):
    problems = ProblemList("f.yaml")
    return read_yaml(text, problems), [p.format() for p in problems.items]


def test_values_match_safe_load_and_remember_lines():
    text = "a: 1\nb:\n  - x\n  - yes\n  - ~\n  - 1.5\nc: {d: 'e'}\n"
    value, problems = read(text)
    assert value == yaml.safe_load(text)
    assert not problems
    assert value.line_of("b") == 2 and value["b"].line_of(1) == 4 and value.line_of("c") == 7


def test_duplicate_keys_are_reported_with_both_lines():
    _, problems = read("id: a\ntitle: x\nid: b\n")
    assert problems == ["f.yaml:3: error: id: duplicate key 'id' (first on line 1) (hint: remove or rename one of them)"]


def test_syntax_error_has_line():
    value, problems = read("a: 1\nb: [1, 2\nc: 3\n")
    assert value is None and problems[0].startswith("f.yaml:") and "YAML syntax" in problems[0]


def test_python_tags_are_refused_and_never_constructed():
    value, problems = read("a: !!python/object/apply:os.system ['touch /tmp/x']\n")
    assert any("not allowed" in p for p in problems)


def test_alias_bomb_is_refused():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    value, problems = read("\n".join(lines) + "\n")
    assert value is None and any("too many values" in p for p in problems)


def test_multiple_documents_and_empty_file():
    assert "one YAML document" in read("a: 1\n---\nb: 2\n")[1][0]
    assert read("")[1] == ["f.yaml:1: error: the file is empty"]


def test_merge_keys_and_complex_keys_are_errors():
    assert any("merge keys" in p for p in read("base: &b {x: 1}\nother:\n  <<: *b\n")[1])
    assert any("plain name" in p for p in read("? [a, b]\n: 1\n")[1])


def test_containers_made_outside_the_reader_have_the_defaults_and_survive_copying():
    import copy
    import pickle

    import pytest

    from sim.scenario.yamlsource import LineList, LineMap, is_refused, line_of

    made = LineMap({"a": 1})  # as the loader and the field readers make them, with no lines set
    assert made.line == 0 and made.lines == {} and made.line_of("a") == 0 and not is_refused(made, "a")
    assert LineList([1]).line_of(0) == 0 and line_of(LineList(), 3) == 0
    with pytest.raises(AttributeError):
        made.no_such_attribute
    value, _ = read("a:\n  - 1\n  - !!python/none x\n")
    for twin in (pickle.loads(pickle.dumps(value)), copy.deepcopy(value)):
        assert twin == value and twin.line_of("a") == 1 and twin["a"].line_of(0) == 2
        assert is_refused(twin["a"], 1) and not is_refused(twin["a"], 0)
