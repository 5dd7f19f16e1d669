#!/usr/bin/env bash
# The property models on the deduplicated held-out rows of the version-2 bundled-model runs
# (scripts/train_spinel_models.sh): the published CGCNN checkpoints (../shared/anchors/cgcnn/pre-trained,
# the files behind cgcnn/formation-energy-per-atom and cgcnn/band-gap), the bundled spinel/* models
# and, once they exist, the version-2 run folders — all on exactly the same rows, through
# `spinel predict` on a CGCNN folder made of those rows (it reports the targets; --results keeps
# id,target,prediction). Scores, per subset, by bench/models_heldout.py into docs/benchmarks/models.md.
#
#   bench/models_heldout.sh            # RUNS=/tmp/spinel-runs DATA=/tmp/spinel-data OUT=/tmp/spinel-eval
#
# The rows: the `test` rows of RUNS/formation-energy-v2/split.csv (the band-gap run has the same split:
# same data, seed and duplicate groups). Subsets: rows the version-1 bundled models never trained on
# (their own seeded random test split, recomputed with Split.random), and for band gap the crystals
# with a gap and the metals.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SPINEL_SHARED:-$root/../shared}"
runs="${RUNS:-/tmp/spinel-runs}"
data="${DATA:-/tmp/spinel-data}/mp_36k"
out="${OUT:-/tmp/spinel-eval}"
split="$runs/formation-energy-v2/split.csv"
anchors="$shared/anchors/cgcnn"
mkdir -p "$out"
[ -f "$split" ] || { echo "no $split: start the version-2 runs first (scripts/train_spinel_models.sh)" >&2; exit 1; }

"$root/spinel" --version >/dev/null
jar="$root/cli/target/spinel.jar"

# the version-1 test rows: Split.random(36737, 0.1, 0.2, seed 0) over id_prop.csv's rows, as spinel train made them
if [ ! -f "$out/v1_test_ids.txt" ]; then
  printf '%s\n' 'var ids = java.nio.file.Files.readAllLines(java.nio.file.Path.of(System.getenv("IDPROP")));' \
    'for (int r : spinel.train.Split.random(ids.size(), 0.1, 0.2, 0).test()) System.out.println(ids.get(r).split(",")[0]);' \
    '/exit' > "$out/v1.jsh"
  IDPROP="$data/id_prop.csv" jshell -q --class-path "$root/cli/target/lib/*" "$out/v1.jsh" > "$out/v1_test_ids.txt.tmp"
  mv "$out/v1_test_ids.txt.tmp" "$out/v1_test_ids.txt"
fi

# one CGCNN folder per target: id_prop.csv with the test rows' targets, CIFs linked
folder() { # $1 target column of labels.csv
  local dir="$out/test-$1"
  [ -f "$dir/id_prop.csv" ] && return
  mkdir -p "$dir.tmp"
  /usr/bin/python3 - "$split" "$data/labels.csv" "$1" "$dir.tmp/id_prop.csv" <<'EOF'
import csv, sys
split, labels, column, out = sys.argv[1:]
test = [r["id"] for r in csv.DictReader(open(split)) if r["part"] == "test"]
value = {r["id"]: r[column] for r in csv.DictReader(open(labels))}
with open(out, "w") as f:
    for i in test:
        f.write(f"{i},{value[i]}\n")
EOF
  cut -d, -f1 "$dir.tmp/id_prop.csv" | while read -r id; do ln -sf "$data/$id.cif" "$dir.tmp/$id.cif"; done
  mv "$dir.tmp" "$dir"
}

predict() { # $1 name, $2 folder, then the model options
  local name=$1 dir=$2
  shift 2
  [ -f "$out/$name.csv" ] && return
  echo "== $name" >&2
  /usr/bin/time -f "$name: %e s wall, %U s user, %S s sys" java -Xmx1g -jar "$jar" predict "$@" --results "$out/$name.csv" \
    "$dir" > /dev/null 2>> "$out/$name.log"
  tail -n 2 "$out/$name.log" >&2
}

folder e_form_per_atom
folder band_gap
predict published-formation-energy "$out/test-e_form_per_atom" \
  --model "$anchors/pre-trained/formation-energy-per-atom.pth.tar" --atom-init "$anchors/sample/atom_init.json"
predict published-band-gap "$out/test-band_gap" \
  --model "$anchors/pre-trained/band-gap.pth.tar" --atom-init "$anchors/sample/atom_init.json"
# version 1 (bundled as spinel/* until commit 9e7df7c) was measured by this script at that commit, where
# these two ids were still version 1: check that commit out to measure it again
if [ "$(git -C "$root" merge-base --is-ancestor 41406bb HEAD 2>/dev/null && echo bundled-v2)" != bundled-v2 ]; then
  predict spinel-v1-formation-energy "$out/test-e_form_per_atom" --model spinel/formation-energy-per-atom
  predict spinel-v1-band-gap "$out/test-band_gap" --model spinel/band-gap
fi
for m in formation-energy band-gap; do
  col=$([ $m = formation-energy ] && echo e_form_per_atom || echo band_gap)
  if [ -f "$runs/$m-v2/best.params" ] && [ -f "$runs/$m-v2/metrics.json" ]; then
    predict "spinel-v2-$m" "$out/test-$col" --model "$runs/$m-v2"
  fi
done
/usr/bin/python3 "$root/bench/models_heldout.py" "$out" | tee "$out/table.md"

# a parity plot per model (Plots.parity, the plot of every spinel train run) into docs/benchmarks/
plot() { # $1 results CSV (id,target,prediction; a header line is skipped), $2 quantity, $3 unit, $4 png
  [ -f "$1" ] || return 0
  printf '%s\n' \
    'var rows = java.nio.file.Files.readAllLines(java.nio.file.Path.of(System.getenv("CSV"))).stream().filter(r -> !r.startsWith("id,")).toList();' \
    'double[] t = rows.stream().mapToDouble(r -> Double.parseDouble(r.split(",")[1])).toArray();' \
    'double[] p = rows.stream().mapToDouble(r -> Double.parseDouble(r.split(",")[2])).toArray();' \
    'spinel.train.Plots.parity(t, p, System.getenv("QUANTITY"), System.getenv("UNIT"), java.nio.file.Path.of(System.getenv("PNG")));' \
    '/exit' > "$out/plot.jsh"
  CSV="$1" QUANTITY="$2" UNIT="$3" PNG="$4" jshell -q --class-path "$root/cli/target/lib/*" "$out/plot.jsh"
}
docs="$root/docs/benchmarks"
plot "$out/spinel-v1-formation-energy.csv" "formation energy (spinel v1)" eV/atom "$docs/parity-formation-energy-v1.png"
plot "$out/spinel-v1-band-gap.csv" "band gap (spinel v1)" eV "$docs/parity-band-gap-v1.png"
plot "$out/spinel-v2-formation-energy.csv" "formation energy (spinel v2)" eV/atom "$docs/parity-formation-energy-v2.png"
plot "$out/spinel-v2-band-gap.csv" "band gap (spinel v2)" eV "$docs/parity-band-gap-v2.png"
plot "$out/published-formation-energy.csv" "formation energy (published CGCNN)" eV/atom "$docs/parity-formation-energy-published.png"
plot "$out/published-band-gap.csv" "band gap (published CGCNN)" eV "$docs/parity-band-gap-published.png"
# volume per atom (its target is the structure's own volume, not a labels.csv column): the v2 run's own
# predictions on its deduplicated test rows
plot "$runs/volume-per-atom-v2/predictions.csv" "volume per atom (spinel v2)" "Å³/atom" "$docs/parity-volume-per-atom-v2.png"
