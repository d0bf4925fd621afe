"""The play screen's footer: its buttons, their size and place, and the hints beside them.

The footer runs under the whole column, or only under the scene when the choices stand beside it. Its
buttons are Take back (on the left, away from the rest), History, Show the choices (facilitator mode, while
the panel is revealed) and the debrief once the case is over; shorter labels when the line that says more
choices are below would not fit, stacked when even those do not. The hints say where more is to read.
Each function takes the ``PlayScreen`` whose footer it is.
"""

from __future__ import annotations

from sim.i18n import N_, _
from sim.ui.window.layout import row
from sim.ui.window.render import Renderer
from sim.ui.window.widgets import Button

MORE_CHOICES = N_("\u25bc More choices below")


def footer_widgets(screen, short: bool = False) -> list:
    case = screen.case
    widgets = []
    if case.rewind_allowed and case.session.decision_count > 0:
        widgets.append(Button("take_back", _("Take back") if short else _("Take back my last choice"),
                              screen._take_back, "secondary", role="small_bold"))
    widgets.append(Button("history", _("History"), screen.open_history, "secondary", role="small_bold"))
    if screen.holding:
        widgets.append(Button("show_choices", _("Show the choices"), screen._show_choices, "primary", role="bold"))
    if case.is_over:
        widgets.append(Button("debrief", _("Debrief") if short else _("Read the debrief"), screen.app.go_debrief,
                              "primary", role="bold"))
    return widgets


def footer_probe_height(r: Renderer) -> int:
    probe = Button("probe", "More", None, role="small_bold")
    return probe.height_for(r, probe.width_for(r))


def sized_footer(screen, footer_w: int) -> tuple[list, int]:
    """(the footer's buttons, its height) for a footer ``footer_w`` wide."""
    r, m = screen.r, screen.m
    footer = footer_widgets(screen)
    hint_room = r.measure(_(MORE_CHOICES), "small") + m.gap * (len(footer) + 1)
    if sum(w.width_for(r) for w in footer) + hint_room > footer_w:
        footer = footer_widgets(screen, short=True)  # room for the line that says more choices are below
    footer_h = max([footer_probe_height(r)] + [w.height_for(r, w.width_for(r)) for w in footer])
    if sum(w.width_for(r) for w in footer) + m.gap * (len(footer) - 1) > footer_w:
        # still too wide (longer words, as in Spanish, at the largest text): the buttons stack, so the
        # footer takes their stacked height and the scene above gives up that room, never the window
        footer_h = max(footer_h, sum(w.height_for(r, footer_w) for w in footer) + m.gap * (len(footer) - 1))
    return footer, footer_h


def place_footer(screen, footer: list) -> None:
    """Lay the buttons out in ``screen.footer_rect``: to the right, Take back alone on the left."""
    row(footer, screen.footer_rect, screen.m.gap, screen.r, natural=True, align="right")
    take_back = next((w for w in footer if w.name == "take_back"), None)
    if take_back is not None:  # the one action on the left, away from the rest
        take_back.rect.x = screen.main.x


def footer_hints(screen) -> list[str]:
    """Where more is, most needed first: choices below the fold, earlier text above, the rest below."""
    hints = []
    choices, text = screen.choice_area, screen.text_area
    if choices.widgets and choices.scrollable and not choices.at_bottom:
        hints.append(_(MORE_CHOICES))
    elif text.scrollable and not text.at_bottom:
        hints.append(_("\u25bc More below"))
    if text.scrollable and not text.at_top:
        hints.append(_("\u25b2 Earlier text above") if text is not choices else _("\u25b2 More above"))
    if screen.voting and not screen.hidden_shown and not screen.wide:
        hints.append(_("P shows the hidden alliance"))
    return hints


def draw_footer_hints(screen, r: Renderer) -> None:
    """The hints, between Take back and the other buttons, as many as fit (the most needed one first)."""
    m, p = screen.m, screen.p
    hints = footer_hints(screen)
    if not hints:
        return
    right = min([w.rect.x for w in screen.footer if w.name != "take_back"] + [screen.footer_rect.right]) - m.gap
    take_back = screen.find("take_back")
    left = take_back.rect.right + m.gap if take_back is not None else screen.main.x
    while len(hints) > 1 and r.measure(" \u00b7 ".join(hints), "small") > right - left:
        hints.pop()  # the most needed one stays
    line = " \u00b7 ".join(hints)
    if min(w.rect.y for w in screen.footer) >= screen.footer_y and r.measure(line, "small") <= right - left:
        r.text(line, (right, screen.footer_y + (screen.footer[0].rect.height - r.line_height("small")) // 2),
               "small", p.muted, screen.footer_rect, align="right")
