"""Exploration and the look-ahead give exactly the results they gave before the speed work (issue 14).

The reference (tests/data/explore_reference.json) was written by tests/make_explore_reference.py from the
code on main before any optimisation: every shipped case and a few generated ones, ``explore``'s full
summary and the look-ahead's values (every kept decision state, by digest, and every option the debrief
reads along three played paths, in full). A faster version must reproduce every figure exactly.
"""

import json
from pathlib import Path

import pytest

from make_explore_reference import EXACT, cases, explore_result, lookahead_result

REFERENCE = json.loads((Path(__file__).parent / "data" / "explore_reference.json").read_text())
CASES = cases()


def _same(found, expected):
    return json.loads(json.dumps(found)) == expected


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_explore_unchanged(name):
    expected = REFERENCE[name]["explore"]
    found = json.loads(json.dumps(explore_result(CASES[name])))
    for label in expected:
        assert found[label] == expected[label], f"{name}: explore ({label}) differs from the reference"


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_lookahead_unchanged(name):
    expected = REFERENCE[name]["lookahead"]
    found = json.loads(json.dumps(lookahead_result(CASES[name])))
    for field in ("nodes", "edges", "start", "decisions", "decisions_digest"):
        assert found[field] == expected[field], f"{name}: look-ahead {field} differs from the reference"
    for label, played in expected["played"].items():
        assert found["played"][label] == played, f"{name}: look-ahead along the {label} path differs"


@pytest.mark.parametrize("name", EXACT)
def test_exact_lookahead_unchanged(name):
    expected = REFERENCE[name]["lookahead_exact"]
    found = json.loads(json.dumps(lookahead_result(CASES[name], exact=True)))
    assert found == expected


def test_reference_covers_every_case():
    assert set(REFERENCE) == set(CASES)
