"""The cohort report as one self-contained HTML page: no script, no font or image from the network.

Case by case: the endings reached, legal duty, the alliance trajectories with
the cohort's median band, calibration error with its sign, noticing accuracy,
and what the class chose at each decision (every option, with its category);
then one row per learner. The numbers are printed beside every chart.
"""

from __future__ import annotations

from datetime import datetime, timezone
from html import escape

from sim.analysis.cohort import CaseCohort, learner_rows
from sim.engine.labels import category_label, ending_label, mode_label, phase_label
from sim.i18n import N_, _, language, ngettext
from sim.ui.html import svg

CATEGORY_COLOURS = {"counterproductive": "#b4432f", "preventive": "#1f6f78", "repair": "#a87a12",
                    "neutral": "#7a808a", "": "#9aa0a8"}
ENDING_COLOURS = {"closure": "#2e7d4f", "extension": "#4f79a8", "referral": "#7561a8", "dropout": "#b4432f",
                  "escalation": "#8a2d1f", "worker_departure": "#7a808a", "unfinished": "#c8c2b8"}
NOTICE_WORDS = {"withdrawal": N_("She was pulling away"), "confrontation": N_("She was pushing back"),
                "holding_back": N_("She was holding back"), "warming": N_("She was warming"),
                "none": N_("Nothing had shifted (a quiet moment)")}  # shown as _(NOTICE_WORDS[truth])
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"), N_("August"),
          N_("September"), N_("October"), N_("November"), N_("December"))

CSS = """
:root { --ink:#262a30; --muted:#5a606a; --rule:#ddd8cf; --paper:#fbfaf7; --accent:#1f6f78; }
* { box-sizing: border-box; }
body { margin:0; background:var(--paper); color:var(--ink); font:15px/1.5 "DejaVu Sans", "Segoe UI", Arial,
       sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 28px 28px 60px; }
h1 { font-size: 28px; margin: 0 0 4px; } h2 { font-size: 22px; margin: 40px 0 4px; border-top: 3px solid
var(--accent); padding-top: 14px; } h3 { font-size: 17px; margin: 26px 0 6px; }
h4 { font-size: 14px; margin: 18px 0 4px; }
.muted { color: var(--muted); } .small { font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { background: #efebe4; } td.num, th.num { text-align: right; white-space: nowrap; }
td.name { white-space: nowrap; font-weight: bold; }
.options td { padding: 4px 6px; } .options td.text { width: 58%; }
.chip { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 8px; color: #fff; }
.legend span { margin-right: 14px; white-space: nowrap; }
.swatch { display:inline-block; width:12px; height:12px; border-radius:2px; vertical-align:-1px; margin-right:4px; }
.scene { margin: 10px 0 18px; } .headline { font-size: 16px; }
nav a { margin-right: 14px; } svg { max-width: 100%; height: auto; }
"""


def _swatch(colour: str, words: str) -> str:
    return f'<span><i class="swatch" style="background:{colour}"></i>{escape(words)}</span>'


def _chip(category: str) -> str:
    colour = CATEGORY_COLOURS.get(category, CATEGORY_COLOURS[""])
    return f'<span class="chip" style="background:{colour}">{escape(category_label(category) if category else _("unknown"))}</span>'


def _pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "\u2013"


def _endings(case: CaseCohort) -> str:
    total = sum(case.endings.values())
    top = max(case.endings.values(), default=1)
    rows = []
    for (kind, title), count in case.endings.most_common():
        colour = ENDING_COLOURS.get(kind, "#9aa0a8")
        kind_words = _("not finished") if kind == "unfinished" else ending_label(kind)
        bar_label = ngettext("{title}: {count} of {total} session", "{title}: {count} of {total} sessions",
                             total).format(title=title or kind_words, count=count, total=total)
        rows.append(f"<tr><td>{escape(title or kind_words)} <span class='muted small'>({escape(kind_words)})</span></td>"
                    f"<td>{svg.bar(count, top, colour, label=bar_label)}</td>"
                    f"<td class='num'>{count} ({_pct(count, total)})</td></tr>")
    return f"<h3>{escape(_('Endings reached'))}</h3><table class='options'>{''.join(rows)}</table>"


def _duties(case: CaseCohort) -> str:
    every = case.every_duty
    arose = every["met"] + every["failed"]
    if arose == 0:
        headline = escape(_("No legal duty arose in any finished session."))
    else:
        headline = escape(ngettext("Every duty that arose was met in <b>{met} of {arose}</b> session where one "
                                   "arose ({percent}).",
                                   "Every duty that arose was met in <b>{met} of {arose}</b> sessions where one "
                                   "arose ({percent}).", arose)).replace("&lt;b&gt;", "<b>").replace(
            "&lt;/b&gt;", "</b>").format(met=every["met"], arose=arose, percent=_pct(every["met"], arose))
    extra = []
    if every["none arose"] and arose:
        extra.append(ngettext("{count} finished without any duty arising", "{count} finished without any duty arising",
                              every["none arose"]).format(count=every["none arose"]))
    if every["unfinished"]:
        extra.append(ngettext("{count} not finished", "{count} not finished", every["unfinished"]).format(
            count=every["unfinished"]))
    rows = []
    for duty, counts in sorted(case.duties.items()):
        parts = [(_("met"), counts["met"], "#2e7d4f"), (_("arose and not met"), counts["failed"], "#b4432f"),
                 (_("did not arise"), counts["not_arisen"], "#c8c2b8")]
        rows.append(f"<tr><td>{escape(duty)}</td><td>{svg.stacked(parts, label=_('duty {duty}').format(duty=duty))}</td>"
                    "<td class='num'>" + escape(_("{met} met, {failed} not met, {not_arisen} did not arise").format(
                        met=counts["met"], failed=counts["failed"], not_arisen=counts["not_arisen"])) + "</td></tr>")
    legend = ("<p class='legend small'>" + _swatch("#2e7d4f", _("met")) + _swatch("#b4432f", _("arose and not met"))
              + _swatch("#c8c2b8", _("did not arise")) + "</p>") if rows else ""
    return (f"<h3>{escape(_('Legal duty'))}</h3><p class='headline'>{headline}</p>"
            + (f"<p class='muted small'>{escape('; '.join(extra))}.</p>" if extra else "")
            + (f"<table class='options'>{''.join(rows)}</table>{legend}" if rows else ""))


def _trajectories(case: CaseCohort) -> str:
    head = f"<h3>{escape(_('The alliance, decision by decision'))}</h3>"
    if not case.trajectories:
        return head + ("<p class='muted'>"
                       + escape(_("These statements leave the hidden alliance out (a course setting).")) + "</p>")
    lines = [points for session, points in case.trajectories]
    chart = svg.trajectories(lines, case.band, label=ngettext(
        "Alliance trajectories of {count} session, with the median and the middle half of the cohort",
        "Alliance trajectories of {count} sessions, with the median and the middle half of the cohort",
        len(lines)).format(count=len(lines)))
    legend = ("<p class='legend small'>" + _swatch("#8a8f98", _("one session")) + _swatch(svg.LINE, _("median"))
              + _swatch(svg.BAND, _("middle half of the cohort (25th to 75th percentile)")) + "</p>")
    note = ("<p class='muted small'>" + escape(_("The hidden alliance (0 to 100) after each decision. The band is "
                                                "drawn where at least three sessions had got that far.")) + "</p>")
    return head + chart + legend + note


def _calibration(case: CaseCohort) -> str:
    head = "<h3>" + escape(_("Calibration: the learner's estimate minus the hidden alliance")) + "</h3>"
    groups = [(phase_label(p), [e for key, e in v]) for p, v in case.calibration.items()]
    if not groups:
        return head + ("<p class='muted'>" + escape(_("No calibration with the hidden alliance to compare (none "
                                                      "asked, or the course leaves the hidden numbers out).")) + "</p>")
    chart = svg.strip(groups, label=_("Calibration error by phase, estimate minus hidden alliance"))
    cells = []
    for name, values in groups:
        over = sum(v > 0 for v in values)
        mean = sum(values) / len(values)
        cells.append(f"<tr><td>{escape(name)}</td><td class='num'>{len(values)}</td><td class='num'>{mean:+.1f}"
                     f"</td><td class='num'>{sum(abs(v) for v in values) / len(values):.1f}</td>"
                     f"<td class='num'>{escape(_('{part} of {whole}').format(part=over, whole=len(values)))}</td></tr>")
    table = (f"<table><tr><th>{escape(_('Phase'))}</th><th class='num'>{escape(_('Estimates'))}</th>"
             f"<th class='num'>{escape(_('Mean signed error'))}</th><th class='num'>{escape(_('Mean distance'))}</th>"
             f"<th class='num'>{escape(_('Overestimated'))}</th></tr>" + "".join(cells) + "</table>")
    note = ("<p class='muted small'>" + escape(_("Above zero the learner thought the alliance stronger than it was; "
                                                "below, weaker. The bar in each phase is the median.")) + "</p>")
    return head + chart + note + table


def _noticing(case: CaseCohort) -> str:
    rows = []
    right_all = asked_all = 0
    for truth, (right, asked) in case.noticing.items():
        right_all, asked_all = right_all + right, asked_all + asked
        if not asked:
            continue
        label = _("{right} of {asked} read correctly").format(right=right, asked=asked)
        rows.append(f"<tr><td>{escape(_(NOTICE_WORDS[truth]))}</td>"
                    f"<td>{svg.bar(right, asked, '#1f6f78', label=label)}</td>"
                    f"<td class='num'>{escape(_('{part} of {whole}').format(part=right, whole=asked))} "
                    f"({_pct(right, asked)})</td></tr>")
    heading = f"<h3>{escape(_('Noticing'))}</h3>"
    if not asked_all:
        return heading + "<p class='muted'>" + escape(_("No one was asked what they noticed.")) + "</p>"
    headline = escape(ngettext("The class read <b>{right} of {asked}</b> moment correctly ({percent}).",
                               "The class read <b>{right} of {asked}</b> moments correctly ({percent}).", asked_all))
    headline = headline.replace("&lt;b&gt;", "<b>").replace("&lt;/b&gt;", "</b>").format(
        right=right_all, asked=asked_all, percent=_pct(right_all, asked_all))
    return (f"{heading}<p class='headline'>{headline}</p><table class='options'>{''.join(rows)}</table>")


def _choices(case: CaseCohort) -> str:
    parts = [f"<h3>{escape(_('What the class chose at each decision'))}</h3><p class='legend small'>"
             + "".join(_swatch(c, category_label(k)) for k, c in CATEGORY_COLOURS.items() if k) + "</p>"]
    for scene, phase, options, reached in case.scenes:
        top = max([option[-1] for option in options] + [1])
        rows = []
        for option, text, category, count in options:
            colour = CATEGORY_COLOURS.get(category, CATEGORY_COLOURS[""])
            rows.append(f"<tr><td class='text'>{escape(text) or escape(option)} {_chip(category)}</td>"
                        f"<td>{svg.bar(count, top, colour, width=220, label=_('{part} of {whole}').format(part=count, whole=reached))}</td>"
                        f"<td class='num'>{count} ({_pct(count, reached)})</td></tr>")
        where = _("{phase} \u00b7 reached by {count}").format(phase=phase_label(phase), count=reached)
        parts.append(f"<div class='scene'><h4>{escape(scene)} <span class='muted small'>"
                     f"{escape(where)}</span></h4>"
                     f"<table class='options'>{''.join(rows)}</table></div>")
    return "".join(parts)


def _learners(sessions) -> str:
    head = (f"<tr><th>{escape(_('Learner'))}</th><th class='num'>{escape(_('Sessions'))}</th>"
            f"<th>{escape(_('Case(s)'))}</th><th>{escape(_('Ending(s)'))}</th>"
            f"<th class='num'>{escape(_('Final alliance'))}</th><th class='num'>{escape(_('Calibration'))}<br>"
            f"<span class='small'>{escape(_('signed / distance'))}</span></th>"
            f"<th class='num'>{escape(_('Noticing'))}</th><th class='num'>{escape(_('Every duty met'))}</th></tr>")
    rows = []
    for row in learner_rows(sessions):
        final = "\u2013" if row["final_alliance"] is None else f"{row['final_alliance']:.0f}"
        calib = ("\u2013" if row["calibration_error"] is None
                 else f"{row['calibration_error']:+.1f} / {row['calibration_distance']:.1f}")
        right, asked = row["noticing"]
        met, of = row["duties"]
        rows.append(f"<tr><td class='name'>{escape(row['learner'])}</td><td class='num'>{row['sessions']}</td>"
                    f"<td>{escape(', '.join(row['cases']))}</td><td>{escape(', '.join(row['endings']))}</td>"
                    f"<td class='num'>{final}</td><td class='num'>{calib}</td>"
                    f"<td class='num'>{escape(_('{part} of {whole}').format(part=right, whole=asked)) if asked else '–'}"
                    "</td><td class='num'>"
                    f"{escape(_('{part} of {whole}').format(part=met, whole=of) if of else _('none arose'))}</td></tr>")
    return f"<h2 id='learners'>{escape(_('Learners'))}</h2><table>{head}{''.join(rows)}</table>"


def render_page(cases: list[CaseCohort], sessions, source: str, generated: datetime | None = None) -> str:
    """The whole page as text."""
    generated = generated or datetime.now(timezone.utc)
    learners = len({s.account for s in sessions})
    nav = "".join(f"<a href='#case-{escape(c.scenario)}'>{escape(c.title)}</a>" for c in cases)
    made = _("{day} {month} {year}, {time} UTC").format(day=f"{generated.day:02d}",
                                                        month=_(MONTHS[generated.month - 1]), year=generated.year,
                                                        time=generated.strftime("%H:%M"))
    counts = " ".join((
        ngettext("{count} session", "{count} sessions", len(sessions)).format(count=len(sessions)),
        ngettext("by {count} learner", "by {count} learners", learners).format(count=learners),
        ngettext("in {count} case,", "in {count} cases,", len(cases)).format(count=len(cases)),
        _("from {source}. Made {date}.").format(source=source, date=made)))
    body = [f"<h1>{escape(_('Alliance: cohort report'))}</h1><p class='muted'>{escape(counts)}</p>",
            f"<nav class='small'>{nav}<a href='#learners'>{escape(_('Learners'))}</a></nav>"]
    if not sessions:
        body.append("<p>" + escape(_("No sessions were found.")) + "</p>")
    for case in cases:
        modes = sorted({s.mode for s in case.sessions if s.mode})
        people = len({s.account for s in case.sessions})
        who = ngettext("{count} session by {people} learner.", "{count} sessions by {people} learners.",
                       len(case.sessions))
        if modes:
            who = ngettext("{count} session by {people} learner in {modes} mode.",
                           "{count} sessions by {people} learners in {modes} mode.", len(case.sessions))
        who = who.format(count=len(case.sessions), people=people,
                         modes=", ".join(mode_label(m).lower() for m in modes))
        body.append(f"<h2 id='case-{escape(case.scenario)}'>{escape(case.title)}</h2>"
                    f"<p class='muted'>{escape(who)}</p>")
        body += [_endings(case), _duties(case), _trajectories(case), _calibration(case), _noticing(case),
                 _choices(case)]
    body.append(_learners(sessions))
    body.append("<p class='muted small'>" + escape(_("Made by alliance-sim report. The alliance is the simulation's "
                                                     "hidden model of the working relationship; it is a teaching "
                                                     "device, not a grade.")) + "</p>")
    lang = "es-CL" if language() == "es" else "en"
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(_('Alliance cohort report'))}</title><style>{CSS}</style></head><body><main>"
            + "".join(body) + "</main></body></html>\n")
