#!/usr/bin/env bash
# Symmetry of noisy structures: how often the space group and crystal system of the clean structure
# are found once every atom is displaced by Gaussian noise (σ per Cartesian component, default
# 0.05 Å; the cell is left as it is) — the "symmetry on noisy structures" table of
# docs/benchmarks/symmetry-classifiers.md. Rows: `spinel symmetry` at symprec 0.01, 0.1, 0.3, 0.6 Å,
# and at symprec 0.6 with --lattice-symprec 0.01 (the cell's own symmetry at the tight tolerance);
# spglib (Debian python3-spglib, on the cells pymatgen reads from the same noisy CIFs) at 0.01, 0.1,
# 0.3, 0.6. Labels: the analyzer (symprec 0.01) on the clean structure. Structures: the first N rows
# of Matbench mp_gap's official fold 0 test set.
# PART=train takes the first N of fold 0's training rows instead (where the tolerances were chosen);
# ROWS overrides the Spinel rows, e.g. ROWS="0.4+0.01 0.5+0.01 0.6+0.01 0.8+0.01 1.0+0.01".
#   N=1000 SIGMA=0.05 [PART=test|train] [DATA=unpacked/matbench_mp_gap] bench/symmetry_noise.sh [SPINEL_COMMAND]
# Writes target/bench/symmetry-noise/*.jsonl and prints a JSON summary (also summary.json).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=$(cd "${SPINEL_SHARED:-$ROOT/../shared}" && pwd)
N=${N:-1000}; SIGMA=${SIGMA:-0.05}; PART=${PART:-test}
WORK=$ROOT/target/bench/symmetry-noise$([ "$PART" = test ] || echo "-$PART")
SPINEL=${1:-$ROOT/spinel}
mkdir -p "$WORK/noisy"
DATA=${DATA:-$WORK/matbench_mp_gap}  # an unpacked matbench_mp_gap folder, unpacked here when absent
[ -d "$DATA" ] || { xz -dc "$SHARED/data/matbench_mp_gap.tar.xz" | tar -x -C "$WORK"; DATA=$WORK/matbench_mp_gap; }
/usr/bin/python3 - "$SHARED/data/matbench_meta/mp_gap.folds.json.gz" "$WORK" "$N" "$SIGMA" "$DATA" "$PART" <<'PY'
import gzip, json, os, sys, warnings
import numpy as np
warnings.filterwarnings("ignore")
from pymatgen.core import Structure
folds, work, n, sigma, data, part = sys.argv[1:3] + [int(sys.argv[3]), float(sys.argv[4])] + sys.argv[5:7]
test = json.load(gzip.open(folds))["fold_0"]
if part == "train":
    held = set(test)
    ids = [f[:-4] for f in sorted(os.listdir(data)) if f.endswith(".cif") and f[:-4] not in held][:n]
else:
    ids = test[:n]
rng = np.random.default_rng(0)
with open(f"{work}/clean.txt", "w") as clean, open(f"{work}/noisy.txt", "w") as noisy:
    for mbid in ids:
        s = Structure.from_file(f"{data}/{mbid}.cif")
        cart = s.cart_coords + rng.normal(0.0, sigma, size=(len(s), 3))
        t = Structure(s.lattice, s.species, cart, coords_are_cartesian=True)
        t.to(filename=f"{work}/noisy/{mbid}.cif")
        clean.write(f"{data}/{mbid}.cif\n")
        noisy.write(f"{work}/noisy/{mbid}.cif\n")
PY
xargs "$SPINEL" symmetry --symprec 0.01 < "$WORK/clean.txt" > "$WORK/clean.jsonl" || true
ROWS=${ROWS:-"0.01 0.1 0.3 0.6 0.6+0.01"}  # symprec[+lattice symprec]
for r in $ROWS; do
  p=${r%%+*}; extra=()
  [ "$r" != "$p" ] && extra=(--lattice-symprec "${r#*+}")
  xargs "$SPINEL" symmetry --symprec "$p" "${extra[@]}" < "$WORK/noisy.txt" > "$WORK/noisy-$r.jsonl" || true
done
/usr/bin/python3 - "$WORK" <<'PY'
import json, os, sys, warnings
warnings.filterwarnings("ignore")
from pymatgen.core import Structure
from pymatgen.symmetry.analyzer import SpacegroupAnalyzer
work = sys.argv[1]
with open(f"{work}/spglib.jsonl.tmp", "w") as out:
    for f in open(f"{work}/noisy.txt").read().split():
        s = Structure.from_file(f)
        for p in (0.01, 0.1, 0.3, 0.6):
            try:
                a = SpacegroupAnalyzer(s, symprec=p)
                out.write(json.dumps({"file": f, "symprec": p, "ok": True, "number": a.get_space_group_number(),
                                      "crystal_system": a.get_crystal_system()}) + "\n")
            except Exception as e:
                out.write(json.dumps({"file": f, "symprec": p, "ok": False, "error": str(e)}) + "\n")
os.replace(f"{work}/spglib.jsonl.tmp", f"{work}/spglib.jsonl")
PY
/usr/bin/python3 - "$WORK" "$SIGMA" "$ROWS" <<'PY'
import json, os, sys
work, sigma, rows = sys.argv[1], sys.argv[2], sys.argv[3].split()
def load(f, symprec=None):
    out = {}
    for line in open(f"{work}/{f}"):
        d = json.loads(line)
        if d.get("ok") and (symprec is None or d["symprec"] == symprec):
            out[os.path.basename(d["file"])] = (d["number"], d["crystal_system"])
    return out
clean = load("clean.jsonl")
def score(noisy):
    sg = sum(1 for k, v in clean.items() if noisy.get(k, (None, None))[0] == v[0])
    cs = sum(1 for k, v in clean.items() if noisy.get(k, (None, None))[1] == v[1])
    return {"space_group": round(sg / len(clean), 4), "crystal_system": round(cs / len(clean), 4)}
summary = {"sigma_angstrom": float(sigma), "n": len(clean)}
for r in rows:
    summary[f"spinel_symprec_{r}"] = score(load(f"noisy-{r}.jsonl"))
for p in (0.01, 0.1, 0.3, 0.6):
    summary[f"spglib_symprec_{p}"] = score(load("spglib.jsonl", p))
print(json.dumps(summary))
json.dump(summary, open(f"{work}/summary.json", "w"), indent=1)
PY
