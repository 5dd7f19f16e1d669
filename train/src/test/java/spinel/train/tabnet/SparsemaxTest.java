package spinel.train.tabnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * {@link Sparsemax} against PyTorch (scripts/gen_sparsemax_reference.py: sort, cumsum, threshold in
 * float64, differentiated by torch autograd, itself checked against the paper's closed-form Jacobian):
 * outputs and the vector-Jacobian products ∂(Σ w·p)/∂z agree to 1e-5 on rows of widths 7 and 64 —
 * dense and one-hot outputs, ties, a constant row.
 */
class SparsemaxTest {

    static final double TOLERANCE = 1e-5;

    static JsonNode reference() throws Exception {
        try (InputStream in = SparsemaxTest.class.getResourceAsStream("sparsemax_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static float[] flat(JsonNode rows) {
        int n = rows.size(), w = rows.get(0).size();
        float[] out = new float[n * w];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < w; j++)
                out[i * w + j] = (float) rows.get(i).get(j).asDouble();
        return out;
    }

    @Test
    void forwardAndGradientMatchTorch() throws Exception {
        JsonNode cases = reference().get("cases");
        assertEquals(2, cases.size());
        for (JsonNode c : cases) {
            int rows = c.get("z").size(), width = c.get("width").asInt();
            Shape shape = new Shape(rows, width);
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray z = m.create(flat(c.get("z")), shape);
                NDArray w = m.create(flat(c.get("w")), shape);
                z.setRequiresGradient(true);
                float[] p, grad;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray out = Sparsemax.of(z);
                    p = out.toFloatArray();
                    gc.backward(out.mul(w).sum());
                }
                grad = z.getGradient().toFloatArray();
                float[] wantP = flat(c.get("p")), wantGrad = flat(c.get("grad"));
                for (int i = 0; i < p.length; i++) {
                    assertEquals(wantP[i], p[i], TOLERANCE, "p, width " + width + ", entry " + i);
                    assertEquals(wantGrad[i], grad[i], TOLERANCE, "gradient, width " + width + ", entry " + i);
                }
                float[] sums = Sparsemax.of(z).sum(new int[] {1}).toFloatArray();
                for (float s : sums) assertEquals(1, s, TOLERANCE, "rows sum to 1");
            }
        }
    }
}
