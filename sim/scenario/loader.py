"""Scenario files to the immutable model. Structure and types are checked here;
cross-references and the scene graph are checked in ``checker``."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sim.scenario.gcpause import collector_paused
from sim.scenario import model as m, pronouns
from sim.scenario.effect_fields import dimension_changes, read_effects
from sim.scenario.catalogue import find_catalogue_dir, load_catalogue, read_file, strategies_from
from sim.scenario.fields import Fields, IDENTIFIER, read_condition, read_text, type_name
from sim.errors import ScenarioError
from sim.scenario.problems import ProblemList
from sim.scenario.yamlsource import LineList, LineMap, is_refused, read_yaml
from sim.i18n import N_, _

FORMAT_VERSION = 1

TOP_FIELDS = {"format", "id", "title", "summary", "learning_goals", "minutes", "difficulty", "caregivers",
              "people", "variables", "child_safety", "shared_purpose", "duties", "events", "interrupts",
              "start", "scenes", "strategies", "recurring_tensions", "workers"}
TOP_REQUIRED = ("format", "id", "title", "summary", "learning_goals", "minutes", "difficulty", "caregivers",
                "start", "scenes")
CAREGIVER_FIELDS = {"id", "name", "relation", "mandate", "prior_services", "expectations", "reacts_by", "stance",
                    "alliance", "description", "cues", "pronoun"}
SCENE_FIELDS = {"id", "phase", "speaker", "text", "narration", "variants", "choices", "ending", "tensions", "next",
                "allow_phase_return"}
EFFECT_FIELDS = {"effects", "set", "add", "stance", "betrayal", "tension", "schedule", "handover"}
CHOICE_FIELDS = {"id", "text", "strategy", "target", "others", "when", "tensions", "references", "feedback",
                 "next", "variants"} | EFFECT_FIELDS
EVENT_FIELDS = {"id", "at", "phase", "when", "chance", "once", "text", "goto"} | EFFECT_FIELDS


def _homes() -> dict[str, str]:
    homes: dict[str, str] = {}
    for where, names in ((N_("a choice"), CHOICE_FIELDS), (N_("a scene"), SCENE_FIELDS),
                         (N_("a caregiver"), CAREGIVER_FIELDS), (N_("an event"), EVENT_FIELDS),
                         (N_("the top level"), TOP_FIELDS)):
        for name in names:
            homes.setdefault(name, where)
    return homes


class _Fields(Fields):
    homes = _homes()


def _items(fields: Fields, key: str):
    """(index, item, line, path) for each item of a list field."""
    items = fields.sequence(key)
    for i, item in enumerate(items):
        if is_refused(items, i):
            continue  # refused while reading: reported once already
        line = items.line_of(i) if isinstance(items, LineList) else fields.line_of(key)
        yield i, item, line, f"{fields.field(key)}[{i}]"


class _ScenarioReader:
    def __init__(self, problems: ProblemList, catalogue: m.Catalogue):
        self.problems = problems
        self.catalogue = catalogue

    def read(self, document, path: str, digest: str) -> m.Scenario | None:
        top = _Fields(self.problems, document, "", TOP_FIELDS, TOP_REQUIRED, line=1)
        if not top.ok:
            return None
        version = top.number("format", integer=True)
        if version is not None and version != FORMAT_VERSION:
            top.error("format", _("format {version} is not supported").format(version=version),
                      _("this version reads format {version}").format(version=FORMAT_VERSION))
        self.catalogue = self.own_strategies(top)
        learning_goals = []
        for _index, item, line, where in _items(top, "learning_goals"):
            text = read_text(self.problems, item, line, where)
            if text:
                learning_goals.append(text)
        if top.has("learning_goals") and not learning_goals and not self.problems.has_errors:
            top.error("learning_goals", _("give at least one learning goal"))
        caregivers = tuple(c for c in (self.caregiver(i, item, line, where)
                                       for i, item, line, where in _items(top, "caregivers")) if c)
        if top.has("caregivers") and not top.sequence("caregivers"):
            top.error("caregivers", _("a scenario needs at least one caregiver"))
        people, workers = self.people(top, "people"), self.people(top, "workers")
        variables = self.variables(top)
        duties = []
        for _index, item, line, where in _items(top, "duties"):
            fields = _Fields(self.problems, item, where, {"id", "text", "arises", "met"},
                            {"id", "text", "arises", "met"}, line=line)
            values = (fields.identifier("id"), fields.text("text"), fields.condition("arises"),
                      fields.condition("met"))
            if all(values):
                duties.append(m.Duty(*values, line=fields.line))
        events = tuple(e for e in (self.event(item, line, where)
                                   for _index, item, line, where in _items(top, "events")) if e)
        interrupts = []
        for _index, item, line, where in _items(top, "interrupts"):
            fields = _Fields(self.problems, item, where, {"when", "to"}, {"when", "to"}, line=line)
            when, to = fields.condition("when"), fields.identifier("to")
            if when and to:
                interrupts.append(m.Interrupt(when, to, fields.line_of("to") or line))
        scenes: dict[str, m.Scene] = {}
        first_line: dict[str, int] = {}
        for _index, item, line, where in _items(top, "scenes"):
            scene = self.scene(item, line, where)
            if scene is None:
                continue
            if scene.id in scenes:
                self.problems.error(line, where, _("duplicate scene id '{id}' (first on line {line})").format(
                                        id=scene.id, line=first_line[scene.id]),
                                    _("scene ids must be unique"))
                continue
            scenes[scene.id] = scene
            first_line[scene.id] = line
        if top.has("scenes") and not top.sequence("scenes"):
            top.error("scenes", _("a scenario needs scenes"))
        # Stand-ins for fields already reported as wrong, so the cross-reference and graph checks
        # can still run and report everything else in the same pass; the scenario is unusable anyway.
        placeholder = m.Text(en="?")
        values = dict(
            id=top.identifier("id") or "unnamed", title=top.text("title") or placeholder,
            summary=top.text("summary") or placeholder,
            minutes=top.number("minutes", 1, 240, integer=True) or 1,
            difficulty=top.one_of("difficulty", m.DIFFICULTIES) or m.DIFFICULTIES[0],
            start=top.identifier("start") or (next(iter(scenes)) if scenes else ""),
            recurring_tensions=top.identifiers("recurring_tensions"),
        )
        child_safety = top.number("child_safety", 0, 100, default=50)
        shared_purpose = top.number("shared_purpose", -3, 3, default=0)
        if not caregivers or not scenes:
            return None
        return m.Scenario(
            learning_goals=tuple(learning_goals), caregivers=caregivers, people=people,
            variables=variables, child_safety=float(child_safety if child_safety is not None else 50),
            shared_purpose=float(shared_purpose if shared_purpose is not None else 0), duties=tuple(duties),
            events=events, interrupts=tuple(interrupts), scenes=scenes, catalogue=self.catalogue, path=path,
            digest=digest, workers=workers, **values,
        )

    def people(self, top: Fields, key: str) -> tuple[m.Person, ...]:
        """``people:`` (the others who speak) or ``workers:`` (the workers the learner plays): id, name, role."""
        found = []
        for _index, item, line, where in _items(top, key):
            fields = _Fields(self.problems, item, where, {"id", "name", "role"}, {"id", "name"}, line=line)
            if not fields.ok:
                continue  # not a mapping: reported
            pid = fields.identifier("id")
            name = fields.text("name") if isinstance(item.get("name"), dict) else fields.string("name")
            if pid and name:
                found.append(m.Person(pid, name, fields.text("role"), line=line))
        return tuple(found)

    def caregiver(self, index, item, line, where) -> m.Caregiver | None:
        fields = _Fields(self.problems, item, where, CAREGIVER_FIELDS,
                        ("id", "name", "relation", "mandate", "prior_services", "expectations", "reacts_by",
                         "alliance"), line=line)
        if not fields.ok:
            return None
        raw = fields.submapping("alliance")
        for dim in m.DIMENSIONS:
            if dim not in raw and fields.has("alliance"):
                fields.error("alliance", _("missing starting '{name}'").format(name=dim),
                             _("give engagement, connection and safety"))
        alliance = dimension_changes(self.problems, raw, fields.line_of("alliance"), fields.field("alliance"), m.DIMENSIONS)
        cues = {}
        raw_cues = fields.submapping("cues")
        for stance, text in raw_cues.items():
            where_cue = raw_cues.line_of(stance)
            if stance not in m.STANCES:
                self.problems.error(where_cue, f"{fields.field('cues')}.{stance}", _("'{name}' is not a stance").format(name=stance),
                                    _("one of: {names}").format(names=", ".join(m.STANCES)))
                continue
            text = read_text(self.problems, text, where_cue, f"{fields.field('cues')}.{stance}")
            if text:
                cues[stance] = text
        caregiver_id = fields.identifier("id")
        if caregiver_id is None:
            return None
        # Wrong values are already reported; stand-ins keep the caregiver for the later checks.
        return m.Caregiver(
            id=caregiver_id, name=fields.string("name") or caregiver_id,
            relation=fields.one_of("relation", m.RELATIONS) or "other",
            mandate=fields.one_of("mandate", m.MANDATES) or "mandated",
            prior_services=fields.one_of("prior_services", m.PRIOR_SERVICES) or "none",
            expectations=fields.one_of("expectations", m.EXPECTATIONS) or "neutral",
            reacts_by=fields.one_of("reacts_by", m.RUPTURE_KINDS) or "withdrawal",
            stance=fields.one_of("stance", m.STANCES, default="guarded") or "guarded",
            alliance={dim: alliance.get(dim, 0.0) for dim in m.DIMENSIONS},
            description=fields.text("description"), cues=cues,
            pronoun=fields.one_of("pronoun", pronouns.PRONOUNS)
            or pronouns.for_relation(fields.one_of("relation", m.RELATIONS) or "other"),
        )

    def own_strategies(self, top: Fields) -> m.Catalogue:
        """The catalogue this case plays with: the shared one, extended (never overridden) by the case's own
        ``strategies:``, written as in strategies.yaml."""
        if not top.has("strategies"):
            return self.catalogue
        raw = top.submapping("strategies")
        shared = self.catalogue.strategies
        for key in raw:
            if key in shared:
                self.problems.error(raw.line_of(key), f"strategies.{key}", _("'{key}' is already in the shared "
                                      "catalogue; a case adds strategies, it does not replace them").format(key=key),
                                    _("give the case's own strategy a new id"))
        fresh = LineMap({key: value for key, value in raw.items() if key not in shared})
        fresh.line, fresh.lines = getattr(raw, "line", 0), getattr(raw, "lines", {})
        own = strategies_from(fresh, self.problems, self.catalogue.references, "strategies.")
        return m.Catalogue({**shared, **own}, self.catalogue.references, self.catalogue.digest)

    def variables(self, top: Fields) -> dict[str, m.Variable]:
        variables: dict[str, m.Variable] = {}
        raw = top.submapping("variables")
        for name, spec in raw.items():
            line = raw.line_of(name)
            where = f"variables.{name}"
            if not IDENTIFIER.match(name):
                self.problems.error(line, where, _("a variable name must be an identifier"))
                continue
            fields = _Fields(self.problems, spec, where, {"type", "initial", "min", "max", "description"},
                            {"type", "initial"}, line=line)
            kind = fields.one_of("type", ("bool", "number"))
            if kind is None:
                continue
            low, high = fields.number("min"), fields.number("max")
            if low is not None and high is not None and low > high:
                fields.error("min", _("min ({low}) is greater than max ({high})").format(low=low, high=high))
            if kind == "bool":
                initial = fields.boolean("initial")
                if fields.has("min") or fields.has("max"):
                    fields.warning("min" if fields.has("min") else "max", _("min and max are ignored for a bool"))
            else:
                initial = fields.number("initial", low, high)
            if initial is None:
                continue
            variables[name] = m.Variable(name, kind, initial, low, high, fields.string("description", "") or "")
        return variables

    def event(self, item, line, where) -> m.Event | None:
        fields = _Fields(self.problems, item, where, EVENT_FIELDS, {"id"}, line=line)
        if not fields.ok:
            return None
        does = read_effects(fields, "event")
        event_id = fields.identifier("id")
        text = fields.text("text") if fields.has("text") else m.Text()  # no text: a silent bookkeeping event
        at = fields.identifiers("at")
        phase = fields.one_of("phase", m.PHASES)
        if not fields.has("text"):
            moves = [name for name, on in (("effects", does.by_caregiver), ("stance", does.stance),
                                           ("betrayal", does.betrayal), ("tension", does.tension),
                                           ("handover", does.handover), ("goto", fields.has("goto"))) if on]
            if moves:
                fields.error(moves[0], _("an event without 'text' is silent bookkeeping: it may set, add and "
                               "schedule, but not change the alliance, a stance or the scene unseen"),
                             _("give it a 'text' that says what happened"))
        if not event_id or text is None:
            return None
        return m.Event(
            id=event_id, text=text, at=at, phase=phase, when=fields.condition("when"),
            chance=float(fields.number("chance", 0, 1, default=1.0)), once=fields.boolean("once", True),
            does=does, goto=fields.identifier("goto"), line=fields.line,
        )

    def scene(self, item, line, where) -> m.Scene | None:
        named = item.get("id") if isinstance(item, dict) else None
        path = f"{where} ({named})" if isinstance(named, str) else where  # name the scene in every message
        fields = _Fields(self.problems, item, path, SCENE_FIELDS, ("id", "phase", "speaker"), line=line)
        if not fields.ok:
            return None
        scene_id = fields.identifier("id")
        variants = self.variants(fields, "narration", m.Variant, N_("a variant needs 'text' or 'narration'"))
        default_next = self.routes(fields, line) if fields.has("next") else []
        if fields.has("next") and not fields.has("choices"):
            fields.error("next", _("a default 'next' serves the scene's choices, and this scene has none"))
        choices = []
        for index, raw, c_line, c_where in _items(fields, "choices"):
            choice = self.choice(index, raw, c_line, c_where, default_next)
            if choice:
                choices.append(choice)
        ending = None
        if not fields.absent("ending"):
            ef = _Fields(self.problems, fields.raw("ending"), fields.field("ending"), {"type", "title"},
                        {"type", "title"}, line=fields.line_of("ending"))
            etype, title = ef.one_of("type", m.ENDING_TYPES), ef.text("title")
            if etype and title:
                ending = m.Ending(etype, title)
        phase, speaker = fields.one_of("phase", m.PHASES), fields.identifier("speaker")
        text = fields.text("text")
        if not fields.has("text") and not fields.has("narration"):
            self.problems.error(line, fields.path, _("a scene needs 'text' or 'narration'"))
        tensions = fields.identifiers("tensions")
        if not (scene_id and phase and speaker):
            return None
        return m.Scene(
            id=scene_id, phase=phase, speaker=speaker, text=text, narration=fields.text("narration"),
            variants=tuple(variants), choices=tuple(choices), ending=ending, tensions=tensions,
            allow_phase_return=bool(fields.boolean("allow_phase_return", False)), line=line,
            incomplete=len(choices) < len(fields.sequence("choices")),
        )

    def routes(self, fields, line) -> list:
        """The routes of a ``next`` field: a scene id, or a list of ``{when, to}`` whose last has no ``when``."""
        routes = []
        raw_next = fields.raw("next")
        if isinstance(raw_next, str):
            if IDENTIFIER.match(raw_next):
                routes.append(m.Route(raw_next, None, fields.line_of("next") or line))
            else:
                fields.error("next", _("expected a scene id, found {value}").format(value=repr(raw_next)))
        elif isinstance(raw_next, list):
            for r_index, route, r_line, r_where in _items(fields, "next"):
                rf = _Fields(self.problems, route, r_where, {"when", "to"}, {"to"}, line=r_line)
                to = rf.identifier("to")
                when = rf.condition("when")
                if rf.ok and not rf.has("when") and r_index != len(raw_next) - 1:
                    rf.error("to", _("only the last route may have no 'when'"),
                             _("routes after it can never be taken"))
                if to:
                    routes.append(m.Route(to, when, r_line))
            if raw_next and isinstance(raw_next[-1], dict) and "when" in raw_next[-1]:
                fields.error("next", _("the last route must have no 'when'"),
                             _("add a final '- to: scene' so the choice always leads somewhere"))
            if not raw_next:
                fields.error("next", _("the list of routes is empty"))
        elif not fields.absent("next"):
            fields.error("next", _("expected a scene id or a list of routes, found {kind}").format(kind=type_name(raw_next)))
        return routes

    def choice(self, index, raw, line, where, default_next=()) -> m.Choice | None:
        """One choice; ``default_next``: the scene's routes, for a choice without its own ``next``."""
        fields = _Fields(self.problems, raw, where, CHOICE_FIELDS, ("text", "strategy", "feedback"), line=line)
        if not fields.ok:
            return None
        routes = self.routes(fields, line) if fields.has("next") else list(default_next)
        if not routes and not fields.has("next"):
            self.problems.error(line, fields.path, _("missing required field 'next'"),
                                _("give the choice a 'next', or the scene a default 'next' for choices without one"))
        values = dict(text=fields.text("text"), strategy=fields.identifier("strategy"),
                      feedback=fields.text("feedback"))
        if any(v is None for v in values.values()) or not routes:
            return None
        return m.Choice(
            index=index, routes=tuple(routes), target=fields.identifier("target"), does=read_effects(fields, "choice"),
            when=fields.condition("when"), tensions=fields.identifiers("tensions"),
            references=fields.identifiers("references"), line=line, id=fields.identifier("id") or "",
            variants=self.choice_variants(fields), **values,
        )

    def choice_variants(self, fields) -> tuple:
        """A choice's ``variants``: other words or other feedback, each under ``when`` or ``stance``."""
        return tuple(self.variants(fields, "feedback", m.ChoiceVariant,
                                   N_("a choice's variant needs 'text' or 'feedback'")))

    def variants(self, fields, other: str, kind, needs_words: str) -> list:
        """The ``variants`` of a scene (``other`` is narration) or a choice (feedback): each ``kind(when,
        stance, text, other, line)``, with a ``when`` or a ``stance``, and a ``text`` or the other."""
        variants = []
        if "variants" not in fields.mapping:
            return variants  # most choices have none: no list to walk
        for _index, raw, v_line, v_where in _items(fields, "variants"):
            vf = _Fields(self.problems, raw, v_where, {"when", "stance", "text", other}, line=v_line)
            if not vf.ok:
                continue
            when, stance = vf.condition("when"), vf.one_of("stance", m.STANCES)
            if not (vf.has("when") or vf.has("stance")):
                vf.error("text" if vf.has("text") else other, _("a variant needs 'when' or 'stance'"))
            if not (vf.has("text") or vf.has(other)):
                self.problems.error(v_line, v_where, _(needs_words))
            variants.append(kind(when, stance, vf.text("text"), vf.text(other), v_line))
        return variants


def read_scenario(text: str, path: str, catalogue: m.Catalogue, problems: ProblemList) -> m.Scenario | None:
    """Parse and structurally check one scenario's text; problems are appended to ``problems``."""
    with collector_paused():
        document = read_yaml(text, problems)
        if document is None:
            return None
        digest = hashlib.sha256(text.encode("utf-8") + b"\0" + catalogue.digest.encode()).hexdigest()
        return _ScenarioReader(problems, catalogue).read(document, path, digest)


def check_scenario_file(path, catalogue: m.Catalogue | None = None) -> tuple[m.Scenario | None, list]:
    """Load and fully check one file. Returns the scenario (None if unusable) and every problem."""
    from sim.scenario.checker import check

    path = Path(path)
    problems = ProblemList(str(path))
    if catalogue is None:
        catalogue = load_catalogue(find_catalogue_dir(path))
    text = read_file(path, problems)
    scenario = read_scenario(text, str(path), catalogue, problems) if text is not None else None
    if scenario is not None:
        check(scenario, problems)
    if problems.has_errors:
        return None, problems.items
    return scenario, problems.items


def load_scenario(path, catalogue: m.Catalogue | None = None) -> m.Scenario:
    """Load a scenario for play; raises ScenarioError listing every error when it cannot be used."""
    scenario, problems = check_scenario_file(path, catalogue)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario
