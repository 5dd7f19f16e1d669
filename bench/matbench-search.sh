#!/usr/bin/env bash
# Nested cross-validation on Matbench's official folds, as the Matbench rules ask: for each outer fold,
# `spinel search` chooses hyperparameters by K-fold cross-validation inside that fold's training rows
# only, then `spinel train` trains the chosen options (as an ensemble of ENSEMBLE seeds) on the whole
# training part and scores the official test rows once. Resumable: rerun after any interruption.
#
#   bench/matbench-search.sh jdft2d|phonons|perovskites OUT
#
# Environment: BASE (the spinel train options every candidate shares, e.g. "--model fusion --loss l1"),
# SPACE (';'-separated --space entries, e.g. "lr=0.001,0.003;epochs=60,150"), CV (inner folds, 3),
# ENSEMBLE (members of the final model, 5), FOLDS (outer folds, 0,1,2,3,4), SPINEL (the command, e.g.
# "java -jar /tmp/copy/spinel.jar" so that rebuilding does not disturb a long run), NICE (10).
# Per fold: OUT/fold-K/search/{search.md,best.json}, OUT/fold-K/final/{metrics.json,time.txt}; the table
# (test MAE per fold, mean, chosen options, CPU seconds of search and final training) in OUT/results.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${SPINEL_SHARED:-$root/../shared}/data"
task="${1:?usage: matbench-search.sh jdft2d|phonons|perovskites OUT}"
out="${2:?usage: matbench-search.sh TASK OUT}"
spinel=${SPINEL:-$root/spinel}
folds_file=$(ls "$data/matbench_meta/$task".folds.json*)
IFS=',' read -ra folds <<< "${FOLDS:-0,1,2,3,4}"
IFS=';' read -ra space <<< "${SPACE:?SPACE, e.g. lr=0.001,0.003;epochs=60,150}"
space_args=()
for s in "${space[@]}"; do space_args+=(--space "$s"); done
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}

timed() { # timed FILE command...: CPU seconds (user + sys) and peak RSS of the command into FILE
  /usr/bin/time -f "%U %S %M" -o "$1.tmp" "${@:2}" && mv "$1.tmp" "$1"
}

for k in "${folds[@]}"; do
  dir="$out/fold-$k"
  mkdir -p "$dir"
  base=(--data "$data/matbench_$task.json.gz" --folds "$folds_file" --fold "$k" ${BASE:-})
  if [ ! -f "$dir/search.time" ]; then
    echo "== $task fold $k: search" >&2
    # one seed per candidate (also under a --recipe that trains an ensemble)
    timed "$dir/search.time" nice -n "${NICE:-10}" $spinel search "${base[@]}" --ensemble 1 "${space_args[@]}" \
      --cv-folds "${CV:-3}" --out "$dir/search" > "$dir/search.jsonl"
  fi
  if [ ! -f "$dir/final.time" ]; then
    echo "== $task fold $k: final training with the chosen options" >&2
    # the chosen options without the search's one seed: the final model is the ENSEMBLE
    mapfile -t chosen < <(jq -r '.train_args | . as $a | [range(0; length) | select(($a[.] != "--ensemble")
      and (. == 0 or $a[. - 1] != "--ensemble")) | $a[.]] | .[]' "$dir/search/best.json")
    timed "$dir/final.time" nice -n "${NICE:-10}" $spinel train "${chosen[@]}" --ensemble "${ENSEMBLE:-5}" \
      --resume --out "$dir/final" > /dev/null
  fi
done

{
  echo "### $task: nested search (${CV:-3}-fold inside each training part), then ${ENSEMBLE:-5} seeds on the official fold"
  echo
  echo "| fold | test MAE | chosen | search CPU s | final CPU s | final peak RSS MB |"
  echo "|---|---|---|---|---|---|"
  for k in "${folds[@]}"; do
    d="$out/fold-$k"
    [ -f "$d/final/metrics.json" ] || continue
    read -r su ss _ < "$d/search.time"
    read -r fu fs fm < "$d/final.time"
    printf '| %s | %.4g | %s | %.0f | %.0f | %.0f |\n' "$k" "$(jq .test.mae "$d/final/metrics.json")" \
      "$(jq -r '.options | to_entries | map("\(.key) \(.value)") | join(", ")' "$d/search/best.json")" \
      "$(echo "$su + $ss" | bc)" "$(echo "$fu + $fs" | bc)" "$(echo "$fm / 1024" | bc)"
  done
  jq -s 'map(.test.mae) | "mean over \(length) folds: \(add / length)"' "$out"/fold-*/final/metrics.json
} > "$out/results.md"
cat "$out/results.md"
