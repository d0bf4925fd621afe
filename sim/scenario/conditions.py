"""A small, safe expression language for scenario conditions.

Conditions are parsed into a tree of tuples and then compiled into nested
closures. Nothing is ever handed to Python's ``eval``: the only things an
expression can do are read names from the environment the engine supplies,
compare, add, subtract and combine with and/or/not. Calls, attribute access,
indexing and names starting with an underscore are rejected when parsing.

Grammar::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (("=="|"!="|"<"|"<="|">"|">=") sum)?
    sum     := unary (("+"|"-") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | STRING | "true" | "false" | NAME | "(" expr ")"
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field
from typing import Callable

from sim.errors import ConditionError
from sim.i18n import N_, _

MAX_LENGTH = 2000
MAX_DEPTH = 60
MAX_DIGITS = 12  # no alliance, trust or counter is near a trillion

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<string>'[^'\\\n]*'|"[^"\\\n]*")
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<op>==|!=|<=|>=|<|>|\+|-|\(|\))
  | (?P<bad>.)
    """,
    re.VERBOSE,
)

_KEYWORDS = {"and", "or", "not", "true", "false"}
_COMPARE = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_REVERSED = {"=>": N_("use '>=' for 'at least'"), "=<": N_("use '<=' for 'at most'")}
_FORBIDDEN_CHARS = {
    ".": N_("attribute access ('.') is not allowed"),
    "[": N_("indexing ('[') is not allowed"),
    "]": N_("indexing (']') is not allowed"),
    ",": N_("commas are not allowed: conditions have no function calls or lists"),
    "=": N_("use '==' to compare"),
    "&": N_("use 'and'"),
    "|": N_("use 'or'"),
    "!": N_("use 'not'"),
    "*": N_("only + and - are allowed"),
    "/": N_("only + and - are allowed"),
    "%": N_("only + and - are allowed"),
    ";": N_("a condition is one expression"),
}


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    position: int


def tokenize(source: str) -> list[Token]:
    """Split a condition into tokens, rejecting any character the language lacks."""
    if not isinstance(source, str):
        raise ConditionError(_("a condition must be text"))
    if len(source) > MAX_LENGTH:
        raise ConditionError(_("a condition may be at most {limit} characters").format(limit=MAX_LENGTH))
    tokens = []
    for match in _TOKEN.finditer(source):
        kind = match.lastgroup
        text = match.group()
        if kind == "space":
            continue
        if kind == "bad":
            pair = source[match.start():match.start() + 2]
            known = _REVERSED.get(pair) or _FORBIDDEN_CHARS.get(text)
            hint = _(known) if known else _("unexpected character {character}").format(character=repr(text))
            raise ConditionError(hint, match.start())
        if kind == "name" and text.startswith("_"):
            raise ConditionError(_("names may not start with '_' ({name})").format(name=repr(text)), match.start())
        if kind == "name" and text in _KEYWORDS:
            kind = text
        tokens.append(Token(kind, text, match.start()))
    tokens.append(Token("end", "", len(source)))
    return tokens


class _Parser:
    def __init__(self, source: str):
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    @staticmethod
    def _describe(token: Token) -> str:
        return _("the end of the condition") if token.kind == "end" else repr(token.text)

    def parse(self):
        if self.current.kind == "end":
            raise ConditionError(_("the condition is empty"), 0)
        tree = self.expr()
        if self.current.kind != "end":
            if self.current.text in _COMPARE:
                raise ConditionError(_("chained comparisons are not allowed; join them with 'and'"),
                                     self.current.position)
            raise ConditionError(_("unexpected {token}").format(token=self._describe(self.current)),
                                 self.current.position)
        return tree

    def expr(self):
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(_("the condition is nested too deeply"), self.current.position)
        try:
            return self.or_()
        finally:
            self.depth -= 1

    def _deeper(self) -> None:
        """One more level of the tree: every operator counts, a chain of them as deep as it is long."""
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionError(_("the condition is nested too deeply (each operator counts; "
                                   "at most {limit})").format(limit=MAX_DEPTH), self.current.position)

    def or_(self):
        left = self.and_()
        start = self.depth
        try:
            while self.current.kind == "or":
                self.take()
                self._deeper()
                left = ("or", left, self.and_())
        finally:
            self.depth = start
        return left

    def and_(self):
        left = self.not_()
        start = self.depth
        try:
            while self.current.kind == "and":
                self.take()
                self._deeper()
                left = ("and", left, self.not_())
        finally:
            self.depth = start
        return left

    def not_(self):
        if self.current.kind == "not":
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ConditionError(_("the condition is nested too deeply"), self.current.position)
            try:
                return ("not", self.not_())
            finally:
                self.depth -= 1
        return self.compare()

    def compare(self):
        left = self.sum()
        if self.current.kind == "op" and self.current.text in _COMPARE:
            op = self.take().text
            return ("cmp", op, left, self.sum())
        return left

    def sum(self):
        left = self.unary()
        start = self.depth
        try:
            while self.current.kind == "op" and self.current.text in "+-":
                op = self.take().text
                self._deeper()
                left = ("add" if op == "+" else "sub", left, self.unary())
        finally:
            self.depth = start
        return left

    def unary(self):
        if self.current.kind == "op" and self.current.text == "-":
            self.take()
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise ConditionError(_("the condition is nested too deeply"), self.current.position)
            try:
                operand = self.unary()
            finally:
                self.depth -= 1
            if operand[0] == "const" and isinstance(operand[1], (int, float)) and not isinstance(operand[1], bool):
                return ("const", -operand[1])  # a negative number is a constant, not an expression
            return ("neg", operand)
        return self.atom()

    def atom(self):
        token = self.current
        if token.kind == "number":
            self.take()
            whole = token.text.split(".")[0]
            if len(whole) > MAX_DIGITS or not token.text.isascii():
                shown = token.text[:20] + ("..." if len(token.text) > 20 else "")
                raise ConditionError(_("the number {number} is out of range (at most {limit} digits before the "
                                       "point)").format(number=shown, limit=MAX_DIGITS), token.position)
            value = float(token.text) if "." in token.text else int(token.text)
            return ("const", value)
        if token.kind == "string":
            self.take()
            return ("const", token.text[1:-1])
        if token.kind in ("true", "false"):
            self.take()
            return ("const", token.kind == "true")
        if token.kind == "name":
            self.take()
            follower = self.current
            if follower.kind == "op" and follower.text == "(":
                raise ConditionError(_("function calls are not allowed ({call})").format(call=f"{token.text}(...)"), follower.position)
            return ("name", token.text, token.position)
        if token.kind == "op" and token.text == "(":
            self.take()
            inner = self.expr()
            if not (self.current.kind == "op" and self.current.text == ")"):
                raise ConditionError(_("expected ')', found {token}").format(token=self._describe(self.current)), self.current.position)
            self.take()
            return inner
        raise ConditionError(_("expected a value, found {token}").format(token=self._describe(token)), token.position)


def parse(source: str):
    """Parse a condition into a tree; raises ConditionError with a column on bad input."""
    return _Parser(source).parse()


def names(tree) -> list[tuple[str, int]]:
    """Every name read by a tree, with its column, in order."""
    found: list[tuple[str, int]] = []

    def walk(node):
        kind = node[0]
        if kind == "name":
            found.append((node[1], node[2]))
        elif kind == "const":
            return
        elif kind in ("not", "neg"):
            walk(node[1])
        elif kind == "cmp":
            walk(node[2])
            walk(node[3])
        else:
            walk(node[1])
            walk(node[2])

    walk(tree)
    return found


def string_comparisons(tree) -> list[tuple[str, str]]:
    """Pairs (name, string literal) compared with == or != anywhere in the tree."""
    found = []

    def walk(node):
        kind = node[0]
        if kind == "cmp":
            left, right = node[2], node[3]
            for a, b in ((left, right), (right, left)):
                if a[0] == "name" and b[0] == "const" and isinstance(b[1], str):
                    found.append((a[1], b[1]))
        if kind in ("not", "neg"):
            walk(node[1])
        elif kind in ("and", "or", "add", "sub"):
            walk(node[1])
            walk(node[2])

    walk(tree)
    return found


_UNKNOWN = object()


def can_hold(tree, fixed) -> bool:
    """False only when the tree is false whatever the names not in ``fixed`` hold (three-valued logic).

    The scene graph uses it to leave out an interrupt or an event diversion that cannot happen at a scene:
    ``phase == 'closure'`` cannot hold at an intake scene, where the phase is known.
    """
    value = _partial(tree, fixed)
    return value is _UNKNOWN or bool(value)


def _partial(node, fixed):
    kind = node[0]
    if kind == "const":
        return node[1]
    if kind == "name":
        return fixed.get(node[1], _UNKNOWN)
    if kind == "not":
        inner = _partial(node[1], fixed)
        return inner if inner is _UNKNOWN else not inner
    if kind in ("and", "or"):
        a, b = _partial(node[1], fixed), _partial(node[2], fixed)
        decisive = kind == "or"  # a true side decides 'or', a false side decides 'and'
        if (a is not _UNKNOWN and bool(a) is decisive) or (b is not _UNKNOWN and bool(b) is decisive):
            return decisive
        return _UNKNOWN if _UNKNOWN in (a, b) else not decisive
    if kind == "cmp":
        a, b = _partial(node[2], fixed), _partial(node[3], fixed)
        if _UNKNOWN in (a, b):
            return _UNKNOWN
        try:
            return _COMPARE[node[1]](a, b)
        except TypeError:
            return _UNKNOWN
    return _UNKNOWN  # arithmetic: never needed to rule a move out


def _number(value, what: str):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConditionError(_("{operator} needs numbers, got {value}").format(operator=what, value=repr(value)))
    return value


def compile_tree(tree) -> Callable[[Callable[[str], object]], object]:
    """Turn a tree into a function of a name lookup. The lookup raises KeyError for unknown names."""
    kind = tree[0]
    if kind == "const":
        value = tree[1]
        return lambda lookup: value
    if kind == "name":
        name = tree[1]

        def read(lookup):
            try:
                return lookup(name)
            except KeyError:
                raise ConditionError(_("unknown name {name}").format(name=repr(name)), tree[2]) from None

        return read
    if kind == "not":
        inner = compile_tree(tree[1])
        return lambda lookup: not inner(lookup)
    if kind == "and":
        a, b = compile_tree(tree[1]), compile_tree(tree[2])
        return lambda lookup: bool(a(lookup)) and bool(b(lookup))
    if kind == "or":
        a, b = compile_tree(tree[1]), compile_tree(tree[2])
        return lambda lookup: bool(a(lookup)) or bool(b(lookup))
    if kind == "neg":
        inner = compile_tree(tree[1])
        return lambda lookup: -_number(inner(lookup), "'-'")
    if kind in ("add", "sub"):
        a, b = compile_tree(tree[1]), compile_tree(tree[2])
        sign = 1 if kind == "add" else -1
        return lambda lookup: _number(a(lookup), "'+'/'-'") + sign * _number(b(lookup), "'+'/'-'")
    if kind == "cmp":
        op = _COMPARE[tree[1]]
        symbol = tree[1]
        a, b = compile_tree(tree[2]), compile_tree(tree[3])

        def compare(lookup):
            left, right = a(lookup), b(lookup)
            if symbol in ("==", "!="):
                return op(left, right)
            try:
                if isinstance(left, str) != isinstance(right, str):
                    raise TypeError
                return op(left, right)
            except TypeError:
                raise ConditionError(_("cannot compare {left} {operator} {right}").format(
                    left=repr(left), operator=symbol, right=repr(right))) from None

        return compare
    raise ConditionError(_("unknown expression node {kind}").format(kind=repr(kind)))


@dataclass(frozen=True)
class Condition:
    """A parsed, compiled condition with the source text it came from."""

    source: str
    tree: tuple = field(compare=False, repr=False)
    run: Callable = field(compare=False, repr=False)

    @classmethod
    def parse(cls, source: str) -> "Condition":
        tree = parse(source)
        return cls(source, tree, compile_tree(tree))

    def names(self) -> list[str]:
        return [name for name, _position in names(self.tree)]

    def __call__(self, lookup: Callable[[str], object]) -> bool:
        return bool(self.run(lookup))
