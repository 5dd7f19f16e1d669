package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.List;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Structure;

/**
 * Standardized cells from a {@link SymmetryDataset}: x_conv = P⁻¹(x_prim − o) for every primitive
 * site, plus the centring translations of the standard Hall setting.
 */
final class StandardCells {

    private StandardCells() {}

    static Structure conventional(SymmetryDataset d) {
        Structure prim = d.primitive();
        double[][] pinv = Mat3.inverse(Mat3.toDouble(d.primitiveToConventional()));
        Lattice lat = d.conventionalLattice();
        List<double[]> centring = new ArrayList<>();
        for (SymOp op : HallSettings.get(d.hallNumber()).operations()) {
            if (java.util.Arrays.deepEquals(op.rotation(), Mat3.toDouble(Mat3.identity())))
                centring.add(op.translation());
        }
        double[] o = d.originShift();
        List<Site> sites = new ArrayList<>();
        for (Site s : prim.sites()) {
            double[] x = s.fracCoords();
            double[] c = Mat3.mul(pinv, new double[] {x[0] - o[0], x[1] - o[1], x[2] - o[2]});
            for (double[] t : centring) {
                double[] y = {Mat3.mod1(c[0] + t[0]), Mat3.mod1(c[1] + t[1]), Mat3.mod1(c[2] + t[2])};
                for (int k = 0; k < 3; k++) if (Math.abs(y[k] - 1) < 1e-10 || Math.abs(y[k]) < 1e-10) y[k] = 0;
                sites.add(new Site(s.species(), y, lat, s.label()));
            }
        }
        return new Structure(lat, sites, prim.id());
    }
}
