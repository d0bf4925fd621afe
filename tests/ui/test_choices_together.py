"""A learner never sees the first choice without the others: choices stay on one page when they fit."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_choices_are_never_split_across_pages(make_app, size):
    app = make_app(size=size, directory=ROOT / "scenarios")
    app.open_scenario("grandmother_voluntary", "practice")
    app.step()
    screen = app.screen
    choices = [item.widget for item in screen.flow.items
               if item.widget is not None and item.widget.name.startswith("choice:")]
    assert len(choices) >= 3
    pages = {screen.flow.page_of(widget) for widget in choices}
    assert len(pages) == 1
