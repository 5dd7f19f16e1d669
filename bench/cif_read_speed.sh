#!/bin/sh
# Speed of reading CIFs: Spinel's CifReader against pymatgen's CifParser on the same files, same run.
# Usage: bench/cif_read_speed.sh [FILE.cif ...]   (default: two ~52-site COD CIFs and the 10 CGCNN samples)
set -e
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then
  set -- /usr/share/avogadro2/crystals/clays/Al2Si2O9H4-Dickite.cif \
         "/usr/share/avogadro2/crystals/oxides/(MgAl2)O4-Spinel.cif" \
         examples/Si.cif examples/Al2O3-corundum.cif ../shared/anchors/cgcnn/sample/*.cif
fi
. bench/lib.sh
CP=$(graph_test_classpath)
echo "# spinel CifReader (java $(java -version 2>&1 | head -1 | cut -d'"' -f2))"
java -cp "$CP" spinel.graph.io.CifReadBench "$@"
echo "# pymatgen CifParser"
/usr/bin/python3 bench/cif_read_speed.py "$@"
