#!/usr/bin/python3
"""Reference data for spinel.graph.symmetry, from Debian's python3-spglib (run with /usr/bin/python3).

Writes
  graph/src/main/resources/spinel/graph/symmetry/hall.txt
      the 530 Hall settings: spglib.get_spacegroup_type(h) and the operations of
      spglib.get_symmetry_from_database(h) (rotation as 9 digits, translation in 24ths)
  graph/src/test/resources/spinel/graph/symmetry/spglib_reference.json.gz
      structures (lattice rows in Å, atomic numbers, fractional positions) with spglib's dataset at
      several symprec: number, hall_number, international, wyckoffs, equivalent_atoms, primitive
      size, standardized lattice, transformation matrix, origin shift, standardized positions and
      types, and the standardized primitive cell (find_primitive)

Usage: /usr/bin/python3 scripts/gen_spglib_reference.py [--mp-dir DIR] [--n-mp 150]
"""
import argparse
import glob
import gzip
import json
import os
import random

import numpy as np
import spglib
from pymatgen.core import Structure

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SYMPRECS = [1e-5, 1e-3, 1e-2, 1e-1]


def hall_table(path):
    lines = ["# The 530 Hall settings of spglib " + spglib.__version__
             + " (scripts/gen_spglib_reference.py). Do not edit.",
             "# hall|number|short|full|hall_symbol|choice|point_group|arith_number|arith_symbol|schoenflies|ops",
             "# ops: ';'-separated, rotation rows as 9 values in -,0,+ then translation in 24ths"]
    sign = {-1: "-", 0: "0", 1: "+"}
    for h in range(1, 531):
        t = spglib.get_spacegroup_type(h)
        db = spglib.get_symmetry_from_database(h)
        ops = []
        for r, tr in zip(db["rotations"], db["translations"]):
            r9 = "".join(sign[int(v)] for v in np.asarray(r).flatten())
            t24 = np.rint(np.asarray(tr) * 24).astype(int) % 24
            assert np.allclose(np.asarray(tr) * 24 % 24, t24, atol=1e-6), (h, tr)
            ops.append(r9 + "," + ",".join(str(v) for v in t24))
        fields = [h, t["number"], t["international_short"], t["international_full"], t["hall_symbol"],
                  t["choice"], t["pointgroup_international"], t["arithmetic_crystal_class_number"],
                  t["arithmetic_crystal_class_symbol"], t["schoenflies"], ";".join(ops)]
        lines.append("|".join(str(f) for f in fields))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def cell_of(s):
    return (s.lattice.matrix.tolist(), s.frac_coords.tolist(), [site.specie.Z for site in s])


def dataset(cell, symprec):
    d = spglib.get_symmetry_dataset(cell, symprec=symprec)
    if d is None:
        return None
    if isinstance(d, dict):  # spglib < 2.1 returns a dict
        d = type("Dataset", (), d)
    return {"symprec": symprec, "number": int(d.number), "hall_number": int(d.hall_number),
            "international": d.international, "hall": d.hall, "pointgroup": d.pointgroup,
            "wyckoffs": list(d.wyckoffs), "site_symmetry": list(d.site_symmetry_symbols),
            "equivalent_atoms": [int(v) for v in d.equivalent_atoms],
            "n_primitive": int(max(d.mapping_to_primitive) + 1),
            "std_lattice": np.round(d.std_lattice, 8).tolist(),
            "n_std": len(d.std_types),
            "transformation_matrix": np.round(d.transformation_matrix, 8).tolist(),
            "origin_shift": np.round(d.origin_shift, 8).tolist(),
            "std_positions": np.round(d.std_positions, 8).tolist(),
            "std_types": [int(v) for v in d.std_types],
            "primitive": primitive(cell, symprec)}


def primitive(cell, symprec):
    """spglib.find_primitive (standardize_cell(to_primitive=True)): lattice rows, positions, types."""
    p = spglib.find_primitive(cell, symprec=symprec)
    if p is None:
        return None
    return {"lattice": np.round(p[0], 8).tolist(), "positions": np.round(p[1], 8).tolist(),
            "types": [int(v) for v in p[2]]}


def transformed(s, rng):
    """Rotated + shifted + permuted copy, a supercell, and a noisy copy."""
    out = []
    a = rng.normal(size=3)
    a /= np.linalg.norm(a)
    th = rng.uniform(0, 2 * np.pi)
    k = np.array([[0, -a[2], a[1]], [a[2], 0, -a[0]], [-a[1], a[0], 0]])
    rot = np.eye(3) + np.sin(th) * k + (1 - np.cos(th)) * k @ k
    perm = rng.permutation(3)
    lat = (s.lattice.matrix @ rot.T)[perm]
    frac = (s.frac_coords[:, perm] + rng.uniform(size=3)) % 1.0
    out.append(("rot_shift_perm", Structure(lat, s.species, frac)))
    if len(s) <= 12:
        sc = s.copy()
        sc.make_supercell([[1, 1, 0], [0, 2, 0], [0, 0, 1]])
        out.append(("supercell", sc))
    noisy = Structure(s.lattice, s.species, s.cart_coords + rng.normal(scale=2e-4, size=(len(s), 3)),
                      coords_are_cartesian=True)
    out.append(("noise2e-4", noisy))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mp-dir", default="/tmp/symmetry/data/matbench_mp_gap")
    ap.add_argument("--n-mp", type=int, default=150)
    ap.add_argument("--out", default=os.path.join(
        ROOT, "graph/src/test/resources/spinel/graph/symmetry/spglib_reference.json.gz"))
    args = ap.parse_args()
    hall_table(os.path.join(ROOT, "graph/src/main/resources/spinel/graph/symmetry/hall.txt"))
    rng = np.random.default_rng(7)
    items = [(os.path.basename(p), Structure.from_file(p))
             for p in sorted(glob.glob(os.path.join(ROOT, "examples/*.cif")))]
    mp = sorted(glob.glob(os.path.join(args.mp_dir, "*.cif")))
    random.Random(11).shuffle(mp)
    for p in mp[:args.n_mp]:
        s = Structure.from_file(p)
        if len(s) <= 40:
            items.append((os.path.basename(p), s))
    out = []
    for name, s in list(items):
        entries = [(name, s)] + [(name + "#" + tag, t) for tag, t in transformed(s, rng)]
        for n, t in entries:
            cell = cell_of(t)
            out.append({"name": n, "lattice": cell[0], "frac": cell[1], "numbers": cell[2],
                        "datasets": [d for d in (dataset(cell, sp) for sp in SYMPRECS) if d]})
    with gzip.open(args.out, "wt") as f:
        json.dump(out, f, separators=(",", ":"))
    print(len(out), "structures ->", args.out)


if __name__ == "__main__":
    main()
