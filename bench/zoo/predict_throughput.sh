#!/usr/bin/env bash
# Prediction throughput (read CIF + build graph + forward) of `spinel predict` against the reference
# CGCNN predict.py pipeline (bench/zoo/reference_predict.py: Debian python3-torch + python3-pymatgen),
# same files, same published checkpoint, same machine, one after the other.
#
# usage: bench/zoo/predict_throughput.sh [N]     (N CIFs of ../shared/data/mp_36k, default 10000)
# env:   SHARED (default ../shared), WORK (default /tmp/spinel-zoo-bench), MODEL (checkpoint name)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
N="${1:-10000}"
SHARED="${SHARED:-$root/../shared}"
WORK="${WORK:-/tmp/spinel-zoo-bench}"
MODEL="${MODEL:-formation-energy-per-atom}"
ckpt="$SHARED/anchors/cgcnn/pre-trained/$MODEL.pth.tar"
atoms="$SHARED/anchors/cgcnn/sample/atom_init.json"

mkdir -p "$WORK"
if [ ! -d "$WORK/mp_36k" ]; then
  echo "unpacking mp_36k into $WORK ..." >&2
  tar -xJf "$SHARED/data/mp_36k.tar.xz" -C "$WORK"
fi
in="$WORK/in-$N"
if [ ! -d "$in" ]; then
  mkdir -p "$in"
  (cd "$WORK/mp_36k" && ls | grep '\.cif$' | sort -n | head -n "$N" | while read -r f; do ln -s "$WORK/mp_36k/$f" "$in/$f"; done)
fi

if [ ! -f "$root/cli/target/spinel.jar" ]; then
  (cd "$root" && ./mvnw -q -B -o -Dmaven.test.skip=true package) >&2
fi
cp="$root/cli/target/spinel.jar:$root/cli/target/lib/*"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "files: $N CIFs from mp_36k, model $MODEL" >&2

# each run under /usr/bin/time: wall-clock seconds and CPU seconds (user + system); on a shared
# machine the CPU seconds are the steadier figure
timed() { /usr/bin/time -f "%e %U %S" -o "$WORK/time.$1" "${@:2}"; }
timed spinel java -cp "$cp" spinel.cli.Spinel predict --model "$ckpt" --atom-init "$atoms" --format csv \
  --cache-dir "$WORK/cache" --no-progress "$in" > "$WORK/spinel.csv"
timed spinel1 java -cp "$cp" spinel.cli.Spinel predict --model "$ckpt" --atom-init "$atoms" --format csv \
  --cache-dir "$WORK/cache" --no-progress --threads 1 "$in" > "$WORK/spinel1.csv"
(cd "$in" && ls | sort -n > "$WORK/files.txt")
(cd "$in" && timed reference /usr/bin/python3 "$root/bench/zoo/reference_predict.py" "$ckpt" "$atoms" "$WORK/reference.csv" "@$WORK/files.txt") > "$WORK/reference.json"

/usr/bin/python3 - "$WORK" "$N" <<'PY'
import csv, json, os, sys
work, n = sys.argv[1], int(sys.argv[2])
def t(name):
    wall, user, sys_ = map(float, open(os.path.join(work, "time." + name)).read().split()[-3:])
    return wall, user + sys_
ref = {os.path.basename(r[0]): r[1] for r in csv.reader(open(os.path.join(work, "reference.csv")))}
ours = {os.path.basename(r["file"]): r for r in csv.DictReader(open(os.path.join(work, "spinel.csv")))}
diffs, failed = [], [k for k, r in ours.items() if r["ok"] != "true"]
for k, r in ours.items():
    if r["ok"] == "true" and k in ref and not ref[k].startswith("error"):
        diffs.append(abs(float(r["prediction"]) - float(ref[k])))
(java, javac), (java1, java1c), (py, pyc) = t("spinel"), t("spinel1"), t("reference")
print(json.dumps({"n": n, "spinel_s": round(java, 2), "spinel_per_s": round(n / java, 1), "spinel_cpu_s": round(javac, 1),
                  "spinel_1thread_s": round(java1, 2), "spinel_1thread_per_s": round(n / java1, 1), "spinel_1thread_cpu_s": round(java1c, 1),
                  "reference_s": round(py, 2), "reference_per_s": round(n / py, 1), "reference_cpu_s": round(pyc, 1),
                  "speedup_wall": round(py / java, 2), "speedup_wall_1thread": round(py / java1, 2),
                  "speedup_cpu": round(pyc / javac, 2), "speedup_cpu_1thread": round(pyc / java1c, 2),
                  "compared": len(diffs), "max_abs_diff": max(diffs) if diffs else None,
                  "median_abs_diff": sorted(diffs)[len(diffs) // 2] if diffs else None,
                  "n_diff_gt_1e-4": sum(1 for x in diffs if x > 1e-4),
                  "spinel_failed": len(failed),
                  "reference_failed": sum(1 for v in ref.values() if v.startswith("error"))}))
PY
