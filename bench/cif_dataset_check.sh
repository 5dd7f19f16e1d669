#!/bin/sh
# Read a whole CGCNN CIF dataset with Spinel's CifReader (speed, failures), check a random sample
# against pymatgen's CifParser and the dataset's volumes.
# Usage: bench/cif_dataset_check.sh [ARCHIVE.tar.xz] [SAMPLE]   (default ../shared/data/mp_36k.tar.xz, 300)
set -e
cd "$(dirname "$0")/.."
ARCHIVE=${1:-../shared/data/mp_36k.tar.xz}
SAMPLE=${2:-300}
WORK=graph/target/cif-dataset
mkdir -p "$WORK"
NAME=$(basename "$ARCHIVE" .tar.xz)
[ -d "$WORK/$NAME" ] || tar -xJf "$ARCHIVE" -C "$WORK"
. bench/lib.sh
CP=$(graph_test_classpath)
java -cp "$CP" spinel.graph.io.CifFolderCheck "$WORK/$NAME" "$WORK/$NAME.spinel.jsonl"
/usr/bin/python3 bench/cif_dataset_check.py "$WORK/$NAME.spinel.jsonl" "$WORK/$NAME" "$SAMPLE"
