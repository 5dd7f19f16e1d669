#!/usr/bin/python3
"""Reference for bench/parse_all.sh: the same parsing with pymatgen (Debian python3-pymatgen).

  parse_all_pymatgen.py [--limit N] [--dump FILE.tsv] PATH...

A directory is a CGCNN folder (id_prop.csv + <id>.cif, read as the reference CGCNN does:
CifParser(path).get_structures(primitive=False)[0]); a file is a Matbench json.gz
(json.load + Structure.from_dict per row). Prints one JSON line per dataset; --dump writes
id, number of sites, volume (A^3), composition (sorted element:amount) per structure.
"""
import argparse
import csv
import gzip
import json
import os
import sys
import time
import warnings

from pymatgen.core import Structure
from pymatgen.io.cif import CifParser

warnings.filterwarnings("ignore")

ap = argparse.ArgumentParser()
ap.add_argument("--limit", type=int, default=None)
ap.add_argument("--dump")
ap.add_argument("paths", nargs="+")
a = ap.parse_args()
dump = open(a.dump, "w") if a.dump else None


def row(sid, s):
    if dump:
        comp = " ".join("%s:%.4f" % (el, amt) for el, amt in sorted(s.composition.get_el_amt_dict().items()))
        dump.write("%s\t%d\t%.6f\t%s\n" % (sid, len(s), s.volume, comp))


for p in a.paths:
    t0 = time.perf_counter()
    ok = failed = 0
    if os.path.isdir(p):
        with open(os.path.join(p, "id_prop.csv")) as f:
            ids = [r[0] for r in csv.reader(f) if r]
        ids = ids[: a.limit] if a.limit else ids
        for i in ids:
            try:
                s = CifParser(os.path.join(p, i + ".cif")).get_structures(primitive=False)[0]
                ok += 1
                row(i, s)
            except Exception as e:  # noqa: BLE001 - counting failures is the point
                failed += 1
                print("  FAIL %s: %s" % (i, e), file=sys.stderr)
        kind, rows = "cgcnn", len(ids)
    else:
        with gzip.open(p, "rt") as f:
            d = json.load(f)
        data = d["data"][: a.limit] if a.limit else d["data"]
        for i, r in zip(d["index"], data):
            s = Structure.from_dict(r[0])
            ok += 1
            row(i, s)
        kind, rows = "matbench", len(data)
    sec = time.perf_counter() - t0
    print(json.dumps({"dataset": os.path.basename(p), "kind": kind, "read": rows, "ok": ok, "failed": failed,
                      "seconds": round(sec, 2), "structures_per_s": round(rows / sec)}))
