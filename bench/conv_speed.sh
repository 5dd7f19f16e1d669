#!/usr/bin/env bash
# CGCNN training and inference throughput: spinel (DJL, PyTorch 2.7.1 engine) against the reference
# CGCNN maths on PyTorch (Debian python3-torch), same machine, same intra-op threads, same graphs,
# same batches (default architecture 64/3/128/1, batch 256, SGD with momentum, MSE).
#
#   bench/conv_speed.sh [--threads 1] [--crystals 512] [--atoms 52] [--epochs 2] [--rounds 2]
#
# Prints one JSON line per implementation and round, then the ratios (spinel / reference) of the
# medians, wall-clock and per CPU second (the latter is robust to other load on the machine).
set -euo pipefail
cd "$(dirname "$0")/.."
threads=1 crystals=512 atoms=52 epochs=2 rounds=2
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --crystals) crystals=$2; shift 2 ;;
    --atoms) atoms=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export SPINEL_SHARED=${SPINEL_SHARED:-$(cd .. && pwd)/shared}
graphs=${TMPDIR:-/tmp}/spinel-conv-bench-${crystals}x${atoms}.npz
if [ ! -f "$graphs" ]; then
  /usr/bin/python3 bench/cgcnn_reference_speed.py generate "$graphs" --crystals "$crystals" --atoms "$atoms"
fi
./mvnw -q -B -o -pl conv -am compile dependency:build-classpath -Dmdep.outputFile=target/conv.cp >&2
rm -f graph/target/conv.cp descriptors/target/conv.cp
cp="conv/target/classes:$(cat conv/target/conv.cp)"
out=$(mktemp)
echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)" >&2
for r in $(seq "$rounds"); do
  /usr/bin/python3 bench/cgcnn_reference_speed.py run "$graphs" --threads "$threads" --epochs "$epochs" | tee -a "$out"
  java -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" spinel.conv.SpeedBenchmark \
    "$graphs" --threads "$threads" --epochs "$epochs" 2>/dev/null | tee -a "$out"
done
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
med = lambda impl, k: statistics.median(r[k] for r in rows if r['impl'] == impl)
keys = ['train_crystals_per_s', 'infer_crystals_per_s', 'train_crystals_per_cpu_s', 'infer_crystals_per_cpu_s']
print(json.dumps({'ratio_spinel_over_reference': {k: round(med('spinel-djl', k) / med('reference-pytorch', k), 2) for k in keys},
                  'spinel': {k: round(med('spinel-djl', k), 1) for k in keys},
                  'reference': {k: round(med('reference-pytorch', k), 1) for k in keys}}))
PY
rm -f "$out"
