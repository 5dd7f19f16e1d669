#!/usr/bin/env bash
# Parses every structure of the real datasets in ../shared/data with Spinel's readers (CGCNN folders
# through CgcnnFolderReader + CifReader, Matbench json.gz through MatbenchReader), reporting counts,
# failures and speed; then times pymatgen on the first $REF_LIMIT rows of each CGCNN folder and on
# the whole perovskites file, and compares the structures (site count, volume, composition).
# Spinel's three timed runs there follow an unreported warm-up pass (a long-running program's speed);
# pymatgen (no JIT) runs once, after Spinel has brought the files into the page cache.
#
#   bench/parse_all.sh   (REF_LIMIT=2000 by default; REF_LIMIT=0 skips pymatgen; SKIP_FULL=1 skips the full run)
#
# Archives are unpacked under graph/target/bench-data/, never into the sources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="${SPINEL_SHARED:-$root/../shared}"
data="$shared/data"
work="$root/graph/target/bench-data"
ref_limit="${REF_LIMIT:-2000}"
mkdir -p "$work"

cd "$root"
. bench/lib.sh
unpack_cgcnn_folders "$data" "$work" matbench_mp_gap mp_36k
cp=$(graph_test_classpath)
java_run() { java -Xmx2g -cp "$cp" spinel.graph.io.ParseAllBench "$@"; }

if [ -z "${SKIP_FULL:-}" ]; then
  echo "== Spinel, every structure (one thread)"
  java_run "$work/matbench_mp_gap" "$work/mp_36k" \
    "$data/matbench_perovskites.json.gz" "$data/matbench_jdft2d.json.gz" "$data/matbench_phonons.json.gz"
fi

if [ "$ref_limit" -gt 0 ]; then
  echo "== Spinel vs pymatgen (same run, same machine): first $ref_limit rows of each CGCNN folder, all of perovskites"
  for ds in "$work/matbench_mp_gap" "$work/mp_36k" "$data/matbench_perovskites.json.gz"; do
    b="$(basename "$ds")"
    lim="$ref_limit"
    [ -d "$ds" ] || lim=1000000
    java_run --warmup --repeat 3 --limit "$lim" --dump "$work/$b.spinel.tsv" "$ds"
    /usr/bin/python3 "$root/bench/parse_all_pymatgen.py" --limit "$lim" --dump "$work/$b.pymatgen.tsv" "$ds" 2>"$work/$b.pymatgen.err"
    /usr/bin/python3 - "$work/$b.spinel.tsv" "$work/$b.pymatgen.tsv" <<'PY'
import sys
def load(p):
    out = {}
    for line in open(p):
        i, n, v, f = line.rstrip("\n").split("\t")
        out[i] = (int(n), float(v), f)
    return out
a, b = load(sys.argv[1]), load(sys.argv[2])
common = sorted(set(a) & set(b))
bad = [i for i in common if a[i][0] != b[i][0] or abs(a[i][1] - b[i][1]) > 1e-4 * max(1, b[i][1]) or a[i][2] != b[i][2]]
print('{"compared": %d, "only_spinel": %d, "only_pymatgen": %d, "disagree": %d}' % (len(common), len(set(a) - set(b)), len(set(b) - set(a)), len(bad)))
for i in bad[:10]:
    print("  DIFF", i, "spinel", a[i], "pymatgen", b[i], file=sys.stderr)
PY
  done
fi
