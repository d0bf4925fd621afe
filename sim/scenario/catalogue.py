"""The shared catalogues: strategies.yaml and references.yaml."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sim import resources
from sim.scenario.fields import Fields, IDENTIFIER, check_number, read_text
from sim.scenario.pronouns import unknown_placeholders
from sim.scenario.model import ACTS_ON, CATEGORIES, EFFECT_DIMENSIONS, Catalogue, Reference, Strategy
from sim import safeio
from sim.errors import FileRefused, ScenarioError
from sim.scenario.problems import ProblemList
from sim.scenario.yamlsource import is_refused, read_yaml
from sim.i18n import N_, _

STRATEGIES_FILE = "strategies.yaml"
REFERENCES_FILE = "references.yaml"


def default_scenario_dir() -> Path:
    """The shipped cases' folder (``scenarios/`` in a checkout, ``sim/cases`` once installed)."""
    return resources.cases_dir()


def read_file(path: Path, problems: ProblemList) -> str | None:
    """A scenario or catalogue file's text: a regular file of at most ``SCENARIO_LIMIT`` bytes, in UTF-8."""
    try:
        return safeio.read_text(path, safeio.SCENARIO_LIMIT, N_("file"))
    except FileNotFoundError as exc:
        problems.error(None, "", _("cannot read the file: {reason}").format(reason=exc.strerror or exc))
    except FileRefused as exc:
        message = str(exc).removeprefix(f"{path}: ")
        line = None
        if getattr(exc, "line", None) is not None:  # "line N: ..." in the reader's language
            line, message = exc.line, message.split(": ", 1)[-1]
        problems.error(line, "", message, _("a scenario is a UTF-8 text file of at most 2 MB"))
    return None


def _keyed_document(text: str, problems: ProblemList, what: str) -> dict:
    """A catalogue file's top-level mapping, or an empty one (with the problem reported)."""
    document = read_yaml(text, problems)
    if document is not None and not isinstance(document, dict):
        problems.error(1, "", _("expected a mapping of {what}").format(what=_(what)))
        return {}
    return document or {}


def read_references(text: str, problems: ProblemList) -> dict[str, Reference]:
    document = _keyed_document(text, problems, N_("reference keys"))
    references: dict[str, Reference] = {}
    for key, entry in document.items():
        fields = Fields(problems, entry, key, {"citation", "citation_es", "doi", "url"}, {"citation"},
                        line=document.line_of(key))
        if not IDENTIFIER.match(key):
            problems.error(document.line_of(key), key, _("a reference key must be an identifier"))
        citation = fields.string("citation")
        if citation:
            references[key] = Reference(key, citation, fields.string("doi", "") or "",
                                        fields.string("citation_es", "") or "")
    return references


def read_strategies(text: str, problems: ProblemList, references: dict[str, Reference]) -> dict[str, Strategy]:
    return strategies_from(_keyed_document(text, problems, N_("strategy ids")), problems, references)


def strategies_from(document, problems: ProblemList, references: dict[str, Reference],
                    prefix: str = "") -> dict[str, Strategy]:
    """Strategies from a mapping of id to entry (the catalogue file's, or a case's own ``strategies:``, whose
    messages then name the field with ``prefix``)."""
    strategies: dict[str, Strategy] = {}
    allowed = {"category", "power", "name", "effects", "rationale", "references", "acts_on", "owns_part",
               "withholds_report"}
    for key, entry in document.items():
        line = document.line_of(key)
        if not isinstance(key, str) or not IDENTIFIER.match(key):
            problems.error(line, f"{prefix}{key}", _("a strategy id must be an identifier"))
            continue
        fields = Fields(problems, entry, f"{prefix}{key}", allowed,
                        {"category", "name", "effects", "rationale", "references"}, line=line)
        if not fields.ok:
            continue
        category = fields.one_of("category", CATEGORIES)
        effects = {}
        raw_effects = fields.submapping("effects")
        for dim, value in raw_effects.items():
            where = raw_effects.line_of(dim)
            if is_refused(raw_effects, dim):
                continue  # refused while reading, and reported
            if dim not in EFFECT_DIMENSIONS:
                problems.error(where, f"{prefix}{key}.effects.{dim}", _("unknown dimension '{name}'").format(name=dim),
                               _("one of: {names}").format(names=", ".join(EFFECT_DIMENSIONS)))
                continue
            number = check_number(problems, where, f"{prefix}{key}.effects.{dim}", value, -3, 3)
            if number is not None:
                effects[dim] = float(number)
        refs = fields.identifiers("references")
        for i, ref in enumerate(refs):
            if ref not in references:
                problems.error(fields.sequence("references").line_of(i), f"{prefix}{key}.references[{i}]",
                               _("unknown reference key '{key}'").format(key=ref),
                               _("add it to {file}").format(file=REFERENCES_FILE))
        name = fields.text("name")
        rationale = fields.text("rationale")
        for field_name, text in (("name", name), ("rationale", rationale)):
            for language, words in (text or {}).items():
                raw = fields.mapping.get(field_name)
                where = raw.line_of(language) if hasattr(raw, "line_of") else fields.line_of(field_name)
                for token in unknown_placeholders(words):  # at the line of the language's own text
                    problems.error(where, f"{prefix}{key}.{field_name}.{language}",
                                   _("unknown placeholder {token} ({language})").format(token=token, language=language),
                                   _("use {placeholders} (capitalised for a capital) or {plural}; see {doc}").format(
                                       placeholders="{she}, {him}, {his}, {hers}, {herself}",
                                       plural="{singular|plural}", doc="docs/scenario-format.md"))
        acts_on = fields.one_of("acts_on", ACTS_ON, default="caregiver") or "caregiver"
        if acts_on == "worker" and any(effects.values()):
            fields.error("effects", _("a move that acts on the worker changes nothing in the caregiver directly"),
                         _("give it effects: {empty} (its effect is on the worker's next moves)").format(empty="{}"))
        if category and name and rationale:
            strategies[key] = Strategy(key, category, bool(fields.boolean("power", False)), name, effects,
                                       rationale, refs, acts_on, bool(fields.boolean("owns_part", False)),
                                       bool(fields.boolean("withholds_report", False)))
    return strategies


def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Load strategies.yaml and references.yaml from a folder (default: the shipped one).

    Raises ScenarioError listing every problem in either file.
    """
    directory = Path(directory) if directory else default_scenario_dir()
    problems_refs = ProblemList(str(directory / REFERENCES_FILE))
    problems_strats = ProblemList(str(directory / STRATEGIES_FILE))
    refs_text = read_file(directory / REFERENCES_FILE, problems_refs)
    references = read_references(refs_text, problems_refs) if refs_text is not None else {}
    strats_text = read_file(directory / STRATEGIES_FILE, problems_strats)
    strategies = read_strategies(strats_text, problems_strats, references) if strats_text is not None else {}
    problems = problems_refs.items + problems_strats.items
    if any(p.severity == "error" for p in problems):
        raise ScenarioError(problems)
    digest = hashlib.sha256((refs_text or "").encode() + b"\0" + (strats_text or "").encode()).hexdigest()
    return Catalogue(strategies, references, digest)


def find_catalogue_dir(scenario_path: Path) -> Path:
    """Scenarios use the catalogue beside them, or the shipped one when there is none."""
    beside = Path(scenario_path).resolve().parent
    if (beside / STRATEGIES_FILE).exists():
        return beside
    return default_scenario_dir()
