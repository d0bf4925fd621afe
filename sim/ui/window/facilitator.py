"""Discussion questions for facilitator mode, shown at the end of each phase.

A scenario's facilitator guide is used when it exists: a Markdown file beside
the case file with the same name (``my_case.yaml`` and ``my_case.md``), as a
facilitator who shares a case would keep them, or else the shipped guide
(``docs/facilitator/<scenario id>.md``). In it, under a heading that names a phase, every list item or line
that ends with a question mark is a question for that phase. Phases the guide
does not cover get the generic questions below. In Spanish the Spanish guide is read first
(``my_case.es.md``, ``docs/facilitator/<scenario id>.es.md``), its headings naming the phases in Spanish.
"""

from __future__ import annotations

import re
from pathlib import Path

from sim import safeio
from sim.errors import FileRefused
from sim.i18n import N_, _, language
from sim.resources import guides_dir
from sim.scenario.model import PHASES

GUIDE_DIR = guides_dir()
GUIDE_LIMIT = 1_000_000  # bytes: a guide is prose; anything larger is not one

GENERIC = {
    "intake": (
        N_("What did the caregiver seem to fear most at the start, and how did the worker's first moves meet that fear?"),
        N_("Where did the worker share power, and where did she hold on to it?"),
        N_("What did the caregiver show rather than say? Which cues did the group notice?"),
    ),
    "assessment": (
        N_("Does the caregiver know what will be reported to the court? How might that shape her answers?"),
        N_("Which answers sounded like real engagement, and which like saying what the worker wants to hear?"),
        N_("When did the control role take over from the helping role, and what did it cost?"),
    ),
    "intervention": (
        N_("Were there signs of withdrawal or confrontation? What repaired them, or could have?"),
        N_("Were any promises made that the programme cannot keep?"),
        N_("Whose goals is the plan built on: the court's, the worker's, or the caregiver's?"),
    ),
    "closure": (
        N_("How did the relationship end, and what will the caregiver take from it into the next service?"),
        N_("Was every duty to the child met, and was the caregiver involved in how it was met?"),
        N_("Where would the group estimate the alliance now, and why?"),
    ),
}

PHASE_NAMES = {"intake": ("intake", "ingreso"), "assessment": ("assessment", "evaluaci[oó]n"),
               "intervention": ("intervention", "intervenci[oó]n"), "closure": ("closure", "cierre")}
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")


def read_guide(text: str) -> dict[str, list[str]]:
    """Questions per phase from a facilitator guide's Markdown.

    A list item (with its wrapped continuation lines) or a paragraph under a heading naming one phase is
    a question when it contains a question mark; sub-headings stay in the phase until a heading of the
    same or a higher level begins another section."""
    questions: dict[str, list[str]] = {}
    phase, level = None, 0
    block: list[str] = []

    def flush() -> None:
        if block and phase is not None:
            candidate = re.sub(r"[*_`]", "", " ".join(block)).strip()
            if "?" in candidate and len(candidate) > 8:
                questions.setdefault(phase, []).append(candidate)
        block.clear()

    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            flush()
            depth, title = len(heading.group(1)), heading.group(2).lower()
            named = [p for p in PHASES if any(re.search(rf"\b{name}\b", title) for name in PHASE_NAMES[p])]
            if len(named) == 1:
                phase, level = named[0], depth
            elif phase is not None and depth <= level or len(named) > 1:
                phase = None  # a new section at the same level, or one about several phases
            continue
        if not line.strip():
            flush()
            continue
        item = _ITEM.match(line)
        if item:
            flush()
            block.append(item.group(1).strip())
        else:
            block.append(line.strip())
    flush()
    return questions


def guide_paths(scenario_id: str, case_path=None, guide_dir: Path | None = None) -> list[Path]:
    """Where a case's guide may be, first found first: beside the case file, then the shipped guides (each in
    the interface's language first, then in English)."""
    suffixes = [".md"]
    if language() not in ("en", "pseudo"):
        suffixes.insert(0, f".{language()}.md")
    paths = [Path(case_path).with_suffix(suffix) for suffix in suffixes] if case_path else []
    return paths + [Path(guide_dir or GUIDE_DIR) / f"{scenario_id}{suffix}" for suffix in suffixes]


def discussion_questions(scenario_id: str, phase: str, guide_dir: Path | None = None,
                         case_path=None) -> tuple[list[str], bool]:
    """The questions for the end of ``phase``, and whether they came from the scenario's guide."""
    guide = {}
    for path in guide_paths(scenario_id, case_path, guide_dir):
        if not path.is_file():
            continue
        try:
            guide = read_guide(safeio.read_text(path, GUIDE_LIMIT, "facilitator guide"))
        except (OSError, UnicodeDecodeError, FileRefused):
            guide = {}  # an unreadable guide: the general questions serve
        break
    if guide.get(phase):
        return guide[phase][:5], True
    return [_(question) for question in GENERIC.get(phase, GENERIC["intervention"])], False
