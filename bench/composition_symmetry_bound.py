#!/usr/bin/python3
"""How much of a structure's symmetry its composition can tell, on Matbench mp_gap's official folds.

For every fold: the test rows whose reduced formula also occurs among the fold's training rows
(polymorphs), and how often the most common crystal system / space group of that formula in training
is the test row's (the best any composition-only model can do on those rows, given the training
data), and how often the test row's label occurs among the formula's training labels at all. And
the ceiling for ANY composition-only classifier on the whole test fold: such a model gives all rows of
one formula the same answer, so at best each formula's most common label among its own test rows
("ceiling_on_test_fold"). Labels and folds from ../shared/data/matbench_meta. One JSON line per fold.
Usage: bench/composition_symmetry_bound.py [SHARED]"""
import csv
import gzip
import json
import sys
from collections import Counter, defaultdict

from pymatgen.core import Composition

meta = (sys.argv[1] if len(sys.argv) > 1 else "../shared") + "/data/matbench_meta"
rows = list(csv.DictReader(gzip.open(f"{meta}/mp_gap.csv.gz", "rt")))
folds = json.load(gzip.open(f"{meta}/mp_gap.folds.json.gz"))
formula = {r["mbid"]: Composition(r["composition"]).reduced_formula for r in rows}
for name in sorted(folds):
    test = set(folds[name])
    seen = {"crys_sys": defaultdict(Counter), "spg_num": defaultdict(Counter)}
    for r in rows:
        if r["mbid"] not in test:
            for k, table in seen.items():
                table[formula[r["mbid"]]][r[k]] += 1
    n = len(test)
    out = {"fold": name, "test_rows": n}
    polymorphs = [r for r in rows if r["mbid"] in test and formula[r["mbid"]] in seen["crys_sys"]]
    out["formula_in_training"] = round(len(polymorphs) / n, 4)
    for k, table in seen.items():
        majority = sum(table[formula[r["mbid"]]].most_common(1)[0][0] == r[k] for r in polymorphs)
        anywhere = sum(r[k] in table[formula[r["mbid"]]] for r in polymorphs)
        by_formula = defaultdict(Counter)
        for r in rows:
            if r["mbid"] in test:
                by_formula[formula[r["mbid"]]][r[k]] += 1
        ceiling = sum(c.most_common(1)[0][1] for c in by_formula.values())
        out[k] = {"majority_of_formula_in_training": round(majority / len(polymorphs), 4),
                  "label_among_formula_in_training": round(anywhere / len(polymorphs), 4),
                  "ceiling_on_test_fold": round(ceiling / n, 4)}
    print(json.dumps(out), flush=True)
