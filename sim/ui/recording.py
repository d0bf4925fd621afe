"""The record of a session, for both front ends: the JSONL log and the learning record (xAPI, via the outbox).

``SessionRecorder`` is the listener a front end gives its ``Session``. The log
starts with a header saying who played, in which mode, with which seed,
program version and scenario digest; each record the session emits is
completed from the scenario (the words of the choice, its tensions, the
options offered: ``describe_choice``), written to the log, turned into xAPI
statements and stored in the outbox, and the courier is woken to send them.
When the case ends, an ``outcome`` record (the ending, the duties, the final
alliance: ``sim.analysis.outcome``) is added. A log or an outbox that cannot be
written never stops play: ``problem`` says what went wrong.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import sim
from sim.analysis.outcome import outcome_record
from sim.records.log import SessionLog
from sim.errors import OutboxError
from sim.records.outbox import Courier, Outbox
from sim.records.profile import Learner, LrsConfig
from sim.records.xapi import StatementBuilder
from sim.i18n import _, language as current_language
from sim.scenario.model import Scenario


def describe_choice(scenario: Scenario, record: dict, language: str | None = None) -> dict:
    """What a choice record leaves to the scenario: the words, the tensions, the phase and every option."""
    scene = scenario.scenes.get(record.get("scene"))
    if scene is None:
        return {}
    catalogue = scenario.catalogue
    chosen = next((c for c in scene.choices if c.id == record.get("choice")), None)
    options = [{"id": c.id, "text": c.text.get_text(language), "strategy": c.strategy,
                "category": catalogue.strategies[c.strategy].category if c.strategy in catalogue.strategies else ""}
               for c in scene.choices]
    extra = {"phase": scene.phase, "options": options}
    if chosen is not None:
        extra["choice_text"] = chosen.text.get_text(language)
        extra["tensions"] = list(dict.fromkeys(scene.tensions + chosen.tensions))
    return extra


class SessionRecorder:
    def __init__(self, scenario: Scenario, learner: Learner, mode: str, front_end: str, seed: int,
                 config: LrsConfig | None = None, *, registration: str | None = None, attempt: int = 0,
                 actions: int = 0, resumed: bool = False, language: str | None = None, log_dir: Path | None = None,
                 outbox: Path | None = None, courier: Courier | None = None):
        config = config or LrsConfig()
        self.scenario = scenario
        self.learner = learner
        self.language = language or current_language()
        self.registration = registration or str(uuid.uuid4())
        self.attempt = attempt
        self.courier = courier
        self.session = None
        self.problem = ""
        self.queued = 0
        self.header = {"type": "session", "registration": self.registration, "log_id": str(uuid.uuid4()),
                       "learner": learner.name, "account": learner.account, "mode": mode, "front_end": front_end,
                       "seed": seed, "version": sim.__version__, "scenario": scenario.id,
                       "title": scenario.title.get_text(language), "digest": scenario.digest, "language": language,
                       "attempt": attempt, "actions": actions, "resumed": resumed}
        self.builder = StatementBuilder(config.hidden_numbers)
        self.builder.feed(self.header)
        try:
            self.log = SessionLog.new(scenario.id, log_dir, self.header)
        except OSError as exc:
            self.log = None
            self.problem = _("No session log could be written ({problem}).").format(problem=exc.strerror or exc)
        self._outbox_path = outbox
        self._outbox = None
        self._pending_outcome = False

    @classmethod
    def resuming(cls, session, extra: dict, learner: Learner, mode: str, front_end: str,
                 config: LrsConfig | None = None, **options) -> "SessionRecorder":
        """The recorder of a resumed session: the same registration, learner and attempt as the save's
        ``extra`` says (``learner`` only for a save made before they were kept), listening from now on."""
        extra = extra if isinstance(extra, dict) else {}
        saved = extra.get("learner")
        if isinstance(saved, dict) and isinstance(saved.get("account"), str) and saved["account"]:
            learner = Learner(str(saved.get("name") or ""), saved["account"])
        registration = extra.get("registration") if isinstance(extra.get("registration"), str) else None
        attempt = extra.get("attempt") if isinstance(extra.get("attempt"), int) else 0
        recorder = cls(session.scenario, learner, mode, front_end, session.seed, config, registration=registration,
                       attempt=attempt, actions=len(session.actions), resumed=True, language=session.language,
                       **options)
        session.listener = recorder
        recorder.attach(session)
        recorder({"type": "resume", "scenario": session.scenario.id, "seed": session.seed,
                  "actions": len(session.actions), "mode": mode})
        return recorder

    def save_extra(self) -> dict:
        """What a save keeps so that a resumed session goes on in the same learning record."""
        return {"registration": self.registration, "attempt": self.attempt,
                "learner": {"name": self.learner.name, "account": self.learner.account}}

    @property
    def log_path(self) -> Path | None:
        return self.log.path if self.log is not None else None

    def attach(self, session) -> None:
        """The session this recorder listens to (needed for the outcome when the case ends)."""
        self.session = session
        if self._pending_outcome:
            self._pending_outcome = False
            self(outcome_record(session))

    def __call__(self, record: dict) -> None:
        if record.get("type") == "choice":
            record = {**record, **describe_choice(self.scenario, record, self.language)}
        elif record.get("type") == "rewind":
            self.attempt += 1
        written = self._write(record)
        self._queue(self.builder.feed(written))
        if record.get("type") == "ending":
            if self.session is None:
                self._pending_outcome = True  # the case began at an ending: wait for attach()
            else:
                self(outcome_record(self.session))

    def _write(self, record: dict) -> dict:
        if self.log is not None:
            try:
                return self.log.write(record)
            except (OSError, ValueError) as exc:
                self.problem = _("The session log could not be written ({problem}).").format(
                    problem=getattr(exc, "strerror", None) or exc)
        return {"t": round(time.time(), 3), **record}

    def _queue(self, statements: list[dict]) -> None:
        if not statements:
            return
        try:
            if self._outbox is None:
                self._outbox = Outbox(self._outbox_path)
                if self._outbox.moved_aside is not None:  # a damaged outbox: the new one takes the statements
                    self.problem = _("The outbox of learning records was damaged: it was moved aside as {file}, "
                                     "and a new one holds this session.").format(file=self._outbox.moved_aside.name)
            self._outbox.add(statements)
            self.queued += len(statements)
        except OutboxError as exc:
            self.problem = _("The learning record could not be stored: {problem}").format(problem=exc)
            return
        if self.courier is not None:
            self.courier.wake()

    def close(self) -> None:
        if self.log is not None:
            self.log.close()
        if self._outbox is not None:
            self._outbox.close()
            self._outbox = None


def start_courier(config: LrsConfig | None) -> Courier | None:
    """A running courier for the configured LRS, or None when there is none."""
    if config is None or not config.configured:
        return None
    return Courier(config).start()
