package spinel.zoo.torch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TorchCheckpointTest {

    static final Path SHARED = Path.of(System.getProperty("spinel.shared", "../shared"));
    static final Path CGCNN = SHARED.resolve("anchors/cgcnn");
    static final List<String> MODELS = List.of(
            "band-gap",
            "bulk-moduli",
            "efermi",
            "final-energy-per-atom",
            "formation-energy-per-atom",
            "poisson-ratio",
            "semi-metal-classification",
            "shear-moduli");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path resource(String name) throws URISyntaxException {
        return Path.of(TorchCheckpointTest.class
                .getResource("/spinel/zoo/torch/" + name)
                .toURI());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "band-gap",
                "bulk-moduli",
                "efermi",
                "final-energy-per-atom",
                "formation-energy-per-atom",
                "poisson-ratio",
                "semi-metal-classification",
                "shear-moduli"
            })
    void publishedCgcnnCheckpointsMatchTheReferenceStateDicts(String name) throws IOException {
        Path pth = CGCNN.resolve("pre-trained/" + name + ".pth.tar");
        Assumptions.assumeTrue(Files.isRegularFile(pth), "no " + pth);
        TorchCheckpoint ckpt = TorchCheckpoint.read(pth);
        assertEquals(TorchCheckpoint.Format.LEGACY, ckpt.format());

        try (NDManager manager = NDManager.newBaseManager()) {
            NDList ref = NDList.decode(manager, Files.readAllBytes(CGCNN.resolve("reference/" + name + ".npz")));
            assertEquals(ref.size(), ckpt.stateDict().size(), "number of tensors");
            for (NDArray r : ref) {
                TorchTensor t = ckpt.tensor(r.getName());
                assertEquals(ScalarType.FLOAT32, t.dtype());
                assertArrayEquals(
                        Arrays.stream(r.getShape().getShape())
                                .mapToInt(Math::toIntExact)
                                .toArray(),
                        t.shape(),
                        r.getName());
                // bit-for-bit: the importer must not round anything
                assertArrayEquals(r.toFloatArray(), t.toFloatArray(), r.getName());
            }
        }

        JsonNode ref =
                JSON.readTree(CGCNN.resolve("reference/" + name + ".json").toFile());
        assertEquals(
                ref.at("/normalizer/mean").asDouble(),
                ckpt.normalizer().orElseThrow().mean(),
                0.0);
        assertEquals(
                ref.at("/normalizer/std").asDouble(),
                ckpt.normalizer().orElseThrow().std(),
                0.0);
        assertEquals(ref.get("epoch").asInt(), ckpt.epoch().orElseThrow());
        assertEquals(ref.get("best_mae_error").asDouble(), ckpt.bestError().orElseThrow(), 0.0);
        Map<String, Object> args = ckpt.args();
        for (String key : List.of("atom_fea_len", "n_conv", "h_fea_len", "n_h")) {
            assertEquals(ref.at("/args/" + key).asInt(), ckpt.intArg(key, -1), key);
        }
        assertEquals(ref.at("/args/task").asText(), args.get("task"));
        assertEquals(ref.at("/args/data_options/2").asText(), ((List<?>) args.get("data_options")).get(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-zip.pth", "tiny-legacy.pth"})
    void tinyCheckpointsWrittenByTorchReadBack(String file) throws Exception {
        TorchCheckpoint ckpt = TorchCheckpoint.read(resource(file));
        assertEquals(file.contains("zip") ? TorchCheckpoint.Format.ZIP : TorchCheckpoint.Format.LEGACY, ckpt.format());
        JsonNode expected = JSON.readTree(resource("tiny.json").toFile());
        var names = expected.get("tensors").fieldNames();
        int count = 0;
        while (names.hasNext()) {
            String name = names.next();
            JsonNode e = expected.get("tensors").get(name);
            TorchTensor t = ckpt.tensor(name);
            assertEquals(e.get("dtype").asText(), t.dtype().dtypeName(), name);
            int[] shape = new int[e.get("shape").size()];
            for (int i = 0; i < shape.length; i++)
                shape[i] = e.get("shape").get(i).asInt();
            assertArrayEquals(shape, t.shape(), name);
            double[] values = new double[e.get("values").size()];
            for (int i = 0; i < values.length; i++)
                values[i] = e.get("values").get(i).asDouble();
            if (t.dtype() == ScalarType.INT64) {
                assertArrayEquals(Arrays.stream(values).mapToLong(v -> (long) v).toArray(), t.toLongArray(), name);
            } else {
                assertArrayEquals(values, t.toDoubleArray(), 0.0, name);
            }
            count++;
        }
        assertEquals(count, ckpt.stateDict().size());
        assertEquals(-1.5, ckpt.normalizer().orElseThrow().mean());
        assertEquals(2.0, ckpt.normalizer().orElseThrow().std());
        assertEquals(12, ckpt.epoch().orElseThrow());
        assertEquals(0.125, ckpt.bestError().orElseThrow());
        assertEquals("regression", ckpt.stringArg("task", null));
        assertEquals(8, ckpt.intArg("atom_fea_len", -1));
        assertEquals(List.of("a", "b"), ckpt.args().get("data_options"));
        assertEquals(100, ((Number) ((List<?>) ckpt.args().get("lr_milestones")).get(0)).intValue());
        assertTrue(ckpt.get("tags").orElseThrow() instanceof java.util.Set<?> s && s.size() == 2);
    }

    /** The classic pickle exploit: GLOBAL os.system, a tuple with a shell command, REDUCE. */
    static byte[] osSystemPickle() {
        return "cos\nsystem\n(S'touch /tmp/spinel-pwned'\ntR.".getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void refusesAPickleThatCallsOsSystem() {
        var u = new RestrictedUnpickler("evil.pkl", new java.util.HashMap<>());
        UnsafePickleException e =
                assertThrows(UnsafePickleException.class, () -> u.load(new ByteArrayInputStream(osSystemPickle())));
        assertEquals("os.system", e.global());
        assertTrue(e.getMessage().contains("evil.pkl") && e.getMessage().contains("os.system"), e.getMessage());
    }

    @Test
    void refusesStackGlobalAndBuiltinsEval() {
        // protocol 4: SHORT_BINUNICODE 'builtins', SHORT_BINUNICODE 'eval', STACK_GLOBAL, ...
        byte[] p = {
            (byte) 0x80,
            4,
            (byte) 0x8c,
            8,
            'b',
            'u',
            'i',
            'l',
            't',
            'i',
            'n',
            's',
            (byte) 0x8c,
            4,
            'e',
            'v',
            'a',
            'l',
            (byte) 0x93,
            (byte) 0x8c,
            1,
            '1',
            (byte) 0x85,
            'R',
            '.'
        };
        var u = new RestrictedUnpickler("evil.pkl", new java.util.HashMap<>());
        UnsafePickleException e = assertThrows(UnsafePickleException.class, () -> u.load(new ByteArrayInputStream(p)));
        assertEquals("builtins.eval", e.global());
    }

    @Test
    void refusesInstOpcode() {
        byte[] p = "(S'ls'\nios\nsystem\n.".getBytes(StandardCharsets.ISO_8859_1);
        var u = new RestrictedUnpickler("evil.pkl", new java.util.HashMap<>());
        assertThrows(UnsafePickleException.class, () -> u.load(new ByteArrayInputStream(p)));
    }

    @Test
    void refusesAMaliciousMainPickleInsideALegacyCheckpoint(@TempDir Path dir) throws IOException {
        // a well-formed legacy header (magic, protocol, sys info) followed by the exploit
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {
            (byte) 0x80,
            2,
            (byte) 0x8a,
            10,
            0x6c,
            (byte) 0xfc,
            (byte) 0x9c,
            0x46,
            (byte) 0xf9,
            0x20,
            0x6a,
            (byte) 0xa8,
            0x50,
            0x19,
            '.'
        });
        out.writeBytes(new byte[] {(byte) 0x80, 2, 'M', (byte) 0xe9, 0x03, '.'});
        out.writeBytes(new byte[] {(byte) 0x80, 2, '}', '.'});
        out.writeBytes(osSystemPickle());
        Path f = dir.resolve("evil.pth.tar");
        Files.write(f, out.toByteArray());
        UnsafePickleException e = assertThrows(UnsafePickleException.class, () -> TorchCheckpoint.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertFalse(Files.exists(Path.of("/tmp/spinel-pwned")));
    }

    @Test
    void truncatedCheckpointFailsClearly(@TempDir Path dir) throws IOException {
        Path pth = CGCNN.resolve("pre-trained/band-gap.pth.tar");
        Assumptions.assumeTrue(Files.isRegularFile(pth));
        byte[] all = Files.readAllBytes(pth);
        Path f = dir.resolve("cut.pth.tar");
        Files.write(f, Arrays.copyOf(all, all.length - 1000));
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> TorchCheckpoint.read(f));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void notACheckpoint(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.pth");
        Files.writeString(f, "data_x\n_cell_length_a 3.0\n");
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> TorchCheckpoint.read(f));
        assertTrue(e.getMessage().contains("not a PyTorch checkpoint"), e.getMessage());
    }
}
