"""The ``alliance-sim`` command: play, validate, explore, audit, schema, coverage, diagram, list, lrs, report."""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path

from sim.cli_args import build_parser, requested_language, translate_argparse
from sim.cli_validate import cmd_validate  # noqa: F401  (found by name in main)
from sim.errors import AllianceError, ScenarioError
from sim.i18n import _, set_language, system_language

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 2, 2


def _print_problems(problems, stream=None) -> None:
    from sim.ui.terminal.safe_text import terminal_safe

    for problem in problems:
        print(terminal_safe(problem.format()), file=stream or sys.stderr)


def _own_cases(cases: str | None) -> tuple:
    """The folders searched after the shipped one: the user's own cases folder, unless --cases names one."""
    from sim.records.log import user_cases_dir

    return () if cases else (user_cases_dir(),)


def _load(name: str | None, cases: str | None = None):
    """Find (by path, or by id in ``cases``, or in the shipped folder and then the user's own cases folder)
    and load a scenario; prints every problem and returns None when it cannot be used."""
    from sim.engine import CaseNotFound, find_case, open_case

    try:
        path = find_case(name, Path(cases) if cases else None, _own_cases(cases))
        scenario, _warnings = open_case(path)
    except CaseNotFound as exc:
        from sim.ui.terminal.safe_text import terminal_safe

        print(f"alliance-sim: {terminal_safe(exc)}", file=sys.stderr)
        return None
    except ScenarioError as exc:
        from sim.ui.terminal.safe_text import terminal_safe

        _print_problems(exc.problems)
        if any(p.file == str(path) for p in exc.problems):  # the case itself, not the catalogue beside it
            print(_("{file}: cannot be played until the errors above are fixed").format(file=terminal_safe(path)),
                  file=sys.stderr)
        return None
    return scenario


def cmd_explore(args) -> int:
    from sim.analysis.explore import explore
    from sim.ui.terminal.explore_report import render_exploration

    scenario = _load(args.scenario, getattr(args, 'cases', None))
    if scenario is None:
        return EXIT_ERRORS
    if args.coverage:
        from sim.analysis.path_coverage import coverage, render_coverage

        found = coverage(scenario, args.seeds)
        print(json.dumps(found.as_dict(), indent=2, ensure_ascii=False) if args.json else render_coverage(found, scenario))
        return EXIT_OK
    if args.to is not None and args.to not in {scene.id for scene in scenario.endings}:
        from difflib import get_close_matches

        near = get_close_matches(args.to, [scene.id for scene in scenario.endings], 1)
        if near:
            message = _("'{ending}' is not an ending of {case} (did you mean '{near}'?)").format(
                ending=args.to, case=scenario.id, near=near[0])
        else:
            message = _("'{ending}' is not an ending of {case}; its endings: {endings}").format(
                ending=args.to, case=scenario.id, endings=", ".join(scene.id for scene in scenario.endings))
        print("alliance-sim explore: " + message, file=sys.stderr)
        return EXIT_USAGE
    result = explore(scenario, args.seeds, args.policy, args.band, args.max_states)
    if args.duties_met:  # only the paths on which every legal duty that arose was met
        result = result.duties_met()
    if args.json:
        data = {**result.as_dict(), "duties_met": args.duties_met}
        if args.to is not None:
            data = {**data, "to": args.to, "endings": {args.to: data["endings"][args.to]}}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        if args.duties_met:
            print(_("Only the paths on which every legal duty that arose was met."))
        print(render_exploration(result, scenario, to=args.to))
    return EXIT_OK


def cmd_audit(args) -> int:
    from sim.analysis.audit import audit_library
    from sim.engine import find_case, open_case
    from sim.scenario.library import scenario_files
    from sim.ui.terminal.audit_report import render_audit

    paths: list[Path] = []
    for name in args.paths or [None]:
        path = Path(name) if name else None
        if path is None or path.is_dir():
            found = scenario_files(path)
            if not found:
                print("alliance-sim audit: " + _("no scenario files (*.yaml) directly in {folder}").format(
                    folder=path or _("the scenarios folder")), file=sys.stderr)
                return EXIT_USAGE
            paths.extend(found)
        else:
            paths.append(find_case(name))
    catalogues: dict = {}
    scenarios = []
    for path in paths:
        try:
            scenarios.append(open_case(path, catalogues=catalogues)[0])
        except ScenarioError as exc:
            _print_problems(exc.problems)
            print(_("{file}: cannot be audited until the errors above are fixed").format(file=path), file=sys.stderr)
            return EXIT_ERRORS
    report = audit_library(scenarios, runs=args.runs)
    if args.json:
        print(json.dumps(report, indent=2, ensure_ascii=False))
    elif args.markdown:
        from sim.ui.terminal.audit_report import render_markdown

        print(render_markdown(report), end="")
    else:
        print(render_audit(report))
    return EXIT_ERRORS if args.strict and report["warnings"] else EXIT_OK


def cmd_play(args) -> int:
    scenario = None
    if args.replay:
        from sim.ui.terminal.replay import read_path, replay_path

        scenario = _load(args.scenario, args.cases)
        if scenario is None:
            return EXIT_ERRORS
        steps, seed = read_path(Path(args.replay))
        return replay_path(scenario, steps, args.seed if args.seed is not None else (seed or 0))
    if args.text:
        scenario = _load(args.scenario, args.cases)
        if scenario is None:
            return EXIT_ERRORS
        from sim.records.profile import learner_for_play, learner_from_settings, resolve_lrs
        from sim.ui.terminal.frontend import play_text

        learner = learner_for_play(args.learner) if args.learner is not None else learner_from_settings()
        ask = learner is None and sys.stdin.isatty()  # asked once, in an interactive terminal
        return play_text(scenario, args.seed, args.resume, new=args.new, learner=learner, ask=ask,
                         config=resolve_lrs(args.lrs), watch=args.watch,
                         prepare_debrief=sys.stdin.isatty())  # a person at a terminal, not a script
    if args.learner is not None:
        from sim.records.profile import learner_for_play

        learner_for_play(args.learner)  # remembered: the window then does not ask
    try:
        from sim.ui.window.app import run_window
    except ImportError as exc:
        print("alliance-sim: " + _("the window cannot start ({problem}); try '{command}'").format(
            problem=exc, command="alliance-sim play --text"), file=sys.stderr)
        return EXIT_ERRORS
    return run_window(scenario=args.scenario, seed=args.seed, lrs=args.lrs, cases=args.cases,
                      watch=args.watch)


def cmd_schema(args) -> int:
    from sim.scenario.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def cmd_coverage(args) -> int:
    from sim.analysis.coverage import coverage_report, uncovered

    scenarios = []
    from sim.scenario.library import scenario_files

    for path in scenario_files(Path(args.cases) if args.cases else None):
        scenario = _load(str(path))
        if scenario is None:
            return EXIT_ERRORS
        scenarios.append(scenario)
    report = coverage_report(scenarios)
    if args.write:
        from sim.records.saves import write_atomic

        try:
            write_atomic(Path(args.write), report)
        except OSError as exc:
            print("alliance-sim coverage: " + _("cannot write {file}: {problem}").format(
                file=args.write, problem=exc.strerror or exc), file=sys.stderr)
            return EXIT_ERRORS
        print(_("wrote {file}").format(file=args.write))
    else:
        sys.stdout.write(report)
    missing = uncovered(scenarios)
    if missing:
        print(_("uncovered: {ids}").format(ids=", ".join(missing)), file=sys.stderr)
        return 1
    return EXIT_OK


def cmd_list(args) -> int:
    from sim.engine.labels import difficulty_label, relation_label
    from sim.scenario.library import scenario_files

    for path in scenario_files(Path(args.cases) if args.cases else None, _own_cases(args.cases)):
        scenario = _load(str(path))
        if scenario is None:
            continue
        who = ", ".join(f"{c.name} ({relation_label(c.relation)})" for c in scenario.caregivers)
        print(f"{scenario.id:24} {difficulty_label(scenario.difficulty).lower():13} "
              + _("{minutes} min").format(minutes=f"{scenario.minutes:3}") + f"  {who}")
    return EXIT_OK


def cmd_map(args) -> int:
    from sim.analysis.scene_map import scene_map

    scenario = _load(args.scenario, getattr(args, 'cases', None))
    if scenario is None:
        return EXIT_ERRORS
    text = scene_map(scenario, args.format)
    if args.output:
        from sim.records.saves import write_atomic

        write_atomic(Path(args.output), text)
        print(_("wrote {file}").format(file=args.output))
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_diagram(args) -> int:
    from sim.analysis.diagrams import diagram

    sys.stdout.write(diagram(args.machine, args.format))
    return EXIT_OK


def _safe_output() -> None:
    """A terminal that cannot show a character (not UTF-8) gets a '?' for it, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError, OSError):
            pass


COMMANDS = ("play", "validate", "explore", "audit", "schema", "coverage", "map", "diagram", "list")


def main(argv: list[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    set_language(requested_language(words) or system_language())
    translate_argparse()
    parser = build_parser({name: globals()[f"cmd_{name}"] for name in COMMANDS})
    args = parser.parse_args(words)
    if args.command is None:
        args = parser.parse_args(["play", *words])
    _safe_output()
    try:
        status = args.func(args)
        sys.stdout.flush()  # a full or closed output is reported here, not at exit
        return status
    except KeyboardInterrupt:
        print("\n" + _("interrupted"), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except ScenarioError as exc:
        _print_problems(exc.problems)
        return EXIT_ERRORS
    except AllianceError as exc:  # anything a user or a file can cause: its message says what and where
        from sim.ui.terminal.safe_text import terminal_safe

        print(f"alliance-sim: {terminal_safe(exc)}", file=sys.stderr)
        return EXIT_ERRORS
    except OSError as exc:  # the machine, not the program: a full disk, a read-only folder, a closed output
        where = f"{exc.filename}: " if exc.filename else ""
        try:
            print(f"alliance-sim: {where}{exc.strerror or exc}", file=sys.stderr)
        except OSError:
            pass
        return EXIT_ERRORS
    except Exception as exc:  # a bug of ours: say so plainly, keep the details in a file
        from sim.records.log import data_dir

        report = data_dir() / "crash.txt"
        try:
            report.parent.mkdir(parents=True, exist_ok=True)
            report.write_text(traceback.format_exc(), encoding="utf-8")
            where = "; " + _("details in {file}").format(file=report)
        except OSError:
            where = ""
        print("alliance-sim: " + _("internal error: {kind}: {problem}").format(kind=type(exc).__name__, problem=exc)
              + where, file=sys.stderr)
        return 3
