package spinel.graph.symmetry;

/**
 * One Wyckoff position of a Hall setting, as the International Tables (Vol. A) and spglib label it.
 *
 * @param hallNumber   the Hall setting, 1–530
 * @param letter       the Wyckoff letter, "a"–"z", then "A" (the 27th position of Pmmm)
 * @param multiplicity number of equivalent points in the conventional cell
 * @param siteSymmetry oriented site-symmetry symbol as spglib writes it ("m-3m", "4mm", ".m.", "2..")
 * @param coordinates  the coordinates of one of its sets ("x,1/4,z"), conventional basis; read as an
 *                     operation, the affine projection of a point onto that set
 */
public record WyckoffPosition(
        int hallNumber, String letter, int multiplicity, String siteSymmetry, String coordinates) {

    /** The coordinates as an operation (rotation and translation) projecting points onto the set. */
    public SymOp projection() {
        return SymOp.parse(coordinates);
    }

    @Override
    public String toString() {
        return multiplicity + letter + " " + siteSymmetry + " (" + coordinates + ")";
    }
}
