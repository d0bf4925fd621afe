"""Which language-keyed texts of a file lack a language (``validate --lang es``).

Everything a learner reads is a mapping from language code to text with ``en`` required
(docs/scenario-format.md), so a text is any mapping with an ``en`` string. The check walks the
file as written, with its lines, rather than the loaded scenario, so it finds every text the
loader reads and names the field path an author sees in the file.
"""
from __future__ import annotations

from sim.scenario.problems import ProblemList
from sim.scenario.yamlsource import LineList, LineMap, read_yaml
from sim.i18n import _


def _is_text(value) -> bool:
    return isinstance(value, dict) and isinstance(value.get("en"), str)


def _walk(value, field: str, line: int | None):
    if _is_text(value):
        yield field, line, value
        return
    if isinstance(value, dict):
        for key, item in value.items():
            where = value.line_of(key) if isinstance(value, LineMap) else line
            yield from _walk(item, f"{field}.{key}" if field else str(key), where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            where = value.line_of(index) if isinstance(value, LineList) else line
            name = item.get("id") if isinstance(item, dict) and isinstance(item.get("id"), str) else index
            yield from _walk(item, f"{field}[{name}]", where)


def texts(text: str, file: str):
    """Every language-keyed text in a document: (field, line, mapping)."""
    problems = ProblemList(file)
    document = read_yaml(text, problems)
    if document is None:
        return []
    return list(_walk(document, "", None))


def missing_language(text: str, file: str, language: str, strict: bool = False) -> list:
    """One problem per text without ``language``: a warning, or an error with ``strict``."""
    problems = ProblemList(file)
    report = problems.error if strict else problems.warning
    for field, line, value in texts(text, file):
        words = value.get(language)
        if not isinstance(words, str) or not words.strip():
            english = " ".join(value["en"].split())
            shown = english[:40] + ("..." if len(english) > 40 else "")
            report(line, field, _("no '{language}' text").format(language=language),
                   _("add '{language}:' beside '{english}'").format(language=language, english=f"en: {shown}"))
    return problems.items
