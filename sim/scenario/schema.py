"""The JSON Schema of the scenario format, built from the model's own constants.

The schema file shipped in ``sim/schema/`` is this function's output; a test
keeps the two in step. Editors use it for completion and first-line checks;
the loader remains the authority (it checks references, the graph, phases).
"""

from __future__ import annotations

import json

from sim.resources import schema_dir
from sim.scenario import loader
from sim.scenario import model as m

SCHEMA_FILE = "scenario.schema.json"


def _obj(properties: dict, required=(), description: str = "") -> dict:
    node = {"type": "object", "properties": properties, "additionalProperties": False}
    if required:
        node["required"] = list(required)
    if description:
        node["description"] = description
    return node


def build_schema() -> dict:
    identifier = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}
    text = {"$ref": "#/$defs/text"}
    condition = {"type": "string", "description": "A condition: names, numbers, 'text', comparisons, and/or/not."}
    dims = {"type": "number", "minimum": -3, "maximum": 3}
    effects = _obj({d: dims for d in m.EFFECT_DIMENSIONS}, description="Changes on SOFTA's -3..3 scale.")
    person_effects = _obj({d: dims for d in m.DIMENSIONS})
    assign = {"type": "object", "additionalProperties": {"type": ["boolean", "number"]}}
    add = {"type": "object", "additionalProperties": {"type": "number"}}
    stance_map = {"type": "object", "additionalProperties": {"enum": list(m.STANCES)}}
    route = _obj({"when": condition, "to": identifier}, ["to"])
    choice = _obj({
        "id": identifier, "text": text, "strategy": identifier,
        "target": identifier, "effects": effects, "others": person_effects, "set": assign, "add": add,
        "stance": stance_map, "when": condition,
        "handover": {**identifier, "description": "the case passes to this worker (one of 'workers')"},
        "tensions": {"type": "array", "items": {"enum": list(m.TENSIONS)}},
        "references": {"type": "array", "items": identifier}, "feedback": text,
        "next": {"oneOf": [identifier, {"type": "array", "items": route, "minItems": 1}],
                 "description": "required unless the scene gives a default 'next'"},
        "variants": {"type": "array", "items": _obj({"when": condition, "stance": {"enum": list(m.STANCES)},
                                                     "text": text, "feedback": text}),
                     "description": "other words or feedback when a condition or her stance holds"},
    }, ["text", "strategy", "feedback"])
    variant = _obj({"when": condition, "stance": {"enum": list(m.STANCES)}, "text": text, "narration": text})
    scene = _obj({
        "id": identifier, "phase": {"enum": list(m.PHASES)},
        "speaker": {"type": "string", "description": "a caregiver id, a people id, or narrator"},
        "text": text, "narration": text, "variants": {"type": "array", "items": variant},
        "choices": {"type": "array", "items": choice},
        "ending": _obj({"type": {"enum": list(m.ENDING_TYPES)}, "title": text}, ["type", "title"]),
        "tensions": {"type": "array", "items": {"enum": list(m.TENSIONS)}},
        "allow_phase_return": {"type": "boolean"},
        "next": {"oneOf": [identifier, {"type": "array", "items": route, "minItems": 1}],
                 "description": "the default for the scene's choices that have no 'next' of their own"},
    }, ["id", "phase", "speaker"])
    caregiver = _obj({
        "id": identifier, "name": {"type": "string"}, "relation": {"enum": list(m.RELATIONS)},
        "mandate": {"enum": list(m.MANDATES)}, "prior_services": {"enum": list(m.PRIOR_SERVICES)},
        "expectations": {"enum": list(m.EXPECTATIONS)}, "reacts_by": {"enum": list(m.RUPTURE_KINDS)},
        "stance": {"enum": list(m.STANCES)},
        "alliance": _obj({d: dims for d in m.DIMENSIONS}, list(m.DIMENSIONS)),
        "description": text, "cues": _obj({s: text for s in m.STANCES}),
        "pronoun": {"enum": ["she", "he", "they"], "description": "default: from relation (sim/scenario/pronouns.py)"},
    }, ["id", "name", "relation", "mandate", "prior_services", "expectations", "reacts_by", "alliance"])
    variable = _obj({"type": {"enum": ["bool", "number"]}, "initial": {"type": ["boolean", "number"]},
                     "min": {"type": "number"}, "max": {"type": "number"}, "description": {"type": "string"}},
                    ["type", "initial"])
    event = _obj({
        "id": identifier, "at": {"type": "array", "items": identifier}, "phase": {"enum": list(m.PHASES)},
        "when": condition, "chance": {"type": "number", "minimum": 0, "maximum": 1}, "once": {"type": "boolean"},
        "effects": {"type": "object", "additionalProperties": effects}, "set": assign, "add": add,
        "stance": stance_map, "goto": identifier,
        "handover": {**identifier, "description": "the case passes to this worker (one of 'workers')"},
        "text": {"$ref": "#/$defs/text", "description": "what the learner reads; without it the event is silent "
                 "bookkeeping (set, add, schedule only)"},
    }, ["id"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://alliance-sim.example/scenario.schema.json",
        "title": "Alliance scenario",
        "description": "One case for the Alliance simulation. See docs/scenario-format.md.",
        "$defs": {
            "text": {"type": "object", "description": "Language-keyed text; 'en' is required.",
                     "properties": {"en": {"type": "string", "minLength": 1}},
                     "patternProperties": {"^[a-z]{2}(-[A-Za-z]{2})?$": {"type": "string", "minLength": 1}},
                     "required": ["en"], "additionalProperties": False},
        },
        **_obj({
            "format": {"const": loader.FORMAT_VERSION}, "id": identifier, "title": text, "summary": text,
            "learning_goals": {"type": "array", "items": text, "minItems": 1},
            "minutes": {"type": "integer", "minimum": 1, "maximum": 240},
            "difficulty": {"enum": list(m.DIFFICULTIES)},
            "caregivers": {"type": "array", "items": caregiver, "minItems": 1},
            "recurring_tensions": {"type": "array", "items": {"enum": list(m.TENSIONS)},
                                   "description": "tensions tagged outside their phase on purpose"},
            "people": {"type": "array", "items": _obj({"id": identifier, "name": {"anyOf": [{"type": "string"}, text]},
                                                       "role": text},
                                                      ["id", "name"])},
            "workers": {"type": "array", "description": "the workers the learner plays, the first on the case from "
                        "the start; a 'handover' passes the case to another",
                        "items": _obj({"id": identifier, "name": {"anyOf": [{"type": "string"}, text]}, "role": text},
                                      ["id", "name"])},
            "variables": {"type": "object", "additionalProperties": variable},
            "child_safety": {"type": "number", "minimum": 0, "maximum": 100},
            "shared_purpose": dims,
            "duties": {"type": "array", "items": _obj({"id": identifier, "text": text, "arises": condition,
                                                        "met": condition}, ["id", "text", "arises", "met"])},
            "events": {"type": "array", "items": event},
            "strategies": {"type": "object", "description": "the case's own strategies, added to the shared "
                           "catalogue (never replacing one), each written as in strategies.yaml",
                           "additionalProperties": _obj({
                               "category": {"enum": list(m.CATEGORIES)}, "power": {"type": "boolean"},
                               "name": text, "rationale": text, "effects": effects,
                               "references": {"type": "array", "items": identifier},
                               "acts_on": {"enum": list(m.ACTS_ON)}, "owns_part": {"type": "boolean"},
                               "withholds_report": {"type": "boolean"}},
                               ["category", "name", "effects", "rationale", "references"])},
            "interrupts": {"type": "array", "items": _obj({"when": condition, "to": identifier}, ["when", "to"])},
            "start": identifier,
            "scenes": {"type": "array", "items": scene, "minItems": 1},
        }, loader.TOP_REQUIRED),
    }


def schema_text() -> str:
    """The shipped schema file's text."""
    return (schema_dir() / SCHEMA_FILE).read_text(encoding="utf-8")


def render_schema() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
