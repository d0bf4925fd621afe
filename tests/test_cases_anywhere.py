"""Cases anywhere: a folder of one's own for list, play and coverage, and resume hints that work for it."""

from __future__ import annotations

import io
import shutil

from scenario_helpers import TINY
from sim.cli import main
from sim.scenario.loader import load_scenario
from sim.ui.terminal.frontend import case_argument, play_text


def own_folder(tmp_path):
    folder = tmp_path / "my cases"
    folder.mkdir()
    shutil.copy(TINY, folder / "first_visit.yaml")
    return folder


def test_list_and_play_read_a_folder_of_one_s_own(tmp_path, capsys):
    folder = own_folder(tmp_path)
    assert main(["list", "--cases", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "tiny_example" in out and "hospital_admission" not in out
    assert main(["play", "first_visit", "--cases", str(folder), "--replay", str(_one_step(tmp_path))]) == 0


def _one_step(tmp_path):
    path = tmp_path / "step.json"
    path.write_text('[{"scene": "hello", "choice": "c2"}]', encoding="utf-8")
    return path


def test_the_resume_hint_names_the_file_of_a_case_outside_the_shipped_folder(tmp_path, capsys):
    folder = own_folder(tmp_path)
    scenario = load_scenario(folder / "first_visit.yaml")
    hint = case_argument(scenario)
    assert hint.strip("'") == str(folder / "first_visit.yaml") and hint.startswith("'")  # quoted: the space
    play_text(scenario, 0, False, read=lambda prompt: (_ for _ in ()).throw(EOFError), out=io.StringIO(),
              log_dir=tmp_path / "logs")
    assert play_text(scenario, 0, False, read=lambda p: "", out=io.StringIO(), log_dir=tmp_path / "logs") == 2
    assert f"--resume {hint}" in capsys.readouterr().err
    from scenario_helpers import shipped_scenarios

    shipped = load_scenario(shipped_scenarios()[0])
    assert case_argument(shipped) == shipped.id


def test_the_user_cases_folder_is_listed_after_the_shipped_cases_and_plays_by_id(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ALLIANCE_HOME", str(tmp_path / "home"))
    assert main(["list"]) == 0
    assert "tiny_example" not in capsys.readouterr().out
    own = tmp_path / "home" / "cases"
    own.mkdir(parents=True)
    shutil.copy(TINY, own / "first_visit.yaml")
    assert main(["list"]) == 0
    rows = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert "hospital_admission" in rows and rows[-1] == "tiny_example"  # shipped first, then one's own
    assert main(["play", "first_visit", "--replay", str(_one_step(tmp_path))]) == 0
    assert main(["list", "--cases", str(own_folder(tmp_path))]) == 0  # --cases names the only folder read
    assert "hospital_admission" not in capsys.readouterr().out
