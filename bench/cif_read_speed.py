#!/usr/bin/env python3
"""pymatgen's CifParser on the same files as spinel.graph.io.CifReadBench: best-of-5 mean time per
file of CifParser(file).get_structures(primitive=False) (the conventional cell, what Spinel reads)
and of the default primitive=True (what the reference CGCNN calls)."""
import sys
import time
import warnings

from pymatgen.io.cif import CifParser

warnings.filterwarnings("ignore")


def best_mean_us(fn, batch_s=0.5, batches=5):
    best = float("inf")
    for _ in range(batches):
        n, t0 = 0, time.perf_counter()
        while True:
            fn()
            n += 1
            now = time.perf_counter()
            if now - t0 > batch_s:
                break
        best = min(best, (now - t0) / n * 1e6)
    return best


for f in sys.argv[1:]:
    s = CifParser(f).get_structures(primitive=False)[0]
    conv = best_mean_us(lambda: CifParser(f).get_structures(primitive=False))
    prim = best_mean_us(lambda: CifParser(f).get_structures())
    print(f'{{"file": "{f}", "nsites": {len(s)}, "conventional_us": {conv:.1f}, "primitive_us": {prim:.1f}}}')
