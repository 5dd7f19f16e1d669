package spinel.graph.symmetry;

import java.util.ArrayList;
import java.util.List;

/**
 * Identifies the space-group type of the operations of a primitive cell and finds spglib's own
 * conventional basis and origin for it: spglib 2.0.2's {@code search_hall_number} and
 * {@code match_hall_symbol_db} ({@code spacegroup.c}). The axes from the point group
 * ({@link ConventionalAxes}) are refined (Niggli cell for triclinic, the shortest non-acute pair
 * perpendicular to b for monoclinic), the centring found from the determinant, and then, for each
 * candidate type in number order, the changes of basis of the lattice family
 * ({@link BasisChanges}) are tried in spglib's order, those that keep the input's own axes
 * (up to sign) first, each checked by {@link HallSymbolMatcher}. Lattices are columns here, as in
 * spglib. Package-private.
 */
final class HallNumberSearch {

    private static final double ZERO_PREC = 1e-10;

    /** A match: Hall number, conventional lattice (columns, Å) and origin shift (conventional fractions). */
    record Found(int hall, double[][] bravais, double[] origin) {}

    private record Ops(List<int[][]> rots, List<double[]> trans) {}

    private record Trial(double[] origin, double[][] lattice, int quality) {}

    private final double[][] orig;
    private final double symprec;

    private HallNumberSearch(double[][] orig, double symprec) {
        this.orig = Mat3.det(orig) > symprec ? orig : null;
        this.symprec = symprec;
    }

    /**
     * @param prim   primitive lattice, columns (Å), right-handed
     * @param input  the input cell's lattice, columns (Å): bases close to it are preferred
     * @param axes   initial conventional axes (columns, primitive coordinates), from {@link ConventionalAxes}
     */
    static Found search(
            double[][] prim,
            double[][] input,
            List<int[][]> rots,
            List<double[]> trans,
            PointGroup pg,
            int[][] axes,
            double symprec) {
        HallNumberSearch s = new HallNumberSearch(input, symprec);
        int[][] tmatInt = axes;
        CrystalSystem cs = pg.crystalSystem();
        if (cs == CrystalSystem.TRICLINIC || cs == CrystalSystem.MONOCLINIC) {
            double[][] conv = Mat3.mul(prim, tmatInt);
            double[][] smallest = cs == CrystalSystem.TRICLINIC ? niggli(conv, symprec) : monoclinicCell(conv, symprec);
            if (smallest == null) return null;
            tmatInt = Mat3.round(Mat3.mul(Mat3.inverse(prim), smallest));
        }
        double[][] correction = new double[3][3];
        Centring centring = centring(tmatInt, cs, correction);
        if (centring == null) return null;
        double[][] tmat = Mat3.mul(Mat3.toDouble(tmatInt), correction);
        double[][] conv = Mat3.mul(prim, tmat);
        Ops convOps = conventional(tmat, centring == Centring.R ? Centring.P : centring, new Ops(rots, trans));
        for (int number = cs.firstSpaceGroup(); number <= cs.lastSpaceGroup(); number++) {
            HallSetting h = HallSettings.standard(number);
            if (h.pointGroup() != pg) continue;
            Trial t = s.matchType(h, cs, centring, conv, convOps);
            if (t != null) return new Found(h.hallNumber(), t.lattice(), t.origin());
        }
        return null;
    }

    /**
     * spglib's {@code ref_find_similar_bravais_lattice}: among the bases B·W (W a proper rotation of
     * the setting) the one closest, in Cartesian components, to the idealized standard lattice, and
     * the origin moved with it (the shortest of the equivalent ones by the operations with that
     * rotation), so that the standardized cell is the least rotated from the input.
     */
    static Found similar(Found f, CrystalSystem cs, double symprec) {
        double[][] std =
                Mat3.transpose(StandardCells.idealized(new spinel.graph.Lattice(Mat3.transpose(f.bravais())), cs)
                        .matrix());
        int[][] dbRot = HallSettings.rotations(f.hall());
        double[][] dbTrans = HallSettings.translations(f.hall());
        double min = Math.sqrt(frobenius2(f.bravais(), null));
        int best = -1;
        double[][] bestLattice = null;
        for (int i = 0; i < dbRot.length; i++) {
            int[][] w = rotation(dbRot[i]);
            if (Mat3.det(w) < 0) continue;
            double[][] lat = Mat3.mul(f.bravais(), w);
            double len = Math.sqrt(frobenius2(lat, std));
            if (len < min - symprec) {
                min = len;
                best = i;
                bestLattice = lat;
            }
        }
        if (best < 0) return f;
        int[][] w = rotation(dbRot[best]);
        double[][] winv = Mat3.inverse(Mat3.toDouble(w));
        double minP = 2;
        double[] shortest = null;
        for (int i = 0; i < dbRot.length; i++) {
            if (!HallSymbolMatcher.sameRotation(dbRot[i], w)) continue;
            double[] p = Mat3.mul(winv, f.origin());
            double[] tw = Mat3.mul(winv, dbTrans[i]);
            for (int j = 0; j < 3; j++) {
                p[j] -= tw[j];
                p[j] -= Mat3.nint(p[j]);
            }
            double len = Math.sqrt(Mat3.norm2(p));
            if (len < minP - symprec) {
                minP = len;
                for (int j = 0; j < 3; j++) p[j] = Mat3.spglibMod1(p[j]);
                shortest = p;
            }
        }
        return new Found(f.hall(), bestLattice, shortest);
    }

    private static int[][] rotation(int[] r9) {
        return new int[][] {{r9[0], r9[1], r9[2]}, {r9[3], r9[4], r9[5]}, {r9[6], r9[7], r9[8]}};
    }

    private static double frobenius2(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double d = a[i][j] - (b == null ? 0 : b[i][j]);
                s += d * d;
            }
        }
        return s;
    }

    private Trial matchType(HallSetting h, CrystalSystem cs, Centring centring, double[][] conv, Ops ops) {
        int hall = h.hallNumber();
        return switch (cs) {
            case MONOCLINIC -> monoclinic(hall, h.number(), centring, conv, ops);
            case ORTHORHOMBIC -> orthorhombic(hall, h.number(), centring, conv, ops);
            case CUBIC -> axisOrders(hall, centring, conv, ops, 0, true);
            case TRIGONAL, HEXAGONAL -> centring == Centring.R && h.choice().equals("H")
                    ? loop(hall, Centring.R, conv, ops, BasisChanges.RHOMBOHEDRAL_TO_HEXAGONAL, Centring.R)
                    : loop(hall, centring, conv, ops, BasisChanges.HEXAGONAL, Centring.P);
            case TETRAGONAL -> loop(hall, centring, conv, ops, BasisChanges.TETRAGONAL, Centring.P);
            case TRICLINIC -> at(hall, centring, conv, ops);
        };
    }

    private Trial at(int hall, Centring centring, double[][] lattice, Ops ops) {
        double[] o = HallSymbolMatcher.match(lattice, hall, centring, ops.rots(), ops.trans(), symprec);
        return o == null ? null : new Trial(o, lattice, 1);
    }

    // spglib's match_hall_symbol_db_change_of_basis_loop: first the bases equal to the input's, then all
    private Trial loop(int hall, Centring centring, double[][] conv, Ops ops, int[][][] changes, Centring forOps) {
        for (int pass = orig == null ? 1 : 0; pass < 2; pass++) {
            for (int[][] c : changes) {
                double[][] lat = Mat3.mul(conv, c);
                if (pass == 0 && equivalent(lat, false) == null) continue;
                Trial t = at(hall, centring, lat, conventional(Mat3.toDouble(c), forOps, ops));
                if (t != null) return t;
            }
        }
        return null;
    }

    // spglib's match_hall_symbol_db_ortho/_cubic: the six axis orders, those that are the input's
    // axes up to sign first; with freeAxes 2, 3 or 6 only orders with the free axes by length
    private Trial axisOrders(int hall, Centring centring, double[][] conv, Ops ops, int freeAxes, boolean cubic) {
        int step = 1;
        for (int pass = orig == null ? 1 : 0; pass < 2; pass++) {
            for (int i = 0; i < 6; i += step) {
                double[][] change = Mat3.toDouble(BasisChanges.ORTHORHOMBIC[i]);
                double[][] lat = Mat3.mul(conv, change);
                if (pass == 0) {
                    double[][] flip = equivalent(lat, true);
                    if (flip == null) continue;
                    lat = Mat3.mul(lat, flip);
                    change = Mat3.mul(change, flip);
                }
                if (!cubic && !axisLengthsInOrder(lat, i, freeAxes)) continue;
                Centring c = !cubic && centring == Centring.C ? BasisChanges.ORTHORHOMBIC_CENTRING[i] : centring;
                Trial t = at(hall, c, lat, conventional(change, Centring.P, ops));
                if (t != null) return t;
            }
        }
        return null;
    }

    private static boolean axisLengthsInOrder(double[][] lat, int i, int freeAxes) {
        double[] n = {norm2(lat, 0), norm2(lat, 1), norm2(lat, 2)};
        return switch (freeAxes) {
            case 2 -> {
                int u = BasisChanges.ORTHORHOMBIC_UNIQUE_AXIS[i];
                double[] two = new double[2];
                for (int j = 0, l = 0; j < 3; j++) if (j != u) two[l++] = n[j];
                yield two[0] <= two[1] + ZERO_PREC;
            }
            case 3 -> n[0] <= n[1] + ZERO_PREC && n[0] <= n[2] + ZERO_PREC;
            case 6 -> n[0] <= n[1] + ZERO_PREC && n[1] <= n[2] + ZERO_PREC;
            default -> true;
        };
    }

    private Trial orthorhombic(int hall, int number, Centring centring, double[][] conv, Ops ops) {
        int choices = BasisChanges.orthorhombicAxisChoices(number);
        if (choices != 2) return axisOrders(hall, centring, conv, ops, choices == 1 ? 1 : choices, false);
        // two steps: the principal axis as for the standard setting, then the other two by length
        Trial first = axisOrders(hall, centring, conv, ops, 0, false);
        if (first == null) return null;
        double[][] change = Mat3.mul(Mat3.inverse(conv), first.lattice());
        Ops changed = conventional(change, Centring.P, ops);
        return axisOrders(hall, centring, first.lattice(), changed, 2, false);
    }

    // spglib's match_hall_symbol_db_monocli: all 36 bases with a non-acute pair of non-unique
    // axes; of those that match, the shortest non-unique axes, preferring the input's axes
    private Trial monoclinic(int hall, int number, Centring centring, double[][] conv, Ops ops) {
        boolean checkNorms = number == 3 || number == 4 || number == 6 || number == 10 || number == 11;
        List<Trial> found = new ArrayList<>();
        double shortest = Double.MAX_VALUE;
        for (int i = 0; i < 36; i++) {
            Trial t = monoclinicAt(i, hall, centring, conv, ops, checkNorms);
            found.add(t);
            if (t != null)
                shortest = Math.min(shortest, nonUniqueSum(t.lattice(), BasisChanges.monoclinicUniqueAxis(i)));
        }
        Trial best = null;
        for (int i = 0; i < 36; i++) {
            Trial t = found.get(i);
            if (t == null) continue;
            if (Math.abs(nonUniqueSum(t.lattice(), BasisChanges.monoclinicUniqueAxis(i)) - shortest) >= symprec)
                continue;
            if (t.quality() == 2) return t;
            if (best == null) best = t;
        }
        return best;
    }

    private Trial monoclinicAt(int i, int hall, Centring centring, double[][] conv, Ops ops, boolean checkNorms) {
        Centring c = centring == Centring.C ? BasisChanges.MONOCLINIC_CENTRING[i] : centring;
        double[][] change = Mat3.toDouble(BasisChanges.MONOCLINIC[i]);
        double[][] lat = Mat3.mul(conv, change);
        int u = BasisChanges.monoclinicUniqueAxis(i);
        int j = u == 0 ? 1 : 0;
        int k = u == 2 ? 1 : 2;
        double[] v0 = column(lat, j), v1 = column(lat, k);
        if (Mat3.dot(v0, v1) > ZERO_PREC) return null;
        if (checkNorms && Mat3.norm2(v0) > Mat3.norm2(v1) + ZERO_PREC) return null;
        int quality = 1;
        if (orig != null) {
            double[][] flip = equivalent(lat, true);
            if (flip != null && flip[(u + 1) % 3][(u + 1) % 3] * flip[(u + 2) % 3][(u + 2) % 3] > ZERO_PREC) {
                lat = Mat3.mul(lat, flip);
                change = Mat3.mul(change, flip);
                quality = 2;
            }
        }
        Trial t = at(hall, c, lat, conventional(change, Centring.P, ops));
        return t == null ? null : new Trial(t.origin(), lat, quality);
    }

    private static double nonUniqueSum(double[][] lat, int unique) {
        double s = 0;
        for (int j = 0; j < 3; j++) if (j != unique) s += Math.sqrt(norm2(lat, j));
        return s;
    }

    // spglib's is_equivalent_lattice, modes 0 (same axes) and 1 (same axes up to sign): the
    // integer matrix (diagonal ±1) taking lat to the input lattice, or null
    private double[][] equivalent(double[][] lat, boolean allowFlips) {
        if (orig == null || Math.abs(Mat3.det(lat) - Mat3.det(orig)) > symprec) return null;
        double[][] t = Mat3.mul(Mat3.inverse(lat), orig);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double v = allowFlips ? Math.abs(t[i][j]) : t[i][j];
                if (Math.abs(v - (i == j ? 1 : 0)) > symprec) return null;
            }
        }
        return Mat3.toDouble(Mat3.round(t));
    }

    // spglib's get_conventional_symmetry: W' = T⁻¹WT, t' = T⁻¹t, then the centring copies
    static Ops conventional(double[][] tmat, Centring centring, Ops ops) {
        double[][] inv = Mat3.inverse(tmat);
        // sized once: this runs for every candidate setting of every structure
        int size = ops.rots().size() * (1 + centring.shifts().length);
        List<int[][]> r = new ArrayList<>(size);
        List<double[]> t = new ArrayList<>(size);
        for (int i = 0; i < ops.rots().size(); i++) {
            r.add(Mat3.round(Mat3.mul(inv, Mat3.mul(Mat3.toDouble(ops.rots().get(i)), tmat))));
            t.add(Mat3.mul(inv, ops.trans().get(i)));
        }
        int n = r.size();
        for (double[] s : centring.shifts()) {
            for (int i = 0; i < n; i++) {
                double[] x = t.get(i);
                r.add(r.get(i));
                t.add(new double[] {x[0] + s[0], x[1] + s[1], x[2] + s[2]});
            }
        }
        return new Ops(r, t);
    }

    // spglib's get_centering: the centring from |det|, with A, B and (monoclinic) I cells turned into C
    private static Centring centring(int[][] t, CrystalSystem cs, double[][] correction) {
        double[][] id = Mat3.toDouble(Mat3.identity());
        for (int i = 0; i < 3; i++) correction[i] = id[i];
        int det = Math.abs(Mat3.det(t));
        switch (det) {
            case 1:
                return Centring.P;
            case 2: {
                Centring c = baseCentring(t);
                double[][] m = null;
                if (c == Centring.A)
                    m = cs == CrystalSystem.MONOCLINIC
                            ? new double[][] {{0, 0, 1}, {0, -1, 0}, {1, 0, 0}}
                            : new double[][] {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}};
                if (c == Centring.B) m = new double[][] {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}};
                if (cs == CrystalSystem.MONOCLINIC && c == Centring.I)
                    m = new double[][] {{1, 0, -1}, {0, 1, 0}, {1, 0, 0}};
                if (m == null) return c;
                for (int i = 0; i < 3; i++) correction[i] = m[i];
                return Centring.C;
            }
            case 3: {
                double[][] obverse = {
                    {2.0 / 3, -1.0 / 3, -1.0 / 3}, {1.0 / 3, 1.0 / 3, -2.0 / 3}, {1.0 / 3, 1.0 / 3, 1.0 / 3}
                };
                double[][] reverse = {
                    {1.0 / 3, -2.0 / 3, 1.0 / 3}, {2.0 / 3, -1.0 / 3, -1.0 / 3}, {1.0 / 3, 1.0 / 3, 1.0 / 3}
                };
                if (Mat3.isIntegral(Mat3.mul(Mat3.toDouble(t), obverse), 0.1))
                    for (int i = 0; i < 3; i++) correction[i] = obverse[i];
                if (Mat3.isIntegral(Mat3.mul(Mat3.toDouble(t), reverse), 0.1))
                    for (int i = 0; i < 3; i++) correction[i] = reverse[i];
                return Centring.R;
            }
            case 4:
                return Centring.F;
            default:
                return null;
        }
    }

    private static Centring baseCentring(int[][] t) {
        for (int[] row : t) if (row[0] == 0 && row[1] == 0 && Math.abs(row[2]) == 1) return Centring.C;
        for (int[] row : t) if (Math.abs(row[0]) == 1 && row[1] == 0 && row[2] == 0) return Centring.A;
        for (int[] row : t) if (row[0] == 0 && Math.abs(row[1]) == 1 && row[2] == 0) return Centring.B;
        boolean body = true;
        for (int[] row : t) body &= Math.abs(row[0]) + Math.abs(row[1]) + Math.abs(row[2]) == 2;
        return body ? Centring.I : Centring.P;
    }

    // spglib's change_basis_tricli: the Niggli cell (ε = symprec² Å²), right-handed, by spglib's own
    // sequence of Křivý–Gruber steps from the primitive cell (no LLL start as in NiggliReduction),
    // so that a metrically degenerate cell (fcc-like P1) ends in the same of its equivalent bases
    private static double[][] niggli(double[][] conv, double symprec) {
        double eps = symprec * symprec;
        double[][] lat = Mat3.copy(conv);
        boolean done = false;
        for (int loop = 0; loop < 100 && !done; loop++) {
            done = true;
            for (int step = 0; step < 8; step++) {
                int[][] t = niggliStep(step, lat, eps);
                if (t == null) continue;
                lat = Mat3.mul(lat, t);
                if (step == 1 || step >= 4) {
                    done = false;
                    break;
                }
            }
        }
        if (!done) return null;
        if (Mat3.det(lat) < 0) {
            for (double[] row : lat) for (int j = 0; j < 3; j++) row[j] = -row[j];
        }
        return lat;
    }

    // step (0-7) of spglib's niggli.c on the metric of lat (columns): its change of basis, or null
    private static int[][] niggliStep(int step, double[][] lat, double eps) {
        double[][] g = Mat3.mul(Mat3.transpose(lat), lat);
        double a = g[0][0], b = g[1][1], c = g[2][2], xi = 2 * g[1][2], eta = 2 * g[0][2], zeta = 2 * g[0][1];
        int l = sign(xi, eps), m = sign(eta, eps), n = sign(zeta, eps);
        switch (step) {
            case 0:
                return a > b + eps || (Math.abs(a - b) <= eps && Math.abs(xi) > Math.abs(eta) + eps)
                        ? new int[][] {{0, -1, 0}, {-1, 0, 0}, {0, 0, -1}}
                        : null;
            case 1:
                return b > c + eps || (Math.abs(b - c) <= eps && Math.abs(eta) > Math.abs(zeta) + eps)
                        ? new int[][] {{-1, 0, 0}, {0, 0, -1}, {0, -1, 0}}
                        : null;
            case 2:
                return l * m * n == 1 ? diagonal(l == -1 ? -1 : 1, m == -1 ? -1 : 1, n == -1 ? -1 : 1) : null;
            case 3: {
                if (l == -1 && m == -1 && n == -1) return null;
                if (l * m * n != 0 && l * m * n != -1) return null;
                int i = l == 1 ? -1 : 1, j = m == 1 ? -1 : 1, k = n == 1 ? -1 : 1;
                int r = n == 0 ? 2 : m == 0 ? 1 : l == 0 ? 0 : -1;
                if (i * j * k == -1) {
                    if (r == 0) i = -1;
                    if (r == 1) j = -1;
                    if (r == 2) k = -1;
                }
                return diagonal(i, j, k);
            }
            case 4:
                return Math.abs(xi) > b + eps
                                || (Math.abs(b - xi) <= eps && 2 * eta < zeta - eps)
                                || (Math.abs(b + xi) <= eps && zeta < -eps)
                        ? new int[][] {{1, 0, 0}, {0, 1, xi > 0 ? -1 : xi < 0 ? 1 : 0}, {0, 0, 1}}
                        : null;
            case 5:
                return Math.abs(eta) > a + eps
                                || (Math.abs(a - eta) <= eps && 2 * xi < zeta - eps)
                                || (Math.abs(a + eta) <= eps && zeta < -eps)
                        ? new int[][] {{1, 0, eta > 0 ? -1 : eta < 0 ? 1 : 0}, {0, 1, 0}, {0, 0, 1}}
                        : null;
            case 6:
                return Math.abs(zeta) > a + eps
                                || (Math.abs(a - zeta) <= eps && 2 * xi < eta - eps)
                                || (Math.abs(a + zeta) <= eps && eta < -eps)
                        ? new int[][] {{1, zeta > 0 ? -1 : zeta < 0 ? 1 : 0, 0}, {0, 1, 0}, {0, 0, 1}}
                        : null;
            default: {
                double sum = xi + eta + zeta + a + b;
                return sum < -eps || (Math.abs(sum) <= eps && 2 * (a + eta) + zeta > eps)
                        ? new int[][] {{1, 0, 1}, {0, 1, 1}, {0, 0, 1}}
                        : null;
            }
        }
    }

    private static int sign(double v, double eps) {
        return v < -eps ? -1 : v > eps ? 1 : 0;
    }

    private static int[][] diagonal(int i, int j, int k) {
        return new int[][] {{i, 0, 0}, {0, j, 0}, {0, 0, k}};
    }

    // spglib's change_basis_monocli (del_layer_delaunay_reduce_2D with unique axis b): a Delaunay
    // reduction of the two axes perpendicular to b
    private static double[][] monoclinicCell(double[][] conv, double symprec) {
        double[] unique = column(conv, 1);
        double[][] b = new double[4][];
        b[0] = column(conv, 0);
        b[1] = column(conv, 2);
        b[2] = new double[] {-b[0][0] - b[1][0], -b[0][1] - b[1][1], -b[0][2] - b[1][2]};
        boolean reduced = false;
        for (int attempt = 0; attempt < 100 && !reduced; attempt++) reduced = delaunayStep2D(b, symprec);
        if (!reduced) return null;
        b[3] = new double[] {b[0][0] + b[1][0], b[0][1] + b[1][1], b[0][2] + b[1][2]};
        for (int pass = 0; pass < 3; pass++) {
            for (int j = 0; j < 3; j++) {
                if (Mat3.norm2(b[j]) > Mat3.norm2(b[j + 1]) + ZERO_PREC) {
                    double[] tmp = b[j];
                    b[j] = b[j + 1];
                    b[j + 1] = tmp;
                }
            }
        }
        double[] second = null;
        for (int i = 1; i < 4 && second == null; i++) {
            if (Math.abs(Mat3.det(columns(b[0], unique, b[i]))) > symprec) second = b[i];
        }
        if (second == null) return null;
        double[][] red = columns(b[0], unique, second);
        double vol = Mat3.det(red);
        if (Math.abs(vol) < symprec) return null;
        if (vol < 0) red = columns(b[0], new double[] {-unique[0], -unique[1], -unique[2]}, second);
        return red;
    }

    private static boolean delaunayStep2D(double[][] b, double symprec) {
        for (int i = 0; i < 2; i++) {
            for (int j = i + 1; j < 3; j++) {
                if (Mat3.dot(b[i], b[j]) > symprec) {
                    int k = 3 - i - j;
                    for (int l = 0; l < 3; l++) b[k][l] += 2 * b[i][l];
                    for (int l = 0; l < 3; l++) b[i][l] = -b[i][l];
                    return false;
                }
            }
        }
        return true;
    }

    static double[] column(double[][] m, int j) {
        return new double[] {m[0][j], m[1][j], m[2][j]};
    }

    private static double norm2(double[][] m, int j) {
        return m[0][j] * m[0][j] + m[1][j] * m[1][j] + m[2][j] * m[2][j];
    }

    private static double[][] columns(double[] a, double[] b, double[] c) {
        return new double[][] {{a[0], b[0], c[0]}, {a[1], b[1], c[1]}, {a[2], b[2], c[2]}};
    }
}
