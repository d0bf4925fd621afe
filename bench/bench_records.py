"""Learning records, run by hand: python bench/bench_records.py [--sessions 30,300]

Measures, in a temporary data folder:
* statements per session and bytes per statement, for every shipped case (seeded random play);
* the cost of recording on the play thread: wall and CPU time per learner action, the session log and
  the outbox together (the outbox commits, with fsync, before the next action);
* the cohort report for N sessions: logs read and turned into statements, sessions rebuilt, the page
  written; and the page's size.
Results are printed as Markdown for docs/performance.md ("Learning records" section).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", default="30,300", help="cohort sizes for the report (default 30,300)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-records-"))
    os.environ["ALLIANCE_HOME"] = str(folder / "home")
    os.environ["ALLIANCE_CONFIG_HOME"] = str(folder / "config")

    from sim.analysis.cohort import build_cohort, sessions_from_statements, statements_from_logs
    from sim.engine.session import Session
    from sim.records.outbox import Outbox
    from sim.records.profile import Learner
    from sim.scenario.library import scenario_files
    from sim.scenario.loader import check_scenario_file
    from sim.ui.html.cohort_page import render_page
    from sim.ui.recording import SessionRecorder

    cases = [check_scenario_file(path)[0] for path in scenario_files()]

    def play(scenario, seed, logs, outbox):
        recorder = SessionRecorder(scenario, Learner(f"L{seed}", f"L{seed}"), "assessment", "bench", seed,
                                   log_dir=logs, outbox=outbox)
        session = Session(scenario, seed, listener=recorder)
        recorder.attach(session)
        rng = random.Random(seed)
        actions = 0
        wall = cpu = 0.0
        while not session.is_over:
            view = session.view()
            w, c = time.perf_counter(), time.process_time()
            if view.kind == "scene":
                session.choose(rng.choice(view.choices).id)
            elif view.kind == "calibration":
                session.answer(rng.randint(0, 100))
            else:
                session.answer(rng.choice(view.options)[0])
            wall += time.perf_counter() - w
            cpu += time.process_time() - c
            actions += 1
        recorder.close()
        return recorder.queued, actions, wall, cpu

    print("| case | statements per session (median of 10) | bytes per statement (median) |")
    print("|---|---|---|")
    per_action_wall, per_action_cpu = [], []
    for scenario in cases:
        counts = []
        outbox = folder / f"{scenario.id}.sqlite3"
        for seed in range(10):
            queued, actions, wall, cpu = play(scenario, seed, folder / "logs-cases", outbox)
            counts.append(queued)
            per_action_wall.append(wall / actions)
            per_action_cpu.append(cpu / actions)
        sizes = [len(body) for body, in Outbox(outbox)._db.execute("SELECT body FROM statements")]
        print(f"| {scenario.id} | {statistics.median(counts):.0f} | {statistics.median(sizes):.0f} |")
    print()
    print(f"Recording one learner action (the engine's step, the log line, the statements into the outbox): "
          f"median {statistics.median(per_action_wall) * 1000:.1f} ms wall, "
          f"{statistics.median(per_action_cpu) * 1000:.1f} ms CPU.")
    print()
    print("| sessions | logs to statements (s) | sessions and figures (s) | page (s) | page size (KB) |")
    print("|---|---|---|---|---|")
    for size in (int(n) for n in args.sessions.split(",")):
        logs = folder / f"logs-{size}"
        for number in range(size):
            play(cases[number % 2], 1000 + number, logs, folder / f"cohort-{size}.sqlite3")
        t0 = time.perf_counter()
        statements, _ = statements_from_logs([logs])
        t1 = time.perf_counter()
        sessions = sessions_from_statements(statements)
        cohort = build_cohort(sessions)
        t2 = time.perf_counter()
        page = render_page(cohort, sessions, str(logs))
        t3 = time.perf_counter()
        print(f"| {size} | {t1 - t0:.2f} | {t2 - t1:.2f} | {t3 - t2:.2f} | {len(page.encode()) / 1024:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
