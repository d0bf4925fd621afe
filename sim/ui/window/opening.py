"""Opening a case in the window: from the picker or a scenario file, and from a save.

``CaseOpening`` holds what ``App`` does to open a case: a new run (in assessment asking who takes it
first), the question asked when the case already has an unfinished save in that mode (resume it or start
over; a damaged save is kept beside the new one), a case file named on the command line, and resuming a
saved case (Continue, the saved-cases screen). The rules of what may be touched live elsewhere: where saves
are and what they say in ``slots.py``, what is asked when another window has the case open or its run was
made from another file in ``screens/same_case.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

from sim.i18n import _, ngettext


class CaseOpening:
    """The ways into a case, mixed into ``App`` (which supplies the screens, the settings and the case)."""

    def start_case(self, scenario, mode: str) -> None:
        """Start a case from the picker: in assessment ask who is taking it; when the case has an unfinished
        save in this mode, ask whether to resume it or start over (nothing is replaced without asking)."""
        from sim.ui.window.screens.same_case import asked_first
        from sim.ui.window.slots import read_slot, slot_path

        if self.learner is None:  # the first case on this computer: ask who is playing first
            self.go_learner(lambda: self.start_case(scenario, mode))
            return
        back = self.screen
        if mode == "assessment":
            from sim.ui.window.screens.start import AssessmentStartScreen

            self.show(AssessmentStartScreen(self, scenario, back))
            return
        path = slot_path(scenario.id, mode)
        slot = read_slot(path) if path.exists() else None
        if asked_first(self, scenario, mode, path, slot, lambda: self._back_to(back)):
            return  # open in another window, or made from another file of the case: asked or said so
        if slot is None or slot.finished:
            self.begin_case(scenario, mode)  # a finished run is set aside, its debrief kept
            return
        from sim.engine.labels import mode_label
        from sim.ui.window.screens.confirm import ConfirmScreen

        title = scenario.title.get_text()
        if slot.problem:
            message = _("The saved {mode} run of {title} cannot be read ({problem}). Starting over keeps the "
                        "damaged file beside the new one, as {file}.").format(
                mode=mode_label(mode), title=title, problem=slot.problem, file=path.name + ".damaged")
            answers = [("back", _("Back"), lambda: self.show(back), "secondary"),
                       ("start_over", _("Start over"), lambda: self._start_over(scenario, mode, path, True),
                        "primary")]
        else:
            message = _("You have an unfinished {mode} run of {title}, at decision {number}, saved {date}. Resume "
                        "it, or start over? Starting over discards it.").format(
                mode=mode_label(mode), title=title, number=slot.choices + 1, date=slot.date)
            answers = [("resume", _("Resume where I left off"), lambda: self.open_save(slot), "primary"),
                       ("start_over", _("Start over (discard that run)"),
                        lambda: self._start_over(scenario, mode, path, False), "danger"),
                       ("back", _("Back"), lambda: self.show(back), "secondary")]
        self.show(ConfirmScreen(self, _("This case is already under way"), message, answers, lambda: self.show(back)))

    def _start_over(self, scenario, mode: str, path, damaged: bool) -> None:
        if damaged:
            try:
                os.replace(path, path.with_name(path.name + ".damaged"))
            except OSError as exc:
                self.notice = _("The damaged save could not be moved aside ({problem}).").format(
                    problem=exc.strerror or exc)
                self.go_title()
                return
        self.begin_case(scenario, mode)

    def begin_case(self, scenario, mode: str, attempt: int = 1) -> None:
        from sim.ui.window.case import Case, CaseOpenElsewhere

        back = self.screen
        try:
            case = Case.start(scenario, mode, self.seed, self.learner, self.lrs, self.courier, attempt)
        except CaseOpenElsewhere as exc:
            self._show_open_elsewhere(scenario.title.get_text(), mode, exc.lock_path, back)
            return
        self.close_case()  # after: a case that cannot be opened leaves the one in play as it was
        self.case = case
        if self.prepares_debrief:
            case.prepare_debrief()
        self.notice = ""
        self.route()

    def _show_open_elsewhere(self, title: str, mode: str, lock_path, back) -> None:
        from sim.ui.window.screens.same_case import open_elsewhere_screen

        self.show(open_elsewhere_screen(self, title, mode, lock_path, lambda: self._back_to(back)))

    def _back_to(self, screen) -> None:
        """Back to ``screen`` (the one a question was asked from), or the title when there was none, or it
        was a case's screen and that case is no longer open."""
        if screen is None or (getattr(screen, "name", "") in ("play", "prompt") and self.case is None):
            self.go_title()
        else:
            self.show(screen)

    def open_scenario(self, name: str, mode: str = "practice") -> None:
        """Start a case straight from a scenario file or id; a broken one opens the error screen."""
        from sim.engine import CaseNotFound, find_case
        from sim.records.log import user_cases_dir
        from sim.scenario.problems import ERROR, Problem
        from sim.ui.window.case_list import CaseEntry, check_entry

        try:
            also = () if self.scenario_dir else (user_cases_dir(),)
            path = find_case(name, self.scenario_dir, also)
        except CaseNotFound as exc:
            self.go_error(CaseEntry(Path(name), None, [Problem(ERROR, name, None, "", str(exc))]))
            return
        entry = check_entry(path)
        if entry.ok:
            self.start_case(entry.scenario, mode)
        else:
            self.go_error(entry)

    def saved_case_summary(self) -> tuple[bool, str]:
        """(there is a saved case, a one-line description of the latest). A quick look: opening checks fully."""
        from sim.ui.window.slots import list_slots

        slots = list_slots()
        if not slots:
            return False, _("No case in progress.")
        from sim.ui.window.screens.saved_cases import slot_detail

        latest = slots[0]
        if latest.problem:
            return True, _("A saved case cannot be read.")
        title = self.library.title_of(latest.scenario_id) or latest.scenario_id.replace("_", " ").capitalize()
        if len(slots) > 1:
            more = len(slots) - 1
            return True, ngettext("{title} \u00b7 {detail} (and {count} more)",
                                  "{title} \u00b7 {detail} (and {count} more)", more).format(
                title=title, detail=slot_detail(latest), count=more)
        return True, f"{title} \u00b7 {slot_detail(latest)}"

    def go_saves(self) -> None:
        from sim.ui.window.screens.saved_cases import SavesScreen

        self.show(SavesScreen(self))

    def continue_case(self) -> None:
        self.go_saves()

    def open_save(self, slot, after_edit: bool = False) -> None:
        """Open a saved case where it was left (a finished one on its debrief); a bad save is reported on
        the title screen and left as it is. A practice save made before its case file was edited is offered
        a replay into the new version (its old state kept in finished/ first)."""
        from sim.ui.window.case import Case, CaseError, CaseOpenElsewhere

        try:
            case = Case.resume(slot.path, learner=self.learner, config=self.lrs, courier=self.courier,
                               kept=slot.kept, after_edit=after_edit)
        except CaseOpenElsewhere as exc:
            title = self.library.title_of(slot.scenario_id) or slot.scenario_id.replace("_", " ").capitalize()
            self._show_open_elsewhere(title, slot.mode, exc.lock_path, self.screen)
            return
        except CaseError as exc:
            if getattr(exc, "changed", False):
                from sim.ui.window.live_reload import offer_replay

                offer_replay(self, slot)
                return
            self.notice = str(exc)
            self.go_title()
            return
        self.close_case()
        self.case = case
        if self.prepares_debrief:
            case.prepare_debrief()
        self.notice = ""
        if case.is_over:
            self.go_debrief()
        else:
            self.route()
