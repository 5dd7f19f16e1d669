package spinel.graph.symmetry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Parity with python3-spglib 2.0.2 on the committed reference (scripts/gen_spglib_reference.py):
 * the 11 examples, 150 Materials Project structures of mp_gap, and rotated/shifted/permuted,
 * supercell and noisy copies, each at symprec 1e-5, 1e-3, 0.01 and 0.1.
 */
class SymmetryAnalyzerParityTest {

    record Pair(String name, JsonNode ref, SymmetryDataset got) {}

    static final List<Pair> PAIRS = new ArrayList<>();
    static int total;

    @BeforeAll
    static void analyse() throws Exception {
        for (SpglibReference.Entry e : SpglibReference.load("/spinel/graph/symmetry/spglib_reference.json.gz")) {
            for (JsonNode d : e.datasets()) {
                total++;
                double symprec = d.get("symprec").asDouble();
                SymmetryDataset s = null;
                try {
                    s = SymmetryAnalyzer.builder().optSymprec(symprec).build().analyze(e.structure());
                } catch (IllegalArgumentException ex) {
                    // counted as a disagreement
                }
                PAIRS.add(new Pair(e.name() + " @" + symprec, d, s));
            }
        }
    }

    @Test
    void spaceGroupNumbersAgreeWithSpglib() {
        List<String> wrong = new ArrayList<>();
        for (Pair p : PAIRS) {
            int want = p.ref().get("number").asInt();
            if (p.got() == null || p.got().number() != want) {
                wrong.add(p.name() + ": spglib " + want + ", spinel "
                        + (p.got() == null ? "none" : p.got().number()));
            }
            // the examples themselves (no noise, no transformation) must agree exactly
            if (!p.name().contains("#") && !p.name().startsWith("mb-")) {
                assertTrue(p.got() != null && p.got().number() == want, p.name());
            }
        }
        double rate = 1 - wrong.size() / (double) total;
        assertTrue(rate >= 0.995, "agreement " + rate + "; " + wrong);
    }

    @Test
    void hallNumberPrimitiveSizeAndOrbitsAgreeWhereTheNumberDoes() {
        List<String> wrong = new ArrayList<>();
        for (Pair p : PAIRS) {
            if (p.got() == null || p.got().number() != p.ref().get("number").asInt()) continue;
            int[] eq = new int[p.ref().get("equivalent_atoms").size()];
            for (int i = 0; i < eq.length; i++)
                eq[i] = p.ref().get("equivalent_atoms").get(i).asInt();
            if (p.got().hallNumber() != p.ref().get("hall_number").asInt()
                    || p.got().primitiveSize() != p.ref().get("n_primitive").asInt()
                    || !Arrays.equals(eq, p.got().equivalentAtoms())
                    || p.got().conventionalSize() != p.ref().get("n_std").asInt()) {
                wrong.add(p.name());
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " differ: " + wrong);
    }

    /**
     * Wyckoff positions where the Hall number agrees: per site, the multiplicity and the site-symmetry
     * group (symbol without orientation) always agree with spglib's; the letters and oriented
     * symbols themselves, site by site and as a per-structure multiset, agree where spglib's origin
     * and axes are reproduced (HallNumberSearch, 99 % here; see docs/benchmarks/symmetry.md).
     */
    @Test
    void wyckoffPositionsAgreeWithSpglib() {
        List<String> wrong = new ArrayList<>();
        int compared = 0, exact = 0, multiset = 0;
        for (Pair p : PAIRS) {
            if (p.got() == null
                    || p.got().hallNumber() != p.ref().get("hall_number").asInt()) continue;
            compared++;
            List<WyckoffPosition> table = WyckoffPositions.of(p.got().hallNumber());
            List<String> letters = new ArrayList<>();
            List<String> symbols = new ArrayList<>();
            p.ref().get("wyckoffs").forEach(n -> letters.add(n.asText()));
            p.ref().get("site_symmetry").forEach(n -> symbols.add(n.asText()));
            if (letters.equals(Arrays.asList(p.got().wyckoffs()))
                    && symbols.equals(Arrays.asList(p.got().siteSymmetrySymbols()))) exact++;
            List<String> sortedRef = new ArrayList<>(letters);
            List<String> sortedGot = new ArrayList<>(Arrays.asList(p.got().wyckoffs()));
            java.util.Collections.sort(sortedRef);
            java.util.Collections.sort(sortedGot);
            if (sortedRef.equals(sortedGot)) multiset++;
            List<WyckoffPosition> got = p.got().wyckoffPositions();
            for (int i = 0; i < letters.size(); i++) {
                WyckoffPosition want = null;
                for (WyckoffPosition w : table) if (w.letter().equals(letters.get(i))) want = w;
                if (want == null
                        || want.multiplicity() != got.get(i).multiplicity()
                        || !unoriented(want.siteSymmetry())
                                .equals(unoriented(got.get(i).siteSymmetry()))) {
                    wrong.add(p.name() + " site " + i + ": spglib " + want + ", spinel " + got.get(i));
                    break;
                }
            }
        }
        assertTrue(compared > PAIRS.size() * 9 / 10, "compared " + compared);
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + compared + " differ:\n" + String.join("\n", wrong));
        System.out.printf("Wyckoff letters: site by site %d, multiset %d of %d%n", exact, multiset, compared);
        assertTrue(exact >= compared * 99 / 100, "letters identical for " + exact + " of " + compared);
        assertTrue(multiset >= compared * 99 / 100, "letter multisets identical for " + multiset + " of " + compared);
    }

    // the site-symmetry symbol without its orientation: "m2m", ".mm2" and "mm2" alike
    private static String unoriented(String symbol) {
        char[] c = symbol.replace(".", "").toCharArray();
        Arrays.sort(c);
        return new String(c);
    }

    /** Conventional a, b, c, α, β, γ where the number agrees (spglib's std_lattice, not idealized). */
    @Test
    void conventionalCellParametersAgree() {
        List<String> wrong = new ArrayList<>();
        for (Pair p : PAIRS) {
            if (p.got() == null || p.got().number() != p.ref().get("number").asInt()) continue;
            double[][] std = new double[3][3];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    std[i][j] = p.ref().get("std_lattice").get(i).get(j).asDouble();
            spinel.graph.Lattice ref = new spinel.graph.Lattice(std);
            spinel.graph.Lattice got = p.got().conventionalLattice();
            double tol = Math.max(0.02, 20 * p.ref().get("symprec").asDouble());
            boolean ok = true;
            for (int i = 0; i < 3; i++) {
                ok &= Math.abs(ref.lengths()[i] - got.lengths()[i]) < tol;
                ok &= Math.abs(ref.angles()[i] - got.angles()[i]) < 1.0;
            }
            if (!ok) wrong.add(p.name() + " " + p.got().number() + ": spglib " + ref + ", spinel " + got);
        }
        // the conventional lattice before idealization; misses are cells at the tolerance's edge
        assertTrue(wrong.size() <= PAIRS.size() * 3 / 100, wrong.size() + " differ: " + String.join("\n", wrong));
    }

    /**
     * spglib's standardized cell where the Hall number agrees: its transformation_matrix, then its
     * origin_shift (up to a centring vector), and where both are, std_lattice (orientation
     * included), std_positions with std_types and find_primitive's cell. The misses are spglib's
     * other primitive basis for supercells and Niggli-cell ties of noisy P1 cells
     * (docs/benchmarks/symmetry.md). Everywhere, std_lattice is idealized in spglib's orientation
     * (a along x, b in the xy plane).
     */
    @Test
    void standardizedCellsAgreeWithSpglib() {
        List<String> wrong = new ArrayList<>();
        int compared = 0, sameBasis = 0, sameOrigin = 0;
        for (Pair p : PAIRS) {
            SymmetryDataset d = p.got();
            JsonNode r = p.ref();
            if (d == null || d.hallNumber() != r.get("hall_number").asInt()) continue;
            compared++;
            double[][] std = d.stdLattice().matrix();
            assertTrue(std[0][1] == 0 && std[0][2] == 0 && std[1][2] == 0 && std[0][0] > 0, p.name());
            if (!close(matrix(r.get("transformation_matrix")), d.transformationMatrix(), 1e-6)) continue;
            sameBasis++;
            double symprec = r.get("symprec").asDouble();
            double lenTol = 1e-4 + 4 * symprec;
            String why = null;
            if (!close(matrix(r.get("std_lattice")), std, lenTol))
                why = "std_lattice " + Arrays.deepToString(std) + " vs " + r.get("std_lattice");
            if (!sameOrigin(vector(r.get("origin_shift")), d.stdOriginShift(), d.hallNumber(), 1e-5 + symprec)) {
                if (why != null) wrong.add(p.name() + " " + d.number() + ": " + why);
                continue;
            }
            sameOrigin++;
            if (why != null) {
                // reported below
            } else if (!sameSites(r.get("std_positions"), r.get("std_types"), d.standardized(), 1e-5 + symprec))
                why = "std_positions";
            else if (r.hasNonNull("primitive")) {
                JsonNode prim = r.get("primitive");
                if (!close(
                        matrix(prim.get("lattice")),
                        d.standardizedPrimitive().lattice().matrix(),
                        lenTol)) why = "primitive lattice";
                else if (!sameSites(
                        prim.get("positions"), prim.get("types"), d.standardizedPrimitive(), 1e-5 + symprec))
                    why = "primitive positions";
            }
            if (why != null) wrong.add(p.name() + " " + d.number() + ": " + why);
        }
        assertTrue(compared > PAIRS.size() * 9 / 10, "compared " + compared);
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + sameBasis + " differ:\n" + String.join("\n", wrong));
        System.out.printf(
                "transformation_matrix %d, and origin_shift %d, of %d; std_lattice where both: all%n",
                sameBasis, sameOrigin, compared);
        assertTrue(sameBasis >= compared * 99 / 100, "spglib's basis for " + sameBasis + " of " + compared);
        assertTrue(sameOrigin >= sameBasis * 99 / 100, "spglib's origin for " + sameOrigin + " of " + sameBasis);
    }

    // origin shifts differ by a centring translation at most
    static boolean sameOrigin(double[] a, double[] b, int hall, double tol) {
        for (SymOp op : HallSettings.get(hall).operations()) {
            if (!Arrays.deepEquals(op.rotation(), Mat3.toDouble(Mat3.identity()))) continue;
            double[] t = op.translation();
            if (sameModOne(a, new double[] {b[0] + t[0], b[1] + t[1], b[2] + t[2]}, tol)) return true;
        }
        return false;
    }

    static double[][] matrix(JsonNode n) {
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) m[i][j] = n.get(i).get(j).asDouble();
        return m;
    }

    static double[] vector(JsonNode n) {
        return new double[] {n.get(0).asDouble(), n.get(1).asDouble(), n.get(2).asDouble()};
    }

    static boolean close(double[][] a, double[][] b, double tol) {
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) if (Math.abs(a[i][j] - b[i][j]) > tol) return false;
        return true;
    }

    static boolean sameModOne(double[] a, double[] b, double tol) {
        for (int i = 0; i < 3; i++) {
            double d = a[i] - b[i];
            if (Math.abs(d - Math.rint(d)) > tol) return false;
        }
        return true;
    }

    // every reference site has a site of the same element at the same position (mod 1), and as many
    static boolean sameSites(JsonNode pos, JsonNode types, spinel.graph.Structure s, double tol) {
        if (pos.size() != s.size()) return false;
        boolean[] used = new boolean[s.size()];
        for (int i = 0; i < pos.size(); i++) {
            double[] x = vector(pos.get(i));
            boolean found = false;
            for (int j = 0; j < s.size() && !found; j++) {
                if (used[j] || s.site(j).element().z() != types.get(i).asInt()) continue;
                if (sameModOne(x, s.site(j).fracCoords(), tol)) found = used[j] = true;
            }
            if (!found) return false;
        }
        return true;
    }
}
