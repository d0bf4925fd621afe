"""From the last decision to a complete debrief, on every shipped case (issue 10's target: within 1 s).

    python bench/bench_debrief.py [--seeds 3]

For each shipped case and seed, a run is played to its end with a seeded random learner. The front ends start
the look-ahead in the background when the case starts (``sim.analysis.contrast.prepare``), and a case takes
minutes to play, so the pass is ready at the last decision; what is timed is then ``build_debrief`` of the
finished session: every option at every decision followed to a real ending, the time course and the rest.
The pass itself is timed too (what a debrief would cost if it were asked for before the pass had finished).
CPU seconds of the process (``time.process_time``), which other load on a shared machine disturbs less than
wall time; the learner waits the wall time, which is the CPU time on a quiet machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sim.analysis.debrief import build_debrief  # noqa: E402
from sim.analysis.lookahead import lookahead  # noqa: E402
from sim.engine import open_case  # noqa: E402
from sim.engine.session import Session  # noqa: E402
from sim.scenario.library import scenario_files  # noqa: E402


def played(scenario, seed: int) -> Session:
    rng, session = random.Random(seed), Session(scenario, seed)
    while not session.is_over:
        if session.waiting:
            prompt = session.waiting_prompts[0]
            session.answer(50 if prompt.kind == "calibration" else prompt.options[0][0])
            continue
        session.choose(rng.choice(session.view().choices).id)
    return session


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    print("| case | decisions (median) | pass, in the background (s, median) | last decision to debrief (s, median) "
          "| worst (s) |")
    print("|---|---|---|---|---|")
    for path in scenario_files():
        scenario, _ = open_case(str(path))
        passes, debriefs, decisions = [], [], []
        for seed in range(1, args.seeds + 1):
            session = played(scenario, seed)
            start = time.process_time()
            lookahead(scenario, seed)
            passes.append(time.process_time() - start)
            start = time.process_time()
            build_debrief(session)
            debriefs.append(time.process_time() - start)
            decisions.append(len(session.decisions))
        print(f"| {scenario.id} | {statistics.median(decisions):.0f} | {statistics.median(passes):.2f} | "
              f"{statistics.median(debriefs):.2f} | {max(debriefs):.2f} |")


if __name__ == "__main__":
    main()
