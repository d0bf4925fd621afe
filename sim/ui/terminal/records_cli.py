"""The learning-record commands: ``lrs status``, ``lrs flush``, ``lrs setup`` and ``report``."""

from __future__ import annotations

import csv
import getpass
import sys
from datetime import datetime
from pathlib import Path

from sim.errors import AllianceError, LrsConfigError
from sim.records.log import default_log_dir
from sim.records.outbox import DAMAGED, Outbox, deliver
from sim.records.profile import (ENV_PASSWORD, learner_from_settings, resolve_lrs, settings_path, split_endpoint,
                                 update_settings)

EXIT_OK, EXIT_WAITING, EXIT_ERRORS = 0, 1, 2


def _when(seconds: float | None) -> str:
    return datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M") if seconds else "never"


def _config(args, needed_for: str = ""):
    """The LRS settings in force (``--lrs`` URL first), or None after saying why they cannot be used;
    ``needed_for``: also refuse when no LRS is set up, naming what needed one."""
    try:
        config = resolve_lrs(getattr(args, "lrs", None) if isinstance(getattr(args, "lrs", None), str) else None)
    except LrsConfigError as exc:
        print(f"alliance-sim: {exc}", file=sys.stderr)
        return None
    if needed_for and not config.configured:
        print(f"alliance-sim: {needed_for} needs an LRS, and none is set up (give --lrs URL, or see "
              "'alliance-sim lrs status')", file=sys.stderr)
        return None
    return config


def cmd_lrs_status(args) -> int:
    config = _config(args)
    if config is None:
        return EXIT_ERRORS
    learner = learner_from_settings()
    print(f"Learner: {learner.label if learner else 'not asked yet'} (settings: {settings_path()})")
    if config.configured:
        who = f", as {config.username}" if config.username else ", without a username"
        print(f"LRS: {config.endpoint} (from {config.source}{who}{', password set' if config.password else ''})")
    else:
        print("LRS: none set up. Statements are kept on this computer until one is; set one up with "
              "'alliance-sim lrs setup URL' or ALLIANCE_LRS_ENDPOINT.")
    print("Hidden numbers: " + ("sent with the statements" if config.hidden_numbers else
                                "left out of the statements (a course setting)"))
    outbox = Outbox()
    try:
        status = outbox.status()
    finally:
        outbox.close()
    print(f"Outbox: {status.path}")
    if outbox.notice:
        print(f"  {outbox.notice}.")
    oldest = f", the oldest from {_when(status.oldest_pending)}" if status.pending else ""
    print(f"  {status.pending} waiting{oldest}; {status.sent} sent (last {_when(status.last_sent)})")
    for statement_id, reason in status.rejections[:5]:
        print(f"  {statement_id}: {reason}" if reason.startswith(DAMAGED) else
              f"  refused by the LRS: {statement_id}: {reason}")
    if status.rejected > 5:
        print(f"  ... and {status.rejected - 5} more refused")
    if status.last_attempt:
        print(f"  last attempt {_when(status.last_attempt)}: {status.last_problem or 'all sent'}")
    return EXIT_WAITING if status.pending or status.rejected else EXIT_OK


def cmd_lrs_flush(args) -> int:
    config = _config(args, "sending")
    if config is None:
        return EXIT_ERRORS
    outbox = Outbox()
    try:
        done = deliver(outbox, config, include_rejected=True)
        status = outbox.status()
    finally:
        outbox.close()
    if outbox.notice:
        print(f"alliance-sim: {outbox.notice}.", file=sys.stderr)
    print(f"Sent {done.sent} statement(s) to {config.host}; {status.pending} waiting, {status.rejected} refused.")
    if done.problem is not None:
        print(f"alliance-sim: {done.problem}. Nothing was lost: the statements stay in the outbox.", file=sys.stderr)
    for statement_id, reason in status.rejections[:5]:
        print(f"refused: {statement_id}: {reason}", file=sys.stderr)
    return EXIT_WAITING if status.pending or status.rejected else EXIT_OK


def cmd_lrs_setup(args) -> int:
    try:
        endpoint, username, password = split_endpoint(args.endpoint)
    except LrsConfigError as exc:
        print(f"alliance-sim: {exc}", file=sys.stderr)
        return EXIT_ERRORS
    username = args.username or username
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif username and not password and sys.stdin.isatty():
        password = getpass.getpass(f"Password for {username} at {endpoint}: ")
    saved = {"endpoint": endpoint, "hidden_numbers": not args.no_hidden_numbers}
    if username:
        saved["username"] = username
    if password:
        saved["password"] = password
    try:
        update_settings({"lrs": saved})
    except OSError as exc:
        print(f"alliance-sim: the settings could not be saved ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_ERRORS
    print(f"Saved the LRS {endpoint} in {settings_path()} (readable by you only)"
          + ("" if password or not username else f"; give the password in {ENV_PASSWORD}") + ".")
    return EXIT_OK


def cmd_report(args) -> int:
    from sim.analysis.cohort import CSV_FIELDS, build_cohort, decision_rows, sessions_from_statements
    from sim.analysis.cohort import statements_from_logs
    from sim.records.lrs_client import LrsClient
    from sim.ui.html.cohort_page import render_page

    if not args.html and not args.csv:
        print("alliance-sim report: say where to write it: --html OUT.html and/or --csv OUT.csv", file=sys.stderr)
        return EXIT_ERRORS
    folders = [Path(f) for f in args.logs] or ([] if args.lrs else [default_log_dir()])
    for folder in folders:
        if not folder.exists():
            print(f"alliance-sim report: {folder}: no such folder or file", file=sys.stderr)
            return EXIT_ERRORS
    statements, skipped = statements_from_logs(folders)
    sources = [str(f) for f in folders]
    if args.lrs:
        config = _config(args, "report --lrs")
        if config is None:
            return EXIT_ERRORS
        try:
            # read everything and filter here: some LRSs (Ralph's fs backend) answer a verb filter with nothing
            statements += LrsClient(config).statements()
        except AllianceError as exc:
            print(f"alliance-sim report: {exc}", file=sys.stderr)
            return EXIT_ERRORS
        sources.append(f"the LRS at {config.host}")
    sessions = sessions_from_statements(statements)
    cases = build_cohort(sessions)
    written = []
    try:
        if args.html:
            Path(args.html).parent.mkdir(parents=True, exist_ok=True)
            Path(args.html).write_text(render_page(cases, sessions, " and ".join(sources)), encoding="utf-8")
            written.append(args.html)
        if args.csv:
            rows = decision_rows(sessions)
            Path(args.csv).parent.mkdir(parents=True, exist_ok=True)
            with open(args.csv, "w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
                writer.writeheader()
                writer.writerows(rows)
            written.append(f"{args.csv} ({len(rows)} decisions)")
    except OSError as exc:
        print(f"alliance-sim report: cannot write {exc.filename}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERRORS
    learners = len({s.account for s in sessions})
    print(f"{len(sessions)} session(s) by {learners} learner(s) in {len(cases)} case(s); wrote {', '.join(written)}")
    if skipped:
        print(f"({skipped} log(s) without a learner header were left out: they were written by an older version)",
              file=sys.stderr)
    return EXIT_OK


def add_parsers(sub) -> None:
    """The ``lrs`` and ``report`` commands, for ``sim.cli.build_parser``."""
    lrs = sub.add_parser("lrs", help="the learning record store: status, flush, setup")
    actions = lrs.add_subparsers(dest="lrs_command", required=True)
    status = actions.add_parser("status", help="who is playing, where statements go, and what waits to be sent")
    status.add_argument("--lrs", metavar="URL", help="use this LRS instead of the one set up")
    status.set_defaults(func=cmd_lrs_status)
    flush = actions.add_parser("flush", help="send every waiting statement now (refused ones too)")
    flush.add_argument("--lrs", metavar="URL", help="send to this LRS instead of the one set up")
    flush.set_defaults(func=cmd_lrs_flush)
    setup = actions.add_parser("setup", help="remember an LRS in the settings file")
    setup.add_argument("endpoint", metavar="URL", help="the LRS's xAPI address, e.g. https://lrs.example.org/xAPI/")
    setup.add_argument("--username", help="the LRS username (the password is asked, or read with --password-stdin)")
    setup.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    setup.add_argument("--no-hidden-numbers", action="store_true",
                       help="leave the hidden alliance figures out of the statements")
    setup.set_defaults(func=cmd_lrs_setup)
    report = sub.add_parser("report", help="a cohort report (HTML page, CSV) from session logs or an LRS")
    report.add_argument("logs", nargs="*", metavar="LOG_DIR", help="folders of session logs (default: this "
                        "computer's, unless --lrs is given)")
    report.add_argument("--lrs", nargs="?", const=True, metavar="URL",
                        help="read the statements from the LRS that is set up (or from URL)")
    report.add_argument("--html", metavar="OUT.html", help="write the report page here")
    report.add_argument("--csv", metavar="OUT.csv", help="write one row per decision here")
    report.set_defaults(func=cmd_report)
