#!/usr/bin/python3
"""Agreement of Spinel's symmetry lines with spglib's: per symprec, the share of structures with the
same space-group number, and where it agrees, the share with the same Hall number, number of
primitive sites, conventional size, Wyckoff letters and orbits (equivalent atoms), each and all.
With --same-order (spglib run on the very cells Spinel read) letters and orbits are compared site
by site; otherwise (pymatgen read the files and sorted the sites) as multisets: the sorted letters
and the sorted orbit sizes. Where both lines carry spglib's setting (setting=T;p;L), also, where the
Hall number agrees: the Wyckoff letters as a per-structure multiset, the transformation_matrix (1e-5),
the origin_shift up to a centring vector (1e-5 + symprec, fractional) and the std_lattice (orientation
included, 1e-4 + 4 symprec Å).  Usage: symmetry_compare.py SPINEL REFERENCE [--same-order]"""
import collections
import json
import sys

import numpy as np

CENTRING = {}


def load(path):
    d, settings = {}, {}
    for line in open(path):
        f = line.split()
        rest = [x for x in f[2:] if not x.startswith("setting=")]
        d[(f[0], f[1])] = rest
        for x in f[2:]:
            if x.startswith("setting="):
                t, p, lat = (np.array([float(v) for v in part.split(",")]) for part in x[8:].split(";"))
                settings[(f[0], f[1])] = (t.reshape(3, 3), p, lat.reshape(3, 3))
    return d, settings


def centring(hall):
    if hall not in CENTRING:
        import spglib
        db = spglib.get_symmetry_from_database(hall)
        CENTRING[hall] = [t for r, t in zip(db["rotations"], db["translations"])
                          if (np.asarray(r) == np.eye(3, dtype=int)).all()]
    return CENTRING[hall]


def same_setting(s, r, hall, symprec):
    """transformation_matrix, origin_shift (up to centring) and std_lattice, each: True/False."""
    same_t = np.abs(s[0] - r[0]).max() < 1e-5
    tol = 1e-5 + symprec
    same_o = any(np.abs((d := s[1] + c - r[1]) - np.rint(d)).max() < tol for c in centring(hall))
    same_l = np.abs(s[2] - r[2]).max() < 1e-4 + 4 * symprec
    return same_t, same_o, same_l


def orbits(eq, same_order):
    return eq if same_order else sorted(collections.Counter(eq).values())


same_order = "--same-order" in sys.argv[3:]
(sp, sp_set), (ref, ref_set) = load(sys.argv[1]), load(sys.argv[2])
stats = collections.defaultdict(collections.Counter)
bad = collections.defaultdict(list)
fields = ["hall", "n_primitive", "n_conventional", "wyckoffs", "orbits"]
for key, r in ref.items():
    if r[0] in ("read-error", "error"):
        continue
    s = sp.get(key, ["missing"])
    st = stats[key[1]]
    st["n"] += 1
    if s[0] != r[0]:
        bad[key[1]].append(f"{key[0]} spglib {r[0]} spinel {s[0]}")
        continue
    st["number"] += 1
    wy_s, wy_r = (s[10], r[4]) if same_order else (sorted(s[10]), sorted(r[4]))
    same = {"hall": s[1] == r[1], "n_primitive": s[2] == r[2], "n_conventional": s[3] == r[3],
            "wyckoffs": wy_s == wy_r or r[4] == "?",  # '?': a reference run without letters
            "orbits": orbits(s[11:], same_order) == orbits(r[5:], same_order)}
    for f in fields:
        st[f] += same[f]
    st["all"] += all(same.values())
    if key in sp_set and key in ref_set and s[1] == r[1]:
        st["hall_with_setting"] += 1
        st["wyckoff_multiset"] += sorted(s[10]) == sorted(r[4])
        t, o, lat = same_setting(sp_set[key], ref_set[key], int(r[1]), float(key[1]))
        st["transformation_matrix"] += t
        st["origin_shift"] += t and o
        st["std_lattice"] += t and o and lat
        st["setting_all"] += t and o and lat and s[10] == r[4]
        if not (t and o and lat):
            bad[key[1] + " setting"].append(f"{key[0]} {r[0]}: " + ",".join(
                n for n, ok in (("transformation_matrix", t), ("origin_shift", o), ("std_lattice", lat)) if not ok))
    if not all(same.values()):
        bad[key[1] + " detail"].append(f"{key[0]} {r[0]}: " + ",".join(f for f in fields if not same[f]))
out = {}
for p, c in sorted(stats.items()):
    out[p] = {"n": c["n"], "number_agree": round(c["number"] / c["n"], 5)}
    for f in fields + ["all"]:
        out[p][f + "_agree"] = round(c[f] / max(1, c["number"]), 5)
    if c["hall_with_setting"]:
        out[p]["setting_compared"] = c["hall_with_setting"]
        for f in ("wyckoff_multiset", "transformation_matrix", "origin_shift", "std_lattice", "setting_all"):
            out[p][f + "_agree"] = round(c[f] / c["hall_with_setting"], 5)
        out[p]["setting_disagreements"] = bad[p + " setting"][:20]
    out[p]["disagreements"] = bad[p][:20]
    out[p]["detail_disagreements"] = bad[p + " detail"][:20]
print(json.dumps(out, indent=1))
