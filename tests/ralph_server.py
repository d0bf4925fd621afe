"""A real LRS for the tests: Ralph (ralph-malph 5.x) on 127.0.0.1, fs backend, HTTP Basic auth.

Ralph runs as a subprocess on a free loopback port; ``start`` waits for its
heartbeat with a bounded poll and ``stop`` always ends it (terminate, then
kill). Credentials are made with ``ralph auth``, which needs
RALPH_RUNSERVER_BACKEND=fs to load at all.

Two things about Ralph's fs backend, the one that needs no database server:
* It stores every statement in one file that it opens in "create" mode, so
  every POST after the first fails with a 500 ("already exists"). The
  launcher below switches that backend to its own "append" mode before the
  app loads; nothing else of Ralph is changed.
* A GET filtered by verb returns nothing; read everything and filter here.
An institution runs Ralph with Elasticsearch, MongoDB or ClickHouse instead.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

LAUNCH = """
import sys
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
import uvicorn
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""
START_TIMEOUT = 45.0


def require_ralph() -> None:
    """Skip without Ralph on a developer's machine; fail under CI, where .ci/run installs it."""
    missing = [name for name in ("ralph", "uvicorn", "fastapi", "requests") if importlib.util.find_spec(name) is None]
    if missing:
        message = f"Ralph is not installed ({', '.join(missing)} missing): pip install -e '.[test]'"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RalphServer:
    def __init__(self, root: Path, username: str = "facilitator", password: str = "s3cret-Pa55word"):
        self.root = Path(root)
        self.username, self.password = username, password
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/xAPI"
        self.process: subprocess.Popen | None = None
        self.log = self.root / "ralph.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RALPH_", "SENTRY_"))}
        env.update(RALPH_APP_DIR=str(self.root / "app"), RALPH_AUTH_FILE=str(self.root / "auth.json"),
                   RALPH_RUNSERVER_BACKEND="fs", RALPH_RUNSERVER_AUTH_BACKENDS="basic",
                   RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(self.root / "store"))
        self.env = env
        (self.root / "store").mkdir(parents=True, exist_ok=True)

    def create_user(self) -> None:
        subprocess.run([sys.executable, "-m", "ralph", "auth", "-u", self.username, "-p", self.password, "-s", "all",
                        "-M", f"mailto:{self.username}@school.example", "-w"], env=self.env, check=True,
                       capture_output=True, timeout=60)

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen([sys.executable, "-c", LAUNCH, str(self.port)], env=self.env,
                                            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph stopped at start: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"Ralph did not answer within {START_TIMEOUT:.0f} s")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)
        self.process = None
