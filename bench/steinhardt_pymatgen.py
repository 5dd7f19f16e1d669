#!/usr/bin/python3
"""Reference for the Steinhardt benchmark: pymatgen's LocalStructOrderParams (q2, q4, q6) on the
neighbourhoods dumped by DescriptorsBench (the first 2,000 sites of the perturbed fcc crystal).

Each site's neighbourhood is the centre plus its 12 neighbour images as explicit sites in a large
box, so pymatgen sees exactly the neighbours Spinel used. Prints the largest deviation and the
time per site against Spinel's (which computes every l = 2..12, pymatgen only 2, 4, 6).
Usage: /usr/bin/python3 bench/steinhardt_pymatgen.py DUMP.json [sites]
"""
import json, sys, time
import numpy as np
from pymatgen.core import Lattice, Structure
from pymatgen.analysis.local_env import LocalStructOrderParams

dump = json.load(open(sys.argv[1]))
sites = dump["sites"][: int(sys.argv[2]) if len(sys.argv) > 2 else 2000]
ops = LocalStructOrderParams(["q2", "q4", "q6"])
box = Lattice.cubic(100.0)
worst = 0.0
t0 = time.process_time()  # CPU time, like the Java side (the machine is shared)
for s in sites:
    v = np.array(s["vectors"])
    coords = np.vstack([[50.0, 50.0, 50.0], 50.0 + v])
    st = Structure(box, ["Cu"] * len(coords), coords, coords_are_cartesian=True)
    q = ops.get_order_parameters(st, 0, indices_neighs=list(range(1, len(coords))))
    worst = max(worst, abs(q[0] - s["q2"]), abs(q[1] - s["q4"]), abs(q[2] - s["q6"]))
dt = (time.process_time() - t0) / len(sites)
ours = dump["steinhardt_seconds_per_atom_l2_12"]
print(json.dumps({"sites": len(sites), "max_abs_diff_q2_q4_q6": worst, "pymatgen_s_per_site_q2_q4_q6": dt,
                  "spinel_s_per_site_q2_to_q12": ours, "ratio": dt / ours}))
