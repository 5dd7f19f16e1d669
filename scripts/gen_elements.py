#!/usr/bin/env python3
"""Generate graph/src/main/resources/spinel/graph/elements.json, the Element table for Z = 1..103.

Sources (both Debian packages, public data):
  * pymatgen's periodic_table.json (python3-pymatgen): symbol, name, mass, Pauling electronegativity,
    ionisation energies, electron affinity, molar volume, melting point, Mendeleev number, electronic
    structure, atomic radius, density; group, period and block as pymatgen's Element computes them.
  * ASE's ase.data.covalent_radii (python3-ase): covalent radii of Cordero et al., Dalton Trans.
    2832 (2008).

Run with Debian's interpreter:  /usr/bin/python3 scripts/gen_elements.py
Missing values are written as null (Java reads NaN).
"""
import json
import os
import re
import sys

from ase.data import covalent_radii
from pymatgen.core import Element

AVOGADRO = 6.02214076e23
SRC = os.path.join(os.path.dirname(__import__("pymatgen.core").core.__file__), "periodic_table.json")
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "graph", "src", "main",
                   "resources", "spinel", "graph", "elements.json")


def number(text):
    """Leading number of a pymatgen property string ('1811 K' -> 1811.0), None when absent."""
    if text is None:
        return None
    if isinstance(text, (int, float)):
        return float(text)
    m = re.search(r"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?", str(text))
    if not m or "no data" in str(text):
        return None
    return float(m.group(0))


def valence_counts(structure):
    """Electrons in s, p, d, f subshells outside the noble-gas core, Magpie-style."""
    counts = {"s": 0, "p": 0, "d": 0, "f": 0}
    body = re.sub(r"\(.*?\)", "", structure)
    for part in body.split("."):
        m = re.match(r"\s*\d([spdf])<sup>(\d+)</sup>", part)
        if m:
            counts[m.group(1)] += int(m.group(2))
    return counts


def main():
    table = json.load(open(SRC))
    rows = []
    for z in range(1, 104):
        el = Element.from_Z(z)
        d = table[el.symbol]
        ies = d.get("Ionization energies") or []
        molar = number(d.get("Molar volume"))
        val = valence_counts(d.get("Electronic structure", ""))
        rows.append({
            "z": z,
            "symbol": el.symbol,
            "name": d["Name"],
            "mass": float(d["Atomic mass"]),
            "group": int(el.group),
            "period": int(el.row),
            "block": el.block,
            "electronegativity": number(d.get("X")),
            "covalentRadius": float(covalent_radii[z]),
            "atomicRadius": number(d.get("Atomic radius")),
            "firstIonizationEnergy": float(ies[0]) if ies and ies[0] is not None else None,
            "electronAffinity": number(d.get("Electron affinity")),
            "valenceS": val["s"], "valenceP": val["p"], "valenceD": val["d"], "valenceF": val["f"],
            "valenceElectrons": sum(val.values()),
            "molarVolume": molar,
            "atomicVolume": molar * 1e24 / AVOGADRO if molar is not None else None,
            "meltingPoint": number(d.get("Melting point")),
            "density": number(d.get("Density of solid")),
            "mendeleevNumber": int(d["Mendeleev no"]) if d.get("Mendeleev no") is not None else None,
        })
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT + ".tmp", "w") as f:
        json.dump({"source": "pymatgen periodic_table.json (python3-pymatgen); covalent radii: "
                             "Cordero et al. 2008 via ase.data (python3-ase); scripts/gen_elements.py",
                   "units": {"mass": "u", "covalentRadius": "angstrom", "atomicRadius": "angstrom",
                             "firstIonizationEnergy": "eV", "electronAffinity": "eV",
                             "molarVolume": "cm^3/mol", "atomicVolume": "angstrom^3",
                             "meltingPoint": "K", "density": "kg/m^3"},
                   "elements": rows}, f, indent=1)
    os.replace(OUT + ".tmp", OUT)
    print(f"wrote {len(rows)} elements to {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
