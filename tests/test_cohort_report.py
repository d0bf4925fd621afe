"""The cohort report on 30 sessions of two shipped cases, played with seeded random choices through the engine:
the numbers, the CSV, and the page as headless Chromium renders it."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from records_helpers import COHORT_CASES, generate_cohort

from sim.analysis.cohort import build_cohort, learner_rows, sessions_from_statements, statements_from_logs
from sim.cli import main

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "test-output" / "report"
TEAL = (31, 111, 120)  # the median line and the noticing bars


@pytest.fixture(scope="module")
def cohort(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cohort")
    sessions = generate_cohort(folder / "logs", 30)
    return folder, sessions


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed (.ci/run installs the Debian package 'chromium')")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    return found


def run_chromium(*args: str) -> subprocess.CompletedProcess:
    profile = tempfile.mkdtemp(prefix="chromium-")
    try:
        return subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               "--disable-background-networking", "--disable-component-update", "--disable-sync",
                               "--hide-scrollbars", f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def test_the_cohort_numbers_match_the_sessions_played(cohort):
    folder, played = cohort
    statements, skipped = statements_from_logs([folder / "logs"])
    assert skipped == 0
    sessions = sessions_from_statements(statements)
    assert len(sessions) == 30 and {s.scenario for s in sessions} == set(COHORT_CASES)
    cases = build_cohort(sessions)
    by_id = {c.scenario: c for c in cases}
    for case_id in COHORT_CASES:
        case = by_id[case_id]
        mine = [s for s in played if s.scenario.id == case_id]
        assert len(case.sessions) == len(mine) == 15
        first_scene = mine[0].decisions[0].scene_id
        chosen = [s.decisions[0].choice_id for s in mine]
        scene, _, options, reached = next(item for item in case.scenes if item[0] == first_scene)
        assert reached == 15 and {o: n for o, _, _, n in options} == {
            c.id: chosen.count(c.id) for c in shipped_scene(mine[0], first_scene).choices}
        endings = sum(case.endings.values())
        assert endings == 15
        errors = sorted(e for s in mine for e in (round(c.estimate - c.truth, 1) for c in s.calibrations))
        assert sorted(e for v in case.calibration.values() for _, e in v) == errors
        right = sum(n.correct for s in mine for n in s.notices)
        assert sum(r for r, _ in case.noticing.values()) == right
        assert len(case.trajectories) == 15 and case.band[0][0] == 0
        rebuilt = next(s for s in case.sessions if s.seed == mine[0].seed).trajectory
        assert rebuilt == [(p.decision, round(p.score, 2)) for p in mine[0].trajectory]  # events included
    rows = learner_rows(sessions)
    assert len(rows) == 30 and all(row["sessions"] == 1 for row in rows)


def shipped_scene(session, scene_id):
    return session.scenario.scenes[scene_id]


def test_the_report_command_writes_a_self_contained_page_and_one_csv_row_per_decision(cohort, capsys):
    folder, played = cohort
    html, table = folder / "report.html", folder / "decisions.csv"
    assert main(["report", str(folder / "logs"), "--html", str(html), "--csv", str(table)]) == 0
    assert "30 session(s) by 30 learner(s) in 2 case(s)" in capsys.readouterr().out
    page = html.read_text(encoding="utf-8")
    assert "<script" not in page and not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "url(" not in page and "@import" not in page  # nothing is fetched: it opens offline
    with open(table, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == sum(s.decision_count for s in played)
    first = played[0]
    mine = [r for r in rows if r["seed"] == str(first.seed)]
    assert [r["choice_text"] for r in mine] == [d.choice_text for d in first.decisions]
    assert main(["report", str(folder / "logs")]) == 2
    assert main(["report", str(folder / "nowhere"), "--csv", str(table)]) == 2


def test_the_page_renders_in_headless_chromium(cohort):
    import pygame

    folder, _ = cohort
    html = folder / "page.html"
    assert main(["report", str(folder / "logs"), "--html", str(html)]) == 0
    dom = run_chromium("--dump-dom", html.as_uri())
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "30 sessions by 30 learners in 2 cases" in dom.stdout
    assert dom.stdout.count("<svg") >= 2 * (1 + 1) + 30  # trajectories and calibration per case, and bars
    assert dom.stdout.count("<polyline") == 30 + 2  # one line per session and a median per case
    OUT.mkdir(parents=True, exist_ok=True)
    shot = OUT / "cohort.png"
    if shot.exists():
        shot.unlink()
    result = run_chromium("--window-size=1100,2600", f"--screenshot={shot}", html.as_uri())
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    image = pygame.image.load(str(shot))
    assert image.get_size() == (1100, 2600)
    background = image.get_at((5, 5))[:3]
    inked = sum(1 for x in range(0, 1100, 5) for y in range(0, 2600, 5) if image.get_at((x, y))[:3] != background)
    assert inked > 2000, "the page rendered (nearly) blank"
    teal = sum(1 for x in range(0, 1100, 2) for y in range(500, 1100, 2)
               if all(abs(a - b) <= 30 for a, b in zip(image.get_at((x, y))[:3], TEAL)))
    assert teal > 50, "the trajectory chart (its median line) is not on the screenshot"
