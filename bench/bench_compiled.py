"""What compiling the engine's hot modules with mypyc would buy, measured against this checkout, by hand:

    python bench/bench_compiled.py                        # explore grandmother_voluntary, 3 alternating pairs
    python bench/bench_compiled.py explore generated:2000 --pairs 2
    python bench/bench_compiled.py pass two_caregivers --callgrind   # instructions too (slow: valgrind)

It copies ``sim/`` into a temporary folder, compiles the modules in ``COMPILED`` there with mypyc (nothing in
the checkout changes, and the game itself is never compiled by this), then runs ``bench_step.py`` in fresh
processes, the pure checkout and the compiled copy alternately, and prints both, their medians and their
ratio. The states kept and the choices followed must be the same in both (the script stops if not): the
compiled code is the same source, so it must give the same search. Needs mypy and setuptools 77 or newer in
the running Python (``pip install mypy 'setuptools>=77'``) and a C compiler. See docs/performance.md, "Issue 14:
fifth step", for what it measured and why the project does not ship compiled modules yet.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The modules a step of play and the search run through (the rules, the state, the plans, the search, the
# buckets). stance.py stays pure: transitions adds methods to its models, which a compiled class refuses.
COMPILED = ["sim/engine/alliance.py", "sim/engine/context.py", "sim/engine/memory.py", "sim/engine/handover.py",
            "sim/engine/state.py", "sim/engine/plan.py", "sim/engine/core.py", "sim/analysis/buckets.py",
            "sim/analysis/explore.py"]
# Where the package's data folders come from in a checkout (pyproject.toml, [tool.setuptools.package-dir]).
DATA = {"cases": "scenarios", "assets": "assets", "guides": "docs/facilitator"}
LINE = re.compile(r": ([0-9.]+) s, ([0-9,]+) states, ([0-9,]+) choices")


def build(into: Path) -> None:
    shutil.copytree(ROOT / "sim", into / "sim", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    for name, source in DATA.items():
        (into / "sim" / name).symlink_to(ROOT / source, target_is_directory=True)
    shutil.copytree(ROOT / "bench", into / "bench", ignore=shutil.ignore_patterns("__pycache__"))
    done = subprocess.run([sys.executable, "-m", "mypyc", *COMPILED], cwd=into, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"mypyc failed (is mypy installed, with setuptools 77 or newer?):\n{done.stdout[-3000:]}"
                 f"{done.stderr[-3000:]}")


def run(where: Path, what: str, case: str, callgrind: bool) -> tuple[float, str, str, int | None]:
    command = [sys.executable, str(where / "bench" / "bench_step.py"), what, case]
    env = dict(os.environ, PYTHONPATH=str(where))
    instructions = (_instructions(command, env, where) - _instructions(command[:2] + ["load", case], env, where)
                    if callgrind else None)
    done = subprocess.run(command, env=env, cwd=where, capture_output=True, text=True)
    found = LINE.search(done.stdout)
    if done.returncode or not found:
        sys.exit(f"bench_step failed in {where}:\n{done.stdout}{done.stderr[-3000:]}")
    return float(found[1]), found[2], found[3], instructions


def _instructions(command: list[str], env: dict, where: Path) -> int:
    out = Path(tempfile.gettempdir()) / f"alliance-callgrind-{os.getpid()}.out"
    done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *command], env=env,
                          cwd=where, capture_output=True, text=True)
    found = re.search(r"refs:\s+([0-9,]+)", done.stderr)
    if done.returncode or not found:
        sys.exit(f"valgrind failed:\n{done.stderr[-3000:]}")
    out.unlink(missing_ok=True)
    return int(found[1].replace(",", ""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", default="explore", choices=["explore", "pass"])
    parser.add_argument("case", nargs="?", default="grandmother_voluntary")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--callgrind", action="store_true", help="count instructions once per side (valgrind)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="alliance-mypyc-") as folder:
        compiled = Path(folder)
        build(compiled)
        times: dict[str, list[float]] = {"pure": [], "compiled": []}
        searches = set()
        for number in range(args.pairs):
            for side, where in (("pure", ROOT), ("compiled", compiled)):
                seconds, states, choices, instructions = run(where, args.what, args.case,
                                                             args.callgrind and number == 0)
                times[side].append(seconds)
                searches.add((states, choices))
                extra = f", {instructions / 1e6:,.0f} M instructions" if instructions is not None else ""
                print(f"{side:>8}: {seconds:.3f} s, {states} states, {choices} choices{extra}", flush=True)
        if len(searches) != 1:
            sys.exit(f"the compiled search differs from the pure one: {sorted(searches)}")
        pure, fast = statistics.median(times["pure"]), statistics.median(times["compiled"])
        print(f"median: pure {pure:.3f} s, compiled {fast:.3f} s, compiled / pure = {fast / pure:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
