"""The debrief as a page a student can hand in: self-contained HTML (inline CSS, the chart as inline SVG,
nothing fetched), with a print stylesheet, stamped with who played, the case, the mode, the date, the seed
and the program version. Its sentences come from ``sim.analysis.debrief_words``, as the window's and the
terminal's do.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from sim.analysis.debrief import Debrief
from sim.analysis.debrief_words import (CONTRAST_INTRO, NO_RUPTURE, calibration_against_study,
                                        calibration_sentences, choice_effect, duty_summary, event_sentence, handover_sentence,
                                        key_sentences, key_title, lasted_sentence, notice_sentence,
                                        noticing_summary, option_sentence, rupture_sentence, safety_word,
                                        taken_sentence, takeback_sentence, time_course_sentences, ending_words)
from sim.engine.labels import category_label, mode_label, phase_label
from sim.i18n import _, language, ngettext
from sim.scenario.model import Scenario
from sim.ui.html.svg import GRID, INK, LINE, MUTED, _attrs, _scale, svg

CATEGORY_COLOURS = {"counterproductive": "#b4432f", "preventive": "#2f6fa8", "repair": "#2e7d4f", "neutral": "#7a808a"}
CSS = """
:root { --ink:#262a30; --muted:#5a606a; --rule:#ddd8cf; --paper:#fbfaf7; --accent:#1f6f78; }
* { box-sizing: border-box; }
body { margin:0; background:var(--paper); color:var(--ink); font:15px/1.5 "DejaVu Sans", "Segoe UI", Arial, sans-serif; }
main { max-width: 900px; margin: 0 auto; padding: 28px 28px 60px; }
h1 { font-size: 28px; margin: 0; } h2 { font-size: 21px; margin: 34px 0 8px; border-top: 3px solid var(--accent);
padding-top: 12px; } .stamp { color: var(--muted); font-size: 13px; margin: 4px 0 18px; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 10px; }
.card { border: 1px solid var(--rule); border-radius: 6px; padding: 10px 12px; background: #fff; }
.card .label { font-size: 12px; color: var(--muted); } .card .value { font-size: 19px; font-weight: bold; }
.card.fail { border-color: #b4432f; } .card.fail .value { color: #b4432f; }
.muted { color: var(--muted); } .small { font-size: 13px; }
.decision { border: 1px solid var(--rule); border-left: 6px solid var(--muted); border-radius: 6px; background:#fff;
padding: 10px 14px; margin: 10px 0; break-inside: avoid; }
.decision .head { font-size: 13px; color: var(--muted); display: flex; justify-content: space-between; }
.decision .choice { font-weight: bold; margin: 4px 0; } .decision p { margin: 4px 0; }
.chip { display:inline-block; font-size: 11px; padding: 0 7px; border-radius: 8px; color: #fff; }
.contrast { margin: 6px 0 2px; padding: 6px 10px; background: #f4f2ec; border-radius: 4px; font-size: 13px; }
.contrast p { margin: 2px 0; } .key { border-left: 6px solid var(--accent); padding: 4px 12px; margin: 10px 0; }
.key p { margin: 3px 0; } ol.refs li { margin-bottom: 4px; font-size: 13px; } svg { max-width: 100%; height: auto; }
@media print { body { background: #fff; font-size: 11pt; } main { max-width: none; padding: 0; }
  h2 { break-after: avoid; } .cards { grid-template-columns: repeat(2, 1fr); } a { color: inherit; } }
@page { margin: 16mm; }
"""


def _chart(debrief: Debrief) -> str:
    """The alliance after each decision, the first tries (dashed) and the learner's estimates (diamonds)."""
    width, height, left, right, top, bottom = 820, 260, 44, 16, 14, 34
    points = [(p["decision"], p["score"]) for p in debrief.trajectory]
    last = max([d for d, _v in points] + [1])
    x, y = _scale(0, last, left, width - right), _scale(0, 100, height - bottom, top)
    body = []
    for value in range(0, 101, 25):
        body.append(f'<line {_attrs(x1=left, x2=width - right, y1=y(value), y2=y(value), stroke=GRID)}/>'
                    f'<text {_attrs(x=left - 6, y=y(value) + 4, text_anchor="end", fill=MUTED)} font-size="11">{value}</text>')
    for d in range(0, last + 1, max(1, round(last / 12))):
        body.append(f'<text {_attrs(x=x(d), y=height - bottom + 16, text_anchor="middle", fill=MUTED)} '
                    f'font-size="11">{d}</text>')
    body.append(f'<text {_attrs(x=(left + width - right) / 2, y=height - 4, text_anchor="middle", fill=MUTED)} '
                f'font-size="11">{escape(_("decision"))}</text>')
    for rupture in debrief.ruptures:
        end = rupture["ended_at"] if rupture["ended_at"] is not None else last
        body.append(f'<rect {_attrs(x=x(rupture["began_at"]), y=top, width=max(2, x(end) - x(rupture["began_at"])), height=height - top - bottom, fill="#f3d9d3", opacity=0.6)}/>')
    if debrief.first_attempt:
        first = " ".join(f"{x(p['decision'])},{y(p['score'])}" for p in debrief.first_attempt)
        body.append(f'<polyline {_attrs(points=first, fill="none", stroke=MUTED, stroke_width=2, stroke_dasharray="5 4")}/>')
    body.append(f'<polyline {_attrs(points=" ".join(f"{x(d)},{y(v)}" for d, v in points), fill="none", stroke=LINE, stroke_width=3)}/>')
    for d, v in points:
        body.append(f'<circle {_attrs(cx=x(d), cy=y(v), r=3, fill=LINE)}/>')
    for handover in debrief.handovers:
        hx = x(handover["decision"])
        body.append(f'<line {_attrs(x1=hx, x2=hx, y1=top, y2=height - bottom, stroke=INK, stroke_width=1.5, stroke_dasharray="6 4")}/>'
                    f'<text {_attrs(x=hx + 4, y=top + 11, fill=INK)} font-size="11" font-weight="bold">'
                    f'{escape(handover["to_name"])}</text>')
    for item in debrief.calibrations:
        cx, cy = x(item["decision"]), y(item["estimate"])
        body.append(f'<polygon {_attrs(points=f"{cx},{cy - 6} {cx + 6},{cy} {cx},{cy + 6} {cx - 6},{cy}", fill="none", stroke=INK, stroke_width=2)}/>')
    return svg(width, height, "".join(body), _("the hidden alliance after each decision, 0 to 100"))


def _summary(debrief: Debrief) -> str:
    ending = debrief.ending
    ending_text = ending["title"] if ending else _("Not finished")
    ending_note = ending_words(ending["type"]) if ending else _("the case is still open")
    failed = debrief.duty_failed
    duty_text, duty_note = duty_summary(debrief.duties)
    cards = [(_("Ending"), ending_text, ending_note, False),
             (_("Alliance (hidden)"), f"{debrief.start_score:.0f} → {debrief.final_score:.0f}", _("0 to 100, start to end"),
              False),
             (_("Legal duty"), duty_text.upper() if failed else duty_text, duty_note, failed),
             (_("Child safety"), f"{debrief.child_safety_start:.0f} → {debrief.child_safety_end:.0f}",
              _("{start} to {end}").format(start=safety_word(debrief.child_safety_start),
                                           end=safety_word(debrief.child_safety_end)), False)]
    html = ['<div class="cards">']
    for label, value, note, bad in cards:
        html.append(f'<div class="card{" fail" if bad else ""}"><div class="label">{escape(label)}</div>'
                    f'<div class="value">{escape(value)}</div><div class="small muted">{escape(note)}</div></div>')
    html.append("</div>")
    if debrief.calibration:
        html.append("<p>" + escape(_("Calibration: mean error {points} points.").format(
            points=f"{debrief.calibration['mean_error']:.0f}") + " " + calibration_against_study(debrief.calibration))
                    + "</p>")
    html.append(f"<p>{escape(noticing_summary(debrief.notices))}</p>")
    return "".join(html)


def _key_decisions(debrief: Debrief) -> list[str]:
    by_number = {item["number"]: item for item in debrief.decisions}
    parts = [f"<h2>{escape(_('Key decisions'))}</h2>"]
    if debrief.contrast_problem:
        parts.append(f"<p>{escape(debrief.contrast_problem)}</p>")
    elif not debrief.key_decisions:
        parts.append("<p>" + escape(_("At no decision did the best ending within reach change: the options you took "
                                      "kept it.")) + "</p>")
    for number in debrief.key_decisions:
        item = by_number[number]
        parts.append(f'<div class="key"><p><b>{escape(key_title(item["contrast"], item))}</b></p>'
                     + "".join(f"<p>{escape(t)}</p>" for t in key_sentences(item["contrast"])) + "</div>")
    if debrief.lasted:
        parts.append(f"<h2>{escape(_('What lasted and what was refunded'))}</h2><ul>")
        parts += [f"<li>{escape(lasted_sentence(by_number[n]['time_course'], by_number[n]))}</li>"
                  for n in debrief.lasted]
        parts.append("</ul>")
    return parts


def _contrast(item: dict) -> str:
    contrast = item.get("contrast")
    lasted = "".join(f'<p class="small">{escape(t)}</p>' for t in time_course_sentences(item["time_course"]))
    if not contrast:
        return lasted
    rows = [f"<p>{escape(taken_sentence(contrast['taken']))}</p>"]
    rows += [f"<p>{escape(_('Not taken: {option}').format(option=option_sentence(o)))}</p>" for o in contrast["others"]]
    return lasted + f'<div class="contrast">{"".join(rows)}</div>'


def render_debrief_page(debrief: Debrief, scenario: Scenario, stamp: dict) -> str:
    """The whole page. ``stamp``: learner, mode, date (datetime), seed, version."""
    when = stamp.get("date") or datetime.now()
    learner = stamp.get("learner") or _("(no name given)")
    stamp_line = _("{learner} · {mode} mode · {date} · seed {seed} · alliance-sim {version} · case {case}").format(
        learner=learner, mode=mode_label(str(stamp.get("mode") or "")).lower(), date=f"{when:%Y-%m-%d %H:%M}",
        seed=stamp.get("seed"), version=debrief.version or str(stamp.get("version") or ""), case=debrief.scenario_id)
    legend = (_("Line: the hidden alliance after each decision; shaded: a rupture; diamonds: your estimates; dashed: "
                "your first try at each decision.") if debrief.first_attempt else
              _("Line: the hidden alliance after each decision; shaded: a rupture; diamonds: your estimates."))
    if debrief.handovers:
        legend += " " + _("An upright dashed line: a change of worker, named at its top.")
    parts = [f"<h1>{escape(_('Debrief: {title}').format(title=debrief.title))}</h1>",
             f'<p class="stamp">{escape(stamp_line)}</p>',
             f"<h2>{escape(_('Summary'))}</h2>", _summary(debrief), *_key_decisions(debrief),
             f"<h2>{escape(_('The alliance across your decisions'))}</h2>", _chart(debrief),
             f'<p class="small muted">{escape(legend)}</p>']
    parts += [f"<p>{escape(handover_sentence(h))}</p>" for h in debrief.handovers]
    if debrief.takebacks:
        parts.append(f"<p>{escape(takeback_sentence(debrief.takebacks))}</p>")
    parts.append(f"<h2>{escape(_('Your estimates and what you noticed'))}</h2>")
    for item in debrief.calibrations:
        parts.append("<p>" + escape(_("End of {phase}: you said {estimate}, it was {truth} ({error}).").format(
            phase=phase_label(item["phase"]).lower(), estimate=f"{item['estimate']:.0f}", truth=f"{item['truth']:.0f}",
            error=f"{item['signed_error']:+.0f}")) + "</p>")
    parts += [f"<p>{escape(s)}</p>" for s in calibration_sentences(debrief.calibration)]
    if debrief.notices:
        right = sum(1 for n in debrief.notices if n["correct"])
        parts.append("<p>" + escape(ngettext("Noticing: {right} of {count} moment read correctly.",
                                             "Noticing: {right} of {count} moments read correctly.",
                                             len(debrief.notices)).format(right=right, count=len(debrief.notices)))
                     + "</p><ul>")
        parts += [f"<li>{'✓' if n['correct'] else '✗'} {escape(notice_sentence(n))}</li>" for n in debrief.notices]
        parts.append("</ul>")
    parts.append(f"<h2>{escape(_('Ruptures and repairs'))}</h2>")
    parts += [f"<p>{escape(rupture_sentence(r))}</p>" for r in debrief.ruptures] or [f"<p>{escape(_(NO_RUPTURE))}</p>"]
    parts.append(f'<h2>{escape(_("Every choice"))}</h2><p class="small muted">{escape(_(CONTRAST_INTRO))}</p>')
    for item in debrief.decisions:
        colour = CATEGORY_COLOURS.get(item["category"], "#7a808a")
        keys = [citation["key"] for citation in item["citations"]]
        events = "".join(f'<p class="small">{escape(event_sentence(e))}</p>' for e in item["events_after"])
        parts.append(
            f'<div class="decision" style="border-left-color:{colour}"><div class="head"><span>'
            f'{escape(_("Decision {number} · {phase}").format(number=item["number"], phase=phase_label(item["phase"]).lower()))}'
            f'</span><span>{escape(choice_effect(item))} '
            f'<span class="chip" style="background:{colour}">{escape(category_label(item["category"]).lower())}</span>'
            f'</span></div>'
            f'<p class="choice">{escape(item["choice_text"])}</p><p class="small"><b>{escape(item["strategy_name"])}</b></p>'
            f'<p>{escape(item["feedback"])}</p>{events}{_contrast(item)}<p class="small muted">'
            f'{escape(_("The strategy in general: {rationale}").format(rationale=item["rationale"]))}</p>'
            f'<p class="small muted">{escape(_("Research: {keys}").format(keys=", ".join(keys)))}</p></div>')
    parts.append(f'<h2>{escape(_("References"))}</h2><ol class="refs">')
    for c in debrief.references:
        doi = f' doi:<a href="https://doi.org/{escape(c["doi"])}">{escape(c["doi"])}</a>' if c["doi"] else ""
        parts.append(f"<li>[{escape(c['key'])}] {escape(c['citation'])}{doi}</li>")
    parts.append("</ol>")
    body = "\n".join(parts)
    title = _("Debrief: {title}").format(title=debrief.title)
    lang = "es-CL" if language() == "es" else "en"
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width, initial-scale=1"><title>{escape(title)} · '
            f'{escape(learner)}</title><style>{CSS}</style></head><body><main>\n{body}\n</main></body></html>\n')
