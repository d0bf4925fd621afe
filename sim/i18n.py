"""The interface's language: which languages there are, and which one is in use.

The learner-facing words of a case are language-keyed in the case file itself
(docs/scenario-format.md); the interface's own words go through gettext, with
catalogues made by Babel (docs/translation.md). This module sits beside
``sim.errors`` at the bottom of the layers, so every layer may translate.
"""
from __future__ import annotations

LANGUAGES = ("en", "es")  # en is the source language; es is Chilean Spanish (es-CL)
LANGUAGE_NAMES = {"en": "English", "es": "Español (Chile)"}
