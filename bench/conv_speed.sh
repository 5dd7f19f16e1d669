#!/usr/bin/env bash
# CGCNN training and inference throughput: `spinel bench speed` (the real trainer, Adam, checkpoints)
# against the reference CGCNN maths on PyTorch (Debian python3-torch, bench/cgcnn_reference_speed.py),
# on the same Materials Project crystals (the graphs spinel builds, exported with --save-graphs), the
# same batch, the same optimiser, interleaved round by round.
#
#   bench/conv_speed.sh [--crystals 2000] [--batch 256] [--epochs 2] [--rounds 3] [--threads 1]
#
# --threads sets the intra-op threads of both (spinel: SPINEL_TORCH_THREADS; 0 = each one's default).
# SPINEL=PATH runs another spinel launcher (e.g. one on a copy of the jar) instead of ./spinel.
# Prints one JSON line per implementation and round (with peak RSS from /usr/bin/time -v and the load
# average), then medians, spreads (min–max) and the ratios spinel / reference of the medians, per
# wall-clock second and per CPU second (the latter is robust to other load on the machine).
set -euo pipefail
cd "$(dirname "$0")/.."
crystals=2000 batch=256 epochs=2 rounds=3 threads=1
while [ $# -gt 0 ]; do
  case "$1" in
    --crystals) crystals=$2; shift 2 ;;
    --batch) batch=$2; shift 2 ;;
    --epochs) epochs=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
shared=${SPINEL_SHARED:-$(cd .. && pwd)/shared}
work=${TMPDIR:-/tmp}/spinel-conv-bench
data=$work/mp_${crystals}
graphs=$work/mp_${crystals}.graphs.npz
mkdir -p "$work"
if [ ! -f "$data/id_prop.csv" ]; then
  # the first N rows of the Materials Project set (CGCNN folder: <id>.cif + id_prop.csv)
  [ -d "$work/mp_36k" ] || tar -xJf "$shared/data/mp_36k.tar.xz" -C "$work"
  mkdir -p "$data.tmp"
  head -n "$crystals" "$work/mp_36k/id_prop.csv" > "$data.tmp/id_prop.csv"
  cut -d, -f1 "$data.tmp/id_prop.csv" | while read -r id; do cp "$work/mp_36k/$id.cif" "$data.tmp/"; done
  mv "$data.tmp" "$data"
fi
out=$(mktemp)
timed() {  # timed IMPL COMMAND...: runs COMMAND, appends its JSON line with peak RSS and load
  local impl=$1; shift
  local t; t=$(mktemp)
  local load0; load0=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -v -o "$t" "$@" > "$t.json"
  /usr/bin/python3 - "$impl" "$t" "$t.json" "$load0" <<'PY' | tee -a "$out"
import json, sys
impl, tfile, jfile, load0 = sys.argv[1:]
row = json.loads(open(jfile).read().strip().splitlines()[-1])
for line in open(tfile):
    k, _, v = line.strip().rpartition(': ')
    if k == 'Maximum resident set size (kbytes)': row['time_peak_rss_mb'] = round(int(v) / 1024, 1)
row.update(impl=impl, load_before=float(load0), load_after=float(open('/proc/loadavg').read().split()[0]))
print(json.dumps(row))
PY
  rm -f "$t" "$t.json"
}
spinel() {
  local extra=()
  [ -f "$graphs" ] || extra=(--save-graphs "$graphs")
  SPINEL_TORCH_THREADS=$([ "$threads" -gt 0 ] && echo "$threads" || echo "") \
    timed spinel "${SPINEL:-./spinel}" bench speed --data "$data" --batch "$batch" --epochs "$epochs" --cache "$work/cache" "${extra[@]}"
}
reference() {
  local t=$threads
  [ "$t" -gt 0 ] || t=$(nproc)
  # OMP/MKL pools sized like torch's: otherwise their idle threads spin on the free core and the
  # reference's CPU time counts that spinning (1.8 cores busy for one thread's work on a quiet machine)
  OMP_NUM_THREADS=$t MKL_NUM_THREADS=$t timed reference /usr/bin/python3 bench/cgcnn_reference_speed.py run "$graphs" --threads "$t" --batch "$batch" \
    --epochs "$epochs" --optim adam
}
echo "# $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)" >&2
[ -f "$graphs" ] || spinel  # builds the graph cache and exports the graphs (its round is not counted)
: > "$out"
for r in $(seq "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then reference; spinel; else spinel; reference; fi
done
/usr/bin/python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith('{')]
keys = ['train_crystals_per_s', 'train_crystals_per_cpu_s', 'infer_crystals_per_s', 'infer_crystals_per_cpu_s',
        'time_peak_rss_mb']
def stats(impl, k):
    v = [r[k] for r in rows if r['impl'] == impl]
    return statistics.median(v), min(v), max(v)
summary = {impl: {k: '%.1f (%.1f-%.1f)' % stats(impl, k) for k in keys} for impl in ('spinel', 'reference')}
summary['ratio_spinel_over_reference'] = {k: round(stats('spinel', k)[0] / stats('reference', k)[0], 2) for k in keys[:4]}
summary['load'] = [min(r['load_before'] for r in rows), max(r['load_after'] for r in rows)]
print(json.dumps(summary))
PY
rm -f "$out"
