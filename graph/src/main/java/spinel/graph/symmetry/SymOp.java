package spinel.graph.symmetry;

import java.util.Arrays;

/**
 * A crystallographic symmetry operation on fractional coordinates, x' = R x + t, as pymatgen's
 * {@code SymmOp} restricted to the affine operations of a space group. R acts on column vectors of
 * fractional coordinates (its rows are the x, y, z parts of "-x+1/2,y,z"); t is in fractions of the
 * lattice vectors. Immutable.
 */
public final class SymOp {

    private final double[] r; // row-major 3×3
    private final double[] t;

    /**
     * @param rotation    3×3 matrix acting on fractional column vectors
     * @param translation translation, fractional
     */
    public SymOp(double[][] rotation, double[] translation) {
        if (rotation == null || rotation.length != 3 || translation == null || translation.length != 3) {
            throw new IllegalArgumentException("a symmetry operation needs a 3×3 matrix and a 3-vector");
        }
        r = new double[9];
        for (int i = 0; i < 3; i++) {
            if (rotation[i] == null || rotation[i].length != 3) {
                throw new IllegalArgumentException("rotation row " + i + " must have 3 components");
            }
            System.arraycopy(rotation[i], 0, r, 3 * i, 3);
        }
        t = translation.clone();
    }

    private SymOp(double[] r, double[] t, boolean unused) {
        this.r = r;
        this.t = t;
    }

    /** The identity x, y, z. */
    public static SymOp identity() {
        return new SymOp(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[3], true);
    }

    /**
     * Parses an operation written as in CIF {@code _symmetry_equiv_pos_as_xyz}: three comma-separated
     * expressions in x, y, z with integer or decimal coefficients and fractional or decimal
     * constants, in any order and case, spaces ignored: "-x+1/2,y,-z+0.25", "x-y,x,z+1/6",
     * "1/2+X, Y, Z". A leading sequence number followed by a space ("3 -x,-y,z") is ignored.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static SymOp parse(String xyz) {
        if (xyz != null) {
            SymOp cached = CACHE.get(xyz);
            if (cached != null) return cached;
        }
        SymOp op = parseUncached(xyz);
        if (CACHE.size() < CACHE_LIMIT) CACHE.put(xyz, op);
        return op;
    }

    // CIFs repeat the same few thousand operator strings; parsing each once makes reading a
    // 192-operator cubic CIF cost a hash lookup per operator
    private static final int CACHE_LIMIT = 20_000;
    private static final java.util.concurrent.ConcurrentHashMap<String, SymOp> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static SymOp parseUncached(String xyz) {
        if (xyz == null) {
            throw new IllegalArgumentException("expected a symmetry operation like 'x,y,z', found nothing");
        }
        String s = xyz.trim();
        // leading index as some programs write it ("1 x,y,z")
        int k = 0;
        while (k < s.length() && s.charAt(k) >= '0' && s.charAt(k) <= '9') k++;
        if (k > 0 && k < s.length() && Character.isWhitespace(s.charAt(k))) {
            s = s.substring(k).trim();
        }
        double[] r = new double[9];
        double[] t = new double[3];
        int row = 0;
        int n = s.length();
        int start = 0;
        for (int p = 0; p <= n; p++) {
            if (p == n || s.charAt(p) == ',') {
                if (row >= 3) {
                    throw bad(xyz, "more than three components");
                }
                parseComponent(s, start, p, r, t, row, xyz);
                row++;
                start = p + 1;
            }
        }
        if (row != 3) {
            throw bad(xyz, "three comma-separated components");
        }
        for (double v : r) if (!Double.isFinite(v)) throw bad(xyz, "finite coefficients");
        for (double v : t) if (!Double.isFinite(v)) throw bad(xyz, "a finite translation");
        return new SymOp(r, t, true);
    }

    private static void parseComponent(String s, int from, int to, double[] r, double[] t, int row, String whole) {
        int p = from;
        boolean any = false;
        while (true) {
            while (p < to && s.charAt(p) == ' ') p++;
            if (p >= to) break;
            double sign = 1;
            char c = s.charAt(p);
            if (c == '+' || c == '-') {
                sign = c == '-' ? -1 : 1;
                p++;
                while (p < to && s.charAt(p) == ' ') p++;
            } else if (any) {
                throw bad(whole, "'+' or '-' between terms");
            }
            // a number, possibly a fraction, possibly followed by '*'? and a variable
            double value = Double.NaN;
            int numStart = p;
            while (p < to && (Character.isDigit(s.charAt(p)) || s.charAt(p) == '.')) p++;
            if (p > numStart) {
                value = parseNumber(s, numStart, p, whole);
                while (p < to && s.charAt(p) == ' ') p++;
                if (p < to && s.charAt(p) == '/') {
                    p++;
                    while (p < to && s.charAt(p) == ' ') p++;
                    int denStart = p;
                    while (p < to && (Character.isDigit(s.charAt(p)) || s.charAt(p) == '.')) p++;
                    if (p == denStart) throw bad(whole, "a denominator after '/'");
                    double den = parseNumber(s, denStart, p, whole);
                    if (den == 0) throw bad(whole, "a non-zero denominator");
                    value /= den;
                }
                while (p < to && s.charAt(p) == ' ') p++;
                if (p < to && s.charAt(p) == '*') {
                    p++;
                    while (p < to && s.charAt(p) == ' ') p++;
                }
            }
            int var = p < to ? variable(s.charAt(p)) : -1;
            if (var >= 0) {
                p++;
                r[3 * row + var] += sign * (Double.isNaN(value) ? 1 : value);
            } else if (!Double.isNaN(value)) {
                t[row] += sign * value;
            } else {
                throw bad(whole, "x, y, z or a number" + (p < to ? " at '" + s.charAt(p) + "'" : " after the sign"));
            }
            any = true;
        }
        if (!any) {
            throw bad(whole, "an expression in x, y, z for component " + (row + 1));
        }
    }

    private static int variable(char c) {
        switch (c) {
            case 'x':
            case 'X':
                return 0;
            case 'y':
            case 'Y':
                return 1;
            case 'z':
            case 'Z':
                return 2;
            default:
                return -1;
        }
    }

    private static double parseNumber(String s, int from, int to, String whole) {
        int dots = 0;
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') dots++;
            else v = v * 10 + (c - '0');
        }
        if (dots > 1 || (to - from == 1 && dots == 1))
            throw bad(whole, "a number, found '" + s.substring(from, to) + "'");
        if (dots == 0 && to - from <= 15) return v; // the usual 1, 2, 3, 4, 6: no parseDouble needed
        return Double.parseDouble(s.substring(from, to));
    }

    private static IllegalArgumentException bad(String xyz, String expected) {
        return new IllegalArgumentException(
                "expected a symmetry operation like '-x+1/2,y,z' in '" + xyz + "': expected " + expected);
    }

    /** The image of a fractional position (not wrapped into the cell). */
    public double[] apply(double[] f) {
        double[] out = new double[3];
        apply(f, out);
        return out;
    }

    /** Writes the image of {@code f} into {@code out} (may not alias {@code f}). */
    public void apply(double[] f, double[] out) {
        // summed in the order numpy's dot of the 4×4 affine matrix sums (two SIMD lanes:
        // (x + z) + (y + t)), so that images at the 1e-4 merging threshold round as in pymatgen
        double x = f[0], y = f[1], z = f[2];
        out[0] = (r[0] * x + r[2] * z) + (r[1] * y + t[0]);
        out[1] = (r[3] * x + r[5] * z) + (r[4] * y + t[1]);
        out[2] = (r[6] * x + r[8] * z) + (r[7] * y + t[2]);
    }

    /** The rotation part, 3×3 (a copy). */
    public double[][] rotation() {
        return new double[][] {{r[0], r[1], r[2]}, {r[3], r[4], r[5]}, {r[6], r[7], r[8]}};
    }

    /** The translation part, fractional (a copy). */
    public double[] translation() {
        return t.clone();
    }

    /** Whether the rotation part is a proper or improper rotation of a lattice: integer, det ±1. */
    public boolean isLatticeOperation() {
        for (double v : r) if (v != Math.rint(v)) return false;
        double det = r[0] * (r[4] * r[8] - r[5] * r[7])
                - r[1] * (r[3] * r[8] - r[5] * r[6])
                + r[2] * (r[3] * r[7] - r[4] * r[6]);
        return Math.abs(Math.abs(det) - 1) < 1e-9;
    }

    /** Whether the two operations are equal with translations compared modulo 1 (tolerance 1e-6). */
    public boolean equalsModuloLattice(SymOp o) {
        for (int i = 0; i < 9; i++) if (Math.abs(r[i] - o.r[i]) > 1e-9) return false;
        for (int i = 0; i < 3; i++) {
            double d = t[i] - o.t[i];
            if (Math.abs(d - Math.rint(d)) > 1e-6) return false;
        }
        return true;
    }

    /** The operation in xyz notation, e.g. "-x+1/2,y,z". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < 3; row++) {
            if (row > 0) sb.append(',');
            int len = sb.length();
            for (int j = 0; j < 3; j++) {
                double c = r[3 * row + j];
                if (c == 0) continue;
                if (c < 0) sb.append('-');
                else if (sb.length() > len) sb.append('+');
                if (Math.abs(c) != 1) sb.append(fraction(Math.abs(c)));
                sb.append("xyz".charAt(j));
            }
            if (t[row] != 0) {
                if (t[row] > 0 && sb.length() > len) sb.append('+');
                if (t[row] < 0) sb.append('-');
                sb.append(fraction(Math.abs(t[row])));
            }
            if (sb.length() == len) sb.append('0');
        }
        return sb.toString();
    }

    private static String fraction(double v) {
        for (int d = 1; d <= 12; d++) {
            double nmr = v * d;
            if (Math.abs(nmr - Math.rint(nmr)) < 1e-9) {
                long num = Math.round(nmr);
                return d == 1 ? Long.toString(num) : num + "/" + d;
            }
        }
        return Double.toString(v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymOp s && Arrays.equals(r, s.r) && Arrays.equals(t, s.t);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(r) + Arrays.hashCode(t);
    }
}
