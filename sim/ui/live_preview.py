"""Live preview, the rule both front ends share: read the edited case file again and replay a run into it.

The window's F5 and ``play --watch`` (``sim/ui/window/live_reload.py``) and the terminal's ``--watch``
(``sim/ui/terminal/watch.py``) differ only in how they notice the edit and where they show the sentence.
"""

from __future__ import annotations

from sim.engine.cases import open_case
from sim.engine.session import Session
from sim.errors import ScenarioError
from sim.i18n import _, ngettext
from sim.ui.recording import SessionRecorder


def replay_into_file(path, session: Session, recorder, mode: str, front_end: str):
    """(session, recorder, sentence): the run replayed into the file as it is now, as far as it fits, with
    its recorder going on in the same learning record. A file that now has errors gives back the same session
    and recorder, and the sentence names the first error."""
    try:
        scenario, _warnings = open_case(path)
    except ScenarioError as exc:
        first = next((p for p in exc.problems if p.severity == "error"), None)
        return session, recorder, _("The case file has errors now ({problem}); the run goes on as it was").format(
            problem=first.format() if first else path)
    replayed, stopped = Session.replay_as_far_as_fits(scenario, session.seed, session.actions, session.fixed_language)
    if recorder is not None:
        recorder({"type": "reload", "digest": scenario.digest, "actions": len(replayed.actions),
                  "of": len(session.actions)})
        extra, courier, learner = recorder.save_extra(), recorder.courier, recorder.learner
        recorder.close()
        recorder = SessionRecorder.resuming(replayed, extra, learner, mode, front_end, courier=courier)
    if stopped:
        return replayed, recorder, _("Case reloaded from the file; the replay stopped at {stopped}").format(
            stopped=stopped)
    count = len(session.actions)
    return replayed, recorder, ngettext("Case reloaded from the file; all {count} step replayed",
                                        "Case reloaded from the file; all {count} steps replayed", count).format(
        count=count)
