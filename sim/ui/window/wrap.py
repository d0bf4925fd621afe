"""Word wrap by pixel width, ellipsis, curly quotes. No pygame here: measuring is passed in."""

from __future__ import annotations

from typing import Callable

Measure = Callable[[str], int]


def wrap_text(text: str, width: int, measure: Measure) -> list[str]:
    """Break ``text`` into lines no wider than ``width``. Newlines start new paragraphs;
    an empty paragraph becomes an empty line; a word wider than a line is split by characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        current = ""
        for word in words:
            candidate = f"{current} {word}" if current else word
            if measure(candidate) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = ""
            while measure(word) > width and len(word) > 1:
                cut = _longest_prefix(word, width, measure)
                lines.append(word[:cut])
                word = word[cut:]
            current = word
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
