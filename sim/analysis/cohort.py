"""A class at a glance: sessions rebuilt from xAPI statements, and what the cohort did in each case.

The report reads statements only, whether they come from session logs on
this computer (turned into statements by ``sim.records.xapi``, with every
hidden number) or from an LRS; a log and the LRS give the same statement ids,
so reading both counts each statement once. Hidden numbers that a course left
out of its statements are simply missing (``None``) here.

In practice mode a learner can take choices back. Statements are never
withdrawn; each carries its ``attempt`` and ``step`` (the learner's action
number), and a statement of a later attempt replaces what earlier attempts
recorded from the same step on. So a session is the path the learner ended on.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sim.engine.noticing import KINDS, NONE
from sim.records.xapi import EXT, extension, is_ours, statements_from_log, verb_name
from sim.scenario.model import PHASES

ACTION_VERBS = ("selected", "answered", "completed")
ORDER = {"initialized": 0, "resumed": 0, "selected": 1, "answered": 1, "completed": 2}


@dataclass
class Decision:
    number: int
    phase: str
    scene: str
    choice: str
    text: str
    strategy: str
    category: str
    tensions: list
    before: float | None
    after: float | None
    timestamp: str


@dataclass
class CohortSession:
    registration: str
    learner: str        # the name, or the anonymous account id
    account: str
    scenario: str
    title: str
    mode: str = ""
    seed: int | None = None
    version: str = ""
    digest: str = ""
    started: str = ""
    decisions: list = field(default_factory=list)      # [Decision]
    calibrations: list = field(default_factory=list)   # [(phase, estimate, actual, signed error)], None if left out
    notices: list = field(default_factory=list)        # [(decision, answer, right answers)]
    outcome: dict | None = None                        # {"type", "title", "every_duty_met", "duties", "final"}
    options: dict = field(default_factory=dict)        # scene -> [(option id, text, category)]

    @property
    def trajectory(self) -> list[tuple[int, float]]:
        """(decision, alliance) from the start; empty when the statements leave the alliance out.

        The alliance after a decision is where the next one started (so the events that followed it count,
        charged to themselves in the statements), and after the last one, the final alliance."""
        if not self.decisions or self.decisions[0].before is None:
            return []
        points = [(0, self.decisions[0].before)]
        for decision, following in zip(self.decisions, self.decisions[1:]):
            points.append((decision.number, following.before))
        final = (self.outcome or {}).get("final")
        last = self.decisions[-1]
        points.append((last.number, final if final is not None else last.after))
        return [(d, v) for d, v in points if v is not None]

    @property
    def calibration_errors(self) -> list[tuple[str, float]]:
        return [(phase, error) for phase, _, _, error in self.calibrations if error is not None]


def _context(statement: dict, name: str):
    return extension(statement, name, "context")


def _key(statement: dict):
    step = _context(statement, "step")
    return (_context(statement, "attempt") or 0, -1 if step is None else step, ORDER.get(verb_name(statement), 1),
            statement.get("timestamp", ""))


def final_path(statements: list[dict]) -> list[dict]:
    """One session's statements on the path it ended on (see the module docstring)."""
    kept: list[dict] = []
    attempt = 0
    for statement in sorted(statements, key=_key):
        verb = verb_name(statement)
        current = _context(statement, "attempt") or 0
        if verb in ACTION_VERBS and current > attempt:
            step = _context(statement, "step") or 0
            kept = [s for s in kept if verb_name(s) not in ACTION_VERBS or (_context(s, "step") or 0) < step]
            attempt = current
        kept.append(statement)
    return kept


def sessions_from_statements(statements) -> list[CohortSession]:
    """Sessions (one per registration) from any mix of statements; others' statements are left out."""
    unique = {s["id"]: s for s in statements if isinstance(s, dict) and s.get("id") and is_ours(s)}
    by_registration: dict[str, list[dict]] = defaultdict(list)
    for statement in unique.values():
        registration = (statement.get("context") or {}).get("registration")
        if registration:
            by_registration[registration].append(statement)
    sessions = [_session(registration, final_path(group)) for registration, group in by_registration.items()]
    return sorted(sessions, key=lambda s: (s.scenario, s.started, s.learner))


def _session(registration: str, statements: list[dict]) -> CohortSession:
    first = statements[0]
    actor = first.get("actor") or {}
    account = str((actor.get("account") or {}).get("name", ""))
    parent = (first.get("context") or {}).get("contextActivities", {}).get("parent") or [first["object"]]
    case = parent[0]
    scenario = case["id"].rsplit("/", 1)[-1]
    title = next(iter(((case.get("definition") or {}).get("name") or {}).values()), scenario)
    session = CohortSession(registration, str(actor.get("name") or account), account, scenario, title,
                            mode=str(_context(first, "mode") or ""), seed=_context(first, "seed"),
                            version=str(_context(first, "program-version") or ""),
                            digest=str(_context(first, "scenario-digest") or ""),
                            started=min(s.get("timestamp", "") for s in statements))
    for statement in statements:
        verb, obj = verb_name(statement), statement.get("object") or {}
        kind = (obj.get("definition") or {}).get("type", "")
        if verb == "selected" and kind.endswith("/dialog-tree"):
            session.decisions.append(_decision(statement))
            scene = obj["id"].rsplit("/", 1)[-1]
            categories = ((obj.get("definition") or {}).get("extensions") or {}).get(EXT["option-categories"], {})
            choices = (obj.get("definition") or {}).get("choices") or []
            if choices:
                session.options[scene] = [(c["id"], next(iter(c.get("description", {}).values()), ""),
                                           categories.get(c["id"], "")) for c in choices]
        elif verb == "selected":
            result = statement.get("result") or {}
            session.notices.append((extension(statement, "decision"), result.get("response"),
                                    extension(statement, "notice-truth")))
        elif verb == "answered":
            session.calibrations.append((extension(statement, "phase"), extension(statement, "estimate"),
                                         extension(statement, "alliance-actual"),
                                         extension(statement, "calibration-error")))
        elif verb == "completed":
            ending = extension(statement, "ending") or {}
            session.outcome = {"type": ending.get("type"), "title": ending.get("title") or ending.get("type"),
                               "every_duty_met": extension(statement, "every-duty-met"),
                               "duties": extension(statement, "duties") or [],
                               "final": extension(statement, "alliance-final")}
    session.decisions.sort(key=lambda d: d.number)
    return session


def _decision(statement: dict) -> Decision:
    obj, result = statement["object"], statement.get("result") or {}
    return Decision(extension(statement, "decision") or 0, extension(statement, "phase") or "",
                    obj["id"].rsplit("/", 1)[-1], str(result.get("response", "")),
                    extension(statement, "choice-text") or "", extension(statement, "strategy") or "",
                    extension(statement, "category") or "", extension(statement, "tensions") or [],
                    extension(statement, "alliance-before"), extension(statement, "alliance-after"),
                    statement.get("timestamp", ""))


# ----- reading logs -----

def statements_from_logs(folders) -> tuple[list[dict], int]:
    """Every statement the session logs in these folders give, and how many logs had no learner header."""
    statements: list[dict] = []
    skipped = 0
    for folder in folders:
        folder = Path(folder)
        paths = sorted(folder.glob("*.jsonl")) if folder.is_dir() else [folder]
        for path in paths:
            found = statements_from_log(path)
            skipped += not found
            statements.extend(found)
    return statements, skipped


# ----- the cohort, case by case -----

@dataclass
class CaseCohort:
    scenario: str
    title: str
    sessions: list
    scenes: list                  # [(scene, phase, [(option id, text, category, count)], reached)]
    trajectories: list            # [(learner, [(decision, alliance)])]
    band: list                    # [(decision, q1, median, q3, n)] where at least 3 sessions got that far
    calibration: dict             # phase -> [(learner, signed error)]
    noticing: dict                # truth -> (right, asked)
    duties: dict                  # duty id -> {"met", "failed", "not_arisen"}
    every_duty: Counter           # "met" / "failed" / "none arose" / "unfinished"
    endings: Counter              # (type, title) -> sessions; ("unfinished", "Not finished") included


def quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def build_case(sessions: list[CohortSession]) -> CaseCohort:
    first = sessions[0]
    counts: dict[str, Counter] = defaultdict(Counter)
    reach: dict[str, list[int]] = defaultdict(list)
    phase_of: dict[str, str] = {}
    chosen: dict[str, dict] = defaultdict(dict)
    options: dict[str, list] = {}
    for session in sessions:
        for decision in session.decisions:
            counts[decision.scene][decision.choice] += 1
            reach[decision.scene].append(decision.number)
            phase_of.setdefault(decision.scene, decision.phase)
            chosen[decision.scene][decision.choice] = (decision.text, decision.category)
        for scene, offered in session.options.items():  # every option of the scene, chosen or not
            if len(offered) > len(options.get(scene, [])):
                options[scene] = list(offered)
    for scene in counts:
        listed = options.setdefault(scene, [])
        ids = {o[0] for o in listed}
        listed += [(c, text, category) for c, (text, category) in chosen[scene].items() if c not in ids]
    phase_rank = {p: i for i, p in enumerate(PHASES)}
    order = sorted(counts, key=lambda s: (phase_rank.get(phase_of[s], 9), statistics.median(reach[s]), s))
    scenes = [(s, phase_of[s], [(o, text, category, counts[s][o]) for o, text, category in options[s]],
               sum(counts[s].values())) for s in order]
    trajectories = [(s.learner, s.trajectory) for s in sessions if s.trajectory]
    by_decision: dict[int, list[float]] = defaultdict(list)
    for _, points in trajectories:
        for decision, score in points:
            by_decision[decision].append(score)
    band = [(d, *quartiles(v), len(v)) for d, v in sorted(by_decision.items()) if len(v) >= 3]
    calibration: dict[str, list] = {p: [] for p in PHASES}
    noticing: dict[str, list[int]] = {t: [0, 0] for t in (*KINDS, NONE)}
    duties: dict[str, Counter] = defaultdict(Counter)
    every, endings = Counter(), Counter()
    for session in sessions:
        for phase, error in session.calibration_errors:
            calibration.setdefault(phase, []).append((session.learner, error))
        for _, answer, truths in session.notices:
            kind = truths[0].partition(":")[0] if truths else None
            if kind in noticing:
                noticing[kind][1] += 1
                noticing[kind][0] += answer in truths
        outcome = session.outcome
        if outcome is None:
            every["unfinished"] += 1
            endings[("unfinished", "Not finished")] += 1
            continue
        endings[(outcome["type"], outcome["title"])] += 1
        arose = [d for d in outcome["duties"] if d.get("arose")]
        every["none arose" if not arose else ("met" if all(d.get("met") for d in arose) else "failed")] += 1
        for duty in outcome["duties"]:
            duties[duty["id"]]["met" if duty.get("met") else ("failed" if duty.get("arose") else "not_arisen")] += 1
    return CaseCohort(first.scenario, first.title, sessions, scenes, trajectories, band,
                      {p: v for p, v in calibration.items() if v}, {t: tuple(v) for t, v in noticing.items()},
                      dict(duties), every, endings)


def build_cohort(sessions: list[CohortSession]) -> list[CaseCohort]:
    by_case: dict[str, list] = defaultdict(list)
    for session in sessions:
        by_case[session.scenario].append(session)
    return [build_case(group) for _, group in sorted(by_case.items())]


# ----- one row per learner, one row per decision -----

def learner_rows(sessions: list[CohortSession]) -> list[dict]:
    """One row per learner: her sessions, endings, alliance, calibration, noticing and duties."""
    by_learner: dict[str, list] = defaultdict(list)
    for session in sessions:
        by_learner[session.account].append(session)
    rows = []
    for account, group in sorted(by_learner.items(), key=lambda kv: kv[1][0].learner.lower()):
        finished = [s for s in group if s.outcome is not None]
        finals = [s.outcome["final"] for s in finished if s.outcome.get("final") is not None]
        errors = [e for s in group for _, e in s.calibration_errors]
        notices = [(a, t) for s in group for _, a, t in s.notices if t]
        duty_sessions = [s for s in finished if any(d.get("arose") for d in s.outcome["duties"])]
        rows.append({
            "learner": group[0].learner, "account": account, "sessions": len(group),
            "cases": sorted({s.title for s in group}), "modes": sorted({s.mode for s in group if s.mode}),
            "decisions": sum(len(s.decisions) for s in group),
            "endings": [s.outcome["title"] for s in finished] + ["not finished"] * (len(group) - len(finished)),
            "final_alliance": round(statistics.mean(finals), 1) if finals else None,
            "calibration_error": round(statistics.mean(errors), 1) if errors else None,
            "calibration_distance": round(statistics.mean(abs(e) for e in errors), 1) if errors else None,
            "noticing": (sum(a in t for a, t in notices), len(notices)),
            "duties": (sum(1 for s in duty_sessions if s.outcome["every_duty_met"]), len(duty_sessions)),
        })
    return rows


CSV_FIELDS = ("learner", "account", "registration", "scenario", "mode", "seed", "version", "decision", "phase",
              "scene", "choice", "choice_text", "strategy", "category", "tensions", "alliance_before",
              "alliance_after", "timestamp")


def decision_rows(sessions: list[CohortSession]) -> list[dict]:
    """One row per decision, for a spreadsheet."""
    rows = []
    for s in sessions:
        for d in s.decisions:
            rows.append({"learner": s.learner, "account": s.account, "registration": s.registration,
                         "scenario": s.scenario, "mode": s.mode, "seed": s.seed, "version": s.version,
                         "decision": d.number, "phase": d.phase, "scene": d.scene, "choice": d.choice,
                         "choice_text": d.text, "strategy": d.strategy, "category": d.category,
                         "tensions": ";".join(d.tensions), "alliance_before": d.before, "alliance_after": d.after,
                         "timestamp": d.timestamp})
    return rows
