"""The window's application object and its loop.

``App`` can be driven without a real display: post pygame events (or call
``handle``) and call ``step()`` to process them and draw one frame. Nothing is
drawn while nothing changes (``dirty``), and the loop sleeps on
``Clock.tick(FPS)`` between polls: measured idle cost is in docs/ui.md.
Opening a case (new, from a file, or from a save) is in ``opening.py`` (``CaseOpening``).
"""

from __future__ import annotations

import os
import sys
import time
from types import SimpleNamespace
from pathlib import Path

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from sim.errors import PlayError  # noqa: E402
from sim.errors import LrsConfigError  # noqa: E402
from sim.i18n import _  # noqa: E402
from sim.records.profile import Learner, LrsConfig, learner_for_play, learner_from_settings  # noqa: E402
from sim.scenario.problems import ERROR, Problem  # noqa: E402
from sim.ui.window.case_list import CaseLibrary  # noqa: E402
from sim.ui.window.opening import CaseOpening  # noqa: E402
from sim.ui.window.portrait import PortraitCache  # noqa: E402
from sim.ui.window.render import Renderer  # noqa: E402
from sim.ui.window.settings_store import MIN_WINDOW, Settings  # noqa: E402
from sim.ui.window.theme import metrics_for, palette_for  # noqa: E402

FPS = 30
LIBRARY_READY = pygame.event.custom_type()
REDRAW_EVENTS = {getattr(pygame, name) for name in ("VIDEOEXPOSE", "WINDOWEXPOSED", "WINDOWSHOWN", "WINDOWRESTORED",
                                                       "WINDOWFOCUSGAINED", "WINDOWMAXIMIZED") if hasattr(pygame, name)}


class App(CaseOpening):
    def __init__(self, scenario: str | None = None, seed: int | None = None, size=None, scenario_dir: Path | None = None,
                 mode: str = "practice", lrs: str | None = None, watch: bool = False):
        pygame.display.init()
        pygame.font.init()
        self.settings = Settings.load()
        self.settings.apply_language()  # the language chosen in Settings, else the system locale's
        self.seed = seed
        self.scenario_dir = Path(scenario_dir) if scenario_dir else None
        self.prepares_debrief = False  # the real window (run_window) starts each case's look-ahead early
        self.watching = None  # play --watch: a live-preview watch on the open case's file
        if watch:
            from sim.ui.window.live_reload import Watching

            self.watching = Watching()
        self.notice = self.settings.problem  # a message for the title screen
        self.learner: Learner | None = learner_from_settings()  # None until she has been asked
        self.lrs, self.courier = self._learning_record(lrs)
        self.renderer = Renderer(palette_for(self.settings.theme), metrics_for(self.settings.text_size))
        self.portraits = PortraitCache()
        self.library = CaseLibrary(self.scenario_dir)
        self.library.on_ready = self._library_ready
        self.case = None  # a sim.ui.window.case.Case while a case is open
        self.running = True
        self.dirty = True
        self.frames = 0
        self.clock = pygame.time.Clock()
        from sim.ui.window.voice import Voice

        self.voice = Voice()
        self.toast = ""  # a passing message over any screen (reading aloud turned on or off, or not possible)
        self.toast_until = 0.0
        self._windowed_size = tuple(size) if size else tuple(self.settings.window)
        self.surface = self._open_window()
        self._configure_renderer()
        pygame.display.set_caption("Alliance")
        pygame.key.set_repeat(400, 40)
        self.screen = None
        if scenario is not None:
            self.open_scenario(scenario, mode)
        else:
            self.go_title()

    # ----- the learner and her learning record -----

    def _learning_record(self, cli_url: str | None):
        from sim.records.profile import resolve_lrs
        from sim.ui.recording import start_courier

        try:
            config = resolve_lrs(cli_url)
        except LrsConfigError as exc:
            self.notice = _("The learning record store is not used: {problem}.").format(problem=exc)
            return LrsConfig(), None
        return config, start_courier(config)

    def learner_for(self, name: str) -> Learner:
        return learner_for_play(name)

    @property
    def record_notice(self) -> str:
        """The learning record's latest delivery problem, in words (empty when all is well)."""
        return self.courier.notice if self.courier is not None else ""

    # ----- the window -----

    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self._windowed_size, pygame.RESIZABLE)

    @property
    def size(self) -> tuple[int, int]:
        return self.surface.get_size()

    def _resized(self, size) -> None:
        size = (max(1, int(size[0])), max(1, int(size[1])))
        if not self.settings.fullscreen:
            if self.surface.get_size() != size:
                self.surface = pygame.display.set_mode(size, pygame.RESIZABLE)
            self._windowed_size = size
            self.settings.window = [max(size[0], MIN_WINDOW[0]), max(size[1], MIN_WINDOW[1])]
        self.surface = pygame.display.get_surface() or self.surface
        self.relayout()

    def _configure_renderer(self) -> None:
        """Fonts and colours from the settings; below the smallest supported window, the smallest text."""
        text_size = self.settings.text_size
        if self.size[0] < MIN_WINDOW[0] or self.size[1] < MIN_WINDOW[1]:
            text_size = "small"
        self.renderer.configure(palette_for(self.settings.theme), metrics_for(text_size))

    def relayout(self) -> None:
        self._configure_renderer()
        if self.screen is not None:
            self.screen.relayout(self.size)
        self.dirty = True

    def apply_settings(self) -> None:
        """Use the current settings now (fonts, colours, window mode), and remember them."""
        fullscreen = bool(self.surface.get_flags() & pygame.FULLSCREEN)
        if fullscreen != self.settings.fullscreen:
            self.surface = self._open_window()
        self.relayout()
        self.save_settings()

    def save_settings(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            self.notice = _("Your settings could not be saved ({problem}).").format(problem=exc.strerror or exc)

    def _library_ready(self) -> None:
        try:
            pygame.event.post(pygame.event.Event(LIBRARY_READY))
        except pygame.error:  # the window is already closed
            pass

    # ----- navigation -----

    def show(self, screen) -> None:
        self.screen = screen
        screen.relayout(self.size)
        self.dirty = True
        if self.settings.self_voicing:
            self.read_aloud()

    # ----- reading aloud -----

    def read_aloud(self, text: str | None = None) -> None:
        """Say the screen (or ``text``) when reading aloud is on and possible."""
        if self.screen is not None and self.voice.available:
            self.voice.say(text if text is not None else self.screen.speech())

    def toggle_voicing(self) -> None:
        """V: reading aloud on or off (remembered); where espeak-ng is missing, say so on screen."""
        if not self.voice.available:
            from sim.ui.window.voice import MISSING

            self.settings.self_voicing = False
            self.say_on_screen(_(MISSING), 8)
            return
        self.settings.self_voicing = not self.settings.self_voicing
        self.save_settings()
        if self.settings.self_voicing:
            self.say_on_screen(_("Reading aloud is on (V turns it off)."))
            self.read_aloud()
        else:
            self.voice.stop()
            self.say_on_screen(_("Reading aloud is off (V turns it on)."))

    def say_on_screen(self, text: str, seconds: float = 4.0) -> None:
        self.toast, self.toast_until = text, time.monotonic() + seconds
        self.dirty = True

    def focus_moved(self, widget) -> None:
        """Read the control the keyboard moved to, as Ren'Py's self-voicing does."""
        if self.settings.self_voicing and widget is not None:
            self.read_aloud(getattr(widget, "spoken", lambda: "")())

    def go_title(self) -> None:
        from sim.ui.window.screens.title import TitleScreen

        self.show(TitleScreen(self))

    def go_picker(self) -> None:
        from sim.ui.window.screens.picker import PickerScreen

        self.show(PickerScreen(self))

    def go_new_case(self) -> None:
        """The case picker; before the very first case, who is playing."""
        if self.learner is None:
            self.go_learner(self.go_picker)
        else:
            self.go_picker()

    def go_learner(self, then, back=None) -> None:
        from sim.ui.window.screens.learner import LearnerScreen

        self.show(LearnerScreen(self, then, back))

    def go_settings(self, back=None) -> None:
        from sim.ui.window.screens.settings import SettingsScreen

        self.show(SettingsScreen(self, back or self.screen))

    def go_error(self, entry, back=None) -> None:
        from sim.ui.window.screens.error import ErrorScreen

        self.show(ErrorScreen(self, entry, back))

    def show_play_error(self, error: Exception) -> None:
        """The case ran into something the checker could not rule out (every choice hidden by its
        condition, a condition that cannot be evaluated): show it like a checker message."""
        scenario = self.case.scenario if self.case is not None else None
        path = scenario.path if scenario is not None else ""
        scene = scenario.scenes.get(self.case.session.scene_id) if scenario is not None else None
        problem = Problem(ERROR, path, scene.line if scene else None, _("scene {id}").format(id=scene.id) if scene else "",
                          str(error), _("give the scene a choice without a condition, or fix the condition"))
        self.close_case()
        self.go_error(SimpleNamespace(path=path, problems=[problem]))

    def go_debrief(self) -> None:
        from sim.ui.window.screens.debrief import DebriefScreen

        self.show(DebriefScreen(self))

    def route(self) -> None:
        """Show what the case needs now: a question, a discussion pause, or the scene."""
        from sim.ui.window.screens.play import PlayScreen
        from sim.ui.window.screens.prompt import PromptScreen

        if self.case is None:
            self.go_title()
            return
        try:
            view = self.case.view()
        except PlayError as exc:
            self.show_play_error(exc)
            return
        if view.kind == "scene":
            self.show(PlayScreen(self))
        elif (view.kind == "calibration" and self.case.shows_hidden
              and view.phase not in self.case.discussed):
            self.show(PromptScreen(self, discussion=view.phase))
        else:
            self.show(PromptScreen(self))

    def close_case(self) -> None:
        if self.case is not None:
            self.case.close()
            self.case = None

    def quit(self) -> None:
        self.voice.stop()
        if self.case is not None:
            self.case.save()
        self.close_case()
        self.save_settings()
        if self.courier is not None:
            self.courier.stop(1.0)  # what is not sent yet stays in the outbox for next time
        self.running = False

    # ----- the loop -----

    def handle(self, event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
        elif event.type == pygame.VIDEORESIZE:
            self._resized(event.size)
        elif event.type in REDRAW_EVENTS:
            self.dirty = True
        elif event.type == LIBRARY_READY:
            if self.screen is not None and hasattr(self.screen, "library_ready"):
                self.screen.library_ready()
            self.dirty = True
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.settings.fullscreen = not self.settings.fullscreen
            self.apply_settings()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_v and not self._typing():
            self.toggle_voicing()
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F5 and self.case is not None \
                and self.screen is not None and self.screen.name in ("play", "prompt"):
            from sim.ui.window.live_reload import reload_case

            reload_case(self)
        elif event.type == pygame.KEYDOWN and event.key == pygame.K_F1 and self.screen is not None \
                and self.screen.name != "keys":
            from sim.ui.window.screens.keys import KeysScreen

            self.show(KeysScreen(self, self.screen))
        elif self.screen is not None:
            try:
                if self.screen.handle(event):
                    self.dirty = True
            except PlayError as exc:  # a scenario problem only play could reveal: show it, never a traceback
                self.show_play_error(exc)

    def _typing(self) -> bool:
        """Whether a text field has the focus (then V and other letters are typed, not shortcuts)."""
        from sim.ui.window.widgets import TextField

        return isinstance(getattr(self.screen, "focus", None), TextField)

    def update(self) -> None:
        """Per-frame work that is not a reaction to an event: a passing message that has had its time, work
        the screen waits for in the background."""
        if self.toast and time.monotonic() >= self.toast_until:
            self.toast = ""
            self.dirty = True
        if self.screen is not None and self.screen.poll():
            self.dirty = True
        if self.watching is not None:
            self.watching.check(self)

    def draw(self) -> bool:
        """Draw a frame if anything changed; True when one was drawn."""
        if not self.dirty or not self.running:
            return False
        self.surface = pygame.display.get_surface() or self.surface
        self.renderer.begin(self.surface)
        self.screen.draw(self.renderer)
        if self.toast:
            self._draw_toast()
        pygame.display.flip()
        self.dirty = False
        self.frames += 1
        if self.frames == 1:
            self.library.start()  # check the scenarios in the background, after the first frame is up
        return True

    def _draw_toast(self) -> None:
        r = self.renderer
        m, p = r.metrics, r.palette
        width = min(self.size[0] - 4 * m.gap, m.body * 34)
        lines = r.wrap(self.toast, "small", width - 2 * m.pad)
        box = pygame.Rect(0, 0, width, len(lines) * r.line_height("small") + 2 * m.gap)
        box.midtop = (self.size[0] // 2, m.gap)
        r.box(box, p.event_bg, p.event_border, width=2)
        r.lines(lines, box.x + m.pad, box.y + m.gap, "small", p.event_text, box)

    def step(self) -> bool:
        """Process every queued event, then draw if needed. Returns False once the app has quit."""
        for event in pygame.event.get():
            self.handle(event)
            if not self.running:
                break
        self.update()
        self.draw()
        return self.running

    def run(self, seconds: float | None = None) -> int:
        deadline = None if seconds is None else time.monotonic() + seconds
        while self.step():
            if deadline is not None and time.monotonic() >= deadline:
                break
            self.clock.tick(FPS)
        return 0

    def screenshot(self, path) -> None:
        self.dirty = True
        self.draw()
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.surface, str(path))


class NoDisplay(Exception):
    """There is no screen to open a window on."""


def check_display() -> None:
    """Refuse to run invisibly: without a display SDL falls back to drawing into memory."""
    if os.environ.get("SDL_VIDEODRIVER"):
        return  # chosen on purpose (tests, benchmarks, a kiosk)
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise NoDisplay(_("no display was found to open the window on"))  # before SDL probes and complains
    pygame.display.init()
    if pygame.display.get_driver() in ("offscreen", "dummy"):
        pygame.display.quit()
        raise NoDisplay(_("no display was found to open the window on"))


def run_window(scenario: str | None = None, seed: int | None = None, lrs: str | None = None,
               cases: str | None = None, watch: bool = False) -> int:
    """Open the window (on the title screen, or straight into ``scenario``) and run until it is closed."""
    try:
        check_display()
    except NoDisplay as exc:
        print("alliance-sim: " + _("{problem}; play in the terminal with: {command}").format(
            problem=exc, command="alliance-sim play --text"), file=sys.stderr)
        return 2
    app = App(scenario=scenario, seed=seed, lrs=lrs, scenario_dir=Path(cases) if cases else None, watch=watch)
    app.prepares_debrief = True
    try:
        return app.run()
    finally:
        if app.running:
            app.quit()
        pygame.quit()
