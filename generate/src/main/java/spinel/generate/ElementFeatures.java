package spinel.generate;

import spinel.graph.Element;

/**
 * The four numbers per element the generator is conditioned on and the critic weighs neighbours by:
 * Pauling electronegativity / 4, covalent radius / 2 Å, period / 7, group / 18 (undefined values,
 * such as the noble gases' electronegativity, are 0).
 */
public final class ElementFeatures {

    /** Features per element. */
    public static final int SIZE = 4;

    private ElementFeatures() {}

    /** The features of {@code e}. */
    public static float[] of(Element e) {
        return new float[] {
            (float) clean(e.electronegativity() / 4.0),
            (float) clean(e.covalentRadius() / 2.0),
            e.period() / 7f,
            Math.max(0, e.group()) / 18f
        };
    }

    private static double clean(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
