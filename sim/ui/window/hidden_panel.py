"""Facilitator mode's live view of the hidden alliance: the score, its course, and SOFTA's dimensions.

Only drawn in facilitator mode, from ``Case.hidden()`` (which refuses in the other modes).
"""

from __future__ import annotations

import pygame

from sim.engine.labels import stance_label
from sim.i18n import N_, _
from sim.ui.window.render import Renderer
from sim.ui.window.theme import mix

DIM_LABELS = (("engagement", N_("Engagement")), ("connection", N_("Connection")), ("safety", N_("Safety")))


def panel_height(r: Renderer, caregivers: int) -> int:
    """One caregiver: a row per dimension. Several: a table (a column per caregiver) and the family's row."""
    m = r.metrics
    rows = 3 if caregivers == 1 else 2 + 3 + 2  # names and stances, the dimensions, the family's shared purpose
    return (2 * m.pad + r.line_height("small") + r.line_height("title") + m.gap + 8 + m.gap
            + 3 * r.line_height("small") + m.gap + rows * r.line_height("small") + r.line_height("small"))


def _diverging(r: Renderer, rect: pygame.Rect, value: float, colour) -> None:
    p = r.palette
    r.box(rect, p.surface_alt, None, radius=2)
    mid = rect.centerx
    span = round(rect.width / 2 * max(-3.0, min(3.0, value)) / 3)
    bar = pygame.Rect(min(mid, mid + span), rect.y, abs(span), rect.height)
    if bar.width:
        pygame.draw.rect(r.surface, colour, bar, border_radius=2)
    pygame.draw.line(r.surface, p.muted, (mid, rect.y - 2), (mid, rect.bottom + 1), 1)


def draw_hidden_panel(r: Renderer, rect: pygame.Rect, hidden, scenario, scores: list[float]) -> None:
    p, m = r.palette, r.metrics
    r.box(rect, p.surface, p.accent, width=2)
    inner = rect.inflate(-2 * m.pad, -2 * m.pad)
    y = inner.y
    r.text(r.fit(_("Hidden alliance (facilitator view)"), "small_bold", inner.width), (inner.x, y), "small_bold",
           p.accent, rect)
    y += r.line_height("small")
    score_text = f"{hidden.score:.0f}"
    r.text(score_text, (inner.x, y), "title", p.text, rect)
    r.text(_("/ 100"), (inner.x + r.measure(score_text, "title") + m.gap // 2,
                     y + r.line_height("title") - r.line_height("small") - m.gap // 2), "small", p.muted, rect)
    y += r.line_height("title")
    bar = pygame.Rect(inner.x, y, inner.width, 8)
    r.box(bar, p.surface_alt, None, radius=4)
    r.box(pygame.Rect(bar.x, bar.y, round(bar.width * hidden.score / 100), bar.height), p.accent, None, radius=4)
    y = bar.bottom + m.gap
    spark = pygame.Rect(inner.x, y, inner.width, 3 * r.line_height("small"))
    r.box(spark, mix(p.surface, p.surface_alt, 0.5), None, radius=4)
    if len(scores) >= 2:
        points = [(spark.x + 4 + round((spark.width - 8) * i / (len(scores) - 1)),
                   spark.bottom - 4 - round((spark.height - 8) * s / 100)) for i, s in enumerate(scores)]
        pygame.draw.lines(r.surface, p.lines["score"], False, points, 2)
        pygame.draw.circle(r.surface, p.accent, points[-1], 4)
    elif scores:
        pygame.draw.circle(r.surface, p.accent, (spark.x + 6, spark.bottom - 4 - round((spark.height - 8)
                                                                                      * scores[0] / 100)), 4)
    y = spark.bottom + m.gap
    if len(hidden.caregivers) > 1:
        y = _table(r, inner, y, hidden, scenario)
    else:
        y = _rows(r, inner, y, next(iter(hidden.caregivers.values())))
    r.text(r.fit(_("P hides this panel"), "small", inner.width), (inner.x, y), "small", p.muted, rect)


def _rows(r: Renderer, inner: pygame.Rect, y: int, dims: dict) -> int:
    """One caregiver's three dimensions, a labelled bar each."""
    p, m = r.palette, r.metrics
    label_w = max(r.measure(_(label), "small") for key, label in DIM_LABELS) + m.gap
    value_w = r.measure("+0.0", "small") + m.gap // 2
    for key, label in DIM_LABELS:
        r.text(_(label), (inner.x, y), "small", p.text, inner)
        track = pygame.Rect(inner.x + label_w, y + r.line_height("small") // 2 - 4,
                            max(10, inner.width - label_w - value_w - m.gap // 2), 8)
        _diverging(r, track, dims[key], p.lines[key])
        r.text(f"{dims[key]:+.1f}", (inner.right, y), "small", p.muted, inner, align="right")
        y += r.line_height("small")
    return y


def _table(r: Renderer, inner: pygame.Rect, y: int, hidden, scenario) -> int:
    """Several caregivers: a column each (name, stance, the three dimensions), then shared purpose, which
    belongs to the family as a whole and so gets a row of its own, under no one's name."""
    p, m = r.palette, r.metrics
    small = r.line_height("small")
    label_w = max(r.measure(_(label), "small") for key, label in DIM_LABELS) + m.gap
    ids = list(hidden.caregivers)
    column = (inner.width - label_w) // len(ids)
    value_w = r.measure("+0.0", "small") + m.gap // 2
    for i, cid in enumerate(ids):
        x = inner.x + label_w + i * column
        cell = pygame.Rect(x, y, column - m.gap // 2, 2 * small)
        r.text(r.fit(scenario.caregiver(cid).name, "small_bold", cell.width), (x, y), "small_bold", p.text, cell)
        r.text(r.fit(stance_label(hidden.caregivers[cid]["stance"]), "small", cell.width), (x, y + small), "small",
               p.muted, cell)
    y += 2 * small
    for key, label in DIM_LABELS:
        r.text(_(label), (inner.x, y), "small", p.text, inner)
        for i, cid in enumerate(ids):
            x = inner.x + label_w + i * column
            value = hidden.caregivers[cid][key]
            track = pygame.Rect(x + value_w, y + small // 2 - 4, max(6, column - value_w - m.gap), 8)
            if track.width >= 12:
                _diverging(r, track, value, p.lines[key])
            r.text(f"{value:+.1f}", (x, y), "small", p.muted, inner)
        y += small
    r.text(r.fit(_("The family: shared purpose"), "small_bold", inner.width), (inner.x, y), "small_bold", p.text, inner)
    y += small
    track = pygame.Rect(inner.x, y + small // 2 - 4, max(10, inner.width - value_w - m.gap // 2), 8)
    _diverging(r, track, hidden.shared_purpose, p.lines["shared_purpose"])
    r.text(f"{hidden.shared_purpose:+.1f}", (inner.right, y), "small", p.muted, inner, align="right")
    return y + small
