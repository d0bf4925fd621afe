"""Read YAML into plain Python values that remember their line numbers.

Only the safe subset is used: PyYAML's safe parser turns the text into
events, and the events are turned into dicts, lists and scalars here, with
the same implicit typing as ``yaml.safe_load`` (no tag can construct a Python
object: any tag outside the basic ones is an error). Mappings and lists
remember the line of each entry, so every later error can name file and line.
"""

from __future__ import annotations

import math
import re

import yaml
from yaml.constructor import SafeConstructor

from sim.scenario.problems import ProblemList
from sim.i18n import _

# libyaml's safe loader when PyYAML was built with it (ten times faster), else the pure-Python one.
# Either only composes nodes here: no Python object is ever constructed from tags.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
try:
    from yaml._yaml import CParser as _CPARSER
except ImportError:  # PyYAML built without libyaml
    _CPARSER = None

# A document whose aliases expand to more than this many nodes is refused: it is
# either a mistake or an attack ("billion laughs"), never a real scenario.
MAX_EXPANDED_NODES = 2_000_000


class LineMap(dict):
    """A mapping that knows its own line and the line of each key.

    ``refused`` holds the keys whose value was refused while reading (a number out of range, a tag that is
    not allowed, an unknown alias): the value is None and the problem is already reported, once, so a
    reader of the field says nothing more about it (``is_refused``)."""

    # Slots, not an instance dict: a large case makes hundreds of thousands of these (``_build`` sets all
    # three on each; ``_unset`` gives the defaults to one made anywhere else).
    __slots__ = ("line", "lines", "refused")

    def __getattr__(self, name):
        return _unset(self, name, {})

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    """A list that knows its own line and the line of each item (and, in ``refused``, the indexes of the
    items refused while reading, as ``LineMap`` does)."""

    __slots__ = ("line", "lines", "refused")

    def __getattr__(self, name):
        return _unset(self, name, [])

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.lines):
            return self.lines[index]
        return self.line


def _unset(container, name: str, lines):
    """The default of a line-marked container's slot never set: line 0, no lines, nothing refused."""
    if name == "line":
        return 0
    if name == "lines":
        return lines
    if name == "refused":
        return frozenset()
    raise AttributeError(f"{type(container).__name__!r} object has no attribute {name!r}")


def line_of(container, key, default: int | None = None) -> int | None:
    """The line of ``container[key]`` when the container remembers it."""
    if isinstance(container, (LineMap, LineList)):
        return container.line_of(key)
    return default


def is_refused(container, key) -> bool:
    """Whether ``container[key]`` was refused while reading: already reported, so say nothing more of it."""
    return key in getattr(container, "refused", ())


def _mark_refused(container, key) -> None:
    if not isinstance(container.refused, set):
        container.refused = set()
    container.refused.add(key)


_NOTHING: frozenset = frozenset()  # a container's ``refused`` until one of its values is
_NO_KEY = object()
_BAD_KEY = object()
_REFUSED = object()  # what _scalar gives for a value it refused (and reported): stored as None, marked refused
_RESOLVERS = yaml.SafeLoader.yaml_implicit_resolvers
_CONSTRUCTOR = SafeConstructor()
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
MAX_NUMBER = 1e12  # far beyond any alliance, trust or counter; keeps every sum finite and exact
# NUL and the other C0 controls but tab and newline, DEL, C1: never meant in a scenario's text (the window's
# font renderer stops at NUL, a terminal obeys escape sequences).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_SAFE_TAGS = {_STR, _NULL, _BOOL, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
              "tag:yaml.org,2002:timestamp"}


def _scalar(event, problems: ProblemList, line: int):
    """The value of a scalar event under YAML 1.1 safe rules (as yaml.safe_load would give)."""
    value = event.value
    tag = event.tag
    if tag is None or tag == "!":
        if event.implicit[0]:  # a plain scalar with no tag: resolve implicitly
            tag = _STR
            for candidate, regexp in _RESOLVERS.get(value[:1] if value else "", ()):
                if regexp.match(value):
                    tag = candidate
                    break
        else:
            tag = _STR
    if tag == _STR or tag == "tag:yaml.org,2002:merge":
        return value  # a merge key ('<<') is refused where keys are read
    if tag not in _SAFE_TAGS:
        problems.error(line, "", _("the tag {tag} is not allowed").format(tag=repr(tag)),
                       _("scenario files use plain values only"))
        return _REFUSED
    if tag == "tag:yaml.org,2002:timestamp":
        return value  # dates stay text: nothing in a scenario is a date
    shown = value if len(value) <= 40 else value[:40] + "..."
    if tag in (_INT, _FLOAT) and len(value) > 40:
        problems.error(line, "", _("the number {value} is out of range").format(value=repr(shown)),
                       _("numbers here are at most {limit}").format(limit=f"{MAX_NUMBER:g}"))
        return _REFUSED
    try:
        result = _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, value), deep=True)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        problems.error(line, "", _("cannot read the value {value}: {reason}").format(value=repr(shown), reason=str(exc)[:200]))
        return _REFUSED
    if (isinstance(result, (int, float)) and not isinstance(result, bool)
            and not (math.isfinite(result) and abs(result) <= MAX_NUMBER)):
        problems.error(line, "", _("the number {value} is out of range").format(value=repr(shown)),
                       _("numbers in a scenario are finite and at most {limit} either way").format(
                           limit=f"{MAX_NUMBER:g}"))
        return _REFUSED
    return result


def _clean_text(value: str, problems: ProblemList, line: int) -> str:
    """Text with no control character: one found is a problem at ``line`` (and is removed from the value)."""
    found = _CONTROL.search(value)
    if found is None:
        return value
    problems.error(line, "", _("the text holds a control character ({code})").format(code=f"U+{ord(found.group(0)):04X}"),
                   _("remove it; text may hold tabs and line breaks, nothing else invisible"))
    return _CONTROL.sub("", value)


def _build(events, problems: ProblemList, text: str | None = None):
    """Values from a stream of parser events (faster than composing nodes, and marks stay available).

    ``text``, when given, is the text the events come from: if it holds no control character, only
    double-quoted scalars (whose escapes can make one) are searched for them."""
    # The container being read is kept in locals (the enclosing ones on ``stack``): this loop runs for
    # every event of the file. ``nodes`` counts the values read, aliases as if written out, so that the
    # size of an anchored container is ``nodes`` at its end less ``nodes`` at its start.
    stack: list[tuple] = []
    anchors: dict[str, tuple[object, int]] = {}
    root = _NO_KEY
    documents = 0
    aliased = 0
    nodes = 0
    container = lines = anchor = None
    is_map = refused_frame = False
    key = _NO_KEY
    key_line = start = 0
    plain: dict[str, object] = {}  # a plain scalar's text -> its value, resolved once per document
    scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    control = _CONTROL.search
    every_scalar = text is None or control(text) is not None  # else only escapes can make a control character
    resolvable = set(_RESOLVERS)  # first characters ("" included) that may make a plain scalar a number, bool, null
    for event in events:
        kind = type(event)
        if kind is scalar_event:
            line = event.start_mark.line + 1
            raw = event.value
            tag = event.tag
            if tag is None and event.implicit[0]:  # plain, no tag: resolved implicitly, once per text
                value = plain.get(raw, _NO_KEY)
                if value is _NO_KEY:
                    value = _scalar(event, problems, line) if raw[:1] in resolvable else raw
                    if value.__class__ is str and every_scalar and control(value):
                        value = _clean_text(value, problems, line)  # reported at each place: not kept
                    elif value is not _REFUSED:
                        plain[raw] = value
            else:
                value = raw if tag is None else _scalar(event, problems, line)
                if value.__class__ is str and (every_scalar or event.style == '"') and control(value):
                    value = _clean_text(value, problems, line)
            nodes += 1
            if event.anchor:
                anchors[event.anchor] = (value, 1)
            # The commonest cases inline (a key, a value under it, an item of a list); the rest below.
            if is_map:
                if key is _NO_KEY:
                    if value.__class__ is str and value != "<<":
                        key = value
                        key_line = line
                        continue
                elif key is not _BAD_KEY and value is not _REFUSED and key not in container:
                    container[key] = value
                    lines[key] = key_line
                    key = _NO_KEY
                    continue
            elif container is not None and value is not _REFUSED:
                container.append(value)
                lines.append(line)
                continue
        elif kind is mapping_start or kind is sequence_start:
            bad_tag = event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
            if bad_tag:
                problems.error(event.start_mark.line + 1, "", _("the tag {tag} is not allowed").format(tag=repr(event.tag)),
                               _("scenario files use plain values only"))
            stack.append((container, lines, is_map, key, key_line, start, anchor, refused_frame))
            is_map = kind is mapping_start
            container = LineMap() if is_map else LineList()
            container.line = event.start_mark.line + 1
            container.lines = lines = {} if is_map else []
            container.refused = _NOTHING
            key, key_line, start, anchor, refused_frame = _NO_KEY, 0, nodes, event.anchor, bad_tag
            nodes += 1
            continue
        elif kind is mapping_end or kind is sequence_end:
            value = _REFUSED if refused_frame else container
            line = container.line
            if anchor:
                anchors[anchor] = (value, nodes - start)
            container, lines, is_map, key, key_line, start, anchor, refused_frame = stack.pop()
        elif kind is yaml.AliasEvent:
            line = event.start_mark.line + 1
            if event.anchor not in anchors:
                problems.error(line, "", _("unknown or recursive alias '{alias}'").format(alias="*" + str(event.anchor)))
                value = _REFUSED
                nodes += 1
            else:
                value, size = anchors[event.anchor]
                aliased += size  # what the aliases would expand to, counted as if written out
                if aliased > MAX_EXPANDED_NODES:
                    raise _TooBig()
                nodes += size
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                problems.error(event.start_mark.line + 1, "", _("a scenario file holds one YAML document"),
                               _("remove the '---' separator and what follows, or split the file"))
                raise _Refused()
            continue
        else:
            continue
        # A value read (scalar, container or alias) that the fast paths above did not place.
        refused = value is _REFUSED
        if refused:
            value = None  # what every reader can take; marked refused so that none reports it again
        if container is None:
            if refused:
                raise _Refused()
            root = value
        elif not is_map:
            if refused:
                _mark_refused(container, len(container))
            container.append(value)
            lines.append(line)
        elif key is _NO_KEY:
            if refused:
                key = _BAD_KEY  # a key that was refused: its entry is left out
            elif isinstance(value, (dict, list)) or value is None:
                problems.error(line, "", _("a mapping key must be a plain name"))
                key = _BAD_KEY
            elif value == "<<":
                problems.error(line, "<<", _("merge keys ('<<') are not supported"),
                               _("write the fields out in full"))
                key = _BAD_KEY
            else:
                key = value if isinstance(value, str) else str(value)
                key_line = line
        else:
            if key is not _BAD_KEY:
                if key in container:
                    problems.error(key_line, key, _("duplicate key '{key}' (first on line {line})").format(key=key, line=lines[key]),
                                   _("remove or rename one of them"))
                else:
                    container[key] = value
                    lines[key] = key_line
                    if refused:
                        _mark_refused(container, key)
            key = _NO_KEY
    return None if root is _NO_KEY else root


class _TooBig(Exception):
    pass


class _Refused(Exception):
    """The document cannot be used; the problem is already recorded."""


def _events(text: str):
    """The parser's events. With libyaml, straight from its parser's ``get_event`` (what ``yaml.parse`` does
    through a generator and a ``check_event`` per event, at a sixth more cost); else through ``yaml.parse``."""
    if _CPARSER is None:
        return yaml.parse(text, Loader=_SAFE_LOADER)
    parser = _CPARSER(text)
    return iter(parser.get_event, None)  # get_event gives None once the stream has ended


def read_yaml(text: str, problems: ProblemList):
    """Parse one YAML document into line-aware values; syntax errors become problems.

    Returns None when the document cannot be read at all.
    """
    try:
        value = _build(_events(text), problems, text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problems.error(line, "", _("YAML syntax: {reason}").format(reason=exc.problem or exc.context or _("cannot parse")),
                       _("check indentation, colons and quotes around this line"))
        return None
    except yaml.YAMLError as exc:
        problems.error(None, "", _("YAML syntax: {reason}").format(reason=exc))
        return None
    except _Refused:
        return None
    except _TooBig:
        problems.error(None, "", _("the document expands to too many values through aliases"),
                       _("do not nest '*alias' references"))
        return None
    except (RecursionError, ValueError) as exc:
        problems.error(None, "", _("the document cannot be read: {reason}").format(reason=type(exc).__name__))
        return None
    if value is None:
        problems.error(1, "", _("the file is empty"))
        return None
    return value
