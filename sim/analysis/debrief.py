"""The debrief: the hidden trajectory revealed, every choice explained, duty and safety beside it.

This module computes the data; ``debrief_words`` holds the sentences both front ends print from it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sim.analysis.contrast import NOT_READY, contrast, ready as contrast_ready
from sim.analysis.time_course import notable, time_course
from sim.engine.session import Session
from sim.i18n import _
from sim.engine import noticing
from sim.engine.core import duty_outcomes
from sim.scenario import pronouns
from sim.scenario.names import CHILD_SAFETY
from sim.version import __version__

@dataclass
class DutyOutcome:
    id: str
    text: str
    arose: bool
    met: bool

    @property
    def failed(self) -> bool:
        return self.arose and not self.met


@dataclass
class Debrief:
    scenario_id: str
    title: str
    ending: dict | None
    final_score: float
    start_score: float
    trajectory: list            # [{"decision", "score", "dims", "shared_purpose", "stances", "child_safety", "worker"}]
    decisions: list             # [{... DecisionRecord fields, "rationale", "citations", "effect", "contrast",
                                #   "time_course"}] (sim/analysis/contrast.py, time_course.py)
    ruptures: list              # [{... RuptureRecord fields, "repaired_higher"}]
    calibrations: list          # [{"phase", "decision", "estimate", "truth", "error"}]
    calibration_error: float | None
    calibration: dict           # signed bias, trend and baselines (see calibration_summary)
    notices: list
    notice_accuracy: float | None
    duties: list
    child_safety_start: float
    child_safety_end: float
    bordin: dict
    categories: dict = field(default_factory=dict)
    takebacks: list = field(default_factory=list)      # [{"decision", "undone"}] in Practice
    first_attempt: list = field(default_factory=list)  # [{"decision", "score"}]: her first try at each decision
    version: str = ""           # the program's, so a handed-in report says what produced it
    key_decisions: list = field(default_factory=list)  # decision numbers where the best reachable ending changed
    lasted: list = field(default_factory=list)         # decision numbers whose time course is worth a line
    references: list = field(default_factory=list)     # [{"key", "citation", "doi"}] once, sorted by key
    contrast_problem: str = ""  # why the options not taken could not be shown, when they could not
    handovers: list = field(default_factory=list)      # [{"decision", "from", "to", "from_name", "to_name"}]

    @property
    def duty_failed(self) -> bool:
        return any(d["failed"] for d in self.duties)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["duty_failed"] = self.duty_failed
        return data


def calibration_summary(calibrations: list[dict]) -> dict:
    """What the learner's estimates teach: her bias (mean signed error: positive reads the alliance as
    better than it was), whether her error shrank from phase to phase, and two baselines: a flat guess of 50,
    and a reading of the portraits alone (the stances), each with its mean error."""
    if not calibrations:
        return {}
    n = len(calibrations)
    errors = [c["error"] for c in calibrations]
    trend = None if n < 2 else round(errors[-1] - errors[0], 1)  # negative: she got closer
    return {"bias": round(sum(c["signed_error"] for c in calibrations) / n, 1),
            "mean_error": round(sum(errors) / n, 1), "trend": trend,
            "guess_50_error": round(sum(c["guess_50_error"] for c in calibrations) / n, 1),
            "portrait_error": round(sum(c["portrait_error"] for c in calibrations) / n, 1)}


def handovers(session: Session) -> list[dict]:
    """Each change of worker on the session's course: the decision after which the new worker had the case."""
    scenario, lang = session.scenario, session.language
    found, previous = [], scenario.first_worker
    for point in session.trajectory:
        if point.worker != previous:
            found.append({"decision": point.decision, "from": previous, "to": point.worker,
                          "from_name": scenario.worker_name(previous, lang),
                          "to_name": scenario.worker_name(point.worker, lang)})
        previous = point.worker
    return found


def build_debrief(session: Session, with_contrast: str = "if_ready", wait: float = 0.0) -> Debrief:
    """Everything the debrief shows, computed from a session (finished or not).

    The options not taken come from the look-ahead of the session's case and seed. ``with_contrast``:
    "if_ready" uses it when a front end prepared it (``contrast.prepare``) and it is done within ``wait``
    seconds, and otherwise says so (``contrast_problem``); "wait" builds it now, however long it takes (the
    ``debrief`` command, the tests of the contrast)."""
    scenario, state = session.scenario, session.state
    lang = session.language
    catalogue = scenario.catalogue
    decisions = []
    categories: dict[str, int] = {}
    for record in session.decisions:
        strategy = catalogue.strategies[record.strategy]
        categories[record.category] = categories.get(record.category, 0) + 1
        item = asdict(record)
        item["effect"] = round(record.score_after - record.score_before, 1)  # the choice's own effect
        item["events_after"] = [{**asdict(e), "effect": round(e.effect, 1)} for e in record.events_after]
        pronoun = pronouns.of_people([scenario.caregiver(t).pronoun for t in record.targets
                                      if t in scenario.caregiver_ids] or [scenario.caregivers[0].pronoun])
        item["strategy_name"] = pronouns.fill(strategy.name.get_text(lang), pronoun)
        item["rationale"] = pronouns.fill(strategy.rationale.get_text(lang), pronoun)
        item["citations"] = [{"key": key, "citation": catalogue.references[key].shown_citation(lang),
                              "doi": catalogue.references[key].doi} for key in record.references]
        decisions.append(item)
    ruptures = []
    for rupture in session.ruptures:
        item = asdict(rupture)
        item["caregiver_name"] = scenario.caregiver(rupture.caregiver).name
        item["repaired_higher"] = (rupture.outcome == "repair" and rupture.score_at_end is not None
                                   and rupture.score_at_end > rupture.score_before)
        ruptures.append(item)
    calibrations = [{**asdict(c), "error": c.error, "signed_error": c.signed_error,
                     "guess_50_error": round(abs(50 - c.truth), 1), "portrait_error": round(abs(c.portrait - c.truth), 1)}
                    for c in session.calibrations]
    if with_contrast == "wait" or contrast_ready(scenario, session.seed, wait):
        contrasted = contrast(session)
    else:  # a pass that is not ready is not built here, unasked: it can take a minute (docs/performance.md)
        contrasted = {"decisions": [], "problem": _(NOT_READY)}
    courses = time_course(session)
    by_number = {c["number"]: c for c in contrasted["decisions"]}
    cited: dict[str, dict] = {}
    for item, course in zip(decisions, courses):
        item["contrast"] = by_number.get(item["number"])
        item["time_course"] = course
        for citation in item["citations"]:
            cited.setdefault(citation["key"], citation)
    errors = [c.error for c in session.calibrations]
    notices = [{**asdict(n), "correct": n.correct, "answer_words": noticing.meaning(n.answer, scenario),
                "truth_words": " and ".join(noticing.meaning(t, scenario) for t in n.truths)}
               for n in session.notices]
    duties = [{"id": duty.id, "text": duty.text.get_text(lang), "arose": arose, "met": met,
               "failed": arose and not met} for duty, arose, met in duty_outcomes(scenario, state)]
    scene = scenario.scenes[state.scene]
    ending = None
    if scene.ending is not None:
        ending = {"type": scene.ending.type, "title": scene.ending.title.get_text(lang), "scene": scene.id}
    trajectory = [asdict(p) for p in session.trajectory]
    return Debrief(
        scenario_id=scenario.id, title=scenario.title.get_text(lang), ending=ending, final_score=state.score,
        start_score=session.trajectory[0].score, trajectory=trajectory, decisions=decisions, ruptures=ruptures,
        calibrations=calibrations, calibration_error=round(sum(errors) / len(errors), 1) if errors else None,
        calibration=calibration_summary(calibrations),
        notices=notices,
        notice_accuracy=round(sum(n.correct for n in session.notices) / len(session.notices), 2)
        if session.notices else None,
        duties=duties, child_safety_start=session.trajectory[0].child_safety,
        child_safety_end=float(state.variables[CHILD_SAFETY]), bordin=session.hidden().bordin,
        categories=categories, version=__version__, takebacks=[dict(t) for t in session.takebacks],
        first_attempt=[{"decision": n, "score": score} for n, score in sorted(session.first_attempt.items())]
        if session.takebacks else [],
        key_decisions=[c["number"] for c in contrasted["decisions"] if c["key"]],
        lasted=[c["number"] for c in courses if notable(c)],
        references=[cited[key] for key in sorted(cited)], contrast_problem=contrasted["problem"],
        handovers=handovers(session),
    )
