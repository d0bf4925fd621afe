"""Diagrams of the two state machines, drawn by ``transitions``' own ``GraphMachine``.

The machines are built from the same specs the session uses (``phase_machine_spec``,
``stance_machine_spec``), so the picture cannot drift from the code. Mermaid text needs nothing else;
Graphviz DOT text is produced by the ``graphviz`` Python package, without the ``dot`` program (which is
only needed to turn the text into an image).
"""

from __future__ import annotations

from transitions.extensions import GraphMachine

from sim.engine.phases import PhaseMachine
from sim.engine.stance import StanceMachine
from sim.errors import AllianceError
from sim.i18n import N_, _

MACHINES = ("phase", "stance")
FORMATS = ("mermaid", "dot")
ENGINE = {"mermaid": "mermaid", "dot": "graphviz"}
TITLES = {"phase": N_("Phases of a case"), "stance": N_("Stance of a caregiver")}


def diagram(machine: str = "phase", fmt: str = "mermaid") -> str:
    """The diagram of ``machine`` ("phase" or "stance") as Mermaid or DOT text."""
    if machine not in MACHINES:
        raise AllianceError(_("unknown machine {machine}: one of {names}").format(
            machine=repr(machine), names=", ".join(MACHINES)))
    if fmt not in FORMATS:
        raise AllianceError(_("unknown diagram format {format}: one of {names}").format(
            format=repr(fmt), names=", ".join(FORMATS)))
    options = {"graph_engine": ENGINE[fmt], "show_conditions": True, "title": _(TITLES[machine])}
    if machine == "phase":
        model = PhaseMachine("intake", lambda phase: None, machine_class=GraphMachine, **options)
    else:
        model = StanceMachine({"caregiver": "guarded"}, lambda *a: None, lambda *a: None, machine_class=GraphMachine,
                              **options).models["caregiver"]
    graph = model.get_graph()
    text = graph.draw(None) if fmt == "mermaid" else graph.source
    return text if text.endswith("\n") else text + "\n"
