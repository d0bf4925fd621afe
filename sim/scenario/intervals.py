"""Which truth values a condition can take, by interval analysis over the declared ranges of its names.

Every name has a domain from its declaration (``sim.scenario.names``): a number's range (a variable's
``min``/``max``, the alliance's 0..100, a dimension's -3..3), a text name's values (the stances, the
phases), a bool's true and false. Evaluating a condition over those domains gives the set of truth values
it can take; a condition whose set lacks ``True`` can never hold (``promises > 20`` where ``promises`` runs
from 0 to 10). The analysis is sound, not complete: it never calls a possible condition impossible, but
it reads each name's whole range, not only the values the case can really reach.
"""

from __future__ import annotations

import math
from typing import Mapping

from sim.scenario.names import BOOL, NUMBER, TEXT, StateName

BOTH = frozenset((True, False))
ANY = ("any",)


def domain_of(spec: StateName):
    if spec.kind == NUMBER:
        low = -math.inf if spec.low is None else float(spec.low)
        high = math.inf if spec.high is None else float(spec.high)
        return ("num", low, high)
    if spec.kind == TEXT:
        return ("set", frozenset(spec.values))
    if spec.kind == BOOL:
        return ("set", BOTH)
    return ANY


def truth_values(tree, domains: Mapping[str, tuple]) -> frozenset:
    """The truth values ``tree`` can take when each name ranges over its domain."""
    return _truth(_value(tree, domains))


def _truth(value) -> frozenset:
    kind = value[0]
    if kind == "truth":
        return value[1]
    if kind == "set":
        return frozenset(bool(v) for v in value[1]) or BOTH
    if kind == "num":
        low, high = value[1], value[2]
        found = set()
        if low < 0 or high > 0:
            found.add(True)
        if low <= 0 <= high:
            found.add(False)
        return frozenset(found)
    return BOTH


def _value(node, domains):
    kind = node[0]
    if kind == "const":
        constant = node[1]
        if isinstance(constant, (int, float)) and not isinstance(constant, bool):
            return ("num", float(constant), float(constant))
        return ("set", frozenset((constant,)))
    if kind == "name":
        return domains.get(node[1], ANY)
    if kind == "not":
        return ("truth", frozenset(not v for v in _truth(_value(node[1], domains))))
    if kind in ("and", "or"):
        a, b = _truth(_value(node[1], domains)), _truth(_value(node[2], domains))
        if kind == "and":
            found = ({True} if True in a and True in b else set()) | ({False} if False in a or False in b else set())
        else:
            found = ({True} if True in a or True in b else set()) | ({False} if False in a and False in b else set())
        return ("truth", frozenset(found))
    if kind == "neg":
        inner = _value(node[1], domains)
        return ("num", -inner[2], -inner[1]) if inner[0] == "num" else ANY
    if kind in ("add", "sub"):
        a, b = _value(node[1], domains), _value(node[2], domains)
        if a[0] != "num" or b[0] != "num":
            return ANY
        if kind == "add":
            return ("num", a[1] + b[1], a[2] + b[2])
        return ("num", a[1] - b[2], a[2] - b[1])
    if kind == "cmp":
        return ("truth", _compare(node[1], _value(node[2], domains), _value(node[3], domains)))
    return ANY


def _compare(symbol: str, a, b) -> frozenset:
    if a[0] == "num" and b[0] == "num":
        (_, alo, ahi), (_, blo, bhi) = a, b
        can = {"<": (alo < bhi, ahi >= blo), "<=": (alo <= bhi, ahi > blo), ">": (ahi > blo, alo <= bhi),
               ">=": (ahi >= blo, alo < bhi),
               "==": (alo <= bhi and blo <= ahi, not (alo == ahi == blo == bhi)),
               "!=": (not (alo == ahi == blo == bhi), alo <= bhi and blo <= ahi)}[symbol]
        return frozenset(v for v, possible in zip((True, False), can) if possible)
    if a[0] == "set" and b[0] == "set" and symbol in ("==", "!="):
        meet = bool(a[1] & b[1])
        differ = not (len(a[1]) == len(b[1]) == 1 and a[1] == b[1])
        same, other = (meet, differ) if symbol == "==" else (differ, meet)
        return frozenset(v for v, possible in zip((True, False), (same, other)) if possible)
    return BOTH
