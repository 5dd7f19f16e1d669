#!/usr/bin/python3
"""pymatgen + spglib side of bench/symmetry.sh: reads each file with pymatgen and prints
'file symprec number hall nprim nconv wyckoffs equivalent...' lines (SpacegroupAnalyzer's spglib dataset), then its
CPU and wall time on stderr as JSON.  Usage: symmetry_reference.py LIST SYMPRECS OUT"""
import json
import resource
import sys
import time
import warnings

warnings.filterwarnings("ignore")
from pymatgen.core import Structure  # noqa: E402
from pymatgen.symmetry.analyzer import SpacegroupAnalyzer  # noqa: E402

files = [l.strip() for l in open(sys.argv[1]) if l.strip()]
precs = sys.argv[2].split(",")
t0 = time.time()
with open(sys.argv[3], "w") as out:
    for f in files:
        try:
            s = Structure.from_file(f)
        except Exception:
            for p in precs:
                out.write(f"{f} {p} read-error\n")
            continue
        for p in precs:
            try:
                d = SpacegroupAnalyzer(s, symprec=float(p)).get_symmetry_dataset()
                d = d if isinstance(d, dict) else d.__dict__
                nprim = max(d["mapping_to_primitive"]) + 1
                eq = " ".join(str(int(e)) for e in d["equivalent_atoms"])
                w = "".join(d["wyckoffs"])
                out.write(f"{f} {p} {d['number']} {d['hall_number']} {nprim} {len(d['std_types'])} {w} {eq}\n")
            except Exception:
                out.write(f"{f} {p} error\n")
ru = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"files": len(files), "wall_s": round(time.time() - t0, 2),
                  "cpu_s": round(ru.ru_utime + ru.ru_stime, 2)}), file=sys.stderr)
