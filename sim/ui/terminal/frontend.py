"""The terminal front end: numbered choices, words and observable cues, never a hidden number.

End of input or Ctrl-C saves (atomically) and exits cleanly; ``--resume``
continues from that save.
"""

from __future__ import annotations

import shlex
import shutil
import sys
import textwrap
from datetime import datetime
from pathlib import Path
from typing import Callable, TextIO

from sim.analysis.contrast import follow, pending, prepare
from sim.analysis.debrief import build_debrief
from sim.errors import LearnerNameError, PlayError
from sim.engine.session import Session, fresh_seed
from sim.i18n import N_, _, ngettext
from sim.records.log import data_dir
from sim.records.profile import Learner, LrsConfig, learner_for_play, remember_learner
from sim.records.saves import save_session
from sim.scenario.model import PHASES, Scenario
from sim.ui.recording import SessionRecorder, start_courier
from sim.ui.terminal.debrief_report import render_debrief
from sim.engine.labels import difficulty_label, mandate_label, phase_label, relation_label
from sim.ui.terminal.safe_text import terminal_safe
from sim.ui.terminal.watch import FileWatch, reload_into

# The terminal has no rewind and shows no score until the debrief: the rules of the window's assessment mode.
TEXT_MODE = "assessment"
END_WAIT = 10.0  # seconds the end of a case waits for the look-ahead it started (ready long before, in play)
ASK_NAME = N_("Who is playing? Your name or a pseudonym, for the record of this case "
              "(Enter to stay anonymous): ")


class Quit(Exception):
    """The learner asked to stop, or input ended."""


class _Reloaded(Exception):
    """From a prompt under --watch: the case file changed; reload it and show the scene again."""


def text_save_path(scenario_id: str) -> Path:
    return data_dir() / "saves" / f"text-{scenario_id}.json"


class TextFrontEnd:
    def __init__(self, session: Session, save_path: Path, recorder: SessionRecorder | None = None,
                 read: Callable[[str], str] | None = None, out: TextIO | None = None, watch=None,
                 prepare_debrief: bool = False):
        self.session = session
        self.watch = watch  # a FileWatch on the case file (play --watch), or None
        self.follows_debrief = prepare_debrief and not session.is_over
        if self.follows_debrief:  # the options not taken, ready by the end (issue 10)
            prepare(session.scenario, session.seed)
        self.save_path = save_path
        self.recorder = recorder
        self.out = out or sys.stdout
        self._read = read or input
        self.width = max(40, min(100, shutil.get_terminal_size((80, 24)).columns - 2))
        self._last_phase = None
        self._shown_scene = None
        self.save_problem = ""

    def say(self, text: str = "", indent: str = "", hanging: str | None = None) -> None:
        """Print wrapped text; ``indent`` starts the first line, ``hanging`` (default: as wide, blank) the rest."""
        if not text:
            print(file=self.out)
            return
        rest = " " * len(indent) if hanging is None else hanging
        for paragraph in terminal_safe(text).split("\n"):
            print(textwrap.fill(paragraph, self.width, initial_indent=indent, subsequent_indent=rest,
                                break_on_hyphens=False, break_long_words=False)
                  if paragraph.strip() else "", file=self.out)

    def verbatim(self, text: str) -> None:
        """A line to copy and paste (a command, a path): never wrapped."""
        print(terminal_safe(text), file=self.out)

    def ask(self, prompt: str) -> str:
        try:
            answer = self._read(terminal_safe(prompt)).strip()
        except EOFError:
            raise Quit("end of input") from None
        if self.watch is not None and self.watch.changed():
            raise _Reloaded()
        return answer

    def brief(self) -> None:
        """The case card, before the first scene: what the learner would read in the window's picker."""
        scenario = self.session.scenario
        self.say(scenario.title.get_text().upper())
        self.say(_("{difficulty}, about {minutes} minutes.").format(
            difficulty=difficulty_label(scenario.difficulty), minutes=scenario.minutes))
        self.say()
        self.say(scenario.summary.get_text())
        for caregiver in scenario.caregivers:
            self.say()
            line = _("{name} ({relation}, {mandate})").format(
                name=caregiver.name, relation=relation_label(caregiver.relation), mandate=mandate_label(caregiver.mandate))
            if caregiver.description:
                line += ": " + caregiver.description.get_text()
            self.say(line)
        self.say()
        self.say(_("You will practise:"))
        for goal in scenario.learning_goals:
            self.say(goal.get_text(), indent="  - ")
        self.say()
        self.say(_("Type the number of your choice. Type q at any prompt to save and stop."))

    def run(self, resumed: bool = False) -> int:
        session = self.session
        if resumed:
            self.say(ngettext("Resumed {title} after {count} decision.", "Resumed {title} after {count} decisions.",
                              session.decision_count).format(title=session.scenario.title.get_text(),
                                                             count=session.decision_count))
        elif session.decision_count == 0:
            self.brief()
        try:
            while not self.session.is_over:
                session = self.session
                view = session.view()
                try:
                    if view.kind == "scene":
                        self.show_scene(view)
                        self.take_choice(view)
                    elif view.kind == "calibration":
                        self.take_calibration(view)
                    else:
                        self.take_notice(view)
                except _Reloaded:
                    reload_into(self)
                self.save()
            session = self.session
        except PlayError as exc:
            self.save()
            print(_("{file}: error: this case cannot go on: {problem}").format(file=session.scenario.path, problem=exc),
                  file=sys.stderr)
            return 2
        except (Quit, KeyboardInterrupt) as stop:
            self.save()
            reason = _("input ended") if isinstance(stop, Quit) and str(stop) == "end of input" else _("stopped")
            self.say()
            if self.save_problem:
                self.say(_("Not saved ({reason}): {problem}").format(reason=reason, problem=self.save_problem))
                return 2
            self.say(_("Saved ({reason}). Continue later with:").format(reason=reason))
            self.verbatim(f"  alliance-sim play --text --resume {case_argument(session.scenario)}")
            self.say(_("Save file:"))
            self.verbatim(f"  {self.save_path}")
            return 0
        self.show_scene(session.view())
        self.say()
        debrief = build_debrief(session, wait=END_WAIT)
        self.say(render_debrief(debrief, session.scenario, self.width))
        if self.recorder is not None and self.recorder.log_path is not None:
            self.say(_("Session log:"))
            self.verbatim(f"  {self.recorder.log_path}")
            if debrief.contrast_problem and pending(session.scenario, session.seed):
                self.say(_("The page to hand in waits for the options not taken (this can take a minute)."))
            self.write_page(Path(self.recorder.log_path).with_suffix(".html"), debrief)
        self.save()
        return 0

    def write_page(self, path: Path, debrief=None) -> None:
        """The debrief as a page to hand in, beside the log."""
        from sim.ui.terminal.debrief_export import write_pages

        learner = self.recorder.learner.name if self.recorder is not None else ""
        stamp = {"learner": learner, "mode": "terminal", "date": datetime.now(), "seed": self.session.seed}
        try:
            write_pages(self.session, stamp, path, debrief=debrief)
        except OSError as exc:
            self.say(_("The debrief page could not be written ({problem}).").format(problem=exc.strerror or exc))
            return
        self.say(_("Debrief to hand in (open it in a browser, or print it to PDF):"))
        self.verbatim(f"  {path}")

    def save(self) -> None:
        extra = {"front_end": "text"}
        if self.recorder is not None:  # so that --resume goes on in the same learning record
            extra.update(self.recorder.save_extra())
        try:
            save_session(self.session, self.save_path, extra)
        except OSError as exc:  # a data folder that is a file, read-only or full: play goes on, and she is told
            problem = _("Your progress could not be saved in {path} ({problem}).").format(
                path=self.save_path, problem=exc.strerror or exc)
            if problem != self.save_problem:
                print("alliance-sim: " + problem + " " + _("The case goes on; fix the folder to save it."),
                      file=sys.stderr)
            self.save_problem = problem
            return
        self.save_problem = ""

    def show_scene(self, view) -> None:
        if self._shown_scene == (view.scene_id, view.decision):
            return
        self._shown_scene = (view.scene_id, view.decision)
        if view.phase != self._last_phase:
            self._last_phase = view.phase
            steps = "  ".join(f"[{phase_label(p)}]" if p == view.phase else phase_label(p) for p in PHASES)
            self.say()
            self.say(steps)
            self.say("-" * min(self.width, len(steps)))
        self.say()
        for event in view.events:
            self.say(f"* {event}")
        if view.narration:
            self.say(view.narration)
        if view.text:
            if view.speaker_name:
                self.say(f"{view.speaker_name}: \u201c{view.text}\u201d")
            else:
                self.say(view.text)
        if view.ending:
            self.say()
            self.say(_("The case ends: {ending}.").format(ending=view.ending['title']))
            return
        if view.cue:
            self.say(f"({view.cue})")

    @staticmethod
    def _range(count: int) -> str:
        return "1" if count == 1 else f"1-{count}"

    def take_choice(self, view) -> None:
        self.say()
        for choice in view.choices:
            self.say(choice.text, indent=f"  {choice.number}. ".ljust(6))
        count = len(view.choices)
        while True:
            answer = self.ask(_("Your move [{numbers}, q to save and stop]: ").format(numbers=self._range(count))).lower()
            if answer in ("q", "quit"):
                raise Quit("quit")
            if answer.isdigit() and 1 <= int(answer) <= count:
                self.session.choose(view.choices[int(answer) - 1].id)
                if self.follows_debrief:  # the lines after each option, found as the case goes
                    follow(self.session)
                return
            self.say(_("Type a number from 1 to {count}.").format(count=count))

    def take_calibration(self, view) -> None:
        self.say()
        self.say(view.question)
        while True:
            answer = self.ask(_("Your estimate [0-100]: "))
            if answer.lower() in ("q", "quit"):
                raise Quit("quit")
            try:
                value = float(answer)
            except ValueError:
                value = -1
            if 0 <= value <= 100:
                self.session.answer(round(value))
                return
            self.say(_("Type a number from 0 to 100."))

    def take_notice(self, view) -> None:
        if view.scene is not None:
            self.show_scene(view.scene)  # her reaction first: the learner notices what she can see
        self.say()
        self.say(view.question)
        for number, (_value, label) in enumerate(view.options, 1):
            self.say(label, indent=f"  {number}. ".ljust(6))
        count = len(view.options)
        while True:
            answer = self.ask(_("What you notice [1-{count}, q to save and stop]: ").format(count=count))
            if answer.lower() in ("q", "quit"):
                raise Quit("quit")
            if answer.isdigit() and 1 <= int(answer) <= count:
                self.session.answer(view.options[int(answer) - 1][0])
                return
            self.say(_("Type a number from 1 to {count}.").format(count=count))


def _unfinished_save(path: Path, scenario: Scenario) -> int:
    """How many decisions an unfinished save of this scenario holds (0 when there is none to lose)."""
    from sim.errors import SaveError
    from sim.records.saves import resume as resume_session

    if not path.exists():
        return 0
    try:
        session, _data = resume_session(path, scenario)
    except SaveError:
        return 0  # unreadable or for another version: nothing that can be continued anyway
    return 0 if session.is_over else max(1, session.decision_count)


def case_argument(scenario: Scenario) -> str:
    """How to name this case on the command line again: its id when it is a shipped case, else its file."""
    from sim.resources import cases_dir

    path = Path(scenario.path) if scenario.path else None
    try:
        shipped = path is not None and path.resolve().parent == Path(cases_dir()).resolve()
    except (OSError, TypeError):
        shipped = False
    if path is None or shipped:
        return scenario.id
    text = str(path)
    return shlex.quote(text)


def ask_learner(read: Callable[[str], str], out: TextIO) -> Learner:
    """Ask once who is playing, and remember it (a name that cannot be saved is used for this run only)."""
    while True:
        try:
            answer = read(_(ASK_NAME))
        except EOFError:
            answer = ""
        try:
            return remember_learner(answer)
        except LearnerNameError as exc:
            print(_("Please shorten it: {problem}.").format(problem=exc), file=out)
        except OSError as exc:
            print(_("(Your name could not be saved: {problem}; it is used for this run only.)").format(
                problem=exc.strerror or exc), file=out)
            return learner_for_play(answer)


def play_text(scenario: Scenario, seed: int | None, resume: bool, read=None, out=None, log_dir: Path | None = None,
              new: bool = False, learner: Learner | None = None, ask: bool = False,
              config: LrsConfig | None = None, watch: bool = False, prepare_debrief: bool = False) -> int:
    """Play a scenario in the terminal, holding the save's lock (``sim.records.lock``) for the whole case: a
    second terminal on the same save is told the case is open elsewhere. See ``_play_text``."""
    from sim.errors import CaseLocked
    from sim.records.lock import SaveLock
    from sim.safeio import clean_stale_temporaries

    save_path = text_save_path(scenario.id)
    lock = SaveLock(save_path)
    try:
        lock.acquire()
    except CaseLocked as exc:
        print(f"alliance-sim: {exc}", file=sys.stderr)
        return 2
    except OSError:
        pass  # the folder cannot hold a lock, nor a save: the first save says so, and play goes on
    clean_stale_temporaries(save_path.parent)
    try:
        return _play_text(scenario, seed, resume, read, out, log_dir, new, learner, ask, config, watch,
                          prepare_debrief)
    finally:
        lock.release()


def _play_text(scenario: Scenario, seed: int | None, resume: bool, read=None, out=None, log_dir: Path | None = None,
               new: bool = False, learner: Learner | None = None, ask: bool = False,
               config: LrsConfig | None = None, watch: bool = False, prepare_debrief: bool = False) -> int:
    """Play a scenario in the terminal. Returns an exit status.

    Without ``resume`` an unfinished save is never overwritten silently: ``new`` must say so. ``ask``: ask
    who is playing first (the command line does when she was never asked and the terminal is interactive).
    """
    from sim.errors import SaveError
    from sim.records.saves import resume as resume_session

    save_path = text_save_path(scenario.id)
    config = config or LrsConfig()
    out = out or sys.stdout
    session, saved = None, {}
    if resume:
        try:
            session, data = resume_session(save_path, scenario, after_edit=watch)  # --watch: into the edit
        except SaveError as exc:
            print(_("Cannot resume: {problem}").format(problem=exc), file=sys.stderr)
            return 2
        saved = data.get("extra")
        learner = learner or learner_for_play()
    else:
        from sim.records.saves import other_source

        elsewhere = "" if new else other_source(save_path, scenario)
        if elsewhere:
            print(_("A saved session of the case '{case}' was started from another scenario file or version "
                    "({other}); playing {file} would replace it. The save ({save}) was left as it is. Continue it "
                    "with that file:\n  {resume_command}\nor start over with this one, replacing the save, "
                    "with:\n  {new_command}").format(
                      case=scenario.id, other=terminal_safe(elsewhere), file=terminal_safe(scenario.path), save=save_path,
                      resume_command=f"alliance-sim play --text --resume {terminal_safe(elsewhere)}",
                      new_command=f"alliance-sim play --text --new {terminal_safe(scenario.path)}"), file=sys.stderr)
            return 2
        unfinished = _unfinished_save(save_path, scenario)
        if unfinished and not new:
            print(ngettext("A saved session of this case is in progress ({count} decision in). Continue it "
                           "with:\n  {resume_command}\nor start over, replacing it, with:\n  {new_command}",
                           "A saved session of this case is in progress ({count} decisions in). Continue it "
                           "with:\n  {resume_command}\nor start over, replacing it, with:\n  {new_command}",
                           unfinished).format(
                      count=unfinished, resume_command=f"alliance-sim play --text --resume {case_argument(scenario)}",
                      new_command=f"alliance-sim play --text --new {case_argument(scenario)}"), file=sys.stderr)
            return 2
        if learner is None:
            learner = ask_learner(read or input, out) if ask else learner_for_play()
        seed = fresh_seed() if seed is None else seed
    courier = start_courier(config)
    mode = "practice" if watch else TEXT_MODE  # a run replayed into edits is an author's, not an assessment
    if session is not None:
        recorder = SessionRecorder.resuming(session, saved, learner, mode, "terminal", config,
                                            log_dir=log_dir, courier=courier)
    else:
        recorder = SessionRecorder(scenario, learner, mode, "terminal", seed, config, log_dir=log_dir,
                                   courier=courier)
    front = None
    try:
        if session is None:
            session = Session(scenario, seed, listener=recorder)
            recorder.attach(session)
        if recorder.problem:
            print(recorder.problem, file=sys.stderr)
        front = TextFrontEnd(session, save_path, recorder, read, out,
                             FileWatch(scenario.path) if watch and scenario.path else None, prepare_debrief)
        return front.run(resumed=resume)
    finally:
        (front.recorder if front is not None and front.recorder is not None else recorder).close()
        if courier is not None:
            report_delivery(courier, out)


def report_delivery(courier, out: TextIO, wait: float = 5.0) -> None:
    """Give the courier a few seconds to send the last statements, then say where the record stands."""
    from sim.errors import OutboxError
    from sim.records.outbox import Outbox

    courier.wake()
    courier.settle(wait)
    courier.stop(1.0)
    try:
        outbox = Outbox(courier.path)
        waiting = outbox.status().pending
        outbox.close()
    except OutboxError as exc:
        print(_("Learning record: {problem}").format(problem=exc), file=sys.stderr)
        return
    width = max(40, min(100, shutil.get_terminal_size((80, 24)).columns - 2))
    if waiting == 0:
        print(_("Learning record: sent to the LRS at {host}.").format(host=courier.config.host), file=out)
        return
    why = courier.problem or _("the LRS at {host} has not taken them yet").format(host=courier.config.host)
    text = ngettext("Learning record: {count} statement waits on this computer: {why}. Nothing is lost: it is "
                    "sent the next time you play, or now with:",
                    "Learning record: {count} statements wait on this computer: {why}. Nothing is lost: they "
                    "are sent the next time you play, or now with:", waiting).format(count=waiting, why=why)
    print(textwrap.fill(text, width, break_on_hyphens=False, break_long_words=False), file=sys.stderr)
    print("  alliance-sim lrs flush", file=sys.stderr)
