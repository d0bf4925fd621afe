"""Property-based: no document, however strange, makes the loader fail with anything but its own error."""

import math
import string

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.scenario.catalogue import load_catalogue
from sim.scenario.loader import read_scenario
from sim.errors import ScenarioError
from sim.scenario.problems import ProblemList
from sim.scenario.yamlsource import _CONTROL, MAX_NUMBER

CATALOGUE = load_catalogue()
FIELDS = ["format", "id", "title", "summary", "learning_goals", "minutes", "difficulty", "caregivers", "scenes",
          "start", "variables", "events", "duties", "interrupts", "phase", "speaker", "text", "choices", "next",
          "strategy", "feedback", "when", "en", "alliance", "engagement", "ending", "type", "to", "variants"]

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=20), st.sampled_from(["intake", "closure", "us_and_them", "alliance >= 5",
                                                           "__import__('os')", "a.b", "engaged", "s1"]))
documents = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5),
                               st.dictionaries(st.sampled_from(FIELDS), children, max_size=6)),
    max_leaves=40,
)


def load_text(text):
    problems = ProblemList("random.yaml")
    try:
        read_scenario(text, "random.yaml", CATALOGUE, problems)
    except ScenarioError:
        pass
    return problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_random_documents_never_crash_the_loader(document):
    try:
        text = yaml.safe_dump(document)
    except yaml.YAMLError:
        return
    for problem in load_text(text).items:
        assert problem.file == "random.yaml" and problem.message


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.printable + "äé\u2028{}[]&*!|>%@`", max_size=300))
def test_random_text_never_crashes_the_loader(text):
    load_text(text)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_mutated_real_scenario_never_crashes(data):
    from scenario_helpers import TINY

    lines = TINY.read_text().splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "indent", "garble"]))
        if action == "drop":
            lines.pop(index)
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "indent":
            lines[index] = "  " + lines[index]
        else:
            lines[index] = lines[index].replace(":", data.draw(st.sampled_from(["", "::", " -", ": ["])), 1)
        if not lines:
            break
    load_text("\n".join(lines))


plain_documents = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**9, 10**9),
              st.floats(allow_nan=False, allow_infinity=True), st.text(max_size=12),
              st.sampled_from(["yes", "No", "~", "null", "0x1F", "1_000", ".inf", "-.5", "", "<<x", "=", "0o17"])),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(min_size=1, max_size=8).filter(lambda k: k != "<<"),
                                               children, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(plain_documents, st.booleans())
def test_the_line_aware_reader_reads_what_safe_load_reads(document, flow):
    from sim.scenario.yamlsource import read_yaml

    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    expected = yaml.safe_load(text)
    problems = ProblemList("doc.yaml")
    value = read_yaml(text, problems)
    if expected is None:
        assert value is None
    elif any(_CONTROL.search(text) for text in _strings(expected)):  # refused on purpose (issue 12)
        assert any("control character" in p.message for p in problems.items)
    elif any(not math.isfinite(n) or abs(n) > MAX_NUMBER for n in _numbers(expected)):
        assert any("out of range" in p.message for p in problems.items)
    else:
        assert value == expected and not problems.items


def _numbers(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
