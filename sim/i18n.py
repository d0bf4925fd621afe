"""The interface's language: which languages there are, which one is in use, and its words.

The learner-facing words of a case are language-keyed in the case file itself
(docs/scenario-format.md); the interface's own words go through gettext, with
the catalogues made by Babel (docs/translation.md, "The interface catalogue").
This module sits beside ``sim.errors`` at the bottom of the layers, so every
layer may translate.

The program reads the ``.po`` files themselves (``sim/locale/LANG/LC_MESSAGES/alliance.po``): Babel
reads a catalogue and writes it as a compiled ``.mo`` in memory the first time a language is used,
and the standard ``gettext.GNUTranslations`` serves it, plural forms included. So there is no build
step: an editable install, a wheel and a PyInstaller app all read the same file the translators edit,
and a compiled ``.mo`` can never be out of date with its ``.po``.

Words are looked up when they are shown, never when a module is imported, so that the window can
change language at once: a module-level constant is marked with ``N_`` and passed through ``_`` where
it is drawn or printed.

A pseudo-language (``pseudo``, never offered to users) marks every translated string by giving its
vowels accents (docs/translation.md, "Checks"), and the case's own texts alike, so a test can see
any interface word that reaches the screen without going through gettext.
"""
from __future__ import annotations

import gettext as _gettext
import io
import os
import re
import threading
from pathlib import Path

LANGUAGES = ("en", "es")  # en is the source language; es is Chilean Spanish (es-CL)
LANGUAGE_NAMES = {"en": "English", "es": "Español (Chile)"}
PSEUDO = "pseudo"
DOMAIN = "alliance"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

_lock = threading.Lock()
_loaded: dict[str, _gettext.NullTranslations] = {}
_state = {"language": "en"}


def normalise(code: str | None) -> str | None:
    """'es', 'es_CL.UTF-8', 'es-CL' -> 'es'; None for a language this program does not have."""
    if not code:
        return None
    base = re.split(r"[-_.@]", code.strip().lower(), maxsplit=1)[0]
    if base == PSEUDO:
        return PSEUDO
    return base if base in LANGUAGES else None


def system_language(environ=None) -> str:
    """The language the system locale asks for (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext reads
    them), or English when it asks for none this program has."""
    environ = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if not value:
            continue
        for part in value.split(":"):  # LANGUAGE may be a list: es_CL:es:en
            found = normalise(part)
            if found and found != PSEUDO:
                return found
        if value not in ("C", "POSIX") and not value.startswith(("C.", "POSIX.")):
            return "en"  # the first variable set decides, as for gettext
    return "en"


class _Pseudo(_gettext.NullTranslations):
    def gettext(self, message):
        return pseudo(message)

    def ngettext(self, singular, plural, n):
        return pseudo(singular if n == 1 else plural)

    def pgettext(self, context, message):
        return pseudo(message)


_PSEUDO_MAP = str.maketrans("aeiouyAEIOUYnNcC", "áéíóúýÁÉÍÓÚÝñÑçÇ")
_BRACED = re.compile(r"(\{[^{}]*\}|%\([a-z_]+\)[sd]|%[sd]|<[^<>]*>|&[a-z]+;)")


def pseudo(text: str) -> str:
    """``text`` with its vowels accented (placeholders, markup and entities kept): what the pseudo-language
    shows, so that an unmarked English word on the screen stands out."""
    parts = _BRACED.split(text)
    return "".join(p if i % 2 else p.translate(_PSEUDO_MAP) for i, p in enumerate(parts))


def is_pseudo_marked(word: str) -> bool:
    """Whether a word has been through ``pseudo``: it has a letter the pseudo-language writes, and no
    plain letter that it would have changed."""
    return any(c in "áéíóúýÁÉÍÓÚÝñÑçÇ" for c in word) and not any(c in "aeiouyAEIOUYnNcC" for c in word)


def _load(language: str) -> _gettext.NullTranslations:
    if language == PSEUDO:
        return _Pseudo()
    if language == "en":
        return _gettext.NullTranslations()
    with _lock:
        if language not in _loaded:
            _loaded[language] = _compile(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po")
        return _loaded[language]


def _compile(po_path: Path) -> _gettext.NullTranslations:
    """The catalogue at ``po_path``, compiled in memory by Babel; English words where it is missing."""
    try:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po
    except ImportError:  # Babel is a dependency; without it, the interface stays in English
        return _gettext.NullTranslations()
    try:
        with open(po_path, "rb") as f:
            catalog = read_po(f)
    except Exception:  # missing, unreadable or damaged: the interface stays in English rather than failing
        return _gettext.NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def set_language(code: str | None) -> str:
    """Use ``code`` for the interface from now on (a code this program does not have gives English);
    returns the language in use."""
    found = normalise(code) or "en"
    _load(found)
    _state["language"] = found
    return found


def language() -> str:
    """The interface's language now: 'en', 'es' (or 'pseudo' in the pseudo-localisation test)."""
    return _state["language"]


def content_language() -> str:
    """The language to read a case's texts in: the interface's language."""
    return _state["language"]


def _(message: str) -> str:
    """``message`` in the interface's language."""
    return _load(_state["language"]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of ``singular``/``plural`` for ``n``, by the language's own plural rule."""
    return _load(_state["language"]).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the interface's language, told apart from the same English in another ``context``."""
    return _load(_state["language"]).pgettext(context, message)


def N_(message: str) -> str:
    """Marks a string for the catalogue without translating it (translate it with ``_`` where it is shown)."""
    return message
