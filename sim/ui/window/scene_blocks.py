"""The play screen's content as blocks: what happened, the scene, her words and the cue; the choices.

Each block knows its height for a width, so the screen can decide how to share
the space before anything is drawn. Tags say what a block holds: ``words``
(the speaker's name, her words and the cue: what she just said, which must be
in sight with the choices), ``event``, ``narration``, ``header``, ``choice``.
"""

from __future__ import annotations

import pygame

from sim.i18n import N_, _
from sim.ui.window.render import Renderer
from sim.ui.window.scroll import Block
from sim.ui.window.widgets import ChoiceButton
from sim.ui.window.wrap import typographic

CHOICES_HEADING = N_("What do you say or do?")  # drawn as _(CHOICES_HEADING)


def line_blocks(r: Renderer, text: str, role: str, colour, width: int, tag: str, indent: int = 0,
                bar=None) -> list[Block]:
    """One block per wrapped line, so a scrolled area can show whole lines."""
    blocks = []
    for line in r.wrap(text, role, width - indent):
        def draw(rr, rect, line=line):
            if bar is not None:
                pygame.draw.rect(rr.surface, bar, (rect.x, rect.y, 3, rect.height))
            rr.text(line, (rect.x + indent, rect.y), role, colour, rect)
        blocks.append(Block(r.line_height(role), draw, tag=tag))
    return blocks


def event_block(r: Renderer, text: str, width: int) -> Block:
    m, p = r.metrics, r.palette
    lines = r.wrap(text, "body", width - 2 * m.pad - m.gap)
    height = len(lines) * r.line_height("body") + 2 * m.gap

    def draw(rr, rect):
        rr.box(rect, p.event_bg, p.event_border)
        pygame.draw.rect(rr.surface, p.event_border, (rect.x, rect.y, m.gap // 2, rect.height),
                         border_top_left_radius=m.radius, border_bottom_left_radius=m.radius)
        rr.lines(lines, rect.x + m.pad + m.gap // 2, rect.y + m.gap, "body", p.event_text, rect)
    return Block(height, draw, tag="event")


def scene_blocks(r: Renderer, view, width: int, caregiver_ids, header: Block | None = None) -> list[Block]:
    """Everything above the choices, in reading order: header, events, narration, ending, words, cue."""
    m, p = r.metrics, r.palette
    blocks: list[Block] = []

    def space(amount: int, tag: str = "space"):
        blocks.append(Block(amount, tag=tag))

    if header is not None:
        blocks.append(header)
        space(m.pad)
    for event in view.events:
        blocks.append(event_block(r, typographic(event), width))
        space(m.gap)
    if view.events:
        space(m.gap)
    if view.narration:
        blocks.extend(line_blocks(r, typographic(view.narration), "body", p.muted, width, "narration"))
        space(m.pad)
    if view.ending:
        blocks.extend(line_blocks(r, _("The case ends: {ending}").format(ending=view.ending["title"]), "heading", p.text, width, "ending"))
        space(m.gap)
    if view.text:
        if view.speaker_name:
            name = view.speaker_name
            blocks.append(Block(r.line_height("small"), lambda rr, rect, t=name: rr.text(
                t, (rect.x, rect.y), "small_bold", p.accent, rect), tag="words"))
            blocks.extend(line_blocks(r, _("\u201c{words}\u201d").format(words=typographic(view.text)), "speech", p.text, width, "words"))
        else:
            blocks.extend(line_blocks(r, typographic(view.text), "speech", p.text, width, "words"))
    if not view.ending and view.speaker_name and view.speaker_id in caregiver_ids and view.cue:
        space(m.gap, "words")
        blocks.extend(line_blocks(r, typographic(view.cue), "small", p.muted, width, "words", indent=m.pad,
                                  bar=p.border))
    while blocks and blocks[-1].tag == "space":
        blocks.pop()
    return blocks


def choice_blocks(r: Renderer, view, width: int, choose, note: str = "") -> list[Block]:
    """The heading and one button per choice; ``choose(choice_id)`` is called with ``ChoiceView.id``.
    ``note``: what was just taken back, shown above the choices it returned to."""
    m, p = r.metrics, r.palette
    if not view.choices:
        return []
    blocks = []
    if note:
        blocks.extend(line_blocks(r, _("{note}. Choose again.").format(note=note), "small", p.accent, width, "note"))
        blocks.append(Block(m.gap // 2, tag="space"))
    blocks += [Block(r.line_height("small_bold") + m.gap // 2, lambda rr, rect: rr.text(
        _(CHOICES_HEADING), (rect.x, rect.y), "small_bold", p.muted, rect), tag="heading")]
    for index, choice in enumerate(view.choices):
        if index:
            blocks.append(Block(m.gap, tag="space"))
        button = ChoiceButton(f"choice:{choice.number}", choice.number, typographic(choice.text),
                              (lambda cid=choice.id: choose(cid)))
        blocks.append(Block(button.height_for(r, width), widget=button, tag="choice"))
    return blocks
