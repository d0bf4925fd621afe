"""A debrief to hand in: HTML rendered in a real browser, PDF pages turned into images, from saves and logs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from sim.cli import main
from sim.engine.session import Session
from sim.records.saves import save_session


def need(tool):
    if shutil.which(tool) is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is missing: .ci/run must install it")
        pytest.skip(f"{tool} is not installed")


def played(tiny):
    session = Session(tiny, 5)
    while not session.is_over:
        view = session.view()
        if view.kind == "scene":
            session.choose(next(c.id for c in view.choices if c.id == "c2") if view.scene_id == "hello"
                           else view.choices[0].id)
        else:
            session.answer(40 if view.kind == "calibration" else "none")
    return session


def test_a_save_becomes_a_self_contained_page_and_a_pdf(tiny, tmp_path, capsys):
    need("chromium")
    need("pdftoppm")
    save = tmp_path / "save.json"
    save_session(played(tiny), save, {"learner": {"name": "Daniela R.", "account": "x"}, "mode": "practice",
                                      "scenario_path": tiny.path})
    page, pdf = tmp_path / "debrief.html", tmp_path / "debrief.pdf"
    assert main(["debrief", str(save), "--html", str(page), "--pdf", str(pdf)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "Daniela R." in html and "practice mode" in html and "seed 5" in html and "<svg" in html
    head = html.split("<body>")[0]
    assert "<link" not in head and "<script" not in html and "src=" not in html  # nothing fetched
    assert html.count("[tufford2014]") == 1  # references once, at the end
    dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          "--disable-background-networking", "--disable-component-update", "--disable-sync",
                          f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert "Closed with trust" in dom.stdout and "Every choice" in dom.stdout
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(p.stat().st_size > 2000 for p in pages)


def test_a_log_replays_to_the_same_debrief(tiny, tmp_path, capsys):
    records = []
    session = Session(tiny, 5, listener=records.append)
    for action in played(tiny).actions:
        (kind, value), = action.items()
        session.choose(value) if kind == "choice" else session.answer(value)
    log = tmp_path / "run.jsonl"
    log.write_text("\n".join(json.dumps({"t": 1_700_000_000, **r}) for r in records) + "\n", encoding="utf-8")
    assert main(["debrief", str(log)]) == 2  # not a shipped case: says to give --case
    assert "--case" in capsys.readouterr().err
    assert main(["debrief", str(log), "--case", tiny.path]) == 0
    assert "Closed with trust" in log.with_suffix(".html").read_text(encoding="utf-8")


def test_bad_sources_are_refused_cleanly(tmp_path, capsys):
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n", encoding="utf-8")
    assert main(["debrief", str(broken)]) == 2
    assert main(["debrief", str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert "broken.jsonl:1" in err and "there is no save" in err and "Traceback" not in err
