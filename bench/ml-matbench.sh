#!/usr/bin/env bash
# Matbench benchmark of every model of issue 12 on the official folds: one `spinel train` per model and
# fold, each in its own JVM under `nice -n ${NICE:-10}` and `/usr/bin/time` (CPU seconds = user + sys, peak
# RSS), resumable (finished runs are skipped; rerun after any interruption).
#
#   bench/ml-matbench.sh jdft2d|phonons|perovskites [OUT]
#
# Environment: MODELS (comma list, "name" or "name:label:extra spinel-train options" separated by ';'),
# FOLDS (default 0,1,2,3,4), SPINEL_JAR (a copy of the jar, so rebuilding does not disturb running JVMs), NICE (default 10; 19 for long trainings on a shared machine). Results: OUT/<task>/<label>/fold-K/{metrics.json,time.txt}; the table with
# bench/ml-matbench-table.py.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${SPINEL_SHARED:-$root/../shared}/data"
task="${1:?usage: ml-matbench.sh jdft2d|phonons|perovskites [OUT]}"
out="${2:-$root/target/bench-ml}"
jar="${SPINEL_JAR:-$root/cli/target/spinel.jar}"
[ -f "$jar" ] || (cd "$root" && ./mvnw -q -B -Dmaven.test.skip=true package) >&2
folds_file=$(ls "$data/matbench_meta/$task".folds.json*)
IFS=';' read -ra models <<< "${MODELS:-gradient-boosting;knn;linear;decision-tree;random-forest}"
IFS=',' read -ra folds <<< "${FOLDS:-0,1,2,3,4}"
for spec in "${models[@]}"; do
  IFS=':' read -r model label extra <<< "$spec"
  label="${label:-$model}"
  for k in "${folds[@]}"; do
    dir="$out/$task/$label/fold-$k"
    if [ -f "$dir/metrics.json" ] && [ -f "$dir/time.txt" ]; then continue; fi
    mkdir -p "$dir"
    echo "== $task $label fold $k" >&2
    cmd="spinel train --data $data/matbench_$task.json.gz --folds $folds_file --fold $k --model $model $extra"
    echo "$cmd --out $dir" | sed "s#$root/##g" > "$dir/command.txt"
    # shellcheck disable=SC2086
    /usr/bin/time -o "$dir/time.txt" -f "%U %S %M %e" nice -n "${NICE:-10}" java ${SPINEL_JAVA_OPTS:-} -jar "$jar" train \
      --data "$data/matbench_$task.json.gz" --folds "$folds_file" --fold "$k" --model "$model" $extra \
      --out "$dir" --resume --cache "$out/graph-cache" > "$dir/stdout.json" 2> "$dir/stderr.log" || {
        echo "failed: see $dir/stderr.log" >&2; rm -f "$dir/time.txt"; }
  done
done
