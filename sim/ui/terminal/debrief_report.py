"""The debrief as plain text, for the terminal and for exported reports."""

from __future__ import annotations

import textwrap

from sim.analysis.debrief import Debrief
from sim.analysis.debrief_words import (CONTRAST_INTRO, ENDING_WORDS, NO_RUPTURE, calibration_against_study,
                                        calibration_sentences, choice_effect, duty_summary, event_sentence,
                                        key_sentences, key_title, lasted_sentence, notice_sentence,
                                        noticing_summary, option_sentence, rupture_sentence, safety_word,
                                        taken_sentence, takeback_sentence, time_course_sentences)
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
    heading("Summary")
    ending = debrief.ending
    add("Ending: " + (f"{ending['title']} ({ENDING_WORDS.get(ending['type'], ending['type'])})." if ending
                      else "not reached; the case is still open."))
    duty_value, duty_note = duty_summary(debrief.duties)
    add(f"Alliance (hidden, 0-100): {debrief.start_score:.0f} -> {debrief.final_score:.0f}  |  Legal duty: "
        f"{duty_value.upper() if debrief.duty_failed else duty_value} ({duty_note})  |  Child safety: "
        f"{debrief.child_safety_start:.0f} -> {debrief.child_safety_end:.0f} "
        f"({safety_word(debrief.child_safety_start)} to {safety_word(debrief.child_safety_end)})")
    if debrief.calibration:
        add(f"Calibration: mean error {debrief.calibration['mean_error']:.0f} points. "
            + calibration_against_study(debrief.calibration))
    add(noticing_summary(debrief.notices))
    bordin = debrief.bordin
    add(f"Bordin view at the end (-3..3): bond {bordin['bond']:+.1f}, goals {bordin['goals']:+.1f}, "
        f"tasks {bordin['tasks']:+.1f}.")

    by_number = {item["number"]: item for item in debrief.decisions}
    heading("Key decisions")
    if debrief.contrast_problem:
        add(debrief.contrast_problem)
    elif not debrief.key_decisions:
        add("At no decision did the best ending within reach change: the options you took kept it.")
    for number in debrief.key_decisions:
        item = by_number[number]
        add()
        add(key_title(item["contrast"], item))
        for sentence in key_sentences(item["contrast"]):
            add(sentence, "    ")
    if debrief.lasted:
        heading("What lasted and what was refunded")
        for number in debrief.lasted:
            add(lasted_sentence(by_number[number]["time_course"], by_number[number]), "  ")

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
    add(CONTRAST_INTRO)
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
        for sentence in time_course_sentences(item["time_course"]):
            add(sentence, "    ")
        contrast = item.get("contrast")
        if contrast:
            add(taken_sentence(contrast["taken"]), "    ")
            for option in contrast["others"]:
                add("Not taken: " + option_sentence(option), "    ")
        add("Research: " + "; ".join(c["key"] for c in item["citations"]), "    ")

    heading("References")
    for citation in debrief.references:
        key = citation["key"]
        add(f"[{key}] {citation['citation']}" + (f" doi:{citation['doi']}" if citation["doi"] else ""), "  ")
    add()
    add(f"Case {debrief.scenario_id}, played with alliance-sim {debrief.version}.")
    return "\n".join(lines)
