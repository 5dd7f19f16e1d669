package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.List;
import spinel.graph.Structure;

/** Assembles a {@link SymmetryDataset} from the operations found in the primitive cell (null when the
 * Wyckoff positions cannot be assigned consistently at this tolerance). */
final class DatasetBuilder {

    private DatasetBuilder() {}

    static SymmetryDataset build(
            Structure s,
            Cell cell,
            PrimitiveCell prim,
            List<int[][]> rots,
            List<double[]> trans,
            StandardSetting m,
            double symprec,
            double tol) {
        Cell pc = prim.cell();
        HallSetting h = HallSettings.get(m.hallNumber());
        int[] mapping = prim.mapping();
        List<int[][]> inRots = new ArrayList<>();
        List<double[]> inTrans = new ArrayList<>();
        inputOperations(cell, pc, rots, trans, prim.translations(), inRots, inTrans);
        List<SymOp> ops = new ArrayList<>(inRots.size());
        for (int k = 0; k < inRots.size(); k++) ops.add(new SymOp(Mat3.toDouble(inRots.get(k)), inTrans.get(k)));
        int[] equivalent = orbits(cell, inRots, inTrans, tol);
        spinel.graph.Lattice conv = SymmetryAnalyzer.conventional(pc.lattice, m.p());
        WyckoffAssigner.Result w = WyckoffAssigner.assign(pc, m.p(), m.origin(), h.hallNumber(), conv.matrix(), tol);
        if (w == null) return null;
        String[] letters = new String[mapping.length];
        String[] symbols = new String[mapping.length];
        for (int i = 0; i < mapping.length; i++) {
            WyckoffPosition p = WyckoffPositions.get(h.hallNumber(), w.wyckoff()[mapping[i]]);
            letters[i] = p.letter();
            symbols[i] = p.siteSymmetry();
        }
        Standardized std = standardize(cell, pc, m, h, conv, prim.structure(), w.exact());
        return new SymmetryDataset(
                h.number(),
                h.hallNumber(),
                h.hallSymbol(),
                h.international(),
                h.pointGroup(),
                h.bravaisLattice(),
                symprec,
                tol,
                ops,
                equivalent,
                mapping,
                pc.size(),
                conv,
                pc.size() * Mat3.det(m.p()),
                m.p(),
                m.origin(),
                prim.structure(),
                letters,
                symbols,
                std.transformation,
                std.originShift,
                std.conventional,
                std.primitive);
    }

    private record Standardized(
            double[][] transformation, double[] originShift, Structure conventional, Structure primitive) {}

    // x_s = P⁻¹(N x − o) with the input-to-primitive integer matrix N (L_in = Nᵀ... rows) and
    // the primitive-to-conventional P and origin o of the setting match
    private static Standardized standardize(
            Cell cell,
            Cell pc,
            StandardSetting m,
            HallSetting h,
            spinel.graph.Lattice conv,
            Structure prim,
            double[][] exact) {
        double[][] n = Mat3.toDouble(Mat3.round(Mat3.mul(cell.lattice, Mat3.inverse(pc.lattice))));
        double[][] pinv = Mat3.inverse(Mat3.toDouble(m.p()));
        double[][] t = Mat3.mul(pinv, Mat3.transpose(n));
        double[] o = Mat3.mul(pinv, m.origin());
        double[] shift = {Mat3.mod1(-o[0]), Mat3.mod1(-o[1]), Mat3.mod1(-o[2])};
        spinel.graph.Lattice lat = StandardCells.idealized(conv, h.crystalSystem());
        Structure c = StandardCells.conventional(prim, exact, h, lat);
        return new Standardized(t, shift, c, StandardCells.primitive(c, h, exact));
    }

    // orbit representative (smallest index) of each site under the operations of its own cell
    private static int[] orbits(Cell c, List<int[][]> rots, List<double[]> trans, double tol) {
        int n = c.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        for (int k = 0; k < rots.size(); k++) {
            int[] perm = c.permutation(rots.get(k), trans.get(k), tol);
            if (perm == null) continue;
            for (int i = 0; i < n; i++) union(parent, i, perm[i]);
        }
        int[] rep = new int[n];
        for (int i = 0; i < n; i++) rep[i] = find(parent, i);
        return rep;
    }

    private static int find(int[] p, int i) {
        while (p[i] != i) {
            p[i] = p[p[i]];
            i = p[i];
        }
        return i;
    }

    private static void union(int[] p, int a, int b) {
        int ra = find(p, a), rb = find(p, b);
        if (ra < rb) p[rb] = ra;
        else if (rb < ra) p[ra] = rb;
    }

    // the operations in the input basis: C⁻¹WC, C⁻¹t (C maps input to primitive fractions), times
    // every pure translation of the input cell; those whose rotation is not integral in the input
    // basis (a supercell that breaks the symmetry of its lattice) are not operations of the input cell
    private static void inputOperations(
            Cell cell,
            Cell pc,
            List<int[][]> rots,
            List<double[]> trans,
            List<double[]> pure,
            List<int[][]> outRots,
            List<double[]> outTrans) {
        double[][] c = Mat3.transpose(Mat3.mul(cell.lattice, Mat3.inverse(pc.lattice)));
        double[][] cinv = Mat3.inverse(c);
        for (int k = 0; k < rots.size(); k++) {
            double[][] wd = Mat3.mul(cinv, Mat3.mul(rots.get(k), c));
            if (!Mat3.isIntegral(wd, 1e-4)) continue;
            int[][] w = Mat3.round(wd);
            double[] t = Mat3.mul(cinv, trans.get(k));
            for (double[] tau : pure) {
                outRots.add(w);
                outTrans.add(
                        new double[] {Mat3.mod1(t[0] + tau[0]), Mat3.mod1(t[1] + tau[1]), Mat3.mod1(t[2] + tau[2])});
            }
        }
    }
}
