"""Saves: the seed and the learner's actions, written atomically; resume replays them.

A save never holds the hidden state itself, only the inputs, so a resumed
session is the uninterrupted one by construction. The scenario's digest is
stored with it: a save made with another version of the scenario is refused
with a clear message, and the file is left as it is.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from sim.engine.session import Session
from sim.errors import ActionError, SaveError
from sim.scenario.model import Scenario
from sim.version import __version__

SAVE_FORMAT = 1


def write_atomic(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename over ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def save_session(session: Session, path: Path, extra: dict | None = None) -> None:
    """Save a session's inputs (and front-end settings in ``extra``) atomically."""
    data = {
        "format": SAVE_FORMAT,
        "scenario": session.scenario.id,
        "scenario_path": session.scenario.path,
        "digest": session.scenario.digest,
        "seed": session.seed,
        "language": session.language,
        "actions": list(session.actions),
        "takebacks": session.takebacks,
        "first_attempt": {str(k): v for k, v in session.first_attempt.items()},
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "extra": extra or {},
        "version": __version__,  # the program's; resuming goes by the format and the scenario's digest
    }
    write_atomic(path, json.dumps(data, indent=1, ensure_ascii=False))


def read_save(path: Path) -> dict:
    """Read and check the shape of a save file; raises SaveError, never changes the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SaveError(f"{path}: there is no save here") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SaveError(f"{path}: the save cannot be read ({exc})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SaveError(f"{path}: the save is damaged (line {exc.lineno}: {exc.msg}); it was left as it is") from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise SaveError(f"{path}: not a save of this program (format {data.get('format') if isinstance(data, dict) else '?'})")
    for key, kind in (("scenario", str), ("digest", str), ("seed", int), ("actions", list)):
        if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
            raise SaveError(f"{path}: the save is damaged: '{key}' is missing or wrong; it was left as it is")
    return data


def resume(path: Path, scenario: Scenario, listener=None) -> tuple[Session, dict]:
    """Rebuild the saved session by replaying its actions; returns it with the save's data."""
    data = read_save(path)
    if data["scenario"] != scenario.id:
        raise SaveError(f"{path}: this save is for scenario '{data['scenario']}', not '{scenario.id}'")
    if data["digest"] != scenario.digest:
        raise SaveError(f"{path}: the scenario '{scenario.id}' has changed since this save was made, "
                        "so it cannot be resumed exactly; start a new case (the save was left as it is)")
    try:
        session = Session.replay(scenario, data["seed"], data["actions"], data.get("language", "en"), listener)
        session.restore_history(_takebacks(data), _first_attempt(data))
    except ActionError as exc:
        raise SaveError(f"{path}: the saved actions do not fit the scenario: {exc}") from None
    return session, data


def _takebacks(data: dict) -> list[dict]:
    """The take-backs a save records; anything malformed counts as none (the actions are what matter)."""
    items = data.get("takebacks")
    if not isinstance(items, list):
        return []
    return [{"decision": t["decision"], "undone": [str(u) for u in t.get("undone", [])][:100]}
            for t in items[:10_000] if isinstance(t, dict) and isinstance(t.get("decision"), int)
            and isinstance(t.get("undone", []), list)]


def _first_attempt(data: dict) -> dict:
    items = data.get("first_attempt")
    if not isinstance(items, dict):
        return {}
    return {int(k): float(v) for k, v in list(items.items())[:10_000]
            if isinstance(k, str) and k.isdigit() and isinstance(v, (int, float)) and not isinstance(v, bool)}
