"""The plain-data state of a case in play. Copying it is cheap, so exploration can branch."""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.engine.alliance import alliance_score, caregiver_score
from sim.scenario import names
from sim.scenario.model import Scenario


@dataclass
class CaseState:
    scene: str
    phase: str
    dims: dict[str, dict[str, float]]
    shared_purpose: float
    stances: dict[str, str]
    variables: dict[str, object]
    fired: frozenset = frozenset()
    duties: frozenset = frozenset()
    decisions: int = 0
    ruptures: int = 0
    repairs: int = 0
    over: bool = False
    seed: int = 0
    # What the relationship remembers (sim/engine/memory.py).
    trust: dict[str, float] = field(default_factory=dict)   # slow trust baseline per caregiver
    marks: dict[str, int] = field(default_factory=dict)     # betrayals come to light, per caregiver
    owned: frozenset = frozenset()      # caregivers to whom the worker has owned her part since the last one
    tense: frozenset = frozenset()      # caregivers with an open tension
    due: tuple = ()                     # consequences to come: (event id, due at decision, caused by decision)
    supervised: bool = False            # the worker has been to supervision since her last power or owning move

    @classmethod
    def initial(cls, scenario: Scenario) -> "CaseState":
        variables = {name: var.initial for name, var in scenario.state_variables.items()}
        return cls(
            scene=scenario.start,
            phase=scenario.scenes[scenario.start].phase,
            dims={c.id: dict(c.alliance) for c in scenario.caregivers},
            shared_purpose=scenario.shared_purpose,
            stances={c.id: c.stance for c in scenario.caregivers},
            variables=variables,
            trust={c.id: 0.0 for c in scenario.caregivers},
            marks={c.id: 0 for c in scenario.caregivers},
        )

    def copy(self) -> "CaseState":
        return CaseState(self.scene, self.phase, {k: dict(v) for k, v in self.dims.items()}, self.shared_purpose,
                         dict(self.stances), dict(self.variables), self.fired, self.duties, self.decisions,
                         self.ruptures, self.repairs, self.over, self.seed, dict(self.trust), dict(self.marks),
                         self.owned, self.tense, self.due, self.supervised)

    @property
    def score(self) -> float:
        return alliance_score(self.dims, self.shared_purpose)

    def caregiver_score(self, caregiver_id: str) -> float:
        return caregiver_score(self.dims[caregiver_id])


def make_lookup(scenario: Scenario, state: CaseState, focus: str, score: float | None = None):
    """A name lookup for conditions, over this state; ``focus`` is the caregiver meant by 'stance'.

    What each name is comes from the declaration in ``sim.scenario.names``; this is the one reader of
    each kind of name. ``score``, when the caller already knows it, saves computing the alliance again.
    """
    declared = scenario.state_names
    score = [] if score is None else [score]  # at most once per lookup: the state does not change under it

    def lookup(name: str):
        spec = declared.get(name)
        if spec is None:
            raise KeyError(name)
        source = spec.source
        if source == names.VARIABLE:
            return state.variables[spec.subject]
        if source == names.ALLIANCE:
            if not score:
                score.append(state.score)
            return score[0]
        if source == names.FOCUS_STANCE:
            return state.stances[focus]
        if source == names.PHASE:
            return state.phase
        if source == names.SHARED_PURPOSE:
            return state.shared_purpose
        if source == names.COUNTER:
            return getattr(state, spec.subject)
        if source == names.EVENT:
            return spec.subject in state.fired
        if source == names.DUTY:
            return spec.subject in state.duties
        if source == names.CAREGIVER_STANCE:
            return state.stances[spec.subject]
        if source == names.CAREGIVER_ALLIANCE:
            return state.caregiver_score(spec.subject)
        if source == names.CAREGIVER_DIMENSION:
            return state.dims[spec.subject][spec.dimension]
        raise KeyError(name)  # a source this reader does not know: a bug, reported as an unknown name

    return lookup
