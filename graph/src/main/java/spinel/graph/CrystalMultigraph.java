package spinel.graph;

import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.graph.Pseudograph;

/**
 * The crystal as a JGraphT multigraph: vertices are site indices 0..N−1, edges are {@link Bond}s to
 * every periodic neighbour within a radius (all of them, not only the M nearest of the dense
 * {@link CrystalGraph}); parallel edges are distinct periodic images, self loops are a site's bonds
 * to its own images (so a one-atom cell is a single vertex with loops).
 *
 * <ul>
 *   <li>{@link #directed}: a {@code DirectedPseudograph} with one edge per neighbour-list entry, i → j
 *       for every neighbour j of i — each bond appears in both directions, as in CGCNN's message
 *       passing where every atom gathers from its own neighbour list;</li>
 *   <li>{@link #undirected}: a {@code Pseudograph} with one edge per physical bond: the entry
 *       (i, j, n) is kept when i &lt; j, or i = j and n is lexicographically positive (its mirror
 *       (j, i, −n) is dropped), so the edge count is half the directed one.</li>
 * </ul>
 */
public final class CrystalMultigraph {

    private CrystalMultigraph() {}

    /** Directed multigraph of every neighbour within {@code radius} Å, with bond features (null: none). */
    public static Graph<Integer, Bond> directed(Structure s, double radius, BondFeaturizer features) {
        return directed(NeighborList.within(s, radius), features);
    }

    /** Undirected multigraph of every bond within {@code radius} Å, with bond features (null: none). */
    public static Graph<Integer, Bond> undirected(Structure s, double radius, BondFeaturizer features) {
        return undirected(NeighborList.within(s, radius), features);
    }

    /** Directed multigraph of a neighbour list. */
    public static Graph<Integer, Bond> directed(NeighborList nl, BondFeaturizer features) {
        Graph<Integer, Bond> g = new DirectedPseudograph<>(null, null, false);
        fill(g, nl, features, false);
        return g;
    }

    /** Undirected multigraph of a neighbour list (one edge per bond). */
    public static Graph<Integer, Bond> undirected(NeighborList nl, BondFeaturizer features) {
        Graph<Integer, Bond> g = new Pseudograph<>(null, null, false);
        fill(g, nl, features, true);
        return g;
    }

    private static void fill(Graph<Integer, Bond> g, NeighborList nl, BondFeaturizer features, boolean halve) {
        float[] none = new float[0];
        for (int i = 0; i < nl.numSites(); i++) g.addVertex(i);
        for (int i = 0; i < nl.numSites(); i++) {
            for (int e = nl.start(i); e < nl.end(i); e++) {
                int j = nl.index(e);
                int[] img = {nl.image(e, 0), nl.image(e, 1), nl.image(e, 2)};
                if (halve && !(i < j || (i == j && positive(img)))) continue;
                float[] f = features != null ? features.featurize(nl.distance(e)) : none;
                g.addEdge(i, j, new Bond(i, j, nl.distance(e), img, f));
            }
        }
    }

    private static boolean positive(int[] n) {
        if (n[0] != 0) return n[0] > 0;
        if (n[1] != 0) return n[1] > 0;
        return n[2] > 0;
    }
}
