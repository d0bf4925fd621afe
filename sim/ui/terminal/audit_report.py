"""The result of the teaching audit as text: a table per case, the warnings, and a summary of the library."""

from __future__ import annotations

from statistics import median

from sim.analysis.policies import LABELS
from sim.i18n import N_, _, ngettext


def _pct(value) -> str:
    return "-" if value is None else f"{value:.0%}"


def _scenes(items, key: str = "scene", limit: int = 6) -> str:
    names = [item[key] if isinstance(item, dict) else item for item in items]
    more = _(", +{count} more").format(count=len(names) - limit) if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def render_case(case: dict) -> list[str]:
    lines = [ngettext("{case}: {count} decision ({judged} reached under the look-ahead's seed), {contexts} contexts",
                      "{case}: {count} decisions ({judged} reached under the look-ahead's seed), {contexts} contexts",
                      case["decisions"]).format(case=case["case"], count=case["decisions"], judged=case["judged"],
                                                contexts=f"{case['contexts']:,}")]

    def row(label: str, text: str) -> None:
        lines.append(f"  {label:<24} {text}")

    row(_("longest is best"), _("{share} of decisions (chance {chance})").format(
        share=_pct(case["longest_best"]), chance=_pct(case["longest_chance"])))
    places = "  ".join(f"{place}: {_pct(share)}" for place, share in case["position_harm"].items())
    row(_("harmful by position"), _("{places}   (all options {share})").format(places=places,
                                                                           share=_pct(case["harmful_share"])))
    ratios = case["length_ratio"]
    if ratios:
        worst = max(ratios, key=ratios.get)
        row(_("length ratio"), _("median {median}, highest {highest} ({scene})").format(
            median=f"{median(ratios.values()):.1f}", highest=f"{ratios[worst]:.1f}", scene=worst))
    words = case["classifier"]
    if words is None:
        row(_("word classifier"), _("not trained (the other cases give no examples of both kinds)"))
    else:
        row(_("word classifier"), _("accuracy {accuracy} (base rate {base_rate}); top pick best {top_best} (chance "
                                    "{best_chance}), preventive or repair {top_good} (chance {chance})").format(
            accuracy=_pct(words["accuracy"]), base_rate=_pct(words["base_rate"]), top_best=_pct(words.get("top_best")),
            best_chance=_pct(words.get("best_chance")), top_good=_pct(words["top_good"]), chance=_pct(words["chance"])))
    row(_("greedy = long-run best"), _("{share} of decisions").format(share=_pct(case["greedy_best"])))
    traps = case["traps"]
    row(_("contextual traps"), f"{len(traps)}" + (f": {_scenes(traps)}" if traps else ""))
    dips = case["dips"]
    row(_("right move dips first"), f"{len(dips)}" + (f": {_scenes(dips)}" if dips else ""))
    if case["policies"]:
        row(ngettext("policies ({count} run)", "policies ({count} runs)", case["runs"]).format(count=case["runs"]),
            "  ".join(f"{LABELS[p]} {_pct(rate)}" for p, rate in case["policies"].items()))
        lines.append(f"  {'':<24} " + _("(share of runs reaching the good closure with every duty met)"))
    return lines


SUMMARY = ((N_("case"), 22), (N_("longest=best"), 12), (N_("chance"), 6), (N_("harm@1"), 6), (N_("len max"), 7),
           (N_("words best"), 10), (N_("greedy=best"), 11), (N_("traps"), 5), (N_("dips"), 4), (N_("longest"), 7),
           (N_("shortest"), 8), (N_("position"), 8), (N_("words"), 5), (N_("rand p/r"), 8))


def render_summary(report: dict) -> list[str]:
    """One row per case: the figures the targets in docs/teaching.md are about."""
    columns = [(_(name), max(width, len(_(name)))) for name, width in SUMMARY]  # a longer translation widens it
    lines = ["  ".join(f"{name:>{width}}" if i else f"{name:<{width}}" for i, (name, width) in enumerate(columns))]
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
                               for i, (cell, (name, width)) in enumerate(zip(cells, columns))))
    lines.append(_("(policies: share of runs reaching the good closure with every duty met; position: the best of "
                   "positions 1-4)"))
    return lines


def render_audit(report: dict) -> str:
    lines = [_("Teaching audit: {count} case(s); look-ahead seed {seed}, policies over {runs} seeds").format(
        count=len(report["cases"]), seed=report["seed"], runs=report["runs"]), ""]
    for case in report["cases"]:
        lines += render_case(case) + [""]
    lines += [_("Summary")] + render_summary(report) + [""]
    warnings = report["warnings"]
    lines.append(_("{count} warning(s)").format(count=len(warnings)) + (":" if warnings else ""))
    lines += [f"  {w}" for w in warnings]
    return "\n".join(lines)


CASE_COLUMNS = (N_("case"), N_("decisions"), N_("longest = best (chance)"), N_("harmful at written 1 (all options)"),
                N_("length ratio, highest"), N_("word classifier: top pick best (chance)"),
                N_("top pick preventive or repair (chance)"), N_("greedy = best"), N_("traps"), N_("dips"))
POLICY_COLUMNS = ("longest", "shortest", "position_1", "position_2", "position_3", "position_4", "classifier",
                  "random_good")


def _at(by_position: dict, place: int):
    """A figure by written position, from the report or from its JSON (where the keys became strings)."""
    return by_position.get(place, by_position.get(str(place)))


def render_markdown(report: dict) -> str:
    """The audit's figures as the two Markdown tables of docs/teaching.md, and its warnings."""
    lines = ["| " + " | ".join(_(column) for column in CASE_COLUMNS) + " |", "|" + "---|" * len(CASE_COLUMNS)]
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
    lines += ["", _("Surface policies, share of {runs} runs reaching the good closure with every duty met:").format(
        runs=report["runs"]), "", "| " + _("case") + " | " + " | ".join(LABELS[p] for p in POLICY_COLUMNS) + " |",
              "|" + "---|" * (len(POLICY_COLUMNS) + 1)]
    for case in report["cases"]:
        policies = case["policies"]
        lines.append(f"| {case['case']} | " + " | ".join(_pct(policies.get(p)) for p in POLICY_COLUMNS) + " |")
    warnings = report["warnings"]
    lines += ["", _("{count} warning(s)").format(count=len(warnings)) + (":" if warnings else ".")]
    lines += [f"* {w}" for w in warnings]
    return "\n".join(lines) + "\n"
