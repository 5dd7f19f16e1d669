package spinel.graph;

/**
 * CGCNN's 92-number one-hot atom features (Xie &amp; Grossman, PRL 120, 145301 (2018), Table S2),
 * computed from our {@link Element} table, for every element Z = 1..103.
 *
 * <p>Layout (offset, length): group (0, 19), period (19, 7), electronegativity (26, 10), covalent
 * radius (36, 10), valence electrons (46, 12), first ionisation energy (58, 10), electron affinity
 * (68, 10), block (78, 4), atomic volume (82, 10) — the layout of the published
 * {@code atom_init.json}, each segment one-hot (all zero where the property is unknown).
 *
 * <ul>
 *   <li>group: index = IUPAC group 1..18; index 0 for La–Yb and Ac–No (no group in the reference);</li>
 *   <li>period: index = period − 1;</li>
 *   <li>continuous properties: 10 equal bins over the paper's ranges, values outside the range
 *       going to the end bins: Pauling electronegativity 0.5–4.0; covalent radius 0.25–2.5 Å
 *       (25–250 pm); ln(first ionisation energy / eV) 1.3–3.3; electron affinity −3.0–3.7 eV;
 *       ln(molar volume / cm³ mol⁻¹) 1.5–4.3;</li>
 *   <li>valence electrons (index = count − 1, 1..12): s-block the outer s electrons, p-block s + p,
 *       d-block s + d (the group number), f-block the outer s electrons only — the reference's
 *       counting as read off {@code atom_init.json};</li>
 *   <li>block: s, p, d, f; helium is counted as s-block, as in the reference.</li>
 * </ul>
 *
 * <p>The reference's element data came from another source than ours (pymatgen, Cordero radii),
 * so the vectors are not identical to the published {@code atom_init.json}; to use a published
 * model, use {@link AtomInitFeaturizer} with its own file. This featurizer exists for new models
 * and elements the published file lacks. Immutable; thread-safe.
 */
public final class CgcnnAtomFeaturizer implements AtomFeaturizer {

    /** Segment offsets and lengths, in layout order. */
    public static final int GROUP = 0,
            PERIOD = 19,
            ELECTRONEGATIVITY = 26,
            COVALENT_RADIUS = 36,
            VALENCE = 46,
            IONIZATION = 58,
            AFFINITY = 68,
            BLOCK = 78,
            VOLUME = 82,
            LENGTH = 92;

    private static final float[][] TABLE = new float[Element.MAX_Z + 1][];

    static {
        for (Element e : Element.all()) TABLE[e.z()] = compute(e);
    }

    private static final CgcnnAtomFeaturizer INSTANCE = new CgcnnAtomFeaturizer();

    private CgcnnAtomFeaturizer() {}

    /** The featurizer (stateless). */
    public static CgcnnAtomFeaturizer instance() {
        return INSTANCE;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public float[] featurize(Element element) {
        return TABLE[element.z()].clone();
    }

    @Override
    public void featurize(Site site, float[] out, int offset) {
        if (site.isOrdered()) {
            System.arraycopy(TABLE[site.element().z()], 0, out, offset, LENGTH);
        } else {
            AtomFeaturizer.super.featurize(site, out, offset);
        }
    }

    private static boolean noGroup(int z) {
        return (z >= 57 && z <= 70) || (z >= 89 && z <= 102);
    }

    static float[] compute(Element e) {
        float[] f = new float[LENGTH];
        int z = e.z();
        f[GROUP + (noGroup(z) ? 0 : e.group())] = 1;
        if (e.period() >= 1 && e.period() <= 7) f[PERIOD + e.period() - 1] = 1;
        bin(f, ELECTRONEGATIVITY, e.electronegativity(), 0.5, 4.0);
        bin(f, COVALENT_RADIUS, e.covalentRadius(), 0.25, 2.5);
        int valence = valence(e);
        if (valence >= 1 && valence <= 12) f[VALENCE + valence - 1] = 1;
        bin(f, IONIZATION, e.firstIonizationEnergy() > 0 ? Math.log(e.firstIonizationEnergy()) : Double.NaN, 1.3, 3.3);
        bin(f, AFFINITY, e.electronAffinity(), -3.0, 3.7);
        int block = "spdf".indexOf(z == 2 ? "s" : e.block());
        if (block >= 0) f[BLOCK + block] = 1;
        bin(f, VOLUME, e.molarVolume() > 0 ? Math.log(e.molarVolume()) : Double.NaN, 1.5, 4.3);
        return f;
    }

    private static int valence(Element e) {
        switch (e.z() == 2 ? "s" : e.block()) {
            case "s":
                return e.valenceS();
            case "p":
                return e.valenceS() + e.valenceP();
            case "d":
                return e.valenceS() + e.valenceD();
            default:
                return e.valenceS();
        }
    }

    private static void bin(float[] f, int offset, double v, double lo, double hi) {
        if (Double.isNaN(v)) return;
        int b = (int) Math.floor((v - lo) / (hi - lo) * 10);
        f[offset + Math.max(0, Math.min(9, b))] = 1;
    }

    @Override
    public String toString() {
        return "CgcnnAtomFeaturizer(92 one-hot features from the Element table)";
    }
}
