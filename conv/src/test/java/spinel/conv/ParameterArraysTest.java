package spinel.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class ParameterArraysTest {

    @Test
    void overwriteKeepsTheArrayObjectItsShapeAndItsGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.zeros(new Shape(2, 3));
            a.setRequiresGradient(true);
            NDArray same = a;
            ParameterArrays.overwrite(a, new float[] {1, 2, 3, 4, 5, 6});
            assertSame(same, a);
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.toFloatArray());
            assertTrue(a.getShape().equals(new Shape(2, 3)));
            assertTrue(a.hasGradient(), "a parameter stays trainable");
            // the array still takes part in arithmetic
            assertArrayEquals(new float[] {2, 4, 6, 8, 10, 12}, a.mul(2).toFloatArray());
        }
    }

    @Test
    void theValuesOutliveTheJavaArrayTheyCameFrom() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.zeros(new Shape(1000));
            float[] v = new float[1000];
            java.util.Arrays.fill(v, 0.5f);
            ParameterArrays.overwrite(a, v);
            // garbage and fresh allocations that would reuse a freed buffer's memory
            for (int i = 0; i < 50; i++) {
                java.nio.ByteBuffer.allocateDirect(4000).asFloatBuffer().put(new float[1000]);
                System.gc();
            }
            assertEquals(500.0f, a.sum().getFloat(), 1e-3f);
        }
    }

    @Test
    void wrongLengthIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.zeros(new Shape(4));
            assertThrows(IllegalArgumentException.class, () -> ParameterArrays.overwrite(a, new float[3]));
        }
    }
}
