"""What of a case can ever happen: every variant, choice, route, event and interrupt, with one path where it
does, found by exploration (``explore(..., visit=...)``) rather than by random play.

Exploration's buckets tell apart everything a condition can read, so whether a variant shows, a choice is
offered, a route is taken or an event fires at a bucket is the same for every state in it: what the search
reaches, it reaches exactly. Also reported: decisions that can show fewer than three choices, and variants
that match somewhere but are always shadowed by an earlier one (only the first match that has text, and
the first that has narration, is shown).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.analysis.explore import _explore, _path
from sim.engine import core
from sim.scenario.gcpause import collector_paused
from sim.scenario.model import Scenario
from sim.i18n import N_, _, ngettext

FEW_CHOICES = 3


@dataclass
class Item:
    kind: str            # variant, choice, route, event, interrupt
    where: str           # a scene id (or "" for interrupts and events)
    name: str            # what it is: "variants[1]", "c2", "c2 -> next[0]", an event id, "interrupts[0]"
    line: int
    reached: bool = False
    path: list = field(default_factory=list)  # one path of choices where it happens
    shadowed: bool = False                     # a variant whose condition holds somewhere but never shows


@dataclass
class Coverage:
    scenario: str
    items: list[Item]
    few_choices: dict[str, int]              # scene -> the fewest choices it can show, where below 3

    @property
    def unreached(self) -> list[Item]:
        return [item for item in self.items if not item.reached]

    def as_dict(self) -> dict:
        return {"scenario": self.scenario, "few_choices": self.few_choices,
                "items": [{"kind": i.kind, "where": i.where, "name": i.name, "line": i.line, "reached": i.reached,
                           "shadowed": i.shadowed, "path": i.path} for i in self.items]}


def coverage(scenario: Scenario, seeds=(0,)) -> Coverage:
    items: dict[tuple, Item] = {}
    for scene in scenario.scenes.values():
        for number, variant in enumerate(scene.variants):
            items[("variant", scene.id, number)] = Item("variant", scene.id, f"variants[{number}]", variant.line)
        for choice in scene.choices:
            items[("choice", scene.id, choice.id)] = Item("choice", scene.id, choice.id, choice.line)
            for number, variant in enumerate(choice.variants):
                items[("variant", scene.id, choice.id, number)] = Item("variant", scene.id,
                                                                       f"{choice.id} variants[{number}]", variant.line)
            for number, route in enumerate(choice.routes):
                items[("route", scene.id, choice.id, number)] = Item("route", scene.id, f"{choice.id} -> next[{number}]"
                                                                     f" ({route.to})", route.line)
    for event in scenario.events:
        items[("event", event.id)] = Item("event", "", event.id, event.line)
    for number, interrupt in enumerate(scenario.interrupts):
        items[("interrupt", number)] = Item("interrupt", "", f"interrupts[{number}] ({interrupt.to})", interrupt.line)
    matched: set[tuple] = set()
    fewest: dict[str, int] = {}

    def mark(key, path):
        item = items.get(key)
        if item is not None and not item.reached:
            item.reached, item.path = True, path

    def visit(kind, nodes, index, what, report):
        state = nodes[index].state
        if kind == "start":
            for event in report.events:
                mark(("event", event.id), [])
            return
        if kind in ("scene", "ending"):
            scene = scenario.scenes[state.scene]
            if kind == "scene":
                fewest[scene.id] = min(fewest.get(scene.id, len(what)), len(what))
            path = _path(nodes, index)
            for number in core.matching_variants(scenario, state, scene):
                matched.add(("variant", scene.id, number))
            for variant in core.shown_variants(scenario, state, scene):
                if variant is not None:
                    mark(("variant", scene.id, scene.variants.index(variant)), path)
            for choice in what or ():
                mark(("choice", scene.id, choice.id), path)
                if choice.variants:
                    words = core.choice_words(scenario, state, scene, choice)
                    for number, variant in enumerate(choice.variants):
                        if variant.text is words[0] or variant.feedback is words[1]:
                            mark(("variant", scene.id, choice.id, number), path)
            return
        path = _path(nodes, index) + [{"scene": state.scene, "choice": what.id, "strategy": what.strategy}]
        if report.route is not None:
            mark(("route", state.scene, what.id, report.route), path)
        if report.interrupt is not None:
            mark(("interrupt", report.interrupt), path)
        for event in report.events:
            mark(("event", event.id), path)

    with collector_paused():
        _explore(scenario, seeds, "all", None, visit)
    for key, item in items.items():
        if item.kind == "variant" and not item.reached and key in matched:
            item.shadowed = True
    few = {sid: n for sid, n in fewest.items() if n < FEW_CHOICES and scenario.scenes[sid].choices}
    return Coverage(scenario.id, sorted(items.values(), key=lambda i: i.line), few)


NEVER = {"variant": N_("variant can never happen"), "choice": N_("choice can never happen"),
         "route": N_("route can never happen"), "event": N_("event can never happen"),
         "interrupt": N_("interrupt can never happen")}
SHADOWED = N_("variant always shadowed by an earlier variant")


def render_coverage(result: Coverage, scenario: Scenario) -> str:
    """Plain text for the terminal: what can never happen, and where a decision can show few choices."""
    lines = [_("Coverage of {case}: {count} of {total} "
               "variants, choices, routes, events and interrupts can happen.").format(
        case=scenario.id, count=len(result.items) - len(result.unreached), total=len(result.items))]
    path = scenario.path
    warning = _("warning")
    for item in result.unreached:
        if item.shadowed and item.kind == "variant":
            why = _(SHADOWED)
        elif item.kind in NEVER:
            why = _(NEVER[item.kind])
        else:
            why = _("{kind} can never happen").format(kind=item.kind)
        where = f"scene {item.where}." if item.where else ""  # a field, as in the checker's messages
        lines.append(f"{path}:{item.line}: {warning}: {where}{item.name}: {why}")
    for sid, count in sorted(result.few_choices.items()):
        shown = ngettext("can show only {count} choice (fewer than {limit})",
                         "can show only {count} choices (fewer than {limit})", count).format(count=count,
                                                                                            limit=FEW_CHOICES)
        lines.append(f"{path}:{scenario.scenes[sid].line}: {warning}: scene {sid}: {shown}")
    if not result.unreached and not result.few_choices:
        lines.append(_("Everything can happen, and every decision shows at least three choices."))
    return "\n".join(lines)
