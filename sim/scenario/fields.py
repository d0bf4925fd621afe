"""Typed field access over line-aware YAML mappings, reporting every problem it meets."""

from __future__ import annotations

import difflib
import re

from sim.errors import ConditionError
from sim.scenario.conditions import Condition
from sim.scenario.model import Text
from sim.scenario.problems import ProblemList
from sim.scenario.yamlsource import LineList, LineMap, is_refused
from sim.i18n import _

IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*\Z")  # \Z: "$" would let a trailing newline through
LANGUAGE = re.compile(r"^[a-z]{2}(-[A-Za-z]{2})?$")


def type_name(value) -> str:
    """The kind of a value, in words for a message ("found {kind}")."""
    if value is None:
        return _("nothing")
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return type(value).__name__


def suggest(word: str, options) -> str:
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1, cutoff=0.6)
    return _("did you mean '{name}'?").format(name=close[0]) if close else ""


class Fields:
    """Reads one mapping of a scenario file; every problem goes to ``problems``.

    ``homes`` maps a field name to where it belongs ("a choice"), so that a field written at the
    wrong level (usually an indentation slip) gets that hint rather than a lookalike's.
    """

    homes: dict[str, str] = {}

    def __init__(self, problems: ProblemList, mapping, path: str, allowed, required=(), line: int = 0):
        self.problems = problems
        self.path = path
        self.ok = isinstance(mapping, dict)
        self.mapping = mapping if self.ok else LineMap()
        self.line = getattr(mapping, "line", line) or line
        self.refused = getattr(self.mapping, "refused", ())  # what absent() looks in, for every field asked about
        if not self.ok:
            problems.error(line or None, path, _("expected a mapping of fields, found {kind}").format(kind=type_name(mapping)))
            return
        unknown = self.mapping.keys() - allowed  # one set operation; usually empty
        for key in self.mapping if unknown else ():
            if key in unknown:
                if key in self.homes:
                    hint = _("'{key}' is a field of {home}: check its indentation").format(key=key, home=_(self.homes[key]))
                else:
                    hint = suggest(key, allowed) or _("allowed fields: {names}").format(names=", ".join(sorted(allowed)))
                problems.error(self.line_of(key), self.field(key), _("unknown field '{key}'").format(key=key), hint)
        for key in required:
            if key not in self.mapping:  # a refused value is there: it was reported as what it is
                problems.error(self.line or None, self.path, _("missing required field '{key}'").format(key=key))

    def field(self, key) -> str:
        return f"{self.path}.{key}" if self.path else str(key)

    def line_of(self, key) -> int | None:
        if isinstance(self.mapping, LineMap):
            return self.mapping.line_of(key) or None
        return self.line or None

    def has(self, key) -> bool:
        return key in self.mapping

    def absent(self, key) -> bool:
        """Not there, or refused while reading (a number out of range...): reported once, read as absent."""
        return key not in self.mapping or key in self.refused  # is_refused inlined: this runs for every field

    def raw(self, key, default=None):
        return self.mapping.get(key, default)

    def error(self, key, message: str, hint: str = "") -> None:
        self.problems.error(self.line_of(key), self.field(key), message, hint)

    def warning(self, key, message: str, hint: str = "") -> None:
        self.problems.warning(self.line_of(key), self.field(key), message, hint)

    # -- typed getters: each returns ``default`` when the field is absent or wrong --

    def identifier(self, key, default=None):
        value = self.mapping.get(key, default)
        if self.absent(key):
            return default
        if not isinstance(value, str) or not IDENTIFIER.match(value):
            self.error(key, _("expected an identifier (lower-case letters, digits, '_'), found {value}").format(value=repr(value)))
            return default
        return value

    def string(self, key, default=None):
        if self.absent(key):
            return default
        value = self.mapping[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(key, _("expected text, found {kind}").format(kind=type_name(value)))
            return default
        return str(value)

    def boolean(self, key, default=None):
        if self.absent(key):
            return default
        value = self.mapping[key]
        if not isinstance(value, bool):
            self.error(key, _("expected true or false, found {value}").format(value=repr(value)))
            return default
        return value

    def number(self, key, low=None, high=None, default=None, integer=False):
        if self.absent(key):
            return default
        return check_number(self.problems, self.line_of(key), self.field(key), self.mapping[key],
                            low, high, default, integer)

    def one_of(self, key, options, default=None):
        if self.absent(key):
            return default
        value = self.mapping[key]
        if value not in options:
            hint = suggest(value, options) or _("one of: {names}").format(names=", ".join(options))
            self.error(key, _("{value} is not allowed here").format(value=repr(value)), hint)
            return default
        return value

    def text(self, key, default=None):
        if self.absent(key):
            return default
        return read_text(self.problems, self.mapping[key], self.line_of(key), self.field(key))

    def sequence(self, key) -> LineList:
        if self.absent(key) or self.mapping[key] is None:
            return LineList()
        value = self.mapping[key]
        if not isinstance(value, list):
            self.error(key, _("expected a list, found {kind}").format(kind=type_name(value)), _("start each item with '- '"))
            return LineList()
        return value

    def submapping(self, key) -> LineMap:
        if self.absent(key) or self.mapping[key] is None:
            return LineMap()
        value = self.mapping[key]
        if not isinstance(value, dict):
            self.error(key, _("expected a mapping, found {kind}").format(kind=type_name(value)))
            return LineMap()
        return value

    def nested(self, key, reader, *args):
        """``reader(problems, value, line, field, *args)`` for a field that is present, else an empty mapping."""
        if self.absent(key) or self.mapping[key] is None:
            return {}
        return reader(self.problems, self.mapping[key], self.line_of(key), self.field(key), *args)

    def condition(self, key, default=None):
        if self.absent(key):
            return default
        return read_condition(self.problems, self.mapping[key], self.line_of(key), self.field(key))

    def identifiers(self, key) -> tuple[str, ...]:
        if self.absent(key):
            return ()
        items = self.sequence(key)
        found = []
        for i, item in enumerate(items):
            line = items.line_of(i) if isinstance(items, LineList) else self.line_of(key)
            if is_refused(items, i):
                continue
            if not isinstance(item, str) or not IDENTIFIER.match(item):
                self.problems.error(line, f"{self.field(key)}[{i}]", _("expected an identifier, found {value}").format(value=repr(item)))
            else:
                found.append(item)
        return tuple(found)


def check_number(problems, line, field, value, low=None, high=None, default=None, integer=False):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.error(line, field, _("expected a number, found {kind} ({value})").format(kind=type_name(value), value=repr(value)))
        return default
    if integer and not isinstance(value, int):
        problems.error(line, field, _("expected a whole number, found {value}").format(value=repr(value)))
        return default
    if value != value or value in (float("inf"), float("-inf")):
        problems.error(line, field, _("expected a finite number"))
        return default
    if (low is not None and value < low) or (high is not None and value > high):
        problems.error(line, field, _("{value} is out of range").format(value=value),
                       _("use a value from {low} to {high}").format(low=low, high=high))
        return default
    return value


_LANGUAGE_CODES: set[str] = set()  # the language codes met so far that LANGUAGE matched (a few, read often)


def _language_code(language) -> bool:
    if not LANGUAGE.match(str(language)):
        return False
    if isinstance(language, str):
        _LANGUAGE_CODES.add(language)
    return True


def read_text(problems: ProblemList, value, line, field) -> Text | None:
    """Language-keyed text: a mapping of language code to a non-empty string, 'en' required."""
    if isinstance(value, str):
        problems.error(line, field, _("text must be keyed by language"),
                       _("write it as {example}").format(example=f"{{en: {value[:30]!r}}}"))
        return None
    if not isinstance(value, dict):
        problems.error(line, field, _("expected language-keyed text, found {kind}").format(kind=type_name(value)))
        return None
    text = Text()
    refused = getattr(value, "refused", ())
    for language, words in value.items():
        if language not in _LANGUAGE_CODES and not _language_code(language):
            where = value.line_of(language) if isinstance(value, LineMap) else line
            problems.error(where, f"{field}.{language}", _("'{language}' is not a language code").format(language=language),
                           _("use en, es, ..."))
            continue
        if language in refused:  # refused while reading: reported once already
            continue
        words = words.strip() if isinstance(words, str) else ""
        if not words:
            where = value.line_of(language) if isinstance(value, LineMap) else line
            problems.error(where, f"{field}.{language}", _("expected non-empty text"))
            continue
        text[language] = words
    if "en" not in value:
        problems.error(line, field, _("English text ('en') is required"))
        return None
    return text if "en" in text else None


def read_condition(problems: ProblemList, value, line, field) -> Condition | None:
    if isinstance(value, bool):
        value = "true" if value else "false"
    if not isinstance(value, str):
        problems.error(line, field, _("expected a condition (text), found {kind}").format(kind=type_name(value)))
        return None
    try:
        return Condition.parse(value)
    except ConditionError as exc:
        problems.error(line, field, _("bad condition {condition}: {reason}").format(condition=repr(value), reason=exc),
                       _("conditions use names, numbers, 'text', comparisons, and/or/not"))
        return None
