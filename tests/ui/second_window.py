"""A second copy of the window, for the lock tests: run as a program, it opens a case headless (in the data
and config folders of its environment), takes its first choice, prints "ready" and keeps the case open until
its standard input closes (or it is killed, as a crash would)."""

from __future__ import annotations

import os
import sys

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def main(scenario_dir: str, scenario: str) -> int:
    from pathlib import Path

    from sim.ui.window.app import App

    app = App(size=(800, 600), scenario_dir=Path(scenario_dir), seed=0)
    app.open_scenario(scenario)
    app.step()
    if app.screen.name != "play":
        print(f"not playing: {app.screen.name}", flush=True)
        return 1
    app.case.choose(app.case.view().choices[0].id)
    print("ready", flush=True)
    sys.stdin.read()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
