#!/usr/bin/env python3
"""Reference values for the descriptors tests, from sympy (exact symbolic evaluation at 30 digits).

Writes src/test/resources/spinel/descriptors/reference.json:
  ylm:  spherical harmonics Y_l^m(theta, phi) (Condon-Shortley phase, orthonormal) for l <= 12,
        -l <= m <= l, at a few directions, including one near the pole;
  w3j:  Wigner 3j symbols (l1 l2 l3; m1 m2 m3) including every (l l l; m1 m2 m3) for l in 4, 6, 12.
Run: python3 descriptors/scripts/gen_reference.py (Debian python3-sympy).
"""
import json, os
from sympy import Ynm, Rational, N, atan2, sqrt
from sympy.physics.wigner import wigner_3j
import math

dirs = [(0.3, -1.2, 0.7), (1.0, 2.0, -3.0), (1e-7, 2e-7, 1.0), (-0.5, 0.25, -0.1)]
ylm = []
for (x, y, z) in dirs:
    # exact direction, so that sympy's adaptive evaluation is not fed a rounded angle
    X, Y, Z = Rational(repr(x)), Rational(repr(y)), Rational(repr(z))
    theta = atan2(sqrt(X * X + Y * Y), Z)
    phi = atan2(Y, X)
    for l in range(0, 13):
        for m in range(-l, l + 1):
            v = N(Ynm(l, m, theta, phi).expand(func=True), 30)
            ylm.append({"dir": [x, y, z], "l": l, "m": m, "re": float(v.as_real_imag()[0]), "im": float(v.as_real_imag()[1])})

w3j = []
for l in (4, 6, 12):
    for m1 in range(-l, l + 1):
        for m2 in range(-l, l + 1):
            m3 = -m1 - m2
            if abs(m3) > l:
                continue
            w3j.append({"j": [l, l, l], "m": [m1, m2, m3], "v": float(N(wigner_3j(l, l, l, m1, m2, m3), 30))})
for (j, m) in [((2, 3, 4), (1, -2, 1)), ((10, 7, 12), (-3, 5, -2)), ((12, 12, 0), (5, -5, 0)), ((8, 9, 11), (0, 0, 0)), ((1, 1, 2), (0, 0, 0))]:
    w3j.append({"j": list(j), "m": list(m), "v": float(N(wigner_3j(*j, *m), 30))})

out = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "spinel", "descriptors", "reference.json")
with open(out, "w") as f:
    json.dump({"source": "sympy " + __import__("sympy").__version__, "ylm": ylm, "w3j": w3j}, f, separators=(",", ":"))
print(len(ylm), "Ylm,", len(w3j), "3j symbols ->", out)
