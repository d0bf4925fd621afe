"""Pronouns: who the catalogue's wording speaks of.

The strategy catalogue is shared by every case, so its names and rationales cannot say "her" when the
caregiver is a father. They are written with placeholders, filled from the caregiver a decision is about:

- ``{she}`` (she, he, they), ``{him}`` (her, him, them), ``{his}`` (her, his, their), ``{hers}`` (hers,
  his, theirs), ``{herself}`` (herself, himself, themselves); a capital first letter (``{She}``) gives a
  capital;
- ``{sing|plural}`` for a word that agrees with the pronoun: ``{she} {feels|feel}`` reads "she feels" or
  "they feel";
- ``{she-form|he-form|they-form}`` for a word that agrees in gender as well as number, which Spanish
  needs: ``{ella|él|ellos}``, ``{cansada|cansado|cansados}``. Spanish text is written with these alone,
  since English's named forms do not map one to one onto Spanish pronouns.

Each placeholder is named by a form that says which case it is ("him" is only an object, "his" only a
possessive), since "her" is both. A caregiver's pronoun is ``pronoun:`` in the case file, or follows from
``relation`` (a mother or an aunt is "she", a father or an uncle "he"); two caregivers at once are "they".
The catalogue reader refuses a placeholder it does not know, with the file and line.
"""

from __future__ import annotations

import re

from sim.i18n import PSEUDO, pseudo
from sim.i18n import language as current_language

PRONOUNS = ("she", "he", "they")
FORMS = {
    "she": {"she": "she", "him": "her", "his": "her", "hers": "hers", "herself": "herself"},
    "he": {"she": "he", "him": "him", "his": "his", "hers": "his", "herself": "himself"},
    "they": {"she": "they", "him": "them", "his": "their", "hers": "theirs", "herself": "themselves"},
}
BY_RELATION = {"mother": "she", "grandmother": "she", "aunt": "she", "aunt_in_law": "she",
               "father": "he", "grandfather": "he", "uncle": "he", "uncle_in_law": "he"}
DEFAULT = "she"  # relations that do not say (partner, neighbour, informal, other) without ``pronoun:``

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def for_relation(relation: str) -> str:
    return BY_RELATION.get(relation, DEFAULT)


def unknown_placeholders(text: str) -> list[str]:
    """The placeholders in ``text`` that ``fill`` would not know (empty when all are fine)."""
    bad = []
    for match in _PLACEHOLDER.finditer(text):
        token = match.group(1)
        if "|" in token:
            if token.count("|") not in (1, 2):
                bad.append(match.group(0))
        elif token.lower() not in FORMS["she"]:
            bad.append(match.group(0))
    return bad


def fill(text: str, pronoun: str) -> str:
    """``text`` with its placeholders filled for ``pronoun`` (she, he or they)."""
    forms = FORMS.get(pronoun, FORMS[DEFAULT])

    def one(match: re.Match) -> str:
        token = match.group(1)
        if token.count("|") == 2:
            feminine, masculine, plural = token.split("|")
            return {"she": feminine, "he": masculine}.get(pronoun, plural)
        if "|" in token:
            singular, _, plural = token.partition("|")
            return plural if pronoun == "they" else singular
        word = forms.get(token.lower())
        if word is None:
            return match.group(0)
        return word[0].upper() + word[1:] if token[0].isupper() else word

    filled = _PLACEHOLDER.sub(one, text)
    if current_language() == PSEUDO:  # the pseudo-localisation test: the words put in are marked too
        return pseudo(filled)
    return filled


def of_people(pronouns: list[str]) -> str:
    """The pronoun for a move aimed at these caregivers: one keeps hers, two or more are "they"."""
    return pronouns[0] if len(pronouns) == 1 else ("they" if pronouns else DEFAULT)
