"""Property-based: no save, settings file or session log, however damaged, fails with anything but our own
error (``AllianceError``): a tampered file is refused with its name, never a traceback."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.engine.session import Session
from sim.errors import AllianceError, SaveError
from sim.records.log import read_log
from sim.records.profile import learner_from_settings, resolve_lrs
from sim.records.saves import other_source, resume, save_session
from sim.records.xapi import statements_from_records
from sim.ui.window.settings_store import TEXT_SIZES, THEMES, Settings

KEYS = ["format", "scenario", "scenario_path", "digest", "seed", "language", "actions", "takebacks",
        "first_attempt", "extra", "choice", "notice", "calibration", "decision", "undone", "mode", "type",
        "text_size", "theme", "fullscreen", "window", "learner", "anonymous_id", "lrs", "endpoint", "username",
        "password", "hidden_numbers", "registration", "scene", "alliance", "t", "session", "ending", "account"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False),
                    st.text(max_size=12), st.sampled_from(["tiny_example", "c1", "c2", "hello", "practice",
                                                           "http://127.0.0.1:1/xAPI", "choice", "session"]))
values = st.recursive(scalars, lambda children: st.one_of(st.lists(children, max_size=4),
                                                         st.dictionaries(st.sampled_from(KEYS), children,
                                                                         max_size=6)),
                      max_leaves=30)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                        HealthCheck.function_scoped_fixture])


def real_save(tiny) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "save.json"
        session = Session(tiny, 3)
        session.choose(session.view().choices[0].id)
        save_session(session, path)
        return json.loads(path.read_text())


@FUZZ
@given(data=st.data())
def test_a_tampered_save_is_resumed_or_refused(tiny, data):
    save = real_save(tiny)
    for _ in range(data.draw(st.integers(1, 3))):
        key = data.draw(st.sampled_from(sorted(save) + ["actions.0", "actions.new"]))
        value = data.draw(values)
        actions = save.get("actions")  # an earlier draw may have made it anything, or taken it away
        if key == "actions.0":
            if isinstance(actions, list) and actions:
                actions[0] = value
        elif key == "actions.new":
            if isinstance(actions, list):
                actions.append(value)
        else:
            save[key] = value
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "save.json"
        path.write_text(json.dumps(save), encoding="utf-8")
        try:
            resume(path, tiny)
        except SaveError as exc:
            assert str(path) in str(exc)
        other_source(path, tiny)  # never raises: the front ends ask it before anything else


@FUZZ
@given(document=values)
def test_any_json_as_a_save_is_refused_cleanly(tiny, document):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "save.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        try:
            resume(path, tiny)
        except SaveError as exc:
            assert str(path) in str(exc)


@FUZZ
@given(document=values)
def test_any_settings_give_usable_settings(document):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        loaded = Settings.load(path)
    assert loaded.text_size in TEXT_SIZES and loaded.theme in THEMES and isinstance(loaded.fullscreen, bool)
    assert len(loaded.window) == 2 and all(isinstance(v, int) for v in loaded.window)
    data = document if isinstance(document, dict) else {}
    learner_from_settings(data)
    try:
        resolve_lrs(environ={}, settings=data)
    except AllianceError:
        pass


@FUZZ
@given(text=st.binary(max_size=300))
def test_any_bytes_as_settings_give_the_defaults_or_the_settings(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.json"
        path.write_bytes(text)
        loaded = Settings.load(path)
    assert loaded.theme in THEMES


@FUZZ
@given(lines=st.lists(st.one_of(values.map(json.dumps), st.text(max_size=40)), max_size=12))
def test_any_log_is_read_and_turned_into_statements_or_refused(lines):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "case.jsonl"
        path.write_text("\n".join(lines), encoding="utf-8")
        records = read_log(path)
    assert all(isinstance(r, dict) for r in records)
    try:
        statements_from_records(records)
    except AllianceError:
        pass
