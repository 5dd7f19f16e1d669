#!/bin/sh
# Counts the reader's warnings (and refused blocks) on real and malformed structure files: the COD
# CIFs of Debian's libavogadro-data, the examples, the malformed fixtures, the CGCNN datasets of
# ../shared/data and the Matbench json.gz files. A flood of warnings on sound data is a bug.
# Results: docs/benchmarks/cif_warnings.md.
# Usage: bench/cif_warnings.sh [-v]    (-v prints every warning and failure)
set -e
cd "$(dirname "$0")/.."
WORK=graph/target/cif-dataset
mkdir -p "$WORK"
. bench/lib.sh
CP=$(graph_test_classpath)
census() { echo "$1"; java -cp "$CP" spinel.graph.io.WarningCensus "$1" ${V:-} | tail -n "${TAIL:-1}"; }
[ "$1" = "-v" ] && V=-v && TAIL=100000
[ -d /usr/share/avogadro2/crystals ] && census /usr/share/avogadro2/crystals
census examples
census graph/src/test/resources/malformed
for a in ../shared/data/mp_36k.tar.xz ../shared/data/matbench_mp_gap.tar.xz; do
  [ -f "$a" ] || continue
  NAME=$(basename "$a" .tar.xz)
  [ -d "$WORK/$NAME" ] || tar -xJf "$a" -C "$WORK"
  census "$WORK/$NAME"
done
for j in ../shared/data/matbench_*.json.gz; do [ -f "$j" ] && census "$j"; done
