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
