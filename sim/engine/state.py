"""The plain-data state of a case in play. Copying it is cheap, so exploration can branch."""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.engine.alliance import alliance_score, caregiver_score
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

    @classmethod
    def initial(cls, scenario: Scenario) -> "CaseState":
        variables = {name: var.initial for name, var in scenario.variables.items()}
        variables["child_safety"] = scenario.child_safety
        return cls(
            scene=scenario.start,
            phase=scenario.scenes[scenario.start].phase,
            dims={c.id: dict(c.alliance) for c in scenario.caregivers},
            shared_purpose=scenario.shared_purpose,
            stances={c.id: c.stance for c in scenario.caregivers},
            variables=variables,
        )

    def copy(self) -> "CaseState":
        return CaseState(self.scene, self.phase, {k: dict(v) for k, v in self.dims.items()}, self.shared_purpose,
                         dict(self.stances), dict(self.variables), self.fired, self.duties, self.decisions,
                         self.ruptures, self.repairs, self.over, self.seed)

    @property
    def score(self) -> float:
        return alliance_score(self.dims, self.shared_purpose)

    def caregiver_score(self, caregiver_id: str) -> float:
        return caregiver_score(self.dims[caregiver_id])


def make_lookup(scenario: Scenario, state: CaseState, focus: str, score: float | None = None):
    """A name lookup for conditions, over this state; ``focus`` is the caregiver meant by 'stance'.

    ``score``, when the caller already knows it, saves computing the alliance again.
    """

    score = [] if score is None else [score]  # at most once per lookup: the state does not change under it

    def lookup(name: str):
        if name in state.variables:
            return state.variables[name]
        if name == "alliance":
            if not score:
                score.append(state.score)
            return score[0]
        if name == "stance":
            return state.stances[focus]
        if name == "phase":
            return state.phase
        if name == "shared_purpose":
            return state.shared_purpose
        if name == "decisions":
            return state.decisions
        if name == "ruptures":
            return state.ruptures
        if name == "repairs":
            return state.repairs
        if name.startswith("event_"):
            return name[6:] in state.fired
        if name.startswith("duty_"):
            return name[5:] in state.duties
        caregiver, _, suffix = name.rpartition("_")
        if caregiver in state.dims:
            if suffix == "stance":
                return state.stances[caregiver]
            if suffix == "alliance":
                return state.caregiver_score(caregiver)
            if suffix in state.dims[caregiver]:
                return state.dims[caregiver][suffix]
        raise KeyError(name)

    return lookup
