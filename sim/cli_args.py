"""The command line's arguments: the parser, its help in the interface's language, and the checks of
argument values. ``sim.cli`` runs the commands; this module only says what they take.

argparse's own words ("usage:", "options", "error:") go through the same catalogue: argparse looks up
``_`` and ``ngettext`` in its module when it speaks, so ``translate_argparse`` points them at
``sim.i18n`` (the words are listed in ``ARGPARSE_WORDS`` so that Babel extracts them).
"""

from __future__ import annotations

import argparse
import math

from sim.i18n import LANGUAGES, N_, _

# argparse's own messages (Python 3.11), for the catalogue; translated by argparse itself at run time.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"), N_("argument %(argument_name)s: %(message)s"),
    N_("invalid %(type)s value: %(value)r"), N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"), N_("ignored explicit argument %r"), N_("expected at least one argument"),
    N_("expected at most one argument"), N_("one of the arguments %s is required"),
)


def translate_argparse() -> None:
    """Let argparse speak the interface's language (its words are in our catalogue)."""
    argparse._ = _


def _language(text: str) -> str:
    from sim.i18n import LANGUAGES

    code = text.strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise argparse.ArgumentTypeError(_("{value} is not a language this program has; use one of: {languages}").format(
            value=repr(text), languages=", ".join(LANGUAGES)))
    return code



MAX_SEEDS = 10_000  # each seed is a whole exploration; more is a typing slip, not a plan


def _seeds(text: str) -> list[int]:
    seeds: list[int] = []
    try:
        for part in text.split(","):
            part = part.strip()
            if "-" in part[1:]:
                low, high = (int(v) for v in part.split("-", 1))
                if high < low or high - low + 1 > MAX_SEEDS:
                    raise argparse.ArgumentTypeError(_("the range {range} must go upwards and hold at most {most} "
                                                       "seeds").format(range=part, most=f"{MAX_SEEDS:,}"))
                seeds.extend(range(low, high + 1))
            elif part:
                seeds.append(int(part))
            if len(seeds) > MAX_SEEDS:
                raise argparse.ArgumentTypeError(_("at most {most} seeds at a time").format(most=f"{MAX_SEEDS:,}"))
    except ValueError:
        raise argparse.ArgumentTypeError(_("seeds are whole numbers: a seed, a list 1,2,3 or a range 0-9 "
                                           "(not {value})").format(value=repr(text[:40]))) from None
    if not seeds:
        raise argparse.ArgumentTypeError(_("give a seed, a list 1,2,3 or a range 0-9"))
    return seeds


def _band(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (math.isfinite(value) and value > 0):
        raise argparse.ArgumentTypeError(_("a band is a positive width in alliance points, like 5 (not {value})").format(
            value=repr(text[:20])))
    return value


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(_("a positive whole number, like 1000000 (not {value})").format(
            value=repr(text[:20])))
    return value



def _runs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 1:
        raise argparse.ArgumentTypeError(_("give a whole number of runs, 1 or more, not {value}").format(
            value=repr(text)))
    return value



class _VersionAction(argparse.Action):
    """``--version``: prints the installed version (read only when asked for)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS,
                         help=_("print the program's version and exit"))

    def __call__(self, parser, namespace, values, option_string=None):
        from sim.version import __version__

        print(f"{parser.prog} {__version__}")
        parser.exit()


def build_parser(handlers: dict) -> argparse.ArgumentParser:
    """The parser; ``handlers`` maps each command's name to the function that runs it (in ``sim.cli``)."""
    parser = argparse.ArgumentParser(prog="alliance-sim",
                                     description=_("Practise the working alliance with a court-mandated caregiver."))
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--lang", metavar="LANG", type=_language, help=_(LANG_HELP))
    sub = parser.add_subparsers(dest="command")
    play = sub.add_parser("play", help=_("play a case (the window, or --text in the terminal)"))
    play.add_argument("--cases", metavar="DIR", 
                          help=_("a folder of cases of your own: ids are looked up there, not among the shipped cases"))
    play.add_argument("scenario", nargs="?", help=_("scenario file or id (default: hospital_admission)"))
    play.add_argument("--text", action="store_true", help=_("play in the terminal"))
    play.add_argument("--seed", type=int, default=None,
                      help=_("fix the seed (choice order, chance events, noticing questions); default: a new one each run"))
    play.add_argument("--resume", action="store_true", help=_("continue the saved terminal session"))
    play.add_argument("--replay", metavar="PATHFILE",
                      help=_("play a path of choices (as explore --json writes) as a test: exit 1 where it diverges"))
    play.add_argument("--new", action="store_true", help=_("start over, replacing a saved terminal session"))
    play.add_argument("--watch", action="store_true",
                      help=_("live preview for authors: when the case file is saved again, reload it and replay to "
                           "where you were (the terminal after each line typed; the window at once)"))
    play.add_argument("--learner", metavar="NAME", help=_("who is playing (a name or pseudonym; remembered)"))
    play.add_argument("--lrs", metavar="URL", help=_("send the learning record to this LRS (see 'lrs status')"))
    play.set_defaults(func=handlers["play"])
    validate = sub.add_parser("validate", help=_("check scenario files and list every problem"))
    validate.add_argument("paths", nargs="*", help=_("files or folders (default: the shipped scenarios)"))
    validate.add_argument("--json", action="store_true", help=_("problems as JSON"))
    validate.add_argument("--strict", action="store_true", help=_("treat warnings as errors"))
    validate.add_argument("--lang", metavar="LANG", type=_language,
                          help=_("also list every learner-facing text without this language (es); "
                               "with --strict each is an error"))
    validate.add_argument("--jobs", "-j", type=_positive, default=None, metavar="N",
                          help=_("check up to N files at once, in worker processes (default: one per CPU; "
                               "1: one after another)"))
    validate.set_defaults(func=handlers["validate"])
    exp = sub.add_parser("explore", help=_("every choice path: reachable endings, best and worst"))
    exp.add_argument("scenario", help=_("scenario file or id"))
    exp.add_argument("--seeds", "--seed", type=_seeds, default=[0], help=_("a seed, 1,2,3 or 0-9 (default 0)"))
    exp.add_argument("--policy", choices=("all", "counterproductive"), default="all",
                     help=_("follow every choice, or only counterproductive ones where offered"))
    exp.add_argument("--band", type=_band, default=None, metavar="POINTS",
                     help=_("also split states by alliance bands of this width: finer, slower (default: off)"))
    exp.add_argument("--coverage", action="store_true",
                     help=_("what can happen: every variant, choice, route, event and interrupt, with a path to each"))
    exp.add_argument("--max-states", type=_positive, default=500_000, metavar="N",
                     help=_("stop with an error past N states for one seed (default 500000)"))
    exp.add_argument("--to", metavar="ENDING", help=_("the best and worst path to this ending (a scene id)"))
    exp.add_argument("--duties-met", action="store_true",
                     help=_("only the paths on which every legal duty that arose was met (with --to, that ending's)"))
    exp.add_argument("--json", action="store_true", help=_("output as JSON"))
    exp.set_defaults(func=handlers["explore"])
    audit = sub.add_parser("audit", help=_("teaching lint: tells that give the good move away (docs/teaching.md)"))
    audit.add_argument("paths", nargs="*", help=_("case files, ids or folders (default: the shipped scenarios)"))
    audit.add_argument("--json", action="store_true", help=_("the figures and warnings as JSON"))
    audit.add_argument("--markdown", action="store_true", help=_("the figures as the Markdown tables of docs/teaching.md"))
    audit.add_argument("--strict", action="store_true", help=_("exit non-zero when there is any warning"))
    audit.add_argument("--runs", type=_runs, default=100, metavar="N",
                       help=_("sessions per surface policy, seeds 0..N-1 (default 100)"))
    audit.set_defaults(func=handlers["audit"])
    schema = sub.add_parser("schema", help=_("print the JSON Schema of the scenario format"))
    schema.set_defaults(func=handlers["schema"])
    coverage = sub.add_parser("coverage", help=_("map tensions and strategies to the scenes that use them"))
    coverage.add_argument("--cases", metavar="DIR", 
                          help=_("a folder of cases of your own: ids are looked up there, not among the shipped cases"))
    coverage.add_argument("--write", metavar="FILE", help=_("write the report to FILE (e.g. docs/coverage.md)"))
    coverage.set_defaults(func=handlers["coverage"])
    mapping = sub.add_parser("map", help=_("draw a case's scene graph (Mermaid, DOT, or SVG/HTML through Graphviz)"))
    mapping.add_argument("scenario", help=_("scenario file or id"))
    mapping.add_argument("--format", choices=("mermaid", "dot", "svg", "html"), default="mermaid",
                         help=_("mermaid and dot always work; svg and html need Graphviz's dot (default mermaid)"))
    mapping.add_argument("-o", "--output", metavar="FILE", help=_("write to FILE instead of the screen"))
    mapping.set_defaults(func=handlers["map"])
    drawing = sub.add_parser("diagram", help=_("draw the phase or stance machine (Mermaid or Graphviz DOT text)"))
    drawing.add_argument("--machine", choices=("phase", "stance"), default="phase", help=_("which machine (default phase)"))
    drawing.add_argument("--format", choices=("mermaid", "dot"), default="mermaid",
                         help=_("mermaid (needs nothing else) or dot (render it with Graphviz's dot)"))
    drawing.set_defaults(func=handlers["diagram"])
    listing = sub.add_parser("list", help=_("list the shipped scenarios"))
    listing.add_argument("--cases", metavar="DIR", 
                          help=_("a folder of cases of your own: ids are looked up there, not among the shipped cases"))
    listing.set_defaults(func=handlers["list"])
    from sim.ui.terminal.records_cli import add_parsers

    add_parsers(sub)
    from sim.ui.terminal.debrief_export import add_parser as add_debrief

    add_debrief(sub)
    for command in sub.choices.values():  # --lang is understood after any command too
        if not any("--lang" in action.option_strings for action in command._actions):
            command.add_argument("--lang", metavar="LANG", type=_language, help=_(LANG_HELP))
    return parser


LANG_HELP = N_("the language to speak: en or es (default: the system's locale, LANG)")


def requested_language(argv: list[str]) -> str | None:
    """The language ``--lang`` asks for anywhere on the command line, read before the parser is built (so
    that its help is in that language); None when it is not given or not a language this program has."""
    from sim.i18n import normalise

    for i, word in enumerate(argv):
        if word == "--lang" and i + 1 < len(argv):
            return normalise(argv[i + 1])
        if word.startswith("--lang="):
            return normalise(word.split("=", 1)[1])
    return None

