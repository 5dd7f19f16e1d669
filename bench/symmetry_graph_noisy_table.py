#!/usr/bin/python3
"""The learned space-group classifiers on noisy structures next to exact analysis of the SAME structures.

Reads the test rows of one or more `spinel train --task space-group` runs on a noisy copy of mp_gap
(bench/symmetry_graph_noisy.sh), their predictions.csv, and the analyses of those noisy CIFs by
`spinel symmetry` (JSON lines, one file per tolerance, made by the shell script) and by spglib 2.x
through pymatgen (computed here). Labels: spg_num of matbench_meta/mp_gap.csv.gz (spglib on the clean
structure). Prints one Markdown table row per model: space group, crystal system, and space group
within the right crystal system, with n.

  symmetry_graph_noisy_table.py META NOISY_DIR WORK RUN...
"""
import csv
import gzip
import json
import os
import sys
import warnings

warnings.filterwarnings("ignore")


def crystal_system(n):
    for name, last in (("triclinic", 2), ("monoclinic", 15), ("orthorhombic", 74), ("tetragonal", 142),
                       ("trigonal", 167), ("hexagonal", 194), ("cubic", 230)):
        if n <= last:
            return name


def scores(labels, found):
    """found: id -> space-group number (absent or None: no answer, counted wrong)."""
    n = len(labels)
    sg = sum(1 for i, y in labels.items() if found.get(i) == y)
    cs = sum(1 for i, y in labels.items() if found.get(i) and crystal_system(found[i]) == crystal_system(y))
    return n, sg / n, cs / n, (sg / cs if cs else float("nan"))


def spglib_numbers(noisy, ids, symprec, cache):
    path = f"{cache}/spglib-{symprec}.json"
    if os.path.exists(path):
        return json.load(open(path))
    from pymatgen.core import Structure
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer
    out = {}
    for i in sorted(ids):
        try:
            out[i] = SpacegroupAnalyzer(Structure.from_file(f"{noisy}/{i}.cif"), symprec=symprec) \
                .get_space_group_number()
        except Exception:
            out[i] = None
    json.dump(out, open(path + ".tmp", "w"))
    os.replace(path + ".tmp", path)
    return out


def spinel_numbers(path):
    out = {}
    for line in open(path):
        d = json.loads(line)
        out[os.path.basename(d["file"])[:-4]] = d["number"] if d.get("ok") else None
    return out


def main():
    meta, noisy, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    spg = {r["mbid"]: int(r["spg_num"]) for r in csv.DictReader(gzip.open(meta, "rt"))}
    preds = {}
    for run in runs:
        with open(f"{run}/predictions.csv") as f:
            preds[run] = {r["id"]: int(r["prediction"]) for r in csv.DictReader(f)}
    ids = set.intersection(*(set(p) for p in preds.values()))
    labels = {i: spg[i] for i in ids}
    rows = []
    for run, p in preds.items():
        rows.append((f"learned: {os.path.basename(run.rstrip('/'))}", scores(labels, p)))
    for name in sorted(f for f in os.listdir(work) if f.startswith("spinel-") and f.endswith(".jsonl")):
        rows.append((f"`spinel symmetry` {name[7:-6]}", scores(labels, spinel_numbers(f"{work}/{name}"))))
    for symprec in (0.01, 0.1):
        rows.append((f"spglib {symprec}", scores(labels, spglib_numbers(noisy, ids, symprec, work))))
    print("| model | n | space group | crystal system | group within right system |")
    print("|---|---|---|---|---|")
    for name, (n, sg, cs, within) in rows:
        print(f"| {name} | {n:,} | {sg:.3f} | {cs:.3f} | {within:.3f} |")


if __name__ == "__main__":
    main()
