"""The map of a case: its scene graph drawn as Mermaid or Graphviz DOT text, or as SVG or HTML through dot.

Scenes are coloured by phase and endings marked by their type; an edge carries the strategy categories of
the choices that take it (interrupts and event diversions are drawn dashed, labelled as such); a scene
with an event that diverts shows a badge, and so does a scene where the case can pass to another worker (a
``handover`` in one of its choices or its events, "⇄ tomas"); scenes no path from the start reaches are greyed. The graph is
the one the checker and exploration use (``sim.scenario.graph``).
"""

from __future__ import annotations

import html
import shutil
import subprocess
from collections import defaultdict, deque

from sim.errors import AllianceError
from sim.scenario.graph import EVENT, ROUTE
from sim.scenario.model import PHASES, Scenario
from sim.i18n import _, language

FORMATS = ("mermaid", "dot", "svg", "html")
PHASE_COLOURS = {"intake": "#dbe8f5", "assessment": "#e4f0dc", "intervention": "#f7ead2", "closure": "#eadcf0"}
ENDING_COLOUR = "#ffffff"
GREY = "#d9d9d9"
SHORT = {"counterproductive": "harm", "preventive": "prev", "repair": "repair", "neutral": "neutral"}


class MapError(AllianceError):
    """The map cannot be drawn in the format asked for (Graphviz's dot is missing or failed)."""


def _reached(scenario: Scenario) -> set[str]:
    graph = defaultdict(set)
    for edge in scenario.scene_edges:
        graph[edge.source].add(edge.target)
    seen, queue = {scenario.start}, deque([scenario.start])
    while queue:
        for nxt in graph[queue.popleft()]:
            if nxt not in seen and nxt in scenario.scenes:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def _edges(scenario: Scenario) -> dict[tuple[str, str, str], list[str]]:
    """(source, target, kind) -> labels: the strategy categories of the choices that take a route."""
    labels: dict[tuple[str, str, str], list[str]] = {}
    strategies = scenario.catalogue.strategies
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            category = strategies[choice.strategy].category if choice.strategy in strategies else "?"
            for route in choice.routes:
                found = labels.setdefault((scene.id, route.to, ROUTE), [])
                if SHORT.get(category, category) not in found:
                    found.append(SHORT.get(category, category))
    for edge in scenario.scene_edges:
        if edge.kind == EVENT:
            labels.setdefault((edge.source, edge.target, edge.kind), ["event"])
    return {key: value for key, value in labels.items() if key[1] in scenario.scenes}


def _interrupts(scenario: Scenario) -> list[tuple[str, str, str]]:
    """(node id, label, target) for each interrupt: drawn once, not from every scene it can fire in."""
    return [(f"interrupt_{n}", _("interrupt after any decision\nwhen {condition}").format(condition=i.when.source), i.to)
            for n, i in enumerate(scenario.interrupts, 1) if i.to in scenario.scenes]


def _diverting(scenario: Scenario) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for edge in scenario.scene_edges:
        if edge.kind == EVENT:
            found[edge.source].append(edge.field.split("(")[1].split(")")[0])
    return found


def _handovers(scenario: Scenario, sid: str) -> list[str]:
    """The workers the case can pass to at a scene: by one of its choices, or an event on entering it."""
    return list(dict.fromkeys(b.handover for b in scenario.effect_bundles(sid) if b.handover))


def _label(scenario: Scenario, sid: str, badges) -> str:
    scene = scenario.scenes[sid]
    text = sid if scene.ending is None else f"{sid}\n[{scene.ending.type}]"
    if badges.get(sid):
        text += "\n⚡ " + ", ".join(dict.fromkeys(badges[sid]))
    if scenario.workers and (workers := _handovers(scenario, sid)):
        text += "\n⇄ " + ", ".join(workers)
    return text


def mermaid(scenario: Scenario) -> str:
    reached, badges = _reached(scenario), _diverting(scenario)
    lines = ["flowchart LR"]
    for phase in PHASES:
        lines.append(f"  classDef {phase} fill:{PHASE_COLOURS[phase]},stroke:#555")
    lines += ["  classDef ending stroke:#222,stroke-width:3px", f"  classDef unreachable fill:{GREY},color:#777"]
    for sid, scene in scenario.scenes.items():
        text = _label(scenario, sid, badges).replace('"', "'").replace("\n", "<br/>")
        shape = f'(["{text}"])' if scene.ending is not None else f'["{text}"]'
        classes = [scene.phase] + (["ending"] if scene.ending is not None else [])
        classes = ["unreachable"] if sid not in reached else classes
        lines.append(f"  s_{sid}{shape}:::{classes[0]}")
        if len(classes) > 1:
            lines.append(f"  class s_{sid} {','.join(classes)}")
    for (source, target, kind), labels in _edges(scenario).items():
        arrow = "-->" if kind == ROUTE else "-.->"
        lines.append(f"  s_{source} {arrow}|{' / '.join(labels)}| s_{target}")
    for node, label, target in _interrupts(scenario):
        text = label.replace("\n", "<br/>").replace('"', "'")
        lines.append(f'  {node}{{{{"{text}"}}}} -.-> s_{target}')
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot(scenario: Scenario) -> str:
    reached, badges = _reached(scenario), _diverting(scenario)
    lines = [f"digraph {_q(scenario.id)} {{", "  rankdir=LR;",
             f"  label={_q(_('{title} (scene map)').format(title=scenario.title.get_text()))}; labelloc=t; fontname=\"DejaVu Sans\";",
             '  node [shape=box, style="rounded,filled", fontname="DejaVu Sans", fontsize=10];',
             '  edge [fontname="DejaVu Sans", fontsize=8];']
    for phase in PHASES:
        members = [sid for sid, scene in scenario.scenes.items() if scene.phase == phase]
        if not members:
            continue
        lines.append(f"  subgraph cluster_{phase} {{ label={_q(phase)}; style=dashed; color=\"#999999\";")
        for sid in members:
            scene = scenario.scenes[sid]
            fill = GREY if sid not in reached else (ENDING_COLOUR if scene.ending else PHASE_COLOURS[phase])
            extra = ', shape=doubleoctagon, penwidth=2' if scene.ending is not None else ""
            font = ', fontcolor="#777777"' if sid not in reached else ""
            lines.append(f"    {_q(sid)} [label={_q(_label(scenario, sid, badges))}, fillcolor=\"{fill}\"{extra}{font}];")
        lines.append("  }")
    for (source, target, kind), labels in _edges(scenario).items():
        style = "" if kind == ROUTE else ", style=dashed, color=\"#8a5a00\""
        lines.append(f"  {_q(source)} -> {_q(target)} [label={_q(' / '.join(labels))}{style}];")
    for node, label, target in _interrupts(scenario):
        lines.append(f"  {_q(node)} [label={_q(label)}, shape=note, fillcolor=\"#fff4d6\"];")
        lines.append(f"  {_q(node)} -> {_q(target)} [style=dashed, color=\"#8a5a00\"];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def svg(scenario: Scenario) -> str:
    program = shutil.which("dot")
    if program is None:
        raise MapError(_("SVG and HTML maps need Graphviz's 'dot' program, which is not installed "
                         "(on Debian or Ubuntu: {install}); {mermaid} or {dot} work without it").format(
            install="apt-get install graphviz", mermaid="'--format mermaid'", dot="'--format dot'"))
    try:
        done = subprocess.run([program, "-Tsvg"], input=dot(scenario), capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise MapError(_("Graphviz's dot could not draw the map: {reason}").format(reason=exc)) from None
    if done.returncode != 0:
        raise MapError(_("Graphviz's dot could not draw the map: {reason}").format(reason=done.stderr.strip()[:300]))
    return done.stdout


def page(scenario: Scenario) -> str:
    """A self-contained HTML page with the SVG map and a key."""
    key = "".join(f'<li><span style="background:{PHASE_COLOURS[p]}"></span>{p}</li>' for p in PHASES)
    body = svg(scenario)
    body = body[body.index("<svg"):]
    title = html.escape(scenario.title.get_text())
    head_title = html.escape(_("{title}: scene map").format(title=scenario.title.get_text()))
    explained = html.escape(_(
        "Scene map: scenes by phase; double outlines are endings; edge labels give the\n"
        "categories of the choices that take them (harm, prev, repair, neutral); dashed edges are events that divert\n"
        "(⚡ marks the scene where one can) and interrupts (a note each, as they can follow any decision); grey scenes\n"
        "cannot be reached from the start."), quote=False)
    unreachable = html.escape(_("unreachable"))
    lang = "en" if language() == "pseudo" else language()
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{head_title}</title>
<style>body{{font-family:"DejaVu Sans",sans-serif;margin:1.5rem;color:#262a30;background:#fbfaf7}}
ul{{list-style:none;padding:0;display:flex;gap:1rem;flex-wrap:wrap}} li span{{display:inline-block;width:1em;
height:1em;margin-right:.3em;border:1px solid #555;vertical-align:-.15em}} .map{{overflow:auto;border:1px solid #ddd8cf;background:#fff}}</style>
</head><body><h1>{title}</h1><p>{explained}</p>
<ul>{key}<li><span style="background:{GREY}"></span>{unreachable}</li></ul>
<div class="map">{body}</div>
</body></html>
"""


def scene_map(scenario: Scenario, fmt: str) -> str:
    if fmt not in FORMATS:
        raise MapError(_("unknown map format {format}: one of {names}").format(format=repr(fmt), names=", ".join(FORMATS)))
    return {"mermaid": mermaid, "dot": dot, "svg": svg, "html": page}[fmt](scenario)
