#!/usr/bin/env python3
"""Compare Spinel's reading of a CGCNN CIF folder (JSON lines from CifFolderCheck) with pymatgen's
CifParser on a random sample, and with the dataset's own volumes when a labels.csv is given.
Usage: cif_dataset_check.py OURS.jsonl FOLDER SAMPLE_SIZE"""
import csv
import json
import os
import random
import sys
import time
import warnings

from pymatgen.io.cif import CifParser

warnings.filterwarnings("ignore")
ours = {}
with open(sys.argv[1]) as f:
    for line in f:
        d = json.loads(line)
        ours[d["file"]] = d
folder, n = sys.argv[2], int(sys.argv[3])
labels = os.path.join(folder, "..", "labels.csv") if not os.path.exists(os.path.join(folder, "labels.csv")) else os.path.join(folder, "labels.csv")
if os.path.exists(labels):
    bad = 0
    rows = 0
    with open(labels) as f:
        for row in csv.DictReader(f):
            d = ours.get(row["id"] + ".cif")
            if d is None or not d["ok"]:
                continue
            rows += 1
            v = float(row["volume (Å³)"]) if "volume (Å³)" in row else float(row["volume"])
            if abs(d["volume"] - v) > 1e-4 * v:
                bad += 1
    print(json.dumps({"labels_volume_compared": rows, "volume_disagree": bad}))
random.seed(0)
sample = random.sample(sorted(ours), min(n, len(ours)))
agree, t = 0, 0.0
for name in sample:
    t0 = time.perf_counter()
    s = CifParser(os.path.join(folder, name)).get_structures(primitive=False)[0]
    t += time.perf_counter() - t0
    d = ours[name]
    same = d["ok"] and d["nsites"] == len(s) and abs(d["volume"] - s.volume) < 1e-6 * s.volume \
        and d["formula"].split() and sorted(d["formula"].split()) == sorted(s.composition.formula.split())
    if same:
        agree += 1
    else:
        print("disagree:", name, d, len(s), s.composition.formula, s.volume)
print(json.dumps({"pymatgen_sample": len(sample), "agree": agree, "pymatgen_us_per_file": round(t / len(sample) * 1e6, 1)}))
