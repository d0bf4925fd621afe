"""The debrief's words: one place for the sentences both front ends (terminal and window) show, so that
they cannot drift apart."""

from __future__ import annotations

ENDING_WORDS = {
    "closure": "a closure",
    "extension": "an extension of the measure",
    "referral": "a referral to another programme",
    "dropout": "a dropout",
    "escalation": "an escalation",
    "worker_departure": "the worker's departure",
}

SAFETY_WORDS = ((75, "safe"), (50, "adequate"), (25, "at risk"), (0, "in danger"))


def safety_word(value: float) -> str:
    for threshold, word in SAFETY_WORDS:
        if value >= threshold:
            return word
    return SAFETY_WORDS[-1][1]


NO_RUPTURE = "No rupture began. A case with no rupture is not always a good sign: withdrawal can be quiet."


def rupture_sentence(rupture: dict) -> str:
    """One rupture from ``Debrief.ruptures`` in a plain sentence, for every front end."""
    text = f"{rupture['caregiver_name']}: a {rupture['kind']} rupture began at decision {rupture['began_at']}"
    if rupture["outcome"] == "repair":
        text += (f" and was repaired at decision {rupture['ended_at']} (alliance {rupture['score_before']:.0f} "
                 f"before it, {rupture['score_at_end']:.0f} after the repair)")
        if rupture["repaired_higher"]:
            text += ": the repaired relationship ended stronger than before the rupture"
    elif rupture["outcome"] == "resolved":
        text += f" and eased at decision {rupture['ended_at']} without a repair move"
    elif rupture["outcome"] == "shift":
        text += f" and changed form at decision {rupture['ended_at']}"
    else:
        text += " and was never repaired"
    return text + "."


def choice_effect(item: dict) -> str:
    """The alliance change a choice itself made (what followed it is told separately, event by event)."""
    return f"alliance {item['score_before']:.0f} -> {item['score_after']:.0f} ({item['effect']:+.1f})"


def event_sentence(event: dict) -> str:
    """An event that followed a decision, with its own effect on the alliance."""
    text = event["text"].rstrip()
    if text and text[-1] not in ".!?\"'":
        text += "."
    cause = event.get("caused_by")
    because = f" This came due from decision {cause}." if cause else ""
    if abs(event["effect"]) < 0.05:
        return f"Then: {text}{because}"
    return f"Then: {text}{because} Its own effect on the alliance: {event['effect']:+.1f}."


def calibration_sentences(summary: dict) -> list[str]:
    """What the learner's estimates say about her reading: bias, trend, and the two baselines."""
    if not summary:
        return []
    bias = summary["bias"]
    if abs(bias) < 3:
        lean = f"On average your estimates were close to even (bias {bias:+.0f})."
    elif bias > 0:
        lean = f"You read the alliance as stronger than it was, by {bias:.0f} points on average."
    else:
        lean = (f"You read the alliance as weaker than it was, by {-bias:.0f} points on average; workers in the "
                "study also tended to rate it lower than caregivers did (de Toro & Sharim, 2023).")
    sentences = [lean]
    trend = summary["trend"]
    if trend is not None:
        if trend <= -3:
            sentences.append(f"Your error shrank from the first estimate to the last, by {-trend:.0f} points.")
        elif trend >= 3:
            sentences.append(f"Your error grew from the first estimate to the last, by {trend:.0f} points.")
        else:
            sentences.append("Your error stayed about the same from the first estimate to the last.")
    sentences.append(f"A guess of 50 every time would have been off by {summary['guess_50_error']:.0f} on average; "
                     f"reading the portraits alone (the stances) by {summary['portrait_error']:.0f}; "
                     f"you were off by {summary['mean_error']:.0f}.")
    return sentences


def takeback_sentence(takebacks: list[dict]) -> str:
    """How often the learner took a decision back (Practice), so the record shows first attempts too."""
    if not takebacks:
        return "You kept every first choice."
    where = ", ".join(str(t["decision"]) for t in takebacks)
    count = sum(len(t["undone"]) for t in takebacks)
    times = "once" if len(takebacks) == 1 else f"{len(takebacks)} times"
    at = f"decision {where}" if len(takebacks) == 1 else f"decisions {where}"
    return (f"You went back {times} (to {at}), undoing {count} choice{'s' if count != 1 else ''}; "
            "your first tries stay on the record beside what you kept.")


def notice_sentence(notice: dict) -> str:
    """One noticing question: what she answered, and what the caregiver(s) showed."""
    mark = "Right" if notice["correct"] else "Not quite"
    return (f"{mark}: after decision {notice['decision']} you answered \u2018{notice['answer_words']}\u2019; "
            f"what showed: {notice['truth_words']}.")


# ----- the contrast: the options not taken (sim/analysis/contrast.py) -----

CONTRAST_INTRO = ("Each option below is followed to a real ending: the look-ahead plays on from it, taking the "
                  "best-ranked option at every later decision. 'Best reachable' is that line's final alliance, "
                  "at a closure with every duty met when one stays within reach.")


def ending_phrase(ending: dict) -> str:
    """An ending a line reaches: its title, its kind, and whether every duty was met."""
    kind = ENDING_WORDS.get(ending["type"], ending["type"])
    duty = "every duty met" if ending["duty_met"] else "a legal duty failed"
    return f"\u2018{ending['title']}\u2019 ({kind}, {duty})"


def reach_words(option: dict) -> str:
    good = "the good closure stays within reach" if option["good"] else "the good closure is out of reach"
    return f"best reachable {option['reachable']:.0f}; {good}"


def taken_sentence(option: dict) -> str:
    """The option taken, in the contrast's terms."""
    return f"Your choice: alliance {option['immediate']:+.1f} now; {reach_words(option)}."


def option_sentence(option: dict) -> str:
    """An option not taken: what it would have done now, and what it would have left reachable."""
    return f"{option['strategy_name']}: alliance {option['immediate']:+.1f} now; {reach_words(option)}."


def key_sentences(item: dict) -> list[str]:
    """At a key decision (the best reachable ending changed there): what the other options would have led to."""
    if not item.get("key"):
        return []
    taken = item["taken"]
    found = [f"A key decision: after your choice, the best ending within reach was {ending_phrase(taken['ending'])}."]
    for option in item["others"]:
        if option["choice_id"] in item["better"]:
            found.append(f"{option['strategy_name']} would have led to {ending_phrase(option['ending'])}, "
                         f"alliance {option['reachable']:.0f}.")
    return found


def key_title(item: dict, decision: dict) -> str:
    return f"Decision {item['number']} \u00b7 {decision['phase']}: {decision['strategy_name']}"


# ----- the time course: what lasted and what was refunded (sim/analysis/time_course.py) -----

def time_course_sentences(course: dict) -> list[str]:
    """A decision followed over the rest of the case: later costs, recovery, trust."""
    found = []
    own, later = course["own"], course["later"]
    if later:
        now = "lifted the alliance now" if own > 0.05 else ("cost the alliance now" if own < -0.05
                                                             else "changed little now")
        parts = []
        for item in later:
            verb = "cost" if item["effect"] < 0 else "gave back"
            parts.append(f"{verb} {abs(item['effect']):.0f} points at decision {item['decision']}")
        found.append(f"This choice {now} ({own:+.1f}) and {' and '.join(parts)}: net {course['net']:+.1f}.")
    if course["loss"]:
        if course["recovered_at"] is not None:
            found.append(f"The {-own:.0f} points it cost were fully recovered by decision {course['recovered_at']}.")
        else:
            found.append(f"The alliance never got back to its level before this choice "
                         f"({course['score_before']:.0f}) by the end of the case.")
    for drop in course["trust"]:
        found.append(f"It lowered {drop['name']}'s trust baseline: every later gain with {drop['name']} counted "
                     f"about {drop['gain_cut']}% less, until a repaired rupture raised it again.")
    return found


def lasted_sentence(course: dict, decision: dict) -> str:
    """One line of the 'What lasted' section: the decision named, then its time course."""
    return f"Decision {course['number']} ({decision['strategy_name']}): " + " ".join(time_course_sentences(course))


# ----- the summary -----

STUDY_FINDING = ("workers in the study tended to rate the alliance lower than caregivers did "
                 "(de Toro & Sharim, 2023)")


def calibration_against_study(summary: dict) -> str:
    """The sign of her bias set against the study's finding that workers rate lower."""
    if not summary:
        return ""
    bias = summary["bias"]
    if abs(bias) < 3:
        return f"Your estimates were about even (bias {bias:+.0f}); {STUDY_FINDING}."
    if bias < 0:
        return f"You rated it lower than it was (bias {bias:+.0f}), as {STUDY_FINDING}."
    return f"You rated it higher than it was (bias {bias:+.0f}), the other way from the study: {STUDY_FINDING}."


def noticing_summary(notices: list[dict]) -> str:
    if not notices:
        return "No noticing question came up in this run."
    right = sum(1 for n in notices if n["correct"])
    return f"Noticing: you read {right} of {len(notices)} moments correctly."


def duty_summary(duties: list[dict]) -> tuple[str, str]:
    """(value, note) for the legal duty, the same in every front end."""
    arose = [d for d in duties if d["arose"]]
    if not arose:
        return "None arose", "no legal duty arose in this run"
    if any(d["failed"] for d in arose):
        return "Failed", "; ".join(d["text"] for d in arose if d["failed"])
    return "Met", "; ".join(d["text"] for d in arose)
