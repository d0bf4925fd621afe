"""One case's exploration or look-ahead pass in a fresh process, for alternate before/after runs by hand:

    python bench/bench_step.py explore generated:500      # or a shipped case's name
    python bench/bench_step.py pass two_caregivers
    python bench/bench_step.py profile generated:500      # cProfile of explore, the top functions
    python bench/bench_step.py load generated:500         # only the load (to subtract from an instruction count)

Prints CPU seconds (``time.process_time``) of the work alone (not the load), the states kept, the choices
followed, and peak memory (``ru_maxrss``) of the process. Run it with PYTHONPATH at another checkout to
measure that one (for instance main at the branch point).
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sim.analysis.explore import explore  # noqa: E402
from sim.analysis.lookahead import Lookahead  # noqa: E402
from sim.scenario.catalogue import load_catalogue  # noqa: E402
from sim.scenario.library import scenario_files  # noqa: E402
from sim.scenario.loader import read_scenario  # noqa: E402
from sim.scenario.problems import ProblemList  # noqa: E402
from synthetic import synthetic_scenario  # noqa: E402


def load(name: str):
    if name.startswith("generated:"):
        text = synthetic_scenario(int(name.split(":")[1]))
    else:
        text = next(p for p in scenario_files() if p.stem == name).read_text(encoding="utf-8")
    problems = ProblemList(name)
    scenario = read_scenario(text, name, load_catalogue(), problems)
    assert scenario is not None and not problems.has_errors
    return scenario


def main() -> int:
    what, name = sys.argv[1], sys.argv[2]
    scenario = load(name)
    if what == "load":  # nothing more: what an instruction count of the others includes besides the work
        return 0
    if what == "profile":
        import cProfile
        import pstats
        cProfile.runctx("explore(scenario, [0])", globals(), {"scenario": scenario, "explore": explore},
                        "/tmp/bench_step.prof")
        pstats.Stats("/tmp/bench_step.prof").sort_stats("tottime").print_stats(25)
        return 0
    start = time.process_time()
    if what == "explore":
        result = explore(scenario, [0])
        states, edges = result.nodes, result.edges
    else:
        result = Lookahead(scenario, 0)
        states, edges = result.nodes, result.edges
    seconds = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{what} {name}: {seconds:.3f} s, {states:,} states, {edges:,} choices, peak {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
