"""A teaching lint: does a case reward judgement, or a style that can be read off the options?

For each case of a library the audit measures the tells the teaching brief
names (docs/teaching.md explains each figure and threshold):

* how often the longest option is the best one, against chance;
* the share of decisions whose option at each written position is harmful
  (counterproductive), against the harmful share of all options;
* the longest-to-shortest length ratio of each decision's options;
* a word classifier trained on the other cases (``wordtell``): its accuracy,
  and how often its top pick is good (preventive or repair), against chance;
* how often the greedy move (the best immediate change) is the long-run best
  (from ``lookahead``);
* contextual traps: decisions where a preventive or repair move is wrong in
  context (its long-run value is at least ``CLEAR_GAP`` below the best
  option's, or it loses the good closure the best keeps);
* dips: decisions where the right move looks worse in the moment (the
  long-run best is not the greedy move);
* surface policies played through the engine (``policies``): how often each
  reaches the good closure with every duty met.

"Best" is ``lookahead.best_options``. A decision is a scene with two or more
choices. The measures that need the look-ahead judge a decision in the
contexts the pass kept at that scene (the lowest and highest state of each
bucket, under ``SEED``) from which the good closure can still be reached, or
in all of them where it can be reached from none: what a learner still on
course for a good closure has to tell apart; at most ``CONTEXTS_PER_SCENE``
of them, evenly spread over the scene's range of alliance (judging every
context changed no figure by more than a point on the shipped cases, at three
times the cost). A scene's figure is the share of its contexts, and the
case's the mean over its scenes, so each decision counts once. A scene is
named for a tell when the tell holds in at least ``MAJORITY`` of its contexts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sim.analysis.lookahead import TIE, best_options, lookahead
from sim.analysis.policies import LABELS, POLICIES, SURFACE, win_rates
from sim.analysis.wordtell import choice_text, held_out_classifier, is_good
from sim.scenario.model import Scenario
from sim.i18n import _

# Thresholds (docs/teaching.md gives the reasons).
Z_LIMIT = 1.645             # a surface cue above chance by this many standard errors (one-sided 5%)
LENGTH_RATIO_LIMIT = 1.5    # longest option over the shortest, per decision
GREEDY_LIMIT = 0.5          # the greedy move is the long-run best in more than this share of decisions
CLEAR_GAP = 2.0             # alliance points (0-100) below the best option's long-run value: clearly wrong
MIN_TRAPS = 2               # decisions with a preventive or repair move that is wrong in context
MIN_DIPS = 2                # decisions whose right move looks worse in the moment
POLICY_LIMIT = 0.3          # share of runs a surface policy may reach the good closure in
LIBRARY_POLICY_CASES = 1    # cases of a library a surface policy may beat
MAJORITY = 0.5              # share of a scene's contexts for a tell to name the scene
CONTEXTS_PER_SCENE = 80     # contexts judged per scene at most, spread over its range of alliance
SEED = 0                    # the look-ahead's seed (chance events); the policies play seeds 0..runs-1
RUNS = 100
COUNTERPRODUCTIVE = "counterproductive"


@dataclass
class Finding:
    """A warning: which case, which scenes, which tell, and what was measured."""

    case: str
    tell: str
    message: str
    scenes: list = field(default_factory=list)

    def format(self) -> str:
        where = f" [{', '.join(self.scenes)}]" if self.scenes else ""
        return f"{self.case}: {self.tell}: {self.message}{where}"


@dataclass
class CaseAudit:
    case: str
    decisions: int = 0
    judged: int = 0                                        # decisions the look-ahead reached (under SEED)
    contexts: int = 0
    longest_best: float | None = None
    longest_chance: float | None = None
    harmful_share: float = 0.0
    position_harm: dict = field(default_factory=dict)      # written position -> share of decisions
    position_count: dict = field(default_factory=dict)     # written position -> decisions that have it
    length_ratio: dict = field(default_factory=dict)       # scene -> longest / shortest
    classifier: dict | None = None
    greedy_best: float | None = None
    traps: list = field(default_factory=list)              # [{scene, choice, strategy, share}]
    dips: list = field(default_factory=list)               # [{scene, best, greedy, share}]
    policies: dict = field(default_factory=dict)           # policy -> share of runs at the good closure
    runs: int = 0
    scenes: dict = field(default_factory=dict)             # tell -> scenes where it holds
    warnings: list = field(default_factory=list)

    def as_dict(self) -> dict:
        data = dict(vars(self))
        data["warnings"] = [vars(w) for w in self.warnings]
        return data


def above_chance(rate: float, chance: float, n: int) -> bool:
    """Whether ``rate`` over ``n`` decisions is above ``chance`` by more than ``Z_LIMIT`` standard errors
    (the binomial's, as if each decision were a coin with the chance's odds): more than luck explains."""
    if n <= 0 or rate <= chance + TIE:
        return False
    spread = (chance * (1 - chance) / n) ** 0.5
    return spread == 0 or (rate - chance) / spread >= Z_LIMIT


def spread(items: list, count: int | None) -> list:
    """At most ``count`` of ``items``, evenly spaced (all of them when ``count`` is None)."""
    if count is None or len(items) <= count:
        return list(items)
    if count == 1:
        return [items[len(items) // 2]]
    return [items[round(i * (len(items) - 1) / (count - 1))] for i in range(count)]


def _share(part, whole) -> float:
    return len(part) / len(whole) if whole else 0.0


def _decisions(scenario: Scenario) -> list:
    return [scene for scene in scenario.scenes.values() if len(scene.choices) >= 2]


def _written_measures(scenario: Scenario, report: CaseAudit) -> None:
    """What the text alone shows: harmful share by written position and the length ratio."""
    strategies = scenario.catalogue.strategies
    decisions = _decisions(scenario)
    options = [c for scene in decisions for c in scene.choices]
    report.harmful_share = _share([c for c in options if strategies[c.strategy].category == COUNTERPRODUCTIVE],
                                  options)
    for place in range(1, max((len(s.choices) for s in decisions), default=0) + 1):
        having = [s for s in decisions if len(s.choices) >= place]
        harmful = [s.id for s in having if strategies[s.choices[place - 1].strategy].category == COUNTERPRODUCTIVE]
        report.position_harm[place] = _share(harmful, having)
        report.position_count[place] = len(having)
        report.scenes[f"harmful_at_{place}"] = harmful
    for scene in decisions:
        lengths = [len(choice_text(c).strip()) for c in scene.choices]
        report.length_ratio[scene.id] = max(lengths) / max(1, min(lengths))


def _classifier_measures(scenario: Scenario, library: list[Scenario], report: CaseAudit):
    classifier = held_out_classifier(library, scenario)
    if classifier is None:
        return None
    choices = [c for scene in scenario.scenes.values() for c in scene.choices]
    labels = [is_good(scenario, c) for c in choices]
    right = sum(classifier.predicts_good(choice_text(c)) == label for c, label in zip(choices, labels))
    top_good, chance = [], []
    for scene in _decisions(scenario):
        top = max(scene.choices, key=lambda c: classifier.log_odds(choice_text(c)))
        if is_good(scenario, top):
            top_good.append(scene.id)
        chance.append(_share([c for c in scene.choices if is_good(scenario, c)], scene.choices))
    decisions = len(_decisions(scenario))
    base = max(sum(labels), len(labels) - sum(labels)) / len(labels) if labels else 0.0
    report.classifier = {"accuracy": right / len(choices) if choices else 0.0, "base_rate": base,
                         "top_good": len(top_good) / decisions if decisions else 0.0,
                         "chance": sum(chance) / decisions if decisions else 0.0}
    report.scenes["classifier_top_good"] = top_good
    return classifier


def _judge(scenario: Scenario, state, options, classifier=None) -> dict:
    """One decision in one context: what each tell says."""
    best = best_options(options)
    best_ids = {o.choice for o in best}
    choices = {c.id: c for c in scenario.scenes[state.scene].choices}
    texts = {cid: len(choice_text(c).strip()) for cid, c in choices.items()}
    longest = max(texts[o.choice] for o in options)
    longest_ids = [o.choice for o in options if texts[o.choice] == longest]
    top_now = max(o.immediate for o in options)
    greedy_ids = [o.choice for o in options if o.immediate >= top_now - TIE]
    words = None
    if classifier is not None:
        top_words = max(options, key=lambda o: classifier.log_odds(choice_text(choices[o.choice])))
        words = float(top_words.choice in best_ids)
    top = best[0]
    traps = []
    for option in options:
        if option.choice in best_ids or scenario.catalogue.strategies[option.strategy].category not in (
                "preventive", "repair"):
            continue
        loses = top.value.good and not option.value.good
        if loses or top.long_run - option.long_run >= CLEAR_GAP:
            traps.append(option.choice)
    return {
        "longest": sum(c in best_ids for c in longest_ids) / len(longest_ids),
        "chance": len(best_ids) / len(options),
        "greedy": sum(c in best_ids for c in greedy_ids) / len(greedy_ids),
        "dip": not best_ids & set(greedy_ids),
        "traps": traps,
        "words": words,
        "best": top.choice,
        "greedy_move": greedy_ids[0],
    }


def _context_measures(scenario: Scenario, report: CaseAudit, seed: int, classifier=None) -> None:
    """What the look-ahead shows: longest against best, greedy against best, traps and dips."""
    pass_ = lookahead(scenario, seed)
    kept, live = defaultdict(list), defaultdict(list)
    for state, value in pass_.decisions():
        if len(scenario.scenes[state.scene].choices) >= 2:
            kept[state.scene].append(state)
            if value.good:
                live[state.scene].append(state)
    by_scene = {}
    for sid, states in kept.items():
        chosen = spread(live.get(sid) or states, CONTEXTS_PER_SCENE)
        judged = [_judge(scenario, state, options, classifier) for state in chosen
                  for options in (pass_.options(state),) if len(options) >= 2]
        if judged:
            by_scene[sid] = judged
    report.contexts = sum(len(v) for v in by_scene.values())
    longest, chance, greedy, words = [], [], [], []
    report.judged = len(by_scene)
    report.scenes.update(longest_best=[], greedy_best=[], classifier_top_best=[])
    for sid, judged in by_scene.items():
        n = len(judged)
        longest.append(sum(j["longest"] for j in judged) / n)
        chance.append(sum(j["chance"] for j in judged) / n)
        greedy.append(sum(j["greedy"] for j in judged) / n)
        if longest[-1] >= MAJORITY:
            report.scenes["longest_best"].append(sid)
        if greedy[-1] >= MAJORITY:
            report.scenes["greedy_best"].append(sid)
        if classifier is not None:
            words.append(sum(j["words"] for j in judged) / n)
            if words[-1] >= MAJORITY:
                report.scenes["classifier_top_best"].append(sid)
        trapped = [j for j in judged if j["traps"]]
        if len(trapped) / n >= MAJORITY:
            choice = Counter(c for j in trapped for c in j["traps"]).most_common(1)[0][0]
            report.traps.append({"scene": sid, "choice": choice,
                                 "strategy": scenario.scenes[sid].choice(choice).strategy,
                                 "share": len(trapped) / n})
        dipped = [j for j in judged if j["dip"]]
        if len(dipped) / n >= MAJORITY:
            best, now = Counter((j["best"], j["greedy_move"]) for j in dipped).most_common(1)[0][0]
            report.dips.append({"scene": sid, "best": best, "greedy": now, "share": len(dipped) / n})
    if by_scene:
        report.longest_best = sum(longest) / len(longest)
        report.longest_chance = sum(chance) / len(chance)
        report.greedy_best = sum(greedy) / len(greedy)
        if words and report.classifier is not None:
            report.classifier["top_best"] = sum(words) / len(words)
            report.classifier["best_chance"] = report.longest_chance


def audit_case(scenario: Scenario, library: list[Scenario] | None = None, runs: int = RUNS,
               seed: int = SEED) -> CaseAudit:
    """Every measure for one case; ``library`` (which may include the case) trains the word classifier."""
    report = CaseAudit(scenario.id, decisions=len(_decisions(scenario)), runs=runs)
    _written_measures(scenario, report)
    classifier = _classifier_measures(scenario, library or [scenario], report)
    _context_measures(scenario, report, seed, classifier)
    report.policies = win_rates(scenario, runs, classifier) if runs else {}
    report.warnings = case_warnings(report)
    return report


def case_warnings(report: CaseAudit) -> list[Finding]:
    """The thresholds, applied to one case's figures."""
    found, case, scenes = [], report.case, report.scenes
    if report.longest_best is not None and above_chance(report.longest_best, report.longest_chance, report.judged):
        found.append(Finding(case, "longest is best", _("the longest option is the best in "
                               "{share:.0%} of decisions (chance {chance:.0%})").format(
                                 share=report.longest_best, chance=report.longest_chance),
                             scenes["longest_best"]))
    for place, share in report.position_harm.items():
        if above_chance(share, report.harmful_share, report.position_count[place]):
            found.append(Finding(case, "harmful by position", _("written option {place} is harmful in {share:.0%} of "
                                   "decisions ({overall:.0%} of all options are)").format(
                                     place=place, share=share, overall=report.harmful_share),
                                 scenes[f"harmful_at_{place}"]))
    long = [sid for sid, ratio in report.length_ratio.items() if ratio > LENGTH_RATIO_LIMIT]
    if long:
        worst = max(report.length_ratio.values())
        found.append(Finding(case, "length ratio", _("{count} decision(s) have options more than "
                               "{limit:g} times as long as others (up to {worst:.1f})").format(
                                 count=len(long), limit=LENGTH_RATIO_LIMIT, worst=worst), long))
    words = report.classifier
    if words is not None and "top_best" in words and above_chance(words["top_best"], words["best_chance"],
                                                                  report.judged):
        found.append(Finding(case, "word tell", _("a word classifier trained on the other cases picks the best move in "
                               "{best:.0%} of decisions (chance {chance:.0%}; it picks a "
                               "preventive or repair move in {good:.0%})").format(
                                 best=words["top_best"], chance=words["best_chance"], good=words["top_good"]),
                             scenes["classifier_top_best"]))
    if report.greedy_best is not None and report.greedy_best > GREEDY_LIMIT:
        found.append(Finding(case, "greedy is best", _("the move that pays most at once is the long-run best in "
                               "{share:.0%} of decisions").format(share=report.greedy_best), scenes["greedy_best"]))
    if report.greedy_best is not None and len(report.traps) < MIN_TRAPS:
        found.append(Finding(case, "no contextual traps", _("{count} decision(s) where a preventive or "
                               "repair move is wrong in context (at least {wanted} wanted)").format(
                                 count=len(report.traps), wanted=MIN_TRAPS),
                             [t["scene"] for t in report.traps]))
    if report.greedy_best is not None and len(report.dips) < MIN_DIPS:
        found.append(Finding(case, "no dips", _("{count} decision(s) where the right move looks worse in "
                               "the moment (at least {wanted} wanted)").format(count=len(report.dips), wanted=MIN_DIPS),
                             [d["scene"] for d in report.dips]))
    for policy, rate in report.policies.items():
        if rate >= POLICY_LIMIT:
            found.append(Finding(case, "surface policy wins", _("'{policy}' reaches the good closure with "
                                   "every duty met in {rate:.0%} of {runs} runs").format(
                                     policy=LABELS[policy], rate=rate, runs=report.runs)))
    return found


def library_warnings(reports: list[CaseAudit]) -> list[Finding]:
    """Across the library: a surface policy may beat at most ``LIBRARY_POLICY_CASES`` cases."""
    found = []
    for policy in SURFACE:
        beaten = [r.case for r in reports if r.policies.get(policy, 0.0) >= POLICY_LIMIT]
        if len(beaten) > LIBRARY_POLICY_CASES:
            found.append(Finding("library", "surface policy wins", _("'{policy}' reaches the good closure in "
                                   "{count} of {total} cases").format(
                                     policy=LABELS[policy], count=len(beaten), total=len(reports)), beaten))
    return found


def audit_library(scenarios: list[Scenario], runs: int = RUNS, seed: int = SEED) -> dict:
    """Audit every case, training each one's classifier on the others. Returns the JSON-ready report."""
    reports = [audit_case(scenario, scenarios, runs, seed) for scenario in scenarios]
    library = library_warnings(reports)
    return {
        "cases": [r.as_dict() for r in reports],
        "library": {"warnings": [vars(w) for w in library],
                    "policies": {p: sum(r.policies.get(p, 0.0) >= POLICY_LIMIT for r in reports) for p in POLICIES}},
        "warnings": [w.format() for r in reports for w in r.warnings] + [w.format() for w in library],
        "thresholds": thresholds(),
        "seed": seed, "runs": runs,
    }


def thresholds() -> dict:
    return {"z_limit": Z_LIMIT, "length_ratio": LENGTH_RATIO_LIMIT, "greedy": GREEDY_LIMIT,
            "clear_gap": CLEAR_GAP, "min_traps": MIN_TRAPS, "min_dips": MIN_DIPS, "policy": POLICY_LIMIT,
            "library_policy_cases": LIBRARY_POLICY_CASES, "majority": MAJORITY}
