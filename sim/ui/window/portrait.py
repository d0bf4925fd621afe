"""The caregiver's portrait, drawn in code: one flat-illustration style, four stances.

Looks (skin, hair, clothes, an accessory) come deterministically from the
caregiver's id, so the same person always looks the same. The stance shows in
the face and the body: brows, eyes, mouth, head tilt and posture.

* engaged: head tilted warmly, open eyes, a soft smile, relaxed shoulders
* guarded: level head, lids half lowered, flat brows, pressed lips, arms crossed
* withdrawn: head lowered and turned, eyes down, brows raised at the centre, shoulders hunched
* confrontational: leaning in, wide eyes, brows drawn down, a firm frown, squared shoulders

Everything is drawn at twice the size and scaled down, for smooth edges.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

import pygame

from sim.ui.window.theme import mix

SKINS = ((241, 206, 178), (226, 184, 148), (198, 148, 108), (168, 116, 80), (124, 84, 56), (96, 64, 44))
HAIRS = ((40, 30, 26), (72, 48, 32), (112, 74, 44), (150, 108, 62), (58, 44, 40), (28, 26, 30))
GREYS = ((176, 172, 168), (208, 204, 198), (140, 136, 134))
CLOTHES = ((84, 110, 142), (124, 88, 104), (96, 122, 98), (150, 110, 72), (104, 98, 140), (70, 110, 118),
           (138, 84, 78), (92, 96, 104))
BACKDROPS_CALM = ((222, 230, 228), (232, 224, 214), (226, 224, 234), (230, 228, 216))
BACKDROPS_DARK = ((38, 44, 46), (46, 40, 34), (40, 38, 48), (44, 42, 34))
STYLES = ("short", "bob", "long", "bun", "curly", "ponytail")
MALE_STYLES = ("short", "curly", "cropped")
MALE = {"father", "grandfather", "uncle", "uncle_in_law"}
OLDER = {"grandmother", "grandfather"}
ACCESSORIES = ("none", "earrings", "glasses", "scarf")
HEAD_SCALE = 1.22  # the head is drawn in its own units, then scaled to sit on the body
STANCES = ("engaged", "guarded", "withdrawn", "confrontational")

# per stance: head tilt (degrees), head offset (units), head scale, shoulder half-width, shoulder lift
POSE = {
    "engaged": (6.0, (1.0, 0.0), 1.0, 36, 0),
    "guarded": (-1.5, (0.0, 1.0), 1.0, 35, 0),
    "withdrawn": (-10.0, (-3.0, 7.0), 0.97, 31, -5),
    "confrontational": (0.0, (0.0, 4.0), 1.07, 40, 1),
}


@dataclass(frozen=True)
class Appearance:
    skin: tuple
    hair: tuple
    style: str
    clothes: tuple
    accessory: str
    backdrop: int


def appearance(caregiver_id: str, relation: str = "") -> Appearance:
    """The caregiver's looks, always the same for the same id (and relation)."""
    h = hashlib.sha256(caregiver_id.encode("utf-8")).digest()
    older = relation in OLDER
    male = relation in MALE
    hair = GREYS[h[1] % len(GREYS)] if older else HAIRS[h[1] % len(HAIRS)]
    styles = MALE_STYLES if male else STYLES
    accessories = ("none", "glasses") if male else ACCESSORIES
    return Appearance(skin=SKINS[h[0] % len(SKINS)], hair=hair, style=styles[h[2] % len(styles)],
                      clothes=CLOTHES[h[3] % len(CLOTHES)], accessory=accessories[h[4] % len(accessories)],
                      backdrop=h[5] % len(BACKDROPS_CALM))


def _dark(colour, amount: float = 0.18):
    return mix(colour, (0, 0, 0), amount)


class _Pen:
    """Draws in design units (a 100 x 120 canvas) on a surface of any size."""

    def __init__(self, surface: pygame.Surface, unit: float, origin=(0.0, 0.0)):
        self.s, self.u, self.ox, self.oy = surface, unit, origin[0], origin[1]

    def p(self, x, y):
        return (round(self.ox + x * self.u), round(self.oy + y * self.u))

    def r(self, x, y, w, h):
        return pygame.Rect(round(self.ox + x * self.u), round(self.oy + y * self.u),
                           max(1, round(w * self.u)), max(1, round(h * self.u)))

    def w(self, width):
        return max(1, round(width * self.u))

    def ellipse(self, colour, x, y, w, h, width=0):
        pygame.draw.ellipse(self.s, colour, self.r(x, y, w, h), self.w(width) if width else 0)

    def circle(self, colour, x, y, radius, width=0):
        pygame.draw.circle(self.s, colour, self.p(x, y), max(1, round(radius * self.u)), self.w(width) if width else 0)

    def poly(self, colour, points, width=0):
        pygame.draw.polygon(self.s, colour, [self.p(x, y) for x, y in points], self.w(width) if width else 0)

    def line(self, colour, points, width):
        pts = [self.p(x, y) for x, y in points]
        pygame.draw.lines(self.s, colour, False, pts, self.w(width))
        for end in (pts[0], pts[-1]):  # round caps
            pygame.draw.circle(self.s, colour, end, max(1, self.w(width) // 2))

    def arc(self, colour, x, y, w, h, start, stop, width):
        pygame.draw.arc(self.s, colour, self.r(x, y, w, h), start, stop, self.w(width))

    def rrect(self, colour, x, y, w, h, radius):
        pygame.draw.rect(self.s, colour, self.r(x, y, w, h), border_radius=self.w(radius))


def _hair_back(pen: _Pen, look: Appearance) -> None:
    hair = look.hair
    if look.style == "long":
        pen.rrect(hair, -19, -18, 38, 48, 14)
    elif look.style == "bob":
        pen.rrect(hair, -19, -18, 38, 34, 12)
    elif look.style == "bun":
        pen.circle(hair, 0, -25, 8)
    elif look.style == "ponytail":
        pen.ellipse(hair, 12, -12, 12, 30)
    elif look.style == "curly":
        for x, y in ((-17, -10), (17, -10), (-18, 0), (18, 0), (-16, 9), (16, 9)):
            pen.circle(hair, x, y, 6)


def _hair_front(pen: _Pen, look: Appearance) -> None:
    hair = look.hair
    if look.style == "curly":
        for x, y in ((-12, -18), (-4, -22), (5, -22), (13, -18), (-16, -11), (16, -11), (0, -17)):
            pen.circle(hair, x, y, 6.5)
        return
    if look.style == "cropped":
        pen.poly(hair, [(-15.5, -6), (-14, -17), (-6, -22.5), (6, -22.5), (14, -17), (15.5, -6), (12, -13),
                        (0, -15.5), (-12, -13)])
        return
    # a cap of hair over the top of the head, and a side-swept fringe
    pen.poly(hair, [(-16.5, 2), (-17, -10), (-13, -19), (-5, -23.5), (5, -23.5), (13, -19), (17, -10), (16.5, 2),
                    (14, -7), (9, -12), (-2, -14), (-10, -12), (-14, -6)])
    if look.style in ("short",):
        return
    pen.poly(hair, [(-14, -6), (-11, -15), (2, -18), (12, -12), (4, -11), (-6, -10)])


def _eyes(pen: _Pen, stance: str, skin, ink, look_dx: float) -> None:
    white = (250, 248, 244)
    for side in (-1, 1):
        x = side * 6.5
        if stance == "confrontational":
            pen.ellipse(white, x - 3.1, -2.6, 6.2, 5.0)
            pen.circle(ink, x, -0.2, 1.9)
            pen.circle(white, x + 0.6, -0.9, 0.55)
            pen.line(ink, [(x - 3.2, -2.8), (x + 3.2, -2.8)], 0.9)
        elif stance == "engaged":
            pen.ellipse(white, x - 2.9, -2.3, 5.8, 4.6)
            pen.ellipse(ink, x - 1.9, -2.3, 3.8, 4.6)
            pen.circle(white, x + 0.6, -1.1, 0.6)
        elif stance == "guarded":
            pen.ellipse(white, x - 2.9, -2.0, 5.8, 4.2)
            pen.ellipse(ink, x - 1.9 + look_dx, -2.0, 3.8, 4.2)
            pen.rrect(skin, x - 3.2, -3.6, 6.4, 3.3, 0.5)  # lids half lowered
            pen.line(ink, [(x - 2.9, -0.4), (x + 2.9, -0.4)], 0.9)
        else:  # withdrawn: eyes cast down and aside
            pen.ellipse(white, x - 2.8, -0.6, 5.6, 3.4)
            pen.ellipse(ink, x - 1.8 + look_dx, -0.4, 3.6, 3.4)
            pen.rrect(skin, x - 3.2, -3.4, 6.4, 3.7, 0.5)
            pen.arc(ink, x - 3.0, -1.8, 6.0, 3.8, math.pi * 1.05, math.pi * 1.95, 0.9)


BROWS = {  # (inner y, middle y, outer y) relative to the eye line, inner end nearer the nose
    "engaged": (-6.2, -7.6, -6.4),
    "guarded": (-5.0, -5.3, -5.2),
    "withdrawn": (-7.4, -6.4, -4.8),
    "confrontational": (-3.8, -5.2, -6.8),
}


def _brows(pen: _Pen, stance: str, colour) -> None:
    inner, middle, outer = BROWS[stance]
    width = 1.6 if stance == "confrontational" else 1.3
    for side in (-1, 1):
        pen.line(colour, [(side * 3.2, inner), (side * 6.6, middle), (side * 10.0, outer)], width)


def _mouth(pen: _Pen, stance: str, lip) -> None:
    if stance == "engaged":
        pen.arc(lip, -5.0, 6.5, 10.0, 7.0, math.pi * 1.12, math.pi * 1.88, 1.4)
    elif stance == "guarded":
        pen.line(lip, [(-3.6, 11.0), (3.6, 11.0)], 1.3)
    elif stance == "withdrawn":
        pen.arc(lip, -3.0, 11.0, 6.0, 4.0, math.pi * 0.15, math.pi * 0.85, 1.2)
    else:
        pen.arc(lip, -5.0, 10.2, 10.0, 5.0, math.pi * 0.12, math.pi * 0.88, 1.6)


def _head(look: Appearance, stance: str, unit: float) -> pygame.Surface:
    size = (round(64 * unit), round(72 * unit))
    surface = pygame.Surface(size, pygame.SRCALPHA)
    pen = _Pen(surface, unit, (32 * unit, 36 * unit))
    skin, shade = look.skin, _dark(look.skin, 0.12)
    ink = mix(look.hair, (20, 16, 14), 0.6)
    look_dx = -1.0 if stance == "withdrawn" else (-0.6 if stance == "guarded" else 0.0)
    _hair_back(pen, look)
    for side in (-1, 1):
        pen.ellipse(shade, side * 16 - 3, -3, 6, 8)
    pen.ellipse(skin, -16, -20, 32, 40)
    if look.accessory == "earrings":
        for side in (-1, 1):
            pen.circle((214, 180, 90), side * 16.2, 5.5, 1.3)
    _hair_front(pen, look)
    if stance == "engaged":
        for side in (-1, 1):
            pen.circle(mix(skin, (220, 110, 110), 0.25), side * 9.5, 6.5, 3.0)
    brow = mix(look.hair, (90, 86, 84), 0.3) if sum(look.hair) > 450 else mix(look.hair, (10, 8, 8), 0.45)
    _brows(pen, stance, brow)
    _eyes(pen, stance, skin, ink, look_dx)
    pen.line(shade, [(0.4 + look_dx * 0.4, 1.5), (1.4 + look_dx * 0.4, 6.0), (-0.6 + look_dx * 0.4, 6.6)], 1.0)
    _mouth(pen, stance, mix(skin, (120, 40, 40), 0.55))
    if look.accessory == "glasses":
        frame = (60, 56, 58)
        for side in (-1, 1):
            pen.ellipse(frame, side * 6.5 - 4.3, -3.8, 8.6, 7.4, 0.9)
        pen.line(frame, [(-2.2, -0.6), (2.2, -0.6)], 0.8)
    return surface


def _body(pen: _Pen, look: Appearance, stance: str) -> None:
    _, _, _, half, lift = POSE[stance]
    clothes, dark = look.clothes, _dark(look.clothes, 0.2)
    skin_shade = _dark(look.skin, 0.12)
    top = 86 + lift
    pen.rrect(skin_shade, 43.5, 62, 13, 30, 4)  # the neck
    pen.ellipse(clothes, 50 - half, top, 2 * half, 70)
    pen.poly(look.skin if stance != "withdrawn" else skin_shade, [(44.5, top - 0.5), (55.5, top - 0.5), (50, top + 8)])
    pen.line(dark, [(44.5, top), (50, top + 8), (55.5, top)], 1.2)
    if look.accessory == "scarf":
        pen.rrect(mix(clothes, (230, 200, 120), 0.6), 41, top - 3, 18, 7, 3)
    if stance == "guarded":  # arms folded across the body
        left, right = 50 - half, 50 + half
        pen.line(_dark(clothes, 0.1), [(left + 5, 104), (right - 12, 113)], 9)
        pen.line(dark, [(right - 5, 104), (left + 12, 113)], 9)
        pen.circle(look.skin, right - 10, 112.5, 3.8)
        pen.circle(look.skin, left + 10, 112.5, 3.8)
    elif stance == "withdrawn":  # shoulders up, arms held close
        pen.line(dark, [(50 - half + 5, top + 12), (50 - half + 9, 120)], 1.0)
        pen.line(dark, [(50 + half - 5, top + 12), (50 + half - 9, 120)], 1.0)
    else:  # open posture: the line of a cardigan
        pen.line(dark, [(50 - 8, top + 6), (50 - 6, 120)], 1.0)
        pen.line(dark, [(50 + 8, top + 6), (50 + 6, 120)], 1.0)


def draw_portrait(look: Appearance, stance: str, size, dark: bool = False) -> pygame.Surface:
    """A portrait of ``size`` (w, h) in the given stance, on a soft backdrop."""
    stance = stance if stance in POSE else "guarded"
    width, height = max(16, int(size[0])), max(16, int(size[1]))
    big = pygame.Surface((width * 2, height * 2), pygame.SRCALPHA)
    unit = min(width * 2 / 100, height * 2 / 120)
    origin = ((width * 2 - 100 * unit) / 2, (height * 2 - 120 * unit) / 2)
    pen = _Pen(big, unit, origin)
    backdrops = BACKDROPS_DARK if dark else BACKDROPS_CALM
    pen.circle(backdrops[look.backdrop], 50, 56, 44)
    tilt, (dx, dy), scale, _, _ = POSE[stance]
    _body(pen, look, stance)
    head = _head(look, stance, unit * scale * HEAD_SCALE)
    head = pygame.transform.rotozoom(head, tilt, 1.0)
    centre = pen.p(50 + dx, 46 + dy)
    big.blit(head, head.get_rect(center=centre))
    return pygame.transform.smoothscale(big, (width, height))


class PortraitCache:
    """Portraits are drawn once per (caregiver, stance, size, theme)."""

    def __init__(self):
        self._cache: dict = {}

    def get(self, caregiver_id: str, relation: str, stance: str, size, dark: bool = False) -> pygame.Surface:
        key = (caregiver_id, relation, stance, tuple(size), dark)
        image = self._cache.get(key)
        if image is None:
            if len(self._cache) > 64:
                self._cache.clear()
            image = draw_portrait(appearance(caregiver_id, relation), stance, size, dark)
            self._cache[key] = image
        return image
