"""Generated scenarios of any size, for benchmarks and scale tests.

The shape imitates a real case: scenes in the four phases in order, each with
four choices drawn from the catalogue, leading a few scenes ahead, with text
variants, conditional routes, a missed-appointment event, an interrupt and
three endings at the close.
"""

from __future__ import annotations

import random

STRATEGY_CYCLE = ("active_listening", "threaten_court_report", "clarify_expectations", "interrogate",
                  "us_and_them", "remind_rules", "empathy", "receive_criticism", "give_credibility",
                  "voice_judicial_consequences", "resignify_common_goals", "home_visit")
PHASES = ("intake", "assessment", "intervention", "closure")


def synthetic_scenario(scenes: int, choices: int = 4, seed: int = 0) -> str:
    """YAML text of a valid scenario with ``scenes`` decision scenes (plus three endings)."""
    rng = random.Random(seed)
    out = [
        "format: 1",
        f"id: synthetic_{scenes}",
        "title: {en: Synthetic case}",
        "summary: {en: A generated case for measuring the engine.}",
        "learning_goals:",
        "  - {en: None; this case is generated.}",
        "minutes: 60",
        "difficulty: advanced",
        "caregivers:",
        "  - id: ana",
        "    name: Ana",
        "    relation: mother",
        "    mandate: mandated",
        "    prior_services: negative",
        "    expectations: fearful",
        "    reacts_by: withdrawal",
        "    stance: guarded",
        "    alliance: {engagement: -1, connection: -1, safety: -1.5}",
        "variables:",
        "  absences: {type: number, initial: 0, min: 0, max: 3}",
        "  report_made: {type: bool, initial: false}",
        "events:",
        "  - id: missed",
        "    phase: intervention",
        "    when: ana_engagement < -1",
        "    chance: 0.3",
        "    text: {en: Ana did not come.}",
        "    add: {absences: 1}",
        "interrupts:",
        "  - when: absences >= 3 and alliance < 35",
        "    to: end_dropout",
        "start: s0",
        "scenes:",
    ]
    for i in range(scenes):
        phase = PHASES[min(3, i * 4 // scenes)]
        out += [
            f"  - id: s{i}",
            f"    phase: {phase}",
            "    speaker: ana",
            f"    text: {{en: Scene {i}. Ana speaks.}}",
            "    variants:",
            "      - stance: withdrawn",
            "        text: {en: Fine.}",
            "    choices:",
        ]
        for c in range(choices):
            strategy = STRATEGY_CYCLE[(i * choices + c + rng.randrange(3)) % len(STRATEGY_CYCLE)]
            out += [
                f"      - text: {{en: Option {c + 1}}}",
                f"        strategy: {strategy}",
                "        feedback: {en: Generated.}",
            ]
            if c == 1:
                out.append("        set: {report_made: true}")
            ahead = i + 1 + (c == choices - 1)  # mostly onwards to the next scene, one choice skips one
            if ahead >= scenes:
                out += ["        next:", "          - when: alliance >= 60", "            to: end_good",
                        "          - when: alliance >= 35", "            to: end_extension",
                        "          - to: end_dropout"]
            else:
                out.append(f"        next: s{ahead}")
    for sid, kind in (("end_good", "closure"), ("end_extension", "extension"), ("end_dropout", "dropout")):
        out += [f"  - id: {sid}", "    phase: closure", "    speaker: narrator",
                f"    ending: {{type: {kind}, title: {{en: {sid}}}}}", f"    text: {{en: The case ends ({kind}).}}"]
    return "\n".join(out) + "\n"
