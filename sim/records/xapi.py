"""xAPI statements from session log records, following the serious-games profile.

``StatementBuilder`` reads the records of one session log (the header the
recorder writes, then what the session emits) in order and turns them into
xAPI 1.0.3 statements: ``initialized`` at the start, ``selected`` for each
decision (a ``dialog-tree`` activity, ``result.response`` the choice id), the
notice answers (``selected`` on a question) and calibration estimates
(``answered``), and ``completed`` with the ending and the duties. It reads only
log records, never the engine, so a live session and a log read back later
give the very same statements: every id is derived from the session's
registration and the statement's place in it (``attempt``, ``step``), so sending
a statement twice cannot make two. The IRIs are documented in docs/xapi.md.

The mapping from a log record to a statement is ``StatementBuilder.feed``;
what a choice record must carry is in ``choice_fields``.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timezone
from pathlib import Path

from sim.engine import noticing

XAPI_VERSION = "1.0.3"
PROJECT = "https://w3id.org/alliance-sim"
CASES = f"{PROJECT}/cases"                   # activities: one per case, its scenes, its questions
EXTENSION = f"{PROJECT}/xapi/extensions/"    # the project's own extensions (docs/xapi.md)
LEARNERS = f"{PROJECT}/learners"             # the homePage of learners' accounts
SERIOUS_GAMES = "https://w3id.org/xapi/seriousgames"
PROFILE_TYPE = "http://adlnet.gov/expapi/activities/profile"

VERBS = {
    "initialized": "http://adlnet.gov/expapi/verbs/initialized",
    "resumed": "http://adlnet.gov/expapi/verbs/resumed",
    "selected": "https://w3id.org/xapi/adb/verbs/selected",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
}
VERB_NAMES = {iri: name for name, iri in VERBS.items()}
SERIOUS_GAME = f"{SERIOUS_GAMES}/activity-types/serious-game"
DIALOG_TREE = f"{SERIOUS_GAMES}/activity-types/dialog-tree"
QUESTION = "http://adlnet.gov/expapi/activities/question"

EXTENSIONS = ("mode", "seed", "program-version", "scenario-digest", "front-end", "attempt", "step", "decision",
              "phase", "strategy", "category", "tensions", "choice-text", "option-categories", "alliance-before",
              "alliance-after", "alliance-final", "estimate", "alliance-actual", "calibration-error",
              "notice-truth", "ending", "duties", "every-duty-met")
EXT = {name: EXTENSION + name for name in EXTENSIONS}
HIDDEN = ("alliance-before", "alliance-after", "alliance-final", "alliance-actual", "calibration-error")
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, PROJECT)
# The kinds of answer (with several caregivers each but "none" also names who: "warming:luis").
NOTICE_OPTIONS = tuple((kind, noticing.MEANINGS[kind]) for kind in (*noticing.KINDS, noticing.NONE))


def statement_id(registration: str, key: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{registration}/{key}"))


def timestamp(seconds: float | None) -> str:
    moment = datetime.fromtimestamp(seconds, timezone.utc) if seconds is not None else datetime.now(timezone.utc)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def choice_fields(record: dict) -> dict:
    """What a ``choice`` log record says about the decision, in one place (the log's shape may change)."""
    return {
        "decision": record["decision"], "scene": record["scene"], "phase": record.get("phase", ""),
        "choice": str(record["choice"]), "text": record.get("choice_text", ""),
        "strategy": record.get("strategy", ""), "category": record.get("category", ""),
        "tensions": list(record.get("tensions", [])), "options": list(record.get("options", [])),
        "before": _figure(record.get("score_before")), "after": _figure(record.get("score_after")),
    }


class StatementBuilder:
    """Turns the records of one session log, fed in order, into xAPI statements."""

    def __init__(self, include_hidden: bool = True):
        self.include_hidden = include_hidden
        self.header: dict | None = None
        self.attempt = 0
        self.step = 0

    # ----- the mapping -----

    def feed(self, record: dict) -> list[dict]:
        kind = record.get("type")
        if kind == "session":
            self.header = record
            self.attempt = int(record.get("attempt", 0))
            self.step = int(record.get("actions", 0))
            return []
        if self.header is None:
            return []  # a log written before learners were recorded: nothing to say who played
        if kind == "start":
            return [self._statement("initialized", "initialized", record, self._case())]
        if kind == "resume":
            return [self._statement("resumed", f"resumed/{self.header.get('log_id', '')}", record, self._case())]
        if kind == "rewind":
            self.attempt += 1
            self.step = int(record.get("actions", 0))
            return []
        if kind in ("choice", "notice", "calibration"):
            step, self.step = self.step, self.step + 1
            return [getattr(self, f"_{kind}")(record, step)]
        if kind == "outcome":
            return [self._outcome(record, max(0, self.step - 1))]
        return []

    def _choice(self, record: dict, step: int) -> dict:
        c = choice_fields(record)
        activity = self._activity(f"{CASES}/{self._scenario()}/scenes/{c['scene']}", DIALOG_TREE,
                                  f"{self._title()}: scene {c['scene']}")
        if c["options"]:
            activity["definition"]["interactionType"] = "choice"
            activity["definition"]["choices"] = [{"id": str(o["id"]), "description": {self._lang(): o["text"]}}
                                                 for o in c["options"]]
            activity["definition"]["extensions"] = {EXT["option-categories"]: {
                str(o["id"]): o.get("category", "") for o in c["options"]}}
        extensions = {EXT["decision"]: c["decision"], EXT["phase"]: c["phase"], EXT["choice-text"]: c["text"],
                      EXT["strategy"]: c["strategy"], EXT["category"]: c["category"], EXT["tensions"]: c["tensions"],
                      EXT["alliance-before"]: c["before"], EXT["alliance-after"]: c["after"]}
        result = {"response": c["choice"], "extensions": self._visible(extensions)}
        return self._statement("selected", f"{self.attempt}/{step}/selected", record, activity, result, step)

    def _notice(self, record: dict, step: int) -> dict:
        activity = self._activity(f"{CASES}/{self._scenario()}/notice", QUESTION,
                                  f"{self._title()}: what do you notice?")
        activity["definition"]["interactionType"] = "choice"
        activity["definition"]["choices"] = [{"id": value, "description": {"en": words}}
                                             for value, words in NOTICE_OPTIONS]
        answer, truths = record["answer"], record.get("truths")
        result = {"response": answer, "extensions": {EXT["decision"]: record.get("decision"),
                                                     EXT["notice-truth"]: truths}}
        if truths is not None:
            result["success"] = answer in truths
        return self._statement("selected", f"{self.attempt}/{step}/noticed", record, activity, result, step)

    def _calibration(self, record: dict, step: int) -> dict:
        phase = record.get("phase", "")
        activity = self._activity(f"{CASES}/{self._scenario()}/calibration/{phase}", QUESTION,
                                  f"{self._title()}: the alliance at the end of the {phase} phase")
        activity["definition"]["interactionType"] = "numeric"
        estimate, truth = record["estimate"], record.get("truth")
        extensions = {EXT["phase"]: phase, EXT["estimate"]: estimate, EXT["alliance-actual"]: _figure(truth),
                      EXT["calibration-error"]: round(estimate - truth, 1) if truth is not None else None}
        result = {"response": _number_text(estimate), "extensions": self._visible(extensions)}
        return self._statement("answered", f"{self.attempt}/{step}/answered", record, activity, result, step)

    def _outcome(self, record: dict, step: int) -> dict:
        duties = [{"id": d["id"], "arose": bool(d["arose"]), "met": bool(d["met"])} for d in record.get("duties", [])]
        every = all(d["met"] for d in duties if d["arose"])
        extensions = {EXT["ending"]: {"type": record.get("ending"), "title": record.get("ending_title", ""),
                                      "scene": record.get("scene")},
                      EXT["duties"]: duties, EXT["every-duty-met"]: every,
                      EXT["decision"]: record.get("decisions"), EXT["alliance-final"]: _figure(record.get("score"))}
        result = {"completion": True, "success": every, "extensions": self._visible(extensions)}
        return self._statement("completed", f"{self.attempt}/{step}/completed", record, self._case(), result, step)

    # ----- the parts every statement shares -----

    def _statement(self, verb: str, key: str, record: dict, activity: dict, result: dict | None = None,
                   step: int | None = None) -> dict:
        header = self.header
        registration = header["registration"]
        actor = {"objectType": "Agent", "account": {"homePage": LEARNERS, "name": header["account"]}}
        if header.get("learner"):
            actor["name"] = header["learner"]
        extensions = {EXT["mode"]: header.get("mode"), EXT["seed"]: header.get("seed"),
                      EXT["program-version"]: header.get("version"), EXT["scenario-digest"]: header.get("digest"),
                      EXT["front-end"]: header.get("front_end"), EXT["attempt"]: self.attempt}
        if step is not None:
            extensions[EXT["step"]] = step
        context = {"registration": registration, "platform": "Alliance", "language": self._lang(),
                   "contextActivities": {"category": [{"id": SERIOUS_GAMES, "objectType": "Activity",
                                                       "definition": {"type": PROFILE_TYPE}}]},
                   "extensions": extensions}
        if activity["id"] != self._case()["id"]:
            context["contextActivities"]["parent"] = [self._case()]
        statement = {"id": statement_id(registration, key), "actor": actor,
                     "verb": {"id": VERBS[verb], "display": {"en-US": verb}}, "object": activity,
                     "context": context, "timestamp": timestamp(record.get("t")), "version": XAPI_VERSION}
        if result is not None:
            statement["result"] = result
        return statement

    def _visible(self, extensions: dict) -> dict:
        hidden = {EXT[name] for name in HIDDEN} if not self.include_hidden else set()
        return {k: v for k, v in extensions.items() if k not in hidden and v is not None}

    def _case(self) -> dict:
        return self._activity(f"{CASES}/{self._scenario()}", SERIOUS_GAME, self._title())

    def _activity(self, iri: str, kind: str, name: str) -> dict:
        return {"objectType": "Activity", "id": iri, "definition": {"type": kind, "name": {self._lang(): name}}}

    def _scenario(self) -> str:
        return str(self.header.get("scenario"))

    def _title(self) -> str:
        return str(self.header.get("title") or self._scenario())

    def _lang(self) -> str:
        return str(self.header.get("language") or "en")


def _figure(value):
    """A hidden figure as sent: two decimals are more than the model means."""
    return round(float(value), 2) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


def _number_text(value) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def statements_from_records(records, include_hidden: bool = True) -> list[dict]:
    builder = StatementBuilder(include_hidden)
    return [statement for record in records for statement in builder.feed(record)]


def statements_from_log(path: Path, include_hidden: bool = True) -> list[dict]:
    """The statements one session log gives (none for a log without a session header)."""
    from sim.records.log import read_log

    return statements_from_records(read_log(path), include_hidden)


def extension(statement: dict, name: str, where: str = "result"):
    """One of the project's extensions from a statement's result or context (None when absent)."""
    part = statement.get(where) or {}
    return (part.get("extensions") or {}).get(EXT[name])


def verb_name(statement: dict) -> str:
    return VERB_NAMES.get((statement.get("verb") or {}).get("id", ""), "")


def is_ours(statement: dict) -> bool:
    """A statement about one of this program's cases (an LRS holds others too)."""
    object_id = str((statement.get("object") or {}).get("id", ""))
    return object_id.startswith(CASES + "/")
