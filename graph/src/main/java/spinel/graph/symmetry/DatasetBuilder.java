package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import spinel.graph.Structure;

/** Assembles a {@link SymmetryDataset} from the operations found in the primitive cell. */
final class DatasetBuilder {

    private DatasetBuilder() {}

    static SymmetryDataset build(
            Structure s,
            Cell cell,
            PrimitiveCell prim,
            List<int[][]> rots,
            List<double[]> trans,
            SettingMatcher.Match m,
            double symprec,
            double tol) {
        Cell pc = prim.cell();
        HallSetting h = HallSettings.get(m.hallNumber());
        int[] mapping = prim.mapping();
        int[] orbit = primitiveOrbits(pc, rots, trans, tol);
        int[] minInput = new int[pc.size()];
        Arrays.fill(minInput, Integer.MAX_VALUE);
        for (int i = 0; i < mapping.length; i++) {
            int o = orbit[mapping[i]];
            minInput[o] = Math.min(minInput[o], i);
        }
        int[] equivalent = new int[mapping.length];
        for (int i = 0; i < mapping.length; i++) equivalent[i] = minInput[orbit[mapping[i]]];
        return new SymmetryDataset(
                h.number(),
                h.hallNumber(),
                h.hallSymbol(),
                h.international(),
                h.pointGroup(),
                h.bravaisLattice(),
                symprec,
                tol,
                inputOperations(cell, pc, rots, trans, prim.translations()),
                equivalent,
                mapping,
                pc.size(),
                SymmetryAnalyzer.conventional(pc.lattice, m.p()),
                pc.size() * Mat3.det(m.p()),
                m.p(),
                m.origin());
    }

    // orbit representative (smallest primitive index) of each primitive site
    private static int[] primitiveOrbits(Cell pc, List<int[][]> rots, List<double[]> trans, double tol) {
        int n = pc.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        for (int k = 0; k < rots.size(); k++) {
            int[] perm = pc.permutation(rots.get(k), trans.get(k), tol);
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
    // every pure translation of the input cell
    private static List<SymOp> inputOperations(
            Cell cell, Cell pc, List<int[][]> rots, List<double[]> trans, List<double[]> pure) {
        double[][] c = Mat3.transpose(Mat3.mul(cell.lattice, Mat3.inverse(pc.lattice)));
        double[][] cinv = Mat3.inverse(c);
        List<SymOp> out = new ArrayList<>(rots.size() * pure.size());
        for (double[] tau : pure) {
            for (int k = 0; k < rots.size(); k++) {
                double[][] w = Mat3.toDouble(Mat3.round(Mat3.mul(cinv, Mat3.mul(rots.get(k), c))));
                double[] t = Mat3.mul(cinv, trans.get(k));
                double[] tt = {Mat3.mod1(t[0] + tau[0]), Mat3.mod1(t[1] + tau[1]), Mat3.mod1(t[2] + tau[2])};
                out.add(new SymOp(w, tt));
            }
        }
        return out;
    }
}
