#!/usr/bin/env bash
# Exact space-group analysis: Spinel's SymmetryAnalyzer against spglib (Debian python3-spglib),
# same files, one interleaved run.
#   agreement: structures not used for tuning (mp_36k, COD minerals of avogadro2, jdft2d 2D
#              materials written as CIFs), at symprec 1e-5, 1e-3, 0.01, 0.1:
#              agreement_same_cells.json  spglib on exactly the cells Spinel read (the algorithm)
#              agreement.json             pymatgen reads the files, SpacegroupAnalyzer (end to end;
#                                         pymatgen snaps coordinates near 1/3, 2/3 and sorts sites;
#                                         skipped with PYMATGEN_AGREE=0)
#   speed:     N_SPEED mp_gap structures (default all 106,113), whole process (read + analyse),
#              Spinel on 2 threads vs pymatgen+spglib, CPU and wall time, alternated REPEAT times
# Writes graph/target/bench/symmetry/{agreement_same_cells.json,agreement.json,speed.jsonl}.
#   N_AGREE=2000 N_SPEED=106113 REPEAT=1 bench/symmetry.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=$(cd "${SPINEL_SHARED:-$ROOT/../shared}" && pwd)
WORK=$ROOT/graph/target/bench/symmetry
mkdir -p "$WORK"
N_AGREE=${N_AGREE:-2000}; N_SPEED=${N_SPEED:-106113}; REPEAT=${REPEAT:-1}
for d in matbench_mp_gap mp_36k; do
  [ -d "$WORK/$d" ] || xz -dc "$SHARED/data/$d.tar.xz" | tar -x -C "$WORK"
done
if [ ! -d "$WORK/jdft2d" ]; then
  mkdir -p "$WORK/jdft2d"
  /usr/bin/python3 - "$SHARED/data/matbench_jdft2d.json.gz" "$WORK/jdft2d" <<'PY'
import gzip, json, sys, warnings
warnings.filterwarnings("ignore")
from pymatgen.core import Structure
d = json.load(gzip.open(sys.argv[1]))
for mbid, (s, _) in zip(d["index"], d["data"]):
    Structure.from_dict(s).to(filename=f"{sys.argv[2]}/{mbid}.cif")
PY
fi
find "$WORK/mp_36k/" -name '*.cif' | sort -V | awk -v n="$N_AGREE" 'NR % 17 == 5 && c < n {print; c++}' > "$WORK/agree.txt"
find "$WORK/jdft2d" -name '*.cif' | sort >> "$WORK/agree.txt"
find /usr/share/avogadro2/crystals -name '*.cif' 2>/dev/null | sort >> "$WORK/agree.txt" || true
find "$WORK/matbench_mp_gap/" -name '*.cif' | sort | awk -v n="$N_SPEED" 'NR <= n' > "$WORK/speed.txt"  # awk reads all: no SIGPIPE under pipefail

. bench/lib.sh
CP=$(graph_test_classpath)
spinel() { java -cp "$CP" spinel.graph.symmetry.bench.SymmetryBench "$@"; }

echo "== agreement on $(wc -l < "$WORK/agree.txt") structures" >&2
spinel "$WORK/agree.txt" 1e-5,1e-3,0.01,0.1 "$WORK/agree.spinel" 2 "$WORK/agree.cells.jsonl" 2>&1 | tail -1
/usr/bin/python3 bench/symmetry_spglib.py "$WORK/agree.cells.jsonl" 1e-5,1e-3,0.01,0.1 "$WORK/agree.spglib"
/usr/bin/python3 bench/symmetry_compare.py "$WORK/agree.spinel" "$WORK/agree.spglib" --same-order | tee "$WORK/agreement_same_cells.json"
if [ "${PYMATGEN_AGREE:-1}" != 0 ]; then
  /usr/bin/python3 bench/symmetry_reference.py "$WORK/agree.txt" 1e-5,1e-3,0.01,0.1 "$WORK/agree.ref"
  /usr/bin/python3 bench/symmetry_compare.py "$WORK/agree.spinel" "$WORK/agree.ref" | tee "$WORK/agreement.json"
fi

echo "== speed on $(wc -l < "$WORK/speed.txt") mp_gap files, symprec 0.01, load: $(uptime)" >&2
: > "$WORK/speed.jsonl"
for r in $(seq "$REPEAT"); do
  s=$(spinel "$WORK/speed.txt" 0.01 "$WORK/speed.spinel" 2 2>&1 | tail -1)
  echo "{\"tool\": \"spinel\", \"run\": $r, \"load\": \"$(uptime | sed 's/.*average: //')\", \"result\": $s}" | tee -a "$WORK/speed.jsonl"
  p=$(/usr/bin/python3 bench/symmetry_reference.py "$WORK/speed.txt" 0.01 "$WORK/speed.ref" 2>&1 | tail -1)
  echo "{\"tool\": \"pymatgen+spglib\", \"run\": $r, \"load\": \"$(uptime | sed 's/.*average: //')\", \"result\": $p}" | tee -a "$WORK/speed.jsonl"
done
/usr/bin/python3 bench/symmetry_compare.py "$WORK/speed.spinel" "$WORK/speed.ref" > "$WORK/speed_agreement.json"
