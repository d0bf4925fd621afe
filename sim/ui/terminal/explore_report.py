"""The result of ``explore`` as text."""

from __future__ import annotations

from sim.analysis.explore import Exploration
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
    lines = [f"Exploration of {result.scenario} (seeds {', '.join(map(str, result.seeds))}, "
             f"policy {result.policy})",
             f"Searched {result.nodes:,} distinct situations (scene and state) through {result.edges:,} choices; "
             "paths that reach the same situation are followed once.", ""]
    for summary in result.endings.values():
        if summary.reachable:
            duty = "; some paths here leave a legal duty unmet" if summary.duty_failed else ""
            lines.append(f"  {summary.scene} ({summary.type}): reachable, final alliance "
                         f"{summary.min_score:.1f} to {summary.max_score:.1f}{duty}")
        else:
            lines.append(f"  {summary.scene} ({summary.type}): NOT reachable")
    if to is not None:  # the best and worst path to one ending
        summary = result.endings[to]
        if summary.reachable and show_paths:
            lines += ["", f"Best path to {to}: alliance {summary.max_score:.1f} (seed {summary.best_seed})"]
            lines += _path_lines(summary.best, scenario)
            lines += ["", f"Worst path to {to}: alliance {summary.min_score:.1f} (seed {summary.worst_seed})"]
            lines += _path_lines(summary.worst, scenario)
        return "\n".join(lines)
    best, worst = result.extreme(True), result.extreme(False)
    if best is not None and show_paths:
        lines += ["", f"Best path: alliance {best.max_score:.1f}, ending {best.scene} (seed {best.best_seed})"]
        lines += _path_lines(best.best, scenario)
        lines += ["", f"Worst path: alliance {worst.min_score:.1f}, ending {worst.scene} (seed {worst.worst_seed})"]
        lines += _path_lines(worst.worst, scenario)
    return "\n".join(lines)
