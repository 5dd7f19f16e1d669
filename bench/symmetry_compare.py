#!/usr/bin/python3
"""Agreement of Spinel's symmetry lines with spglib's: per symprec, the share of structures with the
same space-group number, and where it agrees, the share with the same Hall number, number of
primitive sites, conventional size, Wyckoff letters and orbits (equivalent atoms), each and all.
With --same-order (spglib run on the very cells Spinel read) letters and orbits are compared site
by site; otherwise (pymatgen read the files and sorted the sites) as multisets: the sorted letters
and the sorted orbit sizes.  Usage: symmetry_compare.py SPINEL REFERENCE [--same-order]"""
import collections
import json
import sys


def load(path):
    d = {}
    for line in open(path):
        f = line.split()
        d[(f[0], f[1])] = f[2:]
    return d


def orbits(eq, same_order):
    return eq if same_order else sorted(collections.Counter(eq).values())


same_order = "--same-order" in sys.argv[3:]
sp, ref = load(sys.argv[1]), load(sys.argv[2])
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
    if not all(same.values()):
        bad[key[1] + " detail"].append(f"{key[0]} {r[0]}: " + ",".join(f for f in fields if not same[f]))
out = {}
for p, c in sorted(stats.items()):
    out[p] = {"n": c["n"], "number_agree": round(c["number"] / c["n"], 5)}
    for f in fields + ["all"]:
        out[p][f + "_agree"] = round(c[f] / max(1, c["number"]), 5)
    out[p]["disagreements"] = bad[p][:20]
    out[p]["detail_disagreements"] = bad[p + " detail"][:20]
print(json.dumps(out, indent=1))
