"""Text made safe for the terminal and the window: no escape sequence reaches the learner's terminal raw,
and no character crashes the window's font renderer."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from sim.engine.session import Session
from sim.ui.terminal.frontend import TextFrontEnd
from sim.ui.terminal.safe_text import terminal_safe

ATTACKS = {
    "screen clear": "before\x1b[2J\x1b[Hafter",
    "title change (OSC 0, BEL)": "before\x1b]0;you have been owned\x07after",
    "clipboard write (OSC 52, ST)": "before\x1b]52;c;ZWNobyBvd25lZA==\x1b\\after",
    "8-bit CSI": "before\x9b2Jafter",
    "8-bit OSC": "before\x9d0;title\x9cafter",
    "DCS": "before\x1bPq#0;2;0;0;0\x1b\\after",
    "lone ESC": "before\x1bcafter",
    "NUL and bell": "before\x00\x07after",
    "bidirectional override": "before\u202eafter",
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_escape_sequences_and_controls_are_removed(name):
    safe = terminal_safe(ATTACKS[name])
    assert safe == "beforeafter"


def test_ordinary_text_is_left_alone():
    text = "Ana says: \u201cI don't know\u201d \u2014 caf\u00e9, \u00fc, \u4f60\u597d, \U0001f642\n\tnext line"
    assert terminal_safe(text) == text


def test_the_front_end_prints_nothing_raw(tmp_path, tiny):
    out = io.StringIO()
    front = TextFrontEnd(Session(tiny, 0), tmp_path / "s.json", read=lambda p: "q", out=out)
    for text in ATTACKS.values():
        front.say(text)
        front.verbatim(text)
    printed = out.getvalue()
    assert "\x1b" not in printed and not any(0x80 <= ord(c) <= 0x9f for c in printed)
    assert printed.count("beforeafter") == 2 * len(ATTACKS)


def test_an_escape_in_a_case_name_is_not_echoed_raw(tmp_path):
    done = subprocess.run([sys.executable, "-m", "sim", "play", "--text", "no_such\x1b]0;owned\x07case"],
                          capture_output=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 2 and b"\x1b" not in done.stderr and b"internal error" not in done.stderr


def test_a_terminal_that_is_not_utf8_does_not_crash_the_front_end(tmp_path):
    env = {"PYTHONIOENCODING": "ascii", "ALLIANCE_HOME": str(tmp_path / "h"), "ALLIANCE_CONFIG_HOME": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "sim", "play", "--text", "--learner", "Zo\u00eb", "--seed", "1",
                           "hospital_admission"], input=b"q\n", capture_output=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert b"internal error" not in done.stderr and b"Saved" in done.stdout


@pytest.mark.parametrize("text", ["a\x00b", "\ud800 lone surrogate", "\x1b[2J", "\U0001f642", "\u202e", "x" * 5000])
def test_the_window_draws_any_character(text):
    import pygame

    from sim.ui.window.render import Renderer
    from sim.ui.window.theme import metrics_for, palette_for

    pygame.display.init()
    pygame.font.init()
    renderer = Renderer(palette_for("calm"), metrics_for("medium"))
    renderer.begin(pygame.Surface((800, 600)))
    for line in renderer.wrap(text, "body", 600):
        renderer.text(line, (10, 10))
    assert renderer.measure(text) >= 0


def test_wrapping_is_linear_in_the_length_of_a_word():
    from sim.ui.window.wrap import wrap_text

    calls = []

    def measure(text):
        calls.append(len(text))
        return 8 * len(text)

    for length in (10_000, 100_000):
        calls.clear()
        lines = wrap_text("x" * length, 800, measure)
        assert "".join(lines) == "x" * length and all(8 * len(line) <= 800 for line in lines)
        work = sum(calls)
        assert work < 40 * length, (length, work)  # characters measured: a bounded multiple of the text
