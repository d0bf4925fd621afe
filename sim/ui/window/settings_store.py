"""The learner's display settings, remembered between runs in her config folder.

The folder is ``$ALLIANCE_CONFIG_HOME``, else ``$XDG_CONFIG_HOME/alliance-sim``,
else ``~/.config/alliance-sim`` (``sim.records.profile.config_dir``). The file
is written atomically, and a damaged file falls back to the defaults (it is
overwritten only when a setting changes). The same file holds the learner's
name and the LRS settings (``sim.records.profile``); saving keeps them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from sim.records.profile import SETTINGS_FILE, config_dir, update_settings

__all__ = ["Settings", "config_dir", "SETTINGS_FILE", "TEXT_SIZES", "THEMES", "MIN_WINDOW", "DEFAULT_WINDOW"]

TEXT_SIZES = ("small", "medium", "large", "largest")
THEMES = ("calm", "contrast")
MIN_WINDOW = (800, 600)
DEFAULT_WINDOW = (1280, 800)


@dataclass
class Settings:
    text_size: str = "medium"
    theme: str = "calm"
    fullscreen: bool = False
    window: list = field(default_factory=lambda: list(DEFAULT_WINDOW))  # last windowed size
    self_voicing: bool = False  # read the screen aloud (espeak-ng)
    problem: str = ""  # why the saved settings could not be used, if they could not (not saved)

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        """The saved settings, or the defaults (with ``problem`` set) when the file is missing or damaged."""
        path = Path(path) if path else config_dir() / SETTINGS_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            return cls(problem=f"Your settings file could not be read ({exc}); the defaults are in use.")
        if not isinstance(data, dict):
            return cls(problem="Your settings file is damaged; the defaults are in use.")
        settings = cls()
        if data.get("text_size") in TEXT_SIZES:
            settings.text_size = data["text_size"]
        if data.get("theme") in THEMES:
            settings.theme = data["theme"]
        if isinstance(data.get("fullscreen"), bool):
            settings.fullscreen = data["fullscreen"]
        if isinstance(data.get("self_voicing"), bool):
            settings.self_voicing = data["self_voicing"]
        window = data.get("window")
        if (isinstance(window, list) and len(window) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) and 200 <= v <= 16384 for v in window)):
            settings.window = [max(window[0], MIN_WINDOW[0]), max(window[1], MIN_WINDOW[1])]
        return settings

    def save(self, path: Path | None = None) -> None:
        """Write the display settings, keeping the file's other keys (the learner, the LRS)."""
        path = Path(path) if path else config_dir() / SETTINGS_FILE
        update_settings({k: v for k, v in asdict(self).items() if k != "problem"}, path)

    def cycle(self, name: str, step: int = 1) -> None:
        """Move a setting to its next (or previous) value."""
        if name == "text_size":
            self.text_size = TEXT_SIZES[(TEXT_SIZES.index(self.text_size) + step) % len(TEXT_SIZES)]
        elif name == "theme":
            self.theme = THEMES[(THEMES.index(self.theme) + step) % len(THEMES)]
        elif name == "fullscreen":
            self.fullscreen = not self.fullscreen
        else:
            raise KeyError(name)
