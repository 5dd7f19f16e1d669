#!/usr/bin/env bash
# The crystal-graph symmetry classifier on noisy structures (issue 9, part 6, "from the crystal graph"):
# every Matbench mp_gap structure with its atoms displaced once by Gaussian noise (σ per Cartesian
# component, default 0.05 Å, seeded; the cell kept), labelled by spglib's space group of the CLEAN
# structure (spg_num of matbench_meta/mp_gap.csv.gz), then `spinel train --task space-group` on the
# official fold 0 with the angular atom descriptors in the graph. Its test rows are the noisy copies of
# fold 0, so its accuracy compares with bench/symmetry_noise.sh's rows (spglib and `spinel symmetry` on
# the same kind of noisy structures); metrics.json carries space group, Bravais lattice and crystal system.
#
#   [SIGMA=0.05] [LIMIT=N] [EPOCHS=30] [MODEL=fusion] [FEATURES=lattice,composition,symmetry] [COPY_ONLY=1|TABLE_ONLY=1] \
#     [COMPARE="RUN2 ..."] [MIXED=1] [SPINEL=command] bench/symmetry_graph_noisy.sh DATA RUN
#
# COPY_ONLY=1 stops after writing the noisy copy (and, with MIXED=1, the mixed set); TABLE_ONLY=1 skips training (RUN is done). FEATURES: fusion's global vector (`--features`; default
# lattice,composition; `symmetry` adds what exact analysis finds at tolerances 0.01-0.8 Å). After training,
# the run (and the COMPARE runs, trained on the same rows) is put in one table with `spinel symmetry` at
# symprec 0.01, 0.1 and 0.6 (lattice at 0.6 and at 0.01) and spglib at 0.01 and 0.1 on the same noisy test structures
# (bench/symmetry_graph_noisy_table.py; printed and written to RUN/noisy-table.md).
# MIXED=1 trains on clean and noisy structures together (every mp_gap structure twice, ids <mbid> and
# <mbid>-noisy, a structure and its copy on the same side of the official folds), and the table has a
# second part for the clean test structures.
#
# DATA: an unpacked matbench_mp_gap folder (CIFs + id_prop.csv); the noisy copy is written once to
# DATA-noisy-SIGMA (outside the repository). RUN: the run folder (rerun the same line to resume).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:?usage: $0 DATA RUN}; run=${2:?usage: $0 DATA RUN}
shared=${SPINEL_SHARED:-../shared}
sigma=${SIGMA:-0.05} epochs=${EPOCHS:-30} model=${MODEL:-fusion}
spinel=${SPINEL:-./spinel}  # e.g. "java -jar /frozen/copy/spinel.jar", to go on editing while it trains
noisy="${data%/}-noisy-$sigma"
if [ ! -f "$noisy/id_prop.csv" ]; then
  # resumable: files already in $noisy.tmp are kept (each is written atomically); row k's noise comes from
  # its own seed (k), so any subset gets the same noise. Spinel's reader and writer (SyntheticStructures.perturbed):
  # about 50x faster than the same loop in pymatgen.
  mkdir -p "$noisy.tmp"
  ./spinel --version >/dev/null
  printf '%s\n' \
    'import java.nio.file.*;' \
    'var data = Path.of(System.getenv("DATA")); var out = Path.of(System.getenv("OUT"));' \
    'double sigma = Double.parseDouble(System.getenv("SIGMA"));' \
    'var ids = Files.readAllLines(data.resolve("id_prop.csv")).stream().map(l -> l.split(",")[0]).toList();' \
    'java.util.stream.IntStream.range(0, ids.size()).parallel().forEach(k -> { try {' \
    '  Path f = out.resolve(ids.get(k) + ".cif"); if (Files.exists(f)) return;' \
    '  var s = spinel.graph.io.Structures.readOne(data.resolve(ids.get(k) + ".cif"));' \
    '  var noisy = spinel.descriptors.SyntheticStructures.perturbed(s, sigma, k).withId(ids.get(k));' \
    '  spinel.graph.io.AtomicFiles.writeString(f, new spinel.graph.io.CifWriter().format(noisy));' \
    '} catch (Exception e) { throw new RuntimeException(ids.get(k) + ": " + e.getMessage(), e); } });' \
    'Files.copy(data.resolve("id_prop.csv"), out.resolve("id_prop.csv"), StandardCopyOption.REPLACE_EXISTING);' \
    '/exit' > "$noisy.tmp.jsh"
  DATA="$data" OUT="$noisy.tmp" SIGMA="$sigma" jshell -q -R-Xmx2g --class-path "cli/target/lib/*" "$noisy.tmp.jsh"
  [ -f "$noisy.tmp/id_prop.csv" ] || { echo "the noisy copy did not finish: rerun to resume" >&2; exit 1; }
  rm -f "$noisy.tmp.jsh"
  mv "$noisy.tmp" "$noisy"
fi
labels="$shared/data/matbench_meta/mp_gap.csv.gz"
folds="$shared/data/matbench_meta/mp_gap.folds.json.gz"
if [ "${MIXED:-}" = 1 ]; then
  # clean and noisy structures side by side (links, ids <mbid> and <mbid>-noisy), with labels and official
  # folds extended to both: a structure and its noisy copy are always on the same side of the split
  mixed="${data%/}-mixed-$sigma"
  if [ ! -f "$mixed/folds.json.gz" ]; then
    rm -rf "$mixed.tmp"; mkdir -p "$mixed.tmp"
    /usr/bin/python3 - "$data" "$noisy" "$mixed.tmp" "$labels" "$folds" <<'PY'
import csv, gzip, json, os, sys
data, noisy, out, labels, folds = sys.argv[1:]
ids = [l.split(",")[0] for l in open(f"{data}/id_prop.csv").read().split()]
with open(f"{out}/id_prop.csv", "w") as f:
    for i in ids:
        os.symlink(os.path.abspath(f"{data}/{i}.cif"), f"{out}/{i}.cif")
        os.symlink(os.path.abspath(f"{noisy}/{i}.cif"), f"{out}/{i}-noisy.cif")
        f.write(f"{i},0\n{i}-noisy,0\n")
with gzip.open(f"{out}/labels.csv.gz", "wt") as f:
    w = csv.writer(f)
    w.writerow(["mbid", "spg_num"])
    for r in csv.DictReader(gzip.open(labels, "rt")):
        w.writerow([r["mbid"], r["spg_num"]])
        w.writerow([r["mbid"] + "-noisy", r["spg_num"]])
fo = json.load(gzip.open(folds))
with gzip.open(f"{out}/folds.json.gz", "wt") as f:
    json.dump({k: v + [i + "-noisy" for i in v] for k, v in fo.items()}, f)
PY
    mv "$mixed.tmp" "$mixed"
  fi
  noisy=$mixed labels="$mixed/labels.csv.gz" folds="$mixed/folds.json.gz"
fi
[ "${COPY_ONLY:-}" = 1 ] && exit 0
resume=(); [ -f "$run/checkpoint.bin" ] && resume=(--resume)
[ "${TABLE_ONLY:-}" = 1 ] || OMP_NUM_THREADS=${OMP_NUM_THREADS:-1} $spinel train --data "$noisy" \
  --labels "$labels" --target spg_num --task space-group \
  --model "$model" --atom-descriptors steinhardt,acsf \
  --folds "$folds" --fold 0 \
  ${LIMIT:+--limit "$LIMIT"} ${FEATURES:+--features "$FEATURES"} \
  --epochs "$epochs" --schedule cosine --patience 0 --seed 0 --out "$run" "${resume[@]}"

# the exact analysis of the same noisy test structures
work="$run/analysis"; mkdir -p "$work"
tail -n +2 "$run/predictions.csv" | cut -d, -f1 | { [ "${MIXED:-}" = 1 ] && grep -- '-noisy$' || cat; } |
  sed "s#^#$noisy/#; s#\$#.cif#" > "$work/test-files.txt"
for r in 0.01 0.1 0.6 0.6+0.01; do
  p=${r%%+*}; extra=(); [ "$r" != "$p" ] && extra=(--lattice-symprec "${r#*+}")
  [ -f "$work/spinel-$r.jsonl" ] ||
    { xargs $spinel symmetry --symprec "$p" "${extra[@]}" < "$work/test-files.txt" > "$work/spinel-$r.jsonl.tmp" || true
      mv "$work/spinel-$r.jsonl.tmp" "$work/spinel-$r.jsonl"; }
done
/usr/bin/python3 bench/symmetry_graph_noisy_table.py "$shared/data/matbench_meta/mp_gap.csv.gz" "${data%/}-noisy-$sigma" "$work" \
  "$run" ${COMPARE:-} | tee "$run/noisy-table.md.tmp"
mv "$run/noisy-table.md.tmp" "$run/noisy-table.md"
