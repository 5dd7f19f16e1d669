#!/usr/bin/env python3
"""Write examples/*.cif: textbook crystal structures with literature lattice parameters.

Each CIF gives its space group by Hermann-Mauguin symbol and International Tables number and lists
the general-position operators as the Crystallography Open Database writes them
(_symmetry_equiv_pos_as_xyz), taken from the COD table pymatgen ships (Debian python3-pymatgen,
pymatgen/symmetry/symm_ops.json). The structural data (cell, asymmetric unit) are typed in below
from the cited sources.

Run with Debian's interpreter:  /usr/bin/python3 scripts/gen_examples.py
"""
import json
import os

import pymatgen.symmetry

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT = os.path.join(ROOT, "examples")
with open(os.path.join(os.path.dirname(pymatgen.symmetry.__file__), "symm_ops.json")) as f:
    COD = json.load(f)

# name, formula, source, setting (COD universal symbol), symbol as written, number, cell, atoms
EXAMPLES = [
    ("NaCl", "Na Cl", "rock salt; a from Abrahams & Bernstein, Acta Cryst. 18, 926 (1965)",
     "F m -3 m", "F m -3 m", 225, (5.6402, 5.6402, 5.6402, 90, 90, 90),
     [("Na1", "Na", 0, 0, 0), ("Cl1", "Cl", 0.5, 0.5, 0.5)]),
    ("CsCl", "Cl Cs", "caesium chloride; a from Wyckoff, Crystal Structures vol. 1, 2nd ed. (1963)",
     "P m -3 m", "P m -3 m", 221, (4.123, 4.123, 4.123, 90, 90, 90),
     [("Cs1", "Cs", 0, 0, 0), ("Cl1", "Cl", 0.5, 0.5, 0.5)]),
    ("Si", "Si", "diamond structure, origin choice 2; a = 5.431020511 A, CODATA 2018 recommended value",
     "F d -3 m :2", "F d -3 m :2", 227, (5.431020511, 5.431020511, 5.431020511, 90, 90, 90),
     [("Si1", "Si", 0.125, 0.125, 0.125)]),
    ("Cu", "Cu", "fcc copper; a at 25 C from Straumanis & Yu, Acta Cryst. A25, 676 (1969)",
     "F m -3 m", "F m -3 m", 225, (3.61496, 3.61496, 3.61496, 90, 90, 90),
     [("Cu1", "Cu", 0, 0, 0)]),
    ("Fe", "Fe", "bcc alpha-iron; a at 20 C from Basinski, Hume-Rothery & Sutton, Proc. R. Soc. A 229, 459 (1955)",
     "I m -3 m", "I m -3 m", 229, (2.8665, 2.8665, 2.8665, 90, 90, 90),
     [("Fe1", "Fe", 0, 0, 0)]),
    ("Mg", "Mg", "hcp magnesium; a, c at 25 C from Wyckoff, Crystal Structures vol. 1, 2nd ed. (1963)",
     "P 63/m m c", "P 63/m m c", 194, (3.20927, 3.20927, 5.21033, 90, 90, 120),
     [("Mg1", "Mg", 1 / 3, 2 / 3, 0.25)]),
    ("TiO2-rutile", "O2 Ti", "rutile; Baur & Khan, Acta Cryst. B27, 2133 (1971)",
     "P 42/m n m", "P 42/m n m", 136, (4.5937, 4.5937, 2.9587, 90, 90, 90),
     [("Ti1", "Ti4+", 0, 0, 0), ("O1", "O2-", 0.30478, 0.30478, 0)]),
    ("SrTiO3", "O3 Sr Ti", "cubic perovskite at room temperature; a from Abramov et al., Acta Cryst. B51, 942 (1995)",
     "P m -3 m", "P m -3 m", 221, (3.9051, 3.9051, 3.9051, 90, 90, 90),
     [("Sr1", "Sr2+", 0.5, 0.5, 0.5), ("Ti1", "Ti4+", 0, 0, 0), ("O1", "O2-", 0.5, 0, 0)]),
    ("ZnO-wurtzite", "O Zn", "zincite; Abrahams & Bernstein, Acta Cryst. B25, 1233 (1969)",
     "P 63 m c", "P 63 m c", 186, (3.24982, 3.24982, 5.20661, 90, 90, 120),
     [("Zn1", "Zn", 1 / 3, 2 / 3, 0), ("O1", "O", 1 / 3, 2 / 3, 0.3825)]),
    ("Al2O3-corundum", "Al2 O3", "corundum, hexagonal axes; Lewis, Schwarzenbach & Flack, Acta Cryst. A38, 733 (1982)",
     "R -3 c :H", "R -3 c :H", 167, (4.7602, 4.7602, 12.9933, 90, 90, 120),
     [("Al1", "Al", 0, 0, 0.35216), ("O1", "O", 0.30624, 0, 0.25)]),
    ("Kaolinite", "Al2 H4 O9 Si2", "kaolinite (triclinic, C1 cell; H atoms not located); "
     "Bish & Von Dreele, Clays Clay Miner. 37, 289 (1989)",
     None, "C 1", 1, (5.1554, 8.9448, 7.4048, 91.700, 104.862, 89.822),
     [("Al1", "Al", 0.2971, 0.4957, 0.4721), ("Al2", "Al", 0.7926, 0.3300, 0.4699),
      ("Si1", "Si", 0.9942, 0.3393, 0.0909), ("Si2", "Si", 0.5064, 0.1665, 0.0913),
      ("O1", "O", 0.0501, 0.3539, 0.3170), ("O2", "O", 0.1214, 0.6604, 0.3175),
      ("O3", "O", 0.0, 0.5, 0.0), ("O4", "O", 0.2085, 0.2305, 0.0247),
      ("O5", "O", 0.2012, 0.7657, 0.0032), ("OH1", "O", 0.0510, 0.9698, 0.3220),
      ("OH2", "O", 0.9649, 0.1665, 0.6051), ("OH3", "O", 0.0348, 0.4769, 0.6080),
      ("OH4", "O", 0.0334, 0.8570, 0.6094)]),
]


def ops_of(setting):
    for e in COD:
        if " ".join(e["universal_h_m"].split()) == setting:
            return [s.replace(" ", "") for s in e["symops"]]
    raise SystemExit(f"no COD setting {setting}")


def fmt(v):
    if abs(v - 1 / 3) < 1e-12:
        return "0.333333"
    if abs(v - 2 / 3) < 1e-12:
        return "0.666667"
    return f"{v:.5f}".rstrip("0").rstrip(".") if v else "0"


def write(example):
    name, formula, source, setting, symbol, number, cell, atoms = example
    ops = ops_of(setting) if setting else ["x,y,z", "x+1/2,y+1/2,z"]
    lines = [
        f"# {name}: {source}",
        "# Written for Spinel's examples by scripts/gen_examples.py; operators from the COD table",
        "# (pymatgen symm_ops.json).",
        f"data_{name}",
        f"_chemical_formula_sum '{formula}'",
        f"_symmetry_space_group_name_H-M '{symbol}'",
        f"_symmetry_Int_Tables_number {number}",
    ]
    for tag, v in zip(("a", "b", "c"), cell[:3]):
        lines.append(f"_cell_length_{tag} {v}")
    for tag, v in zip(("alpha", "beta", "gamma"), cell[3:]):
        lines.append(f"_cell_angle_{tag} {v}")
    lines += ["loop_", "_symmetry_equiv_pos_site_id", "_symmetry_equiv_pos_as_xyz"]
    lines += [f"{i + 1} {op}" for i, op in enumerate(ops)]
    lines += ["loop_", "_atom_site_label", "_atom_site_type_symbol", "_atom_site_fract_x",
              "_atom_site_fract_y", "_atom_site_fract_z", "_atom_site_occupancy"]
    for label, typ, x, y, z in atoms:
        lines.append(f"{label} {typ} {fmt(x)} {fmt(y)} {fmt(z)} 1")
    path = os.path.join(OUT, name + ".cif")
    with open(path + ".tmp", "w") as out:
        out.write("\n".join(lines) + "\n")
    os.replace(path + ".tmp", path)


def main():
    os.makedirs(OUT, exist_ok=True)
    for e in EXAMPLES:
        write(e)
    print(f"wrote {len(EXAMPLES)} CIFs to {OUT}")


if __name__ == "__main__":
    main()
