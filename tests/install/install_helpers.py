"""Helpers for the install tests: the checkout's root, a user's environment, running a program."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "test-output" / "screens"


def clean_env(home: Path, **extra) -> dict:
    """The environment of a user's shell: no venv of ours, no PYTHONPATH, no test-only SDL drivers."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "SDL_VIDEODRIVER", "SDL_AUDIODRIVER"}}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(sys.prefix))
    env["ALLIANCE_HOME"] = str(home / "data")
    env["ALLIANCE_CONFIG_HOME"] = str(home / "config")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(extra)
    return env


def run(command, cwd: Path, env: dict, input_text: str | None = None, timeout: float = 300):
    return subprocess.run([str(c) for c in command], cwd=cwd, env=env, input=input_text, capture_output=True,
                          text=True, timeout=timeout)


def choices(count: int = 400) -> str:
    """Answers for a whole case: the first choice each time (1 is also a valid estimate and notice)."""
    return "1\n" * count


def shipped_case_ids() -> list[str]:
    """The cases in the checkout's scenarios/, which every install must carry."""
    return sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml")
                  if p.name not in {"strategies.yaml", "references.yaml"})
