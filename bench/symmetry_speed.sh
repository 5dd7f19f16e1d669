#!/usr/bin/env bash
# Whole-process speed of `spinel symmetry`, the command a user runs: it reads the CIFs, analyses them at
# symprec 0.01 and writes one JSON line each.
#  - on every CIF of DIR (the issue's "all 106,113 mp_gap structures in under 2 minutes on the 2 cores"),
#  - and on the first N of them next to pymatgen + spglib (bench/symmetry_reference.py: CifParser,
#    SpacegroupAnalyzer) on the same files, for the ratio.
# The runs alternate REPEAT times. /usr/bin/time gives wall time, user + sys CPU and peak RSS of each whole
# process, JVM and interpreter start included. Run it on a quiet machine: wall time is the goal's measure.
#
#   bench/symmetry_speed.sh DIR [N] [REPEAT]     # e.g. /tmp/spinel-data/matbench_mp_gap 5000 3
#
# SPINEL: the command (default ./spinel). One JSON line per run on stdout.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:?usage: symmetry_speed.sh DIR [N] [REPEAT]}"
n=${2:-5000}
repeat=${3:-3}
spinel=${SPINEL:-$root/spinel}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
find "$dir/" -maxdepth 1 -name '*.cif' | sort > "$work/all.txt"
head -n "$n" "$work/all.txt" > "$work/first.txt"
mapfile -t first < "$work/first.txt"

run() { # run LABEL FILES command...: one JSON line with the process's wall, CPU and peak RSS
  local label=$1 files=$2
  shift 2
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > "$work/out" 2> /dev/null
  read -r wall user sys rss < "$work/time"
  printf '{"tool": "%s", "files": %d, "lines": %d, "wall_s": %s, "cpu_s": %.2f, "peak_rss_mb": %d, "load": "%s"}\n' \
    "$label" "$files" "$(wc -l < "$work/out")" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" \
    "$(uptime | sed 's/.*average: //')"
}

for r in $(seq "$repeat"); do
  run "spinel symmetry (all)" "$(wc -l < "$work/all.txt")" $spinel symmetry "$dir"
  run "spinel symmetry (first $n)" "$n" $spinel symmetry "${first[@]}"
  run "pymatgen+spglib (first $n)" "$n" /usr/bin/python3 "$root/bench/symmetry_reference.py" "$work/first.txt" 0.01 /dev/stdout
done
