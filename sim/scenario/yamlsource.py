"""Read YAML into plain Python values that remember their line numbers.

Only the safe subset is used: the document is *composed* into nodes by
PyYAML's SafeLoader (which never constructs Python objects), and the nodes are
turned into dicts, lists and scalars here. Mappings and lists remember the
line of each entry, so every later error can name file and line.
"""

from __future__ import annotations

import yaml
from yaml.constructor import SafeConstructor

from sim.scenario.problems import ProblemList

# A document whose aliases expand past this many nodes is refused: it is
# either a mistake or an attack ("billion laughs"), never a real scenario.
MAX_EXPANDED_NODES = 2_000_000


class LineMap(dict):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0
    lines: dict

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    """A list that knows its own line and the line of each item."""

    line: int = 0
    lines: list

    def line_of(self, index: int) -> int:
        if 0 <= index < len(self.lines):
            return self.lines[index]
        return self.line


def line_of(container, key, default: int | None = None) -> int | None:
    """The line of ``container[key]`` when the container remembers it."""
    if isinstance(container, (LineMap, LineList)):
        return container.line_of(key)
    return default


class _Builder:
    def __init__(self, problems: ProblemList):
        self.problems = problems
        self.constructor = SafeConstructor()
        self.memo: dict[int, object] = {}
        self.sizes: dict[int, int] = {}

    def size(self, node) -> int:
        # Expanded size with aliases counted every time they are used.
        key = id(node)
        if key in self.sizes:
            return self.sizes[key]
        self.sizes[key] = 1  # guards against recursive aliases
        if isinstance(node, yaml.MappingNode):
            total = 1 + sum(self.size(k) + self.size(v) for k, v in node.value)
        elif isinstance(node, yaml.SequenceNode):
            total = 1 + sum(self.size(v) for v in node.value)
        else:
            total = 1
        self.sizes[key] = min(total, MAX_EXPANDED_NODES + 1)
        return self.sizes[key]

    def build(self, node):
        key = id(node)
        if key in self.memo:
            return self.memo[key]
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            result = LineMap()
            result.line = line
            result.lines = {}
            self.memo[key] = result
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.error(key_node.start_mark.line + 1, "", "a mapping key must be a plain value")
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.error(key_node.start_mark.line + 1, "<<", "merge keys ('<<') are not supported",
                                        "write the fields out in full")
                    continue
                k = self.scalar(key_node)
                if not isinstance(k, (str, int, float, bool)) or k is None:
                    self.problems.error(key_node.start_mark.line + 1, str(k), "a mapping key must be a name")
                    continue
                k = str(k) if not isinstance(k, str) else k
                k_line = key_node.start_mark.line + 1
                if k in result:
                    self.problems.error(k_line, k, f"duplicate key '{k}' (first on line {result.lines[k]})",
                                        "remove or rename one of them")
                    continue
                result[k] = self.build(value_node)
                result.lines[k] = k_line
            return result
        if isinstance(node, yaml.SequenceNode):
            result = LineList()
            result.line = line
            result.lines = []
            self.memo[key] = result
            for item in node.value:
                result.append(self.build(item))
                result.lines.append(item.start_mark.line + 1)
            return result
        value = self.scalar(node)
        self.memo[key] = value
        return value

    def scalar(self, node):
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problems.error(node.start_mark.line + 1, "", f"cannot read this value: {exc.problem or exc}")
            return None
        except (ValueError, TypeError, OverflowError) as exc:
            self.problems.error(node.start_mark.line + 1, "", f"cannot read this value: {exc}")
            return None


def read_yaml(text: str, problems: ProblemList):
    """Parse one YAML document into line-aware values; syntax errors become problems.

    Returns None when the document cannot be read at all.
    """
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problems.error(line, "", f"YAML syntax: {exc.problem or exc.context or 'cannot parse'}",
                       "check indentation, colons and quotes around this line")
        return None
    except yaml.YAMLError as exc:
        problems.error(None, "", f"YAML syntax: {exc}")
        return None
    except (RecursionError, ValueError) as exc:
        problems.error(None, "", f"the document cannot be read: {type(exc).__name__}")
        return None
    if node is None:
        problems.error(1, "", "the file is empty")
        return None
    builder = _Builder(problems)
    try:
        if builder.size(node) > MAX_EXPANDED_NODES:
            problems.error(None, "", "the document expands to too many values through aliases",
                           "do not nest '*alias' references")
            return None
        return builder.build(node)
    except RecursionError:
        problems.error(None, "", "the document is nested too deeply")
        return None
