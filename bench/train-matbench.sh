#!/usr/bin/env bash
# Matbench benchmarks of the train module: CGCNN, CGCNN + descriptor fusion and the tabular MLPs on
# the official Matbench v0.1 folds, and space-group / crystal-system classification on a subset of
# matbench_mp_gap. Every run is resumable: rerun the same command after an interruption and finished
# runs are skipped, interrupted ones continue from their last epoch.
#
#   bench/train-matbench.sh jdft2d|phonons|perovskites|mp_gap_symmetry [OUT]
#
# Options come from the environment: FOLDS (e.g. "0,1,2,3,4"), MODELS, EPOCHS, LIMIT, EXTRA (more
# 'spinel train' options). Results: OUT/<task>/results.md, results.json and each run's metrics.json.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SPINEL_SHARED:-$root/../shared}"
data="$shared/data"
task="${1:?usage: train-matbench.sh jdft2d|phonons|perovskites|mp_gap_symmetry [OUT]}"
out="${2:-$root/target/bench-train}"
cache="${SPINEL_CACHE:-$out/graph-cache}"

jar="$root/cli/target/spinel.jar"
if [ ! -f "$jar" ]; then (cd "$root" && ./mvnw -q -B -o package -Dmaven.test.skip=true) >&2; fi
bench() { java ${SPINEL_JAVA_OPTS:-} -jar "$jar" bench "$@"; }

case "$task" in
  jdft2d|phonons|perovskites)
    bench compare --data "$data/matbench_$task.json.gz" --folds "$data/matbench_meta/$task.folds.json"* \
      --fold-list "${FOLDS:-0,1,2,3,4}" --models "${MODELS:-mlp-lattice,mlp-composition,cgcnn,fusion}" \
      --epochs "${EPOCHS:-100}" --cache "$cache" ${EXTRA:-} --out "$out/$task"
    ;;
  mp_gap_symmetry)
    # the CGCNN folder is unpacked outside the repository, once
    tmp="${SPINEL_DATA_TMP:-/tmp/spinel-data}"
    if [ ! -f "$tmp/matbench_mp_gap/id_prop.csv" ]; then
      mkdir -p "$tmp" && tar -xJf "$data/matbench_mp_gap.tar.xz" -C "$tmp"
    fi
    for t in crystal-system space-group; do
      col=$([ "$t" = crystal-system ] && echo crys_sys || echo spg_num)
      bench compare --data "$tmp/matbench_mp_gap" --labels "$data/matbench_meta/mp_gap.csv.gz" --target "$col" \
        --task "$t" --folds "$data/matbench_meta/mp_gap.folds.json.gz" --fold-list 0 --limit "${LIMIT:-10000}" \
        --models "${MODELS:-mlp-lattice,mlp-composition,cgcnn}" --epochs "${EPOCHS:-60}" --cache "$cache" \
        ${EXTRA:-} --out "$out/mp_gap_$t"
    done
    ;;
  *) echo "unknown task $task" >&2; exit 2 ;;
esac
