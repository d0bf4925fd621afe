"""Benchmarks of the simulation core, run by hand (not by the tests):

    python bench/bench_core.py            # shipped scenarios and generated ones of 500 and 5,000 scenes
    python bench/bench_core.py --large    # also 50,000 scenes (a few minutes, ~2 GB)
    python bench/bench_core.py --large --no-explore   # load and check only (issue 14)

For each case: load (YAML to model), check (cross-references and the scene
graph), explore (every path, seed 0). Times are CPU seconds of this process
(time.process_time), the median of --repeat runs, so other load on a shared
machine disturbs them less than wall time would; the growth from one size to
the next is given as a ratio within one run. Peak memory is ru_maxrss.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sim.analysis.explore import explore  # noqa: E402
from sim.scenario.catalogue import load_catalogue  # noqa: E402
from sim.scenario.checker import check  # noqa: E402
from sim.scenario.library import scenario_files  # noqa: E402
from sim.scenario.loader import read_scenario  # noqa: E402
from sim.scenario.problems import ProblemList  # noqa: E402
from synthetic import synthetic_scenario  # noqa: E402


def timed(function, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.process_time()
        result = function()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def measure(name: str, text: str, catalogue, repeat: int, band=None, explore_too=True) -> dict:
    def load():
        problems = ProblemList(name)
        scenario = read_scenario(text, name, catalogue, problems)
        assert scenario is not None and not problems.has_errors, [p.format() for p in problems.items][:5]
        return scenario

    load_time, scenario = timed(load, repeat)
    check_time, _ = timed(lambda: check(scenario, ProblemList(name)), repeat)
    row = {"name": name, "scenes": len(scenario.scenes), "bytes": len(text.encode()), "load": load_time,
           "check": check_time, "explore": 0.0, "states": 0, "edges": 0}
    if explore_too:
        explore_time, result = timed(lambda: explore(scenario, [0], band=band), max(1, repeat // 2))
        row.update(explore=explore_time, states=result.nodes, edges=result.edges)
    return row


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", action="store_true", help="include the 50,000-scene case")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-explore", action="store_true", help="load and check only")
    args = parser.parse_args()
    explore_too = not args.no_explore
    catalogue = load_catalogue()
    rows = []
    for path in scenario_files():
        rows.append(measure(path.stem, path.read_text(encoding="utf-8"), catalogue, args.repeat, explore_too=explore_too))
    sizes = [500, 5000] + ([50000] if args.large else [])
    for size in sizes:
        rows.append(measure(f"generated {size:,}", synthetic_scenario(size), catalogue,
                            args.repeat if size <= 5000 else 1, explore_too=explore_too))
    print("| case | scenes | YAML | load (s) | check (s) | explore (s) | states kept | choices followed |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['name']} | {row['scenes']:,} | {row['bytes'] / 1e6:.2f} MB | {row['load']:.3f} | "
              f"{row['check']:.3f} | {row['explore']:.3f} | {row['states']:,} | {row['edges']:,} |")
    generated = [r for r in rows if r["name"].startswith("generated")]
    for small, large in zip(generated, generated[1:]):
        print(f"\n{small['name']} -> {large['name']} ({large['scenes'] / small['scenes']:.0f}x scenes): "
              f"load x{large['load'] / small['load']:.1f}, check x{large['check'] / small['check']:.1f}, "
              + (f"explore x{large['explore'] / small['explore']:.1f}, choices followed "
                 f"x{large['edges'] / small['edges']:.1f}" if explore_too else "explore not run"))
    print(f"\npeak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
