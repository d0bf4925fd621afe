"""The check's work grows with the scenes, not faster: counted in calls (Python and built-in), not time."""

import sys

from sim.scenario.catalogue import load_catalogue
from sim.scenario.checker import check
from sim.scenario.loader import read_scenario
from sim.scenario.problems import ProblemList
from synthetic import synthetic_scenario


def _scenario(scenes):
    # every third scene also offers a move that withholds a report (the withheld-report check walks the graph)
    text = synthetic_scenario(scenes).replace("strategy: active_listening", "strategy: withhold_report")
    problems = ProblemList("synthetic")
    scenario = read_scenario(text, "synthetic", load_catalogue(), problems)
    assert not problems.has_errors, [p.format() for p in problems.items][:3]
    return scenario


def _calls_in_check(scenario) -> tuple[int, int]:
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    problems = ProblemList("synthetic")
    sys.setprofile(count)
    try:
        check(scenario, problems)
    finally:
        sys.setprofile(None)
    return calls, len(problems.items)


def test_check_work_is_linear_in_the_scenes():
    small_calls, small_problems = _calls_in_check(_scenario(200))
    large_calls, large_problems = _calls_in_check(_scenario(2000))
    assert small_problems > 10  # the withheld-report warnings: the walk that could be quadratic did run
    assert large_problems > 9 * small_problems
    assert large_calls <= 11 * small_calls, (small_calls, large_calls)
