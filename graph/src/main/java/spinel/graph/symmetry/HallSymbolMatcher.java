package spinel.graph.symmetry;

import java.util.List;
import java.util.Set;

/**
 * Whether a set of operations in a candidate conventional basis is a given Hall setting, and with
 * which origin shift: spglib 2.0.2's {@code hall_symbol.c} ({@code hal_match_hall_symbol_db}). The
 * translations of up to three generators, compared with the setting's, give the origin through
 * spglib's tables ({@link OriginShiftTable}); the first generator set of the family whose rotations
 * are all present and whose origin maps every operation onto one of the setting's (within symprec Å)
 * decides. The origin so found is spglib's own choice among the equivalent ones, which fixes the
 * Wyckoff letters. Package-private.
 */
final class HallSymbolMatcher {

    private static final Set<Integer> RHOMBOHEDRAL_HEXAGONAL_AXES = Set.of(433, 436, 444, 450, 452, 458, 460);
    private static final Set<Integer> RHOMBOHEDRAL_AXES = Set.of(434, 437, 445, 451, 453, 459, 461);

    private HallSymbolMatcher() {}

    /**
     * @param bravais    conventional lattice, columns (Å)
     * @param rots       the operations' rotations in the conventional basis, centring copies included
     * @param trans      their translations, conventional fractional coordinates
     * @return the origin shift p (x_s = x + p, conventional fractional coordinates), or null
     */
    static double[] match(
            double[][] bravais, int hall, Centring centring, List<int[][]> rots, List<double[]> trans, double symprec) {
        String family = family(hall, centring);
        if (family == null) return null;
        Centring inner = innerCentring(hall, centring);
        double[][] primLattice = Mat3.mul(bravais, centring.fromPrimitive());
        if (HallSettings.rotations(hall).length != rots.size()) return null;
        for (OriginShiftTable.GeneratorSet set : OriginShiftTable.of(family)) {
            double[] shift = originShift(hall, set, inner, rots, trans);
            if (shift != null && matchesDatabase(hall, shift, primLattice, centring, rots, trans, symprec)) {
                return Mat3.mul(centring.fromPrimitive(), shift);
            }
        }
        return null;
    }

    private static String family(int hall, Centring c) {
        if (hall >= 489)
            return c == Centring.P ? "cubic" : c == Centring.I ? "cubic_I" : c == Centring.F ? "cubic_F" : null;
        if (hall >= 462) return "hexa";
        if (hall >= 430) {
            if (RHOMBOHEDRAL_HEXAGONAL_AXES.contains(hall)) return "rhombo_h";
            return RHOMBOHEDRAL_AXES.contains(hall) ? "rhombo_p" : "trigo";
        }
        if (hall >= 349) return c == Centring.P ? "tetra" : c == Centring.I ? "tetra_I" : null;
        if (hall >= 108) return c == Centring.R ? null : c == Centring.P ? "ortho" : "ortho_" + c;
        if (hall >= 3) return c == Centring.R || c == Centring.F ? null : c == Centring.P ? "monocli" : "monocli_" + c;
        return "tricli";
    }

    // the centring the generator translations are reduced by: hexagonal and trigonal tables are for
    // primitive cells, the rhombohedral one on hexagonal axes for R
    private static Centring innerCentring(int hall, Centring c) {
        if (hall >= 489 || hall < 430) return c;
        return RHOMBOHEDRAL_HEXAGONAL_AXES.contains(hall) ? Centring.R : Centring.P;
    }

    // spglib's get_translations + get_origin_shift: o = VSpU · dw (mod 1), in the primitive basis
    private static double[] originShift(
            int hall, OriginShiftTable.GeneratorSet set, Centring c, List<int[][]> rots, List<double[]> trans) {
        int[][] dbRot = HallSettings.rotations(hall);
        double[][] dbTrans = HallSettings.translations(hall);
        double[] dw = new double[9];
        for (int g = 0; g < 3; g++) {
            int[][] gen = set.generators()[g];
            if (gen == null) continue;
            double[] t = null;
            for (int k = 0; k < rots.size() && t == null; k++) if (Mat3.equal(rots.get(k), gen)) t = trans.get(k);
            if (t == null) return null;
            double[] tDb = null;
            for (int k = 0; k < dbRot.length && tDb == null; k++) if (sameRotation(dbRot[k], gen)) tDb = dbTrans[k];
            if (tDb == null) return null;
            double[] a = Mat3.mul(c.toPrimitive(), t);
            double[] b = Mat3.mul(c.toPrimitive(), tDb);
            for (int i = 0; i < 3; i++) dw[3 * g + i] = Mat3.spglibMod1(a[i] - b[i]);
        }
        double[] shift = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = 0;
            for (int j = 0; j < 9; j++) s += set.vspu()[i][j] * dw[j];
            shift[i] = Mat3.spglibMod1(s);
        }
        return shift;
    }

    // spglib's is_match_database: every operation equals a distinct operation of the setting moved
    // to the origin found, within symprec (Å, in the primitive lattice)
    private static boolean matchesDatabase(
            int hall,
            double[] shift,
            double[][] primLattice,
            Centring c,
            List<int[][]> rots,
            List<double[]> trans,
            double symprec) {
        int[][] dbRot = HallSettings.rotations(hall);
        double[][] dbTrans = HallSettings.translations(hall);
        double[][] m = Mat3.toDouble(c.toPrimitive());
        double[][] mInv = c.fromPrimitive();
        double[][] rows = Mat3.transpose(primLattice);
        boolean[] used = new boolean[dbRot.length];
        for (int i = 0; i < rots.size(); i++) {
            boolean found = false;
            double[] t = Mat3.mul(c.toPrimitive(), trans.get(i));
            for (int j = 0; j < dbRot.length && !found; j++) {
                if (!sameRotation(dbRot[j], rots.get(i))) continue;
                double[] tDb = Mat3.mul(c.toPrimitive(), dbTrans[j]);
                double[][] rotPrim = Mat3.mul(m, Mat3.mul(Mat3.toDouble(rots.get(i)), mInv));
                double[] rs = Mat3.mul(rotPrim, shift);
                double[] d = {
                    t[0] - tDb[0] + shift[0] - rs[0], t[1] - tDb[1] + shift[1] - rs[1], t[2] - tDb[2] + shift[2] - rs[2]
                };
                if (Mat3.cartNorm(rows, Mat3.wrapCentered(d)) < symprec && !used[j]) {
                    used[j] = true;
                    found = true;
                }
            }
            if (!found) return false;
        }
        return true;
    }

    static boolean sameRotation(int[] r9, int[][] w) {
        for (int i = 0; i < 9; i++) if (r9[i] != w[i / 3][i % 3]) return false;
        return true;
    }
}
