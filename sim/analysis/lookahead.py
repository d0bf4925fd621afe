"""What can still happen after each option: one backward pass over exploration's buckets.

The debrief (what a better response would have been) and the audit (is the
right move the one that pays at once?) both ask, at a decision: for each
visible choice, what it does now, the best and the worst end-of-case alliance
still reachable after it, whether the good closure (an ending of type
``closure`` with no legal duty failed) stays reachable, and the best ending
still reachable. This module answers from one pass per case and seed.

The pass
--------
It runs forward like ``explore`` (same buckets from ``make_state_key``,
scenes in ``scene_order``, the highest and the lowest state of each bucket
kept with its real dimensions) and records, for every kept state, the child
each choice leads to: the bucket graph. Then it goes backwards, later scenes
first, and gives each kept state its value: the best and worst reachable
final alliance, whether the good closure is reachable, the best alliance at a
good closure, and the best ending (see ``outcome_rank``). An ending's value is
its own state's, exactly.

What a bucket merges, and so what is exact
------------------------------------------
Two states in one bucket look the same to every condition they can still
meet; they differ only in their hidden dimensions (and so in their score).
The pass keeps two of them, the lowest and the highest; a state in between
(or outside, for a state the pass never saw, such as a learner's) is valued
from those two, by its score: linearly between them, and shifted by the
difference in score beyond them (a state 3 points lower than the lowest kept
one is taken to end 3 points lower). Whether the good closure stays reachable
and the best ending are those of the nearer kept state.

* Exact: the immediate change of a choice (it is applied to a copy of the
  real state); the value of an ending; and every value whenever each bucket
  the case can reach holds at most the two states kept (small cases), because
  then every child is a kept state and the recursion is over real states.
  ``exact=True`` merges only identical states: it is then brute force with
  sharing, exact on any case and practical only on small ones (the tests use
  it to check the pass against full enumeration).
* Approximate: a merged state's future. The context rules (headroom near +3,
  power moves costing more at low safety, stance changes that depend on the
  dimensions) make the same moves worth different amounts to states of one
  bucket, so a value read from the two kept states can be off by a few points,
  and a threshold that only some states of a bucket will cross later can make
  the good-closure flag of a middle state wrong. ``bench/bench_lookahead.py``
  measures both against brute force on small generated cases; the figures are
  in docs/performance.md.
* Honest: ``line`` plays a real path from a real state (following, at each
  decision, the option the values rank first) and returns its real final
  alliance and ending: a figure shown to a learner as "reachable" can be taken
  from there, because it was reached.

"Best" for a decision is defined once, in ``best_options``.
"""

from __future__ import annotations

import heapq
import threading
from dataclasses import dataclass, fields

from sim.analysis.buckets import make_state_key, scene_graph, scene_order
from sim.engine import core
from sim.engine.state import CaseState
from sim.errors import PlayError
from sim.scenario.gcpause import collector_paused
from sim.scenario.model import Scenario

TIE = 1e-6          # alliance points: values this close are the same value
GOOD_CLOSURE = "closure"
# Endings from the most to the least wanted, after the duty (a failed duty ranks below any met one):
# the case closes; the measure is extended; the family is referred on; the worker leaves; she drops out;
# it escalates to the court.
ENDING_PREFERENCE = ("closure", "extension", "referral", "worker_departure", "dropout", "escalation")
MAX_ROUNDS = 100    # value iteration inside a loop of the bucket graph (events that divert back)
CACHE_SIZE = 16
_IDENTITY_FIELDS = sorted(f.name for f in fields(CaseState) if f.name != "seed")  # what ``_identity`` compares


@dataclass(frozen=True)
class Value:
    """What can still happen from a state (alliance on its 0-100 scale)."""

    best: float                 # the best final alliance reachable
    worst: float                # the worst
    good: bool                  # the good closure (type closure, no duty failed) is reachable
    best_good: float | None     # the best final alliance at a good closure (None: unreachable)
    ending: str                 # the best ending reachable (``outcome_rank``)
    rank: tuple                 # that ending's rank, for comparisons

    def shifted(self, delta: float) -> "Value":
        return Value(_clip(self.best + delta), _clip(self.worst + delta), self.good,
                     None if self.best_good is None else _clip(self.best_good + delta), self.ending, self.rank)


@dataclass(frozen=True)
class Option:
    """One visible choice at a decision, with what it does now and what it leaves reachable."""

    choice: str                 # Choice.id
    strategy: str
    immediate: float            # the choice's own change of the alliance (before any event it leads to)
    after: float                # the alliance once the step is over (events on entering the next scene too)
    value: Value

    @property
    def long_run(self) -> float:
        """The alliance figure ``best_options`` ranks by (see there)."""
        return self.value.best_good if self.value.good else self.value.best


@dataclass(frozen=True)
class Line:
    """A real path from a decision to an ending, and where it ends."""

    path: tuple                 # ({"scene", "choice", "strategy"}, ...) from the decision on
    score: float
    ending: str
    good: bool


def _clip(score: float) -> float:
    return 0.0 if score < 0 else 100.0 if score > 100 else score


def outcome_rank(scenario: Scenario, state: CaseState, failed: bool | None = None) -> tuple:
    """How wanted an ending is: no duty failed first, then the ending's type (``ENDING_PREFERENCE``),
    then the alliance."""
    kind = scenario.scenes[state.scene].ending.type
    place = ENDING_PREFERENCE.index(kind) if kind in ENDING_PREFERENCE else len(ENDING_PREFERENCE)
    failed = core.duty_failed(scenario, state) if failed is None else failed
    return (not failed, -place, state.score)


def end_value(scenario: Scenario, state: CaseState) -> Value:
    """The value of a state at an ending: its own, exactly."""
    score, failed = state.score, core.duty_failed(scenario, state)
    good = scenario.scenes[state.scene].ending.type == GOOD_CLOSURE and not failed
    return Value(score, score, good, score if good else None, state.scene, outcome_rank(scenario, state, failed))


def combine(values) -> Value | None:
    """The value of a decision from the values of its options: the best of each (None without options)."""
    top = best = worst = best_good = None
    for value in values:
        if top is None:
            top, best, worst = value, value.best, value.worst
        else:
            best, worst = max(best, value.best), min(worst, value.worst)
            if value.rank > top.rank:
                top = value
        if value.good and (best_good is None or value.best_good > best_good):
            best_good = value.best_good
    if top is None:
        return None
    return Value(best, worst, best_good is not None, best_good, top.ending, top.rank)


def best_options(options: list[Option]) -> list[Option]:
    """The one definition of the best option(s) at a decision.

    The best option keeps the good closure reachable (a closure with every duty met) and, among those that
    do, leaves the highest alliance reachable at such a closure. Where no option keeps it reachable, the
    best is the one with the highest final alliance reachable at all. Options within ``TIE`` of the top are
    all best.
    """
    if not options:
        return []
    pool = [o for o in options if o.value.good] or list(options)
    top = max(o.long_run for o in pool)
    return [o for o in pool if o.long_run >= top - TIE]


def _interpolate(low: tuple, high: tuple, score: float) -> Value:
    """The value of a state of a bucket from its two kept states ((score, Value) each), by score."""
    (s_low, v_low), (s_high, v_high) = low, high
    near_score, near = (s_low, v_low) if score - s_low <= s_high - score else (s_high, v_high)
    if score <= s_low or score >= s_high or s_high - s_low <= TIE:
        return near.shifted(score - near_score)
    t = (score - s_low) / (s_high - s_low)

    def mix(a: float, b: float) -> float:
        return a + t * (b - a)

    if v_low.good and v_high.good:
        best_good = mix(v_low.best_good, v_high.best_good)
    else:
        best_good = _clip(near.best_good + score - near_score) if near.good else None
    return Value(mix(v_low.best, v_high.best), mix(v_low.worst, v_high.worst), near.good, best_good,
                 near.ending, near.rank)


def _step(scenario: Scenario, state: CaseState, choice) -> tuple[CaseState, float]:
    """The state after a choice (on a copy), and the choice's own change of the alliance, apart from what the
    events it leads to did (``StepReport``)."""
    child, report = state.copy(), core.QuietReport(choice_score=True)
    core.apply_choice(scenario, child, choice, report)
    return child, report.score_after_choice - state.score


def _identity(state: CaseState):
    """Everything a state holds but its seed, frozen, with floats rounded: equal means the same future."""
    def freeze(value):
        if isinstance(value, dict):
            return tuple(sorted((k, freeze(v)) for k, v in value.items()))
        if isinstance(value, float):
            return round(value, 9)
        if isinstance(value, (set, frozenset)):
            return tuple(sorted(value))
        return value
    return tuple((name, freeze(getattr(state, name))) for name in _IDENTITY_FIELDS)


class Lookahead:
    """The values of one case under one seed (chance events are drawn from the seed)."""

    def __init__(self, scenario: Scenario, seed=0, exact: bool = False):
        self.scenario, self.seed, self.exact = scenario, seed, exact
        graph = scene_graph(scenario)
        self._rank = scene_order(scenario, graph)
        bucket = make_state_key(scenario, graph, self._rank)
        self._key = (lambda state, score=None: (bucket(state, score), _identity(state))) if exact else bucket
        self.nodes = self.edges = 0
        with collector_paused():
            self._forward()
            self._backward()

    # -- the pass ---------------------------------------------------------------------------------------
    def _forward(self) -> None:
        """Exploration's search, keeping each kept state's options as edges: (the score after the step, the
        child's bucket, or None at an ending and then the ending's value)."""
        scenario = self.scenario
        start = core.start(scenario, self.seed)
        states, scores, keys = [start], [start.score], [self._key(start)]
        kept: dict[tuple, list[int]] = {keys[0]: [0, 0]}
        edges: dict[int, list[tuple]] = {}
        queue = [(self._rank[start.scene], 0)]
        while queue:
            _, index = heapq.heappop(queue)
            state = states[index]
            if index not in kept[keys[index]]:
                continue  # superseded by a higher or lower state in its bucket before it was expanded
            found = edges[index] = []
            for choice in core.visible_choices(scenario, state):
                child = state.copy()
                core.apply_choice(scenario, child, choice)
                score = child.score
                if child.over:
                    found.append((score, None, end_value(scenario, child)))
                    continue
                key = self._key(child, score)
                found.append((score, key, None))
                pair = kept.get(key)
                if pair is not None and scores[pair[0]] <= score <= scores[pair[1]]:
                    continue
                states.append(child), scores.append(score), keys.append(key)
                new = len(states) - 1
                if pair is None:
                    kept[key] = [new, new]
                elif score < scores[pair[0]]:
                    pair[0] = new
                else:
                    pair[1] = new
                heapq.heappush(queue, (self._rank[child.scene], new))
        self.nodes, self.edges = len(states), sum(len(e) for e in edges.values())
        self._states, self._scores, self._kept = states, scores, kept
        self._edges = {i: e for i, e in edges.items() if i in kept[keys[i]]}

    def _backward(self) -> None:
        """Values of the kept states, later scenes first; inside a loop of the graph, until they settle."""
        self._values: dict[int, Value] = {}
        by_rank: dict[int, list[int]] = {}
        for index in self._edges:
            by_rank.setdefault(self._rank[self._states[index].scene], []).append(index)
        for rank in sorted(by_rank, reverse=True):
            group = by_rank[rank]
            # Without an edge inside the group (no loop), one round gives every value from later scenes only:
            # a second round would find nothing changed.
            rounds = MAX_ROUNDS if self._loops_within(group, rank) else 1
            for _ in range(rounds):
                changed = False
                for index in group:
                    value = combine(v for v in (self._edge_value(e) for e in self._edges[index]) if v is not None)
                    if value is not None and value != self._values.get(index):
                        self._values[index] = value
                        changed = True
                if not changed:
                    break

    def _loops_within(self, group: list[int], rank: int) -> bool:
        """Whether some edge of these states (all of one rank) leads to a bucket of the same rank."""
        states, kept, ranks = self._states, self._kept, self._rank
        for index in group:
            for _, key, _ in self._edges[index]:
                if key is not None:
                    pair = kept.get(key)
                    if pair is not None and ranks[states[pair[0]].scene] == rank:
                        return True
        return False

    def _edge_value(self, edge: tuple) -> Value | None:
        score, key, end = edge
        return end if key is None else self._bucket_value(key, score)

    def _bucket_value(self, key, score: float) -> Value | None:
        pair = self._kept.get(key)
        if pair is None:
            return None
        low, high = self._values.get(pair[0]), self._values.get(pair[1])
        if low is None or high is None:
            return low or high
        return _interpolate((self._scores[pair[0]], low), (self._scores[pair[1]], high), score)

    # -- questions --------------------------------------------------------------------------------------
    def value(self, state: CaseState) -> Value:
        """What can still happen from any state of this case (at a decision or an ending)."""
        if state.over:
            return end_value(self.scenario, state)
        known = self._bucket_value(self._key(state), state.score)
        return known if known is not None else self._expand(state)

    def _expand(self, root: CaseState) -> Value:
        """A state in a bucket the pass never valued (a learner's path can leave the kept states): value it
        from its children, depth first, each new bucket once (from the first state met in it, shifted by
        score like a kept one)."""
        seen: dict[tuple, tuple[float, Value | None]] = {}
        root_key = self._key(root)
        open_keys = {root_key}
        stack = [(root, root_key, None)]
        while stack:
            state, key, children = stack[-1]
            if children is None:
                children = []
                for choice in core.visible_choices(self.scenario, state):
                    child = state.copy()
                    core.apply_choice(self.scenario, child, choice)
                    children.append((child, None if child.over else self._key(child)))
                stack[-1] = (state, key, children)
            waiting = [(c, k) for c, k in children if k is not None and k not in seen and k not in open_keys
                       and self._bucket_value(k, c.score) is None]
            if waiting:
                open_keys.add(waiting[0][1])
                stack.append((*waiting[0], None))
                continue
            stack.pop()
            open_keys.discard(key)
            values = (self._known(c, k, seen) for c, k in children)
            seen[key] = (state.score, combine(v for v in values if v is not None))
        value = seen[root_key][1]
        if value is None:
            raise PlayError(f"no ending can be reached from scene '{root.scene}' (every choice is hidden)")
        return value

    def _known(self, state: CaseState, key, seen: dict) -> Value | None:
        if key is None:
            return end_value(self.scenario, state)
        known = self._bucket_value(key, state.score)
        if known is None and seen.get(key, (0.0, None))[1] is not None:
            score, known = seen[key]
            known = known.shifted(state.score - score)
        return known

    def options(self, state: CaseState) -> list[Option]:
        """Each visible choice at a decision (in written order): its own change now, the alliance after the
        step, and what stays reachable after it."""
        found = []
        for choice in core.visible_choices(self.scenario, state):
            child, immediate = _step(self.scenario, state, choice)
            found.append(Option(choice.id, choice.strategy, immediate, child.score, self.value(child)))
        return found

    def line(self, state: CaseState, choice_id: str | None = None) -> Line:
        """A real path from ``state`` to an ending (first taking ``choice_id``, if given), choosing at each
        decision the option ``best_options`` ranks first (the first of them as written)."""
        scenario, state, path = self.scenario, state.copy(), []
        while not state.over:
            if choice_id is None:
                choice_id = best_options(self.options(state))[0].choice
            choice = scenario.scenes[state.scene].choice(choice_id)
            path.append({"scene": state.scene, "choice": choice.id, "strategy": choice.strategy})
            core.apply_choice(scenario, state, choice)
            choice_id = None
        end = end_value(scenario, state)
        return Line(tuple(path), state.score, state.scene, end.good)

    def decisions(self) -> list[tuple[CaseState, Value]]:
        """The states the pass kept at decisions (the lowest and highest of each bucket) with their values,
        in scene order and, within a scene, by alliance: the contexts the audit judges a decision in. The
        states are the pass's own: copy one before changing it."""
        found = [(self._states[i], self._values[i]) for i in self._edges if i in self._values]
        found.sort(key=lambda pair: (self._rank[pair[0].scene], pair[0].scene, pair[0].score))
        return found

    def along(self, choice_ids) -> list[tuple[CaseState, str, list[Option]]]:
        """A played path (choice ids from the start, as saves and logs name them), decision by decision: the
        state before it, the choice taken and every option there. What the debrief contrasts."""
        state, found = core.start(self.scenario, self.seed), []
        for choice_id in choice_ids:
            if state.over:
                raise PlayError(f"the path goes on after the case ended (at '{state.scene}')")
            try:
                choice = self.scenario.scenes[state.scene].choice(choice_id)
            except KeyError:
                raise PlayError(f"scene '{state.scene}' has no choice '{choice_id}'") from None
            found.append((state.copy(), choice_id, self.options(state)))
            core.apply_choice(self.scenario, state, choice)
        return found

    @property
    def start_value(self) -> Value:
        return self.value(core.start(self.scenario, self.seed))


_CACHE: dict[tuple, Lookahead] = {}
_CACHE_LOCK = threading.Lock()  # a front end may compute the pass in the background while the case is played


def lookahead(scenario: Scenario, seed=0, exact: bool = False) -> Lookahead:
    """The pass for a case and seed, computed once per (scenario digest, seed) and kept (the last
    ``CACHE_SIZE`` used)."""
    key = (scenario.digest or id(scenario), seed, exact)
    with _CACHE_LOCK:
        found = _CACHE.pop(key, None)
        if found is None:
            found = Lookahead(scenario, seed, exact)
        _CACHE[key] = found
        while len(_CACHE) > CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
    return found


def lookaheads(scenario: Scenario, seeds=(0,)) -> dict:
    """The pass for every seed asked for: {seed: Lookahead}."""
    return {seed: lookahead(scenario, seed) for seed in seeds}
