"""Every screen, at the smallest and largest window and text sizes, in both themes: nothing outside the
window, no two controls on top of each other, no text outside its box or over other text. Screenshots of
each stop go to test-output/screens/ for a person to look at."""

from __future__ import annotations

import pygame
import pytest

from sim.scenario.catalogue import default_scenario_dir
from sim.ui.window.case_list import check_entry

from window_helpers import SCREENS
from window_helpers import tour


def shipped_entries():
    entries = []
    for stem in ("hospital_admission", "two_caregivers"):
        path = default_scenario_dir() / f"{stem}.yaml"
        if path.exists():
            entry = check_entry(path)
            if entry.ok:
                entries.append((f"play-{stem}", entry))
    return entries


SHIPPED = shipped_entries()


def layout_problems(app) -> list[str]:
    width, height = app.size
    window = pygame.Rect(0, 0, width, height)
    screen = app.screen
    problems = []
    shown = []
    for widget in screen.widgets:
        rect = widget.shown
        viewport = screen.viewport_of(widget)
        if widget.scrolls and not rect.colliderect(viewport):
            continue
        if widget.scrolls and not viewport.contains(rect):
            if rect.left < 0 or rect.right > width:
                problems.append(f"{widget.name} {rect} sticks out sideways")
            rect = rect.clip(viewport)  # only the part in the scrolled view can be seen or clicked
        elif not window.contains(rect):
            problems.append(f"{widget.name} {rect} is outside the window {window.size}")
        if rect.width <= 0 or rect.height <= 0:
            problems.append(f"{widget.name} has no size")
        shown.append((widget, rect))
    for i, (a, ra) in enumerate(shown):
        for b, rb in shown[i + 1:]:
            if ra.colliderect(rb):
                problems.append(f"{a.name} {ra} overlaps {b.name} {rb}")
    texts = app.renderer.drawn
    for item in texts:
        rect = item.rect
        if rect.left < 0 or rect.right > width:
            problems.append(f"text {item.text!r} {rect} is cut off at the side")
        if not item.clipped and not window.contains(rect):
            problems.append(f"text {item.text!r} {rect} is outside the window")
        if item.container is not None:
            box = item.container.inflate(2, 2)
            if rect.left < box.left or rect.right > box.right:
                problems.append(f"text {item.text!r} {rect} is wider than its box {item.container}")
            if not item.clipped and (rect.top < box.top or rect.bottom > box.bottom):
                problems.append(f"text {item.text!r} {rect} spills out of its box {item.container}")
    solid = [t for t in texts if not t.clipped]
    for i, a in enumerate(solid):
        inner = a.rect.inflate(-2, -2)
        for b in solid[i + 1:]:
            if inner.colliderect(b.rect.inflate(-2, -2)):
                problems.append(f"text {a.text!r} {a.rect} overlaps {b.text!r} {b.rect}")
    return problems


COMBOS = [
    ((1280, 800), "small", "calm"),
    ((1280, 800), "largest", "calm"),
    ((1280, 800), "small", "contrast"),
    ((1280, 800), "largest", "contrast"),
    ((800, 600), "small", "calm"),
    ((800, 600), "largest", "contrast"),
    ((1920, 1080), "small", "contrast"),
    ((1920, 1080), "largest", "calm"),
]


@pytest.mark.parametrize("size,text_size,theme", COMBOS, ids=[f"{s[0]}x{s[1]}-{t}-{th}" for s, t, th in COMBOS])
def test_every_screen_fits(make_app, drive, size, text_size, theme):
    app = make_app(size=size)
    app.settings.text_size, app.settings.theme = text_size, theme
    app.apply_settings()
    assert_tour_fits(app, drive(app), SCREENS / f"{theme}-{text_size}-{size[0]}x{size[1]}")


def assert_tour_fits(app, d, folder) -> None:
    """Every stop of the tour laid out cleanly, with a screenshot of each in ``folder``."""
    found = {}
    for stop in tour(d, SHIPPED):
        d.redraw()
        problems = layout_problems(app)
        if problems:
            found[stop] = problems[:6]
        app.screenshot(folder / f"{stop}.png")
    assert not found, "\n".join(f"{stop}: {p}" for stop, ps in found.items() for p in ps)


def test_the_layout_reflows_on_resize(make_app, drive):
    d = drive(make_app(size=(1280, 800)))
    d.click("new_case").click("case:tiny_example")
    play = d.app.screen
    wide = play.find("choice:1").rect.width
    for size in ((800, 600), (1920, 1080), (1000, 700)):
        d.resize(size)
        assert d.app.screen is play and d.app.size == size
        assert not layout_problems(d.app), layout_problems(d.app)
    d.resize((800, 600))
    assert play.find("choice:1").rect.width != wide
    assert not play.wide or play.main.right <= 800
    assert d.app.settings.window == [800, 600]


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)], ids=["800x600", "1280x800"])
def test_every_screen_fits_in_spanish_at_the_largest_text(make_app, drive, size):
    """Spanish runs about a quarter longer than English: every screen of the tour still fits (issue 15)."""
    import sim.i18n

    try:
        app = make_app(size=size)
        app.settings.text_size, app.settings.theme, app.settings.language = "largest", "calm", "es"
        app.settings.apply_language()
        app.apply_settings()
        assert_tour_fits(app, drive(app), SCREENS / f"es-calm-largest-{size[0]}x{size[1]}")
    finally:
        sim.i18n.set_language("en")
