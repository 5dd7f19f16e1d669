package spinel.train.tabnet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TabNet block's outputs and its ghost batch normalisation, on random inputs. */
class TabNetTest {

    @Test
    void ghostBatchNormNormalisesEachVirtualBatchOnItsOwn() {
        try (NDManager m = NDManager.newBaseManager()) {
            GhostBatchNorm norm = new GhostBatchNorm(3, 0.9f);
            norm.initialize(m, DataType.FLOAT32, new Shape(1, 1));
            // 5 rows → torch.chunk's 2 chunks of 3 and 2 rows, with different means
            NDArray x = m.create(new float[] {1, 2, 3, 100, 104}, new Shape(5, 1));
            float[] y = norm.forward(new ParameterStore(m, false), new NDList(x), true)
                    .head()
                    .toFloatArray();
            float s3 = (float) Math.sqrt(2.0 / 3 + 1e-5), s2 = (float) Math.sqrt(4 + 1e-5);
            assertArrayEquals(new float[] {-1 / s3, 0, 1 / s3, -2 / s2, 2 / s2}, y, 1e-4f);
            // inference: the running statistics, here still near their start (mean 0, variance 1)
            float[] z = norm.forward(new ParameterStore(m, false), new NDList(x), false)
                    .head()
                    .toFloatArray();
            assertTrue(z[4] > 50, "running statistics move slowly with momentum 0.9");
        }
    }

    @Test
    void ghostBatchNormKeepsAOneRowChunkFinite() {
        try (NDManager m = NDManager.newBaseManager()) {
            GhostBatchNorm norm = new GhostBatchNorm(2, 0.9f);
            norm.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            // 5 rows in chunks of at most 2 → 2, 2 and a last chunk of one row, which has no batch variance
            NDArray x = m.create(new float[] {1, 2, 3, 5, 4, 4, 7, 0, 9, 9}, new Shape(5, 2));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = norm.forward(new ParameterStore(m, false), new NDList(x), true)
                        .head();
                for (float v : y.toFloatArray()) assertTrue(Float.isFinite(v), "output " + v);
                gc.backward(y.square().sum());
            }
            for (float g : x.getGradient().toFloatArray()) assertTrue(Float.isFinite(g), "gradient " + g);
            // the running statistics stay finite (a one-row variance would be 0/0 unbiased)
            NDArray z = norm.forward(new ParameterStore(m, false), new NDList(x), false)
                    .head();
            for (float v : z.toFloatArray()) assertTrue(Float.isFinite(v), "inference output " + v);
        }
    }

    @Test
    void outputsPredictionSparsityAndAggregateMasks() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            TabNet net = new TabNet(6, 3, new TabNet.Settings(8, 3, 1.5, 1e-4, 4, 0.98));
            net.initialize(m, DataType.FLOAT32, new Shape(1, 6));
            NDArray x = m.randomNormal(new Shape(10, 6));
            NDList out = net.forward(new ParameterStore(m, false), new NDList(x), true);
            assertEquals(new Shape(10, 3), out.get(0).getShape());
            assertEquals(new Shape(), out.get(1).getShape());
            assertEquals(new Shape(10, 6), out.get(2).getShape());
            float entropy = out.get(1).getFloat();
            // the mean entropy of a mask over 6 columns lies between 0 (one column) and ln 6 (all alike)
            assertTrue(entropy >= 0 && entropy <= Math.log(6) + 1e-5, "entropy " + entropy);
            for (float e : out.get(2).toFloatArray()) assertTrue(e >= 0, "aggregate masks are non-negative");
        }
    }

    /**
     * Runs the garbage collector, lets the cleaner free unreachable direct buffers and refills freed
     * small blocks with 10³⁰ (as {@code spinel.conv.ScalarsTest} does).
     */
    private static void collectAndRefill() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20);
        }
        List<ByteBuffer> fill = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            fill.add(ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).putFloat(0, 1e30f));
        }
        if (fill.size() != 20_000) throw new AssertionError();
    }

    /** The parameter gradients of loss = Σ|y| + 10⁻⁴ · entropy, with or without a collection before the backward pass. */
    private static List<float[]> gradients(boolean collect) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            TabNet net = new TabNet(6, 1, new TabNet.Settings(8, 3, 1.5, 1e-4, 4, 0.98));
            net.initialize(m, DataType.FLOAT32, new Shape(1, 6));
            NDArray x = m.randomNormal(new Shape(10, 6));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = net.forward(new ParameterStore(m, false), new NDList(x), true);
                NDArray loss = out.get(0).abs().sum().add(spinel.conv.Scalars.mul(out.get(1), 1e-4));
                if (collect) collectAndRefill();
                gc.backward(loss);
            }
            List<float[]> grads = new ArrayList<>();
            for (var p : net.getParameters()) {
                Parameter q = p.getValue();
                if (q.requiresGradient()) grads.add(q.getArray().getGradient().toFloatArray());
            }
            return grads;
        }
    }

    /**
     * The cause of the NaN losses of issue 12 (phonons fold 2): constants multiplied in with DJL's
     * {@code mul(Number)} (the √0.5 of the residual GLU blocks) were read from freed memory by the backward
     * pass when the garbage collector ran in between; gradients came out 10³⁰ times too large or small.
     */
    @Test
    void gradientsDoNotDependOnGarbageCollection() throws InterruptedException {
        List<float[]> plain = gradients(false);
        for (int trial = 0; trial < 3; trial++) {
            List<float[]> collected = gradients(true);
            for (int i = 0; i < plain.size(); i++) assertArrayEquals(plain.get(i), collected.get(i), 1e-6f);
        }
    }
}
