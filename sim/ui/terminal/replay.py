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
from sim.i18n import _

MAX_BYTES = 5 * 1024 * 1024


def read_path(path: Path) -> tuple[list[dict], int | None]:
    """(steps, seed or None) from a path file; raises SaveError naming the file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SaveError(_("{path}: a path file is at most {size} MB").format(path=path, size=MAX_BYTES // 1024 // 1024))
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SaveError(_("{path}: there is no path file here").format(path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveError(_("{path}: cannot read it ({problem})").format(path=path, problem=exc)) from None
    except json.JSONDecodeError as exc:
        raise SaveError(_("{path}:{line}: not JSON ({problem})").format(path=path, line=exc.lineno, problem=exc.msg)) from None
    seed = None
    if isinstance(data, dict) and isinstance(data.get("best"), dict):
        data = data["best"]
    if isinstance(data, dict):
        seed = data.get("seed") if isinstance(data.get("seed"), int) else None
        data = data.get("path")
    if not isinstance(data, list) or not all(isinstance(s, dict) and isinstance(s.get("choice"), str) for s in data):
        raise SaveError(_("{path}: expected a list of steps, each with a 'scene' and a 'choice' id (as '{command}' "
                          "writes them)").format(path=path, command="alliance-sim explore --json"))
    return data, seed


def replay_path(scenario, steps: list[dict], seed: int, out=None) -> int:
    out = out or sys.stdout
    session = Session(scenario, seed)
    for number, step in enumerate(steps, 1):
        while session.waiting:
            session.answer(50 if session.view().kind == "calibration" else "none")
        if session.is_over:
            print(_("step {number}: the case has already ended at '{scene}'").format(number=number,
                                                                                   scene=session.scene_id), file=out)
            return 1
        if step.get("scene") and step["scene"] != session.scene_id:
            print(_("step {number}: the path expects scene '{expected}', but the case is at '{scene}'").format(
                number=number, expected=step["scene"], scene=session.scene_id), file=out)
            return 1
        try:
            session.choose(step["choice"])
        except (ActionError, PlayError) as exc:
            print(_("step {number}: {problem}").format(number=number, problem=exc), file=out)
            return 1
        print(_("step {number}: {scene} -> {choice} ({strategy})").format(
            number=number, scene=session.decisions[-1].scene_id, choice=step["choice"],
            strategy=session.decisions[-1].strategy), file=out)
    while session.waiting:
        session.answer(50 if session.view().kind == "calibration" else "none")
    ending = session.scenario.scenes[session.scene_id].ending
    if ending:
        words = _("All {count} steps fit; the case is at ending {scene} ({type}); alliance {score}.")
    else:
        words = _("All {count} steps fit; the case is at scene {scene}, not an ending; alliance {score}.")
    print(words.format(count=len(steps), scene=session.scene_id, type=ending.type if ending else "",
                       score=f"{session.hidden().score:.1f}"), file=out)
    return 0
