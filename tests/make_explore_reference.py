"""Write tests/data/explore_reference.json: the full results of ``explore`` and of the look-ahead pass for
every shipped case and a few generated ones, as the code computes them when this is run.

    python tests/make_explore_reference.py            # all cases (several minutes: the passes are slow)
    python tests/make_explore_reference.py CASE ...   # only these (by name), keeping the others

Made once from main before the speed work of issue 14 (``tests/test_explore_reference.py`` compares every
later version with it): any optimisation must leave every figure here exactly as it is.

What is stored per case:
* ``explore``: ``Exploration.as_dict()`` for seed 0 (and seeds 0 and 1 together), every ending's summary
  with its best and worst paths, the states kept and the choices followed;
* ``lookahead``: for seed 0, the states kept and choices followed, the start's value, a digest of every
  kept decision state with its value (``decisions()``, what the audit judges), and, for the best line and
  two random played paths, every option at every decision with its values and the real line from it (what
  the debrief reads, ``along`` and ``line``).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sim.analysis.explore import explore  # noqa: E402
from sim.analysis.lookahead import Lookahead, _identity  # noqa: E402
from sim.engine import core, open_case  # noqa: E402
from sim.scenario.catalogue import load_catalogue  # noqa: E402
from sim.scenario.library import scenario_files  # noqa: E402
from sim.scenario.loader import read_scenario  # noqa: E402
from sim.scenario.problems import ProblemList  # noqa: E402
from played_paths import random_path  # noqa: E402
from synthetic import synthetic_scenario  # noqa: E402

OUT = ROOT / "tests" / "data" / "explore_reference.json"
GENERATED = {"generated_6x3_s1": (6, 3, 1), "generated_7x3_s4": (7, 3, 4), "generated_5x4_s7": (5, 4, 7),
             "generated_40x4_s0": (40, 4, 0), "generated_200x4_s0": (200, 4, 0)}
EXACT = ("generated_6x3_s1", "generated_5x4_s7")   # also the exact=True pass on these


def cases() -> dict:
    """{name: scenario} for every case the reference covers."""
    found, catalogues = {}, {}
    for path in scenario_files():
        found[path.stem] = open_case(path, catalogues=catalogues)[0]
    catalogue = load_catalogue()
    for name, (scenes, choices, seed) in GENERATED.items():
        problems = ProblemList(name)
        found[name] = read_scenario(synthetic_scenario(scenes, choices, seed), name, catalogue, problems)
        assert not problems.has_errors
    return found


def _value(value) -> list | None:
    if value is None:
        return None
    return [value.best, value.worst, value.good, value.best_good, value.ending, list(value.rank)]


# Fields the state gained after the reference was made, with the value they have in every case it covers.
LATER_FIELDS = {("worker", "")}


def decisions_digest(pass_: Lookahead) -> str:
    digest = hashlib.sha256()
    for state, value in pass_.decisions():
        identity = tuple(item for item in _identity(state) if item not in LATER_FIELDS)
        digest.update(repr((identity, state.seed, _value(value))).encode())
    return digest.hexdigest()


def lookahead_result(scenario, seed=0, exact=False) -> dict:
    pass_ = Lookahead(scenario, seed, exact=exact)
    best = [step["choice"] for step in pass_.line(core.start(scenario, seed)).path]
    paths = {"best": best, "random1": random_path(scenario, 1), "random2": random_path(scenario, 2)}
    played = {}
    for label, path in paths.items():
        steps = []
        for state, chosen, options in pass_.along(path):
            steps.append({"scene": state.scene, "chosen": chosen, "options": [
                {"choice": o.choice, "strategy": o.strategy, "immediate": o.immediate, "after": o.after,
                 "value": _value(o.value), "long_run": o.long_run,
                 "line": (lambda line: {"path": [s["choice"] for s in line.path], "score": line.score,
                                        "ending": line.ending, "good": line.good})(pass_.line(state, o.choice))}
                for o in options]})
        played[label] = {"path": path, "steps": steps}
    return {"nodes": pass_.nodes, "edges": pass_.edges, "start": _value(pass_.start_value),
            "decisions": len(pass_.decisions()), "decisions_digest": decisions_digest(pass_), "played": played}


def explore_result(scenario) -> dict:
    return {"seed0": explore(scenario, [0]).as_dict(), "seeds01": explore(scenario, [0, 1]).as_dict()}


def result(name: str, scenario) -> dict:
    found = {"explore": explore_result(scenario), "lookahead": lookahead_result(scenario)}
    if name in EXACT:
        found["lookahead_exact"] = lookahead_result(scenario, exact=True)
    return json.loads(json.dumps(found))  # as the file holds it (tuples as lists)


def main(names) -> int:
    reference = json.loads(OUT.read_text()) if OUT.exists() and names else {}
    for name, scenario in cases().items():
        if names and name not in names:
            continue
        print(name, flush=True)
        reference[name] = result(name, scenario)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(reference, indent=0, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
