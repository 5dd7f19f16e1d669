package spinel.generate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import spinel.graph.Element;
import spinel.graph.Structure;
import spinel.graph.io.CgcnnEntry;
import spinel.graph.io.CgcnnFolderReader;

/**
 * The GAN's data: Materials Project crystals with at most 20 atoms per cell, as the MP-20 benchmark
 * (Xie et al., CDVAE, ICLR 2022), read from CGCNN folders ({@code mp_36k}, {@code matbench_mp_gap}),
 * deduplicated and split by composition: a test formula never appears in training, and one chemical
 * system (Nb–O for the case study) is held out entirely.
 *
 * <p>Deduplication, until the structure matcher lands: two entries are the same crystal when they
 * share the reduced formula, the number of atoms and the volume per atom rounded to 0.1 Å³.
 */
public final class TrainingData {

    /** One crystal and where it came from. */
    public record Entry(String id, Structure structure) {
        public String reducedFormula() {
            return structure.composition().reducedFormula();
        }
    }

    /** Training crystals, test crystals (other formulas), and the held-out chemical system. */
    public record Split(List<Entry> train, List<Entry> test, List<Entry> heldOutSystem) {}

    private TrainingData() {}

    /** Reads every crystal of the folders with at most {@code maxSites} atoms (unreadable files are counted, skipped). */
    public static List<Entry> load(List<Path> folders, int maxSites, PrintStream log) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (Path folder : folders) {
            CgcnnFolderReader reader = new CgcnnFolderReader(folder);
            List<CgcnnEntry> entries;
            try {
                entries = reader.entries();
            } catch (spinel.graph.StructureFormatException e) {
                throw new IOException(folder + ": " + e.getMessage(), e);
            }
            AtomicInteger bad = new AtomicInteger();
            String prefix = folder.getFileName() + "/";
            List<Entry> read = entries.parallelStream()
                    .map(e -> {
                        try {
                            Structure s = reader.load(e);
                            return s.size() <= maxSites && s.isOrdered() ? new Entry(prefix + e.id(), s) : null;
                        } catch (Exception ex) {
                            bad.incrementAndGet();
                            return null;
                        }
                    })
                    .filter(Objects::nonNull)
                    .toList();
            log.printf(
                    "%s: %d of %d crystals with <= %d atoms (%d unreadable)%n",
                    folder, read.size(), entries.size(), maxSites, bad.get());
            out.addAll(read);
        }
        return out;
    }

    /** The first entry of each (reduced formula, atoms, volume per atom to 0.1 Å³). */
    public static List<Entry> deduplicate(List<Entry> entries) {
        Map<String, Entry> kept = new LinkedHashMap<>();
        for (Entry e : entries) kept.putIfAbsent(key(e.structure()), e);
        return new ArrayList<>(kept.values());
    }

    static String key(Structure s) {
        return s.composition().reducedFormula() + "|" + s.size() + "|" + Math.round(s.volume() / s.size() * 10);
    }

    /**
     * Splits by reduced formula: a formula is test when its hash modulo 100 is below
     * {@code testPercent}; every crystal whose elements are exactly {@code system} is held out.
     */
    public static Split split(List<Entry> entries, int testPercent, Set<Element> system) {
        List<Entry> train = new ArrayList<>(), test = new ArrayList<>(), held = new ArrayList<>();
        for (Entry e : entries) {
            Set<Element> els = new HashSet<>(e.structure().composition().elements());
            if (els.equals(system)) held.add(e);
            else if (Math.floorMod(e.reducedFormula().hashCode() * 0x9E3779B1, 100) < testPercent) test.add(e);
            else train.add(e);
        }
        return new Split(train, test, held);
    }

    /** One test crystal per formula (the first by id), at most {@code n}, ordered by id. */
    public static List<Entry> onePerFormula(Collection<Entry> entries, int n) {
        Map<String, Entry> first = new LinkedHashMap<>();
        entries.stream().sorted(Comparator.comparing(Entry::id)).forEach(e -> first.putIfAbsent(e.reducedFormula(), e));
        return first.values().stream().limit(n).toList();
    }

    /** The structures of some entries. */
    public static List<Structure> structures(List<Entry> entries) {
        return entries.stream().map(Entry::structure).toList();
    }
}
