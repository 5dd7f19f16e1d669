package spinel.train;

/**
 * The 14 Bravais lattices by Pearson symbol: crystal family letter (a, m, o, t, h, c) and centring
 * (P primitive, C base-centred — A-centred settings included, I body-centred, F face-centred,
 * R rhombohedral).
 */
public enum BravaisLattice {
    aP, mP, mC, oP, oC, oI, oF, tP, tI, hR, hP, cP, cI, cF;

    /** The crystal system the lattice belongs to (hP serves both the trigonal and hexagonal groups). */
    public CrystalSystem family() {
        return switch (this) {
            case aP -> CrystalSystem.TRICLINIC;
            case mP, mC -> CrystalSystem.MONOCLINIC;
            case oP, oC, oI, oF -> CrystalSystem.ORTHORHOMBIC;
            case tP, tI -> CrystalSystem.TETRAGONAL;
            case hR -> CrystalSystem.TRIGONAL;
            case hP -> CrystalSystem.HEXAGONAL;
            case cP, cI, cF -> CrystalSystem.CUBIC;
        };
    }
}
