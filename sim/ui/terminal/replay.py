"""`alliance-sim play --text --replay PATHFILE`: a path of choices played as a test.

A path file is what `explore --json` writes (its best path is taken, or `--json`'s whole object with a
"path" and a "seed"), or a plain list of steps ``{"scene": ..., "choice": ...}``. Every question on the way
is answered plainly (an estimate of 50, "nothing has shifted"), since answers never change where a case
goes. The command exits 0 when every step fits, and 1 at the first step that does not, saying why.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sim.engine.session import Session
from sim.errors import ActionError, PlayError, SaveError

MAX_BYTES = 5 * 1024 * 1024


def read_path(path: Path) -> tuple[list[dict], int | None]:
    """(steps, seed or None) from a path file; raises SaveError naming the file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SaveError(f"{path}: a path file is at most {MAX_BYTES // 1024 // 1024} MB")
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SaveError(f"{path}: there is no path file here") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveError(f"{path}: cannot read it ({exc})") from None
    except json.JSONDecodeError as exc:
        raise SaveError(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from None
    seed = None
    if isinstance(data, dict) and isinstance(data.get("best"), dict):
        data = data["best"]
    if isinstance(data, dict):
        seed = data.get("seed") if isinstance(data.get("seed"), int) else None
        data = data.get("path")
    if not isinstance(data, list) or not all(isinstance(s, dict) and isinstance(s.get("choice"), str) for s in data):
        raise SaveError(f"{path}: expected a list of steps, each with a 'scene' and a 'choice' id "
                        "(as 'alliance-sim explore --json' writes them)")
    return data, seed


def replay_path(scenario, steps: list[dict], seed: int, out=None) -> int:
    out = out or sys.stdout
    session = Session(scenario, seed)
    for number, step in enumerate(steps, 1):
        while session.waiting:
            session.answer(50 if session.view().kind == "calibration" else "none")
        if session.state.over:
            print(f"step {number}: the case has already ended at '{session.scene_id}'", file=out)
            return 1
        if step.get("scene") and step["scene"] != session.scene_id:
            print(f"step {number}: the path expects scene '{step['scene']}', but the case is at "
                  f"'{session.scene_id}'", file=out)
            return 1
        try:
            session.choose(step["choice"])
        except (ActionError, PlayError) as exc:
            print(f"step {number}: {exc}", file=out)
            return 1
        print(f"step {number}: {session.decisions[-1].scene_id} -> {step['choice']} "
              f"({session.decisions[-1].strategy})", file=out)
    while session.waiting:
        session.answer(50 if session.view().kind == "calibration" else "none")
    ending = session.scenario.scenes[session.scene_id].ending
    where = f"ending {session.scene_id} ({ending.type})" if ending else f"scene {session.scene_id}, not an ending"
    print(f"All {len(steps)} steps fit; the case is at {where}; alliance {session.state.score:.1f}.", file=out)
    return 0
