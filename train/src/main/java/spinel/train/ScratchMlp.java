package spinel.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A multilayer perceptron written directly from the equations, on Commons Math matrices: the
 * teaching baseline and a cross-check of {@link TabularMlp}.
 *
 * <p>Rows are samples. Forward pass, for layers l = 1..L with A_0 = X:
 * <pre>
 *   Z_l = A_{l-1} W_l + b_l        A_l = σ(Z_l)   (l &lt; L)      A_L = Z_L (MSE) or softmax(Z_L)
 * </pre>
 * Loss: mean squared error over all n×K outputs, or mean cross-entropy −(1/n) Σ log softmax(Z_L)[y].
 * Back-propagation: δ_L = ∂L/∂Z_L (= 2(A_L − Y)/(nK) for MSE, (softmax(Z_L) − Y)/n for
 * softmax + cross-entropy), then δ_l = δ_{l+1} W_{l+1}ᵀ ⊙ σ'(Z_l); ∂L/∂W_l = A_{l-1}ᵀ δ_l and
 * ∂L/∂b_l = Σ_rows δ_l. Updates are plain gradient descent, W ← W − η ∂L/∂W.
 */
public final class ScratchMlp {

    /** Hidden-layer activation σ and its derivative σ'. */
    public enum Activation {
        SIGMOID,
        RELU,
        TANH;

        double apply(double z) {
            return switch (this) {
                case SIGMOID -> 1 / (1 + Math.exp(-z));
                case RELU -> z > 0 ? z : 0;
                case TANH -> Math.tanh(z);
            };
        }

        double derivative(double z) {
            return switch (this) {
                case SIGMOID -> {
                    double s = 1 / (1 + Math.exp(-z));
                    yield s * (1 - s);
                }
                case RELU -> z > 0 ? 1 : 0;
                case TANH -> {
                    double t = Math.tanh(z);
                    yield 1 - t * t;
                }
            };
        }
    }

    /** Output layer and loss. */
    public enum Loss {
        MSE,
        SOFTMAX_CROSS_ENTROPY
    }

    /** ∂L/∂W_l and ∂L/∂b_l for each layer (index 0 is layer 1). */
    public record Gradients(List<RealMatrix> weights, List<double[]> biases) {}

    private final Activation activation;
    private final Loss loss;
    private final List<RealMatrix> weights = new ArrayList<>();
    private final List<double[]> biases = new ArrayList<>();

    /**
     * @param sizes      layer widths, input first and output last (at least two)
     * @param activation hidden-layer activation
     * @param loss       output and loss
     * @param seed       seed of the Glorot-uniform weight initialisation (biases start at 0)
     */
    public ScratchMlp(int[] sizes, Activation activation, Loss loss, long seed) {
        if (sizes.length < 2) throw new IllegalArgumentException("an MLP needs an input and an output size");
        this.activation = activation;
        this.loss = loss;
        Random rng = new Random(seed);
        for (int l = 1; l < sizes.length; l++) {
            int in = sizes[l - 1], out = sizes[l];
            double limit = Math.sqrt(6.0 / (in + out));
            double[][] w = new double[in][out];
            for (double[] row : w) for (int j = 0; j < out; j++) row[j] = (2 * rng.nextDouble() - 1) * limit;
            weights.add(new Array2DRowRealMatrix(w, false));
            biases.add(new double[out]);
        }
    }

    public int numLayers() {
        return weights.size();
    }

    /** W_l of layer {@code l} (1-based), in×out. Live: changes are seen by the network. */
    public RealMatrix weights(int l) {
        return weights.get(l - 1);
    }

    /** b_l of layer {@code l} (1-based). Live. */
    public double[] bias(int l) {
        return biases.get(l - 1);
    }

    /** The network's output for the rows of {@code x}: A_L (regression values or class probabilities). */
    public RealMatrix predict(RealMatrix x) {
        List<RealMatrix> z = new ArrayList<>();
        List<RealMatrix> a = new ArrayList<>();
        forward(x, z, a);
        return a.get(a.size() - 1);
    }

    /** The loss of the network on inputs {@code x} and targets {@code y} (one-hot rows for classification). */
    public double loss(RealMatrix x, RealMatrix y) {
        RealMatrix out = predict(x);
        int n = out.getRowDimension(), k = out.getColumnDimension();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                if (loss == Loss.MSE) {
                    double e = out.getEntry(i, j) - y.getEntry(i, j);
                    sum += e * e / k;
                } else if (y.getEntry(i, j) != 0) {
                    sum -= y.getEntry(i, j) * Math.log(Math.max(out.getEntry(i, j), 1e-300));
                }
            }
        }
        return sum / n;
    }

    /** Back-propagation: the gradient of {@link #loss} with respect to every weight and bias. */
    public Gradients gradients(RealMatrix x, RealMatrix y) {
        List<RealMatrix> z = new ArrayList<>();
        List<RealMatrix> a = new ArrayList<>();
        forward(x, z, a);
        int layers = weights.size();
        RealMatrix out = a.get(layers);
        int n = out.getRowDimension(), k = out.getColumnDimension();
        double scale = loss == Loss.MSE ? 2.0 / (n * k) : 1.0 / n;
        RealMatrix delta = out.subtract(y).scalarMultiply(scale);
        RealMatrix[] dW = new RealMatrix[layers];
        double[][] db = new double[layers][];
        for (int l = layers - 1; l >= 0; l--) {
            dW[l] = a.get(l).transpose().multiply(delta);
            db[l] = columnSums(delta);
            if (l > 0) {
                RealMatrix back = delta.multiply(weights.get(l).transpose());
                RealMatrix zl = z.get(l - 1);
                for (int i = 0; i < back.getRowDimension(); i++) {
                    for (int j = 0; j < back.getColumnDimension(); j++) {
                        back.multiplyEntry(i, j, activation.derivative(zl.getEntry(i, j)));
                    }
                }
                delta = back;
            }
        }
        return new Gradients(List.of(dW), List.of(db));
    }

    /**
     * The gradient check: the largest disagreement between back-propagation ({@link #gradients}) and
     * central finite differences of {@link #loss} with step {@code h}, over every weight and bias, as
     * |numeric − analytic| / max(|numeric|, |analytic|, 1e-4) (the floor keeps rounding noise in
     * near-zero gradients from counting). Below 1e-5 the back-propagation is right.
     */
    public double gradientCheck(RealMatrix x, RealMatrix y, double h) {
        Gradients g = gradients(x, y);
        double worst = 0;
        for (int l = 0; l < weights.size(); l++) {
            RealMatrix w = weights.get(l);
            for (int i = 0; i < w.getRowDimension(); i++) {
                for (int j = 0; j < w.getColumnDimension(); j++) {
                    int r = i, c = j;
                    double numeric = centralDifference(() -> w.getEntry(r, c), v -> w.setEntry(r, c, v), x, y, h);
                    worst = Math.max(
                            worst, relativeError(numeric, g.weights().get(l).getEntry(i, j)));
                }
            }
            double[] b = biases.get(l);
            for (int j = 0; j < b.length; j++) {
                int c = j;
                double numeric = centralDifference(() -> b[c], v -> b[c] = v, x, y, h);
                worst = Math.max(worst, relativeError(numeric, g.biases().get(l)[j]));
            }
        }
        return worst;
    }

    private double centralDifference(
            java.util.function.DoubleSupplier get,
            java.util.function.DoubleConsumer set,
            RealMatrix x,
            RealMatrix y,
            double h) {
        double v = get.getAsDouble();
        set.accept(v + h);
        double up = loss(x, y);
        set.accept(v - h);
        double down = loss(x, y);
        set.accept(v);
        return (up - down) / (2 * h);
    }

    private static double relativeError(double numeric, double analytic) {
        return Math.abs(numeric - analytic) / Math.max(1e-4, Math.max(Math.abs(numeric), Math.abs(analytic)));
    }

    /** One plain gradient-descent step with learning rate {@code lr}. */
    public void step(Gradients g, double lr) {
        for (int l = 0; l < weights.size(); l++) {
            weights.set(l, weights.get(l).subtract(g.weights().get(l).scalarMultiply(lr)));
            double[] b = biases.get(l);
            double[] d = g.biases().get(l);
            for (int j = 0; j < b.length; j++) b[j] -= lr * d[j];
        }
    }

    /**
     * Mini-batch gradient descent for {@code epochs} passes over the rows in a seeded random order.
     *
     * @return the full-data loss after each epoch
     */
    public double[] fit(RealMatrix x, RealMatrix y, int epochs, double lr, int batchSize, long seed) {
        Random rng = new Random(seed);
        int n = x.getRowDimension();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        double[] history = new double[epochs];
        int[] allX = range(x.getColumnDimension());
        int[] allY = range(y.getColumnDimension());
        for (int e = 0; e < epochs; e++) {
            Split.shuffle(order, rng);
            for (int start = 0; start < n; start += batchSize) {
                int[] rows = java.util.Arrays.copyOfRange(order, start, Math.min(n, start + batchSize));
                step(gradients(x.getSubMatrix(rows, allX), y.getSubMatrix(rows, allY)), lr);
            }
            history[e] = loss(x, y);
        }
        return history;
    }

    /** Rows of {@code labels} as one-hot targets over {@code numClasses} classes. */
    public static RealMatrix oneHot(int[] labels, int numClasses) {
        RealMatrix m = new Array2DRowRealMatrix(labels.length, numClasses);
        for (int i = 0; i < labels.length; i++) m.setEntry(i, labels[i], 1);
        return m;
    }

    private void forward(RealMatrix x, List<RealMatrix> z, List<RealMatrix> a) {
        a.add(x);
        RealMatrix current = x;
        for (int l = 0; l < weights.size(); l++) {
            RealMatrix zl = current.multiply(weights.get(l));
            double[] b = biases.get(l);
            for (int i = 0; i < zl.getRowDimension(); i++) {
                for (int j = 0; j < b.length; j++) zl.addToEntry(i, j, b[j]);
            }
            z.add(zl);
            boolean last = l == weights.size() - 1;
            RealMatrix al = zl.copy();
            if (!last) {
                for (int i = 0; i < al.getRowDimension(); i++) {
                    for (int j = 0; j < al.getColumnDimension(); j++)
                        al.setEntry(i, j, activation.apply(zl.getEntry(i, j)));
                }
            } else if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
                softmaxRows(al);
            }
            a.add(al);
            current = al;
        }
    }

    private static void softmaxRows(RealMatrix m) {
        for (int i = 0; i < m.getRowDimension(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m.getColumnDimension(); j++) max = Math.max(max, m.getEntry(i, j));
            double sum = 0;
            for (int j = 0; j < m.getColumnDimension(); j++) {
                double e = Math.exp(m.getEntry(i, j) - max);
                m.setEntry(i, j, e);
                sum += e;
            }
            for (int j = 0; j < m.getColumnDimension(); j++) m.setEntry(i, j, m.getEntry(i, j) / sum);
        }
    }

    private static double[] columnSums(RealMatrix m) {
        double[] s = new double[m.getColumnDimension()];
        for (int i = 0; i < m.getRowDimension(); i++) for (int j = 0; j < s.length; j++) s[j] += m.getEntry(i, j);
        return s;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) r[i] = i;
        return r;
    }
}
