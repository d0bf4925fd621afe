"""The debrief as plain text, for the terminal and for exported reports."""

from __future__ import annotations

import textwrap

from sim.analysis.debrief import Debrief
from sim.analysis.debrief_words import (ENDING_WORDS, NO_RUPTURE, calibration_sentences, choice_effect,
                                        event_sentence, notice_sentence, rupture_sentence, safety_word,
                                        takeback_sentence)
from sim.scenario.model import Scenario

def _bar(score: float, width: int = 30) -> str:
    filled = int(round(score / 100 * width))
    return "#" * filled + "." * (width - filled)


def render_debrief(debrief: Debrief, scenario: Scenario, width: int = 80) -> str:
    lines: list[str] = []

    def add(text: str = "", indent: str = "") -> None:
        if not text:
            lines.append("")
            return
        lines.extend(textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=indent) or [""])

    def heading(text: str) -> None:
        add()
        add(text.upper())
        add("=" * min(width, len(text)))

    heading(f"Debrief: {debrief.title}")
    if debrief.ending:
        add(f"Ending: {debrief.ending['title']} ({ENDING_WORDS.get(debrief.ending['type'], debrief.ending['type'])}).")
    add(f"Hidden alliance: {debrief.start_score:.0f} at the start, {debrief.final_score:.0f} at the end (0-100).")
    bordin = debrief.bordin
    add(f"Bordin view at the end (-3..3): bond {bordin['bond']:+.1f}, goals {bordin['goals']:+.1f}, "
        f"tasks {bordin['tasks']:+.1f}.")

    heading("The alliance after each decision")
    for point in debrief.trajectory:
        stances = ", ".join(f"{scenario.caregiver(c).name} {s}" for c, s in point["stances"].items())
        label = "start" if point["decision"] == 0 else f"#{point['decision']:>2}"
        add(f"{label:>5} {point['score']:5.1f} |{_bar(point['score'])}| {stances}")

    if debrief.takebacks:
        add(takeback_sentence(debrief.takebacks))

    heading("Ruptures and repairs")
    if not debrief.ruptures:
        add(NO_RUPTURE)
    for rupture in debrief.ruptures:
        add(rupture_sentence(rupture), "  ")

    heading("Calibration: your estimates against the hidden alliance")
    for item in debrief.calibrations:
        add(f"End of {item['phase']}: you said {item['estimate']:.0f}, it was {item['truth']:.0f} "
            f"({item['signed_error']:+.0f}).", "  ")
    if debrief.calibration_error is not None:
        add(f"Mean calibration error: {debrief.calibration_error:.0f} points.")
    for sentence in calibration_sentences(debrief.calibration):
        add(sentence)
    if debrief.notices:
        right = sum(1 for n in debrief.notices if n["correct"])
        add(f"Noticing: {right} of {len(debrief.notices)} moments read correctly.")
        for notice in debrief.notices:
            add(notice_sentence(notice), "  ")

    heading("Child safety and legal duty")
    add(f"Child safety: {debrief.child_safety_start:.0f} at the start ({safety_word(debrief.child_safety_start)}), "
        f"{debrief.child_safety_end:.0f} at the end ({safety_word(debrief.child_safety_end)}).")
    if not debrief.duties or not any(d["arose"] for d in debrief.duties):
        add("No legal duty arose in this run.")
    for duty in debrief.duties:
        if not duty["arose"]:
            continue
        if duty["met"]:
            add(f"Duty met: {duty['text']}.", "  ")
        else:
            add(f"DUTY FAILED: {duty['text']}. This was required whatever it cost the alliance; a good "
                "alliance does not make up for it (tufford2014).", "  ")

    heading("Every choice")
    for item in debrief.decisions:
        add()
        add(f"#{item['number']} [{item['phase']}] {item['choice_text']}")
        add(f"{item['strategy_name']} ({item['strategy']}, {item['category']}); {choice_effect(item)}.", "    ")
        add(item["feedback"], "    ")
        for event in item["events_after"]:
            add(event_sentence(event), "    ")
        add("The strategy in general: " + item["rationale"], "    ")
        if item["tensions"]:
            add("Tensions: " + ", ".join(item["tensions"]), "    ")
        add("Research: " + "; ".join(c["key"] for c in item["citations"]), "    ")

    heading("References")
    seen = {}
    for item in debrief.decisions:
        for citation in item["citations"]:
            seen.setdefault(citation["key"], citation)
    for key in sorted(seen):
        citation = seen[key]
        add(f"[{key}] {citation['citation']}" + (f" doi:{citation['doi']}" if citation["doi"] else ""), "  ")
    add()
    add(f"Case {debrief.scenario_id}, played with alliance-sim {debrief.version}.")
    return "\n".join(lines)
