"""The words for the model's named values (phases, stances, categories, relations...): one home for them.

Every front end and the debrief name a phase, a stance or a strategy category through these functions,
so that a label is written once and translated once (docs/translation.md). The words are looked up
when asked for, in the interface's language then.
"""
from __future__ import annotations

from sim.i18n import N_, _

PHASE = {"intake": N_("Intake"), "assessment": N_("Assessment"), "intervention": N_("Intervention"),
         "closure": N_("Closure")}
STANCE = {"engaged": N_("engaged"), "guarded": N_("guarded"), "withdrawn": N_("withdrawn"),
          "confrontational": N_("confrontational")}
CATEGORY = {"counterproductive": N_("Counterproductive"), "preventive": N_("Preventive"), "repair": N_("Repair"),
            "neutral": N_("Neutral")}
RELATION = {"mother": N_("mother"), "father": N_("father"), "grandmother": N_("grandmother"),
            "grandfather": N_("grandfather"), "aunt": N_("aunt"), "uncle": N_("uncle"),
            "aunt_in_law": N_("aunt by marriage"), "uncle_in_law": N_("uncle by marriage"), "partner": N_("partner"),
            "neighbour": N_("neighbour"), "informal": N_("informal carer"), "other": N_("caregiver")}
MANDATE = {"mandated": N_("court-mandated"), "voluntary": N_("voluntary")}
DIFFICULTY = {"introductory": N_("Introductory"), "intermediate": N_("Intermediate"), "advanced": N_("Advanced")}
ENDING = {"closure": N_("closure"), "extension": N_("extension"), "referral": N_("referral"),
          "dropout": N_("dropout"), "escalation": N_("escalation"), "worker_departure": N_("worker departure")}
# The tensions of the domain brief (de Toro & Sharim, 2023), by id (sim.scenario.model.TENSIONS).
TENSION = {"tense_start": N_("a tense start"), "loss_of_control": N_("loss of control"),
           "non_confidentiality": N_("non-confidentiality"), "investigative_role": N_("the investigative role"),
           "unmet_expectations": N_("unmet expectations"), "disengagement": N_("disengagement"),
           "intimidation": N_("intimidation"), "family_conflict": N_("family conflict"),
           "closure_weariness": N_("weariness at closure"), "extension_or_referral": N_("extension or referral"),
           "worker_departure": N_("the worker's departure")}
MODE = {"practice": N_("Practice"), "assessment": N_("Assessment"), "facilitator": N_("Facilitator"),
        "terminal": N_("Terminal")}


def _word(table: dict, value: str) -> str:
    word = table.get(value)
    return _(word) if word else value.replace("_", " ")


def phase_label(phase: str) -> str:
    return _word(PHASE, phase)


def stance_label(stance: str) -> str:
    return _word(STANCE, stance)


def category_label(category: str) -> str:
    return _word(CATEGORY, category)


def relation_label(relation: str) -> str:
    return _word(RELATION, relation)


def mandate_label(mandate: str) -> str:
    return _word(MANDATE, mandate)


def difficulty_label(difficulty: str) -> str:
    return _word(DIFFICULTY, difficulty)


def ending_label(ending_type: str) -> str:
    return _word(ENDING, ending_type)


def mode_label(mode: str) -> str:
    return _word(MODE, mode)


def tension_label(tension: str) -> str:
    return _word(TENSION, tension)
