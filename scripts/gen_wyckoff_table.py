#!/usr/bin/python3
"""Wyckoff positions of the 530 Hall settings, derived through spglib's public API (run with /usr/bin/python3).

Writes graph/src/main/resources/spinel/graph/symmetry/wyckoff.txt: per Hall number, every Wyckoff
position as spglib labels it (letter, multiplicity in the conventional cell, oriented site-symmetry
symbol) with the coordinates of one of its sets ("x,1/4,z": the affine map that projects a point
onto the set, the form of spglib's sitesym_database).

How: the operations of each setting (spglib.get_symmetry_from_database) give the site-symmetry group
of every point of a 1/24 grid, which meets every special set of every space group; grid points whose
site-symmetry groups are conjugate in the group lie in the same Wyckoff position. For each class a
probe atom on a generic point of its set, plus two atoms of other species in general positions (so
the structure has exactly the group), goes to spglib.get_symmetry_dataset(hall_number=h), which
returns the letter and the site-symmetry symbol; the set is then read off the probe's standardized
position (spglib may move the origin by an element of the normalizer). Checks: spglib returns the
setting asked for, the letters are a, b, c, ... without gaps, and the general position is the last.

The letters, multiplicities and site-symmetry symbols are those of the International Tables for
Crystallography Vol. A as encoded in spglib (A. Togo et al., BSD-3-Clause).

Usage: /usr/bin/python3 scripts/gen_wyckoff_table.py
"""
import itertools
import os
from fractions import Fraction

import numpy as np
import spglib
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "graph/src/main/resources/spinel/graph/symmetry/wyckoff.txt")
N = 24
LETTERS = "abcdefghijklmnopqrstuvwxyzA"
GRID = np.array(list(itertools.product(range(N), repeat=3)), dtype=np.int64)


def operations(h):
    db = spglib.get_symmetry_from_database(h)
    rots = np.asarray(db["rotations"], dtype=np.int64)
    t24 = np.rint(np.asarray(db["translations"]) * N).astype(np.int64) % N
    return rots, t24


def wyckoff_classes(rots, t24):
    """Grid points grouped into Wyckoff positions: a point, its images under the group, and every
    point with the very same site-symmetry group (the same affine operations, lattice part included)
    are in one class; returns one grid point per class."""
    n = len(GRID)
    keys = np.zeros((n, len(rots), 4), dtype=np.int16)
    rows, cols = [], []
    idx = lambda g: (g[:, 0] * N + g[:, 1]) * N + g[:, 2]
    for k, (w, t) in enumerate(zip(rots, t24)):
        d = GRID @ w.T + t - GRID
        fixed = np.all(d % N == 0, axis=1)
        keys[:, k, 0] = fixed
        keys[fixed, k, 1:] = d[fixed] // N
        rows.append(np.arange(n))
        cols.append(idx((GRID @ w.T + t) % N))
    _, inverse = np.unique(keys.reshape(n, -1), axis=0, return_inverse=True)
    first = {}
    for i, c in enumerate(inverse.ravel()):
        first.setdefault(c, i)
    rows.append(np.arange(n))
    cols.append(np.array([first[c] for c in inverse.ravel()]))
    graph = coo_matrix((np.ones(n * (len(rots) + 1)), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    _, reps = np.unique(labels, return_index=True)
    return [GRID[i] for i in sorted(reps)]


def invariant_lattice(rots, rng):
    g0 = rng.normal(size=(3, 3))
    g0 = g0 @ g0.T + 3 * np.eye(3)
    g = sum(w.T @ g0 @ w for w in rots) / len(rots)
    return np.linalg.cholesky(g)  # rows: lattice vectors with metric g (g = L L^T)


def fixed_set(point, rots, trans, tol=1e-6):
    """Directions (columns) of the set of points fixed by the site-symmetry group of point."""
    rows = [w - np.eye(3) for w, t in zip(rots, trans) if _fixes(w, t, point, tol)]
    m = np.vstack(rows)
    _, s, vt = np.linalg.svd(m)
    rank = int(np.sum(s > 1e-8))
    return vt[rank:].T, len(rows)


def _fixes(w, t, p, tol):
    d = w @ p + t - p
    return np.all(np.abs(d - np.rint(d)) < tol)


def generic_point(grid_point, rots, trans, rng):
    p = grid_point / N
    v, _ = fixed_set(p, rots, trans)
    return (p + v @ rng.uniform(0.05, 0.11, size=v.shape[1])) % 1.0


def orbit(p, rots, trans):
    pts = []
    for w, t in zip(rots, trans):
        q = (w @ p + t) % 1.0
        if not any(np.all(np.abs((q - r + 0.5) % 1.0 - 0.5) < 1e-7) for r in pts):
            pts.append(q)
    return pts


def coordinates(point, rots, trans):
    """The set through point as an affine projection written like ITA's coordinates, 'x,1/4,z'."""
    v, _ = fixed_set(point, rots, trans)
    d = v.shape[1]
    best = None
    for cols in itertools.combinations(range(3), d):
        sub = v[list(cols), :]
        if d and abs(np.linalg.det(sub)) < 1e-8:
            continue
        proj = np.zeros((3, 3))
        if d:
            proj[:, list(cols)] = v @ np.linalg.inv(sub)
        if np.allclose(proj, np.rint(proj), atol=1e-8):
            best = np.rint(proj).astype(int)
            break
    assert best is not None, (point, v)
    const = point - best @ point
    comps = []
    for i in range(3):
        terms = []
        for j in range(3):
            c = best[i, j]
            if c:
                terms.append(("-" if c < 0 else "+") + ("" if abs(c) == 1 else str(abs(c))) + "xyz"[j])
        f = Fraction(float(const[i] % 1.0)).limit_denominator(144)
        assert abs(float(f) - const[i] % 1.0) < 1e-6, (point, const)
        if f == 1:
            f = Fraction(0)
        if f or not terms:
            terms.append("+" + str(f))
        s = "".join(terms)
        comps.append(s[1:] if s.startswith("+") else s)
    return ",".join(comps)


def probe(h, number, rots, t24, classes, rng):
    """One structure with a probe species on a generic point of every class (so that spglib's
    choice of origin labels all of them consistently) and two species in general positions."""
    trans = t24 / N
    lat = invariant_lattice(rots, rng)
    points = [generic_point(g, rots, trans, rng) for g in classes] + [rng.uniform(size=3) for _ in range(2)]
    pts, types = [], []
    for ty, q in enumerate(points, start=1):
        o = orbit(q, rots, trans)
        pts += o
        types += [ty] * len(o)
    d = spglib.get_symmetry_dataset((lat, pts, types), symprec=1e-5, hall_number=h)
    assert d is not None and d["number"] == number and d["hall_number"] == h, (h, d and d["hall_number"])
    std_types = list(d["std_types"])
    rows = {}
    for ty in range(1, len(classes) + 1):
        i, j, mult = types.index(ty), std_types.index(ty), types.count(ty)
        assert std_types.count(ty) == mult, (h, ty, mult)
        coords = coordinates(np.asarray(d["std_positions"][j]), rots, trans)
        letter = d["wyckoffs"][i]
        assert letter not in rows, (h, letter, rows)
        rows[letter] = (mult, d["site_symmetry_symbols"][i], coords)
    return rows


def table_for(h, rng):
    number = spglib.get_spacegroup_type(h)["number"]
    rots, t24 = operations(h)
    classes = wyckoff_classes(rots, t24)
    for attempt in range(8):
        try:
            rows = probe(h, number, rots, t24, classes, rng)
            break
        except AssertionError as e:  # an unlucky probe structure (atoms too close): try another
            print(h, "attempt", attempt, e, flush=True)
    letters = sorted(rows, key=LETTERS.index)
    assert "".join(letters) == LETTERS[: len(letters)], (h, letters)
    assert rows[letters[-1]][0] == len(rots) and rows[letters[-1]][1] == "1", (h, rows[letters[-1]])
    return [(h, x, *rows[x]) for x in letters]


# columns: the hexagonal (obverse) axes in the rhombohedral basis, a_H = a_R - b_R, b_H = b_R - c_R, c_H = a_R + b_R + c_R
H_TO_R = np.array([[1, 0, 1], [-1, 1, 1], [0, -1, 1]])


def rhombohedral_from_hexagonal(h, hex_rows, rng):
    """Rhombohedral-axes settings: spglib labels some of their positions inconsistently (R32, Hall
    445: two classes both 'e'), so they are the hexagonal-axes positions (Hall h - 1, the same letters
    and site symmetry, ITA Vol. A) expressed in the rhombohedral basis, a third of the multiplicity."""
    assert spglib.get_spacegroup_type(h - 1)["choice"] == "H"
    rots, t24 = operations(h)
    trans = t24 / N
    out = []
    for _, letter, mult, sym, coords in hex_rows:
        ops = spglib.get_symmetry_from_database(h - 1)
        w, t = _parse(coords)
        p_hex = w @ rng.uniform(size=3) + t
        p = H_TO_R @ p_hex % 1.0
        _, order = fixed_set(p, rots, trans)
        assert order * mult // 3 == len(rots), (h, letter, order, mult)
        out.append((h, letter, mult // 3, sym, coordinates(p, rots, trans)))
    return out


def _parse(coords):
    w, t = np.zeros((3, 3)), np.zeros(3)
    for i, comp in enumerate(coords.split(",")):
        for term in comp.replace("-", "+-").split("+"):
            if not term:
                continue
            if term[-1] in "xyz":
                c = term[:-1]
                w[i, "xyz".index(term[-1])] = -1 if c == "-" else float(c) if c else 1
            else:
                t[i] = float(Fraction(term))
    return w, t


def main():
    rng = np.random.default_rng(2026)
    lines = ["# Wyckoff positions of the 530 Hall settings as spglib " + spglib.__version__ + " labels them:",
             "# International Tables for Crystallography Vol. A, as encoded in spglib (A. Togo et al., BSD-3-Clause).",
             "# Derived through spglib's public API by scripts/gen_wyckoff_table.py. Do not edit.",
             "# hall|letter|multiplicity (conventional cell)|site-symmetry symbol|coordinates of one set"]
    rows = []
    for h in range(1, 531):
        if spglib.get_spacegroup_type(h)["choice"] == "R":
            rows = rhombohedral_from_hexagonal(h, rows, rng)
        else:
            rows = table_for(h, rng)
        for row in rows:
            lines.append("|".join(str(v) for v in row))
        if h % 50 == 0:
            print(h, flush=True)
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(len(lines) - 4, "Wyckoff positions ->", OUT)


if __name__ == "__main__":
    main()
