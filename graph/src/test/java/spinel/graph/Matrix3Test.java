package spinel.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class Matrix3Test {

    @Test
    void vectorProducts() {
        double[] u = {1, 2, 3}, v = {-2, 0.5, 4};
        assertEquals(1 * -2 + 2 * 0.5 + 3 * 4, Matrix3.dot(u, v));
        assertEquals(Math.sqrt(14), Matrix3.norm(u));
        double[] w = Matrix3.cross(u, v);
        assertArrayEquals(new double[] {2 * 4 - 3 * 0.5, 3 * -2 - 1 * 4, 1 * 0.5 - 2 * -2}, w);
        assertEquals(0, Matrix3.dot(w, u), 1e-12);
        assertEquals(0, Matrix3.dot(w, v), 1e-12);
    }

    @Test
    void determinantIsTheSignedVolumeAndTheInverseUndoesTheMatrix() {
        double[][] hexagonal = {{3, 0, 0}, {-1.5, 1.5 * Math.sqrt(3), 0}, {0, 0, 5}};
        assertEquals(3 * 1.5 * Math.sqrt(3) * 5, Matrix3.det(hexagonal), 1e-12);
        double[][] swapped = {hexagonal[1], hexagonal[0], hexagonal[2]};
        assertEquals(-Matrix3.det(hexagonal), Matrix3.det(swapped), 1e-12);
        double[][] inv = Matrix3.inverse(hexagonal);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                double s = 0;
                for (int k = 0; k < 3; k++) s += hexagonal[i][k] * inv[k][j];
                assertEquals(i == j ? 1 : 0, s, 1e-12, "(A A⁻¹)[" + i + "][" + j + "]");
            }
        }
    }
}
