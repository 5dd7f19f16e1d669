package spinel.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The periodic neighbours of every site of a structure, as pymatgen's
 * {@code Structure.get_all_neighbors(r)}: for each site i, every periodic image (j, n) of every site
 * with |r_j + n·L − r_i| ≤ cutoff + 1e-8 Å, over all lattice translations n (the 1e-8 Å
 * tolerance, pymatgen's {@code numerical_tol}, keeps neighbours lying exactly on the cutoff sphere
 * whatever the rounding). The site itself at n = 0 is
 * excluded, its other images are included (a one-atom cell has neighbours: its own images).
 * Distinct sites at the same position are kept (distance 0), unlike pymatgen, which drops every
 * pair closer than 1e-8 Å.
 *
 * <p>Each site's list is sorted by distance, then neighbour index, then image (lexicographic), so
 * the result is fully deterministic. Distances are computed from the coordinates as given,
 * r = frac·L, exactly as {@link #vector} reports them.
 *
 * <p>The search uses cell lists over the unit cell with periodic wrap-around ({@code CellList}): no
 * supercell is built, memory is O(N + pairs), time is linear in N, and it is exact for any cell,
 * however skewed, and any cutoff, however much larger than the cell.
 *
 * <p>Storage is flat (compressed sparse rows): entries of site i are {@code start(i)..end(i)-1} in
 * {@link #indices()}, {@link #distances()} and {@link #images()} (3 per entry). Immutable.
 */
public final class NeighborList {

    private final double cutoff;
    private final int[] offsets;
    private final int[] index;
    private final double[] distance;
    private final short[] image;
    private final int size;
    private final double[] cart;
    private final double[] lat;

    private NeighborList(
            double cutoff,
            int[] offsets,
            int[] index,
            double[] distance,
            short[] image,
            int size,
            double[] cart,
            double[] lat) {
        this.size = size;
        this.cutoff = cutoff;
        this.offsets = offsets;
        this.index = index;
        this.distance = distance;
        this.image = image;
        this.cart = cart;
        this.lat = lat;
    }

    /** Every neighbour of every site of {@code s} within {@code cutoff} Å (all periodic images). */
    public static NeighborList within(Structure s, double cutoff) {
        return within(s.lattice(), CellList.flatFrac(s), cutoff);
    }

    /**
     * Every neighbour within {@code cutoff} Å of every point {@code frac} (fractional coordinates,
     * 3 per site, flat) of a periodic lattice.
     */
    public static NeighborList within(Lattice lattice, double[] frac, double cutoff) {
        CellList cl = new CellList(lattice, frac, cutoff);
        // expected neighbours per site at the mean density, +10%: one allocation in the usual case
        double expected = 4.0 / 3.0 * Math.PI * Math.pow(cutoff, 3) * cl.n / lattice.volume();
        Builder out = new Builder(cl.n, (int) Math.min(1 << 20, 1.1 * expected + 8));
        NeighborBuffer buf = new NeighborBuffer();
        for (int i = 0; i < cl.n; i++) {
            buf.clear();
            cl.query(i, buf);
            buf.finish(cl, i, cutoff);
            out.append(buf, buf.size);
        }
        return out.build(cutoff, cl);
    }

    /**
     * The {@code k} nearest neighbours of every site within {@code cutoff} Å, in the canonical order
     * (fewer where fewer lie within the cutoff). Equal to the first k entries of each site's list in
     * {@link #within}, ties at the k-th place broken by index then image; it searches a smaller
     * radius first (one expected to hold about 2k + 8 neighbours at the structure's mean density)
     * and falls back to the full cutoff for sites whose k-th neighbour is not within it, so building
     * a CGCNN graph costs O(k) per site instead of O(neighbours within 8 Å).
     */
    public static NeighborList nearest(Structure s, int k, double cutoff) {
        return nearest(s.lattice(), CellList.flatFrac(s), k, cutoff);
    }

    /** {@link #nearest(Structure, int, double)} on a lattice and flat fractional coordinates. */
    public static NeighborList nearest(Lattice lattice, double[] frac, int k, double cutoff) {
        if (k < 1) throw new IllegalArgumentException("k must be at least 1, got " + k);
        int n = frac.length / 3;
        double trial = Math.cbrt(3.0 * (2 * k + 8) * lattice.volume() / (4 * Math.PI * n));
        CellList full = null;
        CellList first;
        if (trial < 0.9 * cutoff) {
            first = new CellList(lattice, frac, trial);
        } else {
            full = new CellList(lattice, frac, cutoff);
            first = full;
            trial = cutoff;
        }
        Builder out = new Builder(n, k);
        NeighborBuffer buf = new NeighborBuffer();
        for (int i = 0; i < n; i++) {
            buf.clear();
            first.query(i, buf);
            buf.finish(first, i, trial);
            boolean ok = first == full || (buf.size >= k && buf.dist[buf.order[k - 1]] < trial * (1 - 1e-9));
            if (!ok) {
                if (full == null) full = new CellList(lattice, frac, cutoff);
                buf.clear();
                full.query(i, buf);
                buf.finish(full, i, cutoff);
            }
            out.append(buf, Math.min(k, buf.size));
        }
        return out.build(cutoff, first);
    }

    /** The cutoff radius, Å. */
    public double cutoff() {
        return cutoff;
    }

    /** Number of sites. */
    public int numSites() {
        return offsets.length - 1;
    }

    /** Total number of (site, neighbour) entries. */
    public int size() {
        return size;
    }

    /** Number of neighbours of site {@code i}. */
    public int count(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** First flat entry of site {@code i}. */
    public int start(int i) {
        return offsets[i];
    }

    /** One past the last flat entry of site {@code i}. */
    public int end(int i) {
        return offsets[i + 1];
    }

    /** Neighbour site index of flat entry {@code e}. */
    public int index(int e) {
        return index[e];
    }

    /** Distance of flat entry {@code e}, Å. */
    public double distance(int e) {
        return distance[e];
    }

    /** Component {@code axis} (0, 1, 2) of the periodic image of flat entry {@code e}. */
    public int image(int e, int axis) {
        return image[3 * e + axis];
    }

    /** Site offsets, length N + 1 (entries of site i are offsets[i]..offsets[i+1]-1). Do not modify. */
    public int[] offsets() {
        return offsets;
    }

    /** Neighbour site indices of all entries (the array may be longer than {@link #size()}). Do not modify. */
    public int[] indices() {
        return index;
    }

    /** Distances of all entries, Å (the array may be longer than {@link #size()}). Do not modify. */
    public double[] distances() {
        return distance;
    }

    /** Periodic images of all entries, 3 per entry (the array may be longer than 3·{@link #size()}). Do not modify. */
    public short[] images() {
        return image;
    }

    /** Cartesian displacement of flat entry {@code e} of site {@code i}: r_j + n·L − r_i, Å. */
    public double[] vector(int i, int e) {
        if (e < offsets[i] || e >= offsets[i + 1]) {
            throw new IndexOutOfBoundsException("entry " + e + " is not a neighbour of site " + i);
        }
        double[] v = new double[3];
        int j = index[e];
        for (int k = 0; k < 3; k++) {
            v[k] = (cart[3 * j + k]
                            + (image[3 * e] * lat[k] + image[3 * e + 1] * lat[3 + k] + image[3 * e + 2] * lat[6 + k]))
                    - cart[3 * i + k];
        }
        return v;
    }

    /** The neighbours of site {@code i} as objects, in the canonical order. */
    public List<Neighbor> neighbors(int i) {
        List<Neighbor> out = new ArrayList<>(count(i));
        for (int e = offsets[i]; e < offsets[i + 1]; e++) {
            out.add(new Neighbor(
                    index[e], distance[e], new int[] {image[3 * e], image[3 * e + 1], image[3 * e + 2]}, vector(i, e)));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return "NeighborList(" + numSites() + " sites, " + size() + " neighbours within " + cutoff + " Å)";
    }

    /** Accumulates sorted per-site lists into flat arrays. */
    private static final class Builder {
        final int[] offsets;
        int[] index;
        double[] distance;
        short[] image;
        int size;
        int site;

        Builder(int n, int perSite) {
            offsets = new int[n + 1];
            int cap = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(16L, (long) n * perSite));
            index = new int[cap];
            distance = new double[cap];
            image = new short[3 * cap];
        }

        void append(NeighborBuffer buf, int count) {
            if ((long) size + count > Integer.MAX_VALUE / 3 - 16) {
                throw new IllegalStateException(
                        "more than " + (Integer.MAX_VALUE / 3) + " neighbour pairs: reduce the cutoff");
            }
            if (size + count > index.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE / 3, Math.max(size + count, (long) index.length * 3 / 2));
                index = Arrays.copyOf(index, cap);
                distance = Arrays.copyOf(distance, cap);
                image = Arrays.copyOf(image, 3 * cap);
            }
            for (int t = 0; t < count; t++) {
                int k = buf.order[t];
                index[size] = buf.index[k];
                distance[size] = buf.dist[k];
                for (int a = 0; a < 3; a++) {
                    int v = buf.image[3 * k + a];
                    if (v != (short) v) {
                        throw new IllegalStateException(
                                "periodic image " + v + " out of range: the cell is degenerate for this cutoff");
                    }
                    image[3 * size + a] = (short) v;
                }
                size++;
            }
            offsets[++site] = size;
        }

        NeighborList build(double cutoff, CellList cl) {
            if (index.length - size > index.length / 4) { // trim only real waste: the copy costs memory too
                index = Arrays.copyOf(index, size);
                distance = Arrays.copyOf(distance, size);
                image = Arrays.copyOf(image, 3 * size);
            }
            return new NeighborList(cutoff, offsets, index, distance, image, size, cl.cart, cl.lat);
        }
    }
}
