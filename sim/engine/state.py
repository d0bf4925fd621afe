"""The plain-data state of a case in play. Copying it is cheap, so exploration can branch."""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.engine.alliance import alliance_score, caregiver_score
from sim.errors import ConditionError
from sim.scenario import names
from sim.scenario.conditions import _COMPARE
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
    worker: str = ""                    # the worker on the case now ("" in a case that names none)

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
            worker=scenario.first_worker,
        )

    def copy(self) -> "CaseState":
        """A copy to branch from: the mutable fields copied, the frozen sets and tuples shared. Field by field,
        in the order they are declared (as fast as updating a new instance's dict, and a compiled class has
        none)."""
        return CaseState(self.scene, self.phase, {k: dict(v) for k, v in self.dims.items()}, self.shared_purpose,
                         dict(self.stances), dict(self.variables), self.fired, self.duties, self.decisions,
                         self.ruptures, self.repairs, self.over, self.seed, dict(self.trust), dict(self.marks),
                         self.owned, self.tense, self.due, self.supervised, self.worker)

    @property
    def score(self) -> float:
        return alliance_score(self.dims, self.shared_purpose)

    def caregiver_score(self, caregiver_id: str) -> float:
        return caregiver_score(self.dims[caregiver_id])


def name_readers(scenario: Scenario) -> dict:
    """{name: reader(state, focus, score)} for every name a condition may read here: the one reader of each
    kind of name (what each name is comes from the declaration in ``sim.scenario.names``), made once per
    scenario. ``score`` is a one-item list holding the alliance once known (or empty)."""
    found = scenario.__dict__.get("_name_readers")
    if found is None:
        found = scenario.__dict__["_name_readers"] = {name: _reader(name, spec)
                                                      for name, spec in scenario.state_names.items()}
    return found


def _alliance(state, focus, score):
    if not score:
        score.append(state.score)
    return score[0]


def _reader(name, spec):
    source, subject = spec.source, spec.subject
    if source == names.VARIABLE:
        return lambda state, focus, score: state.variables[subject]
    if source == names.ALLIANCE:
        return _alliance
    if source == names.FOCUS_STANCE:
        return lambda state, focus, score: state.stances[focus]
    if source == names.PHASE:
        return lambda state, focus, score: state.phase
    if source == names.SHARED_PURPOSE:
        return lambda state, focus, score: state.shared_purpose
    if source == names.COUNTER:
        return lambda state, focus, score: getattr(state, subject)
    if source == names.EVENT:
        return lambda state, focus, score: subject in state.fired
    if source == names.DUTY:
        return lambda state, focus, score: subject in state.duties
    if source == names.WORKER:
        return lambda state, focus, score: state.worker
    if source == names.CAREGIVER_STANCE:
        return lambda state, focus, score: state.stances[subject]
    if source == names.CAREGIVER_ALLIANCE:
        return lambda state, focus, score: state.caregiver_score(subject)
    if source == names.CAREGIVER_DIMENSION:
        dimension = spec.dimension
        return lambda state, focus, score: state.dims[subject][dimension]

    def unknown(state, focus, score):
        raise KeyError(name)  # a source this reader does not know: a bug, reported as an unknown name
    return unknown


def make_lookup(scenario: Scenario, state: CaseState, focus: str, score: float | None = None):
    """A name lookup for conditions, over this state; ``focus`` is the caregiver meant by 'stance'.

    Each name is read by its reader from ``name_readers``. ``score``, when the caller already knows it, saves
    computing the alliance again.
    """
    readers = name_readers(scenario)
    known = [] if score is None else [score]  # at most once per lookup: the state does not change under it

    def lookup(name: str):
        reader = readers.get(name)
        if reader is None:
            raise KeyError(name)
        return reader(state, focus, known)

    return lookup


def compiled_condition(scenario: Scenario, condition):
    """``condition`` as a function of (state, focus) that reads names through ``name_readers`` directly, for
    the engine's hot path; made once per scenario and condition. The condition language is
    ``sim.scenario.conditions``: only its simplest shapes are compiled here (a name, a comparison of a name
    with a number, and not/and/or of those), with the same results and errors; any other condition runs as
    itself over ``make_lookup`` (tests/test_compiled_conditions.py checks both agree)."""
    def make():
        run = compiled_with_score(scenario, condition)

        def found(state, focus):
            return bool(run(state, focus, []))
        return found
    return _by_condition(scenario, "_compiled_conditions", condition, make)


def compiled_with_score(scenario: Scenario, condition):
    """``condition`` as a function of (state, focus, score) whose truth value is the condition's, ``score``
    as for the readers of ``name_readers`` (a one-item list with the alliance once known, else empty; steps
    that ask several conditions of one state share it). Made once per scenario and condition, as
    ``compiled_condition`` is, which is this with an empty ``score``."""
    def make():
        run = _compile(condition.tree, name_readers(scenario))
        if run is None:
            def run(state, focus, score):
                return condition(make_lookup(scenario, state, focus, score[0] if score else None))
        return run
    return _by_condition(scenario, "_compiled_with_score", condition, make)


def _by_condition(scenario: Scenario, name: str, condition, make):
    """What ``make`` makes of a condition, once per scenario (in its cache ``name``) and condition."""
    cache = scenario.__dict__.get(name)
    if cache is None:
        cache = scenario.__dict__[name] = {}
    entry = cache.get(id(condition))
    if entry is None or entry[0] is not condition:
        entry = cache[id(condition)] = (condition, make())  # by identity: the condition is kept alive with it
    return entry[1]


def _compile(tree, readers):
    """A function of (state, focus, score) for the shapes ``compiled_condition`` covers, else None."""
    kind = tree[0]
    if kind == "name":
        return readers.get(tree[1])
    if kind == "not":
        inner = _compile(tree[1], readers)
        return None if inner is None else (lambda state, focus, score: not inner(state, focus, score))
    if kind in ("and", "or"):
        a, b = _compile(tree[1], readers), _compile(tree[2], readers)
        if a is None or b is None:
            return None
        if kind == "and":
            return lambda state, focus, score: bool(a(state, focus, score)) and bool(b(state, focus, score))
        return lambda state, focus, score: bool(a(state, focus, score)) or bool(b(state, focus, score))
    if kind == "cmp":
        symbol, left, right = tree[1], tree[2], tree[3]
        if left[0] != "name" or right[0] != "const":
            return None
        read, number = readers.get(left[1]), right[1]
        if read is None or isinstance(number, bool) or not isinstance(number, (int, float)):
            return None
        op = _COMPARE[symbol]
        if symbol in ("==", "!="):
            return lambda state, focus, score: op(read(state, focus, score), number)

        def compare(state, focus, score):
            value = read(state, focus, score)
            if isinstance(value, str):
                raise ConditionError(f"cannot compare {value!r} {symbol} {number!r}")
            try:
                return op(value, number)
            except TypeError:
                raise ConditionError(f"cannot compare {value!r} {symbol} {number!r}") from None

        return compare
    return None
