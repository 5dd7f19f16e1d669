package spinel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.CrystalGraph;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;
import spinel.graph.io.ExtxyzFrame;
import spinel.graph.io.ExtxyzWriter;

/**
 * Fault injection on the graph cache: a truncated, bit-flipped or foreign cache file is detected,
 * named, and rebuilt with the same graphs; temporary files of a killed build are removed; a cache
 * folder that cannot be written is a message naming the option.
 */
class GraphCacheDamageTest {

    private static final CrystalGraphBuilder BUILDER = CrystalGraphBuilder.cgcnnDefaults();

    private static CrystalDataset dataset(Path dir) throws Exception {
        List<ExtxyzFrame> frames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            double a = 5.4 + 0.1 * i;
            Structure s = Structure.of(Lattice.cubic(a), List.of(Element.of("Na"), Element.of("Cl")), new double[][] {
                {0, 0, 0}, {0.5, 0.5, 0.5}
            });
            Map<String, String> info = new LinkedHashMap<>();
            info.put("energy", Double.toString(-1.0 * i));
            frames.add(new ExtxyzFrame(s, info));
        }
        Path f = dir.resolve("frames.extxyz");
        Files.writeString(f, new ExtxyzWriter().format(frames));
        return CrystalDataset.open(f, "energy");
    }

    private static GraphCache open(CrystalDataset d, Path cache, PrintStream log) throws IOException {
        return GraphCache.open(d, BUILDER::build, BUILDER.bondFeaturizer(), BUILDER.toString(), cache, log);
    }

    private static List<CrystalGraph> graphs(GraphCache c) {
        List<CrystalGraph> g = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) g.add(c.graph(i));
        return g;
    }

    @Test
    void aDamagedCacheIsDetectedNamedAndRebuilt(@TempDir Path dir) throws Exception {
        CrystalDataset d = dataset(dir);
        Path cacheDir = dir.resolve("cache");
        List<CrystalGraph> expected;
        Path file;
        try (GraphCache c = open(d, cacheDir, new PrintStream(OutputStreamSink.INSTANCE))) {
            expected = graphs(c);
            file = c.file();
        }
        byte[] good = Files.readAllBytes(file);
        Map<String, UnaryOperator<byte[]>> damages = new LinkedHashMap<>();
        damages.put("truncated to half", b -> java.util.Arrays.copyOf(b, b.length / 2));
        damages.put("last byte cut", b -> java.util.Arrays.copyOf(b, b.length - 1));
        damages.put("empty", b -> new byte[0]);
        damages.put("bit flipped in a graph", b -> flip(b, b.length / 3));
        damages.put("bit flipped in the header", b -> flip(b, 20));
        damages.put("bit flipped in the offsets", b -> flip(b, b.length - 20));
        damages.put("older format", b -> new String(b, StandardCharsets.ISO_8859_1)
                .replaceFirst("spinel-graphs-5", "spinel-graphs-4")
                .getBytes(StandardCharsets.ISO_8859_1));
        for (Map.Entry<String, UnaryOperator<byte[]>> e : damages.entrySet()) {
            Files.write(file, e.getValue().apply(good.clone()));
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            try (GraphCache c = open(d, cacheDir, new PrintStream(log, true, StandardCharsets.UTF_8))) {
                String said = log.toString(StandardCharsets.UTF_8);
                String why = e.getKey().equals("older format") ? " was written by an older Spinel" : " is damaged";
                assertTrue(said.contains(file + why) && said.contains("rebuilding"), e.getKey() + ": " + said);
                List<CrystalGraph> got = graphs(c);
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(
                            expected.get(i).neighborDistances(), got.get(i).neighborDistances(), e.getKey());
                }
            }
            assertArrayEquals(good, Files.readAllBytes(file), e.getKey() + ": rebuilt byte for byte");
        }
    }

    @Test
    void bondAnglesAreStoredWithTheirGraphs(@TempDir Path dir) throws Exception {
        CrystalDataset d = dataset(dir);
        RunConfig.GraphSettings settings =
                RunConfig.GraphSettings.cgcnnDefaults(null).withAngleNeighbors(6);
        java.util.function.Function<Structure, CrystalGraph> build = RunFeatures.graphFunction(settings);
        List<Structure> structures = new ArrayList<>();
        d.forEachChunk(256, (first, chunk) -> structures.addAll(chunk));
        try (GraphCache c =
                RunFeatures.graphCache(settings, d, dir.resolve("cache"), new PrintStream(OutputStreamSink.INSTANCE))) {
            assertTrue(c.file().getFileName().toString().startsWith(d.name()));
            for (int i = 0; i < c.size(); i++) {
                spinel.graph.BondAngles want = build.apply(structures.get(i)).bondAngles();
                org.junit.jupiter.api.Assertions.assertEquals(6 * 5 * 2, want.size());
                org.junit.jupiter.api.Assertions.assertEquals(want, c.graph(i).bondAngles(), "graph " + i);
            }
        }
        try (GraphCache plain = open(d, dir.resolve("cache"), new PrintStream(OutputStreamSink.INSTANCE))) {
            assertTrue(plain.graph(0).bondAngles() == null, "a cache without angles is another file");
        }
    }

    @Test
    void temporaryFilesOfAKilledBuildAreRemoved(@TempDir Path dir) throws Exception {
        CrystalDataset d = dataset(dir);
        Path cacheDir = Files.createDirectories(dir.resolve("cache"));
        // PIDs above the kernel's limit (4,194,304) belong to no process: a killed writer
        Path stale = Files.writeString(cacheDir.resolve(".x.graphs.999999999-123.tmp"), "half a cache");
        Path live = Files.writeString(
                cacheDir.resolve(".y.graphs." + ProcessHandle.current().pid() + "-456.tmp"), "being written");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        open(d, cacheDir, new PrintStream(log, true, StandardCharsets.UTF_8)).close();
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(live), "a live process's temporary file stays");
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("left by a build that was killed"));
    }

    @Test
    void aCachePathThatIsAFileNamesTheOption(@TempDir Path dir) throws Exception {
        CrystalDataset d = dataset(dir);
        Path notADir = Files.writeString(dir.resolve("cache"), "a file");
        IOException e =
                assertThrows(IOException.class, () -> open(d, notADir, new PrintStream(OutputStreamSink.INSTANCE)));
        assertTrue(e.getMessage().contains("--cache") && e.getMessage().contains(notADir.toString()), e.getMessage());
    }

    private static byte[] flip(byte[] b, int at) {
        b[at] ^= 0x10;
        return b;
    }

    private static final class OutputStreamSink {
        static final java.io.OutputStream INSTANCE = java.io.OutputStream.nullOutputStream();
    }
}
