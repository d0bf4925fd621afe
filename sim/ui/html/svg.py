"""Small SVG charts written as text: bars, a stacked bar, trajectories with a median band, a strip plot.

Plain SVG rather than a plotting library: the page must open offline, from a
file, on any computer a facilitator has, and stay small (a library that draws
in the browser would have to be inlined whole, and one that draws in Python
would be a large dependency for six simple charts). Each chart has a text
title for screen readers, and the page gives the numbers beside it.
"""

from __future__ import annotations

import statistics
from html import escape

from sim.i18n import _

INK, MUTED, GRID, BAND, LINE = "#262a30", "#5a606a", "#ddd8cf", "#bcd9d6", "#1f6f78"


def _attrs(**values) -> str:
    return " ".join(f'{k.rstrip("_").replace("_", "-")}="{escape(str(v))}"' for k, v in values.items())


def svg(width: int, height: int, body: str, label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>{body}</svg>')


def bar(value: float, maximum: float, colour: str, width: int = 260, height: int = 16, label: str = "") -> str:
    """One horizontal bar, ``value`` of ``maximum``, over a faint track."""
    filled = 0 if maximum <= 0 else round(width * max(0.0, value) / maximum, 1)
    body = (f'<rect {_attrs(x=0, y=0, width=width, height=height, rx=3, fill="#eeeae3")}/>'
            f'<rect {_attrs(x=0, y=0, width=filled, height=height, rx=3, fill=colour)}/>')
    return svg(width, height, body, label or _("{part} of {whole}").format(part=f"{value:g}", whole=f"{maximum:g}"))


def stacked(parts: list[tuple[str, float, str]], width: int = 420, height: int = 22, label: str = "") -> str:
    """One bar split into (name, count, colour) parts, each labelled with its count when it is wide enough."""
    total = sum(part[1] for part in parts) or 1
    x, body = 0.0, []
    for name, count, colour in parts:
        if count <= 0:
            continue
        w = width * count / total
        body.append(f'<rect {_attrs(x=round(x, 1), y=0, width=round(w, 1), height=height, fill=colour)}>'
                    f'<title>{escape(name)}: {count:g}</title></rect>')
        if w >= 22:
            body.append(f'<text {_attrs(x=round(x + w / 2, 1), y=height / 2 + 4, text_anchor="middle", fill="#fff")}'
                        f' font-size="12" font-weight="bold">{count:g}</text>')
        x += w
    return svg(width, height, "".join(body), label or ", ".join(f"{n}: {c:g}" for n, c, colour in parts))


def _scale(low: float, high: float, start: float, end: float):
    span = (high - low) or 1
    return lambda v: round(start + (v - low) / span * (end - start), 1)


def trajectories(lines: list[list[tuple[int, float]]], band: list[tuple], width: int = 760, height: int = 320,
                 label: str = "") -> str:
    """Every session's alliance after each decision (thin lines), the middle half of the cohort (the band,
    25th to 75th percentile) and its median (the bold line). Alliance on 0-100."""
    left, right, top, bottom = 44, 16, 14, 34
    last = max([p[0] for line in lines for p in line] + [1])
    x = _scale(0, last, left, width - right)
    y = _scale(0, 100, height - bottom, top)
    body = []
    for value in range(0, 101, 25):
        body.append(f'<line {_attrs(x1=left, x2=width - right, y1=y(value), y2=y(value), stroke=GRID)}/>'
                    f'<text {_attrs(x=left - 6, y=y(value) + 4, text_anchor="end", fill=MUTED)} '
                    f'font-size="11">{value}</text>')
    step = max(1, round(last / 12))
    for d in range(0, last + 1, step):
        body.append(f'<text {_attrs(x=x(d), y=height - bottom + 16, text_anchor="middle", fill=MUTED)} '
                    f'font-size="11">{d}</text>')
    body.append(f'<text {_attrs(x=(left + width - right) / 2, y=height - 4, text_anchor="middle", fill=MUTED)} '
                f'font-size="11">{escape(_("decision"))}</text>')
    if band:
        upper = " ".join(f"{x(d)},{y(q3)}" for d, q1, m, q3, n in band)
        lower = " ".join(f"{x(d)},{y(q1)}" for d, q1, m, q3, n in reversed(band))
        body.append(f'<polygon {_attrs(points=upper + " " + lower, fill=BAND, opacity=0.85)}/>')
    for line in lines:
        points = " ".join(f"{x(d)},{y(v)}" for d, v in line)
        body.append(f'<polyline {_attrs(points=points, fill="none", stroke="#8a8f98", stroke_width=1, opacity=0.45)}/>')
    if band:
        median = " ".join(f"{x(d)},{y(m)}" for d, q1, m, q3, n in band)
        body.append(f'<polyline {_attrs(points=median, fill="none", stroke=LINE, stroke_width=3)}/>')
    return svg(width, height, "".join(body), label or _("alliance trajectories"))


def strip(groups: list[tuple[str, list[float]]], width: int = 760, height: int = 260, label: str = "",
          above: str | None = None, below: str | None = None) -> str:
    """Signed values per group (a dot each, spread sideways so that equal values stay visible) with each
    group's median as a bar; zero is the line of a perfect estimate."""
    left, right, top, bottom = 124, 16, 14, 30
    above = _("overestimated") if above is None else above
    below = _("underestimated") if below is None else below
    values = [v for name, vs in groups for v in vs] or [0]
    reach = max(10.0, max(abs(v) for v in values))
    reach = float(-(-reach // 10) * 10)
    y = _scale(-reach, reach, height - bottom, top)
    slot = (width - left - right) / max(1, len(groups))
    body = [f'<line {_attrs(x1=left, x2=width - right, y1=y(0), y2=y(0), stroke=INK, stroke_width=1.5)}/>']
    for value in (-reach, -reach / 2, reach / 2, reach):
        body.append(f'<line {_attrs(x1=left, x2=width - right, y1=y(value), y2=y(value), stroke=GRID)}/>'
                    f'<text {_attrs(x=left - 6, y=y(value) + 4, text_anchor="end", fill=MUTED)} '
                    f'font-size="11">{value:+g}</text>')
    body.append(f'<text {_attrs(x=6, y=y(reach * 0.75) + 4, fill=MUTED)} font-size="11">\u2191 {escape(above)}</text>'
                f'<text {_attrs(x=6, y=y(-reach * 0.75) + 4, fill=MUTED)} font-size="11">\u2193 {escape(below)}</text>'
                f'<text {_attrs(x=left - 6, y=y(0) + 4, text_anchor="end", fill=INK)} font-size="11">0</text>')
    for index, (name, vs) in enumerate(groups):
        centre = left + slot * (index + 0.5)
        for n, value in enumerate(sorted(vs)):
            offset = ((n * 7) % 9 - 4) * min(6, slot / 14)
            colour = "#b4432f" if value > 0 else ("#1f6f78" if value < 0 else INK)
            body.append(f'<circle {_attrs(cx=round(centre + offset, 1), cy=y(value), r=4, fill=colour, opacity=0.7)}>'
                        f'<title>{value:+g}</title></circle>')
        if vs:
            middle = statistics.median(vs)
            body.append(f'<line {_attrs(x1=centre - slot * 0.3, x2=centre + slot * 0.3, y1=y(middle), y2=y(middle), stroke=INK, stroke_width=3)}/>')
        body.append(f'<text {_attrs(x=centre, y=height - 10, text_anchor="middle", fill=MUTED)} '
                    f'font-size="12">{escape(name)} (n={len(vs)})</text>')
    return svg(width, height, "".join(body), label or _("signed values"))
