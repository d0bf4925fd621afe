"""The look-ahead's cost on the shipped cases, and its accuracy against brute force on small generated ones.

    python bench/bench_lookahead.py            # both
    python bench/bench_lookahead.py --cost     # only the shipped cases
    python bench/bench_lookahead.py --accuracy # only the comparison with brute force

Cost, per shipped case (seed 0), in CPU seconds (``time.process_time``), median of three runs: the pass
itself (forward search and backward values), then what a debrief needs once the pass is there, for one
played path of every decision: each option's values (``options``) and a real line from it to an ending
(``line``, the honest figure), for the best path and for a random one.

Accuracy: on small generated cases (the shapes of bench/explore_accuracy.py, 12 seeds each) every state at
a decision on every path is enumerated, and each option's values are compared with brute force.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sim.analysis.lookahead import Lookahead, best_options, combine, end_value  # noqa: E402
from sim.engine import core, open_case  # noqa: E402
from sim.scenario.catalogue import load_catalogue  # noqa: E402
from sim.scenario.library import scenario_files  # noqa: E402
from sim.scenario.loader import read_scenario  # noqa: E402
from sim.scenario.problems import ProblemList  # noqa: E402
from played_paths import random_path  # noqa: E402
from synthetic import synthetic_scenario  # noqa: E402


def _cpu(work) -> tuple[float, object]:
    start = time.process_time()
    result = work()
    return time.process_time() - start, result


def _debrief(pass_: Lookahead, path: list[str]) -> int:
    lines = 0
    for state, _, options in pass_.along(path):
        for option in options:
            pass_.line(state, option.choice)
            lines += 1
    return lines


def cost() -> None:
    print("| case | scenes | pass (s) | states kept | choices followed | contexts | debrief, best path (s) | "
          "debrief, random path (s) | decisions |")
    print("|---|---|---|---|---|---|---|---|---|")
    total = 0.0
    catalogues: dict = {}
    for path in scenario_files():
        scenario = open_case(path, catalogues=catalogues)[0]
        runs = [_cpu(lambda: Lookahead(scenario, 0)) for _ in range(3)]
        seconds = statistics.median(t for t, _ in runs)
        pass_ = runs[-1][1]
        best = [step["choice"] for step in pass_.line(core.start(scenario, 0)).path]
        drawn = random_path(scenario, 1)
        best_time = statistics.median(_cpu(lambda: _debrief(pass_, best))[0] for _ in range(3))
        random_time = statistics.median(_cpu(lambda: _debrief(pass_, drawn))[0] for _ in range(3))
        total += seconds
        print(f"| {scenario.id} | {len(scenario.scenes)} | {seconds:.2f} | {pass_.nodes:,} | {pass_.edges:,} | "
              f"{len(pass_.decisions()):,} | {best_time:.3f} | {random_time:.3f} | {len(best)} / {len(drawn)} |")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nall six passes: {total:.1f} s; peak memory {peak:.0f} MB")


def _truth(scenario, state):
    if state.over:
        return end_value(scenario, state)
    values = []
    for choice in core.visible_choices(scenario, state):
        child = state.copy()
        core.apply_choice(scenario, child, choice)
        values.append(_truth(scenario, child))
    return combine(values)


def accuracy() -> None:
    catalogue = load_catalogue()
    shapes = ((6, 3), (7, 3), (5, 4), (8, 2))
    for exact in (False, True):
        errors, flags, endings, options, decisions, best_differs, seconds = [], 0, 0, 0, 0, 0, 0.0
        for seed in range(12):
            for scenes, choices in shapes:
                scenario = read_scenario(synthetic_scenario(scenes, choices, seed), "generated", catalogue,
                                         ProblemList("generated"))
                took, pass_ = _cpu(lambda: Lookahead(scenario, seed, exact=exact))
                seconds += took
                stack = [core.start(scenario, seed)]
                while stack:
                    state = stack.pop()
                    if state.over:
                        continue
                    found, truths = pass_.options(state), {}
                    for choice in core.visible_choices(scenario, state):
                        child = state.copy()
                        core.apply_choice(scenario, child, choice)
                        stack.append(child)
                        truths[choice.id] = _truth(scenario, child)
                    for option in found:
                        true = truths[option.choice]
                        errors += [abs(true.best - option.value.best), abs(true.worst - option.value.worst)]
                        flags += true.good != option.value.good
                        endings += true.ending != option.value.ending
                        options += 1
                    truly = [type(o)(o.choice, o.strategy, o.immediate, o.after, truths[o.choice]) for o in found]
                    decisions += 1
                    best_differs += {o.choice for o in best_options(truly)} != {o.choice for o in best_options(found)}
        label = "exact=True" if exact else "default"
        print(f"{label:10} {len(shapes) * 12} cases, {decisions:,} decisions, {options:,} options: "
              f"best/worst error mean {statistics.mean(errors):.2f}, 95th percentile "
              f"{sorted(errors)[int(0.95 * len(errors))]:.2f}, largest {max(errors):.2f} points; good closure "
              f"wrong {flags} ({flags / options:.1%}); best ending wrong {endings} ({endings / options:.1%}); "
              f"best option differs {best_differs} ({best_differs / decisions:.1%}); passes {seconds:.1f} s")


def main() -> int:
    wanted = set(sys.argv[1:]) or {"--cost", "--accuracy"}
    if "--cost" in wanted:
        cost()
    if "--accuracy" in wanted:
        print()
        accuracy()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
