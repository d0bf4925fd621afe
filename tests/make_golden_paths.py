"""Record fixed paths through every shipped case and the state each ends in.

Run by hand (python tests/make_golden_paths.py) only when a change to the model is meant to change
what the cases do; tests/test_golden_paths.py replays the file and compares.
"""
import json
import random
import sys
from pathlib import Path
sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
from sim.engine.session import Session
from sim.scenario.loader import check_scenario_file
from sim.scenario.library import scenario_files

def run(scenario, seed, rng):
    s = Session(scenario, seed)
    path = []
    while not s.is_over:
        v = s.view()
        if v.kind == "scene":
            c = rng.choice(v.choices)
            s.choose(c.id)
            path.append({"choice": s.decisions[-1].choice_id})
        elif v.kind == "calibration":
            path.append({"calibration": 50}); s.answer(50)
        else:
            path.append({"notice": "none"}); s.answer("none")
    return path, final_state(s)


def final_state(s):
    """What the golden file keeps of a finished session."""
    st = s.state
    return {"scene": st.scene, "decisions": st.decisions, "ruptures": st.ruptures, "repairs": st.repairs,
             "stances": st.stances, "dims": {c: {k: round(x, 9) for k, x in d.items()} for c, d in st.dims.items()},
             "shared_purpose": round(st.shared_purpose, 9), "variables": st.variables, "fired": sorted(st.fired),
             "duties": sorted(st.duties), "score": round(st.score, 9),
             "trajectory": [round(p.score, 9) for p in s.trajectory],
             "decisions_log": [[d.scene_id, d.choice_id, d.strategy, round(d.score_before, 9)] for d in s.decisions],
             "ruptures_log": [[r.caregiver, r.kind, r.began_at, r.ended_at, r.outcome] for r in s.ruptures]}

def main():
    out = {}
    for f in scenario_files():
        scenario, _ = check_scenario_file(f)
        rng = random.Random(f.stem)
        runs = []
        for i in range(12):
            seed = i % 3
            path, final = run(scenario, seed, rng)
            runs.append({"seed": seed, "actions": path, "final": final})
        out[scenario.id] = runs
    json.dump(out, open(Path(__file__).parent / 'data' / 'golden_paths.json', 'w'), indent=0, sort_keys=True)


if __name__ == "__main__":
    main()
