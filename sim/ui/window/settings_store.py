"""The learner's display settings (and the interface's language), remembered between runs in her config folder.

The folder is ``$ALLIANCE_CONFIG_HOME``, else ``$XDG_CONFIG_HOME/alliance-sim``,
else ``~/.config/alliance-sim`` (``sim.records.profile.config_dir``). The file
is written atomically, and a damaged file falls back to the defaults (it is
overwritten only when a setting changes). The same file holds the learner's
name and the LRS settings (``sim.records.profile``); saving keeps them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from sim.i18n import LANGUAGES, _, set_language, system_language
from sim.records.profile import SETTINGS_FILE, config_dir, settings_or_problem, update_settings

__all__ = ["Settings", "config_dir", "SETTINGS_FILE", "TEXT_SIZES", "THEMES", "MIN_WINDOW", "DEFAULT_WINDOW"]

TEXT_SIZES = ("small", "medium", "large", "largest")
THEMES = ("calm", "contrast")
MIN_WINDOW = (800, 600)
DEFAULT_WINDOW = (1280, 800)
MAX_WINDOW = (7680, 4320)  # an 8K screen; a larger saved size is damage (16384 squared needs a gigabyte)


@dataclass
class Settings:
    text_size: str = "medium"
    theme: str = "calm"
    fullscreen: bool = False
    window: list = field(default_factory=lambda: list(DEFAULT_WINDOW))  # last windowed size
    self_voicing: bool = False  # read the screen aloud (espeak-ng)
    language: str = ""  # the interface's language (sim.i18n.LANGUAGES); empty: the system locale's
    problem_detail: str = ""  # why the saved settings could not be used, if they could not (not saved)

    @property
    def problem(self) -> str:
        """Why the saved settings could not be used, in the interface's language now (empty when they could)."""
        if not self.problem_detail:
            return ""
        return _("Your settings file could not be used ({problem}); the defaults are in use.").format(
            problem=self.problem_detail)

    def interface_language(self, environ=None) -> str:
        """The language to show the window in: the one chosen in Settings, else the system locale's."""
        return self.language if self.language in LANGUAGES else system_language(environ)

    def apply_language(self) -> str:
        """Show the interface in ``interface_language()`` from now on; returns the language in use."""
        return set_language(self.interface_language())

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        """The saved settings, or the defaults (with ``problem`` set) when the file is missing or damaged."""
        path = Path(path) if path else config_dir() / SETTINGS_FILE
        data, problem = settings_or_problem(path)
        if problem:
            return cls(problem_detail=str(problem))
        settings = cls()
        if data.get("text_size") in TEXT_SIZES:
            settings.text_size = data["text_size"]
        if data.get("theme") in THEMES:
            settings.theme = data["theme"]
        if isinstance(data.get("fullscreen"), bool):
            settings.fullscreen = data["fullscreen"]
        if isinstance(data.get("self_voicing"), bool):
            settings.self_voicing = data["self_voicing"]
        if data.get("language") in LANGUAGES:  # an older file has none: the system locale's language
            settings.language = data["language"]
        window = data.get("window")
        if (isinstance(window, list) and len(window) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) and 200 <= v <= most
                        for v, most in zip(window, MAX_WINDOW))):
            settings.window = [max(window[0], MIN_WINDOW[0]), max(window[1], MIN_WINDOW[1])]
        return settings

    def save(self, path: Path | None = None) -> None:
        """Write the display settings, keeping the file's other keys (the learner, the LRS)."""
        path = Path(path) if path else config_dir() / SETTINGS_FILE
        values = {k: v for k, v in asdict(self).items() if k != "problem_detail"}
        if not self.language:
            del values["language"]  # not chosen: it goes on following the system locale
        update_settings(values, path)

    def cycle(self, name: str, step: int = 1) -> None:
        """Move a setting to its next (or previous) value."""
        if name == "text_size":
            self.text_size = TEXT_SIZES[(TEXT_SIZES.index(self.text_size) + step) % len(TEXT_SIZES)]
        elif name == "theme":
            self.theme = THEMES[(THEMES.index(self.theme) + step) % len(THEMES)]
        elif name == "language":
            current = self.interface_language()
            index = LANGUAGES.index(current) if current in LANGUAGES else 0
            self.language = LANGUAGES[(index + step) % len(LANGUAGES)]
        elif name == "fullscreen":
            self.fullscreen = not self.fullscreen
        else:
            raise KeyError(name)
