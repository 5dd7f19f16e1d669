package spinel.graph.io;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.StructureFormatException;

/**
 * Truncated and randomly damaged copies of valid files: every reader either reads them or throws a
 * {@link StructureFormatException}, never anything else, and never hangs.
 */
class FuzzTest {

    private static final int ROUNDS = 400;
    private static final byte[] JUNK =
            "0123456789.-+eE \n\t\"'=:[]{},TFabcNaClxyz#_\\/\0\u00e9".getBytes(StandardCharsets.UTF_8);

    @FunctionalInterface
    interface Parse {
        void run(byte[] data) throws Exception;
    }

    @TempDir
    Path tmp;

    @Test
    void poscar() throws Exception {
        fuzz(PoscarReaderTest.resource("POSCAR_BaTiO3"), 1, d -> new PoscarReader().parse(text(d), "POSCAR"));
        fuzz(
                "s\n-30.0\n2 0 0\n0 2 0\n0 0 3\nGa As\n2 1\nSelective dynamics\nCartesian\n1 1 1 T T T\n0 0 0 F F F\n0.5 0.5 0.5 T F T\n",
                2,
                d -> new PoscarReader().parse(text(d), "POSCAR"));
    }

    @Test
    void extxyz() throws Exception {
        fuzz(PoscarReaderTest.resource("ase_frames.extxyz"), 3, d -> new ExtxyzReader().parse(text(d), "f.xyz"));
    }

    @Test
    void pymatgenJson() throws Exception {
        fuzz(PoscarReaderTest.resource("pymatgen_disordered.json"), 4, d -> new PymatgenJson()
                .parse(text(d), "f.json"));
    }

    @Test
    void matbench() throws Exception {
        String s1 = MatbenchReaderTest.S1;
        String ok = "{\"index\": [\"a\", \"b\"], \"columns\": [\"structure\", \"y\"], \"data\": [[" + s1 + ", 1.5], ["
                + s1 + ", 2]]}";
        fuzz(ok, 5, d -> new MatbenchReader().parse(text(d), "m.json"));
        String late = "{\"data\": [[" + s1 + ", 1.5]], \"columns\": [\"structure\", \"y\"], \"index\": [\"a\"]}";
        fuzz(late, 6, d -> new MatbenchReader().parse(text(d), "m.json"));
    }

    @Test
    void gzipFilesThroughTheFacade() throws Exception {
        String s1 = MatbenchReaderTest.S1;
        String ok = "{\"index\": [\"a\"], \"columns\": [\"structure\", \"y\"], \"data\": [[" + s1 + ", 1.5]]}";
        byte[] gz = gzip(ok.getBytes(StandardCharsets.UTF_8));
        Path f = tmp.resolve("m.json.gz");
        fuzzBytes(gz, 7, d -> {
            Files.write(f, d);
            Structures.read(f);
        });
        byte[] poscar = gzip(PoscarReaderTest.resource("POSCAR_BaTiO3").getBytes(StandardCharsets.UTF_8));
        Path g = tmp.resolve("POSCAR.gz");
        fuzzBytes(poscar, 8, d -> {
            Files.write(g, d);
            Structures.read(g);
        });
    }

    @Test
    void cgcnnIdProp() throws Exception {
        Path csv = tmp.resolve(CgcnnFolderReader.ID_PROP);
        fuzz("mp-1,1.5,0.2\nmp-2,-0.25,3e-2\nmp-3,nan,7\n", 9, d -> {
            Files.write(csv, d);
            new CgcnnFolderReader(tmp).entries();
        });
    }

    private static String text(byte[] d) {
        return new String(d, StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    private static void fuzz(String valid, long seed, Parse parse) throws Exception {
        fuzzBytes(valid.getBytes(StandardCharsets.UTF_8), seed, parse);
    }

    private static void fuzzBytes(byte[] valid, long seed, Parse parse) {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            parse.run(valid); // the unmodified input must read
            Random rnd = new Random(seed);
            for (int round = 0; round < ROUNDS; round++) {
                byte[] d = mutate(valid, rnd);
                long t0 = System.nanoTime();
                try {
                    parse.run(d);
                } catch (StructureFormatException e) {
                    if (e.getMessage() == null || e.getMessage().isBlank()) fail("empty message for input " + show(d));
                } catch (Throwable t) {
                    throw new AssertionError("round " + round + ": " + t + " for input:\n" + show(d), t);
                }
                if (System.nanoTime() - t0 > 2_000_000_000L)
                    fail("round " + round + " took over 2 s for input:\n" + show(d));
            }
        });
    }

    private static byte[] mutate(byte[] v, Random rnd) {
        int n = v.length;
        switch (rnd.nextInt(5)) {
            case 0: { // truncate
                return java.util.Arrays.copyOf(v, rnd.nextInt(n));
            }
            case 1: { // overwrite a few bytes with junk
                byte[] d = v.clone();
                int k = 1 + rnd.nextInt(4);
                for (int i = 0; i < k; i++) d[rnd.nextInt(n)] = JUNK[rnd.nextInt(JUNK.length)];
                return d;
            }
            case 2: { // delete a range
                int a = rnd.nextInt(n), b = Math.min(n, a + 1 + rnd.nextInt(20));
                byte[] d = new byte[n - (b - a)];
                System.arraycopy(v, 0, d, 0, a);
                System.arraycopy(v, b, d, a, n - b);
                return d;
            }
            case 3: { // duplicate a range
                int a = rnd.nextInt(n), b = Math.min(n, a + 1 + rnd.nextInt(40));
                byte[] d = new byte[n + (b - a)];
                System.arraycopy(v, 0, d, 0, b);
                System.arraycopy(v, a, d, b, b - a);
                System.arraycopy(v, b, d, 2 * b - a, n - b);
                return d;
            }
            default: { // random bytes
                byte[] d = new byte[rnd.nextInt(200)];
                rnd.nextBytes(d);
                return d;
            }
        }
    }

    private static String show(byte[] d) {
        String s = new String(d, StandardCharsets.UTF_8);
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
