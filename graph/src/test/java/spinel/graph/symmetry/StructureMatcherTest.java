package spinel.graph.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Species;
import spinel.graph.Structure;

class StructureMatcherTest {

    private static final StructureMatcher SUPERCELL = StructureMatcher.builder()
            .primitiveCell(false)
            .attemptSupercell(true)
            .build();

    static Structure structure(JsonNode s) {
        Lattice lattice = new Lattice(NiggliReductionTest.matrix(s.get("lattice")));
        List<Site> sites = new ArrayList<>();
        JsonNode frac = s.get("frac");
        for (int i = 0; i < frac.size(); i++) {
            double[] f = {
                frac.get(i).get(0).asDouble(),
                frac.get(i).get(1).asDouble(),
                frac.get(i).get(2).asDouble()
            };
            sites.add(Site.of(species(s.get("species").get(i).asText()), f, lattice, null));
        }
        return new Structure(lattice, sites);
    }

    // "Fe", "Fe2+", "O2-"
    private static Species species(String s) {
        int end = 0;
        while (end < s.length() && Character.isLetter(s.charAt(end))) end++;
        Element e = Element.of(s.substring(0, end));
        if (end == s.length()) return Species.of(e);
        String q = s.substring(end, s.length() - 1);
        double charge = q.isEmpty() ? 1 : Double.parseDouble(q);
        return new Species(e, s.endsWith("-") ? -charge : charge);
    }

    static Structure rockSalt(double a) {
        List<Element> el = new ArrayList<>();
        List<double[]> f = new ArrayList<>();
        double[][] fcc = {{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
        for (double[] p : fcc) {
            el.add(Element.of("Na"));
            f.add(p);
            el.add(Element.of("Cl"));
            f.add(new double[] {p[0] + 0.5, p[1], p[2]});
        }
        return Structure.of(Lattice.cubic(a), el, f.toArray(new double[0][]));
    }

    @Test
    void sameVerdictAsPymatgenOnRealPairs() throws IOException {
        JsonNode pairs =
                NiggliReductionTest.resource("matcher_pairs_pymatgen.json").get("pairs");
        StructureMatcher noScale = StructureMatcher.builder()
                .primitiveCell(false)
                .attemptSupercell(true)
                .scale(false)
                .build();
        StructureMatcher defaults = StructureMatcher.withDefaults();
        int n = 0, same = 0, sameNoScale = 0, sameDefaults = 0, rmsClose = 0, rmsBoth = 0, positives = 0;
        List<String> disagreements = new ArrayList<>();
        for (JsonNode p : pairs) {
            Structure a = structure(p.get("a")), b = structure(p.get("b"));
            boolean ref = p.get("sc").get("fit").asBoolean();
            boolean got = SUPERCELL.match(a, b);
            if (got == ref) same++;
            else disagreements.add(p.get("kind").asText() + " " + p.get("name").asText() + " pymatgen " + ref);
            if (noScale.match(a, b) == p.get("sc_noscale").get("fit").asBoolean()) sameNoScale++;
            if (defaults.match(a, b) == p.get("default").get("fit").asBoolean()) sameDefaults++;
            if (ref) positives++;
            JsonNode rms = p.get("sc").get("rms");
            Optional<StructureMatcher.RmsDisplacement> mine = SUPERCELL.rmsDisplacement(a, b);
            if (!rms.isNull() && mine.isPresent()) {
                rmsBoth++;
                if (Math.abs(mine.get().rms() - rms.get(0).asDouble()) < 1e-3
                        && Math.abs(mine.get().maxDistance() - rms.get(1).asDouble()) < 1e-3) rmsClose++;
            }
            n++;
        }
        assertTrue(n >= 300, "pairs: " + n);
        assertTrue(positives > n / 4 && positives < n - n / 10, "both verdicts present: " + positives);
        assertTrue(same >= 0.99 * n, same + " of " + n + " agree; " + disagreements);
        assertTrue(sameNoScale >= 0.99 * n, sameNoScale + " of " + n + " agree without scaling");
        assertTrue(sameDefaults >= 0.99 * n, sameDefaults + " of " + n + " agree with the defaults (primitive cells)");
        assertTrue(rmsClose >= 0.97 * rmsBoth, rmsClose + " of " + rmsBoth + " RMS within 1e-3");
    }

    @Test
    void rockSaltMatchesItsRotatedShiftedPrimitiveSetting() {
        Structure conv = rockSalt(5.64);
        // primitive fcc cell of the same crystal, origin moved by (0.1, 0.2, 0.3) Å
        double h = 5.64 / 2;
        Lattice prim = new Lattice(new double[][] {{0, h, h}, {h, 0, h}, {h, h, 0}});
        double[] shift = {0.1, 0.2, 0.3};
        double[] clCart = {h + 0.1, 0.2, 0.3};
        Structure p = new Structure(
                prim,
                List.of(
                        Site.of(Element.of("Na"), prim.toFractional(shift), prim),
                        Site.of(Element.of("Cl"), prim.toFractional(clCart), prim)));
        StructureMatcher asGiven =
                StructureMatcher.builder().primitiveCell(false).build();
        assertFalse(asGiven.match(conv, p), "different cell sizes need the primitive cell or attempt_supercell");
        assertTrue(StructureMatcher.withDefaults().match(conv, p));
        assertTrue(SUPERCELL.match(conv, p));
        assertTrue(SUPERCELL.match(p, conv));
        StructureMatcher.RmsDisplacement d = SUPERCELL.rmsDisplacement(conv, p).orElseThrow();
        assertEquals(0, d.rms(), 1e-6);
        assertEquals(0, d.maxDistance(), 1e-6);
        // 30 % longer edges (beyond ltol): equal after volume scaling, not without it
        Structure big = conv.withLattice(Lattice.cubic(5.64 * 1.3));
        assertTrue(SUPERCELL.match(big, p));
        assertTrue(StructureMatcher.withDefaults().match(conv, big));
        assertFalse(StructureMatcher.builder().scale(false).build().match(conv, big));
    }

    @Test
    void rmsDisplacementOfAMovedAtom() {
        Structure conv = rockSalt(5.64);
        List<Site> sites = new ArrayList<>(conv.sites());
        double[] f = sites.get(0).fracCoords();
        f[0] += 0.02; // 0.1128 Å along a
        sites.set(0, Site.of(Element.of("Na"), f, conv.lattice()));
        Structure moved = new Structure(conv.lattice(), sites);
        // in the cells given: the primitive-cell search (0.25 Å) would average the moved atom away
        StructureMatcher.RmsDisplacement d = StructureMatcher.builder()
                .primitiveCell(false)
                .build()
                .rmsDisplacement(conv, moved)
                .orElseThrow();
        // one of 8 sites moved by δ; after removing the mean shift the displacements are
        // 7δ/8 and δ/8 (×7); normalised by (V/N)^(1/3) = 5.64/2
        double delta = 0.02 * 5.64 / (5.64 / 2);
        double rms = Math.sqrt((49 + 7) / 64.0 * delta * delta / 8);
        assertEquals(rms, d.rms(), 1e-9);
        assertEquals(7 * delta / 8, d.maxDistance(), 1e-9);
    }

    @Test
    void comparatorDecidesWhetherOxidationStatesMatter() {
        Lattice l = Lattice.cubic(4.2);
        Structure fe2 = new Structure(
                l,
                List.of(
                        Site.of(new Species(Element.of("Fe"), 2), new double[] {0, 0, 0}, l, null),
                        Site.of(new Species(Element.of("O"), -2), new double[] {0.5, 0.5, 0.5}, l, null)));
        Structure fe = new Structure(
                l,
                List.of(
                        Site.of(Element.of("Fe"), new double[] {0.5, 0.5, 0.5}, l),
                        Site.of(Element.of("O"), new double[] {0, 0, 0}, l)));
        assertFalse(StructureMatcher.withDefaults().match(fe2, fe));
        assertTrue(StructureMatcher.builder()
                .comparator(SiteComparator.ELEMENT)
                .build()
                .match(fe2, fe));
        assertTrue(SiteComparator.ELEMENT.areEqual(
                Map.of(new Species(Element.of("Fe"), 2), 1.0), Map.of(Species.of(Element.of("Fe")), 1.0)));
        assertEquals("Fe:0.500000 O:0.500000", SiteComparator.ELEMENT.hash(fe2));
        assertEquals("Fe2+:0.500000 O2-:0.500000", SiteComparator.SPECIES.hash(fe2));
    }

    @Test
    void groupsAndDeduplicates() {
        Structure nacl = rockSalt(5.64);
        Structure kcl = rockSalt(6.29);
        List<Element> el = new ArrayList<>();
        for (Site s : kcl.sites()) el.add(s.element() == Element.of("Na") ? Element.of("K") : s.element());
        kcl = Structure.of(kcl.lattice(), el, kcl.fracCoords());
        // CsCl-type NaCl: same formula, another structure
        Lattice c = Lattice.cubic(3.0);
        Structure cscl = Structure.of(
                c, List.of(Element.of("Na"), Element.of("Cl")), new double[][] {{0, 0, 0}, {0.5, 0.5, 0.5}});
        Structure naclStrained = nacl.withLattice(Lattice.fromParameters(5.7, 5.64, 5.6, 90, 90, 91));
        List<Structure> list = List.of(nacl, kcl, cscl, naclStrained, kcl);
        StructureMatcher m = StructureMatcher.withDefaults();
        assertEquals(List.of(List.of(0, 3), List.of(1, 4), List.of(2)), m.groupIndices(list));
        assertArrayEquals(new int[] {0, 1, 2}, m.uniqueIndices(list));
        assertEquals(3, m.group(list).size());
        assertTrue(m.group(list).get(0).get(1) == naclStrained);
    }

    @Test
    void indexFindsKnownStructuresAndNewOnes() {
        Structure nacl = rockSalt(5.64);
        Lattice c = Lattice.cubic(3.0);
        Structure cscl = Structure.of(
                c, List.of(Element.of("Na"), Element.of("Cl")), new double[][] {{0, 0, 0}, {0.5, 0.5, 0.5}});
        StructureIndex known = StructureMatcher.withDefaults().index(List.of(cscl, nacl));
        assertEquals(2, known.size());
        Structure shifted = Structure.of(
                c, List.of(Element.of("Cl"), Element.of("Na")), new double[][] {{0.1, 0.1, 0.1}, {0.6, 0.6, 0.6}});
        assertEquals(0, known.indexOf(shifted));
        assertEquals(1, known.indexOf(nacl.withLattice(Lattice.cubic(5.5))));
        Structure kcl = Structure.of(
                c, List.of(Element.of("K"), Element.of("Cl")), new double[][] {{0, 0, 0}, {0.5, 0.5, 0.5}});
        assertFalse(known.contains(kcl));
        assertArrayEquals(new int[] {0, -1, 1}, known.indicesOf(List.of(shifted, kcl, nacl)));
    }

    @Test
    void builderRejectsNonsense() {
        assertThrows(
                IllegalArgumentException.class, () -> StructureMatcher.builder().ltol(0));
        assertThrows(
                IllegalArgumentException.class, () -> StructureMatcher.builder().stol(-1));
        assertThrows(
                IllegalArgumentException.class, () -> StructureMatcher.builder().angleTol(Double.NaN));
        assertThrows(
                IllegalArgumentException.class, () -> StructureMatcher.builder().comparator(null));
        StructureMatcher m = StructureMatcher.withDefaults();
        assertEquals(0.2, m.ltol());
        assertEquals(0.3, m.stol());
        assertEquals(5, m.angleTol());
        assertTrue(m.primitiveCell());
        assertTrue(m.scale());
        assertFalse(m.attemptSupercell());
    }
}
