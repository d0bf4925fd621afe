"""Saves: the seed and the learner's actions, written atomically; resume replays them.

A save never holds the hidden state itself, only the inputs, so a resumed
session is the uninterrupted one by construction. The scenario's digest is
stored with it: a save made with another version of the scenario is refused
with a clear message, and the file is left as it is.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from sim.engine.session import Session
from sim.errors import ScenarioChanged, ActionError, FileRefused, SaveError
from sim.scenario.model import Scenario
from sim.safeio import SAVE_LIMIT, load_json, read_text, write_atomic  # noqa: F401  (write_atomic: re-exported)
from sim.version import __version__
from sim.i18n import N_, _

SAVE_FORMAT = 1


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


ACTION_KINDS = ("choice", "calibration", "notice")
MAX_ACTIONS = 100_000         # in any save; resuming caps it again by the case's size
ACTIONS_PER_SCENE = 20        # a sane multiple of a case's decisions: every scene visited twenty times


def read_save(path: Path) -> dict:
    """Read and check the shape of a save file; raises SaveError, never changes the file."""
    path = Path(path)
    try:
        text = read_text(path, SAVE_LIMIT, N_("save"))
        data = load_json(text, path)
    except FileNotFoundError:
        raise SaveError(_("{path}: there is no save here").format(path=path)) from None
    except FileRefused as exc:
        raise SaveError(_("{reason} (the save was left as it is)").format(reason=exc)) from None
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        found = data.get("format") if isinstance(data, dict) else "?"
        raise SaveError(_("{path}: not a save of this program (format {format})").format(
            path=path, format=str(found)[:20]))
    for key, kind in (("scenario", str), ("digest", str), ("seed", int), ("actions", list)):
        if not isinstance(data.get(key), kind) or isinstance(data.get(key), bool):
            raise SaveError(_("{path}: the save is damaged: '{key}' is missing or wrong; it was left as it is").format(
                path=path, key=key))
    for key in ("scenario_path", "language"):
        if key in data and not isinstance(data[key], str):
            raise SaveError(_("{path}: the save is damaged: '{key}' is not text; it was left as it is").format(
                path=path, key=key))
    if "extra" in data and not isinstance(data["extra"], dict):
        raise SaveError(_("{path}: the save is damaged: '{key}' is not a mapping; it was left as it is").format(
            path=path, key="extra"))
    actions = data["actions"]
    if len(actions) > MAX_ACTIONS:
        raise SaveError(_("{path}: the save is damaged: {count} actions (at most {limit}); "
                          "it was left as it is").format(path=path, count=f"{len(actions):,}", limit=f"{MAX_ACTIONS:,}"))
    for number, action in enumerate(actions, 1):
        problem = _action_problem(action)
        if problem:
            # TRANSLATORS: {problem} says what is wrong with it ("has an unknown kind 'x'")
            raise SaveError(_("{path}: the save is damaged: action {number} {problem}; it was left as it is").format(
                path=path, number=number, problem=problem))
    return data


def _action_problem(action) -> str:
    """What is wrong with one saved action ('' when nothing is)."""
    if not isinstance(action, dict) or len(action) != 1:
        return _("is not a single {entry} entry").format(entry="{kind: value}")
    (kind, value), = action.items()
    if kind not in ACTION_KINDS:
        return _("has an unknown kind {kind}").format(kind=repr(str(kind)[:40]))
    if kind == "choice" and (not isinstance(value, (int, str)) or isinstance(value, bool)):
        return _("is a choice that is neither a choice's id nor its position")
    if kind != "choice" and not (isinstance(value, (int, float, str)) and not isinstance(value, bool)):
        return _("is a {kind} answer that is neither a number nor a word").format(kind=kind)
    if isinstance(value, str) and len(value) > 200:
        return _("is a {kind} answer too long to be one").format(kind=kind)
    return ""


def max_actions(scenario: Scenario) -> int:
    """The most actions a save of ``scenario`` can sensibly hold."""
    return ACTIONS_PER_SCENE * max(1, len(scenario.scenes)) + 100


def resume(path: Path, scenario: Scenario, listener=None, after_edit: bool = False) -> tuple[Session, dict]:
    """Rebuild the saved session by replaying its actions; returns it with the save's data. A save made
    before the case file changed raises ScenarioChanged, unless ``after_edit``: then its actions are replayed
    into the new version as far as they fit, and ``data["replay_stopped"]`` says where it stopped (None: all)."""
    data = read_save(path)
    if data["scenario"] != scenario.id:
        raise SaveError(_("{path}: this save is for scenario '{saved}', not '{scenario}'").format(
            path=path, saved=data["scenario"], scenario=scenario.id))
    if len(data["actions"]) > max_actions(scenario):
        raise SaveError(_("{path}: the save holds {count} actions, more than this case can have "
                          "({limit}); it is damaged and was left as it is").format(
            path=path, count=f"{len(data['actions']):,}", limit=f"{max_actions(scenario):,}"))
    if data["digest"] != scenario.digest:
        if not after_edit:
            raise ScenarioChanged(_("{path}: the scenario '{scenario}' has changed since this save was made, "
                                    "so it cannot be resumed exactly; start a new case (the save was left as it is)")
                                  .format(path=path, scenario=scenario.id))
        session, data["replay_stopped"] = Session.replay_as_far_as_fits(
            scenario, data["seed"], data["actions"], None, listener)  # shown in the language in use now
        return session, data
    if len(data["actions"]) > max_actions(scenario):
        raise SaveError(_("{path}: the save holds {count} actions, more than this case can have "
                          "({limit}); it is damaged and was left as it is").format(
            path=path, count=f"{len(data['actions']):,}", limit=f"{max_actions(scenario):,}"))
    try:
        session = Session.replay(scenario, data["seed"], data["actions"], None, listener)  # shown in the language in use now
        session.restore_history(_takebacks(data), _first_attempt(data))
    except ActionError as exc:
        raise SaveError(_("{path}: the saved actions do not fit the scenario: {reason}").format(
            path=path, reason=exc)) from None
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


def other_source(path: Path, scenario: Scenario) -> str:
    """The scenario file an existing save at ``path`` was made from, when it is another file or another version
    of this case ('' when there is no readable save, or it is this very file). Playing ``scenario`` anew would
    replace that save, so the front ends ask first."""
    try:
        data = read_save(path)
    except SaveError:
        return ""
    saved_path = data.get("scenario_path") or (data.get("extra") or {}).get("scenario_path") or ""
    same_file = bool(saved_path) and same_path(saved_path, scenario.path)
    if data["digest"] == scenario.digest and (same_file or not saved_path):
        return ""
    return str(saved_path) or f"another version of '{data['scenario']}'"


def same_path(one, other) -> bool:
    """Whether two paths name the same file (compared as text when they cannot be resolved)."""
    try:
        return Path(one).resolve() == Path(other).resolve()
    except (OSError, RuntimeError, ValueError):
        return str(one) == str(other)
