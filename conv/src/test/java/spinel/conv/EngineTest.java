package spinel.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import org.junit.jupiter.api.Test;

/** The PyTorch engine loads from the Maven jars (no download) and its softplus is PyTorch's. */
class EngineTest {

    @Test
    void pyTorchEngineFromTheClasspath() {
        Engine engine = Engine.getInstance();
        assertEquals("PyTorch", engine.getEngineName());
        assertEquals("2.7.1", engine.getVersion());
    }

    @Test
    void softplusIsTorchsWithThresholdTwenty() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = {-30f, -1f, 0f, 3f, 19.5f, 20.5f, 40f};
            NDArray y = Activation.softPlus(m.create(x));
            float[] got = y.toFloatArray();
            for (int i = 0; i < x.length; i++) {
                double want = x[i] > 20 ? x[i] : Math.log1p(Math.exp(x[i]));
                assertEquals(want, got[i], 1e-6 * Math.max(1, Math.abs(want)), "softplus(" + x[i] + ")");
            }
            assertEquals(20.5f, got[5], 0f); // linear above the threshold, exactly
        }
    }
}
