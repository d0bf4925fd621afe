"""The result of ``explore`` as text."""

from __future__ import annotations

from sim.analysis.explore import Exploration
from sim.i18n import _
from sim.scenario.model import Scenario


def _path_lines(path: list, scenario: Scenario) -> list[str]:
    lines = []
    for number, step in enumerate(path, 1):
        scene = scenario.scenes[step["scene"]]
        choice = next(c for c in scene.choices if c.id == step["choice"])
        text = " ".join(choice.text.get_text("en").split())
        if len(text) > 70:
            text = text[:69].rstrip() + "\u2026"
        lines.append(f"      {number:>2}. {step['scene']}: {text} [{step['strategy']}]")
    return lines


def render_exploration(result: Exploration, scenario: Scenario, show_paths: bool = True,
                       to: str | None = None) -> str:
    lines = [_("Exploration of {case} (seeds {seeds}, policy {policy})").format(
                 case=result.scenario, seeds=", ".join(map(str, result.seeds)), policy=result.policy),
             _("Searched {nodes} distinct situations (scene and state) through {edges} choices; paths that reach "
               "the same situation are followed once.").format(nodes=f"{result.nodes:,}", edges=f"{result.edges:,}"),
             ""]
    for summary in result.endings.values():
        if summary.reachable:
            words = (_("{scene} ({type}): reachable, final alliance {low} to {high}; some paths here leave a legal "
                       "duty unmet") if summary.duty_failed
                     else _("{scene} ({type}): reachable, final alliance {low} to {high}"))
            lines.append("  " + words.format(scene=summary.scene, type=summary.type, low=f"{summary.min_score:.1f}",
                                             high=f"{summary.max_score:.1f}"))
        else:
            lines.append("  " + _("{scene} ({type}): NOT reachable").format(scene=summary.scene, type=summary.type))
    if to is not None:  # the best and worst path to one ending
        summary = result.endings[to]
        if summary.reachable and show_paths:
            lines += ["", _("Best path to {ending}: alliance {score} (seed {seed})").format(
                ending=to, score=f"{summary.max_score:.1f}", seed=summary.best_seed)]
            lines += _path_lines(summary.best, scenario)
            lines += ["", _("Worst path to {ending}: alliance {score} (seed {seed})").format(
                ending=to, score=f"{summary.min_score:.1f}", seed=summary.worst_seed)]
            lines += _path_lines(summary.worst, scenario)
        return "\n".join(lines)
    best, worst = result.extreme(True), result.extreme(False)
    if best is not None and show_paths:
        lines += ["", _("Best path: alliance {score}, ending {ending} (seed {seed})").format(
            score=f"{best.max_score:.1f}", ending=best.scene, seed=best.best_seed)]
        lines += _path_lines(best.best, scenario)
        lines += ["", _("Worst path: alliance {score}, ending {ending} (seed {seed})").format(
            score=f"{worst.min_score:.1f}", ending=worst.scene, seed=worst.worst_seed)]
        lines += _path_lines(worst.worst, scenario)
    return "\n".join(lines)
