"""Colours, type sizes and spacing: one place, two themes, four text sizes.

The calm theme is a warm paper background with dark ink (body text about
13:1, secondary text about 6:1); the high-contrast theme is white and yellow
on black. Category colours are chosen per theme so that each reads on that
theme's background, and the category is always written out beside its colour.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.i18n import N_
from sim.resources import fonts_dir

FONT_DIR = fonts_dir()
FONT_FILES = {"sans": "DejaVuSans.ttf", "bold": "DejaVuSans-Bold.ttf", "serif": "DejaVuSerif.ttf"}

TEXT_SIZE_PX = {"small": 16, "medium": 19, "large": 23, "largest": 28}
TEXT_SIZE_LABELS = {"small": N_("Small"), "medium": N_("Medium"), "large": N_("Large"), "largest": N_("Largest")}
THEME_LABELS = {"calm": N_("Calm"), "contrast": N_("High contrast")}  # shown as _(THEME_LABELS[key])

Colour = tuple


@dataclass(frozen=True)
class Palette:
    name: str
    bg: Colour
    surface: Colour
    surface_alt: Colour
    text: Colour
    muted: Colour
    border: Colour
    accent: Colour
    accent_text: Colour
    accent_soft: Colour
    hover: Colour
    focus: Colour
    event_bg: Colour
    event_text: Colour
    event_border: Colour
    danger: Colour
    danger_bg: Colour
    ok: Colour
    disabled: Colour
    rupture_band: Colour
    category: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    skin_shadow: float = 0.86  # how much darker the shaded parts of a portrait are


CALM = Palette(
    name="calm",
    bg=(243, 240, 234), surface=(252, 250, 247), surface_alt=(233, 229, 221),
    text=(38, 42, 48), muted=(84, 90, 100), border=(200, 194, 184),
    accent=(36, 98, 104), accent_text=(255, 255, 255), accent_soft=(217, 232, 231),
    hover=(226, 238, 237), focus=(28, 86, 168),
    event_bg=(250, 238, 212), event_text=(88, 60, 8), event_border=(206, 168, 92),
    danger=(158, 34, 28), danger_bg=(250, 226, 221), ok=(34, 108, 58), disabled=(150, 150, 150),
    rupture_band=(214, 120, 100, 52),
    category={"counterproductive": (166, 44, 36), "preventive": (30, 88, 156),
              "repair": (32, 110, 58), "neutral": (96, 100, 108)},
    lines={"score": (38, 42, 48), "engagement": (30, 88, 156), "connection": (140, 62, 140),
           "safety": (176, 98, 10), "shared_purpose": (32, 110, 58), "estimate": (28, 86, 168)},
)

CONTRAST = Palette(
    name="contrast",
    bg=(0, 0, 0), surface=(14, 14, 14), surface_alt=(30, 30, 30),
    text=(255, 255, 255), muted=(225, 225, 225), border=(235, 235, 235),
    accent=(255, 214, 10), accent_text=(0, 0, 0), accent_soft=(58, 50, 0),
    hover=(48, 48, 48), focus=(0, 229, 255),
    event_bg=(44, 34, 0), event_text=(255, 228, 130), event_border=(255, 214, 10),
    danger=(255, 120, 110), danger_bg=(70, 0, 0), ok=(120, 240, 140), disabled=(150, 150, 150),
    rupture_band=(255, 110, 90, 80),
    category={"counterproductive": (255, 132, 122), "preventive": (125, 195, 255),
              "repair": (120, 236, 140), "neutral": (220, 220, 220)},
    lines={"score": (255, 255, 255), "engagement": (125, 195, 255), "connection": (245, 155, 255),
           "safety": (255, 190, 90), "shared_purpose": (120, 236, 140), "estimate": (0, 229, 255)},
)

PALETTES = {"calm": CALM, "contrast": CONTRAST}


@dataclass(frozen=True)
class Metrics:
    """Every size on screen, derived from the body text size so the layout scales as one."""

    body: int

    @property
    def small(self) -> int:
        return max(13, round(self.body * 0.84))

    @property
    def speech(self) -> int:
        return round(self.body * 1.12)

    @property
    def heading(self) -> int:
        return round(self.body * 1.3)

    @property
    def title(self) -> int:
        return round(self.body * 2.1)

    @property
    def line_factor(self) -> float:
        return 1.45

    @property
    def pad(self) -> int:
        return round(self.body * 0.9)

    @property
    def gap(self) -> int:
        return round(self.body * 0.6)

    @property
    def radius(self) -> int:
        return max(4, round(self.body * 0.4))

    @property
    def focus_width(self) -> int:
        return max(2, round(self.body / 7))

    @property
    def measure(self) -> int:
        """The longest comfortable line, in pixels (about 70 characters)."""
        return round(self.body * 36)


def metrics_for(text_size: str) -> Metrics:
    return Metrics(TEXT_SIZE_PX.get(text_size, TEXT_SIZE_PX["medium"]))


def palette_for(theme: str) -> Palette:
    return PALETTES.get(theme, CALM)


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """A colour ``t`` of the way from ``a`` to ``b``."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a[:3], b[:3]))
