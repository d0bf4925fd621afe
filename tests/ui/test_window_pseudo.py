"""Pseudo-localisation of the window (issue 15): under the pseudo-language every translated string and
every case text comes out with accented vowels, so any word drawn without them is an interface string
that skipped gettext. The tour visits every screen; the test fails on the first such word."""

from __future__ import annotations

import re

import sim.i18n as i18n
from scenario_helpers import unmarked_words
from sim.engine import find_case, open_case

from test_window_layout import SHIPPED
from window_helpers import tour

# Key caps and the program's name are drawn as they are in every language.
KEYS = {"Esc", "Enter", "Tab", "Shift", "Ctrl", "Space", "Home", "End", "PgUp", "PgDn", "Backspace", "Delete",
        "Alliance", "LRS", "xAPI", "PDF", "HTML", *(f"F{n}" for n in range(1, 13))}
# Drawn as they are, on purpose: each language's own name in the language setting; the test's learner
# ("Window tester") and its broken case's file name ("Zz broken", zz_broken.yaml); what the checker quotes
# of that file (field names, values, the allowed values) and paths cut by wrapping (.jsonl, ...yaml).
AS_WRITTEN = {"English", "Español", "Chile", "Window", "tester", "Zz", "broken", "Ana", "jsonl", "json", "son",
              "aml", "sometimes", "caregivers", "difficulty", "scenes", "introductory", "intermediate", "advanced",
              "validate", "status"}


def without_wrapped_paths(lines: list[str]) -> list[str]:
    """The drawn lines, less the rest of a path cut by wrapping: after a line that ends inside a path (the
    test's temporary folders, whose length varies from run to run), the next line's first word is that path's
    end ("...config/settings.js" then "on"), not an interface word."""
    kept, previous = [], ""
    for line in lines:
        if re.search(r"/\S*$", previous):
            kept.append(line.split(None, 1)[1] if len(line.split(None, 1)) > 1 else "")
        else:
            kept.append(line)
        previous = line
    return kept


def test_no_interface_word_reaches_the_window_unmarked(make_app, drive):
    app = make_app(size=(1280, 800))
    i18n.set_language(i18n.PSEUDO)
    try:
        d = drive(app)
        scenarios = [open_case(find_case(name))[0] for name in ("hospital_admission", "two_caregivers")]
        found = {}
        for stop in tour(d, SHIPPED):
            d.redraw()
            drawn = "\n".join(without_wrapped_paths(app.renderer.texts() if hasattr(app.renderer, "texts")
                                                     else [item.text for item in app.renderer.drawn]))
            scenario = getattr(getattr(app, "case", None), "scenario", None) or scenarios[0]
            names = {word for s in scenarios + [scenario] for c in s.caregivers for word in c.name.split()}
            missed = unmarked_words(drawn, scenario, KEYS | AS_WRITTEN | names)
            if missed:
                lines = [line for line in drawn.splitlines() if any(word in line for word in missed)]
                found[stop] = (sorted(set(missed))[:12], lines[:4])
        assert not found, "\n".join(f"{stop}: {words}" for stop, words in found.items())
    finally:
        i18n.set_language("en")
