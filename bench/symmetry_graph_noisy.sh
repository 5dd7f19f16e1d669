#!/usr/bin/env bash
# The crystal-graph symmetry classifier on noisy structures (issue 9, part 6, "from the crystal graph"):
# every Matbench mp_gap structure with its atoms displaced once by Gaussian noise (σ per Cartesian
# component, default 0.05 Å, seeded; the cell kept), labelled by spglib's space group of the CLEAN
# structure (spg_num of matbench_meta/mp_gap.csv.gz), then `spinel train --task space-group` on the
# official fold 0 with the angular atom descriptors in the graph. Its test rows are the noisy copies of
# fold 0, so its accuracy compares with bench/symmetry_noise.sh's rows (spglib and `spinel symmetry` on
# the same kind of noisy structures); metrics.json carries space group, Bravais lattice and crystal system.
#
#   [SIGMA=0.05] [LIMIT=N] [EPOCHS=30] [MODEL=fusion] bench/symmetry_graph_noisy.sh DATA RUN
#
# DATA: an unpacked matbench_mp_gap folder (CIFs + id_prop.csv); the noisy copy is written once to
# DATA-noisy-SIGMA (outside the repository). RUN: the run folder (rerun the same line to resume).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: $0 DATA RUN}; run=${2:?usage: $0 DATA RUN}
shared=${SPINEL_SHARED:-../shared}
sigma=${SIGMA:-0.05} epochs=${EPOCHS:-30} model=${MODEL:-fusion}
noisy="${data%/}-noisy-$sigma"
if [ ! -f "$noisy/id_prop.csv" ]; then
  # resumable: files already in $noisy.tmp are kept (each is written to a temporary name, then renamed)
  mkdir -p "$noisy.tmp"
  /usr/bin/python3 - "$data" "$noisy.tmp" "$sigma" <<'PY'
import os, shutil, sys, warnings
import numpy as np
warnings.filterwarnings("ignore")
from pymatgen.core import Structure
data, out, sigma = sys.argv[1], sys.argv[2], float(sys.argv[3])
ids = [line.split(",")[0] for line in open(f"{data}/id_prop.csv")]
for k, i in enumerate(ids):
    if os.path.exists(f"{out}/{i}.cif"):
        continue
    s = Structure.from_file(f"{data}/{i}.cif")
    rng = np.random.default_rng(k)  # one stream per row: any subset gets the same noise
    cart = s.cart_coords + rng.normal(0.0, sigma, size=(len(s), 3))
    Structure(s.lattice, s.species, cart, coords_are_cartesian=True).to(filename=f"{out}/{i}.tmp.cif")
    os.replace(f"{out}/{i}.tmp.cif", f"{out}/{i}.cif")
shutil.copy(f"{data}/id_prop.csv", f"{out}/id_prop.csv")
PY
  mv "$noisy.tmp" "$noisy"
fi
resume=(); [ -f "$run/checkpoint.bin" ] && resume=(--resume)
OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} ./spinel train --data "$noisy" \
  --labels "$shared/data/matbench_meta/mp_gap.csv.gz" --target spg_num --task space-group \
  --model "$model" --atom-descriptors steinhardt,acsf \
  --folds "$shared/data/matbench_meta/mp_gap.folds.json.gz" --fold 0 \
  ${LIMIT:+--limit "$LIMIT"} --epochs "$epochs" --schedule cosine --patience 0 --seed 0 --out "$run" "${resume[@]}"
