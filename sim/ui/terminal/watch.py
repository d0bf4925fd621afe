"""``play --text --watch``: live preview in the terminal, for authors.

After every line typed, the case file is looked at again; when its text has changed since it was read, the
case is read and checked anew and the run is replayed into it as far as it still fits (the same rule as the
window's F5: ``Session.replay_as_far_as_fits``). So an author saves the file in an editor and presses Enter
at the prompt. A file that now has errors leaves the run as it was, and its first error is printed.
"""

from __future__ import annotations

from sim.errors import ScenarioError
from sim.ui.file_watch import FileWatch  # noqa: F401 (the front end takes it from here)


def reload_into(front) -> None:
    """Read the case again and replay ``front``'s session into it; say what happened."""
    from sim.engine.cases import open_case
    from sim.engine.session import Session
    from sim.ui.recording import SessionRecorder

    old = front.session
    try:
        scenario, _warnings = open_case(front.watch.path)
    except ScenarioError as exc:
        first = next((p for p in exc.problems if p.severity == "error"), None)
        front.say(f"The case file has errors now ({first.format() if first else front.watch.path}); the run goes "
                  "on as it was.")
        return
    session, stopped = Session.replay_as_far_as_fits(scenario, old.seed, old.actions, old.language)
    recorder = front.recorder
    if recorder is not None:
        recorder({"type": "reload", "digest": scenario.digest, "actions": len(session.actions), "of": len(old.actions)})
        extra, courier, learner = recorder.save_extra(), recorder.courier, recorder.learner
        recorder.close()
        front.recorder = SessionRecorder.resuming(session, extra, learner, "practice", "terminal", courier=courier)
    front.session = session
    front._shown_scene = None
    front.say()
    front.say(f"Case reloaded from the file; the replay stopped at {stopped}." if stopped
              else f"Case reloaded from the file; all {len(old.actions)} steps replayed.")
