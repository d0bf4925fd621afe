"""The transcript of a case so far (what the history screen shows): everything said, seen and chosen, in order.

Built by replaying the session's own actions through a fresh session and
reading its views at every step, so it uses only what the engine shows a
front end (views, never the hidden state), and is the same after a resume or
a take-back as it would have been without one. No pygame here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.engine.labels import phase_label
from sim.engine.session import Session
from sim.i18n import _


@dataclass(frozen=True)
class Entry:
    kind: str      # "event", "narration", "words", "cue", "choice", "notice", "estimate", "phase", "ending"
    text: str
    who: str = ""  # the speaker, for "words"


def _scene_entries(view, caregiver_ids) -> list[Entry]:
    entries = [Entry("event", event) for event in view.events]
    if view.narration:
        entries.append(Entry("narration", view.narration))
    if view.ending:
        entries.append(Entry("ending", _("The case ends: {ending}").format(ending=view.ending["title"])))
    if view.text:
        entries.append(Entry("words", view.text, view.speaker_name))
    if view.cue and view.speaker_id in caregiver_ids and not view.ending:
        entries.append(Entry("cue", view.cue))
    return entries


def history(session: Session) -> list[Entry]:
    """Every scene seen, every choice taken and every answer given so far, oldest first."""
    scenario = session.scenario
    replay = Session(scenario, session.seed, session.language)
    ids = scenario.caregiver_ids
    entries: list[Entry] = []
    shown = None
    phase = None

    def scene(view) -> None:
        nonlocal shown, phase
        key = (view.scene_id, view.decision)
        if key == shown:
            return
        if view.phase != phase:
            entries.append(Entry("phase", view.phase))
            phase = view.phase
        shown = key
        entries.extend(_scene_entries(view, ids))

    for action in session.actions:
        view = replay.view()
        (kind, value), = action.items()
        if kind == "choice":
            scene(view)
            text = next((c.text for c in view.choices if c.id == value), "")
            entries.append(Entry("choice", text))
            replay.choose(value)
        elif kind == "notice":
            if view.scene is not None:
                scene(view.scene)
            label = next((label for option, label in view.options if option == value), str(value))
            entries.append(Entry("notice", _("Asked what you noticed, you answered: {answer}.").format(answer=label)))
            replay.answer(value)
        else:
            entries.append(Entry("estimate", _("Your estimate at the end of the {phase} phase: {value} of 100.").format(
                phase=phase_label(view.phase).lower(), value=value)))
            replay.answer(value)
    view = replay.view()
    if view.kind == "scene":
        scene(view)
    elif view.scene is not None:
        scene(view.scene)
    return entries
