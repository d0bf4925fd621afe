"""The catalogue speaks of the right person: placeholders filled from the caregiver a decision is about."""

from __future__ import annotations

import random
import re
import shutil

import pytest

from sim.analysis.debrief import build_debrief
from sim.engine.session import Session
from sim.errors import ScenarioError
from sim.scenario import pronouns
from sim.scenario.catalogue import default_scenario_dir, load_catalogue
from tests.records_helpers import answer_at_random, shipped
from tests.scenario_helpers import problems_of, TINY


def test_placeholders_fill_for_each_pronoun():
    text = "{She} said {she} {knows|know} {his} children; tell {him}, it is {hers}, for {herself}."
    assert pronouns.fill(text, "she") == "She said she knows her children; tell her, it is hers, for herself."
    assert pronouns.fill(text, "he") == "He said he knows his children; tell him, it is his, for himself."
    assert pronouns.fill(text, "they") == ("They said they know their children; tell them, it is theirs, "
                                           "for themselves.")


def test_unknown_placeholders_are_found():
    assert pronouns.unknown_placeholders("{she} {her} {a|b|c|d} {hers}") == ["{her}", "{a|b|c|d}"]
    assert pronouns.unknown_placeholders("plain text") == []


def test_pronoun_follows_relation_unless_given(tmp_path):
    father = TINY.read_text(encoding="utf-8").replace("relation: mother", "relation: father", 1)
    scenario, _ = problems_of(tmp_path, father)
    assert scenario.caregivers[0].pronoun == "he"
    given = father.replace("relation: father", "relation: neighbour\n    pronoun: they", 1)
    scenario, problems = problems_of(tmp_path, given)
    assert scenario.caregivers[0].pronoun == "they", problems
    wrong = father.replace("relation: father", "relation: father\n    pronoun: him", 1)
    _, problems = problems_of(tmp_path, wrong)
    assert any("pronoun" in p.field and "'him' is not allowed" in p.message for p in problems)


def test_an_unknown_placeholder_in_the_catalogue_is_an_error_with_its_line(tmp_path):
    for name in ("strategies.yaml", "references.yaml"):
        shutil.copy(default_scenario_dir() / name, tmp_path / name)
    path = tmp_path / "strategies.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Remind {him} of the rules"', '"Remind {her} of the rules"'), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_catalogue(tmp_path)
    line = next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "{her}" in row)
    problem = next(p for p in caught.value.problems if "placeholder" in p.message)
    assert problem.line == line and "{her}" in problem.message


@pytest.mark.parametrize("pronoun", pronouns.PRONOUNS)
def test_every_catalogue_text_fills_cleanly(pronoun):
    catalogue = load_catalogue()
    wrong = {"she": r"\b(he|him|his|himself)\b",   # "they" may still mean the worker and her together
             "he": r"\b(she|her|hers|herself)\b",
             "they": r"\b(she|her|hers|herself|he|him|his|himself)\b"}[pronoun]
    for strategy in catalogue.strategies.values():
        for text in (strategy.name.get_text("en"), strategy.rationale.get_text("en")):
            filled = pronouns.fill(text, pronoun)
            assert "{" not in filled and "}" not in filled, (strategy.id, filled)
            assert not re.search(wrong, filled, re.IGNORECASE), (strategy.id, pronoun, filled)


def test_a_fathers_debrief_says_him():
    scenario = shipped("two_caregivers")
    assert {c.id: c.pronoun for c in scenario.caregivers} == {"carla": "she", "luis": "he"}
    seen = set()
    for seed in range(6):
        session = Session(scenario, seed)
        answer_at_random(session, random.Random(seed))
        seen |= {(tuple(d["targets"]), d["strategy_name"]) for d in build_debrief(session).decisions}
    assert {targets for targets, _ in seen} >= {("luis",), ("carla",)}
    for targets, name in seen:
        if targets == ("luis",):
            assert not re.search(r"\b(her|she)\b", name), name
        if targets == ("carla",):
            assert not re.search(r"\b(him|his|he)\b", name), name


def test_three_way_forms_agree_in_gender_and_number_for_spanish():
    from sim.scenario.pronouns import fill, unknown_placeholders

    text = "{Ella|Él|Ellos} {se siente|se siente|se sienten} {sola|solo|solos}"
    assert fill(text, "she") == "Ella se siente sola"
    assert fill(text, "he") == "Él se siente solo"
    assert fill(text, "they") == "Ellos se sienten solos"
    assert unknown_placeholders(text) == []
    assert unknown_placeholders("{a|b|c|d}") == ["{a|b|c|d}"]
