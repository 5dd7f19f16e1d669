package spinel.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Gradients through constants stay right when the JVM collects garbage between the forward and the
 * backward pass (the cause of the NaN losses of TabNet and the bond-angle layers: DJL's {@code
 * mul(Number)} let the backward read freed memory; see {@link Scalars}).
 */
class ScalarsTest {

    /**
     * Runs the garbage collector, lets the cleaner free unreachable direct buffers, and refills the
     * freed small blocks with 10³⁰: a constant whose memory was freed now reads as 10³⁰ or as whatever
     * else took its place.
     */
    static void collectAndRefill() throws InterruptedException {
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

    /** ∂ Σ op(x) / ∂x at x = (−2, −0.5, 0.5, 3), with a collection between forward and backward. */
    private static float[] gradient(UnaryOperator<NDArray> op) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-2f, -0.5f, 0.5f, 3f});
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = op.apply(x).sum();
                collectAndRefill();
                gc.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    @Test
    void constantsSurviveACollectionBetweenForwardAndBackward() throws InterruptedException {
        for (int trial = 0; trial < 3; trial++) {
            assertArrayEquals(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, gradient(x -> Scalars.mul(x, 0.5)), 0f);
            assertArrayEquals(new float[] {0.25f, 0.25f, 0.25f, 0.25f}, gradient(x -> Scalars.div(x, 4)), 0f);
            assertArrayEquals(new float[] {0f, 0f, 1f, 1f}, gradient(x -> Scalars.maximum(x, 0)), 0f);
        }
    }

    @Test
    void siluIsXTimesSigmoidWithItsDerivative() throws InterruptedException {
        float[] xs = {-2f, -0.5f, 0.5f, 3f};
        float[] expected = new float[4];
        for (int i = 0; i < 4; i++) {
            double s = 1 / (1 + Math.exp(-xs[i]));
            expected[i] = (float) (s * (1 + xs[i] * (1 - s)));
        }
        for (int trial = 0; trial < 3; trial++) assertArrayEquals(expected, gradient(Scalars::silu), 1e-6f);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] y = Scalars.silu(m.create(xs)).toFloatArray();
            for (int i = 0; i < 4; i++) assertEquals(xs[i] / (1 + Math.exp(-xs[i])), y[i], 1e-6);
        }
    }

    /** The edge-gated convolution's parameter gradients, with or without a collection before the backward pass. */
    private static List<float[]> edgeGatedGradients(boolean collect) throws InterruptedException {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(11);
            EdgeGatedConv conv = new EdgeGatedConv(4);
            Shape row = new Shape(1, 4);
            conv.initialize(m, DataType.FLOAT32, row, row);
            NDArray x = m.randomNormal(new Shape(3, 4)), y = m.randomNormal(new Shape(4, 4));
            NDArray source = m.create(new long[] {0, 1, 2, 0}), target = m.create(new long[] {1, 2, 0, 2});
            // P×Q: entry (target(e), e) = 1
            NDArray sum = m.create(new float[] {0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0, 1}, new Shape(3, 4));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray[] out = conv.forward(new ParameterStore(m, false), x, y, source, target, sum, null, true);
                NDArray loss = out[0].square().sum().add(out[1].abs().sum());
                if (collect) collectAndRefill();
                gc.backward(loss);
            }
            List<float[]> grads = new ArrayList<>();
            for (var p : conv.getParameters()) {
                Parameter q = p.getValue();
                if (q.requiresGradient()) grads.add(q.getArray().getGradient().toFloatArray());
            }
            return grads;
        }
    }

    @Test
    void edgeGatedConvGradientsDoNotDependOnGarbageCollection() throws InterruptedException {
        List<float[]> plain = edgeGatedGradients(false);
        for (int trial = 0; trial < 3; trial++) {
            List<float[]> collected = edgeGatedGradients(true);
            for (int i = 0; i < plain.size(); i++) assertArrayEquals(plain.get(i), collected.get(i), 1e-6f);
        }
    }
}
