package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import spinel.train.TransferInit;

/** {@code spinel train --init ID}: a registered model of either kind gives CGCNN weights to start from. */
class InitSourceTest {

    @Test
    void aPackagedRunGivesTheParametersOfThePublishedCheckpoint() throws Exception {
        TransferInit.Weights run = InitSource.resolve("spinel/formation-energy-per-atom"); // a packaged train run
        assertEquals("spinel/formation-energy-per-atom", run.source());
        assertEquals("e_form_per_atom", run.target());
        Path published = Path.of(System.getProperty("spinel.shared", "../shared"))
                .resolve("anchors/cgcnn/pre-trained/formation-energy-per-atom.pth.tar");
        assumeTrue(Files.isRegularFile(published), "needs ../shared (the published CGCNN checkpoints)");
        TransferInit.Weights torch = InitSource.resolve(published.toString()); // the reference's own file
        // what --init copies, the embedding and the convolutions, has the reference's names and sizes (the
        // published model has 4 convolutions and a 32-wide head, ours 3 and 128)
        Map<String, Integer> ours = shapes(run.stateDict());
        Map<String, Integer> theirs = shapes(torch.stateDict());
        ours.keySet().removeIf(k -> !k.startsWith("embedding.") && !k.startsWith("convs."));
        assertEquals(2 + 3 * 10, ours.size(), ours.keySet().toString());
        ours.forEach((k, n) -> assertEquals(theirs.get(k), n, k));
    }

    private static Map<String, Integer> shapes(Map<String, float[]> state) {
        Map<String, Integer> out = new TreeMap<>();
        state.forEach((k, v) -> out.put(k, v.length));
        return out;
    }
}
