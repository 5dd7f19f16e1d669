#!/usr/bin/env python3
"""Generate graph/src/main/resources/spinel/graph/spacegroups.txt, the space-group operator table.

Sources (Debian python3-pymatgen, public data):
  * pymatgen/symmetry/symm_ops.json: 752 settings of the 230 space groups, each with its number,
    Hermann-Mauguin symbol, "universal" symbol (with the setting, e.g. 'F d -3 m :2', 'R -3 m :H'),
    Hall symbol and the general-position operators as x,y,z strings. This is the table of the
    Crystallography Open Database (COD) that pymatgen's CifParser falls back to.
  * pymatgen/symmetry/symm_data.json: the 241 symbols of the generator encoding (from De Graef,
    "Structure of Materials"), their full symbols ('P2/m2/m2/m'), the abbreviated monoclinic
    symbols ('P2_1/c' -> 'P12_1/c1'), and the group generators.

Output, one record a line (text, '|'-separated, '#' comments):
  G|id|number|universal symbol|op;op;...     a setting with its operators
  S|key|id id ...                            a normalised symbol and the settings it may mean
                                             (several when the symbol names no origin choice or
                                             axes, e.g. 'fd-3m' -> both origin choices)
  H|hall|id                                 a Hall symbol (lower case, single spaces)
  N|number|key                               the symbol pymatgen uses for an International Tables
                                             number (then looked up with S)
Keys are normalised as in spinel.graph.symmetry.SpaceGroups.normalize: spaces and underscores
removed, lower case.

Every setting of the generator encoding is expanded here into its full operator set and checked
against the COD settings; the check fails loudly if a symbol would resolve to a different group.

Run with Debian's interpreter:  /usr/bin/python3 scripts/gen_spacegroups.py
"""
import json
import os
import re
import sys
from fractions import Fraction

import pymatgen.symmetry

SRC = os.path.dirname(pymatgen.symmetry.__file__)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "graph", "src", "main",
                   "resources", "spinel", "graph", "spacegroups.txt")


def normalize(symbol):
    return re.sub(r"[\s_]", "", symbol).lower()


def parse_xyz(s):
    """'-x+1/2,y,z' -> (rotation rows as tuples of ints, translation as Fractions mod 1)."""
    rows, trans = [], []
    for part in s.replace(" ", "").lower().split(","):
        coef = {"x": 0, "y": 0, "z": 0}
        t = Fraction(0)
        for sign, num, var in re.findall(r"([+-]?)(\d+(?:/\d+)?)?([xyz]?)", part):
            if not num and not var:
                continue
            k = -1 if sign == "-" else 1
            if var:
                coef[var] += k * (int(num) if num else 1)
            else:
                t += k * Fraction(num)
        rows.append((coef["x"], coef["y"], coef["z"]))
        trans.append(t % 1)
    return tuple(rows), tuple(trans)


def op_key(op):
    return op


def compose(a, b):
    """a after b: x -> Ra (Rb x + tb) + ta."""
    ra, ta = a
    rb, tb = b
    r = tuple(tuple(sum(ra[i][k] * rb[k][j] for k in range(3)) for j in range(3)) for i in range(3))
    t = tuple((sum(ra[i][k] * tb[k] for k in range(3)) + ta[i]) % 1 for i in range(3))
    return r, t


def from_encoding(data, gen_matrices, translations):
    enc = list(data["enc"])
    inversion = int(enc.pop(0))
    ngen = int(enc.pop(0))
    ident = (((1, 0, 0), (0, 1, 0), (0, 0, 1)), (Fraction(0),) * 3)
    gens = [ident]
    if inversion:
        gens.append((((-1, 0, 0), (0, -1, 0), (0, 0, -1)), (Fraction(0),) * 3))
    for _ in range(ngen):
        m = tuple(tuple(r) for r in gen_matrices[enc.pop(0)])
        t = tuple(translations[enc.pop(0)] % 1 for _ in range(3))
        gens.append((m, t))
    group = set(gens)
    frontier = list(group)
    while frontier:
        new = []
        for a in frontier:
            for g in gens:
                for c in (compose(a, g), compose(g, a)):
                    if c not in group:
                        group.add(c)
                        new.append(c)
        frontier = new
    if len(group) != data["order"]:
        sys.exit(f"encoding {data} generated {len(group)} operators, expected {data['order']}")
    return frozenset(group)


def main():
    with open(os.path.join(SRC, "symm_ops.json")) as f:
        cod = json.load(f)
    with open(os.path.join(SRC, "symm_data.json")) as f:
        data = json.load(f)
    translations = {k: Fraction(v) for k, v in data["translations"].items()}
    gen_matrices = data["generator_matrices"]

    settings = []  # (number, universal, ops strings, op set)
    keys = {}      # normalised key -> list of setting ids
    halls = {}     # Hall symbol (lower case, single spaces) -> setting id

    def add_key(key, sid):
        lst = keys.setdefault(key, [])
        if sid not in lst:
            lst.append(sid)

    for e in cod:
        ops = [re.sub(r"\s", "", s) for s in e["symops"]]
        opset = frozenset(parse_xyz(s) for s in ops)
        if len(opset) != len(ops):
            sys.exit(f"duplicate operators in {e['universal_h_m']}")
        sid = len(settings)
        settings.append((e["number"], re.sub(r"\s+", " ", e["universal_h_m"]).strip(), ops, opset))
        add_key(normalize(e["universal_h_m"]), sid)
        halls.setdefault(" ".join(e["hall"].split()).lower(), sid)
        # the bare Hermann-Mauguin symbol stands for every setting that differs only by origin
        # choice or rhombohedral axes, never for the transformed supercell settings '(2*a+c,b,c)'
        if "(" not in e["universal_h_m"]:
            add_key(normalize(e["hermann_mauguin"]), sid)

    # the generator encoding: its symbols, full symbols and abbreviations, checked against COD
    encoding = data["space_group_encoding"]
    for sym, d in encoding.items():
        opset = from_encoding(d, gen_matrices, translations)
        matches = [i for i, s in enumerate(settings) if s[0] == d["int_number"] and s[3] == opset]
        if not matches:
            ops = []
            for r, t in sorted(opset):
                parts = []
                for i in range(3):
                    term = ""
                    for c, v in zip(r[i], "xyz"):
                        if c:
                            term += ("+" if c > 0 else "-") + (str(abs(c)) if abs(c) != 1 else "") + v
                    if t[i]:
                        term += "+" + str(t[i])
                    parts.append(term.lstrip("+"))
                ops.append(",".join(parts))
            sid = len(settings)
            settings.append((d["int_number"], sym, ops, opset))
            matches = [sid]
            print(f"note: {sym} ({d['int_number']}) is not a COD setting; generated from its encoding")
        k = normalize(sym)
        if k.endswith("h") and sym.startswith("R"):
            # pymatgen's 'R-3mH' is the hexagonal setting of R-3m
            k = k[:-1] + ":h"
        if k in keys and not set(matches) & set(keys[k]):
            # e.g. 'Ccca': COD's 'C c c a' is origin choice 2 only (choice 1 is written 'C c c e'),
            # the encoding's is choice 1; the symbol alone names neither, so both are candidates
            print(f"note: {sym} is {[settings[m][1] for m in matches]} in the encoding, "
                  f"{[settings[m][1] for m in keys[k]]} in COD; keeping both")
        for m in matches:
            add_key(k, m)
        fk = normalize(d["full_symbol"])
        if fk not in keys:
            for m in keys[k]:
                add_key(fk, m)
    for abbrev, full in data["abbreviated_spacegroup_symbols"].items():
        ka, kf = normalize(abbrev), normalize(full)
        if ka not in keys:
            for m in keys[kf]:
                add_key(ka, m)

    # the number -> symbol rule of pymatgen's sg_symbol_from_int_number (hexagonal axes preferred,
    # the new 'e' glide symbols preferred)
    by_number = {}
    for n in range(1, 231):
        syms = [s for s, d in encoding.items() if d["int_number"] == n]
        if len(syms) == 2:
            e = [s for s in syms if "e" in s]
            syms = e if e else [s for s in syms if s.endswith("H")]
        sym = syms[-1]
        k = normalize(sym)
        if k.endswith("h") and sym.startswith("R"):
            k = normalize(sym[:-1])  # both settings: the reader picks by the cell
        by_number[n] = k

    with open(OUT + ".tmp", "w") as out:
        out.write("# Space-group settings and operators; generated by scripts/gen_spacegroups.py from\n")
        out.write("# pymatgen's symm_ops.json (the COD table) and symm_data.json. Do not edit.\n")
        for sid, (n, uni, ops, _) in enumerate(settings):
            out.write(f"G|{sid}|{n}|{uni}|{';'.join(ops)}\n")
        for k in sorted(keys):
            out.write(f"S|{k}|{' '.join(map(str, keys[k]))}\n")
        for h in sorted(halls):
            out.write(f"H|{h}|{halls[h]}\n")
        for n in range(1, 231):
            if by_number[n] not in keys:
                sys.exit(f"number {n}: symbol {by_number[n]} has no setting")
            out.write(f"N|{n}|{by_number[n]}\n")
    os.replace(OUT + ".tmp", OUT)
    print(f"wrote {len(settings)} settings, {len(keys)} symbols to {OUT}")


if __name__ == "__main__":
    main()
