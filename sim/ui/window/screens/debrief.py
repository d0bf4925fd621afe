"""The debrief: everything hidden during play, revealed and explained, in the order a learner reads it.

1. **Summary** (the first page): the ending across the top, then the alliance, the legal duty and child
   safety side by side (a failed duty first, in a red box), calibration with its sign set against the
   study's finding that workers rate lower, and noticing.
2. **Key decisions**: where the best ending within reach changed, and what the other options would have led
   to; then what lasted and what was refunded.
3. The chart of the alliance, ruptures and repairs, the estimates and what was noticed in detail.
4. **All decisions**, one row each, collapsed (click or Enter opens one): the feedback, what followed, the
   options not taken with what each would have left reachable, the strategy, and its research by short key.
   In practice (and facilitator) mode each row offers "Replay from decision N".
5. **References**, once.

Section jumps (the buttons along the top, or the keys 1 to 4), a scrollbar, and "Save debrief", which writes
the page to hand in (``debrief_save.py``). The pieces are drawn by ``debrief_cards.py``.
"""

from __future__ import annotations

import pygame

from sim.analysis.contrast import pending
from sim.analysis.debrief import build_debrief
from sim.engine.labels import mode_label
from sim.i18n import N_, _
from sim.analysis.debrief_words import (NO_RUPTURE, CONTRAST_INTRO, calibration_against_study,
                                        calibration_sentences, handover_sentence, key_sentences, key_title, lasted_sentence,
                                        notice_sentence, noticing_summary, rupture_sentence, safety_word,
                                        takeback_sentence)
from sim.ui.window.chart import chart_height, draw_chart, draw_legend, legend_height, legend_items
from sim.ui.window.debrief_cards import (DUTY_FAILED, Blocks, calibration_row, decision_card, row_label,
                                         summary_cards)
from sim.ui.window.layout import column, row
from sim.ui.window.render import Renderer
from sim.ui.window.screens.base import Screen
from sim.ui.window.widgets import Button

END_WAIT = 3.0  # seconds the debrief waits for the look-ahead the case started (ready long before, in play)

SECTIONS = (("summary", N_("Summary")), ("key", N_("Key decisions")), ("all", N_("All decisions")),
            ("refs", N_("References")))
SHORT_SECTIONS = (("summary", N_("Summary")), ("key", N_("Key")), ("all", N_("All")), ("refs", N_("Refs")))  # narrow
JUMP_KEYS = {pygame.K_1: "summary", pygame.K_2: "key", pygame.K_3: "all", pygame.K_4: "refs"}


class DebriefScreen(Screen):
    name = "debrief"
    scrollable = True

    def __init__(self, app):
        super().__init__(app)
        self.case = app.case
        session = self.case.session
        self.debrief = build_debrief(session, wait=END_WAIT)
        # The options not taken still being worked out: the screen looks again each frame and fills them in.
        self.awaiting = bool(self.debrief.contrast_problem) and pending(session.scenario, session.seed)
        self.expanded: set[int] = set()
        self.saved = ""          # the last "Save debrief" message
        self.saved_ok = True
        self.anchors: dict[str, int] = {}

    # ----- actions -----

    def _replay(self, decision: int) -> None:
        """Replaying a finished run asks first; the run is kept, and its debrief stays under Continue."""
        if not self.case.is_over:
            self._do_replay(decision)
            return
        from sim.ui.window.screens.confirm import ConfirmScreen

        message = _("This run is finished. Replaying from decision {decision} plays on from there in a new run; "
                    "this one is kept as it is, and its debrief stays available under Continue.").format(
            decision=decision)
        self.app.show(ConfirmScreen(self.app, _("Replay from decision {decision}?").format(decision=decision), message, [
            ("replay", _("Keep this run and replay from decision {decision}").format(decision=decision),
             lambda: self._do_replay(decision), "primary"),
            ("back", _("Back to the debrief"), lambda: self.app.show(self), "secondary")], lambda: self.app.show(self)))

    def _do_replay(self, decision: int) -> None:
        from sim.errors import ActionError

        try:
            self.case.rewind(decision)
        except ActionError as exc:
            self.app.notice = str(exc)
            self.app.show(self)
            return
        self.app.route()

    def poll(self) -> bool:
        """Once the look-ahead the case started is done, the debrief is built again with the options not taken,
        where the learner is reading (the rows she opened stay open)."""
        session = self.case.session
        if not self.awaiting or pending(session.scenario, session.seed):
            return False
        self.awaiting = False
        self.debrief = build_debrief(session)
        self.relayout()
        self.app.say_on_screen(_("The options not taken are ready: see the key decisions and each decision."))
        return True

    def toggle(self, number: int) -> None:
        """Open or close one decision's row."""
        self.expanded ^= {number}
        self.relayout()

    def jump(self, section: str) -> bool:
        if section not in self.anchors:
            return False
        self.scroll = self.anchors[section] - self.viewport.top
        self.clamp_scroll()
        self._apply_scroll()
        return True

    def save(self) -> None:
        """Write the page to hand in (and its PDF); say where, or why not."""
        from sim.ui.window.debrief_save import save_debrief

        self.saved, self.saved_ok = _("Saving the debrief\u2026"), True
        self.relayout()
        self.app.dirty = True
        self.app.draw()  # the PDF takes a few seconds: say so first
        self.saved_ok, self.saved = save_debrief(self.case, self.debrief)
        self.relayout()
        self.app.read_aloud(self.saved)

    # ----- layout -----

    def layout(self, size) -> None:
        super().layout(size)
        r, m, p = self.r, self.m, self.p
        col = column(size, r, max_width=m.body * 48)
        self.col = col
        for sections in (SECTIONS, SHORT_SECTIONS):  # one line of jumps, never a stack that hides the debrief
            jumps = [Button(f"jump:{key}", _(label), (lambda k=key: self.jump(k)), "quiet", role="small_bold")
                     for key, label in sections]
            jump_h = max(b.height_for(r, b.width_for(r)) for b in jumps)
            if row(jumps, pygame.Rect(col.x, col.y, col.width, jump_h), m.gap // 2, r, natural=True) \
                    <= col.y + jump_h:
                break
        for labels in ((_("Save debrief"), _("Back to the title"), _("Choose another case")),
                       (_("Save debrief"), _("Title"), _("Another case"))):  # the short ones where the long do not fit
            bar = [Button("save", labels[0], self.save, "secondary"),
                   Button("title", labels[1], self.back, "secondary"),
                   Button("cases", labels[2], self.app.go_picker, "primary")]
            bar_h = max(b.height_for(r, b.width_for(r)) for b in bar)
            bottom = row(bar, pygame.Rect(col.x, col.bottom - bar_h, col.width, bar_h), m.gap, r, natural=True,
                         align="right")
            if bottom <= col.bottom:
                break
        if bottom > col.bottom:  # stacked: the whole stack above the bottom edge
            for button in bar:
                button.rect.y -= bottom - col.bottom
        bar_top = min(b.rect.y for b in bar)
        self.saved_lines = r.wrap(self.saved, "small", col.width) if self.saved else []
        message_h = len(self.saved_lines) * r.line_height("small") + (m.gap if self.saved else 0)
        top = max(b.rect.bottom for b in jumps) + m.gap // 2
        self.viewport = pygame.Rect(0, top, size[0], max(0, bar_top - m.gap - message_h - top))
        self.widgets = []
        blocks = Blocks(r, col.x, col.width, top + m.gap // 2)
        self.blocks = blocks.items
        self.anchors = {}
        self._summary(blocks)
        self._key_decisions(blocks)
        self._details(blocks)
        self._all_decisions(blocks)
        self._references(blocks)
        self._session(blocks)
        self.content_bottom = blocks.y
        for widget in self.widgets:
            widget.scrolls = True
        self.widgets = jumps + self.widgets + bar

    def _run_line(self) -> str:
        case = self.case
        parts = [_("{mode} mode").format(mode=mode_label(case.mode))]
        if case.mode == "assessment":
            parts.append(_("{name}, attempt {attempt}").format(name=case.learner.name, attempt=case.attempt)
                         if case.learner.name else _("anonymous, attempt {attempt}").format(attempt=case.attempt))
        if self.app.notice:
            parts.append(self.app.notice)
        return " \u00b7 ".join(parts)

    def _summary(self, b: Blocks) -> None:
        d, m, p = self.debrief, self.m, self.p
        self.anchors["summary"] = b.y - self.m.gap // 2
        b.para(_("Debrief: {title}").format(title=d.title), "heading", after=0)
        b.para(self._run_line(), "small", p.muted, m.pad)
        summary_cards(b, d)  # a failed duty is the red card beside the alliance; the details say why it counts
        if d.calibration:
            off = _("Calibration: off by {points} points on average.").format(
                points=f"{d.calibration['mean_error']:.0f}")
            b.para(off + " " + calibration_against_study(d.calibration), "small", after=self.m.gap // 2)
        else:
            b.para(_("You gave no estimate in this run."), "small", p.muted, after=self.m.gap // 2)
        b.para(noticing_summary(d.notices), "small")

    def _key_decisions(self, b: Blocks) -> None:
        d, p = self.debrief, self.p
        self.anchors["key"] = b.heading(_("Key decisions"))
        by_number = {item["number"]: item for item in d.decisions}
        if d.contrast_problem:
            b.para(d.contrast_problem, "body", p.muted)
        elif not d.key_decisions:
            b.para(_("At no decision did the best ending within reach change: the options you took kept it."),
                   "body", p.muted)
        for number in d.key_decisions:
            item = by_number[number]
            b.para(key_title(item["contrast"], item), "bold", after=self.m.gap // 3)
            for sentence in key_sentences(item["contrast"]):
                b.para(sentence, "small", indent=self.m.pad, after=self.m.gap // 3)
        if d.lasted:
            b.heading(_("What lasted and what was refunded"))
            for number in d.lasted:
                b.para(lasted_sentence(by_number[number]["time_course"], by_number[number]), "small")

    def _details(self, b: Blocks) -> None:
        d, case, m, p = self.debrief, self.case, self.m, self.p
        self.anchors["chart"] = b.heading(_("The alliance across your decisions"))
        if len(d.trajectory) > 1:
            items = legend_items(d, case.scenario)
            b.add(chart_height(self.r, b.width, self.viewport.height),
                  lambda rr, rect: draw_chart(rr, rect, d, case.scenario))
            b.add(legend_height(self.r, b.width, items), lambda rr, rect: draw_legend(rr, rect, items), after=m.pad)
            for handover in d.handovers:
                b.para(handover_sentence(handover), "small")
            if case.mode == "practice":
                b.para(takeback_sentence(d.takebacks), "small", p.muted)
        else:
            b.para(_("No decision was taken, so there is nothing to chart yet."), "body", p.muted)
        b.heading(_("Ruptures and repairs"))
        for text in [rupture_sentence(x) for x in d.ruptures] or [_(NO_RUPTURE)]:
            b.para(text)
        b.heading(_("Your estimates and what you noticed"))
        for item in d.calibrations:
            calibration_row(b, item)
        for sentence in calibration_sentences(d.calibration):
            b.para(sentence, "small", p.muted)
        for n in d.notices:
            b.para(f"{'✓' if n['correct'] else '✗'} {notice_sentence(n)}", "small", p.ok if n["correct"] else p.danger,
                   after=m.gap // 3)
        b.heading(_("Child safety and legal duty"))
        b.para(_("Child safety: {start} at the start ({start_word}), {end} at the end ({end_word}).").format(
            start=f"{d.child_safety_start:.0f}", start_word=safety_word(d.child_safety_start),
            end=f"{d.child_safety_end:.0f}", end_word=safety_word(d.child_safety_end)))
        arose = [duty for duty in d.duties if duty["arose"]]
        if not arose:
            b.para(_("No legal duty arose in this run."), "body", p.muted)
        for duty in arose:
            if duty["met"]:
                b.para("\u2713 " + _("Duty met: {duty}.").format(duty=duty["text"]), "bold", p.ok)
            else:
                b.para("\u2717 " + _("Duty failed: {duty}.").format(duty=duty["text"]) + " " + _(DUTY_FAILED), "bold",
                       p.danger)

    def _all_decisions(self, b: Blocks) -> None:
        r, m = self.r, self.m
        self.anchors["all"] = b.heading(_("All decisions"))
        b.para(_("Each row opens with a click or Enter.") + " " + _(CONTRAST_INTRO), "small", self.p.muted)
        for item in self.debrief.decisions:
            number, opened = item["number"], item["number"] in self.expanded
            label, detail = row_label(item, opened)
            replay = None
            if self.case.rewind_allowed:
                replay = Button(f"replay:{number}", _("Replay from {number}").format(number=number),
                                (lambda n=number: self._replay(n)),
                                "secondary", role="small_bold")
            room = (replay.width_for(r) + m.gap) if replay else 0
            toggle = Button(f"decision:{number}", label, (lambda n=number: self.toggle(n)),
                            "option" if opened else "secondary", detail=detail, selected=opened, align="left")
            height = toggle.height_for(r, b.width - room)
            rect = b.add(height, lambda rr, rect: None, after=m.gap // 2)
            toggle.rect = pygame.Rect(rect.x, rect.y, b.width - room, height)
            self.widgets.append(toggle)
            if replay is not None:
                replay.rect = pygame.Rect(rect.right - replay.width_for(r), rect.y, replay.width_for(r), height)
                self.widgets.append(replay)
            if opened:
                decision_card(b, item)

    def _references(self, b: Blocks) -> None:
        self.anchors["refs"] = b.heading(_("References"))
        if not self.debrief.references:
            b.para(_("No research was cited in this run."), "body", self.p.muted)
        for c in self.debrief.references:
            b.para(f"[{c['key']}] {c['citation']}" + (f" doi:{c['doi']}" if c["doi"] else ""), "small",
                   after=self.m.gap // 2)

    def _session(self, b: Blocks) -> None:
        case, app, p = self.case, self.app, self.p
        b.heading(_("Your session"))
        log = case.log_path
        b.para(_("Session log written to {path}").format(path=log) if log
               else _("No session log could be written in this run."), "small", p.muted)
        b.para(_("A finished run, kept for reference: {path}").format(path=case.save_path) if case.kept
               else _("Case saved in {path}").format(path=case.save_path), "small", p.muted)
        if case.record_problem:
            b.para(case.record_problem, "small", p.danger)
        elif app.record_notice:
            b.para(app.record_notice, "small", p.danger)
        elif app.lrs.configured:
            b.para(_("Your learning record goes to the LRS at {host}.").format(host=app.lrs.host), "small", p.muted)

    # ----- input and drawing -----

    def default_focus(self):
        return self.find("cases")

    def key(self, event) -> bool:
        if event.key in JUMP_KEYS:
            return self.jump(JUMP_KEYS[event.key])
        if event.key in (pygame.K_UP, pygame.K_DOWN):
            return self.scroll_by((1 if event.key == pygame.K_DOWN else -1) * 2 * self.r.line_height("body"))
        return False

    def back(self) -> bool:
        self.app.go_title()
        return True

    def draw(self, r: Renderer) -> None:
        with r.clip(self.viewport):
            for rect, draw in self.blocks:
                shown = rect.move(0, -self.scroll)
                if shown.colliderect(self.viewport):
                    draw(r, shown)
            self.draw_widgets(r, scrolled=True)
        if self.saved_lines:
            y = self.viewport.bottom + self.m.gap // 2
            r.lines(self.saved_lines, self.col.x, y, "small", self.p.ok if self.saved_ok else self.p.danger, None)
        r.rule(self.col.x, self.col.right, self.viewport.y - 1, self.p.border)
        self.draw_scrollbar(r, self.col.right + self.m.pad)
        self.draw_widgets(r, scrolled=False)
