"""Live preview for authors (F5): read the case file again and replay the run into it.

Ren'Py reloads a game in place (Shift+R) and Inky replays to where the author was after every edit; this
does both. The case is read and checked again; the run's choices are replayed into the new version as far
as they still fit (``Session.replay_as_far_as_fits``), and the screen says how far that was and why it
stopped. A file that now has errors leaves the run as it was, with the first error shown. Assessment runs are
never replayed.
"""

from __future__ import annotations

from sim.errors import ActionError, SaveError
from sim.i18n import _


def reload_case(app) -> str:
    """Reload the open case; returns the sentence shown above the choices."""
    case = app.case
    try:
        message = case.reload()
    except (SaveError, ActionError) as exc:  # assessment, or a save that cannot be written
        message = str(exc).rstrip(".")
    case.taken_back = message
    app.route()
    return message


def offer_replay(app, slot) -> None:
    """A save made before its case file was edited: ask before replaying it into the new version. The save as
    it was is kept in ``finished/`` first, so nothing is lost whatever the replay reaches."""
    from sim.ui.window.screens.confirm import ConfirmScreen
    from sim.ui.window.slots import copy_aside

    back = app.screen

    def replay() -> None:
        try:
            copy_aside(slot.path, slot.scenario_id, slot.mode)
        except OSError as exc:
            app.notice = _("The save could not be kept aside ({problem}), so it was not replayed.").format(
                problem=exc.strerror or exc)
            app.go_title()
            return
        app.open_save(slot, after_edit=True)

    app.show(ConfirmScreen(app, _("The case file was edited"),
                           _("This case's file has changed since the save was made, so the run cannot go on exactly "
                             "as it was. Replay its steps into the new version, as far as they still fit? The save "
                             "as it is now is kept among the finished runs."),
                           [("replay", _("Replay into the new version"), replay, "primary"),
                            ("cancel", _("Cancel"), lambda: app.show(back), "secondary")],
                           back=lambda: app.show(back)))


class Watching:
    """``play --watch`` in the window: F5 by itself when the open case's file is saved again (looked at about
    once a second, while a scene or a question is on screen)."""

    INTERVAL = 1.0

    def __init__(self):
        self.watch = None
        self.next_look = 0.0

    def check(self, app) -> None:
        import time

        from sim.ui.file_watch import FileWatch

        case = app.case
        if case is None or app.screen is None or app.screen.name not in ("play", "prompt"):
            return
        if self.watch is None or str(self.watch.path) != str(case.scenario_path):
            self.watch = FileWatch(case.scenario_path)  # a new case: its file as it is now
            return
        now = time.monotonic()
        if now < self.next_look:
            return
        self.next_look = now + self.INTERVAL
        if self.watch.changed():
            reload_case(app)
            app.dirty = True
