#!/usr/bin/python3
"""Writes the small reference files that graph/src/test/java/spinel/graph/io tests read.

Run with Debian's python3 (python3-ase, python3-pymatgen): /usr/bin/python3 scripts/gen_io_fixtures.py
The outputs are committed; tests never need Python.
"""
import io
import json
import os

import numpy as np
from ase import Atoms
from ase.io import write as ase_write
from pymatgen.core import Lattice, Structure
from pymatgen.io.vasp import Poscar

out = os.path.join(os.path.dirname(__file__), "..", "graph", "src", "test", "resources", "spinel", "graph", "io")
os.makedirs(out, exist_ok=True)

# extended XYZ, two periodic frames with per-frame info, written by ASE
a1 = Atoms("NaCl", scaled_positions=[[0, 0, 0], [0.5, 0.5, 0.5]],
           cell=[[0, 2.82, 2.82], [2.82, 0, 2.82], [2.82, 2.82, 0]], pbc=True)
a1.info["energy"] = -6.75
a1.info["name"] = "rock salt"
a1.arrays["forces"] = np.array([[0.1, 0.0, -0.2], [-0.1, 0.0, 0.2]])
a2 = Atoms("SiO2", positions=[[0.1, 0.2, 0.3], [1.5, 1.0, 0.5], [2.0, 3.0, 1.0]],
           cell=[[4.9, 0, 0], [-2.45, 4.24352, 0], [0.3, 0.2, 5.4]], pbc=True)
a2.info["energy"] = -23.5
a2.info["band_gap"] = 5.6
a2.info["name"] = "quartz-ish"
with open(os.path.join(out, "ase_frames.extxyz"), "w") as f:
    ase_write(f, [a1, a2], format="extxyz")
ref = []
for a in (a1, a2):
    ref.append({"cell": a.cell.array.tolist(), "frac": a.get_scaled_positions(wrap=False).tolist(),
                "symbols": a.get_chemical_symbols(), "volume": a.get_volume()})
with open(os.path.join(out, "ase_frames.ref.json"), "w") as f:
    json.dump(ref, f, indent=1)

# pymatgen dict with oxidation states and a disordered site
lat = Lattice.from_parameters(5.1, 5.3, 7.2, 88.0, 95.0, 101.0)
s = Structure(lat, [{"Fe3+": 0.5, "Mn2+": 0.5}, "O2-", {"O2-": 0.75}],
              [[0.1, 0.2, 0.3], [0.5, 0.5, 0.5], [0.75, 0.1, 0.9]])
with open(os.path.join(out, "pymatgen_disordered.json"), "w") as f:
    json.dump(s.as_dict(), f, indent=1)

# POSCAR written by pymatgen (VASP 5, with selective dynamics), and its reference numbers
s2 = Structure(Lattice([[3.9, 0.1, 0.0], [0.2, 4.1, 0.0], [0.0, 0.3, 5.5]]), ["Ba", "Ti", "O", "O", "O"],
               [[0, 0, 0], [0.5, 0.5, 0.52], [0.5, 0.5, 0.0], [0.5, 0.0, 0.5], [0.0, 0.5, 0.5]])
p = Poscar(s2, selective_dynamics=[[True, True, False]] * 5)
with open(os.path.join(out, "POSCAR_BaTiO3"), "w") as f:
    f.write(p.get_string())
