"""Noticing as a skill: when the learner is asked what she notices, what counts as right, and the answers.

The question comes at a fixed share of decisions, drawn from the session's seed whatever has happened
(``NOTICE_RATE``), so being asked says nothing about the moment. What is scored is what the learner could
see of each caregiver in the scene just reached, not only whether a rupture has just begun: an ongoing
withdrawal is "pulling away"; a caregiver who was engaged and is now guarded is "holding back"; one who
has become engaged again, or whose tone has turned warm, is "warming". With two caregivers the answers
name who.
"""

from __future__ import annotations

import random

from sim.engine.views import TONE_CUES
from sim.i18n import N_, _
from sim.scenario.model import Scenario, Scene

NOTICE_RATE = 0.3   # share of decisions followed by the question, drawn from the seed
KINDS = ("withdrawal", "confrontation", "holding_back", "warming")
NONE = "none"
MEANINGS = {"withdrawal": N_("pulling away"), "confrontation": N_("pushing back"), "holding_back": N_("holding back"),
            "warming": N_("warming to you"), NONE: N_("nothing had shifted")}
MEANINGS_OF = {"withdrawal": N_("{who} was pulling away"), "confrontation": N_("{who} was pushing back"),
               "holding_back": N_("{who} was holding back"), "warming": N_("{who} was warming to you"),
               NONE: N_("nothing had shifted")}
PHRASES = {"withdrawal": N_("{who} is pulling away from me"), "confrontation": N_("{who} is pushing back against me"),
           "holding_back": N_("{who} is holding back, more careful than before"),
           "warming": N_("{who} is warming to me")}
NOTHING = N_("Nothing has shifted between us")
WARM = TONE_CUES[0][0]  # the connection at which a worker hears warmth in her tone


def asked(seed, decision: int) -> bool:
    """Whether the question follows this decision: the seed decides, nothing that happened does."""
    return random.Random(f"{seed}:notice:{decision}").random() < NOTICE_RATE


def present(scenario: Scenario, scene: Scene) -> tuple[str, ...]:
    """The caregivers a question may be about: the one speaking; all of them when the narrator speaks; none
    when someone else does (a colleague, a teacher: the caregiver is not in that scene, so nothing is asked)."""
    if scene.speaker in scenario.caregiver_ids:
        return (scene.speaker,)
    if any(person.id == scene.speaker for person in scenario.people):
        return ()
    return scenario.caregiver_ids


def what_shows(before_stance: str, stance: str, before_connection: float, connection: float) -> str:
    """What a worker could see of one caregiver across a step."""
    if stance == "withdrawn":
        return "withdrawal"
    if stance == "confrontational":
        return "confrontation"
    if before_stance == "engaged" and stance == "guarded":
        return "holding_back"
    if (stance == "engaged" and before_stance != "engaged") or (before_connection < WARM <= connection):
        return "warming"
    return NONE


def value(kind: str, caregiver: str | None) -> str:
    """An answer's value: the kind, with the caregiver's id when the case has several ("warming:luis")."""
    return kind if caregiver is None or kind == NONE else f"{kind}:{caregiver}"


def options(scenario: Scenario, who: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The answers, worded with the caregivers' names; with several caregivers, one set per person."""
    several = len(scenario.caregivers) > 1
    found = []
    for cid in who:
        name = scenario.caregiver(cid).name
        for kind in KINDS:
            found.append((value(kind, cid if several else None), _(PHRASES[kind]).format(who=name)))
    return tuple(found) + ((NONE, _(NOTHING)),)


def truths(scenario: Scenario, shows: dict[str, str], who: tuple[str, ...]) -> tuple[str, ...]:
    """Every right answer (one per caregiver who showed something), or ("none",)."""
    several = len(scenario.caregivers) > 1
    found = tuple(value(shows[cid], cid if several else None) for cid in who if shows[cid] != NONE)
    return found or (NONE,)


def meaning(answer: str, scenario: Scenario) -> str:
    """An answer in words for the debrief ("Luis was warming to you")."""
    kind, _sep, cid = answer.partition(":")
    if cid:
        return _(MEANINGS_OF[kind]).format(who=scenario.caregiver(cid).name)
    return _(MEANINGS[kind])
