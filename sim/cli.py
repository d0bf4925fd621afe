"""The ``alliance-sim`` command: play, validate, explore, audit, schema, coverage, diagram, list, lrs, report."""

from __future__ import annotations

import argparse
import json
import math
import sys
import traceback
from pathlib import Path

from sim.errors import AllianceError, ScenarioError
from sim.scenario.problems import ERROR

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
            print(f"{terminal_safe(path)}: cannot be played until the errors above are fixed", file=sys.stderr)
        return None
    return scenario


def cmd_validate(args) -> int:
    from sim.scenario.catalogue import default_scenario_dir, find_catalogue_dir, load_catalogue
    from sim.scenario.duplicates import duplicate_ids
    from sim.scenario.library import scenario_files
    from sim.scenario.loader import check_scenario_file

    paths: list[Path] = []
    for name in args.paths or [str(default_scenario_dir())]:
        path = Path(name)
        if path.is_dir():
            found = scenario_files(path)
            if not found:
                print(f"alliance-sim validate: no scenario files (*.yaml) directly in {path}", file=sys.stderr)
            paths.extend(found)
        else:
            paths.append(path)
    if not paths:
        print("alliance-sim validate: no scenario files found", file=sys.stderr)
        return EXIT_USAGE
    all_problems, loaded = [], []
    catalogues: dict[Path, object] = {}
    for path in paths:
        directory = find_catalogue_dir(path)
        if directory not in catalogues:
            try:
                catalogues[directory] = load_catalogue(directory)
            except ScenarioError as exc:
                catalogues[directory] = None
                all_problems.extend(exc.problems)
        if catalogues[directory] is not None:
            scenario, problems = check_scenario_file(path, catalogues[directory])
            all_problems.extend(problems)
            if scenario is not None:
                loaded.append(scenario)
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
        print(f"{len(paths)} file(s) checked: {len(errors)} error(s), {len(warnings)} warning(s)")
    if errors or (args.strict and warnings):
        return EXIT_ERRORS
    return EXIT_OK


def _language(text: str) -> str:
    from sim.i18n import LANGUAGES

    code = text.strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise argparse.ArgumentTypeError(f"{text!r} is not a language this program has; use one of: "
                                         f"{', '.join(LANGUAGES)}")
    return code


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


MAX_SEEDS = 10_000  # each seed is a whole exploration; more is a typing slip, not a plan


def _seeds(text: str) -> list[int]:
    seeds: list[int] = []
    try:
        for part in text.split(","):
            part = part.strip()
            if "-" in part[1:]:
                low, high = (int(v) for v in part.split("-", 1))
                if high < low or high - low + 1 > MAX_SEEDS:
                    raise argparse.ArgumentTypeError(f"the range {part} must go upwards and hold at most "
                                                     f"{MAX_SEEDS:,} seeds")
                seeds.extend(range(low, high + 1))
            elif part:
                seeds.append(int(part))
            if len(seeds) > MAX_SEEDS:
                raise argparse.ArgumentTypeError(f"at most {MAX_SEEDS:,} seeds at a time")
    except ValueError:
        raise argparse.ArgumentTypeError(f"seeds are whole numbers: a seed, a list 1,2,3 or a range 0-9 "
                                         f"(not {text[:40]!r})") from None
    if not seeds:
        raise argparse.ArgumentTypeError("give a seed, a list 1,2,3 or a range 0-9")
    return seeds


def _band(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(f"a band is a positive width in alliance points, like 5 (not {text[:20]!r})")
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"a positive whole number, like 1000000 (not {text[:20]!r})")
    return value


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
        print(f"alliance-sim explore: '{args.to}' is not an ending of {scenario.id}"
              + (f" (did you mean '{near[0]}'?)" if near else f"; its endings: "
                 + ", ".join(scene.id for scene in scenario.endings)), file=sys.stderr)
        return EXIT_USAGE
    result = explore(scenario, args.seeds, args.policy, args.band, args.max_states)
    if args.json:
        data = result.as_dict()
        if args.to is not None:
            data = {**data, "to": args.to, "endings": {args.to: data["endings"][args.to]}}
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
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
                print(f"alliance-sim audit: no scenario files (*.yaml) directly in {path or 'the scenarios folder'}",
                      file=sys.stderr)
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
            print(f"{path}: cannot be audited until the errors above are fixed", file=sys.stderr)
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


def _runs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 1:
        raise argparse.ArgumentTypeError(f"give a whole number of runs, 1 or more, not {text!r}")
    return value


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
        print(f"alliance-sim: the window cannot start ({exc}); try 'alliance-sim play --text'", file=sys.stderr)
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
            print(f"alliance-sim coverage: cannot write {args.write}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_ERRORS
        print(f"wrote {args.write}")
    else:
        sys.stdout.write(report)
    missing = uncovered(scenarios)
    if missing:
        print("uncovered: " + ", ".join(missing), file=sys.stderr)
        return 1
    return EXIT_OK


def cmd_list(args) -> int:
    from sim.scenario.library import scenario_files

    for path in scenario_files(Path(args.cases) if args.cases else None, _own_cases(args.cases)):
        scenario = _load(str(path))
        if scenario is None:
            continue
        who = ", ".join(f"{c.name} ({c.relation.replace('_', ' ')})" for c in scenario.caregivers)
        print(f"{scenario.id:24} {scenario.difficulty:13} {scenario.minutes:3} min  {who}")
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
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_diagram(args) -> int:
    from sim.analysis.diagrams import diagram

    sys.stdout.write(diagram(args.machine, args.format))
    return EXIT_OK


class _VersionAction(argparse.Action):
    """``--version``: prints the installed version (read only when asked for)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help="print the program's version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from sim.version import __version__

        print(f"{parser.prog} {__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alliance-sim",
                                     description="Practise the working alliance with a court-mandated caregiver.")
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help="play a case (the window, or --text in the terminal)")
    play.add_argument("--cases", metavar="DIR", 
                          help="a folder of cases of your own: ids are looked up there, not among the shipped cases")
    play.add_argument("scenario", nargs="?", help="scenario file or id (default: hospital_admission)")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument("--seed", type=int, default=None,
                      help="fix the seed (choice order, chance events, noticing questions); default: a new one each run")
    play.add_argument("--resume", action="store_true", help="continue the saved terminal session")
    play.add_argument("--replay", metavar="PATHFILE",
                      help="play a path of choices (as explore --json writes) as a test: exit 1 where it diverges")
    play.add_argument("--new", action="store_true", help="start over, replacing a saved terminal session")
    play.add_argument("--watch", action="store_true",
                      help="live preview for authors: when the case file is saved again, reload it and replay to "
                           "where you were (the terminal after each line typed; the window at once)")
    play.add_argument("--learner", metavar="NAME", help="who is playing (a name or pseudonym; remembered)")
    play.add_argument("--lrs", metavar="URL", help="send the learning record to this LRS (see 'lrs status')")
    play.set_defaults(func=cmd_play)
    validate = sub.add_parser("validate", help="check scenario files and list every problem")
    validate.add_argument("paths", nargs="*", help="files or folders (default: the shipped scenarios)")
    validate.add_argument("--json", action="store_true", help="problems as JSON")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.add_argument("--lang", metavar="LANG", type=_language,
                          help="also list every learner-facing text without this language (es); "
                               "with --strict each is an error")
    validate.set_defaults(func=cmd_validate)
    exp = sub.add_parser("explore", help="every choice path: reachable endings, best and worst")
    exp.add_argument("scenario", help="scenario file or id")
    exp.add_argument("--seeds", "--seed", type=_seeds, default=[0], help="a seed, 1,2,3 or 0-9 (default 0)")
    exp.add_argument("--policy", choices=("all", "counterproductive"), default="all",
                     help="follow every choice, or only counterproductive ones where offered")
    exp.add_argument("--band", type=_band, default=None, metavar="POINTS",
                     help="also split states by alliance bands of this width: finer, slower (default: off)")
    exp.add_argument("--coverage", action="store_true",
                     help="what can happen: every variant, choice, route, event and interrupt, with a path to each")
    exp.add_argument("--max-states", type=_positive, default=500_000, metavar="N",
                     help="stop with an error past N states for one seed (default 500000)")
    exp.add_argument("--to", metavar="ENDING", help="the best and worst path to this ending (a scene id)")
    exp.add_argument("--json", action="store_true", help="output as JSON")
    exp.set_defaults(func=cmd_explore)
    audit = sub.add_parser("audit", help="teaching lint: tells that give the good move away (docs/teaching.md)")
    audit.add_argument("paths", nargs="*", help="case files, ids or folders (default: the shipped scenarios)")
    audit.add_argument("--json", action="store_true", help="the figures and warnings as JSON")
    audit.add_argument("--markdown", action="store_true", help="the figures as the Markdown tables of docs/teaching.md")
    audit.add_argument("--strict", action="store_true", help="exit non-zero when there is any warning")
    audit.add_argument("--runs", type=_runs, default=100, metavar="N",
                       help="sessions per surface policy, seeds 0..N-1 (default 100)")
    audit.set_defaults(func=cmd_audit)
    schema = sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    schema.set_defaults(func=cmd_schema)
    coverage = sub.add_parser("coverage", help="map tensions and strategies to the scenes that use them")
    coverage.add_argument("--cases", metavar="DIR", 
                          help="a folder of cases of your own: ids are looked up there, not among the shipped cases")
    coverage.add_argument("--write", metavar="FILE", help="write the report to FILE (e.g. docs/coverage.md)")
    coverage.set_defaults(func=cmd_coverage)
    mapping = sub.add_parser("map", help="draw a case's scene graph (Mermaid, DOT, or SVG/HTML through Graphviz)")
    mapping.add_argument("scenario", help="scenario file or id")
    mapping.add_argument("--format", choices=("mermaid", "dot", "svg", "html"), default="mermaid",
                         help="mermaid and dot always work; svg and html need Graphviz's dot (default mermaid)")
    mapping.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the screen")
    mapping.set_defaults(func=cmd_map)
    drawing = sub.add_parser("diagram", help="draw the phase or stance machine (Mermaid or Graphviz DOT text)")
    drawing.add_argument("--machine", choices=("phase", "stance"), default="phase", help="which machine (default phase)")
    drawing.add_argument("--format", choices=("mermaid", "dot"), default="mermaid",
                         help="mermaid (needs nothing else) or dot (render it with Graphviz's dot)")
    drawing.set_defaults(func=cmd_diagram)
    listing = sub.add_parser("list", help="list the shipped scenarios")
    listing.add_argument("--cases", metavar="DIR", 
                          help="a folder of cases of your own: ids are looked up there, not among the shipped cases")
    listing.set_defaults(func=cmd_list)
    from sim.ui.terminal.records_cli import add_parsers

    add_parsers(sub)
    from sim.ui.terminal.debrief_export import add_parser as add_debrief

    add_debrief(sub)
    return parser


def _safe_output() -> None:
    """A terminal that cannot show a character (not UTF-8) gets a '?' for it, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError, OSError):
            pass


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["play", *(argv or [])])
    _safe_output()
    try:
        status = args.func(args)
        sys.stdout.flush()  # a full or closed output is reported here, not at exit
        return status
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
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
            where = f"; details in {report}"
        except OSError:
            where = ""
        print(f"alliance-sim: internal error: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return 3
