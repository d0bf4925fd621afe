"""The immutable scenario model shared by the checker, the engine and the front ends."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping

from sim.scenario.conditions import Condition
from sim.i18n import PSEUDO, pseudo
from sim.i18n import language as current_language

PHASES = ("intake", "assessment", "intervention", "closure")
PHASE_INDEX = {name: i for i, name in enumerate(PHASES)}
STANCES = ("engaged", "guarded", "withdrawn", "confrontational")
RUPTURE_STANCES = ("withdrawn", "confrontational")
DIMENSIONS = ("engagement", "connection", "safety")
FAMILY_DIMENSION = "shared_purpose"
EFFECT_DIMENSIONS = DIMENSIONS + (FAMILY_DIMENSION,)
ENDING_TYPES = ("closure", "extension", "referral", "dropout", "escalation", "worker_departure")
CATEGORIES = ("counterproductive", "preventive", "repair", "neutral")
RELATIONS = ("mother", "father", "grandmother", "grandfather", "aunt", "uncle", "aunt_in_law",
             "uncle_in_law", "partner", "neighbour", "informal", "other")
MANDATES = ("mandated", "voluntary")
PRIOR_SERVICES = ("none", "neutral", "positive", "negative")
EXPECTATIONS = ("hopeful", "neutral", "fearful", "hostile")
RUPTURE_KINDS = ("withdrawal", "confrontation")
DIFFICULTIES = ("introductory", "intermediate", "advanced")
NARRATOR = "narrator"
ALL = "all"

# Tension ids from the domain brief, with the phase each belongs to.
TENSIONS = {
    "tense_start": "intake",
    "loss_of_control": "intake",
    "non_confidentiality": "assessment",
    "investigative_role": "assessment",
    "unmet_expectations": "intervention",
    "disengagement": "intervention",
    "intimidation": "intervention",
    "family_conflict": "intervention",
    "closure_weariness": "closure",
    "extension_or_referral": "closure",
    "worker_departure": "closure",
}

class Text(dict):
    """Language-keyed text: {'en': ..., 'es': ...}. ``get_text`` falls back to English."""

    def get_text(self, language: str | None = None) -> str:
        """The text in ``language`` (default: the interface's language now), else English."""
        if language is None:
            language = current_language()
        if language == PSEUDO:  # the pseudo-localisation test: case texts marked like the interface's
            return pseudo(self.get("en") or "")
        return self.get(language) or self.get("en") or ""

    def lacks(self, language: str) -> bool:
        """Whether this text falls back to English in ``language``."""
        return language not in ("en", PSEUDO) and not self.get(language)


@dataclass(frozen=True)
class Reference:
    key: str
    citation: str
    doi: str = ""
    citation_es: str = ""  # the Spanish edition, where one exists (shown when the interface is in Spanish)

    def shown_citation(self, language: str | None = None) -> str:
        language = current_language() if language is None else language
        return self.citation_es if language == "es" and self.citation_es else self.citation


@dataclass(frozen=True)
class Strategy:
    id: str
    category: str
    power: bool
    name: Text
    effects: Mapping[str, float]
    rationale: Text
    references: tuple[str, ...]
    acts_on: str = "caregiver"    # "worker": the move changes the worker (supervision), not the caregiver
    owns_part: bool = False       # the worker owns her part: the one repair a discovered betrayal accepts
    withholds_report: bool = False  # the move leaves a required report unmade


ACTS_ON = ("caregiver", "worker")


@dataclass(frozen=True)
class Catalogue:
    """The shared strategy and reference catalogues."""

    strategies: Mapping[str, Strategy]
    references: Mapping[str, Reference]
    digest: str = ""


@dataclass(frozen=True)
class Caregiver:
    id: str
    name: str
    relation: str
    mandate: str
    prior_services: str
    expectations: str
    reacts_by: str
    stance: str
    alliance: Mapping[str, float]
    description: Text | None = None
    cues: Mapping[str, Text] = field(default_factory=dict)
    pronoun: str = "she"   # she, he or they: fills the catalogue's wording (sim/scenario/pronouns.py)

    @property
    def rupture_stance(self) -> str:
        return "withdrawn" if self.reacts_by == "withdrawal" else "confrontational"


@dataclass(frozen=True)
class Person:
    id: str
    name: str | Text  # a name, or language-keyed when it carries words ("Carmen (coordinator)")
    role: Text | None = None
    line: int = 0

    @property
    def shown_name(self) -> str:
        return self.name_in()

    def name_in(self, language: str | None = None) -> str:
        return self.name.get_text(language) if isinstance(self.name, Text) else self.name


@dataclass(frozen=True)
class Variable:
    name: str
    type: str  # "bool" or "number"
    initial: object
    min: float | None = None
    max: float | None = None
    description: str = ""


@dataclass(frozen=True)
class Variant:
    when: Condition | None
    stance: str | None
    text: Text | None
    narration: Text | None
    line: int = 0


@dataclass(frozen=True)
class Effects:
    """What a choice or an event does to the case: one bundle, read by one loader function, applied by one
    function of the core (``apply_effects``) and checked by one function of the checker.

    ``dims`` is a choice's change per dimension for the caregivers it targets, in place of the strategy's
    defaults and subject to the context rules; ``by_caregiver`` is an event's plain change per caregiver
    (or ``all``); ``others`` is a choice's change for the caregivers it does not target.
    """

    dims: Mapping[str, float] = field(default_factory=dict)
    by_caregiver: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    others: Mapping[str, float] = field(default_factory=dict)
    set: Mapping[str, object] = field(default_factory=dict)
    add: Mapping[str, float] = field(default_factory=dict)
    stance: Mapping[str, str] = field(default_factory=dict)
    betrayal: bool = False        # a betrayal comes to light (a withheld report, a broken promise): a lasting mark
    tension: bool = False         # opens a tension (a complaint, a grievance) that repair can answer
    schedule: Mapping[str, int] = field(default_factory=dict)  # event id -> decisions from now when it comes due
    handover: str | None = None   # the case passes to this worker (one of the scenario's ``workers``)


NO_EFFECTS = Effects()


@dataclass(frozen=True)
class Route:
    to: str
    when: Condition | None = None
    line: int = 0


@dataclass(frozen=True)
class Choice:
    index: int                   # its position in the scene as written (0-based)
    text: Text
    strategy: str
    feedback: Text
    routes: tuple[Route, ...]
    target: str | None = None
    does: Effects = NO_EFFECTS
    when: Condition | None = None
    tensions: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    line: int = 0
    id: str = ""                 # the authored ``id``, else c1, c2... by position: saves and logs name it
    variants: tuple = ()         # ChoiceVariant: the first that holds (and has it) gives the text, and the feedback

    def __post_init__(self):
        if not self.id:
            object.__setattr__(self, "id", f"c{self.index + 1}")


@dataclass(frozen=True)
class ChoiceVariant:
    """Other words for a choice, or other feedback, when a condition (or her stance) holds as it is shown."""

    when: Condition | None
    stance: str | None
    text: Text | None
    feedback: Text | None
    line: int = 0


@dataclass(frozen=True)
class Ending:
    type: str
    title: Text


@dataclass(frozen=True)
class Scene:
    id: str
    phase: str
    speaker: str
    text: Text | None
    narration: Text | None = None
    variants: tuple[Variant, ...] = ()
    choices: tuple[Choice, ...] = ()
    ending: Ending | None = None
    tensions: tuple[str, ...] = ()
    allow_phase_return: bool = False
    line: int = 0
    incomplete: bool = False  # some of its choices could not be read (already reported)

    def choice(self, choice_id: str) -> Choice:
        """The choice with this id (``Choice.id``, as views, saves and logs name it)."""
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        raise KeyError(choice_id)


@dataclass(frozen=True)
class Duty:
    id: str
    text: Text
    arises: Condition
    met: Condition
    line: int = 0


@dataclass(frozen=True)
class Event:
    id: str
    text: Text
    at: tuple[str, ...] = ()
    phase: str | None = None
    when: Condition | None = None
    chance: float = 1.0
    once: bool = True
    does: Effects = NO_EFFECTS
    goto: str | None = None
    line: int = 0


@dataclass(frozen=True)
class Interrupt:
    when: Condition
    to: str
    line: int = 0


@dataclass(frozen=True)
class Scenario:
    id: str
    title: Text
    summary: Text
    learning_goals: tuple[Text, ...]
    minutes: int
    difficulty: str
    caregivers: tuple[Caregiver, ...]
    people: tuple[Person, ...]
    variables: Mapping[str, Variable]
    child_safety: float
    shared_purpose: float
    duties: tuple[Duty, ...]
    events: tuple[Event, ...]
    interrupts: tuple[Interrupt, ...]
    start: str
    scenes: Mapping[str, Scene]
    catalogue: Catalogue
    path: str = ""
    digest: str = ""
    recurring_tensions: tuple[str, ...] = ()  # tensions this case tags outside their phase on purpose
    workers: tuple[Person, ...] = ()  # the workers the learner plays, the first from the start (none: one, unnamed)

    @property
    def first_worker(self) -> str:
        """The worker on the case at the start ("" when the case names none)."""
        return self.workers[0].id if self.workers else ""

    def worker_name(self, worker_id: str, language: str | None = None) -> str:
        for worker in self.workers:
            if worker.id == worker_id:
                return worker.name_in(language)
        return ""

    def caregiver(self, caregiver_id: str) -> Caregiver:
        return self._caregivers_by_id[caregiver_id]

    @cached_property
    def _caregivers_by_id(self) -> dict[str, Caregiver]:
        return {c.id: c for c in self.caregivers}

    @cached_property
    def caregiver_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.caregivers)

    def speaker_name(self, speaker: str) -> str:
        for caregiver in self.caregivers:
            if caregiver.id == speaker:
                return caregiver.name
        for person in self.people:
            if person.id == speaker:
                return person.shown_name
        return ""

    def focus_of(self, scene_id: str) -> str:
        """``focus_caregiver`` by scene id, remembered (the engine asks on every condition)."""
        return self._focus[scene_id]

    @cached_property
    def _focus(self) -> dict[str, str]:
        return {sid: self.focus_caregiver(scene) for sid, scene in self.scenes.items()}

    def focus_caregiver(self, scene: Scene) -> str:
        """The caregiver a scene is about: its speaker when that is a caregiver, else the first."""
        if scene.speaker in self.caregiver_ids:
            return scene.speaker
        return self.caregivers[0].id

    def events_at(self, scene_id: str) -> tuple[Event, ...]:
        """The events that may happen on entering a scene, in the order authored."""
        return self._events_by_scene.get(scene_id, ())

    def event(self, event_id: str) -> Event:
        return self._events_by_id[event_id]

    @cached_property
    def _events_by_id(self) -> dict[str, Event]:
        return {event.id: event for event in self.events}

    def effect_bundles(self, scene_id: str | None = None) -> list[Effects]:
        """The effect bundles of every choice and every event; with ``scene_id``, those that can apply at that
        scene: its choices', and those of the events that happen on entering it."""
        if scene_id is None:
            return [c.does for scene in self.scenes.values() for c in scene.choices] + [e.does for e in self.events]
        return [c.does for c in self.scenes[scene_id].choices] + [e.does for e in self.events_at(scene_id)]

    @cached_property
    def scheduled_events(self) -> frozenset[str]:
        """Events some choice or event schedules: they happen when they come due, not on their own."""
        return frozenset(eid for bundle in self.effect_bundles() for eid in bundle.schedule)

    @cached_property
    def _events_by_scene(self) -> dict[str, tuple[Event, ...]]:
        found: dict[str, list[Event]] = {}
        for event in self.events:
            if event.id in self.scheduled_events:
                continue
            for scene in self.scenes.values():
                if (scene.id in event.at) if event.at else (scene.phase == event.phase):
                    found.setdefault(scene.id, []).append(event)
        return {sid: tuple(events) for sid, events in found.items()}

    @property
    def endings(self) -> list[Scene]:
        return [scene for scene in self.scenes.values() if scene.ending is not None]

    @cached_property
    def scene_edges(self) -> list:
        """The scene graph's edges (see ``sim.scenario.graph``), worked out once."""
        from sim.scenario.graph import scene_edges

        return scene_edges(self)

    @cached_property
    def state_variables(self) -> dict[str, Variable]:
        """The scenario's own variables and the built-in ones (child safety), each with its type and range."""
        from sim.scenario.names import builtin_variables

        return {**builtin_variables(self), **self.variables}

    @cached_property
    def state_names(self) -> dict:
        """Every name a condition may read here, with what it is (see ``sim.scenario.names``)."""
        from sim.scenario.names import state_names

        return state_names(self)

    def condition_names(self) -> set[str]:
        """Every name a condition in this scenario may read."""
        return set(self.state_names)
