package spinel.graph;

import java.util.Arrays;

/**
 * An edge of the crystal multigraph ({@link CrystalMultigraph}): from site {@code source} to the
 * periodic image {@code image} of site {@code target}, {@code distance} Å apart, with its bond
 * features. Parallel bonds between the same two sites differ by their image; a bond from a site to
 * one of its own images is a self loop. Equality is identity, as JGraphT expects of edge objects.
 */
public final class Bond {

    private final int source;
    private final int target;
    private final double distance;
    private final int[] image;
    private final float[] features;

    public Bond(int source, int target, double distance, int[] image, float[] features) {
        this.source = source;
        this.target = target;
        this.distance = distance;
        this.image = image.clone();
        this.features = features;
    }

    /** Site index the bond starts from. */
    public int source() {
        return source;
    }

    /** Site index of the neighbour. */
    public int target() {
        return target;
    }

    /** Bond length, Å. */
    public double distance() {
        return distance;
    }

    /** Periodic image (n_a, n_b, n_c) of the target relative to the source's cell (a copy). */
    public int[] image() {
        return image.clone();
    }

    /** Whether the bond joins a site to one of its own periodic images. */
    public boolean isSelfLoop() {
        return source == target;
    }

    /** Bond features (e.g. Gaussian expansion of the distance); empty when none were asked for. Do not modify. */
    public float[] features() {
        return features;
    }

    @Override
    public String toString() {
        return String.format("Bond(%d -> %d %s, %.4f Å)", source, target, Arrays.toString(image), distance);
    }
}
