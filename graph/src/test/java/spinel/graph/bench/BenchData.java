package spinel.graph.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import spinel.graph.AtomInitFeaturizer;
import spinel.graph.CrystalGraphBuilder;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;
import spinel.graph.io.Npz;
import spinel.graph.io.StructureReader;

/**
 * The crystals bench/graph_speed.sh benchmarks: read by pymatgen in the reference script and saved
 * to an .npz (system property {@code spinel.bench.npz}), so that both sides work on identical
 * structures. Bench-time only.
 */
final class BenchData {

    private BenchData() {}

    static Npz npz() throws IOException {
        String p = System.getProperty("spinel.bench.npz");
        if (p == null) throw new IllegalStateException("set -Dspinel.bench.npz=... (bench/graph_speed.sh does)");
        return Npz.read(Path.of(p));
    }

    /** The graph builder both sides use: CGCNN defaults with the published sample atom_init.json. */
    static CrystalGraphBuilder builder() throws IOException {
        String p = System.getProperty("spinel.bench.atomInit");
        if (p == null) throw new IllegalStateException("set -Dspinel.bench.atomInit=... (bench/graph_speed.sh does)");
        return CrystalGraphBuilder.builder()
                .optAtomFeaturizer(AtomInitFeaturizer.load(Path.of(p)))
                .optWarnOnPadding(false)
                .build();
    }

    /** Names (GROUP/ID) of the structures of one group. */
    static List<String> keys(Npz npz, String group) {
        TreeSet<String> keys = new TreeSet<>();
        for (String name : npz.names()) {
            if (name.startsWith(group + "/") && name.endsWith("/lattice"))
                keys.add(name.substring(0, name.length() - "/lattice".length()));
        }
        if (keys.isEmpty()) throw new IllegalStateException("no structures of group " + group + " in " + npz.file());
        return new ArrayList<>(keys);
    }

    static Structure structure(Npz npz, String key) {
        Lattice lat = new Lattice(npz.get(key + "/lattice").asDoubleMatrix());
        double[][] frac = npz.get(key + "/frac_coords").asDoubleMatrix();
        List<Element> el = new ArrayList<>();
        for (int z : npz.ints(key + "/atomic_numbers")) el.add(Element.of(z));
        return Structure.of(lat, el, frac).withId(key);
    }

    static Path path(Npz npz, String key) {
        return Path.of(npz.get(key + "/path").asStrings()[0]);
    }

    /** {@code s} repeated m[0] × m[1] × m[2] times (as pymatgen's make_supercell with a diagonal matrix). */
    static Structure supercell(Structure s, int[] m) {
        double[][] lm = s.lattice().matrix();
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) lm[i][j] *= m[i];
        Lattice big = new Lattice(lm);
        int n = s.size();
        double[][] frac = new double[n * m[0] * m[1] * m[2]][];
        List<Element> el = new ArrayList<>(frac.length);
        int k = 0;
        for (int a = 0; a < m[0]; a++)
            for (int b = 0; b < m[1]; b++)
                for (int c = 0; c < m[2]; c++) {
                    for (int i = 0; i < n; i++) {
                        double[] f = s.site(i).fracCoords();
                        frac[k++] = new double[] {(f[0] + a) / m[0], (f[1] + b) / m[1], (f[2] + c) / m[2]};
                        el.add(s.site(i).element());
                    }
                }
        return Structure.of(big, el, frac).withId(s.id() + "×" + m[0] + "×" + m[1] + "×" + m[2]);
    }

    /** The CIF reader once helper "cif" has landed ({@code spinel.graph.io.CifReader}), else null. */
    static StructureReader cifReader() {
        try {
            return (StructureReader) Class.forName("spinel.graph.io.CifReader")
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null;
        }
    }
}
