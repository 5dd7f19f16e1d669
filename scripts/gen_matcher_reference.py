#!/usr/bin/env python3
"""Reference values for spinel.graph.symmetry.NiggliReduction and StructureMatcher, from pymatgen.

Run with Debian's interpreter (python3-pymatgen 2022.11.7, python3-spglib):

  /usr/bin/python3 scripts/gen_matcher_reference.py niggli --cifs DIR --out FILE.json
  /usr/bin/python3 scripts/gen_matcher_reference.py pairs --cifs DIR --n 300 --max-sites 12 --out FILE.json

`niggli`: lattices of real structures (CIFs in DIR), the same lattices in skewed settings (random
unimodular integer matrices, entries up to ±4) and random parameters; for each the Niggli cell of
pymatgen's Lattice.get_niggli_reduced_lattice() and spglib's niggli_reduce (parameters a, b, c,
alpha, beta, gamma; the vectors are unique only up to the lattice's point group).

`pairs`: pairs of structures built from real ones: the same structure in other settings (rotated,
permuted axes, unimodular basis change, shifted origin, shuffled sites, supercells, all at once),
noisy copies (Gaussian noise of several sigmas, Å), strained lattices (near misses around ltol and
angle_tol), two species swapped, and polymorphs (two different structures of one reduced formula).
For each pair: pymatgen's StructureMatcher verdicts (fit) and get_rms_dist with
  "sc":        primitive_cell=False, attempt_supercell=True (the Java default until PrimitiveCell)
  "sc_noscale": as "sc" with scale=False
  "default":   pymatgen's defaults (primitive_cell=True, attempt_supercell=False)
and the pymatgen seconds for each fit (for the speed comparison).
"""
import argparse
import glob
import json
import math
import os
import random
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")

from pymatgen.analysis.structure_matcher import StructureMatcher  # noqa: E402
from pymatgen.core import Lattice, Structure  # noqa: E402
from pymatgen.io.cif import CifParser  # noqa: E402


def read_cifs(folder, limit, max_sites, rng):
    files = sorted(glob.glob(os.path.join(folder, "*.cif")))
    rng.shuffle(files)
    out = []
    for f in files:
        if len(out) >= limit:
            break
        try:
            s = CifParser(f).get_structures(primitive=False)[0]
        except Exception:
            continue
        if len(s) <= max_sites and s.is_ordered:
            out.append((os.path.basename(f), s))
    return out


def params(lat):
    return [round(x, 8) for x in list(lat.abc) + list(lat.angles)]


def unimodular(rng, span=4):
    while True:
        m = np.array([[rng.randint(-span, span) for _ in range(3)] for _ in range(3)])
        if round(abs(np.linalg.det(m))) == 1:
            return m if np.linalg.det(m) > 0 else -m


def niggli_cases(args):
    import spglib

    rng = random.Random(7)
    cases = []
    structs = read_cifs(args.cifs, args.n, 1000, rng)
    for name, s in structs:
        cases.append(("real:" + name, s.lattice.matrix))
        m = unimodular(rng)
        cases.append(("skewed:" + name, np.dot(m, s.lattice.matrix)))
    for i in range(args.n // 4):
        a, b, c = (rng.uniform(2, 12) for _ in range(3))
        al, be, ga = (rng.uniform(60, 120) for _ in range(3))
        try:
            lat = Lattice.from_parameters(a, b, c, al, be, ga)
        except Exception:
            continue
        if lat.volume < 1:
            continue
        cases.append(("random:%d" % i, np.dot(unimodular(rng, 2), lat.matrix)))
    out = []
    for name, m in cases:
        lat = Lattice(m)
        if lat.volume < 1e-3:
            continue
        red = lat.get_niggli_reduced_lattice()
        sp = spglib.niggli_reduce(np.array(m), eps=1e-5)
        out.append({
            "name": name,
            "matrix": [[round(x, 10) for x in row] for row in m],
            "pymatgen": params(red),
            "spglib": params(Lattice(sp)) if sp is not None else None,
        })
    return {"source": "pymatgen Lattice.get_niggli_reduced_lattice(tol=1e-5), spglib niggli_reduce(eps=1e-5)",
            "cases": out}


def random_rotation(rng):
    q = np.array([rng.gauss(0, 1) for _ in range(4)])
    q /= np.linalg.norm(q)
    w, x, y, z = q
    return np.array([[1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)],
                     [2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)],
                     [2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)]])


def rotated(s, rng):
    r = random_rotation(rng)
    return Structure(np.dot(s.lattice.matrix, r.T), s.species, s.frac_coords)


def permuted(s, rng):
    p = [0, 1, 2]
    while p == [0, 1, 2]:
        rng.shuffle(p)
    m = s.lattice.matrix[p]
    if np.linalg.det(m) < 0:
        m = -m
        return Structure(m, s.species, -s.frac_coords[:, p])
    return Structure(m, s.species, s.frac_coords[:, p])


def basis_change(s, rng):
    m = unimodular(rng, 2)
    lat = np.dot(m, s.lattice.matrix)
    return Structure(lat, s.species, s.cart_coords, coords_are_cartesian=True, to_unit_cell=True)


def shifted(s, rng):
    t = np.array([rng.random() for _ in range(3)])
    return Structure(s.lattice, s.species, s.frac_coords + t, to_unit_cell=True)


def shuffled(s, rng):
    idx = list(range(len(s)))
    rng.shuffle(idx)
    return Structure(s.lattice, [s.species[i] for i in idx], s.frac_coords[idx])


def supercell(s, rng):
    choices = [[[2, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 0, 0], [0, 2, 0], [0, 0, 1]], [[1, 1, 0], [-1, 1, 0], [0, 0, 1]],
               [[1, 0, 0], [0, 1, 0], [0, 0, 3]], [[2, 1, 0], [0, 1, 0], [0, 0, 1]]]
    t = s.copy()
    t.make_supercell(rng.choice(choices))
    return t


def noisy(s, rng, sigma):
    cart = s.cart_coords + np.array([[rng.gauss(0, sigma) for _ in range(3)] for _ in range(len(s))])
    return Structure(s.lattice, s.species, cart, coords_are_cartesian=True, to_unit_cell=True)


def strained(s, rng, eps):
    kind = rng.choice(["axis", "shear", "iso"])
    f = np.identity(3)
    if kind == "axis":
        i = rng.randrange(3)
        f[i, i] += eps * rng.choice([-1, 1])
    elif kind == "shear":
        i, j = rng.sample(range(3), 2)
        f[i, j] += eps
    else:
        f *= 1 + eps
    return Structure(np.dot(s.lattice.matrix, f), s.species, s.frac_coords), kind


def swapped(s, rng):
    sp = list(s.species)
    kinds = sorted(set(str(x) for x in sp))
    if len(kinds) < 2:
        return None
    a = rng.choice([i for i, x in enumerate(sp) if str(x) == kinds[0]])
    b = rng.choice([i for i, x in enumerate(sp) if str(x) != kinds[0]])
    sp[a], sp[b] = sp[b], sp[a]
    return Structure(s.lattice, sp, s.frac_coords)


def other_setting(s, rng):
    return shuffled(shifted(rotated(basis_change(permuted(s, rng), rng), rng), rng), rng)


def make_pairs(structs, n, rng):
    by_formula = {}
    for name, s in structs:
        by_formula.setdefault(s.composition.reduced_formula, []).append((name, s))
    poly = [v for v in by_formula.values() if len(v) >= 2]
    pairs = []
    kinds = ["rotated", "permuted", "basis", "shifted", "shuffled", "supercell", "setting", "noisy", "noisy",
             "strained", "strained", "swapped", "polymorph", "polymorph"]
    while len(pairs) < n:
        kind = kinds[len(pairs) % len(kinds)]
        name, s = rng.choice(structs)
        if kind == "rotated":
            b = rotated(s, rng)
        elif kind == "permuted":
            b = permuted(s, rng)
        elif kind == "basis":
            b = basis_change(s, rng)
        elif kind == "shifted":
            b = shifted(s, rng)
        elif kind == "shuffled":
            b = shuffled(s, rng)
        elif kind == "supercell":
            b = other_setting(supercell(s, rng), rng)
        elif kind == "setting":
            b = other_setting(s, rng)
        elif kind == "noisy":
            sigma = rng.choice([0.02, 0.05, 0.1, 0.15, 0.2, 0.3])
            kind = "noisy:%g" % sigma
            b = other_setting(noisy(s, rng, sigma), rng)
        elif kind == "strained":
            eps = rng.choice([0.05, 0.1, 0.15, 0.18, 0.22, 0.3])
            b, how = strained(s, rng, eps)
            kind = "strained:%s:%g" % (how, eps)
            b = other_setting(b, rng)
        elif kind == "swapped":
            b = swapped(s, rng)
            if b is None:
                continue
            b = other_setting(b, rng)
        else:
            if not poly:
                continue
            group = rng.choice(poly)
            (name, s), (name2, b) = rng.sample(group, 2)
            name = name + "|" + name2
        pairs.append((kind, name, s, b))
    return pairs


def encode(s):
    return {"lattice": [[round(x, 10) for x in row] for row in s.lattice.matrix],
            "species": [str(x) for x in s.species],
            "frac": [[round(x, 10) for x in row] for row in s.frac_coords]}


def timed(fn):
    t0 = time.process_time()
    r = fn()
    return r, time.process_time() - t0


def pair_cases(args):
    rng = random.Random(args.seed)
    structs = read_cifs(args.cifs, args.pool, args.max_sites, rng)
    print("%d structures read" % len(structs), file=sys.stderr)
    configs = {
        "sc": StructureMatcher(primitive_cell=False, attempt_supercell=True),
        "sc_noscale": StructureMatcher(primitive_cell=False, attempt_supercell=True, scale=False),
        "default": StructureMatcher(),
    }
    out = []
    for k, (kind, name, a, b) in enumerate(make_pairs(structs, args.n, rng)):
        rec = {"kind": kind, "name": name, "a": encode(a), "b": encode(b)}
        for key, m in configs.items():
            fit, sec = timed(lambda: m.fit(a, b))
            rec[key] = {"fit": bool(fit), "seconds": round(sec, 6)}
            if key == "sc":
                rms = m.get_rms_dist(a, b)
                rec[key]["rms"] = None if rms is None else [round(float(rms[0]), 8), round(float(rms[1]), 8)]
        out.append(rec)
        if (k + 1) % 100 == 0:
            print("%d pairs" % (k + 1), file=sys.stderr)
    return {"source": "pymatgen 2022.11.7 StructureMatcher (ltol 0.2, stol 0.3, angle_tol 5)", "pairs": out}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["niggli", "pairs"])
    ap.add_argument("--cifs", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--pool", type=int, default=3000)
    ap.add_argument("--max-sites", type=int, default=12)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    data = niggli_cases(args) if args.mode == "niggli" else pair_cases(args)
    with open(args.out + ".tmp", "w") as f:
        json.dump(data, f, separators=(",", ":"))
    os.replace(args.out + ".tmp", args.out)


if __name__ == "__main__":
    main()
