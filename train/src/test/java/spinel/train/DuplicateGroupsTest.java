package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Structure;
import spinel.graph.io.CifReader;
import spinel.graph.io.CifWriter;

/**
 * {@code --dedupe} on the reference CGCNN's 10 real sample CIFs with planted duplicates in other
 * settings (a 2×1×1 supercell with its sites reversed, a copy with permuted sites): they are grouped
 * with their originals and never cross the split, for any seed.
 */
class DuplicateGroupsTest {

    @TempDir
    static Path dir;

    static Path data;

    @BeforeAll
    static void plant() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ExperimentTest.SAMPLE));
        data = Files.createDirectories(dir.resolve("planted"));
        try (var files = Files.list(ExperimentTest.SAMPLE)) {
            for (Path f : files.toList()) Files.copy(f, data.resolve(f.getFileName()));
        }
        List<String> rows = new ArrayList<>(Files.readAllLines(data.resolve("id_prop.csv")));
        String first = rows.get(0).split(",")[0], third = rows.get(2).split(",")[0];
        Structure a = new CifReader().readOne(data.resolve(first + ".cif"));
        Structure b = new CifReader().readOne(data.resolve(third + ".cif"));
        Files.writeString(data.resolve("super.cif"), new CifWriter().format(reversedSupercell(a)));
        Files.writeString(data.resolve("permuted.cif"), new CifWriter().format(rotatedSites(b)));
        rows.add("super,1.5");
        rows.add("permuted,3.5");
        Files.write(data.resolve("id_prop.csv"), rows);
    }

    /** {@code s} doubled along a, its sites listed last to first. */
    static Structure reversedSupercell(Structure s) {
        double[][] m = s.lattice().matrix();
        Lattice big = new Lattice(new double[][] {{2 * m[0][0], 2 * m[0][1], 2 * m[0][2]}, m[1], m[2]});
        List<Site> sites = new ArrayList<>();
        for (int shift = 0; shift < 2; shift++) {
            for (Site site : s.sites()) {
                double[] f = site.fracCoords().clone();
                f[0] = (f[0] + shift) / 2;
                sites.add(new Site(site.species(), f, big, site.label()));
            }
        }
        java.util.Collections.reverse(sites);
        return new Structure(big, sites, "super");
    }

    /** {@code s} with its site list rotated by one. */
    static Structure rotatedSites(Structure s) {
        List<Site> sites = new ArrayList<>(s.sites().subList(1, s.sites().size()));
        sites.add(s.sites().get(0));
        return new Structure(s.lattice(), sites, "permuted");
    }

    @Test
    void plantedCopiesAreGroupedWithTheirOriginalsAndCached() throws Exception {
        CrystalDataset d = CrystalDataset.open(data, null);
        Path cache = dir.resolve("cache-grouping");
        DuplicateGroups g = DuplicateGroups.of(d, cache, ExperimentTest.QUIET);
        assertFalse(g.cached());
        assertTrue(g.groups().contains(List.of(0, 10)), "supercell with its cell: " + g.groups());
        assertTrue(g.groups().contains(List.of(2, 11)), "permuted copy with its original: " + g.groups());
        assertEquals(4, g.groupedRows());
        assertEquals(2, g.duplicates());
        DuplicateGroups again = DuplicateGroups.of(d, cache, ExperimentTest.QUIET);
        assertTrue(again.cached());
        assertEquals(g.groups(), again.groups());
    }

    @Test
    void noGroupCrossesTheSplitForAnySeed() throws Exception {
        CrystalDataset d = CrystalDataset.open(data, null);
        List<List<Integer>> groups = DuplicateGroups.compute(d).groups();
        for (long seed = 0; seed < 50; seed++) {
            Split s = Split.random(d.size(), 0.2, 0.3, seed, groups);
            SplitTest.assertPartition(s, d.size());
            for (List<Integer> group : groups) {
                Set<String> parts = new HashSet<>();
                for (int r : group) parts.add(partOf(s, r));
                assertEquals(1, parts.size(), "seed " + seed + ": group " + group + " in " + parts);
            }
        }
    }

    @Test
    void trainWithDedupeRecordsTheGroupsAndKeepsThemTogether() throws Exception {
        Path out = dir.resolve("run");
        ExperimentSpec spec = ExperimentTest.spec(dir, "run")
                .setData(data)
                .optModel(ExperimentSpec.Model.MLP_COMPOSITION)
                .optDedupe(true)
                .build();
        RunData rd = RunData.load(spec, ExperimentTest.QUIET);
        for (List<Integer> group : rd.duplicates().groups())
            assertEquals(partOf(rd.split(), group.get(0)), partOf(rd.split(), group.get(1)));
        Experiment.run(spec, ExperimentTest.QUIET);
        JsonNode dedupe = RunFiles.JSON
                .readTree(out.resolve("config.json").toFile())
                .path("data")
                .path("dedupe");
        assertEquals(2, dedupe.path("groups").asInt());
        assertEquals(4, dedupe.path("grouped_rows").asInt());
        assertEquals(2, dedupe.path("duplicates").asInt());
        assertTrue(dedupe.path("matcher").asText().startsWith("StructureMatcher(ltol=0.2"));
        List<String> split = Files.readAllLines(out.resolve("split.csv"));
        assertEquals("id,part,duplicate_group", split.get(0));
        assertEquals(d(rd) + 1, split.size());
        assertTrue(split.stream().anyMatch(l -> l.startsWith("super,") && l.endsWith(",0")), split.toString());
        JsonNode metrics = RunFiles.JSON.readTree(out.resolve("metrics.json").toFile());
        assertEquals(2, metrics.path("dedupe").path("duplicates").asInt());
    }

    static int d(RunData rd) {
        return rd.split().train().length + rd.split().val().length + rd.split().test().length;
    }

    static String partOf(Split s, int row) {
        for (int r : s.test()) if (r == row) return "test";
        for (int r : s.val()) if (r == row) return "validation";
        for (int r : s.train()) if (r == row) return "train";
        return "none";
    }
}
