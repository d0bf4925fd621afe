"""Asked before anything touches a case's save, when the save is not simply this case's run in progress.

* **Open elsewhere.** Another copy of the window (in another process) has the case open and holds
  its save's lock (``sim.records.lock``): nothing can be done with it here until that copy is closed, so the
  screen says so and goes back. Nothing is read or written.
* **Another file of the same case.** Scenario files are shared between facilitators: an edited copy or a new
  version of a case keeps its id, and so its save slot. Starting it would replace a run in progress made from
  the other file, so the window asks: continue the saved run (with the file it was made from), start new
  with this file and replace it, or cancel. The focus starts on the choice that loses nothing: Continue, or
  Cancel when the saved run cannot be continued (its file is gone, or it is this file, changed since).
"""

from __future__ import annotations

from pathlib import Path

from sim.engine.labels import mode_label
from sim.i18n import _, ngettext
from sim.records.saves import same_path
from sim.ui.window.screens.confirm import ConfirmScreen


def asked_first(app, scenario, mode: str, path: Path, slot, back) -> bool:
    """Before the picker starts ``scenario`` in the slot at ``path`` (``slot``: what it holds, or None): show
    the screen that says the case is open elsewhere, or ask about the run of another file, and return True;
    False when neither applies (then the usual question about a run in progress, or none, follows)."""
    from sim.records.lock import SaveLock
    from sim.records.saves import other_source
    from sim.ui.window.case import open_elsewhere

    if open_elsewhere(path) is not None:
        app.show(open_elsewhere_screen(app, scenario.title.get_text(), mode, SaveLock(path).path, back))
        return True
    if slot is None or slot.finished or slot.problem:
        return False
    source = other_source(path, scenario)
    if not source:
        return False
    app.show(other_file_screen(app, scenario, mode, slot, source, back))
    return True


def open_elsewhere_screen(app, title: str, mode: str, lock_path: Path, back) -> ConfirmScreen:
    """The case is open in another copy of the program; ``back`` (a callable) goes back."""
    message = _("Your {mode} run of \u201c{title}\u201d is open in another Alliance window on this computer. Finish or "
                "close it there first; then it can be continued here. Nothing was changed. (If no other copy is "
                "running, for example after a crash on Windows, delete {lock} and try again.)").format(
        mode=mode_label(mode), title=title, lock=lock_path)
    return ConfirmScreen(app, _("This case is open elsewhere"), message, [("back", _("Back"), back, "secondary")],
                         back)


def can_continue(saved_source: str, scenario) -> bool:
    """Whether the run in the slot can go on from the file it was made from: that file is still there and
    is another file (the same file, changed since, cannot replay the run exactly)."""
    try:
        return Path(saved_source).is_file() and not same_path(saved_source, scenario.path)
    except (OSError, ValueError):
        return False


def other_file_screen(app, scenario, mode: str, slot, saved_source: str, back) -> ConfirmScreen:
    """Ask before ``scenario`` replaces ``slot``, a run in progress made from ``saved_source`` (another file
    or another version of the same case). ``back`` (a callable) cancels."""
    title = scenario.title.get_text()
    continuable = can_continue(saved_source, scenario)
    if continuable:
        made = _("It was started from another file of this case: {file}.").format(file=saved_source)
    elif saved_source.startswith("another version of"):  # a save that does not name its file
        made = _("It was started from another version of this case, and the save does not say which file.")
    elif saved_source and same_path(saved_source, scenario.path):
        made = _("It was started from an earlier version of this file, which has changed since, so that run "
                 "cannot be continued exactly.")
    elif saved_source:
        made = _("It was started from {file}, which is no longer there to continue it.").format(file=saved_source)
    else:
        made = _("It was started from another file, which is no longer there to continue it.")
    run = ngettext("You have an unfinished {mode} run of \u201c{title}\u201d, at decision {decision} ({count} choice "
                   "made), saved {date}.",
                   "You have an unfinished {mode} run of \u201c{title}\u201d, at decision {decision} ({count} choices "
                   "made), saved {date}.", slot.choices).format(
        mode=mode_label(mode), title=title, decision=slot.choices + 1, count=slot.choices, date=slot.date)
    opened = _("You opened {file}. Starting new with it replaces the saved run.").format(file=scenario.path)
    message = " ".join((run, made, opened))  # three whole sentences, each translated as one
    replace = ("replace", _("Start new and replace the saved run"), lambda: app.begin_case(scenario, mode), "danger")
    cancel = ("cancel", _("Cancel (leave the saved run as it is)"), back, "secondary")
    if continuable:
        answers = [("continue", _("Continue the saved run"), lambda: app.open_save(slot), "primary"), replace, cancel]
    else:
        answers = [cancel, replace]
    return ConfirmScreen(app, _("Another file of this case is under way"), message, answers, back)

