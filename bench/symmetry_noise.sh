#!/usr/bin/env bash
# Exact analysis on noisy structures: how often SymmetryAnalyzer still finds the space group and
# crystal system of the clean structure once every atom is displaced by Gaussian noise (σ per
# Cartesian component, default 0.05 Å), at symprec 0.01 and 0.1 Å — the reference row of the
# "graph → symmetry on noisy structures" comparison in docs/benchmarks/symmetry-classifiers.md.
# Labels: the analyzer (symprec 0.01) on the clean structure. Structures: the first N rows of
# Matbench mp_gap's official fold 0 test set.
#   N=1000 SIGMA=0.05 [DATA=unpacked/matbench_mp_gap] bench/symmetry_noise.sh [SPINEL_COMMAND]
# Writes target/bench/symmetry-noise/{clean,noisy-0.01,noisy-0.1}.jsonl and prints a JSON summary.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=$(cd "${SPINEL_SHARED:-$ROOT/../shared}" && pwd)
WORK=$ROOT/target/bench/symmetry-noise
N=${N:-1000}; SIGMA=${SIGMA:-0.05}
SPINEL=${1:-$ROOT/spinel}
mkdir -p "$WORK/noisy"
DATA=${DATA:-$WORK/matbench_mp_gap}  # an unpacked matbench_mp_gap folder, unpacked here when absent
[ -d "$DATA" ] || { xz -dc "$SHARED/data/matbench_mp_gap.tar.xz" | tar -x -C "$WORK"; DATA=$WORK/matbench_mp_gap; }
/usr/bin/python3 - "$SHARED/data/matbench_meta/mp_gap.folds.json.gz" "$WORK" "$N" "$SIGMA" "$DATA" <<'PY'
import gzip, json, sys, warnings
import numpy as np
warnings.filterwarnings("ignore")
from pymatgen.core import Structure
folds, work, n, sigma, data = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
ids = json.load(gzip.open(folds))["fold_0"][:n]
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
for p in 0.01 0.1; do
  xargs "$SPINEL" symmetry --symprec "$p" < "$WORK/noisy.txt" > "$WORK/noisy-$p.jsonl" || true
done
/usr/bin/python3 - "$WORK" "$SIGMA" <<'PY'
import json, os, sys
work, sigma = sys.argv[1], sys.argv[2]
def load(f):
    out = {}
    for line in open(f"{work}/{f}"):
        d = json.loads(line)
        if d.get("ok"):
            out[os.path.basename(d["file"])] = (d["number"], d["crystal_system"])
    return out
clean = load("clean.jsonl")
summary = {"sigma_angstrom": float(sigma), "n": len(clean)}
for p in ("0.01", "0.1"):
    noisy = load(f"noisy-{p}.jsonl")
    sg = sum(1 for k, v in clean.items() if noisy.get(k, (None, None))[0] == v[0])
    cs = sum(1 for k, v in clean.items() if noisy.get(k, (None, None))[1] == v[1])
    summary[f"symprec_{p}"] = {"space_group": sg / len(clean), "crystal_system": cs / len(clean)}
print(json.dumps(summary))
json.dump(summary, open(f"{work}/summary.json", "w"), indent=1)
PY
