"""``play --text --watch``: live preview in the terminal, for authors.

After every line typed, the case file is looked at again; when its text has changed since it was read, the
case is read and checked anew and the run is replayed into it as far as it still fits (the same rule as the
window's F5: ``Session.replay_as_far_as_fits``). So an author saves the file in an editor and presses Enter
at the prompt. A file that now has errors leaves the run as it was, and its first error is printed.
"""

from __future__ import annotations

from sim.ui.file_watch import FileWatch  # noqa: F401 (the front end takes it from here)


def reload_into(front) -> None:
    """Read the case again and replay ``front``'s session into it; say what happened."""
    from sim.ui.live_preview import replay_into_file

    before = front.session
    front.session, front.recorder, message = replay_into_file(front.watch.path, before, front.recorder,
                                                              "practice", "terminal")
    if front.session is not before:
        front._shown_scene = None
        front.say()
    front.say(message + ".")
