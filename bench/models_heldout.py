"""Scores of bench/models_heldout.sh: MAE, RMSE, R^2 and n of every model's test_results-style CSV
(id,target,prediction; no header) on the deduplicated held-out rows, per subset, as a Markdown table
(stdout) and JSON (OUT/scores.json).

    /usr/bin/python3 bench/models_heldout.py OUT
"""

import csv
import json
import math
import os
import sys

UNITS = {"formation-energy": "eV/atom", "band-gap": "eV"}


def read(path):
    with open(path) as f:
        return {r[0]: (float(r[1]), float(r[2])) for r in csv.reader(f) if r and r[1] and r[2]}


def score(pairs):
    n = len(pairs)
    if n == 0:
        return None
    t = [a for a, _ in pairs]
    mean = sum(t) / n
    mae = sum(abs(a - b) for a, b in pairs) / n
    rmse = math.sqrt(sum((a - b) ** 2 for a, b in pairs) / n)
    ss = sum((a - mean) ** 2 for a in t)
    r2 = 1 - sum((a - b) ** 2 for a, b in pairs) / ss if ss > 0 else float("nan")
    return {"mae": mae, "rmse": rmse, "r2": r2, "n": n}


def main(out):
    v1_test = set(open(os.path.join(out, "v1_test_ids.txt")).read().split())
    rows, scores = [], {}
    for prop in ("formation-energy", "band-gap"):
        for who in ("published", "spinel-v1", "spinel-v2"):
            path = os.path.join(out, f"{who}-{prop}.csv")
            if not os.path.exists(path):
                continue
            res = read(path)
            subsets = {
                "all held-out rows": list(res),
                "not in v1 training": [i for i in res if i in v1_test],
            }
            if prop == "band-gap":
                subsets["gap > 0"] = [i for i in res if res[i][0] > 0]
                subsets["metals (gap 0)"] = [i for i in res if res[i][0] == 0]
            for name, ids in subsets.items():
                s = score([res[i] for i in ids])
                scores[f"{who}/{prop}/{name}"] = s
                rows.append(
                    f"| {prop} | {who} | {name} | {s['n']:,} | {s['mae']:.4f} {UNITS[prop]} | "
                    f"{s['rmse']:.4f} {UNITS[prop]} | {s['r2']:.3f} |"
                )
    with open(os.path.join(out, "scores.json"), "w") as f:
        json.dump(scores, f, indent=1)
    print("| property | model | rows | n | MAE | RMSE | R² |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main(sys.argv[1])
