"""One case in play in the window: the session, the mode, the session log and the autosave.

Every decision and every answer is saved at once (atomically) to
``data_dir()/saves/autosave.json``, so closing the window, or a crash, loses
nothing; ``Case.resume`` replays the saved actions into the same session.
"""

from __future__ import annotations

from pathlib import Path

from sim.engine.session import Session, fresh_seed
from sim.errors import ActionError, ModeError, SaveError
from sim.records.log import data_dir
from sim.records.profile import Learner, LrsConfig, learner_for_play
from sim.records.saves import read_save, resume, save_session
from sim.errors import ScenarioError
from sim.engine.cases import open_case
from sim.scenario.problems import ERROR
from sim.ui.recording import SessionRecorder

from sim.ui.window.modes import MODES


class CaseError(SaveError):
    """A saved case that cannot be resumed; the message is for the learner."""


def autosave_path() -> Path:
    return data_dir() / "saves" / "autosave.json"


class Case:
    def __init__(self, session: Session, mode: str, scenario_path: str, recorder: SessionRecorder | None = None):
        if mode not in MODES:
            raise ModeError(f"unknown mode {mode!r}")
        self.session = session
        self.mode = mode
        self.scenario_path = scenario_path
        self.recorder = recorder
        self.save_problem = ""
        self.discussed: set[str] = set()  # phases whose discussion pause was shown (facilitator mode)

    @classmethod
    def start(cls, scenario, mode: str, seed: int | None = None, learner: Learner | None = None,
              config: LrsConfig | None = None, courier=None) -> "Case":
        """A new case; with no seed, a fresh one (the save and the log keep it). Its log and learning record
        name ``learner`` (the remembered one, or anonymous, when None)."""
        if mode not in MODES:
            raise ModeError(f"unknown mode {mode!r}")
        seed = fresh_seed() if seed is None else seed
        recorder = SessionRecorder(scenario, learner or learner_for_play(), mode, "window", seed, config,
                                   courier=courier)
        session = Session(scenario, seed, listener=recorder)
        recorder.attach(session)
        case = cls(session, mode, str(Path(scenario.path).resolve()), recorder)
        case.save()
        return case

    @classmethod
    def resume(cls, path: Path | None = None, learner: Learner | None = None, config: LrsConfig | None = None,
               courier=None) -> "Case":
        """The autosaved case, replayed to where it was left. Raises CaseError; never changes the file."""
        path = Path(path) if path else autosave_path()
        try:
            data = read_save(path)
        except SaveError as exc:
            raise CaseError(str(exc)) from None
        extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
        mode = extra.get("mode") if extra.get("mode") in MODES else "practice"
        scenario_path = extra.get("scenario_path") or data.get("scenario_path")
        if not isinstance(scenario_path, str) or not scenario_path:
            raise CaseError(f"{path}: the save does not say which scenario file it belongs to; it was left as it is")
        if not Path(scenario_path).exists():
            raise CaseError(f"The saved case's scenario file is gone ({scenario_path}); the save was left as it is.")
        try:
            scenario, _warnings = open_case(scenario_path)
        except ScenarioError as exc:
            first = next((p for p in exc.problems if p.severity == ERROR), None)
            raise CaseError(f"The saved case's scenario now has errors ({first.format() if first else scenario_path});"
                            " the save was left as it is.")
        try:
            session, _ = resume(path, scenario)
        except SaveError as exc:
            raise CaseError(str(exc)) from None
        recorder = SessionRecorder.resuming(session, extra, learner or learner_for_play(), mode, "window", config,
                                            courier=courier)
        return cls(session, mode, scenario_path, recorder)

    # ----- reading -----

    @property
    def scenario(self):
        return self.session.scenario

    @property
    def rewind_allowed(self) -> bool:
        return self.mode != "assessment"

    @property
    def shows_hidden(self) -> bool:
        return self.mode == "facilitator"

    @property
    def is_over(self) -> bool:
        return self.session.is_over

    def view(self):
        return self.session.view()

    def hidden(self):
        """The hidden alliance: facilitator mode only while the case runs (the debrief builds its own)."""
        if not self.shows_hidden:
            raise ModeError("the hidden alliance is shown only in facilitator mode and the debrief")
        return self.session.hidden()

    @property
    def log_path(self) -> Path | None:
        return self.recorder.log_path if self.recorder is not None else None

    @property
    def record_problem(self) -> str:
        return self.recorder.problem if self.recorder is not None else ""

    # ----- acting -----

    def choose(self, choice_id: int) -> None:
        self.session.choose(choice_id)
        self.save()

    def answer(self, value) -> None:
        self.session.answer(value)
        self.save()

    def rewind(self, decision: int) -> None:
        """Go back to just before ``decision`` (1-based) was taken. Not in assessment mode."""
        if not self.rewind_allowed:
            raise ActionError("going back is not allowed in assessment mode")
        session = self.session.rewound(decision)
        session.listener = self.recorder
        if self.recorder is not None:
            self.recorder({"type": "rewind", "to_decision": decision, "actions": len(session.actions),
                           "undone": session.takebacks[-1]["undone"], "takebacks": len(session.takebacks)})
            self.recorder.attach(session)
        self.session = session
        self.save()

    def take_back(self) -> bool:
        """Undo the last decision (and the answers after it). False when there is none."""
        if not self.rewind_allowed or self.session.decision_count == 0:
            return False
        self.rewind(self.session.decision_count)
        return True

    def save(self) -> None:
        extra = {"mode": self.mode, "scenario_path": self.scenario_path}
        if self.recorder is not None:  # so that a resumed case goes on in the same learning record
            extra.update(self.recorder.save_extra())
        try:
            save_session(self.session, autosave_path(), extra)
            self.save_problem = ""
        except OSError as exc:
            self.save_problem = f"Your progress could not be saved ({exc.strerror or exc})."

    def close(self) -> None:
        if self.recorder is not None:
            self.recorder.close()
