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
    if abs(event["effect"]) < 0.05:
        return f"Then: {text}"
    return f"Then: {text} Its own effect on the alliance: {event['effect']:+.1f}."
