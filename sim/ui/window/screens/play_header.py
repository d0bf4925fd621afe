"""The play screen's compact header: the caregivers' small portraits, names and detail above the scene.

On a narrow window the play screen has no portrait column; this header, the first block of the scene area,
takes its place (with the hidden alliance's one-line summary in facilitator mode while the panel is shown).
The lines under a caregiver's name are shared with the portrait column (``screens/play.py``).
"""

from __future__ import annotations

import pygame

from sim.engine.labels import mandate_label, relation_label
from sim.i18n import _
from sim.ui.window.scroll import Block


def caregiver_detail(caregiver) -> str:
    """The line under a caregiver's name: her relation to the child and her mandate."""
    return _("{relation}, {mandate}").format(relation=relation_label(caregiver.relation),
                                             mandate=mandate_label(caregiver.mandate))


def names_together(names: list[str]) -> str:
    """Two caregivers' names as one phrase ("Ana and Luis"); more than two, listed."""
    if len(names) == 2:
        return _("{first} and {second}").format(first=names[0], second=names[1])
    return ", ".join(names)


def compact_header(screen, view, width: int) -> Block:
    """The header block of ``screen`` (a PlayScreen) for ``view``, ``width`` wide."""
    r, m, p = screen.r, screen.m, screen.p
    scenario = screen.case.scenario
    ids = scenario.caregiver_ids
    height = 3 * r.line_height("small") + m.gap
    if screen.hidden_shown:
        height += r.line_height("small")
    size = (round(height * 0.83), height)

    def draw(rr, rect):
        x = rect.x
        for cid in ids:
            caregiver = scenario.caregiver(cid)
            image = screen.app.portraits.get(cid, caregiver.relation, view.stances.get(cid, "guarded"), size,
                                             p.name == "contrast")
            rr.surface.blit(image, (x, rect.y))
            x += size[0] + m.gap
        first = scenario.caregiver(ids[0])
        text_rect = pygame.Rect(x, rect.y, max(0, rect.right - x), rect.height)
        names = names_together([scenario.caregiver(c).name for c in ids])
        rr.text(rr.fit(names, "bold", text_rect.width), (x, rect.y), "bold", p.text, text_rect)
        rr.text(rr.fit(caregiver_detail(first), "small", text_rect.width),
                (x, rect.y + r.line_height("bold")), "small", p.muted, text_rect)
        if screen.hidden_shown:
            hidden = screen.case.hidden()
            if len(ids) > 1:  # shared purpose is the family's, not one caregiver's
                summary = _("Hidden alliance {score}/100 \u00b7 the family's shared purpose {purpose}").format(
                    score=f"{hidden.score:.0f}", purpose=f"{hidden.shared_purpose:+.1f}")
            else:
                dims = hidden.caregivers[ids[0]]
                # E, C, S: the first letters of engagement, connection and safety, as the panel names them
                summary = _("Hidden alliance {score}/100 \u00b7 E {engagement} C {connection} S {safety}").format(
                    score=f"{hidden.score:.0f}", engagement=f"{dims['engagement']:+.1f}",
                    connection=f"{dims['connection']:+.1f}", safety=f"{dims['safety']:+.1f}")
            rr.text(rr.fit(summary, "small_bold", text_rect.width),
                    (x, rect.y + r.line_height("bold") + r.line_height("small")), "small_bold", p.accent,
                    text_rect)
    return Block(height, draw, tag="header")
