"""The debrief's words: one place for the sentences every front end (terminal, window, the page to hand
in) shows, so that they cannot drift apart. Each is translated when it is made (``sim.i18n``)."""

from __future__ import annotations

from sim.engine.labels import phase_label
from sim.i18n import N_, _, ngettext

ENDING_WORDS = {
    "closure": N_("a closure"),
    "extension": N_("an extension of the measure"),
    "referral": N_("a referral to another programme"),
    "dropout": N_("a dropout"),
    "escalation": N_("an escalation"),
    "worker_departure": N_("the worker's departure"),
}

SAFETY_WORDS = ((75, N_("safe")), (50, N_("adequate")), (25, N_("at risk")), (0, N_("in danger")))


def ending_words(ending_type: str) -> str:
    words = ENDING_WORDS.get(ending_type)
    return _(words) if words else ending_type


def safety_word(value: float) -> str:
    for threshold, word in SAFETY_WORDS:
        if value >= threshold:
            return _(word)
    return _(SAFETY_WORDS[-1][1])


NO_RUPTURE = N_("No rupture began. A case with no rupture is not always a good sign: withdrawal can be quiet.")
RUPTURE_KIND = {"withdrawal": N_("withdrawal"), "confrontation": N_("confrontation")}


def rupture_sentence(rupture: dict) -> str:
    """One rupture from ``Debrief.ruptures`` in a plain sentence, for every front end."""
    kind = _(RUPTURE_KIND[rupture["kind"]]) if rupture["kind"] in RUPTURE_KIND else rupture["kind"]
    values = dict(name=rupture["caregiver_name"], kind=kind, began=rupture["began_at"], ended=rupture.get("ended_at"),
                  before=f"{rupture['score_before']:.0f}" if rupture.get("score_before") is not None else "",
                  after=f"{rupture['score_at_end']:.0f}" if rupture.get("score_at_end") is not None else "")
    if rupture["outcome"] == "repair":
        if rupture["repaired_higher"]:
            text = _("{name}: a {kind} rupture began at decision {began} and was repaired at decision {ended} "
                     "(alliance {before} before it, {after} after the repair): the repaired relationship ended "
                     "stronger than before the rupture.")
        else:
            text = _("{name}: a {kind} rupture began at decision {began} and was repaired at decision {ended} "
                     "(alliance {before} before it, {after} after the repair).")
    elif rupture["outcome"] == "resolved":
        text = _("{name}: a {kind} rupture began at decision {began} and eased at decision {ended} without a "
                 "repair move.")
    elif rupture["outcome"] == "shift":
        text = _("{name}: a {kind} rupture began at decision {began} and changed form at decision {ended}.")
    else:
        text = _("{name}: a {kind} rupture began at decision {began} and was never repaired.")
    return text.format(**values)


def handover_sentence(handover: dict) -> str:
    """A change of worker from ``Debrief.handovers``, with what the model carries over (docs/alliance-model.md)."""
    if handover["decision"] == 0:
        text = _("Before the first decision the case passed from {old} to {new}.")
    else:
        text = _("After decision {decision} the case passed from {old} to {new}.")
    return (text + " " + _("Most of the bond {old} had built stayed behind, while the family's wariness of the "
                           "programme, its broken promises and its open tensions came along; the change itself "
                           "opened a tension that repair could answer.")).format(
        decision=handover["decision"], old=handover["from_name"], new=handover["to_name"])


def choice_effect(item: dict) -> str:
    """The alliance change a choice itself made (what followed it is told separately, event by event)."""
    return _("alliance {before} -> {after} ({effect})").format(
        before=f"{item['score_before']:.0f}", after=f"{item['score_after']:.0f}", effect=f"{item['effect']:+.1f}")


def event_sentence(event: dict) -> str:
    """An event that followed a decision, with its own effect on the alliance."""
    text = event["text"].rstrip()
    if text and text[-1] not in ".!?\"'\u201d\u00bb":
        text += "."
    cause = event.get("caused_by")
    because = (" " + _("This came due from decision {number}.").format(number=cause)) if cause else ""
    if abs(event["effect"]) < 0.05:
        return _("Then: {event}").format(event=text + because)
    return _("Then: {event} Its own effect on the alliance: {effect}.").format(event=text + because,
                                                                            effect=f"{event['effect']:+.1f}")


def calibration_sentences(summary: dict) -> list[str]:
    """What the learner's estimates say about her reading: bias, trend, and the two baselines."""
    if not summary:
        return []
    bias = summary["bias"]
    if abs(bias) < 3:
        lean = _("On average your estimates were close to even (bias {bias}).").format(bias=f"{bias:+.0f}")
    elif bias > 0:
        lean = _("You read the alliance as stronger than it was, by {points} points on average.").format(
            points=f"{bias:.0f}")
    else:
        lean = _("You read the alliance as weaker than it was, by {points} points on average; workers in the "
                 "study also tended to rate it lower than caregivers did (de Toro & Sharim, 2023).").format(
            points=f"{-bias:.0f}")
    sentences = [lean]
    trend = summary["trend"]
    if trend is not None:
        if trend <= -3:
            sentences.append(_("Your error shrank from the first estimate to the last, by {points} points.").format(
                points=f"{-trend:.0f}"))
        elif trend >= 3:
            sentences.append(_("Your error grew from the first estimate to the last, by {points} points.").format(
                points=f"{trend:.0f}"))
        else:
            sentences.append(_("Your error stayed about the same from the first estimate to the last."))
    sentences.append(_("A guess of 50 every time would have been off by {guess} on average; reading the portraits "
                       "alone (the stances) by {portraits}; you were off by {yours}.").format(
        guess=f"{summary['guess_50_error']:.0f}", portraits=f"{summary['portrait_error']:.0f}",
        yours=f"{summary['mean_error']:.0f}"))
    return sentences


def takeback_sentence(takebacks: list[dict]) -> str:
    """How often the learner took a decision back (Practice), so the record shows first attempts too."""
    if not takebacks:
        return _("You kept every first choice.")
    where = ", ".join(str(t["decision"]) for t in takebacks)
    count = sum(len(t["undone"]) for t in takebacks)
    went = ngettext("You went back once (to decision {where})", "You went back {times} times (to decisions {where})",
                    len(takebacks)).format(times=len(takebacks), where=where)
    undid = ngettext("undoing {count} choice", "undoing {count} choices", count).format(count=count)
    return _("{went_back}, {undoing}; your first tries stay on the record beside what you kept.").format(
        went_back=went, undoing=undid)


def notice_sentence(notice: dict) -> str:
    """One noticing question: what she answered, and what the caregiver(s) showed."""
    if notice["correct"]:
        text = _("Right: after decision {decision} you answered \u2018{answer}\u2019; what showed: {truth}.")
    else:
        text = _("Not quite: after decision {decision} you answered \u2018{answer}\u2019; what showed: {truth}.")
    return text.format(decision=notice["decision"], answer=notice["answer_words"], truth=notice["truth_words"])


# ----- the contrast: the options not taken (sim/analysis/contrast.py) -----

CONTRAST_INTRO = N_("Each option below is followed to a real ending: the look-ahead plays on from it, taking the "
                    "best-ranked option at every later decision. 'Best reachable' is that line's final alliance, "
                    "at a closure with every duty met when one stays within reach.")


def ending_phrase(ending: dict) -> str:
    """An ending a line reaches: its title, its kind, and whether every duty was met."""
    duty = _("every duty met") if ending["duty_met"] else _("a legal duty failed")
    return _("\u2018{title}\u2019 ({kind}, {duty})").format(title=ending["title"], kind=ending_words(ending["type"]),
                                                          duty=duty)


def reach_words(option: dict) -> str:
    if option["good"]:
        text = _("best reachable {value}; the good closure stays within reach")
    else:
        text = _("best reachable {value}; the good closure is out of reach")
    return text.format(value=f"{option['reachable']:.0f}")


def taken_sentence(option: dict) -> str:
    """The option taken, in the contrast's terms."""
    return _("Your choice: alliance {effect} now; {reach}.").format(effect=f"{option['immediate']:+.1f}",
                                                                  reach=reach_words(option))


def option_sentence(option: dict) -> str:
    """An option not taken: what it would have done now, and what it would have left reachable."""
    return _("{strategy}: alliance {effect} now; {reach}.").format(
        strategy=option["strategy_name"], effect=f"{option['immediate']:+.1f}", reach=reach_words(option))


def key_sentences(item: dict) -> list[str]:
    """At a key decision (the best reachable ending changed there): what the other options would have led to."""
    if not item.get("key"):
        return []
    taken = item["taken"]
    found = [_("A key decision: after your choice, the best ending within reach was {ending}.").format(
        ending=ending_phrase(taken["ending"]))]
    for option in item["others"]:
        if option["choice_id"] in item["better"]:
            found.append(_("{strategy} would have led to {ending}, alliance {value}.").format(
                strategy=option["strategy_name"], ending=ending_phrase(option["ending"]),
                value=f"{option['reachable']:.0f}"))
    return found


def key_title(item: dict, decision: dict) -> str:
    return _("Decision {number} \u00b7 {phase}: {strategy}").format(
        number=item["number"], phase=phase_label(decision["phase"]).lower(), strategy=decision["strategy_name"])


# ----- the time course: what lasted and what was refunded (sim/analysis/time_course.py) -----

def time_course_sentences(course: dict) -> list[str]:
    """A decision followed over the rest of the case: later costs, recovery, trust."""
    found = []
    own, later = course["own"], course["later"]
    if later:
        if own > 0.05:
            now = _("This choice lifted the alliance now ({effect})")
        elif own < -0.05:
            now = _("This choice cost the alliance now ({effect})")
        else:
            now = _("This choice changed little now ({effect})")
        parts = []
        for item in later:
            points = round(abs(item["effect"]))
            verb = (ngettext("cost {points} point at decision {decision}", "cost {points} points at decision {decision}",
                             points) if item["effect"] < 0 else
                    ngettext("gave back {points} point at decision {decision}",
                             "gave back {points} points at decision {decision}", points))
            parts.append(verb.format(points=points, decision=item["decision"]))
        found.append(_("{now} and {later}: net {net}.").format(now=now.format(effect=f"{own:+.1f}"),
                                                               later=_(" and ").join(parts), net=f"{course['net']:+.1f}"))
    if course["loss"]:
        if course["recovered_at"] is not None:
            found.append(ngettext("The {points} point it cost was fully recovered by decision {decision}.",
                                  "The {points} points it cost were fully recovered by decision {decision}.",
                                  round(-own)).format(points=round(-own), decision=course["recovered_at"]))
        else:
            found.append(_("The alliance never got back to its level before this choice ({score}) by the end of "
                           "the case.").format(score=f"{course['score_before']:.0f}"))
    for drop in course["trust"]:
        found.append(_("It lowered {name}'s trust baseline: every later gain with {name} counted about {percent}% "
                       "less, until a repaired rupture raised it again.").format(name=drop["name"],
                                                                                percent=drop["gain_cut"]))
    return found


def lasted_sentence(course: dict, decision: dict) -> str:
    """One line of the 'What lasted' section: the decision named, then its time course."""
    return _("Decision {number} ({strategy}): {course}").format(
        number=course["number"], strategy=decision["strategy_name"], course=" ".join(time_course_sentences(course)))


# ----- the summary -----

def calibration_against_study(summary: dict) -> str:
    """The sign of her bias set against the study's finding that workers rate lower."""
    if not summary:
        return ""
    bias = summary["bias"]
    if abs(bias) < 3:
        text = _("Your estimates were about even (bias {bias}); workers in the study tended to rate the alliance "
                 "lower than caregivers did (de Toro & Sharim, 2023).")
    elif bias < 0:
        text = _("You rated it lower than it was (bias {bias}), as workers in the study tended to rate the "
                 "alliance lower than caregivers did (de Toro & Sharim, 2023).")
    else:
        text = _("You rated it higher than it was (bias {bias}), the other way from the study: workers in the study "
                 "tended to rate the alliance lower than caregivers did (de Toro & Sharim, 2023).")
    return text.format(bias=f"{bias:+.0f}")


def noticing_summary(notices: list[dict]) -> str:
    if not notices:
        return _("No noticing question came up in this run.")
    right = sum(1 for n in notices if n["correct"])
    return ngettext("Noticing: you read {right} of {count} moment correctly.",
                    "Noticing: you read {right} of {count} moments correctly.", len(notices)).format(
        right=right, count=len(notices))


def duty_summary(duties: list[dict]) -> tuple[str, str]:
    """(value, note) for the legal duty, the same in every front end."""
    arose = [d for d in duties if d["arose"]]
    if not arose:
        return _("None arose"), _("no legal duty arose in this run")
    if any(d["failed"] for d in arose):
        return _("Failed"), "; ".join(d["text"] for d in arose if d["failed"])
    return _("Met"), "; ".join(d["text"] for d in arose)
