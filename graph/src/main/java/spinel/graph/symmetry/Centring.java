package spinel.graph.symmetry;

/**
 * Lattice centring of a conventional cell, with spglib's matrices between the conventional basis
 * and the primitive basis used while searching the origin ({@code hall_symbol.c}'s {@code M_bcc},
 * {@code M_fcc}, ...): x_prim = toPrimitive · x_conv, primitive lattice = conventional · fromPrimitive
 * (columns). Package-private.
 */
enum Centring {
    P(new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new double[0][]),
    A(new int[][] {{1, 0, 0}, {0, 1, 1}, {0, -1, 1}}, new double[][] {{0, 0.5, 0.5}}),
    B(new int[][] {{1, 0, 1}, {0, 1, 0}, {-1, 0, 1}}, new double[][] {{0.5, 0, 0.5}}),
    C(new int[][] {{1, -1, 0}, {1, 1, 0}, {0, 0, 1}}, new double[][] {{0.5, 0.5, 0}}),
    I(new int[][] {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}}, new double[][] {{0.5, 0.5, 0.5}}),
    F(new int[][] {{-1, 1, 1}, {1, -1, 1}, {1, 1, -1}}, new double[][] {{0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}}),
    R(
            new int[][] {{1, 0, 1}, {-1, 1, 1}, {0, -1, 1}},
            new double[][] {{2.0 / 3, 1.0 / 3, 1.0 / 3}, {1.0 / 3, 2.0 / 3, 2.0 / 3}});

    private final int[][] toPrimitive;
    private final double[][] fromPrimitive;
    private final double[][] shifts;

    Centring(int[][] toPrimitive, double[][] shifts) {
        this.toPrimitive = toPrimitive;
        this.fromPrimitive = Mat3.inverse(Mat3.toDouble(toPrimitive));
        this.shifts = shifts;
    }

    /** Integer matrix taking conventional fractional coordinates to primitive ones. */
    int[][] toPrimitive() {
        return toPrimitive;
    }

    /** Its inverse: primitive lattice columns = conventional lattice columns · this. */
    double[][] fromPrimitive() {
        return fromPrimitive;
    }

    /** The centring translations other than zero, conventional fractional coordinates. */
    double[][] shifts() {
        return shifts;
    }

    /** Lattice points per conventional cell. */
    int multiplicity() {
        return shifts.length + 1;
    }
}
