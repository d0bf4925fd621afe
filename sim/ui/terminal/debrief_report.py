"""The debrief as plain text, for the terminal and for exported reports."""

from __future__ import annotations

import textwrap

from sim.analysis.debrief import Debrief
from sim.analysis.debrief_words import (CONTRAST_INTRO, NO_RUPTURE, calibration_against_study,
                                        calibration_sentences, choice_effect, duty_summary, event_sentence, handover_sentence,
                                        key_sentences, key_title, lasted_sentence, notice_sentence,
                                        noticing_summary, option_sentence, rupture_sentence, safety_word,
                                        taken_sentence, takeback_sentence, time_course_sentences, ending_words)
from sim.engine.labels import category_label, phase_label, stance_label, tension_label
from sim.i18n import _, ngettext
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

    heading(_("Debrief: {title}").format(title=debrief.title))
    heading(_("Summary"))
    ending = debrief.ending
    add(_("Ending: {ending}.").format(ending=f"{ending['title']} ({ending_words(ending['type'])})") if ending
        else _("Ending: not reached; the case is still open."))
    duty_value, duty_note = duty_summary(debrief.duties)
    add(_("Alliance (hidden, 0-100): {start} -> {end}  |  Legal duty: {duty} ({note})  |  Child safety: "
          "{safety_start} -> {safety_end} ({safety_start_word} to {safety_end_word})").format(
        start=f"{debrief.start_score:.0f}", end=f"{debrief.final_score:.0f}",
        duty=duty_value.upper() if debrief.duty_failed else duty_value, note=duty_note,
        safety_start=f"{debrief.child_safety_start:.0f}", safety_end=f"{debrief.child_safety_end:.0f}",
        safety_start_word=safety_word(debrief.child_safety_start), safety_end_word=safety_word(debrief.child_safety_end)))
    if debrief.calibration:
        add(_("Calibration: mean error {points} points.").format(points=f"{debrief.calibration['mean_error']:.0f}")
            + " " + calibration_against_study(debrief.calibration))
    add(noticing_summary(debrief.notices))
    bordin = debrief.bordin
    add(_("Bordin view at the end (-3..3): bond {bond}, goals {goals}, tasks {tasks}.").format(
        bond=f"{bordin['bond']:+.1f}", goals=f"{bordin['goals']:+.1f}", tasks=f"{bordin['tasks']:+.1f}"))

    by_number = {item["number"]: item for item in debrief.decisions}
    heading(_("Key decisions"))
    if debrief.contrast_problem:
        add(debrief.contrast_problem)
    elif not debrief.key_decisions:
        add(_("At no decision did the best ending within reach change: the options you took kept it."))
    for number in debrief.key_decisions:
        item = by_number[number]
        add()
        add(key_title(item["contrast"], item))
        for sentence in key_sentences(item["contrast"]):
            add(sentence, "    ")
    if debrief.lasted:
        heading(_("What lasted and what was refunded"))
        for number in debrief.lasted:
            add(lasted_sentence(by_number[number]["time_course"], by_number[number]), "  ")

    heading(_("The alliance after each decision"))
    handed = {h["decision"]: h for h in debrief.handovers}
    for point in debrief.trajectory:
        if point["decision"] in handed:
            add(_("------ the case passes to {name} ------").format(name=handed[point["decision"]]["to_name"]), "  ")
        stances = ", ".join(f"{scenario.caregiver(c).name} {stance_label(s)}" for c, s in point["stances"].items())
        label = _("start") if point["decision"] == 0 else f"#{point['decision']:>2}"
        add(f"{label:>5} {point['score']:5.1f} |{_bar(point['score'])}| {stances}")

    for handover in debrief.handovers:
        add(handover_sentence(handover))
    if debrief.takebacks:
        add(takeback_sentence(debrief.takebacks))

    heading(_("Ruptures and repairs"))
    if not debrief.ruptures:
        add(_(NO_RUPTURE))
    for rupture in debrief.ruptures:
        add(rupture_sentence(rupture), "  ")

    heading(_("Calibration: your estimates against the hidden alliance"))
    for item in debrief.calibrations:
        add(_("End of {phase}: you said {estimate}, it was {truth} ({error}).").format(
            phase=phase_label(item["phase"]).lower(), estimate=f"{item['estimate']:.0f}", truth=f"{item['truth']:.0f}",
            error=f"{item['signed_error']:+.0f}"), "  ")
    if debrief.calibration_error is not None:
        add(_("Mean calibration error: {points} points.").format(points=f"{debrief.calibration_error:.0f}"))
    for sentence in calibration_sentences(debrief.calibration):
        add(sentence)
    if debrief.notices:
        right = sum(1 for n in debrief.notices if n["correct"])
        add(ngettext("Noticing: {right} of {count} moment read correctly.",
                     "Noticing: {right} of {count} moments read correctly.", len(debrief.notices)).format(
            right=right, count=len(debrief.notices)))
        for notice in debrief.notices:
            add(notice_sentence(notice), "  ")

    heading(_("Child safety and legal duty"))
    add(_("Child safety: {start} at the start ({start_word}), {end} at the end ({end_word}).").format(
        start=f"{debrief.child_safety_start:.0f}", start_word=safety_word(debrief.child_safety_start),
        end=f"{debrief.child_safety_end:.0f}", end_word=safety_word(debrief.child_safety_end)))
    if not debrief.duties or not any(d["arose"] for d in debrief.duties):
        add(_("No legal duty arose in this run."))
    for duty in debrief.duties:
        if not duty["arose"]:
            continue
        if duty["met"]:
            add(_("Duty met: {duty}.").format(duty=duty["text"]), "  ")
        else:
            add(_("DUTY FAILED: {duty}. This was required whatever it cost the alliance; a good alliance does not "
                  "make up for it (tufford2014).").format(duty=duty["text"]), "  ")

    heading(_("Every choice"))
    add(_(CONTRAST_INTRO))
    for item in debrief.decisions:
        add()
        add(f"#{item['number']} [{phase_label(item['phase'])}] {item['choice_text']}")
        add(f"{item['strategy_name']} ({item['strategy']}, {category_label(item['category']).lower()}); "
            f"{choice_effect(item)}.", "    ")
        add(item["feedback"], "    ")
        for event in item["events_after"]:
            add(event_sentence(event), "    ")
        add(_("The strategy in general: {rationale}").format(rationale=item["rationale"]), "    ")
        if item["tensions"]:
            add(_("Tensions: {tensions}").format(tensions=", ".join(tension_label(t) for t in item["tensions"])),
                "    ")
        for sentence in time_course_sentences(item["time_course"]):
            add(sentence, "    ")
        contrast = item.get("contrast")
        if contrast:
            add(taken_sentence(contrast["taken"]), "    ")
            for option in contrast["others"]:
                add(_("Not taken: {option}").format(option=option_sentence(option)), "    ")
        add(_("Research: {keys}").format(keys="; ".join(c["key"] for c in item["citations"])), "    ")

    heading(_("References"))
    for citation in debrief.references:
        key = citation["key"]
        add(f"[{key}] {citation['citation']}" + (f" doi:{citation['doi']}" if citation["doi"] else ""), "  ")
    add()
    add(_("Case {case}, played with alliance-sim {version}.").format(case=debrief.scenario_id, version=debrief.version))
    return "\n".join(lines)
