"""What a front end may show. Views carry words and observable cues, never hidden numbers.

The one exception is ``HiddenView``, which a front end must ask for
explicitly (facilitator mode, the debrief).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.i18n import N_, _

# The words below are marked for the catalogue and translated where a view is made (``_``), so that the
# window's language can change at once.
DEFAULT_CUES = {
    "engaged": N_("{name} talks freely and meets your eyes."),
    "guarded": N_("{name} answers carefully and watches how you react."),
    "withdrawn": N_("{name} says little and looks away."),
    "confrontational": N_("{name} leans forward; the voice is sharp."),
}

# Tone, heard whatever the stance: how warm she is with the worker (SOFTA's emotional connection).
# A guarded caregiver can still be warming to you; a worker hears that, and so should the learner.
TONE_CUES = ((1.5, N_("There is warmth in how {name} talks to you now.")),
             (-1.5, None),
             (-3.0, N_("{name}'s tone with you is cold.")))


def tone_cue(name: str, connection: float) -> str:
    for threshold, words in TONE_CUES:
        if connection >= threshold:
            return _(words).format(name=name) if words else ""
    return ""


# What the portrait alone suggests of the alliance, by stance: the baseline a learner who read only the
# portraits would reach (the debrief compares her calibration with it).
PORTRAIT_READINGS = {"engaged": 65.0, "guarded": 45.0, "withdrawn": 30.0, "confrontational": 30.0}


def portrait_reading(stances) -> float:
    stances = list(stances)
    return sum(PORTRAIT_READINGS[s] for s in stances) / len(stances)


CALIBRATION_QUESTION = N_("The {phase} phase is over. How strong do you think your working alliance with "
                          "{who} is now, from 0 (broken) to 100 (very strong)?")
NOTICE_QUESTION = N_("Pause for a moment. What do you notice in {who} right now?")


@dataclass(frozen=True)
class ChoiceView:
    id: str          # the choice's id (authored, or c1, c2... by position in the file): pass it to Session.choose
    number: int      # 1-based position among the choices shown (shuffled from the seed: it means nothing)
    text: str


@dataclass(frozen=True)
class SceneView:
    kind = "scene"
    scene_id: str
    phase: str
    phase_index: int
    speaker_id: str
    speaker_name: str
    text: str
    narration: str
    cue: str                    # the speaker's stance, as a worker would see it
    stance: str                 # the speaker's stance word (engaged, guarded, withdrawn, confrontational)
    stances: dict               # every caregiver's stance word
    choices: tuple[ChoiceView, ...]
    events: tuple[str, ...] = ()  # what happened on the way here ("She did not come on Tuesday.")
    decision: int = 0           # decisions made so far
    ending: dict | None = None  # {"type": ..., "title": ...} when this scene ends the case


@dataclass(frozen=True)
class PromptView:
    kind: str                   # "calibration" or "notice"
    question: str
    phase: str
    options: tuple[tuple[str, str], ...] = ()  # notice: (value, label); calibration: empty, answer 0..100
    decision: int = 0
    scene: "SceneView | None" = None  # notice: the scene just reached, so her reaction is seen before answering
    about: tuple[str, ...] = ()  # the caregivers asked about (the words are made again in each view)


@dataclass(frozen=True)
class HiddenView:
    """The hidden model, for facilitator mode and the debrief only."""

    score: float
    caregivers: dict            # id -> {"engagement", "connection", "safety", "score", "stance"}
    shared_purpose: float
    bordin: dict = field(default_factory=dict)
    history: tuple[float, ...] = ()  # the score after each decision so far (decision 0 is the start)
