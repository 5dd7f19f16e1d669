package spinel.train;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import spinel.conv.ReducedGraph;
import spinel.graph.BondAngles;
import spinel.graph.BondFeaturizer;
import spinel.graph.CrystalGraph;
import spinel.graph.Structure;
import spinel.graph.io.AtomicFiles;

/**
 * The crystal graphs of a dataset, built once (in parallel) and kept on disk in a compact binary
 * file; {@link #graph(int)} reads one back. Training streams graphs from here batch by batch, so a
 * 100,000-crystal dataset never needs all its graphs in memory (the reference CGCNN caches every
 * graph in RAM).
 *
 * <p>Compactness: per atom the file stores an index into a palette of distinct atom-feature vectors
 * (one row per element in practice), its real neighbour count, and per neighbour slot the index,
 * the distance (float) and the periodic image (3 shorts) — about 170 bytes per atom for M = 12 —
 * instead of the N×M×B bond-feature block (2 KB per atom for B = 41): bond features are recomputed
 * from the distances with the graph settings' {@link BondFeaturizer}. Each graph is checked when
 * written; one whose bond features cannot be recomputed to 1e-5 is stored with its features raw.
 *
 * <p>The file is named by a key of the dataset's content hash and the graph settings, so a changed
 * dataset or other settings never reuse a stale cache, and it is written to a temporary name and
 * moved into place atomically.
 *
 * <p>Per-atom descriptors that differ from atom to atom (the last {@code inlineColumns} of the F atom
 * features, e.g. {@link AtomDescriptors}) are stored with each atom instead of in the palette.
 *
 * <p>With each graph the file stores its reduction for the network ({@link ReducedGraph}: the
 * representatives of the atoms a CGCNN cannot tell apart and their distinct neighbour slots, about
 * 60 bytes per atom), computed when the graph is built, so that {@link #reduced(int)} reads a batch's
 * network input without reducing every graph again on every epoch.
 *
 * <p>Graphs that carry bond angles ({@link spinel.graph.BondAngles}, for bond-angle layers) store them
 * with their record: the nearest-bond count and the T cosines (4 bytes each; T = Σ c_j(c_j − 1), 56
 * per atom for the nearest 8 of 12 bonds), computed once when the graph is built. Format 5 added
 * them; a cache of an older format is reported and built again.
 *
 * <p>Layout: magic (with the format version), count, M, F, B, inline columns; per graph its record
 * and its reduction's record; the palette (count, F floats each); the record offsets (count + 1
 * longs) and the reduction offsets (count longs); the footer position (long); the CRC-32C of every
 * byte before it (long). The checksum is verified when the cache is opened (about 1 s per
 * GB): a truncated, bit-flipped or older-format cache is reported, deleted and built again, and
 * temporary files left by a killed build are removed.
 */
public final class GraphCache implements Closeable {

    private static final String MAGIC = "spinel-graphs-5";
    private static final double BOND_TOLERANCE = 1e-5;

    private final Path file;
    private final FileChannel channel;
    private final BondFeaturizer bonds;
    private final int count, maxNeighbors, atomFeatureLength, bondFeatureLength, inlineColumns;
    private final float[][] palette;
    private final long[] offsets;
    private final long[] reducedOffsets;

    private GraphCache(Path file, BondFeaturizer bonds) throws IOException {
        this.file = file;
        this.bonds = bonds;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            if (size < 40) throw new Damaged("truncated: " + size + " bytes");
            ByteBuffer head = read(0, (int) Math.min(4096, size));
            String magic = readString(head);
            if (!MAGIC.equals(magic))
                throw new Damaged(magic.startsWith("spinel-graphs-") ? "older format " + magic : "not a graph cache");
            long stored = read(size - 8, 8).getLong();
            long actual = crc(size - 8);
            if (stored != actual) throw new Damaged("checksum mismatch: truncated or altered");
            count = head.getInt();
            maxNeighbors = head.getInt();
            atomFeatureLength = head.getInt();
            bondFeatureLength = head.getInt();
            inlineColumns = head.getInt();
            long footer = read(size - 16, 8).getLong();
            ByteBuffer f = read(footer, (int) (size - 16 - footer));
            int paletteSize = f.getInt();
            palette = new float[paletteSize][atomFeatureLength - inlineColumns];
            for (float[] row : palette) for (int j = 0; j < row.length; j++) row[j] = f.getFloat();
            offsets = new long[count + 1];
            for (int i = 0; i <= count; i++) offsets[i] = f.getLong();
            reducedOffsets = new long[count];
            for (int i = 0; i < count; i++) reducedOffsets[i] = f.getLong();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e instanceof Damaged d ? d : new Damaged("unreadable: " + e);
        }
    }

    /** A cache file that cannot be trusted: it is rebuilt. */
    private static final class Damaged extends IOException {
        Damaged(String why) {
            super(why);
        }
    }

    /** CRC-32C of the first {@code length} bytes of the file. */
    private long crc(long length) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        for (long pos = 0; pos < length; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), length - pos));
            int r = channel.read(buf, pos);
            if (r < 0) throw new Damaged("truncated at byte " + pos);
            buf.flip();
            crc.update(buf);
            pos += r;
        }
        return crc.getValue();
    }

    /** F, atom feature length of every graph. */
    public int atomFeatureLength() {
        return atomFeatureLength;
    }

    /** B, bond feature length of every graph. */
    public int bondFeatureLength() {
        return bondFeatureLength;
    }

    /** M, neighbour slots per atom. */
    public int maxNeighbors() {
        return maxNeighbors;
    }

    /** Number of graphs. */
    public int size() {
        return count;
    }

    /** The cache file. */
    public Path file() {
        return file;
    }

    /**
     * Opens the cache for {@code dataset} and the graph settings {@code settingsKey}, building it first
     * when it is not in {@code cacheDir} yet.
     *
     * @param builder     structure → graph (e.g. {@code CrystalGraphBuilder::build}); called in parallel
     * @param bonds       the builder's bond featurizer, to recompute bond features from distances
     * @param settingsKey a description of every graph setting (radius, neighbours, featurizers)
     * @param log         where progress lines go
     */
    public static GraphCache open(
            CrystalDataset dataset,
            Function<Structure, CrystalGraph> builder,
            BondFeaturizer bonds,
            String settingsKey,
            Path cacheDir,
            PrintStream log)
            throws IOException {
        return open(dataset, builder, bonds, settingsKey, 0, cacheDir, log);
    }

    /**
     * As {@link #open(CrystalDataset, Function, BondFeaturizer, String, Path, PrintStream)}, storing
     * the last {@code inlineColumns} atom features with each atom (per-atom descriptors) rather than
     * in the palette of distinct rows.
     */
    public static GraphCache open(
            CrystalDataset dataset,
            Function<Structure, CrystalGraph> builder,
            BondFeaturizer bonds,
            String settingsKey,
            int inlineColumns,
            Path cacheDir,
            PrintStream log)
            throws IOException {
        String key = Hashing.sha256Hex((dataset.contentHash() + "\n" + settingsKey).getBytes(StandardCharsets.UTF_8))
                .substring(0, 24);
        Path file = cacheDir.resolve(dataset.name() + "-" + key + ".graphs");
        for (Path stale : AtomicFiles.cleanStaleTemporaries(cacheDir))
            log.printf("removed %s, left by a build that was killed%n", stale);
        if (Files.isRegularFile(file)) {
            try {
                GraphCache cache = new GraphCache(file, bonds);
                if (cache.size() == dataset.size()) return cache;
                cache.close();
                log.printf(
                        "graph cache %s holds %d graphs, the dataset %d: rebuilding it%n",
                        file, cache.size(), dataset.size());
            } catch (Damaged e) {
                if (e.getMessage().startsWith("older format"))
                    log.printf(
                            "graph cache %s was written by an older Spinel (%s): rebuilding it%n",
                            file, e.getMessage());
                else log.printf("graph cache %s is damaged (%s): rebuilding it%n", file, e.getMessage());
            }
        }
        long t0 = System.nanoTime();
        log.printf("building %d crystal graphs of %s into %s%n", dataset.size(), dataset.name(), file);
        try {
            write(dataset, builder, bonds, inlineColumns, file, log);
        } catch (FileSystemException e) {
            throw new IOException(
                    "cannot write the graph cache " + file + " (" + (e.getReason() != null ? e.getReason() : e)
                            + "): set --cache to a writable folder",
                    e);
        }
        log.printf("built %d graphs in %.1f s%n", dataset.size(), (System.nanoTime() - t0) / 1e9);
        GraphCache cache = new GraphCache(file, bonds);
        if (cache.size() != dataset.size()) {
            cache.close();
            throw new IOException(file + ": holds " + cache.size() + " graphs, the dataset has " + dataset.size());
        }
        return cache;
    }

    private static void write(
            CrystalDataset dataset,
            Function<Structure, CrystalGraph> builder,
            BondFeaturizer bonds,
            int inlineColumns,
            Path file,
            PrintStream log)
            throws IOException {
        RunFiles.writeAtomically(file, raw -> {
            Writer writer = new Writer(raw, dataset, bonds, inlineColumns);
            long[] progress = {System.nanoTime()};
            dataset.forEachChunk(256, (firstRow, structures) -> {
                for (Built b : build(dataset, builder, structures)) writer.add(b.graph(), b.reduced());
                if (System.nanoTime() - progress[0] > 10e9) {
                    progress[0] = System.nanoTime();
                    log.printf("  %d / %d graphs%n", writer.written, dataset.size());
                }
            });
            writer.finish();
        });
    }

    /** A graph and its reduction for the network ({@link ReducedGraph}), both stored. */
    private record Built(CrystalGraph graph, ReducedGraph reduced) {}

    /** The graphs of a chunk of structures and their reductions, built in parallel; a failure names the row. */
    private static List<Built> build(
            CrystalDataset dataset, Function<Structure, CrystalGraph> builder, List<Structure> structures) {
        return structures.parallelStream()
                .map(s -> {
                    try {
                        CrystalGraph g = builder.apply(s);
                        return new Built(g, ReducedGraph.of(g));
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException(
                                dataset.name() + " row " + s.id() + ": cannot build its graph: " + e.getMessage(), e);
                    }
                })
                .toList();
    }

    /** Writes the file's parts in order: header, graph records, palette, offsets, footer, checksum. */
    private static final class Writer {
        private final CheckedOutputStream checked;
        private final CountingStream counting;
        private final DataOutputStream out;
        private final CrystalDataset dataset;
        private final BondFeaturizer bonds;
        private final int inlineColumns;
        private final Map<FloatKey, Integer> paletteIndex = new HashMap<>();
        private final List<float[]> palette = new ArrayList<>();
        private final long[] offsets;
        private final long[] reducedOffsets;
        private final int[] dims = new int[3];
        int written;

        Writer(java.io.OutputStream raw, CrystalDataset dataset, BondFeaturizer bonds, int inlineColumns)
                throws IOException {
            this.checked = new CheckedOutputStream(new BufferedOutputStream(raw, 1 << 16), new CRC32C());
            this.counting = new CountingStream(checked);
            this.out = new DataOutputStream(counting);
            this.dataset = dataset;
            this.bonds = bonds;
            this.inlineColumns = inlineColumns;
            this.offsets = new long[dataset.size() + 1];
            this.reducedOffsets = new long[dataset.size()];
            out.writeUTF(MAGIC);
            out.writeInt(dataset.size());
        }

        /** Appends a graph record and its reduction; the first graph's M, F and B complete the header. */
        void add(CrystalGraph g, ReducedGraph reduced) throws IOException {
            if (written == 0) {
                dims[0] = g.maxNeighbors();
                dims[1] = g.atomFeatureLength();
                dims[2] = g.bondFeatureLength();
                for (int d : dims) out.writeInt(d);
                out.writeInt(inlineColumns);
            } else if (g.maxNeighbors() != dims[0]
                    || g.atomFeatureLength() != dims[1]
                    || g.bondFeatureLength() != dims[2]) {
                throw new IOException(
                        dataset.name() + " row " + g.id() + ": graph shape differs from the first graph's");
            }
            offsets[written] = counting.count;
            boolean rawBonds = !bondsRecomputable(g, bonds);
            writeGraph(g, rawBonds);
            reducedOffsets[written++] = counting.count;
            writeReduced(reduced, rawBonds);
        }

        /** Palette, offsets, footer position and checksum. */
        void finish() throws IOException {
            offsets[written] = counting.count;
            long footer = counting.count;
            out.writeInt(palette.size());
            for (float[] row : palette) for (float v : row) out.writeFloat(v);
            for (long o : offsets) out.writeLong(o);
            for (long o : reducedOffsets) out.writeLong(o);
            out.writeLong(footer);
            out.flush();
            out.writeLong(checked.getChecksum().getValue());
            out.flush();
        }

        private void writeGraph(CrystalGraph g, boolean rawBonds) throws IOException {
            int n = g.numAtoms();
            out.writeUTF(g.id() == null ? "" : g.id());
            out.writeInt(n);
            out.writeBoolean(rawBonds);
            for (int i = 0; i < n; i++) {
                out.writeShort(g.atomicNumbers()[i]);
                writeAtomRow(g.atomFeatures(), i, g.neighborCounts()[i]);
            }
            for (int v : g.neighborIndices()) out.writeInt(v);
            for (float v : g.neighborDistances()) out.writeFloat(v);
            for (int v : g.neighborImages()) out.writeShort(v);
            if (rawBonds) for (float v : g.bondFeatures()) out.writeFloat(v);
            BondAngles angles = g.bondAngles();
            out.writeShort(angles == null ? 0 : angles.nearest());
            if (angles != null) for (float v : angles.cosines()) out.writeFloat(v);
        }

        /** Atom row {@code i} as its palette index, {@code count} (when ≥ 0) and its inline columns. */
        private void writeAtomRow(float[] atoms, int i, int count) throws IOException {
            int f = dims[1];
            float[] row = Arrays.copyOfRange(atoms, i * f, (i + 1) * f - inlineColumns);
            Integer idx = paletteIndex.get(new FloatKey(row));
            if (idx == null) {
                idx = palette.size();
                palette.add(row);
                paletteIndex.put(new FloatKey(row), idx);
            }
            out.writeInt(idx);
            if (count >= 0) out.writeShort(count);
            for (int j = (i + 1) * f - inlineColumns; j < (i + 1) * f; j++) out.writeFloat(atoms[j]);
        }

        /**
         * The reduction: representatives' atom rows, each atom's representative, the distinct slots
         * (representative, neighbour's representative, bond row, count, real), the bond rows' distances
         * (and the rows themselves when they cannot be recomputed).
         */
        private void writeReduced(ReducedGraph r, boolean rawBonds) throws IOException {
            out.writeInt(r.numRepresentatives());
            for (int j = 0; j < r.numRepresentatives(); j++) writeAtomRow(r.atomFeatures(), j, -1);
            out.writeInt(r.numAtoms());
            for (int v : r.representativeOf()) out.writeInt(v);
            ReducedGraph.SlotTable t = r.slots();
            out.writeInt(t.size());
            for (int k = 0; k < t.size(); k++) {
                out.writeInt(t.atom()[k]);
                out.writeInt(t.neighbor()[k]);
                out.writeInt(t.bond()[k]);
                out.writeShort(t.count()[k]);
                out.writeBoolean(t.real()[k]);
            }
            out.writeInt(r.numBondRows());
            for (float d : r.bondDistances()) out.writeFloat(d);
            if (rawBonds) for (float v : r.bondFeatures()) out.writeFloat(v);
        }
    }

    private static boolean bondsRecomputable(CrystalGraph g, BondFeaturizer bonds) {
        if (bonds == null || bonds.length() != g.bondFeatureLength()) return false;
        int b = g.bondFeatureLength();
        float[] buf = new float[b];
        float[] d = g.neighborDistances();
        float[] stored = g.bondFeatures();
        for (int s = 0; s < d.length; s++) {
            bonds.featurize(d[s], buf, 0);
            for (int k = 0; k < b; k++) if (Math.abs(buf[k] - stored[s * b + k]) > BOND_TOLERANCE) return false;
        }
        return true;
    }

    /** Number of atoms of graph {@code row}, without reading the graph. */
    public int numAtoms(int row) throws IOException {
        ByteBuffer buf = read(offsets[row], (int) Math.min(offsets[row + 1] - offsets[row], 512));
        readString(buf);
        return buf.getInt();
    }

    /** Graph {@code row}, read back from disk. Thread-safe. */
    public CrystalGraph graph(int row) {
        try {
            ByteBuffer buf = read(offsets[row], (int) (reducedOffsets[row] - offsets[row]));
            String id = readString(buf);
            int n = buf.getInt();
            boolean rawBonds = buf.get() != 0;
            int m = maxNeighbors, f = atomFeatureLength, b = bondFeatureLength;
            int[] z = new int[n];
            float[] atom = new float[n * f];
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) {
                z[i] = buf.getShort();
                System.arraycopy(palette[buf.getInt()], 0, atom, i * f, f - inlineColumns);
                counts[i] = buf.getShort();
                for (int j = (i + 1) * f - inlineColumns; j < (i + 1) * f; j++) atom[j] = buf.getFloat();
            }
            int[] idx = new int[n * m];
            for (int s = 0; s < idx.length; s++) idx[s] = buf.getInt();
            float[] dist = new float[n * m];
            for (int s = 0; s < dist.length; s++) dist[s] = buf.getFloat();
            int[] img = new int[n * m * 3];
            for (int s = 0; s < img.length; s++) img[s] = buf.getShort();
            float[] bond = new float[n * m * b];
            if (rawBonds) {
                for (int s = 0; s < bond.length; s++) bond[s] = buf.getFloat();
            } else {
                featurize(dist, bond, b);
            }
            CrystalGraph g = new CrystalGraph(id.isEmpty() ? null : id, z, atom, idx, dist, img, counts, bond);
            int nearest = buf.getShort();
            if (nearest == 0) return g;
            float[] cos = new float[BondAngles.count(g, nearest)];
            for (int t = 0; t < cos.length; t++) cos[t] = buf.getFloat();
            return g.withBondAngles(new BondAngles(nearest, cos));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read graph " + row, e);
        }
    }

    /**
     * Graph {@code row} reduced for the network ({@link ReducedGraph#of} of {@link #graph}, computed
     * when the cache was written), read back without the rest of the graph. Thread-safe.
     */
    public ReducedGraph reduced(int row) {
        try {
            ByteBuffer buf = read(reducedOffsets[row], (int) (offsets[row + 1] - reducedOffsets[row]));
            int f = atomFeatureLength, b = bondFeatureLength;
            int r = buf.getInt();
            float[] atoms = new float[r * f];
            for (int j = 0; j < r; j++) readAtomRow(buf, atoms, j);
            int[] repOf = new int[buf.getInt()];
            for (int i = 0; i < repOf.length; i++) repOf[i] = buf.getInt();
            int s = buf.getInt();
            ReducedGraph.SlotTable t =
                    new ReducedGraph.SlotTable(new int[s], new int[s], new int[s], new int[s], new boolean[s]);
            for (int k = 0; k < s; k++) {
                t.atom()[k] = buf.getInt();
                t.neighbor()[k] = buf.getInt();
                t.bond()[k] = buf.getInt();
                t.count()[k] = buf.getShort();
                t.real()[k] = buf.get() != 0;
            }
            float[] dist = new float[buf.getInt()];
            for (int u = 0; u < dist.length; u++) dist[u] = buf.getFloat();
            float[] rows = new float[dist.length * b];
            if (buf.hasRemaining()) { // the rows follow when they cannot be recomputed from the distances
                for (int k = 0; k < rows.length; k++) rows[k] = buf.getFloat();
            } else {
                for (int u = 0; u < dist.length; u++) bonds.featurize(dist[u], rows, u * b);
            }
            return new ReducedGraph(maxNeighbors, repOf, atoms, t, rows, dist);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + ": cannot read the reduced graph " + row + ": " + e.getMessage(), e);
        }
    }

    /** Atom row {@code i} of {@code atoms} from its palette index and inline columns. */
    private void readAtomRow(ByteBuffer buf, float[] atoms, int i) {
        int f = atomFeatureLength;
        System.arraycopy(palette[buf.getInt()], 0, atoms, i * f, f - inlineColumns);
        for (int j = (i + 1) * f - inlineColumns; j < (i + 1) * f; j++) atoms[j] = buf.getFloat();
    }

    /**
     * The bond features of every slot, each distinct distance expanded once (symmetry-equivalent
     * neighbours share their distance, so most rows are copies): a small open-addressing table over
     * the distances' bits.
     */
    private void featurize(float[] dist, float[] bond, int b) {
        int capacity = Integer.highestOneBit(Math.max(4, 2 * dist.length)) << 1;
        int shift = 32 - Integer.numberOfTrailingZeros(capacity);
        int[] table = new int[capacity]; // slot + 1 of the first slot with this distance; 0 is empty
        for (int s = 0; s < dist.length; s++) {
            int bits = Float.floatToIntBits(dist[s]);
            int pos = (bits * 0x9E3779B9) >>> shift;
            int entry;
            while ((entry = table[pos]) != 0 && Float.floatToIntBits(dist[entry - 1]) != bits) {
                pos = (pos + 1) & (capacity - 1);
            }
            if (entry == 0) {
                table[pos] = s + 1;
                bonds.featurize(dist[s], bond, s * b);
            } else {
                System.arraycopy(bond, (entry - 1) * b, bond, s * b, b);
            }
        }
    }

    private ByteBuffer read(long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            int r = channel.read(buf, position + buf.position());
            if (r < 0) throw new IOException(file + ": truncated at byte " + (position + buf.position()));
        }
        buf.flip();
        return buf;
    }

    /** Reads a string written by {@link DataOutputStream#writeUTF} (ASCII ids in practice). */
    private static String readString(ByteBuffer buf) {
        int len = buf.getShort() & 0xffff;
        byte[] bytes = new byte[len];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private record FloatKey(float[] v) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FloatKey k && Arrays.equals(v, k.v);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(v);
        }
    }

    private static final class CountingStream extends java.io.FilterOutputStream {
        long count;

        CountingStream(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
