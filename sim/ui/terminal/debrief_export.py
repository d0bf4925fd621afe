"""`alliance-sim debrief SAVE_OR_LOG`: the debrief written as a page to hand in (HTML, and PDF through
Chromium), from a save or a session log; and the page the terminal writes beside its log at the end."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sim.analysis.debrief import build_debrief
from sim.engine import open_case
from sim.engine.session import Session
from sim.errors import ActionError, AllianceError, CaseNotFound, FileRefused, SaveError
from sim.i18n import _
from sim.records.saves import read_save, resume, write_atomic
from sim.safeio import load_json, read_text
from sim.ui.html.debrief_page import render_debrief_page
from sim.ui.html.pdf import print_pdf

MAX_LOG_BYTES = 20 * 1024 * 1024


def _from_save(path: Path, case: str | None):
    data = read_save(path)
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    where = case or extra.get("scenario_path") or data.get("scenario_path") or data.get("scenario")
    scenario, _warnings = open_case(where)
    session, _data = resume(path, scenario)
    learner = extra.get("learner") if isinstance(extra.get("learner"), dict) else {}
    mode = extra.get("mode") or ("terminal" if extra.get("front_end") == "text" else "practice")
    saved_at = data.get("saved_at")
    when = datetime.fromisoformat(saved_at) if isinstance(saved_at, str) else datetime.now()
    return session, {"learner": learner.get("name") or "", "mode": mode, "date": when, "seed": session.seed}


def _from_log(path: Path, case: str | None):
    try:  # a regular file within the size limit, each line JSON of a sane depth (sim.safeio)
        text = read_text(path, MAX_LOG_BYTES, "log")
    except FileRefused as exc:
        raise SaveError(str(exc)) from None
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        try:
            record = load_json(line, f"{path}:{number}", max_depth=16)
        except FileRefused as exc:
            raise SaveError(_("{problem} (not a log record)").format(problem=exc)) from None
        if isinstance(record, dict):
            records.append(record)
    if not isinstance((next((r for r in records if r.get("type") == "start"), {}) or {}).get("seed", 0), int):
        raise SaveError(_("{path}: the log's start record has no whole-number seed; it cannot be replayed").format(
            path=path))
    header = next((r for r in records if r.get("type") == "session"), {})
    start = next((r for r in records if r.get("type") == "start"), None)
    if start is None:
        if header.get("resumed"):
            raise SaveError(_("{path}: this log continues a saved case, so it holds only part of the run; make the "
                              "debrief from the save instead").format(path=path))
        raise SaveError(_("{path}: this log has no start record, so the run cannot be rebuilt").format(path=path))
    try:
        scenario, _warnings = open_case(case or start.get("scenario"))
    except CaseNotFound:
        raise CaseNotFound(_("{path}: the log is of case '{case}', which is not among the shipped cases: give its "
                             "file with {option}").format(path=path, case=start.get("scenario"), option="--case")) from None
    if start.get("digest") and start["digest"] != scenario.digest:
        raise SaveError(_("{path}: the log was made with another version of case '{case}' (give that file with "
                          "{option})").format(path=path, case=scenario.id, option="--case"))
    actions: list[dict] = []
    for record in records:
        kind = record.get("type")
        if kind == "choice":
            actions.append({"choice": record.get("choice")})
        elif kind == "calibration":
            actions.append({"calibration": record.get("estimate")})
        elif kind == "notice":
            actions.append({"notice": record.get("answer")})
        elif kind == "rewind" and isinstance(record.get("to_decision"), int):
            session = Session.replay(scenario, start.get("seed", 0), actions)
            actions = list(session.rewound(record["to_decision"]).actions)
    try:
        session = Session.replay(scenario, start.get("seed", 0), actions)
    except ActionError as exc:
        raise SaveError(_("{path}: the log does not replay on case '{case}': {problem}").format(
            path=path, case=scenario.id, problem=exc)) from None
    when = datetime.fromtimestamp(start["t"]) if isinstance(start.get("t"), (int, float)) else datetime.now()
    return session, {"learner": header.get("learner") or "", "mode": header.get("mode") or "", "date": when,
                     "seed": session.seed}


def session_from(path: Path, case: str | None = None):
    """The session a save or a session log records, and the stamp for its page."""
    path = Path(path)
    if not path.is_file():
        raise SaveError(_("{path}: there is no save or session log here").format(path=path))
    return _from_log(path, case) if path.suffix == ".jsonl" else _from_save(path, case)


def page_debrief(session, debrief=None):
    """The debrief a page to hand in shows: ``debrief`` (the session's, when the caller has built it already),
    unless the options not taken are missing from it (its look-ahead was not ready): then it is built with
    them in full, however long that takes."""
    if debrief is None or debrief.contrast_problem:
        return build_debrief(session, with_contrast="wait")
    return debrief


def write_pages(session, stamp: dict, html_out: Path, pdf_out: Path | None = None, debrief=None) -> list[Path]:
    """Write the debrief page (and its PDF); returns what was written. ``debrief``: see ``page_debrief``."""
    page = render_debrief_page(page_debrief(session, debrief), session.scenario, stamp)
    write_atomic(Path(html_out), page)
    written = [Path(html_out)]
    if pdf_out is not None:
        print_pdf(Path(html_out), Path(pdf_out))
        written.append(Path(pdf_out))
    return written


def cmd_debrief(args) -> int:
    import sys

    try:
        session, stamp = session_from(Path(args.source), args.case)
        html_out = Path(args.html) if args.html else Path(args.source).with_suffix(".html")
        for path in write_pages(session, stamp, html_out, Path(args.pdf) if args.pdf else None):
            print(_("wrote {path}").format(path=path))
    except AllianceError as exc:
        print(f"alliance-sim debrief: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print("alliance-sim debrief: " + _("cannot write: {problem}").format(problem=exc), file=sys.stderr)
        return 2
    return 0


def add_parser(sub) -> None:
    parser = sub.add_parser("debrief", help=_("write the debrief of a save or a session log as HTML (and PDF)"))
    parser.add_argument("source", help=_("a save (.json) or a session log (.jsonl)"))
    parser.add_argument("--html", metavar="OUT.html", help=_("where to write the page (default: beside the source)"))
    parser.add_argument("--pdf", metavar="OUT.pdf", help=_("also print it to PDF (needs Chromium)"))
    parser.add_argument("--case", metavar="FILE", help=_("the case file, when it is not where the save says"))
    parser.set_defaults(func=cmd_debrief)
