"""Playing a case through the window, with the mouse or the keyboard only."""

from __future__ import annotations

from pathlib import Path

import pygame

ROOT = Path(__file__).resolve().parents[2]
TINY = ROOT / "tests" / "data" / "tiny.yaml"
SCREENS = ROOT / "test-output" / "screens"

BROKEN = """format: 1
id: broken_case
title: {en: "A broken case"}
summary: {en: "It does not pass the checker."}
learning_goals: [{en: "None."}]
minutes: 3
difficulty: sometimes
caregivers: []
start: nowhere
scenes: []
"""


class Driver:
    """Posts real pygame events to an app and steps it, the way a learner would."""

    def __init__(self, app):
        self.app = app

    def step(self):
        self.app.step()
        return self

    def post(self, *events):
        for event in events:
            pygame.event.post(event)
        self.app.step()
        return self

    def key(self, key, mod=0, times=1):
        for _ in range(times):
            self.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0),
                      pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0))
        return self

    def click(self, name_or_widget):
        widget = self.widget(name_or_widget)
        rect = widget.shown
        if widget.scrolls:
            rect = rect.clip(self.app.screen.viewport_of(widget))  # the part that can be seen
        pos = rect.center
        self.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)))
        self.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1),
                  pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        return self

    def widget(self, name_or_widget):
        if not isinstance(name_or_widget, str):
            return name_or_widget
        widget = self.app.screen.find(name_or_widget)
        assert widget is not None, f"no widget {name_or_widget!r} on {self.app.screen.name}: " + ", ".join(
            w.name for w in self.app.screen.widgets)
        if widget.scrolls:
            self.app.screen.ensure_visible(widget)
            self.app.dirty = True
            self.app.step()
        return widget

    def resize(self, size):
        return self.post(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))

    def quit(self):
        return self.post(pygame.event.Event(pygame.QUIT))

    @property
    def screen(self) -> str:
        return self.app.screen.name

    @property
    def drawn(self) -> list[str]:
        return self.app.renderer.drawn_strings

    def redraw(self):
        self.app.dirty = True
        self.app.step()
        return self

NUMBER = {n: getattr(pygame, f"K_{n}") for n in range(1, 10)}


def shown(app, view, pick) -> int:
    """The number shown for the choice ``pick(view)`` picks: an index among the visible choices in the order
    they are written in the file (the window shows them shuffled from the seed)."""
    scene = app.case.scenario.scenes[view.scene_id]
    ids = {c.id for c in view.choices}
    written = [c for c in scene.choices if c.id in ids]
    target = written[pick(view) % len(written)]
    return next(c.number for c in view.choices if c.id == target.id)


def visible_choices(app) -> list:
    return [w for w in app.screen.widgets if w.name.startswith("choice:")]


def play_with_mouse(d, pick=lambda view: 0, limit: int = 200) -> None:
    """From the play screen to the debrief, clicking: the choice ``pick(view)`` (an index), then answers."""
    app = d.app
    for _ in range(limit):
        screen = app.screen
        if screen.name == "debrief":
            return
        if screen.name == "play":
            view = app.case.view()
            if app.case.is_over:
                d.click("debrief")
                continue
            number = shown(app, view, pick)
            d.click(f"choice:{number}")  # brought into sight first when the choices scroll
        elif screen.name == "prompt":
            if screen.discussion is not None:
                d.click("continue")
            elif screen.view.kind == "calibration":
                slider = screen.find("estimate")
                track = slider._track  # the drawn track, inside the knob's margins
                d.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=(track.x + track.width * 3 // 4,
                                                                       track.y + 10), button=1),
                       pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(track.x + track.width * 3 // 4, track.y + 10),
                                          button=1))
                d.click("confirm")
            else:
                d.click("option:1")
        elif screen.name == "confirm":  # facilitator mode: what the alliance was, after the group's estimate
            d.click("continue")
        else:
            raise AssertionError(f"unexpected screen {screen.name}")
    raise AssertionError("the case did not end")


def play_with_keys(d, pick=lambda view: 0, limit: int = 300) -> None:
    """From the play screen to the debrief with the keyboard only."""
    app = d.app
    for _ in range(limit):
        screen = app.screen
        if screen.name == "debrief":
            return
        if screen.name == "play":
            if app.case.is_over:
                d.key(pygame.K_RETURN)  # the debrief button has the focus
                continue
            view = app.case.view()
            number = shown(app, view, pick)
            if number == 1 and pick(view) % 2 == 0:
                d.key(pygame.K_DOWN).key(pygame.K_UP).key(pygame.K_RETURN)  # arrows and Enter
            else:
                d.key(NUMBER[number])
        elif screen.name == "prompt":
            if screen.discussion is not None:
                d.key(pygame.K_RETURN)
            elif screen.view.kind == "calibration":
                d.key(pygame.K_RIGHT, times=2).key(pygame.K_LEFT, pygame.KMOD_SHIFT).key(pygame.K_RETURN)
            else:
                d.key(pygame.K_3)
        elif screen.name == "confirm":
            d.key(pygame.K_RETURN)
        else:
            raise AssertionError(f"unexpected screen {screen.name}")
    raise AssertionError("the case did not end")


def choose(d, number: int) -> None:
    """Press a choice's number key (any choice on the screen, in sight or scrolled out of it)."""
    assert d.app.screen.find(f"choice:{number}") is not None, f"there is no choice {number}"
    d.key(NUMBER[number])


def choose_written(d, index: int) -> None:
    """Press the number shown for the choice written at ``index`` (0-based) in the scene's file."""
    choose(d, shown(d.app, d.app.case.view(), lambda view: index))


def answer_prompts(d) -> None:
    while d.app.screen.name in ("prompt", "confirm"):
        screen = d.app.screen
        if screen.name == "confirm" or screen.discussion is not None or screen.view.kind == "calibration":
            d.key(pygame.K_RETURN)
        else:
            d.key(pygame.K_3)


def tour(d, shipped=()):
    """Visit every screen in turn; yields a name at each stop. ``shipped``: (name, CaseEntry) to show too."""
    app = d.app
    app.go_title()
    d.step()
    yield "title"
    d.click("settings")
    yield "settings"
    d.key(pygame.K_ESCAPE).click("new_case")
    yield "picker"
    d.click("case:broken_case" if app.screen.find("case:broken_case") else "case:zz_broken")
    yield "error"
    d.key(pygame.K_ESCAPE).click("case:tiny_example")
    yield "play"
    d.key(pygame.K_ESCAPE)
    yield "menu"
    d.key(pygame.K_ESCAPE)
    choose(d, 1)
    yield "notice"
    d.key(pygame.K_1)
    yield "calibration"
    d.key(pygame.K_RETURN)
    yield "play-second"
    choose(d, 1)
    answer_prompts(d)
    yield "ending"
    d.click("debrief")
    yield "debrief"
    d.key(pygame.K_END)
    yield "debrief-end"
    app.go_picker()
    d.step().click("mode:facilitator").click("case:tiny_example")
    yield "facilitator"
    choose(d, 2)
    yield "discussion"
    for name, entry in shipped:
        app.start_case(entry.scenario, "practice")
        d.step()
        yield name
