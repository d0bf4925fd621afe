"""The window's application object and its loop.

``App`` can be driven without a real display: post pygame events (or call
``handle``) and call ``step()`` to process them and draw one frame. Nothing is
drawn while nothing changes (``dirty``), and the loop sleeps on
``Clock.tick(FPS)`` between polls: measured idle cost is in docs/ui.md.
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
from sim.records.log import data_dir  # noqa: E402
from sim.errors import LrsConfigError  # noqa: E402
from sim.records.profile import Learner, LrsConfig, learner_for_play, learner_from_settings  # noqa: E402
from sim.scenario.problems import ERROR, Problem  # noqa: E402
from sim.ui.window.case_list import CaseLibrary  # noqa: E402
from sim.ui.window.portrait import PortraitCache  # noqa: E402
from sim.ui.window.render import Renderer  # noqa: E402
from sim.ui.window.settings_store import MIN_WINDOW, Settings  # noqa: E402
from sim.ui.window.theme import metrics_for, palette_for  # noqa: E402

FPS = 30
LIBRARY_READY = pygame.event.custom_type()
REDRAW_EVENTS = {getattr(pygame, name) for name in ("VIDEOEXPOSE", "WINDOWEXPOSED", "WINDOWSHOWN", "WINDOWRESTORED",
                                                       "WINDOWFOCUSGAINED", "WINDOWMAXIMIZED") if hasattr(pygame, name)}


class App:
    def __init__(self, scenario: str | None = None, seed: int | None = None, size=None, scenario_dir: Path | None = None,
                 mode: str = "practice", lrs: str | None = None):
        pygame.display.init()
        pygame.font.init()
        self.settings = Settings.load()
        self.seed = seed
        self.scenario_dir = Path(scenario_dir) if scenario_dir else None
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
            self.notice = f"The learning record store is not used: {exc}."
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
            self.notice = f"Your settings could not be saved ({exc.strerror or exc})."

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
        problem = Problem(ERROR, path, scene.line if scene else None, f"scene {scene.id}" if scene else "",
                          str(error), "give the scene a choice without a condition, or fix the condition")
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

    def start_case(self, scenario, mode: str) -> None:
        from sim.ui.window.case import Case

        if self.learner is None:  # the first case on this computer: ask who is playing first
            self.go_learner(lambda: self.start_case(scenario, mode))
            return
        self.close_case()
        self.case = Case.start(scenario, mode, self.seed, self.learner, self.lrs, self.courier)
        self.notice = ""
        self.route()

    def open_scenario(self, name: str, mode: str = "practice") -> None:
        """Start a case straight from a scenario file or id; a broken one opens the error screen."""
        from sim.engine import CaseNotFound, find_case
        from sim.scenario.problems import ERROR, Problem
        from sim.ui.window.case_list import CaseEntry, check_entry

        try:
            path = find_case(name, self.scenario_dir)
        except CaseNotFound as exc:
            self.go_error(CaseEntry(Path(name), None, [Problem(ERROR, name, None, "", str(exc))]))
            return
        entry = check_entry(path)
        if entry.ok:
            self.start_case(entry.scenario, mode)
        else:
            self.go_error(entry)

    def saved_case_summary(self) -> tuple[bool, str]:
        """(there is an autosave, a one-line description of it). A quick look only: Continue checks it fully."""
        import json

        from sim.ui.window.modes import MODE_LABELS

        path = data_dir() / "saves" / "autosave.json"  # case.autosave_path(), without importing the engine
        if not path.exists():
            return False, "No case in progress."
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            scenario_id, actions = data["scenario"], data["actions"]
            extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
            choices = sum(1 for a in actions if isinstance(a, dict) and "choice" in a)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return True, "The saved case cannot be read."
        if not isinstance(scenario_id, str):
            return True, "The saved case cannot be read."
        title = self.library.title_of(scenario_id) or scenario_id.replace("_", " ").capitalize()
        mode = MODE_LABELS.get(extra.get("mode"), "Practice")
        return True, f"{title} \u00b7 {mode} \u00b7 {choices} choice{'s' if choices != 1 else ''} made"

    def continue_case(self) -> None:
        from sim.ui.window.case import Case, CaseError

        try:
            case = Case.resume(learner=self.learner, config=self.lrs, courier=self.courier)
        except CaseError as exc:
            self.notice = str(exc)
            self.go_title()
            return
        self.close_case()
        self.case = case
        self.notice = ""
        self.route()

    def close_case(self) -> None:
        if self.case is not None:
            self.case.close()
            self.case = None

    def quit(self) -> None:
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
        elif self.screen is not None:
            try:
                if self.screen.handle(event):
                    self.dirty = True
            except PlayError as exc:  # a scenario problem only play could reveal: show it, never a traceback
                self.show_play_error(exc)

    def update(self) -> None:
        """Per-frame work that is not a reaction to an event (none is needed yet: the UI has no animation)."""

    def draw(self) -> bool:
        """Draw a frame if anything changed; True when one was drawn."""
        if not self.dirty or not self.running:
            return False
        self.surface = pygame.display.get_surface() or self.surface
        self.renderer.begin(self.surface)
        self.screen.draw(self.renderer)
        pygame.display.flip()
        self.dirty = False
        self.frames += 1
        if self.frames == 1:
            self.library.start()  # check the scenarios in the background, after the first frame is up
        return True

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
        raise NoDisplay("no display was found to open the window on")  # before SDL probes and complains
    pygame.display.init()
    if pygame.display.get_driver() in ("offscreen", "dummy"):
        pygame.display.quit()
        raise NoDisplay("no display was found to open the window on")


def run_window(scenario: str | None = None, seed: int | None = None, lrs: str | None = None,
               cases: str | None = None) -> int:
    """Open the window (on the title screen, or straight into ``scenario``) and run until it is closed."""
    try:
        check_display()
    except NoDisplay as exc:
        print(f"alliance-sim: {exc}; play in the terminal with: alliance-sim play --text", file=sys.stderr)
        return 2
    app = App(scenario=scenario, seed=seed, lrs=lrs, scenario_dir=Path(cases) if cases else None)
    try:
        return app.run()
    finally:
        if app.running:
            app.quit()
        pygame.quit()
