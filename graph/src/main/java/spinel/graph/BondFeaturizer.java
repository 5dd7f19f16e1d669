package spinel.graph;

/**
 * Turns a bond (a neighbour at some distance) into a fixed-length feature vector, the edge features
 * of a {@link CrystalGraph}. {@link GaussianDistance} is CGCNN's.
 */
public interface BondFeaturizer {

    /** Length of the feature vector. */
    int length();

    /** Writes the features of a bond of length {@code distance} (Å) into {@code out[offset..offset+length)}. */
    void featurize(double distance, float[] out, int offset);

    /** The features of a bond of length {@code distance} (Å), as a new array. */
    default float[] featurize(double distance) {
        float[] out = new float[length()];
        featurize(distance, out, 0);
        return out;
    }
}
