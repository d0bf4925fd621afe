"""Build the one-folder app (PyInstaller) for the machine it runs on: Linux, Windows or macOS.

    python packaging/build_app.py [--wheel WHEEL] [--dist DIR] [--work DIR] [--fresh]

1. builds the project's wheel (``pip wheel --no-deps``), unless ``--wheel`` gives one;
2. makes a build venv in ``--work`` (default ``build/app``), reused on later runs unless
   ``--fresh``, and installs PyInstaller 6 and the wheel into it, not editable, so the app is
   made from the package exactly as pip installs it, cases, fonts and guides included;
3. runs PyInstaller on ``packaging/alliance-sim.spec``, giving ``DIST/alliance-sim/`` with the
   ``alliance-sim`` program (``alliance-sim.exe`` on Windows) inside;
4. packs that folder as ``DIST/alliance-sim-VERSION-PLATFORM.tar.gz`` (``.zip`` on Windows).

The same command works on each system; PyInstaller cannot build for another system than its
own, so a Windows app is built on Windows and a macOS app on a Mac (docs/install.md).
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "alliance-sim.spec"
PYINSTALLER = "pyinstaller>=6,<7"
APP_NAME = "alliance-sim"


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    print("+ " + " ".join(str(part) for part in command), flush=True)
    return subprocess.run([str(part) for part in command], check=True, **kwargs)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def platform_tag() -> str:
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    return f"{system}-{platform.machine().lower() or 'unknown'}"


def build_wheel(out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("alliance_sim-*.whl"):
        old.unlink()
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", out, ROOT])
    (wheel,) = out.glob("alliance_sim-*.whl")
    return wheel


def prepare_venv(venv: Path, wheel: Path, fresh: bool) -> Path:
    if fresh and venv.exists():
        shutil.rmtree(venv)
    python = venv_python(venv)
    if not python.exists():
        run([sys.executable, "-m", "venv", venv])
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", PYINSTALLER, wheel])
    # the same version number as before would not replace the package: force this wheel in
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--force-reinstall",
         "--no-deps", wheel])
    return python


def installed_version(python: Path, cwd: Path) -> str:
    out = run([python, "-c", "import json, sim.version; print(json.dumps(sim.version.__version__))"],
              capture_output=True, text=True, cwd=cwd).stdout
    return json.loads(out)


def build(wheel: Path | None, dist: Path, work: Path, fresh: bool) -> tuple[Path, Path]:
    started = time.monotonic()
    wheel = wheel or build_wheel(work / "wheel")
    python = prepare_venv(work / "venv", wheel, fresh)
    version = installed_version(python, work)
    # run away from the checkout, or the checkout's sim/ (which lacks the mapped folders) would be
    # imported instead of the installed package
    run([python, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", dist, "--workpath", work / "pyinstaller", SPEC], cwd=work)
    folder = dist / APP_NAME
    fmt = "zip" if sys.platform == "win32" else "gztar"
    archive = shutil.make_archive(str(dist / f"{APP_NAME}-{version}-{platform_tag()}"), fmt, dist, APP_NAME)
    print(f"built {folder} and {archive} in {time.monotonic() - started:.0f} s")
    return folder, Path(archive)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", type=Path, help="use this wheel instead of building one")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the app goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "app",
                        help="build venv and PyInstaller's work files (default: build/app)")
    parser.add_argument("--fresh", action="store_true", help="make the build venv anew")
    args = parser.parse_args(argv)
    try:
        build(args.wheel.resolve() if args.wheel else None, args.dist.resolve(), args.work.resolve(), args.fresh)
    except subprocess.CalledProcessError as exc:
        print(f"build_app: a step failed (exit {exc.returncode}): {' '.join(map(str, exc.cmd))}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
