#!/usr/bin/python3
"""spglib's origin-shift tables (Grosse-Kunstleve, Acta Cryst. A55, 383 (1999)) for spinel.graph.symmetry.

spglib finds the origin of a Hall setting from the translations of at most three generators:
o = (V S+ U) dw, where S = U M V is the Smith normal form of the stacked (W_g - I) of the
generators, computed once with Sage (spglib's database/make_VSpU.py) and stored in its
src/hall_symbol.c. Python spglib does not expose them and Sage's Smith form is not reproducible
by hand, so this script reads the numbers from spglib's C source at tag v2.0.2 (the version
Debian's python3-spglib and the reference data use) and writes them as a plain table:

  graph/src/main/resources/spinel/graph/symmetry/origin_shift.txt
      family|set|generators|VSpU
      family     tricli, monocli, monocli_A, ..., cubic_I (lattice family and centring)
      set        1-based index of the generator set, in spglib's order of trial
      generators 27 integers: three 3x3 rotations, row-major; an all-zero matrix means none
      VSpU       27 rationals p/q: the 3x9 matrix, row-major

Usage: git clone https://github.com/spglib/spglib && git -C spglib show v2.0.2:src/hall_symbol.c > hall_symbol.c
       /usr/bin/python3 scripts/gen_origin_shift_table.py hall_symbol.c
(credit: spglib, A. Togo et al., BSD-3-Clause)
"""
import os
import re
import sys
from fractions import Fraction

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAMILIES = ["tricli", "monocli", "monocli_A", "monocli_B", "monocli_C", "monocli_I",
            "ortho", "ortho_F", "ortho_I", "ortho_A", "ortho_B", "ortho_C",
            "tetra", "tetra_I", "trigo", "rhombo_h", "rhombo_p", "hexa",
            "cubic", "cubic_F", "cubic_I"]


def table(src, name):
    m = re.search(r"static (?:double|int) " + name + r"\[\]\[3\]\[9\] = \{(.*?)\n\};", src, re.S)
    if m is None:
        sys.exit("table " + name + " not found")
    body = re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S)
    nums = re.findall(r"-?\d+(?:\.\d*)?(?:\s*/\s*\d+\.?)?", body)
    values = []
    for n in nums:
        if "/" in n:
            p, q = n.split("/")
            values.append(Fraction(Fraction(p.strip()), Fraction(q.strip())))
        else:
            values.append(Fraction(n))
    assert len(values) % 27 == 0, (name, len(values))
    return [values[i:i + 27] for i in range(0, len(values), 27)]


def generator_family(f):
    return f.split("_")[0] if f not in ("rhombo_h", "rhombo_p") else f


def main():
    src = open(sys.argv[1]).read()
    lines = ["# spglib v2.0.2 origin-shift tables (src/hall_symbol.c, BSD-3-Clause):"
             " scripts/gen_origin_shift_table.py. Do not edit.",
             "# family|set|generators (3 rotations, 27 ints)|VSpU (3x9 rationals, row-major)"]
    for f in FAMILIES:
        vspu = table(src, f + "_VSpU")
        gens = table(src, generator_family(f) + "_generators")
        assert len(vspu) == len(gens), (f, len(vspu), len(gens))
        for i, (g, v) in enumerate(zip(gens, vspu)):
            gi = " ".join(str(int(x)) for x in g)
            vs = " ".join(str(x) for x in v)
            lines.append(f"{f}|{i + 1}|{gi}|{vs}")
    out = os.path.join(ROOT, "graph/src/main/resources/spinel/graph/symmetry/origin_shift.txt")
    with open(out, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print(len(lines) - 2, "generator sets ->", out)


if __name__ == "__main__":
    main()
