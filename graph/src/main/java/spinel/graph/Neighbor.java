package spinel.graph;

import java.util.Arrays;

/**
 * One periodic neighbour of a site i: site {@code index} (j) translated by the lattice vector
 * {@code image}·L, at Cartesian displacement {@code vector} = r_j + image·L − r_i (Å) and
 * {@code distance} = |vector| (Å), as an entry of pymatgen's {@code get_all_neighbors}.
 *
 * <p>Equality compares the array contents.
 *
 * @param index    the neighbour's site index j
 * @param distance |vector|, Å
 * @param image    the periodic image (n_a, n_b, n_c) of site j, in lattice vectors
 * @param vector   Cartesian displacement from site i to the image of site j, Å
 */
public record Neighbor(int index, double distance, int[] image, double[] vector) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Neighbor n
                && n.index == index
                && Double.compare(n.distance, distance) == 0
                && Arrays.equals(n.image, image)
                && Arrays.equals(n.vector, vector);
    }

    @Override
    public int hashCode() {
        return (index * 31 + Double.hashCode(distance)) * 31 + Arrays.hashCode(image);
    }

    @Override
    public String toString() {
        return String.format("Neighbor(%d, %.6f Å, %s)", index, distance, Arrays.toString(image));
    }
}
