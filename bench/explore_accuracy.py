"""How close exploration comes to the truth: compare it with brute-force enumeration of every path.

    python bench/explore_accuracy.py

Small generated cases (5 to 8 scenes, 2 to 4 choices, 12 seeds each) are small enough to enumerate.
For each, the set of reachable endings must match, and the largest gap between the true and the
reported best or worst alliance of any ending is printed, by default and with 2- and 5-point bands.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sim.analysis.explore import enumerate_paths, explore  # noqa: E402
from sim.scenario.catalogue import load_catalogue  # noqa: E402
from sim.scenario.loader import read_scenario  # noqa: E402
from sim.scenario.problems import ProblemList  # noqa: E402
from synthetic import synthetic_scenario  # noqa: E402


def main() -> int:
    catalogue = load_catalogue()
    shapes = ((6, 3), (7, 3), (5, 4), (8, 2))
    for band in (None, 5, 2):
        worst, endings, mismatches = 0.0, 0, 0
        for seed in range(12):
            for scenes, choices in shapes:
                scenario = read_scenario(synthetic_scenario(scenes, choices, seed), "generated", catalogue,
                                         ProblemList("generated"))
                truth = enumerate_paths(scenario, seed)
                found = explore(scenario, [seed], band=band)
                if {e.scene for e in found.reachable} != set(truth):
                    mismatches += 1
                for ending, (low, high) in truth.items():
                    summary = found.endings[ending]
                    worst = max(worst, abs(summary.max_score - high), abs(summary.min_score - low))
                    endings += 1
        label = "default" if band is None else f"--band {band}"
        print(f"{label:10} {len(shapes) * 12} cases, {endings} endings: reachable sets differing {mismatches}, "
              f"largest error {worst:.1f} points")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
