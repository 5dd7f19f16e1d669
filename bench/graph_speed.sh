#!/usr/bin/env bash
# Speed of CGCNN featurisation: Spinel (JMH) against the reference pipeline (pymatgen + the logic of
# cgcnn/data.py CIFData.__getitem__, /usr/bin/python3 with Debian python3-pymatgen), same files,
# same run, one core each.  Writes graph/target/bench/{reference.json,jmh.json,summary.md}.
#
#   bench/graph_speed.sh              # full run (about 5 minutes on 2 cores)
#   QUICK=1 bench/graph_speed.sh      # shorter JMH iterations
#   REF_SIZES=1000,10000 bench/graph_speed.sh   # also time pymatgen on a 10^4-atom supercell (slow, ~GBs)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=$(cd "${SPINEL_SHARED:-$ROOT/../shared}" && pwd)
WORK=$ROOT/graph/target/bench
N52=${N52:-20}
mkdir -p "$WORK"

# 1. the files: the 10 CGCNN sample CIFs, and the first $N52 52-atom CIFs of mp_36k (unpacked into target/)
SAMPLE=$(ls "$SHARED"/anchors/cgcnn/sample/*.cif | paste -sd, -)
if [ ! -d "$WORK/mp_36k" ]; then
  xz -dc "$SHARED/data/mp_36k.tar.xz" | tar -x -C "$WORK" --wildcards 'mp_36k/[0-9]*.cif'
fi
MP52=""; found=0
for f in $(cd "$WORK/mp_36k" && ls | sort -n); do
  n=$(awk '/_atom_site_occupancy/{on=1;next} on&&NF>=7{c++} END{print c+0}' "$WORK/mp_36k/$f")
  if [ "$n" = 52 ]; then MP52="$MP52${MP52:+,}$WORK/mp_36k/$f"; found=$((found + 1)); fi
  [ "$found" -ge "$N52" ] && break
done

# 2. the reference pipeline, one core; it also saves the structures it read for the Java side
echo "== reference (pymatgen $(/usr/bin/python3 -c 'import pymatgen.core as p; print(p.__version__)' 2>/dev/null || echo '?'))" >&2
OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 taskset -c 0 /usr/bin/python3 bench/graph_speed_reference.py \
  --out "$WORK/reference.json" --npz "$WORK/structures.npz" \
  --atom-init "$SHARED/anchors/cgcnn/sample/atom_init.json" --repeat 5 \
  --sizes 1000,10000,100000 --reference-sizes "${REF_SIZES:-1000}" --scaling-base sample/1507756 \
  "sample=$SAMPLE" "mp52=$MP52"

# 3. Spinel under JMH, one core
. bench/lib.sh
CP=$(graph_test_classpath)
if [ -n "${QUICK:-}" ]; then ITER=(-wi 2 -i 3 -w 1s -r 1s); else ITER=(-wi 3 -i 5 -w 2s -r 2s); fi
INCLUDE='GraphSpeedBench.graph|GraphScalingBench'
if [ -f "$ROOT/graph/target/classes/spinel/graph/io/CifReader.class" ]; then
  INCLUDE='GraphSpeedBench|GraphScalingBench'
fi
echo "== spinel (JMH: $INCLUDE)" >&2
taskset -c 1 java -Xmx6g -cp "$CP" org.openjdk.jmh.Main "$INCLUDE" -f 1 "${ITER[@]}" -prof gc \
  -jvmArgs "-Xmx6g -Dspinel.bench.npz=$WORK/structures.npz -Dspinel.bench.atomInit=$SHARED/anchors/cgcnn/sample/atom_init.json" \
  -rf json -rff "$WORK/jmh.json" | grep -E "^(Benchmark|Graph)|supercell" >&2

# 3b. the same in thread CPU time (robust to other jobs on the machine)
taskset -c 1 java -Xmx6g -Dspinel.bench.npz="$WORK/structures.npz" \
  -Dspinel.bench.atomInit="$SHARED/anchors/cgcnn/sample/atom_init.json" -cp "$CP" spinel.graph.bench.GraphSpeedCpu > "$WORK/cpu.json"

# 4. the comparison
/usr/bin/python3 - "$WORK" <<'PY' | tee "$WORK/summary.md"
import json, sys, os, platform
w = sys.argv[1]
ref = json.load(open(os.path.join(w, "reference.json")))
cpuj = json.load(open(os.path.join(w, "cpu.json")))
jmh = json.load(open(os.path.join(w, "jmh.json")))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
load = open("/proc/loadavg").read().split()[:3]
print(f"machine: {cpu}, {os.cpu_count()} cores, Linux {platform.release()}; one core per side (taskset); "
      f"load average at the end {' '.join(load)}\n")
print("CPU time (thread CPU time in Java, process_time in Python; median):\n")
print("| set | files | mean atoms | step | reference ms/structure | spinel ms/structure | speed-up |")
print("|---|---|---|---|---|---|---|")
for g, rg in ref["groups"].items():
    for key, rkey, label in (("graph_cpu_seconds_per_structure", "graph_cpu_seconds_per_structure_median", "graph from a parsed structure"),
                             ("read_graph_cpu_seconds_per_structure", "cpu_seconds_per_structure_median", "read CIF + graph")):
        v = cpuj.get(g + "." + key)
        if v is None: continue
        r = rg[rkey]
        print(f"| {g} | {rg['files']} | {rg['mean_atoms']:.1f} | {label} | {r*1e3:.3f} | {v*1e3:.4f} | {r/v:.0f}× |")
print("\n| supercell atoms | spinel graph (12 nearest) ms | µs/atom | spinel all neighbours within 8 Å ms | µs/atom | reference get_all_neighbors(8)+sort+expand s |")
print("|---|---|---|---|---|---|")
for n in ("1000", "10000", "100000"):
    at = cpuj["scaling." + n + ".atoms"]; g = cpuj["scaling." + n + ".graph_cpu_seconds"]; a = cpuj["scaling." + n + ".within8_cpu_seconds"]
    rs = ref["scaling"].get(n)
    print(f"| {at} | {g*1e3:.1f} | {g/at*1e6:.2f} | {a*1e3:.0f} | {a/at*1e6:.2f} | {('%.2f' % rs['cpu_seconds']) if rs else '—'} |")
print("\nWall time (JMH average time; other jobs on the machine inflate both sides):\n")
print("| set | files | mean atoms | step | reference (pymatgen) ms/structure | spinel ms/structure | speed-up |")
print("|---|---|---|---|---|---|---|")
def bench(name, **params):
    for r in jmh:
        if r["benchmark"].endswith(name) and all(r["params"].get(k) == str(v) for k, v in params.items()):
            return r
for g, rg in ref["groups"].items():
    for step, label, key in (("graph", "graph from a parsed structure", "graph_seconds_per_structure_mean"),
                             ("readAndGraph", "read CIF + graph", "seconds_per_structure_mean")):
        r = bench("GraphSpeedBench." + step, set=g)
        if r is None: continue
        us = r["primaryMetric"]["score"] / rg["files"]
        refms = rg[key] * 1e3
        print(f"| {g} | {rg['files']} | {rg['mean_atoms']:.1f} | {label} | {refms:.3f} | {us/1e3:.4f} | {refms/(us/1e3):.0f}× |")
    print(f"| {g} | | | (reference: read CIF only) | {rg['read_seconds_per_structure_mean']*1e3:.3f} | | |")
print("\n| supercell atoms | spinel graph (12 nearest) ms | spinel all neighbours within 8 Å ms | allocated MB/op (graph, all) | reference get_all_neighbors(8)+sort+expand s |")
print("|---|---|---|---|---|")
for n in ("1000", "10000", "100000"):
    g, a = bench("GraphScalingBench.graph", atoms=n), bench("GraphScalingBench.neighborsWithin8", atoms=n)
    if g is None: continue
    def alloc(r):
        m = r["secondaryMetrics"]
        return m.get("gc.alloc.rate.norm", m.get("·gc.alloc.rate.norm", {})).get("score", float("nan")) / 1e6
    rs = ref["scaling"].get(n)
    print(f"| {rs['atoms'] if rs else n} | {g['primaryMetric']['score']:.2f} | {a['primaryMetric']['score']:.1f} | "
          f"{alloc(g):.1f}, {alloc(a):.0f} | {('%.2f' % rs['seconds']) if rs else '—'} |")
PY
