"""From the last decision to a complete debrief, on every shipped case (issue 10's target: within 1 s).

    python bench/bench_debrief.py [--seeds 3]

For each shipped case and seed, a run is played to its end with a seeded random learner, the way the front
ends play it: the look-ahead is started in the background when the case starts
(``sim.analysis.contrast.prepare``) and, after each decision, the real lines after every option of the path so
far are worked out in the background too (``contrast.follow``). A case takes minutes to play, so both are
done by the last decision, except the lines after the last decision's options, which are being found as the
debrief starts; the bench waits for the pass and, before each decision, for the lines so far (the learner's
thinking time), then times ``build_debrief`` from the last decision ("last decision to debrief", the lines
of the last decision included). Also timed: the pass itself, and the same debrief with no line worked out
beforehand (what it costs a front end that did not follow the case). CPU seconds of the process
(``time.process_time``), which other load on a shared machine disturbs less than wall time; the learner
waits the wall time, which is the CPU time on a quiet machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sim.analysis import contrast  # noqa: E402
from sim.analysis.debrief import build_debrief  # noqa: E402
from sim.engine import open_case  # noqa: E402
from sim.engine.session import Session  # noqa: E402
from sim.scenario.library import scenario_files  # noqa: E402


def played(scenario, seed: int) -> tuple[Session, float]:
    """A run played as the front ends play it, and the CPU seconds of its pass (in the background)."""
    start = time.process_time()
    contrast.prepare(scenario, seed)
    contrast.ready(scenario, seed, wait=None)  # done long before the last decision, in a real run
    pass_time = time.process_time() - start
    rng, session = random.Random(seed), Session(scenario, seed)
    while not session.is_over:
        if session.waiting:
            prompt = session.waiting_prompts[0]
            session.answer(50 if prompt.kind == "calibration" else prompt.options[0][0])
            continue
        contrast.followed(scenario, seed)  # the learner reads and thinks: the lines so far are found meanwhile
        session.choose(rng.choice(session.view().choices).id)
        contrast.follow(session)  # after the last decision too: the debrief waits for this thread's lines
    return session, pass_time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    print("| case | decisions (median) | pass, in the background (s, median) | last decision to debrief (s, median) "
          "| worst (s) | debrief with no line found beforehand (s, median) |")
    print("|---|---|---|---|---|---|")
    for path in scenario_files():
        scenario, _ = open_case(str(path))
        passes, debriefs, cold, decisions = [], [], [], []
        for seed in range(1, args.seeds + 1):
            session, pass_time = played(scenario, seed)
            passes.append(pass_time)
            for times in (debriefs, cold):
                start = time.process_time()
                debrief = build_debrief(session)
                times.append(time.process_time() - start)
                assert not debrief.contrast_problem, debrief.contrast_problem
                contrast._LINES.clear()  # the second time round, every line is found at the end
            decisions.append(len(session.decisions))
        print(f"| {scenario.id} | {statistics.median(decisions):.0f} | {statistics.median(passes):.2f} | "
              f"{statistics.median(debriefs):.2f} | {max(debriefs):.2f} | {statistics.median(cold):.2f} |")


if __name__ == "__main__":
    main()
