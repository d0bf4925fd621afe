"""Cross-reference and scene-graph checks over a loaded scenario.

Works on the same model the engine plays, so what passes here is what runs.
"""

from __future__ import annotations

from collections import deque

from sim.scenario import model as m
from sim.scenario.conditions import string_comparisons
from sim.scenario.fields import suggest
from sim.scenario.gcpause import collector_paused
from sim.scenario.graph import scene_graph
from sim.scenario.intervals import domain_of, truth_values
from sim.scenario.names import TEXT, reserved
from sim.scenario.phase_order import may_enter
from sim.scenario.problems import ProblemList
from sim.i18n import N_, _

def _scene_hint(name: str, scenes) -> str:
    """'did you mean ...?', or else a few of the scene ids that do exist."""
    close = suggest(name, scenes)
    if close:
        return close
    ids = list(scenes)
    shown = ", ".join(ids[:8])
    if len(ids) > 8:
        shown += " " + _("... ({count} in all)").format(count=len(ids))
    return _("scenes here: {ids}").format(ids=shown)


def _speaker_ids(scenario: m.Scenario) -> set[str]:
    return set(scenario.caregiver_ids) | {p.id for p in scenario.people} | {m.NARRATOR}


def _check_condition(scenario, problems, condition, line, field, known, phase=None):
    if condition is None:
        return
    unknown = [name for name in condition.names() if name not in known]
    for name in unknown:
        problems.error(line, field, _("unknown name '{name}' in condition {condition}").format(name=name, condition=repr(condition.source)),
                       suggest(name, known) or _("declare it under 'variables'"))
    if not unknown:
        domains = {name: domain_of(spec) for name, spec in known.items()}
        if phase is not None:  # at a scene the phase is known
            domains["phase"] = ("set", frozenset((phase,)))
        if True not in truth_values(condition.tree, domains):
            if phase:
                message = _("condition {condition} can never hold in a {phase} scene (by the declared ranges of "
                            "its names)").format(condition=repr(condition.source), phase=phase)
            else:
                message = _("condition {condition} can never hold (by the declared ranges of its names)").format(
                    condition=repr(condition.source))
            problems.warning(line, field, message,
                             _("check the numbers against each variable's min and max, and the stance and phase names"))
    for name, literal in string_comparisons(condition.tree):
        spec = known.get(name)
        if spec is None:
            continue
        if spec.kind != TEXT:
            problems.error(line, field, _("'{name}' is not text; comparing it with {value} is always false").format(
                name=name, value=repr(literal)))
        elif literal not in spec.values:
            problems.error(line, field, _("{value} is not a valid value for '{name}'").format(value=repr(literal), name=name),
                           suggest(literal, spec.values) or _("one of: {names}").format(names=", ".join(spec.values)))


def _check_effects(scenario, problems, effects: m.Effects, line, field):
    """Everything a choice's or an event's effect bundle names: caregivers, variables and their types."""
    for who in effects.by_caregiver:
        if who != m.ALL and who not in scenario.caregiver_ids:
            problems.error(line, f"{field}.effects.{who}", _("unknown caregiver '{id}'").format(id=who),
                           suggest(who, scenario.caregiver_ids) or _("use a caregiver id or 'all'"))
    if effects.others and len(scenario.caregivers) == 1:
        problems.warning(line, f"{field}.others", _("'others' has no effect with a single caregiver"))
    variables = scenario.state_variables
    for name, value in effects.set.items():
        variable = variables.get(name)
        if variable is None:
            problems.error(line, f"{field}.set.{name}", _("unknown variable '{name}'").format(name=name),
                           suggest(name, variables) or _("declare it under 'variables'"))
        elif (variable.type == "bool") != isinstance(value, bool):
            if variable.type == "bool":
                message = _("'{name}' is a bool: set it to true or false, not {value}")
            else:
                message = _("'{name}' is a number: set it to a number, not {value}")
            problems.error(line, f"{field}.set.{name}", message.format(name=name, value=repr(value)))
        elif variable.type == "number" and ((variable.min is not None and value < variable.min)
                                            or (variable.max is not None and value > variable.max)):
            low = "" if variable.min is None else f"{variable.min:g}"
            high = "" if variable.max is None else f"{variable.max:g}"
            problems.error(line, f"{field}.set.{name}", _("{value} is outside the range of '{name}' ({low}..{high})").format(
                value=repr(value), name=name, low=low, high=high))
    for name in effects.add:
        variable = variables.get(name)
        if variable is None:
            problems.error(line, f"{field}.add.{name}", _("unknown variable '{name}'").format(name=name),
                           suggest(name, variables) or _("declare it under 'variables'"))
        elif variable.type != "number":
            problems.error(line, f"{field}.add.{name}", _("'{name}' is a bool; use 'set' for it").format(name=name))
    events = {event.id for event in scenario.events}
    for event_id in effects.schedule:
        if event_id not in events:
            problems.error(line, f"{field}.schedule.{event_id}", _("unknown event '{id}'").format(id=event_id),
                           suggest(event_id, events) or _("schedule an event declared under 'events'"))
    for who in effects.stance:
        if who not in scenario.caregiver_ids:
            problems.error(line, f"{field}.stance.{who}", _("unknown caregiver '{id}'").format(id=who),
                           suggest(who, scenario.caregiver_ids))
    if effects.handover is not None:
        workers = [w.id for w in scenario.workers]
        if not workers:
            problems.error(line, f"{field}.handover", _("a handover needs the case's workers"),
                           _("declare them under 'workers' at the top level, the first on the case from the start"))
        elif effects.handover not in workers:
            problems.error(line, f"{field}.handover", _("unknown worker '{id}'").format(id=effects.handover),
                           suggest(effects.handover, workers) or _("one of: {names}").format(names=", ".join(workers)))


def check(scenario: m.Scenario, problems: ProblemList) -> None:
    """Append every cross-reference and graph problem of ``scenario`` to ``problems``.

    The cyclic collector is paused meanwhile (as for loading): with a large model alive, its full passes
    over every object of the model would make the check grow faster than the scenes."""
    with collector_paused():
        _check_all(scenario, problems)


def _check_all(scenario: m.Scenario, problems: ProblemList) -> None:
    known = scenario.state_names
    speakers = _speaker_ids(scenario)
    scenes = scenario.scenes
    _check_recurring(scenario, problems)

    # identities
    seen: dict[str, str] = {}
    for caregiver in scenario.caregivers:
        if caregiver.id in seen:
            problems.error(None, f"caregivers ({caregiver.id})", _("duplicate caregiver id '{id}'").format(id=caregiver.id))
        seen[caregiver.id] = "caregiver"
    for person in scenario.people:
        if person.id in seen or person.id == m.NARRATOR:
            problems.error(None, f"people ({person.id})", _("id '{id}' is already used").format(id=person.id),
                           _("people, caregivers and 'narrator' need distinct ids"))
        seen[person.id] = "person"
    _check_workers(scenario, problems)
    taken = reserved(scenario)
    for name in scenario.variables:
        if name in taken:
            problems.error(None, f"variables.{name}", _("'{name}' is a built-in name").format(name=name),
                           _("choose another name"))
    for kind, items, message in (("event", scenario.events, N_("duplicate event id '{id}'")),
                                 ("duty", scenario.duties, N_("duplicate duty id '{id}'"))):
        ids = [item.id for item in items]
        for item in items:
            if ids.count(item.id) > 1:
                problems.error(item.line, f"{kind} {item.id}", _(message).format(id=item.id))

    if scenario.start not in scenes:
        problems.error(1, "start", _("unknown scene '{id}'").format(id=scenario.start), _scene_hint(scenario.start, scenes))
    elif scenes[scenario.start].phase != "intake":
        problems.warning(1, "start", _("the first scene is in phase '{phase}', not intake").format(
            phase=scenes[scenario.start].phase))

    for duty in scenario.duties:
        _check_condition(scenario, problems, duty.arises, duty.line, f"duties ({duty.id}).arises", known)
        _check_condition(scenario, problems, duty.met, duty.line, f"duties ({duty.id}).met", known)
    for interrupt in scenario.interrupts:
        _check_condition(scenario, problems, interrupt.when, interrupt.line, "interrupts.when", known)
        if interrupt.to not in scenes:
            problems.error(interrupt.line, "interrupts.to", _("unknown scene '{id}'").format(id=interrupt.to),
                           _scene_hint(interrupt.to, scenes))
    for event in scenario.events:
        field = f"events ({event.id})"
        _check_condition(scenario, problems, event.when, event.line, f"{field}.when", known)
        for scene_id in event.at:
            if scene_id not in scenes:
                problems.error(event.line, f"{field}.at", _("unknown scene '{id}'").format(id=scene_id), _scene_hint(scene_id, scenes))
        if not event.at and event.phase is None and event.id not in scenario.scheduled_events:
            problems.error(event.line, f"{field}", _("an event needs 'at' (scene ids) or 'phase' to say where it "
                             "can happen"), _("or schedule it from a choice or an event with 'schedule'"))
        if event.goto and event.goto not in scenes:
            problems.error(event.line, f"{field}.goto", _("unknown scene '{id}'").format(id=event.goto), _scene_hint(event.goto, scenes))
        _check_effects(scenario, problems, event.does, event.line, field)

    for scene in scenes.values():
        field = f"scene {scene.id}"
        if scene.speaker not in speakers:
            problems.error(scene.line, f"{field}.speaker", _("unknown speaker '{id}'").format(id=scene.speaker),
                           suggest(scene.speaker, speakers) or _("a caregiver id, a people id, or narrator"))
        for tension in scene.tensions:
            if tension not in m.TENSIONS:
                problems.error(scene.line, f"{field}.tensions", _("unknown tension '{name}'").format(name=tension),
                               suggest(tension, m.TENSIONS))
            else:
                _check_tension_phase(scenario, problems, tension, scene.phase, scene.line, f"{field}.tensions")
        for number, variant in enumerate(scene.variants):
            _check_condition(scenario, problems, variant.when, variant.line, f"{field}.variants[{number}].when",
                             known, scene.phase)
        if scene.ending is not None and scene.choices:
            problems.error(scene.line, f"{field}.ending", _("an ending scene cannot have choices"),
                           _("move the choices to another scene or remove 'ending'"))
        if scene.ending is None and not scene.choices and not scene.incomplete:
            problems.error(scene.line, field, _("dead end: this scene has no choices and is not an ending"),
                           _("add choices, or an 'ending' with a type"))
        if scene.choices and all(choice.when is not None for choice in scene.choices):
            problems.warning(scene.line, field, _("every choice here has a condition; if none holds the case is stuck"),
                             _("give at least one choice no 'when'"))
        seen_ids: dict[str, int] = {}
        for choice in scene.choices:
            if choice.id in seen_ids:
                problems.error(choice.line, f"{field}.choices[{choice.index}].id",
                               _("duplicate choice id '{id}' in this scene (first on line {line})").format(
                                   id=choice.id, line=seen_ids[choice.id]),
                               _("choice ids name a choice in saves and logs; make them unique within the scene"))
            seen_ids.setdefault(choice.id, choice.line)
            _check_choice(scenario, problems, scene, choice, known)

    _check_phase_order(scenario, problems)
    _check_graph(scenario, problems)
    _check_withheld_reports(scenario, problems)


def _check_workers(scenario, problems):
    """Workers' ids are distinct; every worker after the first is handed the case somewhere."""
    seen: set[str] = set()
    for worker in scenario.workers:
        if worker.id in seen:
            problems.error(worker.line or None, f"workers ({worker.id})", _("duplicate worker id '{id}'").format(id=worker.id))
        seen.add(worker.id)
    handed = {b.handover for b in scenario.effect_bundles() if b.handover}
    for worker in scenario.workers[1:]:
        if worker.id not in handed:
            problems.warning(worker.line or None, f"workers ({worker.id})", _("no handover gives the case to '{id}'").format(
                id=worker.id), _("add 'handover: {id}' to an event or a choice, or remove the worker").format(
                id=worker.id))


def _check_tension_phase(scenario, problems, tension, phase, line, field):
    """A tension tagged outside the phase the study places it in: a slip, unless the case says it recurs."""
    home = m.TENSIONS[tension]
    if home != phase and tension not in scenario.recurring_tensions:
        problems.warning(line, field, _("the tension '{name}' belongs to the {home} phase, and this is the {phase} "
                                        "phase").format(name=tension, home=home, phase=phase),
                         _("tag a tension of this phase, or list '{name}' under 'recurring_tensions:' if this "
                           "case means it to come back here").format(name=tension))


def _check_recurring(scenario, problems):
    for tension in scenario.recurring_tensions:
        if tension not in m.TENSIONS:
            problems.error(None, "recurring_tensions", _("unknown tension '{name}'").format(name=tension),
                           suggest(tension, m.TENSIONS))


def _check_choice(scenario, problems, scene, choice, known):
    catalogue = scenario.catalogue
    field = f"scene {scene.id}.choices[{choice.index}]"
    line = choice.line
    if choice.strategy not in catalogue.strategies:
        problems.error(line, f"{field}.strategy", _("unknown strategy '{id}'").format(id=choice.strategy),
                       suggest(choice.strategy, catalogue.strategies)
                       or _("see {file}").format(file="scenarios/strategies.yaml"))
    if choice.target is not None and choice.target != m.ALL and choice.target not in scenario.caregiver_ids:
        problems.error(line, f"{field}.target", _("unknown caregiver '{id}'").format(id=choice.target),
                       suggest(choice.target, scenario.caregiver_ids) or _("a caregiver id or 'all'"))
    for ref in choice.references:
        if ref not in catalogue.references:
            problems.error(line, f"{field}.references", _("unknown reference key '{key}'").format(key=ref),
                           suggest(ref, catalogue.references)
                           or _("add it to {file}").format(file="scenarios/references.yaml"))
    for tension in choice.tensions:
        if tension not in m.TENSIONS:
            problems.error(line, f"{field}.tensions", _("unknown tension '{name}'").format(name=tension),
                           suggest(tension, m.TENSIONS))
        else:
            _check_tension_phase(scenario, problems, tension, scene.phase, line, f"{field}.tensions")
    _check_condition(scenario, problems, choice.when, line, f"{field}.when", known, scene.phase)
    for number, variant in enumerate(choice.variants):
        _check_condition(scenario, problems, variant.when, variant.line, f"{field}.variants[{number}].when", known,
                         scene.phase)
    _check_effects(scenario, problems, choice.does, line, field)
    for route in choice.routes:
        _check_condition(scenario, problems, route.when, route.line, f"{field}.next.when", known, scene.phase)
        if route.to not in scenario.scenes:
            problems.error(route.line, f"{field}.next", _("unknown scene '{id}'").format(id=route.to),
                           _scene_hint(route.to, scenario.scenes))


HOW = {"route": N_("phase order broken: '{source}' ({source_phase}) leads back to '{target}' ({target_phase})"),
       "interrupt": N_("phase order broken: '{source}' ({source_phase}) can interrupt it and lead back to "
                       "'{target}' ({target_phase})"),
       "event": N_("phase order broken: '{source}' ({source_phase}) can be diverted by this event back to "
                   "'{target}' ({target_phase})")}


def _check_phase_order(scenario: m.Scenario, problems: ProblemList) -> None:
    """The phase rule on every edge of the scene graph: routes, interrupts and event diversions alike,
    each reported once, at the line that makes the edge."""
    scenes = scenario.scenes
    reported: set[tuple] = set()
    for edge in scenario.scene_edges:
        source, target = scenes[edge.source], scenes.get(edge.target)
        if target is None or may_enter(source.phase, target) or (edge.kind, edge.line, edge.field) in reported:
            continue
        reported.add((edge.kind, edge.line, edge.field))
        problems.error(edge.line, edge.field,
                       _(HOW[edge.kind]).format(source=source.id, source_phase=source.phase, target=target.id,
                                                target_phase=target.phase),
                       _("phases only move forward; set 'allow_phase_return: true' on the target scene if meant")
                       if edge.kind == "route" else
                       _("phases only move forward; set 'allow_phase_return: true' on the target scene if meant, "
                         "or make the condition say in which phase it applies"))


def _check_graph(scenario: m.Scenario, problems: ProblemList) -> None:
    scenes = scenario.scenes
    if scenario.start not in scenes or any(scene.incomplete for scene in scenes.values()):
        return  # with choices that could not be read (already reported) the graph is not known yet
    successors = scene_graph(scenario)
    reached = {scenario.start}
    queue = deque([scenario.start])
    while queue:
        current = queue.popleft()
        for nxt in successors.get(current, ()):
            if nxt not in reached:
                reached.add(nxt)
                queue.append(nxt)
    for sid, scene in scenes.items():
        if sid in reached:
            continue
        if scene.ending is not None:
            problems.warning(scene.line, f"scene {sid}", _("unreachable ending: no path from the start leads to '{id}'").format(id=sid))
        else:
            problems.warning(scene.line, f"scene {sid}", _("unreachable scene: no path from the start leads to '{id}'").format(id=sid))
    endings = {sid for sid, s in scenes.items() if s.ending is not None}
    if not endings & reached:
        problems.error(scenes[scenario.start].line, "scenes", _("no ending can be reached from the start"),
                       _("give at least one scene an 'ending' and lead to it"))
        return
    # Scenes from which no ending can be reached would trap the learner forever.
    predecessors: dict[str, set[str]] = {sid: set() for sid in scenes}
    for sid, succ in successors.items():
        for nxt in succ:
            if sid in predecessors and nxt in predecessors:
                predecessors[nxt].add(sid)
    can_end = set(endings)
    queue = deque(endings)
    while queue:
        current = queue.popleft()
        for prev in predecessors[current]:
            if prev not in can_end:
                can_end.add(prev)
                queue.append(prev)
    for sid in sorted(reached - can_end, key=lambda s: scenes[s].line):
        scene = scenes[sid]
        if not scene.choices or scene.incomplete:
            continue  # already reported: a dead end, or a choice that could not be read
        problems.error(scene.line, f"scene {sid}", _("no ending can be reached from this scene: every way on "
                         "leads back here or into a dead end"), _("add a choice that leads on towards an ending"))


def _check_withheld_reports(scenario: m.Scenario, problems: ProblemList) -> None:
    """A move that withholds a report belongs where a duty to report can have arisen: warn where none can.

    A duty can arise at a scene when its ``arises`` condition reads something other than variables, or reads
    a variable that a choice here or in an earlier scene, or an event at this scene or an earlier one, sets
    (the duty is checked after each decision, so the decision that learns of the risk can be the one that
    withholds it).
    """
    strategies = scenario.catalogue.strategies
    offered = [(scene, choice) for scene in scenario.scenes.values() for choice in scene.choices
               if choice.strategy in strategies and strategies[choice.strategy].withholds_report]
    if not offered or any(scene.incomplete for scene in scenario.scenes.values()):
        return
    variables = set(scenario.state_variables)
    needs = [set(duty.arises.names()) for duty in scenario.duties]
    scheduled = [e for e in scenario.events if e.id in scenario.scheduled_events]
    setters_anywhere = {name for e in scheduled for name in (*e.does.set, *e.does.add)}
    wanted = {name for names in needs for name in names} & variables
    # For each variable a duty reads, the scenes at or after a scene whose choices or events set it: one
    # walk forwards per such variable, rather than a walk backwards from each offering scene (quadratic).
    graph = scene_graph(scenario)
    set_by: dict[str, set[str]] = {}  # variable -> scenes at or after one that sets it
    for name in wanted:
        sources = [sid for sid in scenario.scenes
                   if any(name in b.set or name in b.add for b in scenario.effect_bundles(sid))]
        reached, queue = set(sources), deque(sources)
        while queue:
            for nxt in graph[queue.popleft()]:
                if nxt not in reached:
                    reached.add(nxt)
                    queue.append(nxt)
        set_by[name] = reached
    for scene, choice in offered:
        # the names set here or earlier (only those a duty reads matter to the test below)
        setters = setters_anywhere | {name for name, scenes in set_by.items() if scene.id in scenes}
        if not any(names - variables or names & setters for names in needs):
            problems.warning(choice.line, f"scene {scene.id}.choices[{choice.index}].strategy",
                             _("'{id}' withholds a report, but no duty can have arisen here").format(id=choice.strategy),
                             _("offer it where a duty arises (see 'duties'), or choose another strategy"))
