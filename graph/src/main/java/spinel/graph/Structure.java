package spinel.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A periodic crystal structure: a {@link Lattice} and its {@link Site}s, as pymatgen's
 * {@code Structure}. Immutable; every site refers to this structure's lattice.
 */
public final class Structure {

    private static final double AVOGADRO = 6.02214076e23;

    private final Lattice lattice;
    private final List<Site> sites;
    private final String id;
    private final spinel.graph.symmetry.DeclaredSpaceGroup declared;

    /**
     * @param lattice the lattice
     * @param sites   the sites (re-attached to {@code lattice})
     * @param id      an identifier (file name, data block, Materials Project id); may be null
     */
    public Structure(Lattice lattice, List<Site> sites, String id) {
        this(lattice, sites, id, null);
    }

    private Structure(Lattice lattice, List<Site> sites, String id, spinel.graph.symmetry.DeclaredSpaceGroup declared) {
        if (lattice == null) throw new IllegalArgumentException("a structure needs a lattice");
        if (sites == null || sites.isEmpty()) throw new IllegalArgumentException("a structure needs at least one site");
        this.lattice = lattice;
        List<Site> s = new ArrayList<>(sites.size());
        for (Site site : sites) s.add(site.lattice() == lattice ? site : site.withLattice(lattice));
        this.sites = Collections.unmodifiableList(s);
        this.id = id;
        this.declared = declared;
    }

    public Structure(Lattice lattice, List<Site> sites) {
        this(lattice, sites, null);
    }

    /** An ordered structure from elements and fractional coordinates. */
    public static Structure of(Lattice lattice, List<Element> elements, double[][] frac) {
        if (elements.size() != frac.length) {
            throw new IllegalArgumentException(elements.size() + " elements but " + frac.length + " positions");
        }
        List<Site> s = new ArrayList<>();
        for (int i = 0; i < frac.length; i++) s.add(Site.of(elements.get(i), frac[i], lattice));
        return new Structure(lattice, s);
    }

    public Lattice lattice() {
        return lattice;
    }

    public List<Site> sites() {
        return sites;
    }

    public Site site(int i) {
        return sites.get(i);
    }

    /** Number of sites. */
    public int size() {
        return sites.size();
    }

    /** Identifier given when the structure was made (may be null). */
    public String id() {
        return id;
    }

    /** The same structure with another identifier. */
    public Structure withId(String newId) {
        return new Structure(lattice, sites, newId, declared);
    }

    /** The same fractional positions in another lattice. */
    public Structure withLattice(Lattice newLattice) {
        return new Structure(newLattice, sites, id, declared);
    }

    /**
     * The space group the source file declares (CIF number, Hermann–Mauguin and Hall symbols), if
     * any: metadata, not checked against the structure ({@code SymmetryAnalyzer} finds the real one).
     */
    public java.util.Optional<spinel.graph.symmetry.DeclaredSpaceGroup> declaredSpaceGroup() {
        return java.util.Optional.ofNullable(declared);
    }

    /** The same structure with this declared space group (null for none). */
    public Structure withDeclaredSpaceGroup(spinel.graph.symmetry.DeclaredSpaceGroup spaceGroup) {
        return new Structure(lattice, sites, id, spaceGroup);
    }

    /** Cell volume, Å³. */
    public double volume() {
        return lattice.volume();
    }

    /** Whether every site is ordered. */
    public boolean isOrdered() {
        for (Site s : sites) if (!s.isOrdered()) return false;
        return true;
    }

    /** Composition of the cell (occupancy-weighted). */
    public Composition composition() {
        Map<Element, Double> m = new LinkedHashMap<>();
        for (Site s : sites) {
            s.species().forEach((sp, occ) -> m.merge(sp.element(), occ, Double::sum));
        }
        return new Composition(m);
    }

    /** Density, g/cm³. */
    public double density() {
        return composition().weight() / AVOGADRO / (volume() * 1e-24);
    }

    /** Atomic number of each site's main species. */
    public int[] atomicNumbers() {
        int[] z = new int[sites.size()];
        for (int i = 0; i < z.length; i++) z[i] = sites.get(i).element().z();
        return z;
    }

    /** Fractional coordinates, N×3. */
    public double[][] fracCoords() {
        double[][] f = new double[sites.size()][];
        for (int i = 0; i < f.length; i++) f[i] = sites.get(i).fracCoords();
        return f;
    }

    /** Cartesian coordinates, N×3, Å. */
    public double[][] cartCoords() {
        double[][] c = new double[sites.size()][];
        for (int i = 0; i < c.length; i++) c[i] = sites.get(i).cartCoords();
        return c;
    }

    @Override
    public String toString() {
        return "Structure(" + composition().formula() + ", " + lattice + ", " + sites.size() + " sites"
                + (id != null ? ", id=" + id : "") + ")";
    }
}
