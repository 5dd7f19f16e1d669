package spinel.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Boattini et al. pipeline on a small instance (the full-size run is bench/descriptors.sh). */
class LocalStructureDemoTest {

    @Test
    void separatesFccBccHcpAndLiquid(@TempDir Path dir) throws Exception {
        LocalStructureClassifier c = LocalStructureClassifier.builder()
                .optEpochs(40)
                .optMaxClusters(6)
                .optRestarts(2)
                .build();
        LocalStructureDemo.Outcome o = LocalStructureDemo.run(0.03, 120, c, 5);
        assertEquals(4, LocalStructureDemo.PHASES.size());
        assertTrue(
                o.purity() >= 0.95,
                "purity " + o.purity() + " with " + o.result().clusters() + " clusters");
        assertTrue(
                o.result().clusters() >= 4 && o.result().clusters() <= 6,
                "clusters " + o.result().clusters());
        Path png = dir.resolve("latent.png");
        LocalStructureDemo.plot(o, png, "test");
        byte[] head = Files.readAllBytes(png);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
    }
}
