#!/usr/bin/python3
"""Agreement of Spinel's symmetry lines with pymatgen+spglib's: per symprec, the share of
structures with the same space-group number, and where it agrees, the same Hall number, number
of primitive sites, conventional size and orbits.  Usage: symmetry_compare.py SPINEL REFERENCE"""
import collections
import json
import sys


def load(path):
    d = {}
    for line in open(path):
        f = line.split()
        d[(f[0], f[1])] = f[2:]
    return d


sp, ref = load(sys.argv[1]), load(sys.argv[2])
stats = collections.defaultdict(lambda: collections.Counter())
bad = collections.defaultdict(list)
for key, r in ref.items():
    if r[0] in ("read-error", "error"):
        continue
    s = sp.get(key, ["missing"])
    st = stats[key[1]]
    st["n"] += 1
    if s[0] == r[0]:
        st["number"] += 1
        st["detail"] += int(s[1] == r[1] and s[2] == r[2] and s[3] == r[3] and s[10:] == r[4:])
    else:
        bad[key[1]].append(f"{key[0]} spglib {r[0]} spinel {s[0]}")
out = {p: {"n": c["n"], "number_agree": c["number"] / c["n"], "hall_nprim_nconv_orbits_agree":
           c["detail"] / max(1, c["number"]), "disagreements": bad[p][:10]} for p, c in sorted(stats.items())}
print(json.dumps(out, indent=1))
