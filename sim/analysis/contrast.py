"""The debrief's contrast: at every decision, the options not taken and what each would have left reachable.

Computed once per session from the look-ahead of its case and seed (``lookahead``, cached per digest and
seed, so a front end can start it in the background when the case starts). The states at each decision are
rebuilt by replaying the session's recorded choices through the core (``Lookahead.along``), as
``Session.replay`` does; after a take-back the session's decisions are the path it kept.

What is shown, and why it is honest
-----------------------------------
For each option at a decision:

* ``immediate``: the choice's own change of the alliance (exact: applied to a copy of the real state);
* ``reachable``: the best end-of-case alliance still reachable after it, in the sense of ``best_options``:
  the highest at a good closure (type ``closure``, every duty met) when one stays reachable, otherwise the
  highest at any ending. The figure is that of a *real line*: the look-ahead plays on from the option,
  taking at each decision the option it ranks first, to an ending (``Lookahead.line``). So every figure
  shown was reached by a path the learner could have played (``path``, kept for the tests), never an
  estimate; where the look-ahead's estimate of a merged state is off, the figure is lower than the true
  best, never higher than what can be reached;
* ``good``: whether that line ends in the good closure (again a fact about a real path);
* ``ending``: the ending that line reaches, with its title and type.

A decision is **key** when the best ending still reachable changes there: some option's line reaches an
ending of a better kind (duty met before failed, then ``ENDING_PREFERENCE``) than the line after the option
taken. At key decisions the debrief names the ending each better option would have led to.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict

from sim.i18n import N_, _
from sim.analysis.lookahead import end_value, lookahead
from sim.engine import core
from sim.errors import AllianceError
from sim.scenario import pronouns


def _kind(rank: tuple) -> tuple:
    """An ending's kind for 'the ending changed': duty met or not, and the ending type's place."""
    return rank[:2]


def _play(scenario, state, path):
    """Play a line's path from (a copy of) ``state``: the ending state."""
    state = state.copy()
    for step in path:
        core.apply_choice(scenario, state, scenario.scenes[state.scene].choice(step["choice"]))
    return state


_LINES: OrderedDict = OrderedDict()  # (digest, seed, path before the decision, choice id) -> (Line, end state)
LINES_KEPT = 4096  # about fifty played runs of a shipped case (a run has some 20 decisions of 3 to 5 options)
_LINES_LOCK = threading.Lock()


def _line(pass_, scenario, prefix: tuple, state, choice_id: str):
    """The real line after an option and the state it ends in, worked out once per (case, seed, the path
    before the decision, option): the path from the start fixes the state, so a line found while the case
    was played (``follow``) serves the debrief at its end."""
    key = (scenario.digest or id(scenario), pass_.seed, prefix, choice_id)
    with _LINES_LOCK:
        found = _LINES.get(key)
        if found is not None:
            _LINES.move_to_end(key)
            return found
    line = pass_.line(state, choice_id)
    found = (line, _play(scenario, state, line.path))
    with _LINES_LOCK:
        _LINES[key] = found
        while len(_LINES) > LINES_KEPT:
            _LINES.popitem(last=False)
    return found


def _option(pass_, scenario, prefix: tuple, state, option, lang: str, pronoun) -> dict:
    line, end = _line(pass_, scenario, prefix, state, option.choice)
    value = end_value(scenario, end)
    scene = scenario.scenes[end.scene]
    choice = scenario.scenes[state.scene].choice(option.choice)
    strategy = scenario.catalogue.strategies[option.strategy]
    return {"choice_id": option.choice, "choice_text": choice.text.get_text(lang),
            "strategy": option.strategy, "strategy_name": pronouns.fill(strategy.name.get_text(lang), pronoun),
            "category": strategy.category, "immediate": round(option.immediate, 1),
            "reachable": round(line.score, 1), "good": line.good,
            "ending": {"scene": end.scene, "type": scene.ending.type, "title": scene.ending.title.get_text(lang),
                       "duty_met": bool(value.rank[0])},
            "kind": _kind(value.rank), "path": [dict(step) for step in line.path]}


def contrast(session) -> dict:
    """{"decisions": [per decision: {"number", "taken", "others", "key", "better"}], "problem": str}.

    ``taken`` and each of ``others`` are options as described in the module docstring; ``better`` lists, at
    a key decision, the options whose line reached a better kind of ending than the one taken."""
    scenario, lang = session.scenario, session.language
    chosen = [record.choice_id for record in session.decisions]
    followed(scenario, session.seed)  # a thread following this case finds the same lines: let it finish them
    try:
        failed = _FAILED.get((scenario.digest, session.seed))
        if failed is not None:
            raise failed
        pass_ = lookahead(scenario, session.seed)
        steps = pass_.along(chosen)
    except AllianceError as exc:
        return {"decisions": [], "problem": _("The options not taken could not be worked out: {problem}").format(
            problem=exc)}
    found = []
    for number, (record, (state, choice_id, options)) in enumerate(zip(session.decisions, steps)):
        pronoun = pronouns.of_people([scenario.caregiver(t).pronoun for t in record.targets
                                      if t in scenario.caregiver_ids] or [scenario.caregivers[0].pronoun])
        prefix = tuple(chosen[:number])
        laid = [_option(pass_, scenario, prefix, state, option, lang, pronoun) for option in options]
        taken = next(o for o in laid if o["choice_id"] == choice_id)
        others = [o for o in laid if o is not taken]
        better = [o for o in others if o["kind"] > taken["kind"]]
        found.append({"number": record.number, "taken": taken, "others": others, "key": bool(better),
                      "better": [o["choice_id"] for o in better]})
    return {"decisions": found, "problem": ""}


_PASSES: dict = {}  # (digest, seed) -> the thread preparing that pass (alive or done)


def prepare(scenario, seed) -> threading.Thread:
    """Start the look-ahead for a case and seed in the background (a daemon thread), so that the debrief finds
    it ready when the case ends: a case takes many minutes to play, the pass seconds (up to a minute or two
    for the largest case: docs/performance.md)."""
    key = (scenario.digest, seed)
    worker = _PASSES.get(key)
    if worker is None or not isinstance(worker, threading.Thread):
        worker = threading.Thread(target=_prepare, args=(scenario, seed, key), name="lookahead", daemon=True)
        _PASSES[key] = worker
        worker.start()
    return worker


_FAILED: dict = {}  # (digest, seed) -> why the pass prepared in the background could not be made


def _prepare(scenario, seed, key) -> None:
    try:
        lookahead(scenario, seed)
    except AllianceError as exc:
        _FAILED[key] = exc  # the debrief says why the options not taken cannot be shown (without trying again)
        return
    # The pass holds about a million objects, none in a reference cycle: left to the cyclic collector, each of
    # its full collections would walk them all (1.3 s measured on hospital_admission), a pause the window
    # would show at any moment. Frozen, later collections pass them by; they are still freed when the pass
    # leaves the cache (by reference counting, which freezing does not stop).
    gc.freeze()


_FOLLOWING: dict = {}  # (digest, seed) -> [the thread following the case, the newest path it has still to do]
_FOLLOW_LOCK = threading.Lock()


def follow(session) -> None:
    """After a decision of a case whose pass was prepared: work out, in the background, the real line after
    every option at every decision of the path so far, so that at the end of the case the debrief has only
    the last decision's left to find (they are the debrief's main cost: docs/performance.md). One thread per
    case and seed, which waits for the pass and then takes the newest path it was given; lines are kept by
    the path before each decision, so a take-back loses none of those still on the path."""
    scenario, seed = session.scenario, session.seed
    key = (scenario.digest, seed)
    if key not in _PASSES:
        return  # only for a front end that prepared the pass (scripts and tests build the debrief in full)
    path = tuple(record.choice_id for record in session.decisions)
    with _FOLLOW_LOCK:
        entry = _FOLLOWING.get(key)
        if entry is not None:
            entry[1] = path
            return
        worker = threading.Thread(target=_follow, args=(scenario, seed, key), name="contrast", daemon=True)
        _FOLLOWING[key] = [worker, path]
    worker.start()


def _follow(scenario, seed, key) -> None:
    preparing = _PASSES.get(key)
    if isinstance(preparing, threading.Thread):
        preparing.join()
    while True:
        with _FOLLOW_LOCK:
            entry = _FOLLOWING[key]
            path, entry[1] = entry[1], None
            if path is None:
                del _FOLLOWING[key]  # under the lock: a later ``follow`` starts a new thread
                return
        if key in _FAILED:
            continue  # no pass to follow with (and not tried again here): the debrief says why
        try:
            pass_ = lookahead(scenario, seed)
            for number, (state, _choice, options) in enumerate(pass_.along(path)):
                for option in options:
                    _line(pass_, scenario, path[:number], state, option.choice)
        except AllianceError:
            pass  # the debrief will say why the options not taken cannot be shown


def followed(scenario, seed, wait: float | None = None) -> bool:
    """Whether the lines of the newest path given to ``follow`` are all worked out (waiting up to ``wait``
    seconds, or for as long as it takes with None): for benchmarks and tests."""
    with _FOLLOW_LOCK:
        entry = _FOLLOWING.get((scenario.digest, seed))
    if entry is None:
        return True
    entry[0].join(wait)
    return not entry[0].is_alive()


def pending(scenario, seed) -> bool:
    """Whether the pass for this case and seed is being prepared now (a debrief that did not find it ready can
    look again)."""
    worker = _PASSES.get((scenario.digest, seed))
    return isinstance(worker, threading.Thread) and worker.is_alive()


def ready(scenario, seed, wait: float = 0.0) -> bool:
    """Whether the pass for this case and seed was prepared and is done, waiting for it up to ``wait``
    seconds. A pass never prepared is not ready: building it is left to whoever asks for it explicitly."""
    worker = _PASSES.get((scenario.digest, seed))
    if worker is None:
        return False
    worker.join(wait)
    return not worker.is_alive()


NOT_READY = N_("The options not taken are still being worked out for this run. The debrief written with "
               "'alliance-sim debrief SAVE_OR_LOG --html OUT.html' has them in full.")
