#!/usr/bin/env python3
"""pymatgen side of bench/structure_matcher.sh (Debian /usr/bin/python3, python3-pymatgen).

  time PAIRS.json            CPU and wall time of StructureMatcher(primitive_cell=False,
                             attempt_supercell=True).fit over all pairs; one JSON line
  group DIR --formulas N --out IDS.tsv
                             picks N reduced formulas with several structures in the CGCNN folder DIR
                             (by the CIFs' _chemical_formula_structural), groups their structures with
                             group_structures (primitive_cell=False, the Java default until
                             PrimitiveCell), writes one line per group (ids, tab-separated) and
                             prints the CPU and wall time
"""
import argparse
import glob
import json
import os
import random
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")

from pymatgen.analysis.structure_matcher import StructureMatcher  # noqa: E402
from pymatgen.core import Structure  # noqa: E402
from pymatgen.io.cif import CifParser  # noqa: E402


def decode(s):
    return Structure(np.array(s["lattice"]), s["species"], np.array(s["frac"]))


def time_pairs(path):
    with open(path) as f:
        pairs = json.load(f)["pairs"]
    data = [(decode(p["a"]), decode(p["b"])) for p in pairs]
    m = StructureMatcher(primitive_cell=False, attempt_supercell=True)
    c0, w0 = time.process_time(), time.perf_counter()
    n = sum(1 for a, b in data if m.fit(a, b))
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    print(json.dumps({"result": "speed", "side": "pymatgen", "fits": len(data), "matches": n,
                      "cpu_s": round(cpu, 3), "wall_s": round(wall, 3),
                      "ms_per_fit_cpu": round(1000 * cpu / len(data), 4)}))


def formula_of(path):
    with open(path) as f:
        for line in f:
            if line.startswith("_chemical_formula_structural"):
                return line.split(None, 1)[1].strip()
    return None


def group(folder, n_formulas, out, seed):
    by_formula = {}
    for p in glob.glob(os.path.join(folder, "*.cif")):
        by_formula.setdefault(formula_of(p), []).append(p)
    multi = sorted(k for k, v in by_formula.items() if k and len(v) >= 2)
    rng = random.Random(seed)
    chosen = rng.sample(multi, min(n_formulas, len(multi)))
    paths = [p for k in chosen for p in sorted(by_formula[k])[:40]]
    structs = [CifParser(p).get_structures(primitive=False)[0] for p in paths]
    ids = [os.path.basename(p)[:-4] for p in paths]
    for s, i in zip(structs, ids):
        s.id = i
    m = StructureMatcher(primitive_cell=False)
    c0, w0 = time.process_time(), time.perf_counter()
    groups = m.group_structures(structs)
    cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    with open(out + ".tmp", "w") as f:
        for g in groups:
            f.write("\t".join(s.id for s in g) + "\n")
    os.replace(out + ".tmp", out)
    print(json.dumps({"result": "group", "side": "pymatgen", "formulas": len(chosen), "structures": len(structs),
                      "groups": len(groups), "cpu_s": round(cpu, 2), "wall_s": round(wall, 2)}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["time", "group"])
    ap.add_argument("path")
    ap.add_argument("--formulas", type=int, default=150)
    ap.add_argument("--out")
    ap.add_argument("--seed", type=int, default=5)
    a = ap.parse_args()
    if a.mode == "time":
        time_pairs(a.path)
    else:
        group(a.path, a.formulas, a.out, a.seed)


if __name__ == "__main__":
    main()
