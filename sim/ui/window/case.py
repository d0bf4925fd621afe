"""One case in play in the window: the session, the mode, the session log and the save.

Every decision and every answer is saved at once (atomically) to the case's
slot (one per case and mode, one record per assessment attempt: see
``slots.py``), so closing the window, or a crash, loses nothing;
``Case.resume`` replays the saved actions into the same session. The session
log's header names the mode and the learner (``sim.ui.recording``).

While a case is open its save is locked (``sim.records.lock``): a second
window (or any other copy of the program) that tries to open the same save is
told the case is open elsewhere (``CaseOpenElsewhere``), before it reads or
writes anything.
"""

from __future__ import annotations

from pathlib import Path

from sim.engine.session import Session, fresh_seed
from sim.errors import ActionError, CaseLocked, ModeError, SaveError, ScenarioChanged
from sim.records.lock import SaveLock
from sim.records.profile import Learner, LrsConfig, learner_for_play
from sim.records.saves import read_save, resume, save_session
from sim.errors import ScenarioError
from sim.i18n import _
from sim.engine.cases import open_case
from sim.scenario.problems import ERROR
from sim.safeio import clean_stale_temporaries
from sim.ui.recording import SessionRecorder

from sim.ui.window.modes import MODES
from sim.ui.window.slots import copy_aside, set_aside, slot_path


class CaseError(SaveError):
    """A saved case that cannot be resumed; the message is for the learner."""


class CaseOpenElsewhere(CaseError):
    """The case's save is locked by another running copy of the program."""

    def __init__(self, message: str, lock_path: Path):
        super().__init__(message)
        self.lock_path = lock_path


def lock_save(path: Path) -> SaveLock | None:
    """The lock of the save at ``path``, taken; None when its folder cannot hold one (saving will say so, and
    play goes on). Raises CaseOpenElsewhere when another running copy of the program holds it. Temporary
    files that a killed copy left in the folder are cleaned once the lock is held."""
    lock = SaveLock(path)
    try:
        lock.acquire()
    except CaseLocked as exc:
        raise CaseOpenElsewhere(f"{str(exc)[:1].upper()}{str(exc)[1:]}.", lock.path) from None
    except OSError:
        return None
    try:
        clean_stale_temporaries(Path(path).parent)
    except OSError:
        pass
    return lock


def open_elsewhere(path: Path) -> int | None:
    """The process id of another running copy of the program that has the save at ``path`` open (0 when one
    is opening it this moment), or None. A quick look, for asking before anything touches the save; opening
    the case takes the lock for real."""
    return SaveLock(path).holder()


class Case:
    def __init__(self, session: Session, mode: str, scenario_path: str, recorder: SessionRecorder | None = None,
                 save_path: Path | None = None, learner: Learner | None = None, attempt: int = 1,
                 kept: bool = False):
        if mode not in MODES:
            raise ModeError(f"unknown mode {mode!r}")
        self.session = session
        self.mode = mode
        self.scenario_path = scenario_path
        self.recorder = recorder
        self.learner = learner or learner_for_play()
        self.attempt = attempt  # in assessment, which attempt at the case this record is
        self.kept = kept  # a finished run set aside: its debrief can be read, nothing more
        self.follows_debrief = False  # set by prepare_debrief
        self.save_path = Path(save_path) if save_path else slot_path(session.scenario.id, mode,
                                                                     self.learner.account, attempt)
        self.save_problem = ""
        self.lock: SaveLock | None = None  # the save's lock, held while the case is open (see lock_save)
        self.taken_back = ""  # a note for the play screen after a take-back
        self.discussed: set[str] = set()  # phases whose discussion pause was shown (facilitator mode)
        # Facilitator mode, vote then reveal: after a choice is committed the next scene first shows the
        # hidden panel with its choices held back; while the group chooses, the panel is hidden.
        self.revealing = False

    @classmethod
    def start(cls, scenario, mode: str, seed: int | None = None, learner: Learner | None = None,
              config: LrsConfig | None = None, courier=None, attempt: int = 1) -> "Case":
        """A new run in the case's slot (in assessment, the learner's attempt ``attempt``). A finished run
        there is set aside first (its debrief stays available); an unfinished one is replaced, so ask the
        learner before calling this. With no seed, a fresh one (the save and the log keep it). Its log and
        learning record name ``learner`` (the remembered one, or anonymous, when None)."""
        if mode not in MODES:
            raise ModeError(f"unknown mode {mode!r}")
        learner = learner or learner_for_play()
        path = slot_path(scenario.id, mode, learner.account, attempt)
        lock = lock_save(path)  # before anything touches the slot; raises CaseOpenElsewhere
        try:
            if mode != "assessment" and path.exists():
                from sim.ui.window.slots import read_slot

                if read_slot(path).finished:
                    try:
                        set_aside(path, scenario.id, mode)
                    except OSError:
                        pass  # saving the new run will report the problem
            seed = fresh_seed() if seed is None else seed
            recorder = SessionRecorder(scenario, learner, mode, "window", seed, config, courier=courier)
            session = Session(scenario, seed, listener=recorder)
            recorder.attach(session)
            case = cls(session, mode, str(Path(scenario.path).resolve()), recorder, path, learner, attempt)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        case.lock = lock
        case.save()
        return case

    @classmethod
    def resume(cls, path: Path | None = None, learner: Learner | None = None, config: LrsConfig | None = None,
               courier=None, kept: bool = False, after_edit: bool = False) -> "Case":
        """The saved case (by default the latest one in progress), replayed to where it was left. Raises
        CaseError; never changes the file. A run ``kept`` for its debrief is opened without a log: it is read,
        not played."""
        if path is None:
            from sim.ui.window.slots import list_slots

            latest = next((s for s in list_slots() if not s.kept and not s.problem), None)
            if latest is None:
                raise CaseError(_("There is no saved case to continue."))
            path = latest.path
        path = Path(path)
        lock = None if kept else lock_save(path)  # a kept run is only read; raises CaseOpenElsewhere
        try:
            case = cls._resume(path, learner, config, courier, kept, after_edit)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        case.lock = lock
        return case

    @classmethod
    def _resume(cls, path: Path, learner, config, courier, kept: bool, after_edit: bool = False) -> "Case":
        try:
            data = read_save(path)
        except SaveError as exc:
            raise CaseError(str(exc)) from None
        extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
        mode = extra.get("mode") if extra.get("mode") in MODES else "practice"
        number = extra.get("assessment_attempt") if isinstance(extra.get("assessment_attempt"), int) else 1
        scenario_path = extra.get("scenario_path") or data.get("scenario_path")
        if not isinstance(scenario_path, str) or not scenario_path:
            raise CaseError(_("{path}: the save does not say which scenario file it belongs to; it was left as it is").format(
                path=path))
        if not Path(scenario_path).exists():
            raise CaseError(_("The saved case's scenario file is gone ({path}); the save was left as it is.").format(
                path=scenario_path))
        try:
            scenario, _warnings = open_case(scenario_path)
        except ScenarioError as exc:
            first = next((p for p in exc.problems if p.severity == ERROR), None)
            raise CaseError(_("The saved case's scenario now has errors ({problem}); the save was left as it is.").format(
                problem=first.format() if first else scenario_path))
        try:
            session, data = resume(path, scenario, after_edit=after_edit and mode != "assessment" and not kept)
        except ScenarioChanged as exc:
            error = CaseError(str(exc))
            error.changed = mode != "assessment" and not kept  # a practice run may be replayed into the edit
            raise error from None
        except SaveError as exc:
            raise CaseError(str(exc)) from None
        recorder = None
        if not kept:
            recorder = SessionRecorder.resuming(session, extra, learner or learner_for_play(), mode, "window",
                                                config, courier=courier)
            learner = recorder.learner
        case = cls(session, mode, scenario_path, recorder, path, learner, number, kept)
        if "replay_stopped" in data:  # replayed into an edited file: say how far, and keep it
            stopped = data["replay_stopped"]
            case.taken_back = (_("The case file was edited since this save; the replay stopped at {stopped}").format(
                stopped=stopped) if stopped else _("The case file was edited since this save; every step replayed"))
            case.save()
        return case

    # ----- reading -----

    @property
    def scenario(self):
        return self.session.scenario

    @property
    def rewind_allowed(self) -> bool:
        return self.mode != "assessment" and not self.kept

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

    def prepare_debrief(self) -> None:
        """Start the debrief's look-ahead in the background, so that the options not taken are ready when the
        case ends (the real window does, for every case it opens; docs/performance.md says what it costs)."""
        if not self.session.is_over and not self.kept:
            from sim.analysis.contrast import prepare

            prepare(self.session.scenario, self.session.seed)
            self.follows_debrief = True

    def choose(self, choice_id: int) -> None:
        self.session.choose(choice_id)
        if self.follows_debrief:  # the lines after each option, found as the case goes (contrast.follow)
            from sim.analysis.contrast import follow

            follow(self.session)
        self.taken_back = ""
        self.revealing = self.shows_hidden
        self.save()

    def answer(self, value) -> None:
        self.session.answer(value)
        self.save()

    def rewind(self, decision: int) -> None:
        """Go back to just before ``decision`` (1-based) was taken. Not in assessment mode. A finished run
        is kept (in ``finished/``) before its slot is written again, so its debrief stays available."""
        if not self.rewind_allowed:
            raise ActionError(_("going back is not allowed in assessment mode"))
        if self.session.is_over and self.save_path.exists():
            try:
                copy_aside(self.save_path, self.scenario.id, self.mode)
            except OSError as exc:
                raise ActionError(_("the finished run could not be kept ({problem}), so it was not replayed").format(
                    problem=exc.strerror or exc)) from None
        session = self.session.rewound(decision)
        session.listener = self.recorder
        if self.recorder is not None:
            self.recorder({"type": "rewind", "to_decision": decision, "actions": len(session.actions),
                           "undone": session.takebacks[-1]["undone"], "takebacks": len(session.takebacks)})
            self.recorder.attach(session)
        self.session = session
        self.save()

    def reload(self) -> str:
        """Live preview (F5): read the case file again and replay this run's choices into it, as far as they
        still fit (``sim/ui/live_preview.py``). Returns what happened, for the screen; a file that now has
        errors leaves the run as it was. Raises ActionError in assessment, where a run is never replayed."""
        if not self.rewind_allowed:
            raise ActionError(_("reloading the case is for authors, in Practice or Facilitator mode"))
        from sim.ui.live_preview import replay_into_file

        before = self.session
        self.session, self.recorder, message = replay_into_file(self.scenario_path, before, self.recorder,
                                                                self.mode, "window")
        if self.session is not before:
            self.revealing = False
            self.save()
        return message

    def take_back(self) -> bool:
        """Undo the last decision (and the answers after it). False when there is none."""
        if not self.rewind_allowed or self.session.decision_count == 0:
            return False
        decision = self.session.decisions[-1]
        self.rewind(self.session.decision_count)
        self.taken_back = _("Decision {number} taken back: \u201c{choice}\u201d").format(number=decision.number,
                                                                                   choice=decision.choice_text)
        self.revealing = False  # back to the vote: the panel hides again
        return True

    def save(self) -> None:
        if self.kept:
            return  # a finished run kept for its debrief is never written again
        extra = {"mode": self.mode, "scenario_path": self.scenario_path, "finished": self.session.is_over}
        if self.recorder is not None:  # so that a resumed case goes on in the same learning record
            extra.update(self.recorder.save_extra())
        if self.mode == "assessment":
            extra.update(assessment_attempt=self.attempt, learner_name=self.learner.name)
        try:
            save_session(self.session, self.save_path, extra)
            self.save_problem = ""
        except OSError as exc:
            self.save_problem = _("Your progress could not be saved ({problem}).").format(problem=exc.strerror or exc)

    def close(self) -> None:
        if self.recorder is not None:
            self.recorder.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None
