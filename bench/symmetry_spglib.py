#!/usr/bin/python3
"""spglib on exactly the cells Spinel read (SymmetryBench's CELLS output): the same line format as
symmetry_reference.py, 'file symprec number hall nprim nconv setting=T;p;L wyckoffs equivalent...'
(T transformation_matrix, p origin_shift, L std_lattice, comma-separated row by row), so that
reader differences (pymatgen snaps coordinates near 1/3 and 2/3 and sorts the sites) drop out.
Usage: symmetry_spglib.py CELLS SYMPRECS OUT"""
import json
import sys

import numpy as np
import spglib

precs = sys.argv[2].split(",")
with open(sys.argv[3], "w") as out:
    for line in open(sys.argv[1]):
        c = json.loads(line)
        cell = (c["lattice"], c["frac"], c["types"])
        for p in precs:
            d = spglib.get_symmetry_dataset(cell, symprec=float(p))
            if d is None:
                out.write(f"{c['file']} {p} error\n")
                continue
            d = d if isinstance(d, dict) else d.__dict__
            nprim = max(d["mapping_to_primitive"]) + 1
            eq = " ".join(str(int(e)) for e in d["equivalent_atoms"])
            setting = ";".join(",".join(f"{v:.6f}" for v in np.ravel(d[k]))
                               for k in ("transformation_matrix", "origin_shift", "std_lattice"))
            out.write(f"{c['file']} {p} {d['number']} {d['hall_number']} {nprim} {len(d['std_types'])} "
                      f"setting={setting} {''.join(d['wyckoffs'])} {eq}\n")
