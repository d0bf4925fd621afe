"""``alliance-sim validate``: check scenario files and list every problem.

Many files are checked in worker processes (``--jobs``, by default one per CPU): each file is read and
checked on its own (``loader.check_scenario_file``), so the files are shared out and their problems put
back in the order of the files, and the output, its order and the exit status are the same as checking
them one after another in this process (which is what ``--jobs 1``, or a single file, does). The catalogue
beside each file is read here first, so that its problems are listed once; the duplicate-id check across
files runs here, on the ids the workers send back. A worker that stops (killed, out of memory) is reported
as an error on each file it left unchecked; Ctrl-C stops the workers too.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from sim.errors import AllianceError, ScenarioError
from sim.i18n import _, language as interface_language, ngettext, set_language
from sim.scenario.loader import check_scenario_file
from sim.scenario.problems import ERROR, ProblemList

# The catalogues of the files being checked, by folder: a forked worker finds them here, a spawned one reads
# each once for itself.
_catalogues: dict[Path, object] = {}


def default_jobs() -> int:
    """How many files are checked at once when ``--jobs`` is not given: one per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _check(path: Path) -> tuple[list, tuple | None]:
    """One file's problems, and its (id, path) when it can be used (for the duplicate-id check)."""
    from sim.scenario.catalogue import find_catalogue_dir, load_catalogue

    directory = find_catalogue_dir(path)
    catalogue = _catalogues.get(directory)
    if catalogue is None:
        catalogue = _catalogues[directory] = load_catalogue(directory)
    scenario, problems = check_scenario_file(path, catalogue)
    # Only the id and path travel back, not the scenario: 200 of them would fill memory.
    return problems, (scenario.id, scenario.path) if scenario is not None else None


def _worker_start(interface_language: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle: it stops the workers
    set_language(interface_language)  # the messages in the same language as the main process's


def _not_checked(path: Path) -> list:
    problems = ProblemList(str(path))
    problems.error(None, "", _("not checked: the worker process checking it stopped unexpectedly"),
                   _("run 'alliance-sim validate --jobs 1' on this file to see why"))
    return problems.items


def _checked(paths: list[Path], jobs: int):
    """``_check`` of each file, in the order of ``paths``: here, or in up to ``jobs`` worker processes."""
    jobs = min(jobs, len(paths))
    if jobs <= 1:
        for path in paths:
            yield _check(path)
        return
    # fork where it is the platform's own way (Linux): the workers start at once, with what is already loaded.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_worker_start, initargs=(interface_language(),))
    try:
        futures = []
        for path in paths:
            try:
                futures.append(pool.submit(_check, path))
            except BrokenProcessPool:  # a worker has already stopped: the pool takes no more
                futures.append(None)
        for path, future in zip(paths, futures):
            try:
                if future is None:
                    raise BrokenProcessPool()
                yield future.result()
            except BrokenProcessPool:
                yield _not_checked(path), None
    except BaseException:  # Ctrl-C: stop the workers now, not after their files
        processes = list((getattr(pool, "_processes", None) or {}).values())  # before shutdown forgets them
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    pool.shutdown()


def cmd_validate(args) -> int:
    from sim.cli import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
    from sim.scenario.catalogue import default_scenario_dir, find_catalogue_dir, load_catalogue
    from sim.scenario.duplicates import duplicate_ids
    from sim.scenario.library import scenario_files

    paths: list[Path] = []
    for name in args.paths or [str(default_scenario_dir())]:
        path = Path(name)
        if path.is_dir():
            found = scenario_files(path)
            if not found:
                print("alliance-sim validate: " + _("no scenario files (*.yaml) directly in {folder}").format(
                    folder=path), file=sys.stderr)
            paths.extend(found)
        else:
            paths.append(path)
    if not paths:
        print("alliance-sim validate: " + _("no scenario files found"), file=sys.stderr)
        return EXIT_USAGE
    # First the catalogues, in the order the files meet them; then the files, whose problems go in after
    # their catalogue's, as if each were checked when it is met.
    plan: list = []  # a catalogue's problems (a list), or the index of a file to check
    checked: list[Path] = []
    catalogues: dict[Path, object] = {}
    for path in paths:
        directory = find_catalogue_dir(path)
        if directory not in catalogues:
            try:
                catalogues[directory] = load_catalogue(directory)
            except ScenarioError as exc:
                catalogues[directory] = None
                plan.append(exc.problems)
        if catalogues[directory] is not None:
            plan.append(len(checked))
            checked.append(path)
    _catalogues.clear()
    _catalogues.update((d, c) for d, c in catalogues.items() if c is not None)
    try:
        results = list(_checked(checked, args.jobs or default_jobs()))
    finally:
        _catalogues.clear()
    all_problems, loaded = [], []
    for step in plan:
        if isinstance(step, list):
            all_problems.extend(step)
            continue
        problems, used = results[step]
        all_problems.extend(problems)
        if used is not None:
            loaded.append(used)
    if args.lang:
        all_problems.extend(_missing_language(paths, catalogues, args.lang, args.strict))
    all_problems.extend(duplicate_ids(loaded))
    all_problems.sort(key=lambda p: (p.file, p.line or 0))
    errors = [p for p in all_problems if p.severity == ERROR]
    warnings = [p for p in all_problems if p.severity != ERROR]
    if args.json:
        print(json.dumps({"files": [str(p) for p in paths], "problems": [p.as_dict() for p in all_problems]},
                         indent=2))
    else:
        from sim.scenario.problem_groups import grouped_lines
        from sim.ui.terminal.safe_text import terminal_safe

        for line in grouped_lines(all_problems):
            print(terminal_safe(line))
        print(_("{files}: {errors}, {warnings}").format(
            files=ngettext("{count} file checked", "{count} files checked", len(paths)).format(count=len(paths)),
            errors=ngettext("{count} error", "{count} errors", len(errors)).format(count=len(errors)),
            warnings=ngettext("{count} warning", "{count} warnings", len(warnings)).format(count=len(warnings))))
    if errors or (args.strict and warnings):
        return EXIT_ERRORS
    return EXIT_OK


def _missing_language(paths, catalogues, language, strict) -> list:
    """``validate --lang``: every text of the files (and of the catalogue each reads) without ``language``."""
    from sim.safeio import SCENARIO_LIMIT, read_text
    from sim.scenario.catalogue import STRATEGIES_FILE
    from sim.scenario.translation_check import missing_language

    problems = []
    files = list(paths) + [d / STRATEGIES_FILE for d in catalogues if (d / STRATEGIES_FILE).is_file()]
    for path in files:
        try:
            text = read_text(path, SCENARIO_LIMIT)
        except (OSError, AllianceError):
            continue  # already reported by the check itself
        problems.extend(missing_language(text, str(path), language, strict))
    return problems
