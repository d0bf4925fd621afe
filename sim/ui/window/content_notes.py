"""Content notes for the case cards (violence, substance use, harm to a child), read from the case's own text.

The notes are derived, not authored: every sentence a learner can be shown
(summary, duties, scenes and their variants, narration, events, choices and their feedback) is read, and a
note is given when a sentence names the thing itself ("violence", "drinking",
"relapse", a child "left alone", "swallowed" medication), and not to deny it
("there is no violence"). Each note keeps the
sentence that gave it, so the picker can say why, and a test pins the notes of
every shipped case to what a reader of the cases finds. No pygame here.
"""

from __future__ import annotations

import re

from sim.i18n import N_

CHILD = r"(child|children|toddler|baby|boy|girl|son|daughter|kids?|grandchild\w*|nine-year-old|\w+'s? (room|school))"
NOTES = (
    ("violence", N_("violence"), (
        r"\bviolen(ce|t)\b", r"\bhit(s|ting)? (him|her|me|them|you|the)\b", r"\bslap(s|ped|ping)?\b",
        r"\bbruis(e|es|ed)\b", r"\bbeat(s|ing)? (him|her|me|them)\b", r"\bpunch(es|ed|ing)?\b")),
    ("substance", N_("substance use"), (
        r"\bdrunk\b", r"\b(been |was |is |he's |she's |stopped |started )drinking\b", r"\balcohol\w*\b",
        r"\bcocaine\b", r"\bdrugs?\b", r"\brelaps(e|es|ed|ing)\b", r"\bused on\b", r"\busing again\b",
        r"\baddict\w*\b", r"\bsober\b", r"\bdrink(ing)? problem\b")),
    ("child", N_("harm to a child"), (
        rf"\bswallow(ed|ing)\b.*\b(medication|pills?|tablets?)\b", r"\bneglect\w*\b", r"\bunsupervised contact\b",
        rf"\b{CHILD}\b.*\b(left alone|unsupervised|in charge|hurt|harmed|injur\w*|bruis\w*|witnessed)\b",
        rf"\b(left alone|unsupervised|hurt|harmed|injur\w*|bruis\w*|witnessed)\b.*\b{CHILD}\b")),
)
COMPILED = tuple((key, label, tuple(re.compile(p, re.IGNORECASE) for p in patterns)) for key, label, patterns in NOTES)


def _texts(scenario):
    """Every piece of text a learner can be shown, in English (the patterns are English words, whatever the
    interface's language)."""
    yield scenario.summary.get_text("en")
    for duty in scenario.duties:
        yield duty.text.get_text("en")
    for event in scenario.events:
        yield event.text.get_text("en")
    for scene in scenario.scenes.values():
        for text in (scene.text, scene.narration):
            if text:
                yield text.get_text("en")
        for variant in scene.variants:
            for text in (variant.text, variant.narration):
                if text:
                    yield text.get_text("en")
        for choice in scene.choices:
            yield choice.text.get_text("en")
            yield choice.feedback.get_text("en")


def _sentences(text: str):
    return (s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip())


NEGATED = re.compile(r"\b(no|not|never|without|nor|nobody|no one|none)\s+(\w+\s+)?$", re.IGNORECASE)


def _names(pattern, sentence: str) -> bool:
    """Whether the sentence names the thing (not "there is no violence")."""
    return any(not NEGATED.search(sentence[:m.start()]) for m in pattern.finditer(sentence))


def content_notes(scenario) -> list[tuple[str, str]]:
    """[(label, the first sentence that gave it)] in the fixed order violence, substance use, harm to a child.

    The label is the English msgid (marked with ``N_``): show it as ``_(label)``, when it is drawn."""
    found: dict[str, tuple[str, str]] = {}
    for text in _texts(scenario):
        for sentence in _sentences(text):
            for key, label, patterns in COMPILED:
                if key not in found and any(_names(p, sentence) for p in patterns):
                    found[key] = (label, sentence)
    return [found[key] for key, *rest in COMPILED if key in found]
