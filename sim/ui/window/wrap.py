"""Word wrap by pixel width, ellipsis, curly quotes. No pygame here: measuring is passed in."""

from __future__ import annotations

import re
from typing import Callable

Measure = Callable[[str], int]


def drawable(text: str) -> str:
    """``text`` as the font renderer can take it: no NUL (pygame refuses it), no other control character,
    no lone surrogate (it cannot be encoded). Any other character is drawn (a missing glyph as a box)."""
    return _UNDRAWABLE.sub("", text)


_UNDRAWABLE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff]")


def wrap_text(text: str, width: int, measure: Measure) -> list[str]:
    """Break ``text`` into lines no wider than ``width``. Newlines start new paragraphs;
    an empty paragraph becomes an empty line; a word wider than a line is split by characters.

    Linear in the length of the text: a line holds at most ``width`` characters (every glyph is at least a
    pixel wide), so a long word is measured in pieces of that length, never as a whole again and again."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if len(candidate) <= width + 1 and measure(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            start = 0
            while len(word) - start > 1:
                piece = word[start:start + width + 1]
                if len(piece) == len(word) - start and measure(piece) <= width:
                    break  # the rest fits
                cut = _longest_prefix(piece, width, measure)
                lines.append(piece[:cut])
                start += cut
            current = word[start:]
        if current:
            lines.append(current)
    return lines


def _longest_prefix(word: str, width: int, measure: Measure) -> int:
    low, high = 1, len(word)
    while low < high:
        mid = (low + high + 1) // 2
        if measure(word[:mid]) <= width:
            low = mid
        else:
            high = mid - 1
    return max(1, low)


def ellipsize(text: str, width: int, measure: Measure) -> str:
    """``text`` cut to fit ``width`` with an ellipsis, or as it is when it fits."""
    if measure(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if measure(text[:mid].rstrip() + "\u2026") <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "\u2026"


def typographic(text: str) -> str:
    """Straight quotes to curly ones, and apostrophes to ’ (scenario text is typed with straight quotes)."""
    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        if ch == '"':
            out.append("\u201c" if prev.isspace() or prev in "([\u2014\u2013-" else "\u201d")
        elif ch == "'":
            out.append("\u2018" if prev.isspace() or prev in "([\u201c\u2014\u2013-" else "\u2019")
        else:
            out.append(ch)
    return "".join(out)
