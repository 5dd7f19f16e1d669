package spinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import spinel.train.TransferInit;

/** {@code spinel train --init ID}: a registered model of either kind gives CGCNN weights to start from. */
class InitSourceTest {

    @Test
    void aPackagedRunAndAConvertedCheckpointGiveTheSameParameters() throws Exception {
        TransferInit.Weights run = InitSource.resolve("spinel/formation-energy-per-atom"); // a packaged train run
        TransferInit.Weights npz = InitSource.resolve("spinel/volume-per-atom"); // a CGCNN .npz
        assertEquals("spinel/formation-energy-per-atom", run.source());
        assertEquals("e_form_per_atom", run.target());
        assertEquals(shapes(npz.stateDict()), shapes(run.stateDict()), "the same CGCNN parameters by name");
    }

    private static Map<String, Integer> shapes(Map<String, float[]> state) {
        Map<String, Integer> out = new TreeMap<>();
        state.forEach((k, v) -> out.put(k, v.length));
        return out;
    }
}
