package spinel.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam and SGD with momentum written over the parameter NDArrays, so that the optimiser state
 * (moments, momentum buffers, step count) can be saved in a checkpoint and restored exactly — DJL's
 * own optimisers keep their state private.
 *
 * <p>Adam (Kingma &amp; Ba, ICLR 2015, Algorithm 1): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * w ← w − η m̂ / (√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). SGD: b ← μb + g, w ← w − ηb
 * (PyTorch's convention). Weight decay λ is added to the gradient, g ← g + λw, as torch.optim does.
 */
public final class ParameterOptimizer {

    private static final double BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;

    private final TrainConfig.OptimizerKind kind;
    private final double momentum;
    private final double weightDecay;
    private final List<Parameter> params;
    private final List<NDArray> first = new ArrayList<>();
    private final List<NDArray> second = new ArrayList<>();
    private long steps;

    public ParameterOptimizer(TrainConfig config, List<Parameter> params, NDManager manager) {
        this.kind = config.optimizer();
        this.momentum = config.momentum();
        this.weightDecay = config.weightDecay();
        this.params = params;
        for (Parameter p : params) {
            NDArray w = p.getArray();
            first.add(manager.zeros(w.getShape(), w.getDataType()));
            if (kind == TrainConfig.OptimizerKind.ADAM) second.add(manager.zeros(w.getShape(), w.getDataType()));
        }
    }

    public long steps() {
        return steps;
    }

    /** Global L2 norm of all gradients. */
    public double gradientNorm() {
        double sq = 0;
        for (Parameter p : params) {
            NDArray g = p.getArray().getGradient();
            sq += g.square().sum().getFloat();
        }
        return Math.sqrt(sq);
    }

    /** One update with learning rate {@code lr}, gradients first scaled by {@code gradScale} (clipping). */
    public void step(double lr, double gradScale) {
        steps++;
        double bc1 = 1 - Math.pow(BETA1, steps), bc2 = 1 - Math.pow(BETA2, steps);
        for (int i = 0; i < params.size(); i++) {
            NDArray w = params.get(i).getArray();
            NDArray g = w.getGradient();
            if (gradScale != 1) g = g.mul(gradScale);
            if (weightDecay != 0) g = g.add(w.mul(weightDecay));
            NDArray m = first.get(i);
            if (kind == TrainConfig.OptimizerKind.ADAM) {
                NDArray v = second.get(i);
                m.muli(BETA1).addi(g.mul(1 - BETA1));
                v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                NDArray denom = v.div(bc2).sqrt().addi(EPS);
                w.subi(m.div(bc1).divi(denom).muli(lr));
            } else {
                m.muli(momentum).addi(g);
                w.subi(m.mul(lr));
            }
        }
    }

    public void save(DataOutputStream out) throws IOException {
        out.writeUTF(kind.name());
        out.writeLong(steps);
        out.writeInt(first.size() + second.size());
        for (NDArray a : first) writeArray(out, a);
        for (NDArray a : second) writeArray(out, a);
    }

    public void load(DataInputStream in) throws IOException {
        String k = in.readUTF();
        if (!k.equals(kind.name())) throw new IOException("checkpoint optimiser is " + k + ", this run uses " + kind);
        steps = in.readLong();
        int n = in.readInt();
        if (n != first.size() + second.size())
            throw new IOException(
                    "checkpoint has " + n + " optimiser arrays, expected " + (first.size() + second.size()));
        for (NDArray a : first) readArray(in, a);
        for (NDArray a : second) readArray(in, a);
    }

    private static void writeArray(DataOutputStream out, NDArray a) throws IOException {
        float[] v = a.toFloatArray();
        out.writeInt(v.length);
        for (float f : v) out.writeFloat(f);
    }

    private static void readArray(DataInputStream in, NDArray a) throws IOException {
        int n = in.readInt();
        if (n != a.size()) throw new IOException("optimiser array of " + n + " values, expected " + a.size());
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = in.readFloat();
        spinel.conv.ParameterArrays.overwrite(a, v);
    }
}
