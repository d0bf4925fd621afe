"""The learning-record commands: ``lrs status``, ``lrs flush``, ``lrs setup`` and ``report``."""

from __future__ import annotations

import csv
import getpass
import sys
from datetime import datetime
from pathlib import Path

from sim.errors import AllianceError, LrsConfigError
from sim.i18n import _, ngettext
from sim.records.log import default_log_dir
from sim.records.outbox import DAMAGED, Outbox, deliver
from sim.records.profile import (ENV_PASSWORD, learner_from_settings, resolve_lrs, settings_path, split_endpoint,
                                 update_settings)

EXIT_OK, EXIT_WAITING, EXIT_ERRORS = 0, 1, 2


def _when(seconds: float | None) -> str:
    return datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M") if seconds else _("never")


def _config(args, needed_for: str = ""):
    """The LRS settings in force (``--lrs`` URL first), or None after saying why they cannot be used;
    ``needed_for``: also refuse when no LRS is set up, naming what needed one."""
    try:
        config = resolve_lrs(getattr(args, "lrs", None) if isinstance(getattr(args, "lrs", None), str) else None)
    except LrsConfigError as exc:
        print(f"alliance-sim: {exc}", file=sys.stderr)
        return None
    if needed_for and not config.configured:
        print("alliance-sim: " + _("{what} needs an LRS, and none is set up (give {option}, or see '{command}')").format(
            what=needed_for, option="--lrs URL", command="alliance-sim lrs status"), file=sys.stderr)
        return None
    return config


def cmd_lrs_status(args) -> int:
    config = _config(args)
    if config is None:
        return EXIT_ERRORS
    learner = learner_from_settings()
    print(_("Learner: {learner} (settings: {path})").format(learner=learner.label if learner else _("not asked yet"),
                                                            path=settings_path()))
    if config.configured:
        if config.username:
            how = (_("from {source}, as {username}, password set") if config.password
                   else _("from {source}, as {username}"))
        else:
            how = _("from {source}, without a username, password set") if config.password else _(
                "from {source}, without a username")
        print(_("LRS: {endpoint} ({how})").format(endpoint=config.endpoint,
                                                  how=how.format(source=_(config.source) if config.source else "", username=config.username)))
    else:
        print(_("LRS: none set up. Statements are kept on this computer until one is; set one up with '{command}' "
                "or {variable}.").format(command="alliance-sim lrs setup URL", variable="ALLIANCE_LRS_ENDPOINT"))
    print(_("Hidden numbers: sent with the statements") if config.hidden_numbers
          else _("Hidden numbers: left out of the statements (a course setting)"))
    outbox = Outbox()
    try:
        status = outbox.status()
    finally:
        outbox.close()
    print(_("Outbox: {path}").format(path=status.path))
    if outbox.notice:
        print(f"  {outbox.notice}.")
    if status.pending:
        waiting = _("{pending} waiting, the oldest from {oldest}; {sent} sent (last {last})")
    else:
        waiting = _("{pending} waiting; {sent} sent (last {last})")
    print("  " + waiting.format(pending=status.pending, oldest=_when(status.oldest_pending), sent=status.sent,
                                last=_when(status.last_sent)))
    for statement_id, reason in status.rejections[:5]:
        print(f"  {statement_id}: {reason}" if reason.startswith(DAMAGED) else
              "  " + _("refused by the LRS: {id}: {reason}").format(id=statement_id, reason=reason))
    if status.rejected > 5:
        print("  " + _("... and {count} more refused").format(count=status.rejected - 5))
    if status.last_attempt:
        print("  " + _("last attempt {when}: {result}").format(when=_when(status.last_attempt),
                                                              result=status.last_problem or _("all sent")))
    return EXIT_WAITING if status.pending or status.rejected else EXIT_OK


def cmd_lrs_flush(args) -> int:
    config = _config(args, _("sending"))
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
    print(_("Sent {sent} statement(s) to {host}; {pending} waiting, {rejected} refused.").format(
        sent=done.sent, host=config.host, pending=status.pending, rejected=status.rejected))
    if done.problem is not None:
        print("alliance-sim: " + _("{problem}. Nothing was lost: the statements stay in the outbox.").format(
            problem=done.problem), file=sys.stderr)
    for statement_id, reason in status.rejections[:5]:
        print(_("refused: {id}: {reason}").format(id=statement_id, reason=reason), file=sys.stderr)
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
        password = getpass.getpass(_("Password for {username} at {endpoint}: ").format(username=username,
                                                                                       endpoint=endpoint))
    saved = {"endpoint": endpoint, "hidden_numbers": not args.no_hidden_numbers}
    if username:
        saved["username"] = username
    if password:
        saved["password"] = password
    try:
        update_settings({"lrs": saved})
    except OSError as exc:
        print("alliance-sim: " + _("the settings could not be saved ({problem})").format(problem=exc.strerror or exc),
              file=sys.stderr)
        return EXIT_ERRORS
    if password or not username:
        saved_words = _("Saved the LRS {endpoint} in {path} (readable by you only).")
    else:
        saved_words = _("Saved the LRS {endpoint} in {path} (readable by you only); give the password in {variable}.")
    print(saved_words.format(endpoint=endpoint, path=settings_path(), variable=ENV_PASSWORD))
    return EXIT_OK


def cmd_report(args) -> int:
    from sim.analysis.cohort import CSV_FIELDS, build_cohort, decision_rows, sessions_from_statements
    from sim.analysis.cohort import statements_from_logs
    from sim.records.lrs_client import LrsClient
    from sim.ui.html.cohort_page import render_page

    if not args.html and not args.csv:
        print("alliance-sim report: " + _("say where to write it: {html} and/or {csv}").format(
            html="--html OUT.html", csv="--csv OUT.csv"), file=sys.stderr)
        return EXIT_ERRORS
    folders = [Path(f) for f in args.logs] or ([] if args.lrs else [default_log_dir()])
    for folder in folders:
        if not folder.exists():
            print("alliance-sim report: " + _("{path}: no such folder or file").format(path=folder), file=sys.stderr)
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
        sources.append(_("the LRS at {host}").format(host=config.host))
    sessions = sessions_from_statements(statements)
    cases = build_cohort(sessions)
    written = []
    try:
        if args.html:
            Path(args.html).parent.mkdir(parents=True, exist_ok=True)
            Path(args.html).write_text(render_page(cases, sessions, _(" and ").join(sources)), encoding="utf-8")
            written.append(args.html)
        if args.csv:
            rows = decision_rows(sessions)
            Path(args.csv).parent.mkdir(parents=True, exist_ok=True)
            with open(args.csv, "w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
                writer.writeheader()
                writer.writerows(rows)
            written.append(ngettext("{path} ({count} decision)", "{path} ({count} decisions)", len(rows)).format(
                path=args.csv, count=len(rows)))
    except OSError as exc:
        print("alliance-sim report: " + _("cannot write {path}: {problem}").format(path=exc.filename,
                                                                               problem=exc.strerror or exc),
              file=sys.stderr)
        return EXIT_ERRORS
    learners = len({s.account for s in sessions})
    print(_("{sessions} session(s) by {learners} learner(s) in {cases} case(s); wrote {written}").format(
        sessions=len(sessions), learners=learners, cases=len(cases), written=", ".join(written)))
    if skipped:
        print(_("({count} log(s) without a learner header were left out: they were written by an older version)").format(
            count=skipped), file=sys.stderr)
    return EXIT_OK


def add_parsers(sub) -> None:
    """The ``lrs`` and ``report`` commands, for ``sim.cli.build_parser``."""
    lrs = sub.add_parser("lrs", help=_("the learning record store: status, flush, setup"))
    actions = lrs.add_subparsers(dest="lrs_command", required=True)
    status = actions.add_parser("status", help=_("who is playing, where statements go, and what waits to be sent"))
    status.add_argument("--lrs", metavar="URL", help=_("use this LRS instead of the one set up"))
    status.set_defaults(func=cmd_lrs_status)
    flush = actions.add_parser("flush", help=_("send every waiting statement now (refused ones too)"))
    flush.add_argument("--lrs", metavar="URL", help=_("send to this LRS instead of the one set up"))
    flush.set_defaults(func=cmd_lrs_flush)
    setup = actions.add_parser("setup", help=_("remember an LRS in the settings file"))
    setup.add_argument("endpoint", metavar="URL", help=_("the LRS's xAPI address, e.g. "
                                                                  "https://lrs.example.org/xAPI/"))
    setup.add_argument("--username", help=_("the LRS username (the password is asked, or read with "
                                                    "--password-stdin)"))
    setup.add_argument("--password-stdin", action="store_true", help=_("read the password from standard input"))
    setup.add_argument("--no-hidden-numbers", action="store_true",
                       help=_("leave the hidden alliance figures out of the statements"))
    setup.set_defaults(func=cmd_lrs_setup)
    report = sub.add_parser("report", help=_("a cohort report (HTML page, CSV) from session logs or an LRS"))
    report.add_argument("logs", nargs="*", metavar="LOG_DIR", help=_("folders of session logs (default: this "
                                                                          "computer's, unless --lrs is given)"))
    report.add_argument("--lrs", nargs="?", const=True, metavar="URL",
                        help=_("read the statements from the LRS that is set up (or from URL)"))
    report.add_argument("--html", metavar="OUT.html", help=_("write the report page here"))
    report.add_argument("--csv", metavar="OUT.csv", help=_("write one row per decision here"))
    report.set_defaults(func=cmd_report)
