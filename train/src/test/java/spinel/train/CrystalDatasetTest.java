package spinel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.conv.ReducedGraph;
import spinel.graph.CrystalGraph;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.Structure;
import spinel.graph.io.ExtxyzFrame;
import spinel.graph.io.ExtxyzWriter;

class CrystalDatasetTest {

    static final Path SHARED = Path.of(System.getProperty("spinel.shared", "../shared"));
    static final Path SAMPLE = SHARED.resolve("anchors/cgcnn/sample");
    static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    static List<Structure> structures(CrystalDataset d) throws Exception {
        List<Structure> all = new ArrayList<>();
        d.forEachChunk(3, (first, list) -> {
            assertEquals(all.size(), first);
            all.addAll(list);
        });
        return all;
    }

    @Test
    void cgcnnFolder() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLE));
        CrystalDataset d = CrystalDataset.open(SAMPLE, null);
        assertEquals(CrystalDataset.Kind.CGCNN_FOLDER, d.kind());
        assertEquals(10, d.size());
        assertEquals("1000041", d.ids().get(0));
        assertEquals(1.0, d.targets()[0]);
        List<Structure> s = structures(d);
        assertEquals(10, s.size());
        assertEquals("1507756", s.get(3).id());
        assertEquals(5, s.get(3).size()); // BaTiO3
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CrystalDataset.open(SAMPLE, "gap"));
        assertTrue(e.getMessage().contains("labels.csv"), e.getMessage());
    }

    @Test
    void labelledCsvAndExtxyz(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLE));
        Structure a = new spinel.graph.io.CifReader().readOne(SAMPLE.resolve("1507756.cif"));
        Structure b = new spinel.graph.io.CifReader().readOne(SAMPLE.resolve("1000041.cif"));
        Files.writeString(
                dir.resolve("labels.csv"),
                "id,band_gap (eV),file\nx," + 1.5 + "," + SAMPLE.resolve("1507756.cif") + "\ny,0.0,"
                        + SAMPLE.resolve("1000041.cif") + "\n");
        CrystalDataset csv = CrystalDataset.open(dir.resolve("labels.csv"), "band_gap");
        assertEquals(List.of("x", "y"), csv.ids());
        assertArrayEquals(new double[] {1.5, 0.0}, csv.targets());
        assertEquals("band_gap (eV)", csv.targetName());
        assertEquals(a.size(), structures(csv).get(0).size());
        assertThrows(IllegalArgumentException.class, () -> CrystalDataset.open(dir.resolve("labels.csv"), "volume"));

        Map<String, String> infoA = new LinkedHashMap<>(), infoB = new LinkedHashMap<>();
        infoA.put("energy", "-3.25");
        infoB.put("energy", "-1.5");
        Files.writeString(
                dir.resolve("frames.extxyz"),
                new ExtxyzWriter().format(List.of(new ExtxyzFrame(a, infoA), new ExtxyzFrame(b, infoB))));
        CrystalDataset xyz = CrystalDataset.open(dir.resolve("frames.extxyz"), "energy");
        assertEquals(2, xyz.size());
        assertArrayEquals(new double[] {-3.25, -1.5}, xyz.targets());
        assertEquals(b.size(), structures(xyz).get(1).size());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> CrystalDataset.open(dir.resolve("frames.extxyz"), "band_gap"));
        assertTrue(e.getMessage().contains("frame 1"), e.getMessage());
    }

    @Test
    void matbenchJdft2d() throws Exception {
        Path file = SHARED.resolve("data/matbench_jdft2d.json.gz");
        Assumptions.assumeTrue(Files.isRegularFile(file));
        CrystalDataset d = CrystalDataset.open(file, null);
        assertEquals(636, d.size());
        assertEquals("mb-jdft2d-001", d.ids().get(0));
        assertEquals(63.5938333333, d.targets()[0], 1e-9);
        String[] spg = CrystalDataset.joinColumn(SHARED.resolve("data/matbench_meta/jdft2d.csv"), d.ids(), "spg_num");
        assertEquals("129", spg[0]);
        CrystalDataset sub = d.subset(new int[] {1, 5, 600});
        assertEquals(List.of("mb-jdft2d-002", "mb-jdft2d-006", "mb-jdft2d-601"), sub.ids());
        assertEquals(d.targets()[600], sub.targets()[2]);
        List<Structure> s = structures(sub);
        assertEquals(
                List.of("mb-jdft2d-002", "mb-jdft2d-006", "mb-jdft2d-601"),
                s.stream().map(Structure::id).toList());
        assertNotEquals(d.contentHash(), sub.contentHash());
    }

    /** The reduction stored with a graph is the reduction of the graph (bond rows recomputed to 1e-5). */
    static void assertSameReduction(ReducedGraph expected, ReducedGraph got) {
        assertArrayEquals(expected.representativeOf(), got.representativeOf());
        assertArrayEquals(expected.atomFeatures(), got.atomFeatures());
        assertArrayEquals(expected.slots().atom(), got.slots().atom());
        assertArrayEquals(expected.slots().neighbor(), got.slots().neighbor());
        assertArrayEquals(expected.slots().bond(), got.slots().bond());
        assertArrayEquals(expected.slots().count(), got.slots().count());
        assertArrayEquals(expected.slots().real(), got.slots().real());
        assertArrayEquals(expected.bondDistances(), got.bondDistances());
        assertArrayEquals(expected.bondFeatures(), got.bondFeatures(), 1e-5f);
    }

    @Test
    void graphCacheRoundTripsAndIsKeyedBySettings(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(SAMPLE));
        CrystalDataset d = CrystalDataset.open(SAMPLE, null);
        CrystalGraphBuilder builder = CrystalGraphBuilder.cgcnnDefaults();
        List<Structure> structures = structures(d);
        try (GraphCache cache =
                GraphCache.open(d, builder::build, builder.bondFeaturizer(), builder.toString(), dir, QUIET)) {
            assertEquals(10, cache.size());
            for (int i = 0; i < 10; i++) {
                CrystalGraph expected = builder.build(structures.get(i));
                CrystalGraph got = cache.graph(i);
                assertEquals(expected.id(), got.id());
                assertEquals(expected.numAtoms(), cache.numAtoms(i));
                assertArrayEquals(expected.atomicNumbers(), got.atomicNumbers());
                assertArrayEquals(expected.atomFeatures(), got.atomFeatures());
                assertArrayEquals(expected.neighborIndices(), got.neighborIndices());
                assertArrayEquals(expected.neighborDistances(), got.neighborDistances());
                assertArrayEquals(expected.neighborImages(), got.neighborImages());
                assertArrayEquals(expected.neighborCounts(), got.neighborCounts());
                assertArrayEquals(expected.bondFeatures(), got.bondFeatures(), 1e-5f);
                assertSameReduction(ReducedGraph.of(expected), cache.reduced(i));
            }
            long atoms = 0;
            for (int i = 0; i < 10; i++) atoms += cache.numAtoms(i);
            // far smaller than the dense float arrays (92 + 12·41 floats, 2,336 bytes per atom)
            assertTrue(
                    Files.size(cache.file()) < atoms * 400,
                    Files.size(cache.file()) + " bytes for " + atoms + " atoms");
        }
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.toList();
        }
        assertEquals(1, files.size());
        long modified = Files.getLastModifiedTime(files.get(0)).toMillis();
        GraphCache.open(
                        d,
                        s -> {
                            throw new AssertionError("rebuilt");
                        },
                        builder.bondFeaturizer(),
                        builder.toString(),
                        dir,
                        QUIET)
                .close();
        assertEquals(modified, Files.getLastModifiedTime(files.get(0)).toMillis());
        CrystalGraphBuilder other =
                CrystalGraphBuilder.builder().optMaxNeighbors(8).build();
        try (GraphCache c8 = GraphCache.open(d, other::build, other.bondFeaturizer(), other.toString(), dir, QUIET)) {
            assertEquals(8, c8.maxNeighbors());
        }
        try (var list = Files.list(dir)) {
            assertEquals(2, list.count());
        }
        assertNotEquals("", d.contentHash());
    }
}
