"""The result of the teaching audit as text: a table per case, the warnings, and a summary of the library."""

from __future__ import annotations

from statistics import median

from sim.analysis.policies import LABELS


def _pct(value) -> str:
    return "-" if value is None else f"{value:.0%}"


def _scenes(items, key: str = "scene", limit: int = 6) -> str:
    names = [item[key] if isinstance(item, dict) else item for item in items]
    more = f", +{len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def render_case(case: dict) -> list[str]:
    lines = [f"{case['case']}: {case['decisions']} decisions ({case['judged']} reached under the look-ahead's seed), "
             f"{case['contexts']:,} contexts"]

    def row(label: str, text: str) -> None:
        lines.append(f"  {label:<24} {text}")

    row("longest is best", f"{_pct(case['longest_best'])} of decisions (chance {_pct(case['longest_chance'])})")
    places = "  ".join(f"{place}: {_pct(share)}" for place, share in case["position_harm"].items())
    row("harmful by position", f"{places}   (all options {_pct(case['harmful_share'])})")
    ratios = case["length_ratio"]
    if ratios:
        worst = max(ratios, key=ratios.get)
        row("length ratio", f"median {median(ratios.values()):.1f}, highest {ratios[worst]:.1f} ({worst})")
    words = case["classifier"]
    if words is None:
        row("word classifier", "not trained (the other cases give no examples of both kinds)")
    else:
        row("word classifier", f"accuracy {_pct(words['accuracy'])} (base rate {_pct(words['base_rate'])}); top pick "
                               f"best {_pct(words.get('top_best'))} (chance {_pct(words.get('best_chance'))}), "
                               f"preventive or repair {_pct(words['top_good'])} (chance {_pct(words['chance'])})")
    row("greedy = long-run best", f"{_pct(case['greedy_best'])} of decisions")
    traps = case["traps"]
    row("contextual traps", f"{len(traps)}" + (f": {_scenes(traps)}" if traps else ""))
    dips = case["dips"]
    row("right move dips first", f"{len(dips)}" + (f": {_scenes(dips)}" if dips else ""))
    if case["policies"]:
        row(f"policies ({case['runs']} runs)", "  ".join(f"{LABELS[p]} {_pct(rate)}"
                                                           for p, rate in case["policies"].items()))
        lines.append(f"  {'':<24} (share of runs reaching the good closure with every duty met)")
    return lines


SUMMARY = (("case", 22), ("longest=best", 12), ("chance", 6), ("harm@1", 6), ("len max", 7), ("words best", 10),
           ("greedy=best", 11), ("traps", 5), ("dips", 4), ("longest", 7), ("shortest", 8), ("position", 8),
           ("words", 5), ("rand p/r", 8))


def render_summary(report: dict) -> list[str]:
    """One row per case: the figures the targets in docs/teaching.md are about."""
    lines = ["  ".join(f"{name:>{width}}" if i else f"{name:<{width}}" for i, (name, width) in enumerate(SUMMARY))]
    for case in report["cases"]:
        policies, words = case["policies"], case["classifier"] or {}
        positions = [rate for p, rate in policies.items() if p.startswith("position_")]
        cells = [case["case"], _pct(case["longest_best"]), _pct(case["longest_chance"]),
                 _pct(case["position_harm"].get(1)), f"{max(case['length_ratio'].values(), default=0):.1f}",
                 _pct(words.get("top_best")), _pct(case["greedy_best"]), str(len(case["traps"])),
                 str(len(case["dips"])), _pct(policies.get("longest")), _pct(policies.get("shortest")),
                 _pct(max(positions)) if positions else "-", _pct(policies.get("classifier")),
                 _pct(policies.get("random_good"))]
        lines.append("  ".join(f"{cell:>{width}}" if i else f"{cell:<{width}}"
                               for i, (cell, (_, width)) in enumerate(zip(cells, SUMMARY))))
    lines.append("(policies: share of runs reaching the good closure with every duty met; position: the best of "
                 "positions 1-4)")
    return lines


def render_audit(report: dict) -> str:
    lines = [f"Teaching audit: {len(report['cases'])} case(s); look-ahead seed {report['seed']}, "
             f"policies over {report['runs']} seeds", ""]
    for case in report["cases"]:
        lines += render_case(case) + [""]
    lines += ["Summary"] + render_summary(report) + [""]
    warnings = report["warnings"]
    lines.append(f"{len(warnings)} warning(s)" + (":" if warnings else ""))
    lines += [f"  {w}" for w in warnings]
    return "\n".join(lines)


CASE_COLUMNS = ("case", "decisions", "longest = best (chance)", "harmful at written 1 (all options)",
                "length ratio, highest", "word classifier: top pick best (chance)",
                "top pick preventive or repair (chance)", "greedy = best", "traps", "dips")
POLICY_COLUMNS = ("longest", "shortest", "position_1", "position_2", "position_3", "position_4", "classifier",
                  "random_good")


def _at(by_position: dict, place: int):
    """A figure by written position, from the report or from its JSON (where the keys became strings)."""
    return by_position.get(place, by_position.get(str(place)))


def render_markdown(report: dict) -> str:
    """The audit's figures as the two Markdown tables of docs/teaching.md, and its warnings."""
    lines = ["| " + " | ".join(CASE_COLUMNS) + " |", "|" + "---|" * len(CASE_COLUMNS)]
    for case in report["cases"]:
        words = case["classifier"] or {}
        cells = [case["case"], str(case["decisions"]),
                 f"{_pct(case['longest_best'])} ({_pct(case['longest_chance'])})",
                 f"{_pct(_at(case['position_harm'], 1))} ({_pct(case['harmful_share'])})",
                 f"{max(case['length_ratio'].values(), default=0):.2f}",
                 f"{_pct(words.get('top_best'))} ({_pct(words.get('best_chance'))})",
                 f"{_pct(words.get('top_good'))} ({_pct(words.get('chance'))})",
                 _pct(case["greedy_best"]), str(len(case["traps"])), str(len(case["dips"]))]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"Surface policies, share of {report['runs']} runs reaching the good closure with every duty met:",
              "", "| case | " + " | ".join(LABELS[p] for p in POLICY_COLUMNS) + " |",
              "|" + "---|" * (len(POLICY_COLUMNS) + 1)]
    for case in report["cases"]:
        policies = case["policies"]
        lines.append(f"| {case['case']} | " + " | ".join(_pct(policies.get(p)) for p in POLICY_COLUMNS) + " |")
    warnings = report["warnings"]
    lines += ["", f"{len(warnings)} warning(s)" + (":" if warnings else ".")]
    lines += [f"* {w}" for w in warnings]
    return "\n".join(lines) + "\n"
