"""Window performance, run by hand: python bench/bench_ui.py [--xvfb] [--seconds 10]

Measures, in one run:
* start-up to the first frame, against a bare pygame window opened the same way (a ratio);
* frame time (median and 99th percentile) on the play and debrief screens, forced redraws;
* CPU used by an idle window over N seconds (process time), for the app's loop and, for
  comparison, a bare loop on Clock.tick(30) and one on event.wait(timeout);
* peak memory (ru_maxrss) after a full case and its debrief.

The dummy video driver is always measured; with --xvfb an Xvfb server is started (if
installed) and the start-up and idle figures are measured under it too.
Results are printed as Markdown for docs/performance.md ("Window" section).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1280, 800)

BARE_START = """
import time; t0 = time.perf_counter()
import os; os.environ['PYGAME_HIDE_SUPPORT_PROMPT'] = '1'
import pygame
pygame.display.init(); pygame.font.init()
surface = pygame.display.set_mode((1280, 800), pygame.RESIZABLE)
surface.fill((243, 240, 234)); pygame.display.flip()
print(time.perf_counter() - t0)
"""

APP_START = """
import time; t0 = time.perf_counter()
import sys; sys.path.insert(0, {root!r})
from sim.ui.window.app import App
app = App(size=(1280, 800)); app.step()
print(time.perf_counter() - t0)
"""

IDLE = """
import sys, time, resource; sys.path.insert(0, {root!r})
import os; os.environ['PYGAME_HIDE_SUPPORT_PROMPT'] = '1'
kind, seconds = {kind!r}, {seconds}
import pygame
if kind == 'app':
    from sim.ui.window.app import App
    from sim.scenario.catalogue import default_scenario_dir
    from sim.ui.window.case_list import check_entry
    app = App(size=(1280, 800))
    entry = check_entry(default_scenario_dir() / 'hospital_admission.yaml')
    app.begin_case(entry.scenario, 'practice'); app.step()
    app.library.entries()  # let the background check finish before measuring
    app.step()
    frames = app.frames
    c0 = time.process_time(); app.run(seconds=seconds); cpu = time.process_time() - c0
    print(cpu, app.frames - frames)
else:
    pygame.display.init(); surface = pygame.display.set_mode((1280, 800), pygame.RESIZABLE)
    surface.fill((0, 0, 0)); pygame.display.flip()
    clock = pygame.time.Clock(); end = time.monotonic() + seconds
    c0 = time.process_time()
    while time.monotonic() < end:
        if kind == 'tick':
            pygame.event.get(); clock.tick(30)
        else:
            pygame.event.wait(100)
    print(time.process_time() - c0, 0)
"""


def run(code: str, env: dict) -> str:
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    return out.stdout.strip().splitlines()[-1]


def environment(driver: str, home: Path, display: str | None = None) -> dict:
    env = dict(os.environ)
    env.update({"SDL_VIDEODRIVER": driver, "SDL_AUDIODRIVER": "dummy", "ALLIANCE_HOME": str(home / "data"),
                "ALLIANCE_CONFIG_HOME": str(home / "config"), "PYGAME_HIDE_SUPPORT_PROMPT": "1"})
    if display:
        env["DISPLAY"] = display
    return env


def startup(env: dict, runs: int) -> dict:
    bare, app = [], []
    for _ in range(runs):  # interleaved, so both see the same machine
        bare.append(float(run(BARE_START, env)))
        app.append(float(run(APP_START.format(root=str(ROOT)), env)))
    b, a = statistics.median(bare), statistics.median(app)
    return {"bare_s": b, "app_s": a, "ratio": a / b}


def idle(env: dict, seconds: float) -> dict:
    result = {}
    for kind in ("app", "tick", "wait"):
        cpu, frames = run(IDLE.format(root=str(ROOT), kind=kind, seconds=seconds), env).split()
        result[kind] = {"cpu_s": float(cpu), "percent": 100 * float(cpu) / seconds, "frames": int(frames)}
    return result


def frames(count: int) -> dict:
    """In this process (dummy driver): forced redraws of the play and debrief screens, then peak memory."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    sys.path.insert(0, str(ROOT))
    import resource

    from sim.scenario.catalogue import default_scenario_dir
    from sim.ui.window.app import App
    from sim.ui.window.case_list import check_entry

    app = App(size=SIZE)
    entry = check_entry(default_scenario_dir() / "hospital_admission.yaml")
    app.begin_case(entry.scenario, "practice")
    app.step()

    def timed() -> list[float]:
        times = []
        for _ in range(count):
            app.dirty = True
            t0 = time.perf_counter()
            app.draw()
            times.append(time.perf_counter() - t0)
        return times

    def summary(times):
        ordered = sorted(times)
        return {"median_ms": 1000 * statistics.median(ordered),
                "p99_ms": 1000 * ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]}

    result = {"play": summary(timed())}
    case = app.case
    while not case.is_over:
        view = case.view()
        if view.kind == "scene":
            case.choose(view.choices[view.decision % len(view.choices)].id)
        elif view.kind == "calibration":
            case.answer(50)
        else:
            case.answer(view.options[0][0])
    app.go_debrief()
    app.step()
    result["debrief"] = summary(timed())
    app.screen.scroll_by(app.screen.max_scroll // 2)
    result["debrief_scrolled"] = summary(timed())
    result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def start_xvfb():
    if not shutil.which("Xvfb"):
        return None, None
    display = ":97"
    process = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    return process, display


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="idle measurement length (default 10)")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs of each kind (default 5)")
    parser.add_argument("--frames", type=int, default=200, help="redraws per screen (default 200)")
    parser.add_argument("--xvfb", action="store_true", help="also measure under Xvfb")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="alliance-bench-"))
    results = {"python": sys.version.split()[0], "cores": os.cpu_count()}
    try:
        env = environment("dummy", home)
        results["dummy"] = {"startup": startup(env, args.runs), "idle": idle(env, args.seconds)}
        if args.xvfb:
            process, display = start_xvfb()
            if process is not None:
                try:
                    env = environment("x11", home, display)
                    results["xvfb"] = {"startup": startup(env, args.runs), "idle": idle(env, args.seconds)}
                finally:
                    process.terminate()
                    process.wait()
        results["frames"] = frames(args.frames)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"Python {results['python']}, {results['cores']} cores, window {SIZE[0]}x{SIZE[1]}, "
          "scenario hospital_admission.\n")
    print("| measure | dummy driver | Xvfb |")
    print("|---|---|---|")
    x = results.get("xvfb")
    for label, key in (("start-up, bare pygame window (s)", "bare_s"), ("start-up, Alliance title screen (s)", "app_s"),
                       ("start-up ratio", "ratio")):
        d = results["dummy"]["startup"][key]
        print(f"| {label} | {d:.3f} | {x['startup'][key]:.3f} |" if x else f"| {label} | {d:.3f} | - |")
    for label, key in (("idle CPU, Alliance (play screen)", "app"), ("idle CPU, bare loop on Clock.tick(30)", "tick"),
                       ("idle CPU, bare loop on event.wait(100)", "wait")):
        d = results["dummy"]["idle"][key]
        cell = f"{d['percent']:.2f}% ({d['cpu_s']:.3f} s of {args.seconds:.0f} s)"
        xcell = (f"{x['idle'][key]['percent']:.2f}% ({x['idle'][key]['cpu_s']:.3f} s)" if x else "-")
        print(f"| {label} | {cell} | {xcell} |")
    f = results["frames"]
    print()
    print("| screen | median frame (ms) | 99th percentile (ms) |")
    print("|---|---|---|")
    for key, label in (("play", "play"), ("debrief", "debrief (top)"), ("debrief_scrolled", "debrief (scrolled)")):
        print(f"| {label} | {f[key]['median_ms']:.2f} | {f[key]['p99_ms']:.2f} |")
    print(f"\nPeak memory (ru_maxrss) after a full case and its debrief: {f['maxrss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
