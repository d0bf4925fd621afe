"""The debrief chart: the hidden alliance after every decision, and SOFTA's dimensions under it.

Ruptures are shaded from the decision that began them to the one that ended
them; repairs are marked on the score line; the learner's calibration
estimates are drawn as open diamonds beside the truth; a change of worker is a
dashed upright line across both plots, with the new worker's name.
"""

from __future__ import annotations

import pygame

from sim.i18n import N_, _
from sim.ui.window.render import Renderer
from sim.ui.window.theme import mix

DIMENSIONS = (("engagement", N_("Engagement")), ("connection", N_("Connection")), ("safety", N_("Safety")))
DASHES = ((), (10, 6), (3, 5))  # a line style per caregiver when there are several


FIRST_DASH = (4, 4)
HANDOVER_DASH = (6, 4)


def legend_items(debrief, scenario) -> list[tuple[str, str, tuple]]:
    """(colour key, label, dash) for the legend, in the interface's language now."""
    items = [("score", _("Alliance (0-100)"), ())]
    ids = list(debrief.trajectory[0]["dims"]) if debrief.trajectory else []
    several = len(ids) > 1
    for index, cid in enumerate(ids):
        name = scenario.caregiver(cid).name
        for key, label in DIMENSIONS:
            words = (_("{name}: {dimension}").format(name=name, dimension=_(label).lower()) if several
                     else _(label))
            items.append((key, words, DASHES[index % len(DASHES)]))
    if several:
        items.append(("shared_purpose", _("Shared purpose"), ()))
    if debrief.first_attempt:
        items.append(("first", _("Your first try at each decision"), FIRST_DASH))
    if debrief.calibrations:
        items.append(("estimate", _("Your estimate"), "diamond"))
    if debrief.ruptures:
        items.append(("rupture", _("Rupture (shaded)"), "band"))
    if any(rp["outcome"] == "repair" for rp in debrief.ruptures):
        items.append(("repair", _("Repair"), "ring"))
    if debrief.handovers:
        items.append(("handover", _("Change of worker"), "upright"))
    return items


def _dashed(surface, colour, points, width: int, dash) -> None:
    if not dash:
        if len(points) >= 2:
            pygame.draw.lines(surface, colour, False, points, width)
        return
    on, off = dash
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        length = max(1.0, ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5)
        t = 0.0
        while t < length:
            t2 = min(length, t + on)
            a = (x1 + (x2 - x1) * t / length, y1 + (y2 - y1) * t / length)
            b = (x1 + (x2 - x1) * t2 / length, y1 + (y2 - y1) * t2 / length)
            pygame.draw.line(surface, colour, a, b, width)
            t = t2 + off


def _diamond(surface, colour, centre, size: int, width: int = 2) -> None:
    x, y = centre
    pygame.draw.polygon(surface, colour, [(x, y - size), (x + size, y), (x, y + size), (x - size, y)], width)


def chart_height(r: Renderer, width: int, viewport_height: int) -> int:
    lines = r.line_height("small")
    return max(14 * lines, min(round(width * 0.5), round(viewport_height * 0.62)))


def draw_chart(r: Renderer, rect: pygame.Rect, debrief, scenario) -> None:
    p, m = r.palette, r.metrics
    surface = r.surface
    small = r.line_height("small")
    r.box(rect, p.surface, p.border)
    axis_w = r.measure("+3", "small") + m.gap
    label_w = max(axis_w, r.measure("100", "small") + m.gap)
    plot = pygame.Rect(rect.x + label_w + m.gap, rect.y + small + m.gap, rect.width - label_w - 2 * m.gap - m.gap,
                       rect.height - 3 * small - 2 * m.gap)
    top_h = round((plot.height - small) * 0.6)
    score_rect = pygame.Rect(plot.x, plot.y, plot.width, top_h)
    dims_rect = pygame.Rect(plot.x, score_rect.bottom + small + m.gap // 2, plot.width,
                            plot.bottom - score_rect.bottom - small - m.gap // 2)
    trajectory = debrief.trajectory
    last = max(1, trajectory[-1]["decision"] if trajectory else 1)

    def x_of(decision: float) -> int:
        return round(plot.x + plot.width * decision / last)

    def y_score(value: float) -> int:
        return round(score_rect.bottom - score_rect.height * max(0.0, min(100.0, value)) / 100)

    def y_dim(value: float) -> int:
        return round(dims_rect.centery - dims_rect.height / 2 * max(-3.0, min(3.0, value)) / 3)

    r.text(_("Hidden alliance, 0 to 100"), (score_rect.x, rect.y + m.gap // 2), "small_bold", p.muted, rect)
    r.text(_("SOFTA dimensions, -3 to +3"), (dims_rect.x, score_rect.bottom + m.gap // 4), "small_bold", p.muted, rect)
    # rupture bands, behind everything
    band = pygame.Surface((1, 1), pygame.SRCALPHA)
    for rupture in debrief.ruptures:
        start = rupture["began_at"]
        end = rupture["ended_at"] if rupture["ended_at"] is not None else last
        x1, x2 = x_of(start), max(x_of(end), x_of(start) + 6)
        for area in (score_rect, dims_rect):
            shade = pygame.Rect(x1, area.y, x2 - x1, area.height)
            band = pygame.Surface(shade.size, pygame.SRCALPHA)
            band.fill(p.rupture_band)
            surface.blit(band, shade)
    # changes of worker, behind the lines: an upright dashed line and the new worker's name
    for handover in debrief.handovers:
        x = x_of(handover["decision"])
        _dashed(surface, p.text, [(x, score_rect.y), (x, dims_rect.bottom)], 2, HANDOVER_DASH)
        name_w = r.measure(handover["to_name"], "small")
        at_right = x + m.gap // 2 + name_w <= plot.right
        r.text(handover["to_name"], (x + m.gap // 2 if at_right else x - m.gap // 2, score_rect.y), "small_bold",
               p.text, rect, align="left" if at_right else "right")
    # grids
    grid = mix(p.border, p.surface, 0.4)
    for value in (0, 25, 50, 75, 100):
        y = y_score(value)
        pygame.draw.line(surface, grid, (score_rect.x, y), (score_rect.right, y), 1)
        if value in (0, 50, 100):
            r.text(str(value), (score_rect.x - m.gap, y - small // 2), "small", p.muted, rect, align="right")
    for value in (-3, 0, 3):
        y = y_dim(value)
        pygame.draw.line(surface, p.muted if value == 0 else grid, (dims_rect.x, y), (dims_rect.right, y), 1)
        r.text(f"{value:+d}" if value else "0", (dims_rect.x - m.gap, y - small // 2), "small", p.muted, rect,
               align="right")
    # x axis: decision numbers, thinned to fit
    label_room = r.measure(str(last), "small") + m.gap * 2
    every = 1
    while plot.width / last * every < label_room:
        every += 1
    for point in trajectory:
        d = point["decision"]
        if d % every == 0 or d == last:
            if d != last and last - d < every:
                continue
            r.text(str(d), (x_of(d), dims_rect.bottom + m.gap // 2), "small", p.muted, rect, align="center", width=0)
    r.text(_("decision"), (plot.right, dims_rect.bottom + m.gap // 2 + small), "small", p.muted, rect, align="right")
    # dimension lines
    ids = list(trajectory[0]["dims"]) if trajectory else []
    for index, cid in enumerate(ids):
        for key, label in DIMENSIONS:
            points = [(x_of(pt["decision"]), y_dim(pt["dims"][cid][key])) for pt in trajectory]
            _dashed(surface, p.lines[key], points, 2, DASHES[index % len(DASHES)])
    if len(ids) > 1:
        points = [(x_of(pt["decision"]), y_dim(pt["shared_purpose"])) for pt in trajectory]
        _dashed(surface, p.lines["shared_purpose"], points, 2, ())
    # her first tries (Practice, after a take-back), under the line she kept
    first = [(x_of(pt["decision"]), y_score(pt["score"])) for pt in debrief.first_attempt]
    if len(first) >= 2:
        _dashed(surface, p.muted, first, 2, FIRST_DASH)
    # the score line
    points = [(x_of(pt["decision"]), y_score(pt["score"])) for pt in trajectory]
    if len(points) >= 2:
        pygame.draw.lines(surface, p.lines["score"], False, points, 3)
    for point in points:
        pygame.draw.circle(surface, p.lines["score"], point, 3)
    scores = {pt["decision"]: pt["score"] for pt in trajectory}
    for rupture in debrief.ruptures:
        if rupture["outcome"] == "repair" and rupture["ended_at"] in scores:
            centre = (x_of(rupture["ended_at"]), y_score(scores[rupture["ended_at"]]))
            pygame.draw.circle(surface, p.ok, centre, 8, 3)
    for item in debrief.calibrations:
        _diamond(surface, p.lines["estimate"], (x_of(item["decision"]), y_score(item["estimate"])), 6)


def draw_legend(r: Renderer, rect: pygame.Rect, items) -> int:
    """Draw the legend items in rows inside ``rect``'s width; returns the height used."""
    p, m = r.palette, r.metrics
    small = r.line_height("small")
    swatch = m.body * 2
    x, y = rect.x, rect.y
    for key, label, style in items:
        width = swatch + m.gap // 2 + r.measure(label, "small") + m.pad
        if x > rect.x and x + width > rect.right:
            x, y = rect.x, y + small
        mid = y + small // 2
        if style == "band":
            band = pygame.Surface((swatch, small - 6), pygame.SRCALPHA)
            band.fill(p.rupture_band)
            r.surface.blit(band, (x, y + 3))
        elif style == "ring":
            pygame.draw.circle(r.surface, p.ok, (x + swatch // 2, mid), 7, 3)
        elif style == "diamond":
            _diamond(r.surface, p.lines["estimate"], (x + swatch // 2, mid), 6)
        elif style == "upright":
            _dashed(r.surface, p.text, [(x + swatch // 2, y + 2), (x + swatch // 2, y + small - 2)], 2, (4, 3))
        else:
            colour = p.muted if key == "first" else p.lines[key]
            _dashed(r.surface, colour, [(x, mid), (x + swatch, mid)], 3 if key == "score" else 2, style)
        r.text(label, (x + swatch + m.gap // 2, y), "small", p.text, None)
        x += width
    return y + small - rect.y


def legend_height(r: Renderer, width: int, items) -> int:
    m = r.metrics
    small = r.line_height("small")
    swatch = m.body * 2
    x, rows = 0, 1
    for key, label, style in items:
        w = swatch + m.gap // 2 + r.measure(label, "small") + m.pad
        if x > 0 and x + w > width:
            x, rows = 0, rows + 1
        x += w
    return rows * small
