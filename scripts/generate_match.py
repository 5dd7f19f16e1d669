#!/usr/bin/env python3
"""Match rate of generated crystals against held-out targets, with pymatgen's StructureMatcher
(stol 0.5, angle_tol 10, ltol 0.3, as the CDVAE/DiffCSP benchmarks), for docs/benchmarks/generate.md.

  bench mode:  generate_match.py bench OUT        (OUT written by spinel.generate.GenerateBenchmark)
  files mode:  generate_match.py files TARGET.cif CANDIDATE_DIR   (ranks of matches among DIR/*.cif,
               ordered as `spinel generate` ranked them, from its JSON lines on stdin)
"""
import json
import os
import sys
import warnings

from pymatgen.analysis.structure_matcher import StructureMatcher
from pymatgen.core import Structure

warnings.filterwarnings("ignore")
MATCHER = StructureMatcher(stol=0.5, angle_tol=10, ltol=0.3)


def bench(out):
    summary = json.load(open(os.path.join(out, "summary.json")))
    targets = summary["targets"]
    k = summary["k"]
    result = {}
    for method in ("gan", "random"):
        hit1 = hitk = 0
        for t in targets:
            target = Structure.from_file(os.path.join(out, "targets", f"{t['index']}.cif"))
            d = os.path.join(out, method, str(t["index"]))
            files = sorted(os.listdir(d)) if os.path.isdir(d) else []
            ranks = [i + 1 for i, f in enumerate(files[:k])
                     if MATCHER.fit(target, Structure.from_file(os.path.join(d, f)))]
            hit1 += bool(ranks and ranks[0] == 1)
            hitk += bool(ranks)
        n = len(targets)
        result[method] = {"targets": n, "match_rate_k1": hit1 / n, f"match_rate_k{k}": hitk / n,
                          **summary[method]}
    print(json.dumps(result, indent=1))


def files(target_path, directory):
    target = Structure.from_file(target_path)
    lines = [json.loads(l) for l in sys.stdin if l.strip()]
    ranked = sorted((l for l in lines if l.get("rank")), key=lambda l: l["rank"])
    hits = [(l["rank"], l["formation_energy_per_atom"]) for l in ranked
            if MATCHER.fit(target, Structure.from_file(l["file"]))]
    print(json.dumps({"target": target_path, "kept": len(ranked), "matches": hits}))


if __name__ == "__main__":
    if sys.argv[1] == "bench":
        bench(sys.argv[2])
    else:
        files(sys.argv[2], sys.argv[3])
