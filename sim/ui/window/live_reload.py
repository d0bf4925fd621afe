"""Live preview for authors (F5): read the case file again and replay the run into it.

Ren'Py reloads a game in place (Shift+R) and Inky replays to where the author was after every edit; this
does both. The case is read and checked again; the run's choices are replayed into the new version as far
as they still fit (``Session.replay_as_far_as_fits``), and the screen says how far that was and why it
stopped. A file that now has errors leaves the run as it was, with the first error shown. Assessment runs are
never replayed.
"""

from __future__ import annotations

from sim.errors import ActionError, SaveError


def reload_case(app) -> str:
    """Reload the open case; returns the sentence shown above the choices."""
    case = app.case
    try:
        message = case.reload()
    except (SaveError, ActionError) as exc:  # CaseError is a SaveError: the file has errors now
        message = str(exc).rstrip(".")
    case.taken_back = message
    app.route()
    return message
