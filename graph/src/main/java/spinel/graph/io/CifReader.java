package spinel.graph.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Site;
import spinel.graph.Species;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;
import spinel.graph.symmetry.SpaceGroup;
import spinel.graph.symmetry.SpaceGroups;
import spinel.graph.symmetry.SymOp;

/**
 * Reads crystal structures from CIF files (CIF 1.1, as written by the Crystallography Open
 * Database, ICSD exports, VESTA and pymatgen), one {@link Structure} per data block that has atom
 * sites, with {@link Structure#id()} the block name. The cell is the one given (conventional),
 * never reduced; this is pymatgen's {@code CifParser.get_structures(primitive=False)}, whose
 * conventions it follows so that site counts and compositions agree:
 *
 * <ul>
 *   <li>Lattice from {@code _cell_length_*} (Å) and {@code _cell_angle_*} (degrees), oriented as
 *       {@link Lattice#fromParameters}; numbers may carry uncertainties ("5.4307(2)"). Parameters
 *       left out are implied by the crystal system when it is known ({@code _symmetry_cell_setting},
 *       {@code _space_group_crystal_system} or the space group), e.g. a cubic cell needs only a.
 *   <li>Symmetry from the operator list ({@code _symmetry_equiv_pos_as_xyz} or
 *       {@code _space_group_symop_operation_xyz}); when there is none, from the Hermann–Mauguin
 *       symbol ({@code _symmetry_space_group_name_H-M}, {@code _space_group_name_H-M_alt}), the Hall
 *       symbol, or the International Tables number, through {@link SpaceGroups}. When the symbol
 *       leaves the setting open, rhombohedral groups take hexagonal axes for a hexagonal cell
 *       (a = b, γ = 120°) and rhombohedral axes for a rhombohedral one (a = b = c, α = β = γ);
 *       groups with two origin choices take the one giving fewer sites (an atom on a special
 *       position of the right setting lands on a general position of the wrong one), origin
 *       choice 2 on a tie. Without any symmetry information the cell is P1.
 *   <li>Element from {@code _atom_site_type_symbol}, else from {@code _atom_site_label}: the first
 *       two letters when they make a symbol ("Fe1a" is Fe, "CA1" is Ca, as pymatgen), else the first
 *       letter ("OW1" is O, "C12" is C); "D" (deuterium) is read as H. Oxidation states come from
 *       {@code _atom_type_oxidation_number}, else from a charge in the type symbol ("Fe3+", "O2-",
 *       "Fe+3").
 *   <li>Fractional coordinates within 1e-4 (relative) of 1/3 or 2/3 are set to 1/3 and 2/3, as
 *       pymatgen does, so that 0.3333 expands correctly on three-fold axes (unless written with more
 *       than 6 decimals, which means the value is meant exactly). Cartesian coordinates
 *       ({@code _atom_site_Cartn_*}) are converted with {@code _atom_sites_fract_tran_matrix_*}
 *       when given, else with the CIF default axes (a along x, b in the xy plane).
 *   <li>Atoms whose symmetry images fall on an atom listed before (within 1e-4 in each fractional
 *       coordinate) share its site: the site becomes disordered with the occupancies summed, except
 *       that an atom repeating the species and occupancy already there, when summing would
 *       overfill the site, is a redundant listing of the same atom (files that list every atom of
 *       the cell with its symmetry; pymatgen fails on them). A site whose occupancies sum to
 *       more than 1 is scaled to 1 when the excess is at most {@value #OCCUPANCY_TOLERANCE}
 *       (rounding in refined occupancies); a larger excess is an error. pymatgen's default refuses any excess; we accept small ones because refined
 *       occupancies like 0.51 + 0.50 are common. Atoms with occupancy 0 are left out (they
 *       describe no atom), and so are dummy sites ({@code _atom_site_calc_flag dum}); a site with
 *       occupancy below 1 stays, as a partly vacant site.
 *   <li>Each site is expanded by the operators; images within 1e-4 (fractional, per coordinate,
 *       periodic) of one already made for a site of the same species are the same site. Positions
 *       are wrapped into [0, 1). Images are computed in the floating-point order of pymatgen's
 *       numpy product, so that positions right at the 1e-4 threshold merge as they do there.
 * </ul>
 *
 * Blocks without atom sites (a publication block, a powder pattern) are skipped; a file with no
 * structure at all, or any malformed value in a structure block, is a
 * {@link StructureFormatException} naming the file, the line and what was expected. Thread-safe.
 */
public final class CifReader implements StructureReader {

    /** Fractional distance (per coordinate) under which two positions are one site, as pymatgen. */
    public static final double SITE_TOLERANCE = 1e-4;

    /** Excess of a site's occupancy sum over 1 that is scaled away instead of refused. */
    public static final double OCCUPANCY_TOLERANCE = 0.05;

    private static final String[] OPERATOR_TAGS = {
        "_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz",
    };
    private static final String[] SYMBOL_TAGS = {
        "_symmetry_space_group_name_h-m", "_space_group_name_h-m_alt", "_symmetry_space_group_name_h_m",
        "_space_group_name_h-m", "_space_group_name_h-m_ref", "_space_group_name_h-m_full",
    };
    private static final String[] HALL_TAGS = {"_space_group_name_hall", "_symmetry_space_group_name_hall"};
    private static final String[] NUMBER_TAGS = {"_space_group_it_number", "_symmetry_int_tables_number"};

    @Override
    public List<Structure> read(Path file) throws IOException, StructureFormatException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    @Override
    public List<Structure> parse(String text, String sourceName) throws StructureFormatException {
        List<CifBlock> blocks = CifFile.parse(text, sourceName);
        List<Structure> out = new ArrayList<>(blocks.size());
        for (CifBlock b : blocks) {
            if (!hasAtomSites(b)) continue;
            out.add(new BlockReader(b, sourceName).structure());
        }
        if (out.isEmpty()) {
            throw new StructureFormatException(
                    sourceName,
                    blocks.get(0).line(),
                    "expected atom sites (_atom_site_fract_x, _y, _z or _atom_site_Cartn_x, _y, _z) in "
                            + (blocks.size() == 1
                                    ? "data_" + blocks.get(0).name()
                                    : "one of the " + blocks.size() + " data blocks")
                            + ", found none");
        }
        return out;
    }

    /** Reads the first structure of a file. */
    public Structure readOne(Path file) throws IOException, StructureFormatException {
        return read(file).get(0);
    }

    private static boolean hasAtomSites(CifBlock b) {
        return b.has("_atom_site_fract_x")
                || b.has("_atom_site_fract_y")
                || b.has("_atom_site_cartn_x")
                || b.has("_atom_site_label")
                || b.has("_atom_site_type_symbol");
    }

    /** Reads one block. */
    private static final class BlockReader {
        private final CifBlock b;
        private final String src;

        BlockReader(CifBlock b, String src) {
            this.b = b;
            this.src = src;
        }

        private StructureFormatException error(int line, String msg) {
            return new StructureFormatException(src, line, "data_" + b.name() + ": " + msg);
        }

        Structure structure() throws StructureFormatException {
            List<SpaceGroup> candidates = new ArrayList<>();
            List<SymOp> ops = operators(candidates);
            Lattice lattice =
                    lattice(candidates.isEmpty() ? 0 : candidates.get(0).number());
            List<Atom> atoms = atoms(lattice);
            if (atoms.isEmpty()) {
                throw error(
                        lineOf(firstPresent(
                                "_atom_site_fract_x",
                                "_atom_site_cartn_x",
                                "_atom_site_label",
                                "_atom_site_type_symbol")),
                        "expected at least one atom with non-zero occupancy");
            }
            if (ops == null) {
                ops = chooseSetting(candidates, lattice, atoms);
            }
            List<Site> sites = expand(atoms, ops, lattice);
            return new Structure(lattice, sites, b.name()).withDeclaredSpaceGroup(declared());
        }

        /** What the block says its space group is (number, H-M and Hall symbols as written), or null. */
        private spinel.graph.symmetry.DeclaredSpaceGroup declared() {
            int number = 0;
            for (String tag : NUMBER_TAGS) {
                String v = b.value(tag);
                if (v == null) continue;
                double d = CifNumbers.parse(v);
                if (d == Math.rint(d) && d >= 1 && d <= 230) {
                    number = (int) d;
                    break;
                }
            }
            return spinel.graph.symmetry.DeclaredSpaceGroup.ofNullable(
                    number, firstValue(SYMBOL_TAGS), firstValue(HALL_TAGS));
        }

        private String firstValue(String[] tags) {
            for (String tag : tags) {
                String v = b.value(tag);
                if (v != null && !v.isBlank()) return v;
            }
            return null;
        }

        /** Line of a tag's first value, else of the block header. */
        private int lineOf(String tag) {
            CifBlock.Column c = b.column(tag);
            return c == null || c.size() == 0 ? b.line() : c.line(0);
        }

        private String firstPresent(String... tags) {
            for (String t : tags) if (b.has(t)) return t;
            return tags[0];
        }

        // ---------------------------------------------------------------- symmetry

        /**
         * The explicit operators, or null with {@code candidates} filled from the symbol or number
         * (a single P1 candidate when the block has no symmetry at all).
         */
        private List<SymOp> operators(List<SpaceGroup> candidates) throws StructureFormatException {
            for (String tag : OPERATOR_TAGS) {
                CifBlock.Column c = b.column(tag);
                if (c == null || c.size() == 0) continue;
                List<SymOp> ops = new ArrayList<>(c.size());
                for (int i = 0; i < c.size(); i++) {
                    if (c.isNull(i)) continue;
                    SymOp op;
                    try {
                        op = SymOp.parse(c.value(i));
                    } catch (IllegalArgumentException e) {
                        throw error(c.line(i), e.getMessage());
                    }
                    if (!op.isLatticeOperation()) {
                        throw error(
                                c.line(i),
                                "expected a symmetry operation of the lattice (integer matrix, determinant ±1), found '"
                                        + c.value(i) + "'");
                    }
                    ops.add(op);
                }
                if (!ops.isEmpty()) {
                    // the number may still fix the crystal system for missing cell parameters
                    candidates.addAll(fromNumber());
                    return ops;
                }
            }
            String unknownSymbol = null;
            int symbolLine = 0;
            for (String tag : SYMBOL_TAGS) {
                String v = b.value(tag);
                if (v == null || v.isBlank()) continue;
                List<SpaceGroup> g = SpaceGroups.lookup(v);
                if (!g.isEmpty()) {
                    candidates.addAll(g);
                    return null;
                }
                if (unknownSymbol == null) {
                    unknownSymbol = v;
                    symbolLine = b.column(tag).line(0);
                }
            }
            for (String tag : HALL_TAGS) {
                String v = b.value(tag);
                if (v == null) continue;
                Optional<SpaceGroup> g = SpaceGroups.lookupHall(v);
                if (g.isPresent()) {
                    candidates.add(g.get());
                    return null;
                }
            }
            List<SpaceGroup> byNumber = fromNumber();
            if (!byNumber.isEmpty()) {
                candidates.addAll(byNumber);
                return null;
            }
            if (unknownSymbol != null) {
                throw error(
                        symbolLine,
                        "expected a known Hermann-Mauguin symbol, found '" + unknownSymbol
                                + "' (and no symmetry operators or International Tables number)");
            }
            return List.of(SymOp.identity());
        }

        private List<SpaceGroup> fromNumber() throws StructureFormatException {
            for (String tag : NUMBER_TAGS) {
                CifBlock.Column c = b.column(tag);
                if (c == null || c.size() == 0 || c.isNull(0)) continue;
                double v = CifNumbers.parse(c.value(0));
                if (Double.isNaN(v) || v != Math.rint(v) || v < 1 || v > 230) {
                    throw error(
                            c.line(0),
                            "expected a space-group number 1..230 for " + c.tag() + ", found '" + c.value(0) + "'");
                }
                return SpaceGroups.byNumber((int) v);
            }
            return List.of();
        }

        private List<SymOp> chooseSetting(List<SpaceGroup> candidates, Lattice lattice, List<Atom> atoms) {
            if (candidates.size() == 1) return candidates.get(0).operators();
            boolean hexOrRh = candidates.stream().anyMatch(g -> g.isHexagonalAxes() || g.isRhombohedralAxes());
            if (hexOrRh) {
                double[] l = lattice.lengths();
                double[] a = lattice.angles();
                boolean rhombohedralCell = close(l[0], l[1])
                        && close(l[1], l[2])
                        && Math.abs(a[0] - a[1]) < 0.01
                        && Math.abs(a[1] - a[2]) < 0.01
                        && Math.abs(a[0] - 90) > 0.01;
                for (SpaceGroup g : candidates) {
                    if (rhombohedralCell ? g.isRhombohedralAxes() : g.isHexagonalAxes()) return g.operators();
                }
                return candidates.get(0).operators();
            }
            // origin choices: the right one puts atoms on special positions, so gives fewer sites
            SpaceGroup best = null;
            int bestCount = Integer.MAX_VALUE;
            for (SpaceGroup g : candidates) {
                int count = 0;
                for (Atom at : atoms)
                    count += orbit(at.frac, g.operators(), new ArrayList<>()).size();
                if (count < bestCount || (count == bestCount && g.symbol().endsWith(":2"))) {
                    best = g;
                    bestCount = count;
                }
            }
            return best.operators();
        }

        private static boolean close(double x, double y) {
            return Math.abs(x - y) < 1e-3 * Math.max(x, y);
        }

        // ---------------------------------------------------------------- lattice

        private Lattice lattice(int spaceGroupNumber) throws StructureFormatException {
            double a = cell("_cell_length_a"), bb = cell("_cell_length_b"), c = cell("_cell_length_c");
            double al = cell("_cell_angle_alpha"), be = cell("_cell_angle_beta"), ga = cell("_cell_angle_gamma");
            if (Double.isNaN(a)
                    || Double.isNaN(bb)
                    || Double.isNaN(c)
                    || Double.isNaN(al)
                    || Double.isNaN(be)
                    || Double.isNaN(ga)) {
                String system = crystalSystem(spaceGroupNumber);
                switch (system) {
                    case "cubic" -> {
                        bb = or(bb, a);
                        c = or(c, a);
                        al = or(al, 90);
                        be = or(be, 90);
                        ga = or(ga, 90);
                    }
                    case "tetragonal" -> {
                        bb = or(bb, a);
                        al = or(al, 90);
                        be = or(be, 90);
                        ga = or(ga, 90);
                    }
                    case "orthorhombic" -> {
                        al = or(al, 90);
                        be = or(be, 90);
                        ga = or(ga, 90);
                    }
                    case "hexagonal", "trigonal" -> {
                        bb = or(bb, a);
                        al = or(al, 90);
                        be = or(be, 90);
                        ga = or(ga, 120);
                    }
                    case "rhombohedral" -> {
                        bb = or(bb, a);
                        c = or(c, a);
                        be = or(be, al);
                        ga = or(ga, al);
                    }
                    case "monoclinic" -> {
                        al = or(al, 90);
                        ga = or(ga, 90);
                    }
                    default -> {}
                }
            }
            String[] names = {
                "_cell_length_a",
                "_cell_length_b",
                "_cell_length_c",
                "_cell_angle_alpha",
                "_cell_angle_beta",
                "_cell_angle_gamma"
            };
            double[] v = {a, bb, c, al, be, ga};
            for (int i = 0; i < 6; i++) {
                if (Double.isNaN(v[i])) {
                    throw error(b.line(), "expected the cell parameter " + names[i] + ", found none");
                }
                boolean ok = i < 3 ? v[i] > 0 && Double.isFinite(v[i]) : v[i] > 0 && v[i] < 180;
                if (!ok) {
                    throw error(
                            lineOf(names[i]),
                            "expected " + (i < 3 ? "a positive length (Å)" : "an angle in (0, 180) degrees") + " for "
                                    + names[i] + ", found " + v[i]);
                }
            }
            try {
                return Lattice.fromParameters(a, bb, c, al, be, ga);
            } catch (IllegalArgumentException e) {
                throw error(lineOf("_cell_length_a"), "expected cell parameters of a real cell: " + e.getMessage());
            }
        }

        private static double or(double v, double dflt) {
            return Double.isNaN(v) ? dflt : v;
        }

        private String crystalSystem(int number) {
            for (String tag : new String[] {"_symmetry_cell_setting", "_space_group_crystal_system"}) {
                String v = b.value(tag);
                if (v != null) return v.trim().toLowerCase(java.util.Locale.ROOT);
            }
            return number > 0 ? SpaceGroups.crystalSystem(number) : "";
        }

        /** A cell parameter, NaN when absent or '?'. */
        private double cell(String tag) throws StructureFormatException {
            CifBlock.Column c = b.column(tag);
            if (c == null || c.size() == 0 || c.isNull(0)) return Double.NaN;
            double v = CifNumbers.parse(c.value(0));
            if (Double.isNaN(v)) {
                throw error(c.line(0), "expected a number for " + c.tag() + ", found '" + c.value(0) + "'");
            }
            return v;
        }

        // ---------------------------------------------------------------- atoms

        private static final class Atom {
            final double[] frac;
            final Map<Species, Double> species = new LinkedHashMap<>();
            final String label;
            final int line;

            Atom(double[] frac, String label, int line) {
                this.frac = frac;
                this.label = label;
                this.line = line;
            }
        }

        /** The atoms of the asymmetric unit, merged where symmetry maps one onto another. */
        private List<Atom> atoms(Lattice lattice) throws StructureFormatException {
            CifBlock.Column label = b.column("_atom_site_label");
            CifBlock.Column type = b.column("_atom_site_type_symbol");
            CifBlock.Column occ = b.column("_atom_site_occupancy");
            CifBlock.Column calc = b.column("_atom_site_calc_flag");
            CifBlock.Column[] xyz = {
                b.column("_atom_site_fract_x"), b.column("_atom_site_fract_y"), b.column("_atom_site_fract_z")
            };
            boolean cartesian = false;
            if (xyz[0] == null && xyz[1] == null && xyz[2] == null) {
                xyz = new CifBlock.Column[] {
                    b.column("_atom_site_cartn_x"), b.column("_atom_site_cartn_y"), b.column("_atom_site_cartn_z")
                };
                cartesian = true;
            }
            CifBlock.Column any = label != null ? label : type;
            if (any == null) {
                throw error(
                        firstLine(xyz),
                        "expected _atom_site_label or _atom_site_type_symbol with the atom positions, found neither");
            }
            String[] axes = {"x", "y", "z"};
            for (int k = 0; k < 3; k++) {
                if (xyz[k] == null) {
                    throw error(
                            lineOf(any.tag()),
                            "expected _atom_site_fract_" + axes[k] + " (or _atom_site_Cartn_" + axes[k]
                                    + ") with the atom sites, found none");
                }
            }
            int n = any.size();
            for (CifBlock.Column c : new CifBlock.Column[] {label, type, occ, xyz[0], xyz[1], xyz[2]}) {
                if (c != null && c.size() != n) {
                    throw error(
                            c.size() > 0 ? c.line(0) : b.line(),
                            "expected " + n + " values of " + c.tag() + " (one per atom site), found " + c.size());
                }
            }
            Map<String, Double> oxidation = atomTypeOxidationStates();
            double[][] toFrac = cartesian ? cartesianToFractional() : null;
            List<Atom> atoms = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int line = any.line(i);
                if (calc != null && calc.size() == n && "dum".equalsIgnoreCase(calc.value(i))) {
                    continue; // a dummy site (CIF core: "dum"), not an atom
                }
                String lab = label != null && !label.isNull(i) ? label.value(i) : null;
                String sym = type != null && !type.isNull(i) ? type.value(i) : null;
                Element el = null;
                double ox = Double.NaN;
                if (sym != null) {
                    el = elementOf(sym);
                    if (el != null) {
                        Double o = oxidation.get(sym);
                        ox = o != null ? o : chargeOf(sym);
                    }
                }
                if (el == null && lab != null) {
                    el = elementOf(lab);
                    if (el != null && oxidation.size() > 0 && sym == null) {
                        Double o = oxidation.get(el.symbol());
                        if (o != null) ox = o;
                    }
                }
                if (el == null) {
                    String what = sym != null ? sym : lab;
                    throw error(
                            type != null ? type.line(i) : line,
                            what == null
                                    ? "expected an element for atom site " + (i + 1) + ", found '?'"
                                    : "expected an element symbol, found '" + what + "' (unknown element)");
                }
                double[] f = new double[3];
                for (int k = 0; k < 3; k++) {
                    CifBlock.Column c = xyz[k];
                    double v = c.isNull(i) ? Double.NaN : CifNumbers.parse(c.value(i));
                    if (!Double.isFinite(v)) {
                        throw error(
                                c.line(i),
                                "expected a number for " + c.tag() + " of atom " + (lab != null ? lab : el.symbol())
                                        + ", found '" + c.value(i) + "'");
                    }
                    f[k] = v;
                }
                if (cartesian) {
                    f = new double[] {
                        toFrac[0][0] * f[0] + toFrac[0][1] * f[1] + toFrac[0][2] * f[2] + toFrac[0][3],
                        toFrac[1][0] * f[0] + toFrac[1][1] * f[1] + toFrac[1][2] * f[2] + toFrac[1][3],
                        toFrac[2][0] * f[0] + toFrac[2][1] * f[1] + toFrac[2][2] * f[2] + toFrac[2][3],
                    };
                } else {
                    for (int k = 0; k < 3; k++) {
                        if (decimals(xyz[k].value(i)) <= 6) f[k] = idealThird(f[k]);
                    }
                }
                double o = 1.0;
                if (occ != null && !occ.isNull(i)) {
                    o = CifNumbers.parse(occ.value(i));
                    if (!(o >= 0) || Double.isInfinite(o)) {
                        throw error(
                                occ.line(i),
                                "expected an occupancy between 0 and 1 for atom " + (lab != null ? lab : el.symbol())
                                        + ", found '" + occ.value(i) + "'");
                    }
                }
                if (o == 0) continue; // no atom here
                Atom at = new Atom(f, lab, line);
                at.species.put(new Species(el, ox), o);
                atoms.add(at);
            }
            return atoms;
        }

        private static int firstLine(CifBlock.Column[] cols) {
            for (CifBlock.Column c : cols) if (c != null && c.size() > 0) return c.line(0);
            return 0;
        }

        /** Digits after the decimal point ("0.3333(2)" has 4). */
        private static int decimals(String v) {
            int dot = v.indexOf('.');
            if (dot < 0) return 0;
            int n = 0;
            for (int i = dot + 1; i < v.length() && v.charAt(i) >= '0' && v.charAt(i) <= '9'; i++) n++;
            return n;
        }

        /**
         * pymatgen's _sanitize_data: 0.3333 -> 1/3, 0.6667 -> 2/3 (relative tolerance 1e-4). Applied
         * only to coordinates written with at most 6 decimals: a value written to 12 decimals
         * (Spinel's CifWriter) means what it says.
         */
        private static double idealThird(double v) {
            if (Math.abs(1 - v / (1 / 3.0)) < 1e-4) return 1 / 3.0;
            if (Math.abs(1 - v / (2 / 3.0)) < 1e-4) return 2 / 3.0;
            return v;
        }

        private Map<String, Double> atomTypeOxidationStates() throws StructureFormatException {
            CifBlock.Column sym = b.column("_atom_type_symbol");
            CifBlock.Column ox = b.column("_atom_type_oxidation_number");
            if (sym == null || ox == null || sym.size() != ox.size()) return Map.of();
            Map<String, Double> m = new HashMap<>();
            for (int i = 0; i < sym.size(); i++) {
                if (ox.isNull(i) || sym.isNull(i)) continue;
                double v = CifNumbers.parse(ox.value(i));
                if (Double.isNaN(v)) {
                    throw error(
                            ox.line(i),
                            "expected a number for _atom_type_oxidation_number, found '" + ox.value(i) + "'");
                }
                m.put(sym.value(i), v);
            }
            return m;
        }

        /**
         * The Cartesian-to-fractional map as rows [m0 m1 m2 t]: from _atom_sites_fract_tran_matrix_ij
         * and _vector_i when present, else for the CIF default axes (a along x, b in the xy plane).
         */
        private double[][] cartesianToFractional() throws StructureFormatException {
            if (b.has("_atom_sites_fract_tran_matrix_11")) {
                double[][] m = new double[3][4];
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        m[i][j] = required("_atom_sites_fract_tran_matrix_" + (i + 1) + (j + 1));
                    }
                    CifBlock.Column t = b.column("_atom_sites_fract_tran_vector_" + (i + 1));
                    m[i][3] = t == null || t.size() == 0 || t.isNull(0) ? 0 : required(t.tag());
                }
                return m;
            }
            double a = cell("_cell_length_a"), bb = cell("_cell_length_b"), c = cell("_cell_length_c");
            double al = Math.toRadians(cell("_cell_angle_alpha")),
                    be = Math.toRadians(cell("_cell_angle_beta")),
                    ga = Math.toRadians(cell("_cell_angle_gamma"));
            if (Double.isNaN(a + bb + c + al + be + ga)) {
                throw error(b.line(), "expected all six cell parameters to convert _atom_site_Cartn_* coordinates");
            }
            double cz = c
                    * Math.sqrt(Math.max(
                            0,
                            1
                                    - Math.cos(be) * Math.cos(be)
                                    - Math.pow((Math.cos(al) - Math.cos(be) * Math.cos(ga)) / Math.sin(ga), 2)));
            double[][] orth = {
                {a, 0, 0},
                {bb * Math.cos(ga), bb * Math.sin(ga), 0},
                {c * Math.cos(be), c * (Math.cos(al) - Math.cos(be) * Math.cos(ga)) / Math.sin(ga), cz},
            };
            Lattice l;
            try {
                l = new Lattice(orth);
            } catch (IllegalArgumentException e) {
                throw error(b.line(), "expected cell parameters of a real cell: " + e.getMessage());
            }
            double[][] m = new double[3][4];
            for (int j = 0; j < 3; j++) {
                double[] e = new double[3];
                e[j] = 1;
                double[] f = l.toFractional(e);
                for (int i = 0; i < 3; i++) m[i][j] = f[i];
            }
            return m;
        }

        private double required(String tag) throws StructureFormatException {
            CifBlock.Column c = b.column(tag);
            if (c == null || c.size() == 0 || c.isNull(0)) throw error(b.line(), "expected a number for " + tag);
            double v = CifNumbers.parse(c.value(0));
            if (Double.isNaN(v))
                throw error(c.line(0), "expected a number for " + c.tag() + ", found '" + c.value(0) + "'");
            return v;
        }

        // ---------------------------------------------------------------- expansion

        private List<Site> expand(List<Atom> atoms, List<SymOp> ops, Lattice lattice) throws StructureFormatException {
            // 1. merge atoms of the asymmetric unit that symmetry maps onto an earlier one (pymatgen's
            //    get_matching_coord: images of the new atom against the listed positions)
            List<Atom> unique = new ArrayList<>(atoms.size());
            double[] img = new double[3];
            for (Atom at : atoms) {
                Atom match = null;
                for (int o = 0; o < ops.size() && match == null; o++) {
                    ops.get(o).apply(at.frac, img);
                    for (Atom u : unique) {
                        if (samePosition(u.frac, img)) {
                            match = u;
                            break;
                        }
                    }
                }
                if (match == null) {
                    unique.add(at);
                } else if (!isRedundantListing(match, at)) {
                    for (Map.Entry<Species, Double> e : at.species.entrySet())
                        match.species.merge(e.getKey(), e.getValue(), Double::sum);
                }
            }
            // 2. expand each; images coincide only with images of sites of the same species
            Map<Map<Species, Double>, List<double[]>> byComposition = new HashMap<>();
            List<Site> sites = new ArrayList<>();
            for (Atom u : unique) {
                Map<Species, Double> species = normalisedOccupancies(u);
                List<double[]> done = byComposition.computeIfAbsent(species, k -> new ArrayList<>());
                int before = done.size();
                orbit(u.frac, ops, done);
                for (int i = before; i < done.size(); i++) {
                    double[] f = done.get(i).clone();
                    for (int k = 0; k < 3; k++)
                        if (f[k] >= 1.0) f[k] = 0.0; // x - floor(x) rounds up to 1 for x = -1e-17
                    sites.add(new Site(species, f, lattice, u.label));
                }
            }
            return sites;
        }

        /**
         * Whether {@code at} repeats {@code site} (same species, same occupancy, at a symmetry image
         * of its position) and adding it would push the site over full occupancy: files that list
         * every atom of the cell together with the symmetry (common in COD entries typed from old
         * literature) mean one atom, not two. pymatgen sums and fails on such files.
         */
        private static boolean isRedundantListing(Atom site, Atom at) {
            double total = 0;
            for (double v : site.species.values()) total += v;
            for (double v : at.species.values()) total += v;
            if (total <= 1 + OCCUPANCY_TOLERANCE) return false;
            for (Map.Entry<Species, Double> e : at.species.entrySet()) {
                Double have = site.species.get(e.getKey());
                if (have == null || Math.abs(have - e.getValue()) > 1e-6) return false;
            }
            return true;
        }

        private Map<Species, Double> normalisedOccupancies(Atom u) throws StructureFormatException {
            double total = 0;
            for (double v : u.species.values()) total += v;
            if (total <= 1 + 1e-6) {
                return u.species;
            }
            if (total > 1 + OCCUPANCY_TOLERANCE) {
                throw error(
                        u.line,
                        "expected the occupancies on site " + (u.label != null ? u.label : "")
                                + " to sum to at most 1, found " + String.format(java.util.Locale.ROOT, "%.4f", total)
                                + " (" + u.species + ")");
            }
            Map<Species, Double> m = new LinkedHashMap<>();
            for (Map.Entry<Species, Double> e : u.species.entrySet()) m.put(e.getKey(), e.getValue() / total);
            return m;
        }

        /** Adds to {@code done} the images of {@code frac} (wrapped into [0, 1)) not already in it. */
        private static List<double[]> orbit(double[] frac, List<SymOp> ops, List<double[]> done) {
            double[] img = new double[3];
            for (SymOp op : ops) {
                op.apply(frac, img);
                // wrap before comparing, as pymatgen: at the 1e-4 threshold the rounding decides
                img[0] = wrap(img[0]);
                img[1] = wrap(img[1]);
                img[2] = wrap(img[2]);
                boolean seen = false;
                for (double[] d : done) {
                    if (samePosition(d, img)) {
                        seen = true;
                        break;
                    }
                }
                if (!seen) done.add(img.clone());
            }
            return done;
        }

        /** pymatgen's x - floor(x); may give 1.0 for a tiny negative x, as pymatgen's does. */
        private static double wrap(double v) {
            return v - Math.floor(v);
        }

        private static boolean samePosition(double[] p, double[] q) {
            for (int k = 0; k < 3; k++) {
                double d = p[k] - q[k];
                d -= Math.rint(d);
                if (!(Math.abs(d) < SITE_TOLERANCE)) return false;
            }
            return true;
        }
    }

    // -------------------------------------------------------------------- element symbols

    /**
     * The element a CIF type symbol or label names, null when none: the first two letters when
     * they make a symbol (case-insensitive, as pymatgen), else the first letter; "D" is hydrogen
     * (deuterium); pymatgen's special labels "Wat" (water O) and "NO3" (nitrate N) are understood.
     */
    static Element elementOf(String s) {
        String t = s.strip();
        if (t.isEmpty()) return null;
        if (t.startsWith("Wat") || t.startsWith("wat")) return Element.of(8);
        if (t.startsWith("NO3")) return Element.of(7);
        char c0 = t.charAt(0);
        if (!isLetter(c0)) return null;
        if (t.length() >= 2 && isLetter(t.charAt(1))) {
            Optional<Element> two = Element.find(t.substring(0, 2));
            if (two.isPresent()) return two.get();
        }
        Optional<Element> one = Element.find(String.valueOf(c0));
        if (one.isPresent()) return one.get();
        if (c0 == 'D' || c0 == 'd') return Element.of(1);
        return null;
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /**
     * The charge written after the element in a type symbol: "Fe3+" and "Fe+3" are +3, "O2-" is
     * -2, "Cl-" is -1, "Fe2.5+" is +2.5; NaN when there is none ("Fe", "Fe1").
     */
    static double chargeOf(String symbol) {
        String t = symbol.strip();
        if (t.isEmpty() || !isLetter(t.charAt(0))) return Double.NaN;
        int i = t.length() >= 2
                        && isLetter(t.charAt(1))
                        && Element.find(t.substring(0, 2)).isPresent()
                ? 2
                : 1;
        String rest = t.substring(i);
        if (rest.isEmpty()) return Double.NaN;
        char first = rest.charAt(0), last = rest.charAt(rest.length() - 1);
        String digits;
        double sign;
        if (last == '+' || last == '-') {
            sign = last == '-' ? -1 : 1;
            digits = rest.substring(0, rest.length() - 1);
        } else if (first == '+' || first == '-') {
            sign = first == '-' ? -1 : 1;
            digits = rest.substring(1);
        } else {
            return Double.NaN;
        }
        if (digits.isEmpty()) return sign;
        for (int k = 0; k < digits.length(); k++) {
            char c = digits.charAt(k);
            if (!(c >= '0' && c <= '9') && c != '.') return Double.NaN;
        }
        double v = CifNumbers.parse(digits);
        return Double.isNaN(v) ? Double.NaN : sign * v;
    }
}
