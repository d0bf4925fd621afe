"""``alliance-sim validate`` end to end on many scenes, run by hand (not by the tests):

    python bench/bench_validate.py                 # 100,000 scenes: 200 generated files of 500 scenes
    python bench/bench_validate.py --scenes 10000  # a smaller run, e.g. for the growth ratio
    python bench/bench_validate.py --jobs 1 --jobs 2 --repeat 3   # each way in turn, alternately

A scenario file is at most 2 MB (safeio.SCENARIO_LIMIT), so the scenes are spread over files of
``--per-file`` scenes each (bench/synthetic.py, each with its own id), written to a temporary folder
beside a copy of the shipped catalogue. Each run is a fresh ``python -m sim validate`` process:
its CPU seconds (user + system, the worker processes included) and the largest resident memory of one
process (ru_maxrss: the main process or one worker; with workers the total is about that many times it)
come from getrusage of the children; wall time is what a user waits. The median of --repeat runs is given;
with several --jobs the runs of each alternate.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from synthetic import synthetic_scenario  # noqa: E402


def write_files(folder: Path, scenes: int, per_file: int) -> int:
    for name in ("strategies.yaml", "references.yaml"):
        shutil.copy(ROOT / "scenarios" / name, folder / name)
    files = max(1, scenes // per_file)
    text = synthetic_scenario(per_file)
    for number in range(files):
        own = text.replace(f"id: synthetic_{per_file}\n", f"id: synthetic_{per_file}_{number}\n", 1)
        (folder / f"case_{number:04d}.yaml").write_text(own, encoding="utf-8")
    return files


def run_once(folder: Path, jobs: int | None = None) -> tuple[float, float, float, int]:
    """(cpu seconds, wall seconds, peak MB, exit code) of one validate process (``--jobs`` if given)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    extra = ["--jobs", str(jobs)] if jobs else []
    done = subprocess.run([sys.executable, "-m", "sim", "validate", *extra, str(folder)], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        print(done.stdout[-2000:])  # the run is not a clean one: show why
    # ru_maxrss of RUSAGE_CHILDREN is the largest child so far; each run is at least as big as the last
    return cpu, wall, after.ru_maxrss / 1024, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scenes", type=int, default=100_000)
    parser.add_argument("--per-file", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, action="append", help="validate's --jobs (repeat to compare)")
    args = parser.parse_args()
    ways = args.jobs or [None]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        files = write_files(folder, args.scenes, args.per_file)
        runs: dict = {way: [] for way in ways}
        for _ in range(args.repeat):
            for way in ways:
                runs[way].append(run_once(folder, way))
    for way in ways:
        got = runs[way]
        print(f"validate {'--jobs ' + str(way) if way else '(default jobs)'}, {files} files x {args.per_file} scenes "
              f"({files * (args.per_file + 3):,} scenes): "
              f"CPU {statistics.median(r[0] for r in got):.1f} s (runs {', '.join(f'{r[0]:.1f}' for r in got)}), "
              f"wall {statistics.median(r[1] for r in got):.1f} s (runs {', '.join(f'{r[1]:.1f}' for r in got)}), "
              f"largest process {max(r[2] for r in got):.0f} MB, exit {got[-1][3]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
