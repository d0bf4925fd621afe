"""The check's growth with the scenes, run by hand (not by the tests):

    python bench/bench_check_growth.py     # generated 500, 5,000 and 50,000 scenes (a few minutes, ~1.5 GB)

Each size is loaded once and checked five times in this process; the min and the median of the CPU
seconds (time.process_time) are given, and the ratios from one size to the next.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sim.scenario.catalogue import load_catalogue  # noqa: E402
from sim.scenario.checker import check  # noqa: E402
from sim.scenario.loader import read_scenario  # noqa: E402
from sim.scenario.problems import ProblemList  # noqa: E402
from synthetic import synthetic_scenario  # noqa: E402


def main() -> int:
    catalogue = load_catalogue()
    found = {}
    for size in (500, 5000, 50000):
        scenario = read_scenario(synthetic_scenario(size), "generated", catalogue, ProblemList("generated"))
        times = []
        for _ in range(5):
            start = time.process_time()
            check(scenario, ProblemList("generated"))
            times.append(time.process_time() - start)
        found[size] = (min(times), statistics.median(times))
        print(f"check {size:,} scenes: min {found[size][0]:.3f} s, median {found[size][1]:.3f} s", flush=True)
        del scenario
    for small, large in ((500, 5000), (5000, 50000)):
        print(f"{small:,} -> {large:,}: min x{found[large][0] / found[small][0]:.1f}, "
              f"median x{found[large][1] / found[small][1]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
