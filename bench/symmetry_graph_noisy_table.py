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


SUFFIX = "-noisy"


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
    out = json.load(open(path)) if os.path.exists(path) else {}
    missing = sorted(set(ids) - set(out))
    if not missing:
        return out
    from pymatgen.core import Structure
    from pymatgen.symmetry.analyzer import SpacegroupAnalyzer
    for i in missing:
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
        i = os.path.basename(d["file"])[:-4]
        out[i[: -len(SUFFIX)] if i.endswith(SUFFIX) else i] = d["number"] if d.get("ok") else None
    return out


def main():
    meta, noisy, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    spg = {r["mbid"]: int(r["spg_num"]) for r in csv.DictReader(gzip.open(meta, "rt"))}
    noisy_preds, clean_preds = {}, {}
    for run in runs:
        with open(f"{run}/predictions.csv") as f:
            p = {r["id"]: int(r["prediction"]) for r in csv.DictReader(f)}
        name = f"learned: {os.path.basename(run.rstrip('/'))}"
        if any(i.endswith(SUFFIX) for i in p):  # a MIXED=1 run: <mbid>-noisy and clean <mbid>
            noisy_preds[name] = {i[: -len(SUFFIX)]: v for i, v in p.items() if i.endswith(SUFFIX)}
            clean_preds[name] = {i: v for i, v in p.items() if not i.endswith(SUFFIX)}
        else:
            noisy_preds[name] = p
    ids = set.intersection(*(set(p) for p in noisy_preds.values()))
    labels = {i: spg[i] for i in ids}
    rows = [(name, scores(labels, p)) for name, p in noisy_preds.items()]
    for name in sorted(f for f in os.listdir(work) if f.startswith("spinel-") and f.endswith(".jsonl")):
        rows.append((f"`spinel symmetry` {name[7:-6]}", scores(labels, spinel_numbers(f"{work}/{name}"))))
    for symprec in (0.01, 0.1):
        rows.append((f"spglib {symprec}", scores(labels, spglib_numbers(noisy, ids, symprec, work))))
    table("noisy test structures", rows)
    for name, p in clean_preds.items():
        table("clean test structures", [(name, scores({i: spg[i] for i in p}, p))])


def table(title, rows):
    print(f"\n{title}\n")
    print("| model | n | space group | crystal system | group within right system |")
    print("|---|---|---|---|---|")
    for name, (n, sg, cs, within) in rows:
        print(f"| {name} | {n:,} | {sg:.3f} | {cs:.3f} | {within:.3f} |")


if __name__ == "__main__":
    main()
