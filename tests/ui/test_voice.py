"""Reading aloud (V, or the setting): the scene, her words and the choices go to espeak-ng; where it is
not installed the window says so. The synthesiser is run for real, writing to a file."""

from __future__ import annotations

import os
import shutil
import wave

import pygame
import pytest

from sim.ui.window.voice import MISSING, Voice

from window_helpers import choose

ESPEAK = shutil.which("espeak-ng")
needs_espeak = pytest.mark.skipif(not ESPEAK and os.environ.get("CI") != "true",
                                  reason="espeak-ng is not installed (CI installs it)")


@needs_espeak
def test_espeak_ng_speaks_what_it_is_sent(tmp_path):
    voice = Voice(wav_dir=tmp_path)
    assert voice.available, "espeak-ng must be installed (apt-get install -y espeak-ng)"
    assert voice.say("What do you say or do?")
    voice.wait()
    with wave.open(str(voice.files[0])) as sound:
        assert sound.getnframes() > sound.getframerate() // 4  # at least a quarter of a second of speech
    assert voice.sent == ["What do you say or do?"]


@needs_espeak
def test_v_reads_the_scene_her_words_and_the_choices(make_app, drive, tmp_path):
    d = drive(make_app())
    d.app.voice = Voice(wav_dir=tmp_path)
    d.click("new_case").click("case:tiny_example")
    view = d.app.case.view()
    d.key(pygame.K_v)
    assert d.app.settings.self_voicing
    assert any("Reading aloud is on" in t for t in d.drawn)
    said = d.app.voice.sent[-1]
    assert " ".join(view.text.split()) in said and view.speaker_name in said
    for choice in view.choices:
        assert f"{choice.number}. {' '.join(choice.text.split())}" in said
    d.key(pygame.K_DOWN)  # the keyboard moves: the choice it reaches is read
    focus = d.app.screen.focus
    assert d.app.voice.sent[-1] == f"{focus.number}. {' '.join(focus.text.split())}"
    choose(d, 1)  # a new screen is read as it opens
    assert d.app.voice.sent[-1] == " ".join(d.app.screen.speech().split())
    d.app.voice.wait()  # each new utterance stops the one before; the last one is said in full
    assert d.app.voice.files[-1].stat().st_size > 1000
    d.key(pygame.K_v)
    assert not d.app.settings.self_voicing and any("Reading aloud is off" in t for t in d.drawn)


def test_without_espeak_ng_the_window_says_so(make_app, drive):
    d = drive(make_app())
    d.app.voice = Voice(command="")
    d.click("new_case").click("case:tiny_example")
    d.key(pygame.K_v)
    assert not d.app.settings.self_voicing
    assert MISSING in " ".join(d.drawn) or any("espeak-ng" in t for t in d.drawn)
    assert d.app.voice.sent == []
    d.app.go_settings()
    d.step()
    assert any("not installed" in t for t in d.drawn)


def test_v_is_a_letter_while_typing_a_name(make_app, drive):
    from sim.records.profile import config_dir

    (config_dir() / "settings.json").unlink()  # nobody has said who is playing yet
    d = drive(make_app())
    d.app.voice = Voice(command="")
    d.click("new_case")
    assert d.screen == "learner"
    d.key(pygame.K_v)
    d.post(pygame.event.Event(pygame.TEXTINPUT, text="V"))
    assert d.app.screen.field.value == "V" and not any("espeak-ng" in t for t in d.drawn)


@needs_espeak
def test_the_voice_speaks_the_interface_language(tmp_path):
    from sim.i18n import set_language

    voice = Voice(wav_dir=tmp_path)
    assert voice.voice == "en"
    try:
        set_language("es")
        assert voice.voice == "es-419"  # espeak-ng's Latin American Spanish, the nearest to Chile's
        assert voice.say("¿Qué le dice o qué hace?")
        voice.wait()
        assert voice.files[0].stat().st_size > 1000
    finally:
        set_language("en")
    assert Voice(language="es").voice == "es-419"
