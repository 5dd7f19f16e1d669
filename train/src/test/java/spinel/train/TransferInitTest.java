package spinel.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import spinel.conv.CrystalGraphConvNet;

/** Which parameters {@link TransferInit} copies, re-initialises and freezes. */
class TransferInitTest {

    private static CrystalGraphConvNet net(NDManager m, int atomInputs, int seed) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(seed);
        CrystalGraphConvNet n = CrystalGraphConvNet.builder()
                .optAtomInputLength(atomInputs)
                .optAtomFeatureLength(8)
                .optHiddenLength(8)
                .optNumConv(2)
                .build();
        n.initializeParameters(m);
        return n;
    }

    @Test
    void sameTargetCopiesEverythingOtherTargetKeepsAFreshHeadAndFreezeStopsTheBody() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, float[]> source = net(m, 92, 1).stateDict();
            TransferInit.Weights w = new TransferInit.Weights("src", "band_gap", source);
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

            CrystalGraphConvNet same = net(m, 92, 2);
            List<String> copied = TransferInit.apply(same, w, "Band_Gap", false, quiet);
            assertTrue(copied.size() == source.size(), copied.toString());
            for (var e : same.stateDict().entrySet())
                assertArrayEquals(source.get(e.getKey()), e.getValue(), e.getKey());

            CrystalGraphConvNet other = net(m, 92, 3);
            float[] freshHead = other.stateDict().get("fc_out.weight");
            TransferInit.apply(other, w, "e_form", true, quiet);
            assertArrayEquals(freshHead, other.stateDict().get("fc_out.weight"));
            assertArrayEquals(source.get("conv_to_fc.weight"), other.stateDict().get("conv_to_fc.weight"));
            var p = other.torchParameters();
            assertFalse(p.get("embedding.weight").requiresGradient());
            assertFalse(p.get("convs.1.fc_full.weight").requiresGradient());
            assertTrue(p.get("conv_to_fc.weight").requiresGradient());
            assertTrue(p.get("fc_out.weight").requiresGradient());
        }
    }

    @Test
    void aWiderAtomInputKeepsItsOwnEmbeddingAndSaysSo() {
        try (NDManager m = NDManager.newBaseManager()) {
            TransferInit.Weights w =
                    new TransferInit.Weights("src", null, net(m, 92, 1).stateDict());
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            CrystalGraphConvNet wide = net(m, 118, 4);
            float[] own = wide.stateDict().get("embedding.weight");
            List<String> copied =
                    TransferInit.apply(wide, w, null, false, new PrintStream(log, true, StandardCharsets.UTF_8));
            assertFalse(copied.contains("embedding.weight"));
            assertTrue(copied.contains("convs.0.fc_full.weight"));
            assertArrayEquals(own, wide.stateDict().get("embedding.weight"));
            assertTrue(log.toString(StandardCharsets.UTF_8).contains("fresh: embedding.weight"), log.toString());
            assertTrue(Arrays.asList("fc_out.weight", "fc_out.bias").stream().noneMatch(copied::contains));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> TransferInit.apply(
                            wide, new TransferInit.Weights("empty", null, Map.of()), null, false, System.err));
        }
    }
}
