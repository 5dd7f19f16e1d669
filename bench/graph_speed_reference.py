#!/usr/bin/python3
"""Reference timing for bench/graph_speed.sh: the CGCNN featurisation pipeline as the reference
cgcnn/data.py CIFData.__getitem__ runs it (pymatgen Structure.from_file, atom_init lookup,
get_all_neighbors(8), sort by distance, first 12 / pad with (0, radius + 1), Gaussian expansion
0..8 step 0.2 var 0.2, tensors), re-implemented here after its logic, timed per structure.

Also writes the structures it read (lattice, fractional coordinates, atomic numbers) to an .npz so
that the Java side benchmarks exactly the same crystals, and times pymatgen's neighbour search on
supercells for the scaling figures.  Bench-time only; the project never needs Python.

usage: graph_speed_reference.py --out result.json --npz structures.npz --atom-init atom_init.json
                                 [--repeat 5] [--sizes 1000,10000,100000] [--reference-sizes 1000] GROUP=FILE,FILE,... ...
"""
import argparse
import json
import time
import warnings

import numpy as np
from pymatgen.core.structure import Structure

try:
    import torch
except ImportError:  # the pipeline's last step (tensors) is skipped without torch
    torch = None

warnings.filterwarnings("ignore")

RADIUS, MAX_NBR = 8.0, 12
CENTERS = np.arange(0.0, 8.0 + 0.2, 0.2)
VAR = 0.2


def featurize(path, atom_init):
    crystal = Structure.from_file(path)
    return crystal, graph(crystal, atom_init)


def graph(crystal, atom_init):
    atom_fea = np.vstack([atom_init[crystal[i].specie.number] for i in range(len(crystal))])
    all_nbrs = crystal.get_all_neighbors(RADIUS, include_index=True)
    all_nbrs = [sorted(nbrs, key=lambda x: x[1]) for nbrs in all_nbrs]
    idx, dist = [], []
    for nbr in all_nbrs:
        if len(nbr) < MAX_NBR:
            idx.append([x[2] for x in nbr] + [0] * (MAX_NBR - len(nbr)))
            dist.append([x[1] for x in nbr] + [RADIUS + 1.0] * (MAX_NBR - len(nbr)))
        else:
            idx.append([x[2] for x in nbr[:MAX_NBR]])
            dist.append([x[1] for x in nbr[:MAX_NBR]])
    idx, dist = np.array(idx), np.array(dist)
    fea = np.exp(-((dist[..., np.newaxis] - CENTERS) ** 2) / VAR ** 2)
    if torch is not None:
        return torch.Tensor(atom_fea), torch.Tensor(fea), torch.LongTensor(idx)
    return atom_fea, fea, idx


def neighbours_only(crystal):
    all_nbrs = crystal.get_all_neighbors(RADIUS, include_index=True)
    all_nbrs = [sorted(nbrs, key=lambda x: x[1])[:MAX_NBR] for nbrs in all_nbrs]
    dist = np.array([[x[1] for x in n] + [RADIUS + 1.0] * (MAX_NBR - len(n)) for n in all_nbrs])
    return np.exp(-((dist[..., np.newaxis] - CENTERS) ** 2) / VAR ** 2)


def multipliers(base, atoms):
    m = max(1, round((atoms / base) ** (1 / 3)))
    third = max(1, round(atoms / (base * m * m)))
    return [m, m, third]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--npz", required=True)
    ap.add_argument("--atom-init", required=True)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--sizes", default="1000,10000,100000", help="supercell sizes the Java side benchmarks")
    ap.add_argument("--reference-sizes", default="1000", help="supercell sizes timed here with pymatgen")
    ap.add_argument("--scaling-base", default=None, help="GROUP/NAME of the structure to replicate")
    ap.add_argument("groups", nargs="+")
    a = ap.parse_args()
    with open(a.atom_init) as f:
        atom_init = {int(k): np.array(v, dtype=float) for k, v in json.load(f).items()}
    arrays, result = {}, {"groups": {}, "scaling": {}, "torch": torch is not None}
    structures = {}
    for g in a.groups:
        name, files = g.split("=", 1)
        files = files.split(",")
        for p in files:  # warm-up: imports, caches
            crystal, _ = featurize(p, atom_init)
            key = name + "/" + p.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            structures[key] = crystal
            arrays[key + "/lattice"] = crystal.lattice.matrix
            arrays[key + "/frac_coords"] = crystal.frac_coords
            arrays[key + "/path"] = np.array(p)
            arrays[key + "/atomic_numbers"] = np.array([s.specie.number for s in crystal], dtype=np.int64)
        times, cpu = [], []
        for _ in range(a.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            for p in files:
                featurize(p, atom_init)
            times.append((time.perf_counter() - t0) / len(files))
            cpu.append((time.process_time() - c0) / len(files))
        read_times, graph_times, graph_cpu = [], [], []
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            parsed = [Structure.from_file(p) for p in files]
            t1, c1 = time.perf_counter(), time.process_time()
            for c in parsed:
                graph(c, atom_init)
            t2, c2 = time.perf_counter(), time.process_time()
            read_times.append((t1 - t0) / len(files))
            graph_times.append((t2 - t1) / len(files))
            graph_cpu.append((c2 - c1) / len(files))
        atoms = [len(structures[name + "/" + p.rsplit("/", 1)[-1].rsplit(".", 1)[0]]) for p in files]
        result["groups"][name] = {"files": len(files), "mean_atoms": float(np.mean(atoms)),
                                  "seconds_per_structure_mean": float(np.mean(times)),
                                  "seconds_per_structure_min": float(np.min(times)),
                                  "read_seconds_per_structure_mean": float(np.mean(read_times)),
                                  "graph_seconds_per_structure_mean": float(np.mean(graph_times)),
                                  "cpu_seconds_per_structure_median": float(np.median(cpu)),
                                  "graph_cpu_seconds_per_structure_median": float(np.median(graph_cpu))}
        print(f"reference {name}: {len(files)} files, {np.mean(atoms):.1f} atoms, "
              f"{1e3 * np.mean(times):.2f} ms per structure (read {1e3 * np.mean(read_times):.2f}, "
              f"graph {1e3 * np.mean(graph_times):.2f})", flush=True)
    base_key = a.scaling_base or next(iter(structures))
    base = structures[base_key]
    arrays["scaling_base"] = np.array(base_key)
    for n in [int(x) for x in a.sizes.split(",") if x]:
        arrays[f"scaling/{n}"] = np.array(multipliers(len(base), n), dtype=np.int64)
    for n in [int(x) for x in a.reference_sizes.split(",") if x]:
        m = multipliers(len(base), n)
        sc = base.copy()
        sc.make_supercell(m)
        t0, c0 = time.perf_counter(), time.process_time()
        neighbours_only(sc)
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        result["scaling"][str(n)] = {"multipliers": m, "atoms": len(sc), "seconds": dt, "cpu_seconds": dc}
        print(f"reference scaling: {len(sc)} atoms ({m}), get_all_neighbors(8) + sort + expand {dt:.2f} s", flush=True)
    np.savez(a.npz, **arrays)
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
