#!/usr/bin/python3
"""pymatgen reference for Steinhardt q2, q4, q6 on real crystals: the reference CGCNN sample CIFs in
../shared/anchors/cgcnn/sample. For every site, the neighbours are all periodic images within
CUTOFF Å (pymatgen's Structure.get_neighbors), and LocalStructOrderParams computes q2, q4, q6 from
the centre and those images placed as explicit sites in a large box.

Writes src/test/resources/spinel/descriptors/pymatgen_steinhardt.json (reference numbers only; the
CIFs are read from ../shared by the test).
Run: /usr/bin/python3 descriptors/scripts/gen_pymatgen_steinhardt.py   (Debian python3-pymatgen 2022.11)
"""
import json, os, warnings
import numpy as np
from pymatgen.core import Lattice, Structure
from pymatgen.analysis.local_env import LocalStructOrderParams

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "..", "shared", "anchors", "cgcnn", "sample")
if not os.path.isdir(SAMPLE):
    SAMPLE = "/work/shared/anchors/cgcnn/sample"
CUTOFF = 3.5
ops = LocalStructOrderParams(["q2", "q4", "q6"])
box = Lattice.cubic(200.0)
out = {"source": "pymatgen 2022.11 LocalStructOrderParams", "cutoff": CUTOFF, "structures": []}
for name in sorted(os.listdir(SAMPLE)):
    if not name.endswith(".cif"):
        continue
    s = Structure.from_file(os.path.join(SAMPLE, name))
    sites = []
    for i, site in enumerate(s):
        nbrs = s.get_neighbors(site, CUTOFF)
        # drop neighbours within 1e-6 Å of the cutoff, where r < R versus r <= R could disagree
        nbrs = [n for n in nbrs if abs(n.nn_distance - CUTOFF) > 1e-6]
        if not nbrs:
            sites.append({"n": 0})
            continue
        coords = np.vstack([[100.0] * 3, 100.0 + np.array([n.coords - site.coords for n in nbrs])])
        st = Structure(box, ["H"] * len(coords), coords, coords_are_cartesian=True)
        q = ops.get_order_parameters(st, 0, indices_neighs=list(range(1, len(coords))))
        sites.append({"n": len(nbrs), "q2": q[0], "q4": q[1], "q6": q[2]})
    out["structures"].append({"file": name, "nsites": len(s), "sites": sites})
path = os.path.join(HERE, "..", "src", "test", "resources", "spinel", "descriptors", "pymatgen_steinhardt.json")
with open(path, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("wrote", path, sum(len(x["sites"]) for x in out["structures"]), "sites")
