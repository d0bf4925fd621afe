"""Every decision of every shipped case, drawn at three window and text sizes: all the choices are in sight
together with what she just said, or (where they cannot fit) they scroll as one list with a scrollbar.

Checked from what was actually drawn: the renderer records every string with its rect and whether it was
cut by a scrolled area's edge, and every scrollbar.
"""

from __future__ import annotations

import re
from pathlib import Path

import pygame
import pytest

from sim.engine.session import Session
from sim.scenario.catalogue import load_catalogue
from sim.scenario.library import scenario_files
from sim.scenario.loader import load_scenario
from sim.ui.window.case import Case
from sim.ui.window.wrap import typographic

from scene_walk import walk
from window_helpers import SCREENS

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(path.stem for path in scenario_files(ROOT / "scenarios"))
SIZES = [((800, 600), "largest", "practice"), ((1280, 800), "medium", "practice"),
         ((1920, 1080), "largest", "practice"), ((1280, 800), "medium", "facilitator")]
MUST_FIT = {((1280, 800), "medium"), ((1920, 1080), "largest")}


def words(text: str) -> list[str]:
    return re.sub(r"\s+", " ", text).split()


def drawn_words(app, role: str, inside: pygame.Rect, container=None) -> list[str]:
    """The words of the unclipped lines of ``role`` drawn wholly inside ``inside``, top to bottom."""
    lines = [t for t in app.renderer.drawn if t.role == role and not t.clipped and inside.contains(t.rect)
             and (container is None or t.container == container)]
    lines.sort(key=lambda t: (t.rect.y, t.rect.x))
    return words(" ".join(t.text for t in lines))


def choices_seen(app) -> dict[int, bool]:
    """For each choice number on the screen: were all its words drawn, unclipped, inside its area?"""
    screen = app.screen
    area = screen.choice_area.rect
    seen = {}
    for widget in screen.choice_area.widgets:
        inside = widget.shown.clip(area)
        seen[widget.number] = (area.contains(widget.shown)
                               and drawn_words(app, "body", inside, widget.shown) == words(widget.text))
    return seen


def her_words_seen(app, view) -> bool:
    if not view.text:
        return True
    area = app.screen.text_area.rect
    expected = words(f"\u201c{typographic(view.text)}\u201d" if view.speaker_name else typographic(view.text))
    return drawn_words(app, "speech", area) == expected


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT / "scenarios")


@pytest.mark.parametrize("stem", CASES)
def test_every_decision_shows_all_choices_with_her_words(make_app, catalogue, stem):
    scenario = load_scenario(ROOT / "scenarios" / f"{stem}.yaml", catalogue)
    stops, missing = walk(scenario)
    assert not missing, f"the walk never reached {sorted(missing)}"
    problems = []
    for size, text_size, mode in SIZES:
        app = make_app(size=size)
        app.settings.text_size = text_size
        app.relayout()
        shot = False
        for stop in stops:
            session = Session.replay(scenario, stop.seed, list(stop.actions))
            app.case = Case(session, mode, scenario.path)
            app.route()
            app.dirty = True
            app.step()
            screen, view = app.screen, session.view()
            where = f"{stem} {stop.scene_id} after {len(stop.actions)} actions at {size} {text_size} in {mode}"
            assert screen.name == "play", where
            assert not any(w.name.startswith("page") for w in screen.widgets), f"{where}: pages"
            if not shot and len(view.choices) >= 4:
                app.screenshot(SCREENS / f"choices-{stem}-{size[0]}x{size[1]}-{text_size}-{mode}.png")
                shot = True
            seen = choices_seen(app)
            assert sorted(seen) == [c.number for c in view.choices], where
            bars = {bar.name for bar in app.renderer.scrollbars}
            if all(seen.values()):
                if not her_words_seen(app, view):
                    problems.append(f"{where}: her words are not all in sight with the choices")
                if size == (1920, 1080):
                    assert screen.two_columns, f"{where}: the wide window does not use its width"
            elif (size, text_size) in MUST_FIT:
                hidden = [n for n, ok in seen.items() if not ok]
                problems.append(f"{where}: choices {hidden} are not in sight")
            else:
                # they scroll as one list: a scrollbar and a line say so, and scrolling shows every one
                area = screen.choice_area
                assert area.name in bars, f"{where}: choices out of sight and no scrollbar"
                assert any("More choices below" in t for t in app.renderer.drawn_strings), where
                assert her_words_seen(app, view) or area.span("words")[0] - area.rect.y == area.scroll, where
                ever = dict(seen)
                for widget in area.widgets:  # as the Down key brings each into sight
                    area.show_widget(widget)
                    app.dirty = True
                    app.step()
                    ever = {n: ok or ever[n] for n, ok in choices_seen(app).items()}
                assert all(ever.values()), (f"{where}: choices {ever} are never all in sight "
                                            f"({area.rect}: {[w.rect.height for w in area.widgets]})")
        app.case = None
        pygame.display.quit()
    assert not problems, "\n".join(problems[:20]) + f"\n({len(problems)} in all)"


def smallest(make_app, drive, catalogue):
    """The first decision of aunt_in_law at 800x600 with the largest text, where the choices scroll."""
    d = drive(make_app(size=(800, 600)))
    d.app.settings.text_size = "largest"
    d.app.relayout()
    d.app.start_case(load_scenario(ROOT / "scenarios" / "aunt_in_law.yaml", catalogue), "practice")
    return d.step()


def test_number_keys_pick_any_choice_even_one_scrolled_out_of_sight(make_app, drive, catalogue):
    from window_helpers import NUMBER

    d = smallest(make_app, drive, catalogue)
    screen, view = d.app.screen, d.app.case.view()
    last = view.choices[-1]
    widget = screen.find(f"choice:{last.number}")
    assert not screen.choice_area.rect.contains(widget.shown), "the last choice should start out of sight here"
    d.key(NUMBER[last.number])
    assert d.app.case.session.decisions[-1].choice_id == last.id


def test_the_wheel_scrolls_the_words_and_the_choices(make_app, drive, catalogue):
    d = smallest(make_app, drive, catalogue)
    area = d.app.screen.text_area
    before = area.scroll
    pygame.mouse.set_pos(area.rect.center)
    d.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0))
    assert d.app.screen.text_area.scroll > before
    d.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0))
    assert d.app.screen.text_area.scroll == before
