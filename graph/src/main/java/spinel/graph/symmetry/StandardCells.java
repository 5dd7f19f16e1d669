package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.List;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Structure;

/**
 * Standardized cells in spglib's convention (Togo et al. 2024, "standardized crystal structure"):
 * the conventional lattice idealized for its crystal system (cubic a = (a+b+c)/3; tetragonal and
 * hexagonal a = (a+b)/2; right angles and 120° set exactly; monoclinic unique axis b keeps β;
 * triclinic keeps all six parameters) and rotated to the standard orientation (a along x, b in the
 * xy plane, rows in Å); the sites at their exact (symmetrized) positions, x_s = P x + p with
 * spglib's transformation matrix P and origin shift p; the primitive cell through spglib's
 * centring matrices.
 */
final class StandardCells {

    private StandardCells() {}

    /** spglib's primitive-from-conventional matrices (columns: primitive axes in the conventional basis). */
    private static final double H = 0.5;

    private static final double T = 1.0 / 3;

    static double[][] centringMatrix(char centring) {
        return switch (centring) {
            case 'A' -> new double[][] {{1, 0, 0}, {0, H, -H}, {0, H, H}};
            case 'B' -> new double[][] {{H, 0, -H}, {0, 1, 0}, {H, 0, H}};
            case 'C' -> new double[][] {{H, H, 0}, {-H, H, 0}, {0, 0, 1}};
            case 'I' -> new double[][] {{-H, H, H}, {H, -H, H}, {H, H, -H}};
            case 'F' -> new double[][] {{0, H, H}, {H, 0, H}, {H, H, 0}};
            case 'R' -> new double[][] {{2 * T, -T, -T}, {T, T, -2 * T}, {T, T, T}};
            default -> Mat3.toDouble(Mat3.identity());
        };
    }

    /** The centring letter of a Hall setting: P, A, B, C, I, F or R. */
    static char centring(HallSetting h) {
        String s = h.hallSymbol();
        return s.charAt(s.charAt(0) == '-' ? 1 : 0);
    }

    /** The idealized conventional lattice in the standard orientation, spglib's {@code std_lattice}. */
    static Lattice idealized(Lattice conventional, CrystalSystem system) {
        double[][] g = Mat3.metric(conventional.matrix());
        double a = Math.sqrt(g[0][0]), b = Math.sqrt(g[1][1]), c = Math.sqrt(g[2][2]);
        double cosA = g[1][2] / (b * c), cosB = g[0][2] / (a * c), cosG = g[0][1] / (a * b);
        switch (system) {
            case TRICLINIC -> {}
            case MONOCLINIC -> {
                cosA = 0;
                cosG = 0;
            }
            case ORTHORHOMBIC -> cosA = cosB = cosG = 0;
            case TETRAGONAL -> {
                a = b = (a + b) / 2;
                cosA = cosB = cosG = 0;
            }
            case TRIGONAL, HEXAGONAL -> {
                a = b = (a + b) / 2;
                cosA = cosB = 0;
                cosG = -0.5;
            }
            case CUBIC -> {
                a = b = c = (a + b + c) / 3;
                cosA = cosB = cosG = 0;
            }
        }
        double sinG = Math.sqrt(1 - cosG * cosG);
        double cx = c * cosB;
        double cy = c * (cosA - cosB * cosG) / sinG;
        return new Lattice(new double[][] {
            {a, 0, 0}, {b * cosG, b * sinG, 0}, {cx, cy, Math.sqrt(Math.max(0, c * c - cx * cx - cy * cy))}
        });
    }

    /**
     * The standardized conventional cell: every primitive site at its exact position with the
     * centring copies, in the order of spglib (primitive sites, each followed by its centring images).
     */
    static Structure conventional(Structure prim, double[][] exact, HallSetting h, Lattice std) {
        List<double[]> centring = new ArrayList<>();
        for (SymOp op : h.operations()) {
            if (java.util.Arrays.deepEquals(op.rotation(), Mat3.toDouble(Mat3.identity())))
                centring.add(op.translation());
        }
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < exact.length; i++) {
            double[] x = exact[i];
            for (double[] t : centring) {
                double[] y = {clean(x[0] + t[0]), clean(x[1] + t[1]), clean(x[2] + t[2])};
                sites.add(new Site(prim.site(i).species(), y, std, prim.site(i).label()));
            }
        }
        return new Structure(std, sites, prim.id());
    }

    /** The standardized primitive cell (spglib's {@code find_primitive}) from the standardized conventional one. */
    static Structure primitive(Structure conventional, HallSetting h, double[][] exactPrim) {
        double[][] m = centringMatrix(centring(h));
        double[][] minv = Mat3.inverse(m);
        Lattice lat =
                new Lattice(Mat3.mul(Mat3.transpose(m), conventional.lattice().matrix()));
        List<Site> sites = new ArrayList<>();
        for (int i = 0; i < exactPrim.length; i++) {
            double[] y = Mat3.mul(minv, exactPrim[i]);
            Site s = conventional.site(i * (conventional.size() / exactPrim.length));
            sites.add(new Site(s.species(), new double[] {clean(y[0]), clean(y[1]), clean(y[2])}, lat, s.label()));
        }
        return new Structure(lat, sites, conventional.id());
    }

    private static double clean(double v) {
        double r = Mat3.mod1(v);
        return Math.abs(r - 1) < 1e-10 || Math.abs(r) < 1e-10 ? 0 : r;
    }
}
