package spinel.train;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;
import spinel.graph.io.CgcnnEntry;
import spinel.graph.io.CgcnnFolderReader;
import spinel.graph.io.CifReader;
import spinel.graph.io.CsvRows;
import spinel.graph.io.ExtxyzFrame;
import spinel.graph.io.ExtxyzReader;
import spinel.graph.io.MatbenchEntry;
import spinel.graph.io.MatbenchReader;
import spinel.graph.io.Structures;

/**
 * A labelled set of crystal structures: row ids, one numeric target per row, and the structures,
 * read on demand in row order ({@link #forEachChunk}) so that large datasets are never all in memory.
 *
 * <p>Sources ({@link #open}):
 * <ul>
 * <li>a CGCNN folder ({@code id_prop.csv} + {@code <id>.cif}); the target is the first id_prop
 *     column, or a named column of a {@code labels.csv} with a header in the same folder;</li>
 * <li>a Matbench {@code .json.gz} file (its target column);</li>
 * <li>a labelled CSV with a header ({@code .csv} or {@code .csv.gz}): the first column is the id, the
 *     structure file is the {@code file}/{@code path}/{@code cif} column or {@code <id>.cif} next to
 *     the CSV, and the target is the column named by {@code target};</li>
 * <li>an extended-XYZ file with one frame per structure and the target as a per-frame property.</li>
 * </ul>
 * A column name matches exactly, case-insensitively, or up to a unit in parentheses
 * ({@code band_gap} matches {@code band_gap (eV)}).
 */
public final class CrystalDataset {

    /** Where the structures come from. */
    public enum Kind {
        CGCNN_FOLDER,
        MATBENCH,
        CSV,
        EXTXYZ
    }

    /** Receives structures in row order, a chunk at a time. */
    @FunctionalInterface
    public interface ChunkConsumer {
        void accept(int firstRow, List<Structure> structures) throws IOException;
    }

    private static final CifReader CIF = new CifReader();

    private final String name;
    private final Path source;
    private final Kind kind;
    private final List<String> ids;
    private final double[] targets;
    private final String targetName;
    private final List<Path> files;
    private final List<Structure> frames;
    private String contentHash;
    /** For a subset of a Matbench file: the file rows it keeps (ascending); null for all. */
    private int[] sourceRows;

    private CrystalDataset(
            String name,
            Path source,
            Kind kind,
            List<String> ids,
            double[] targets,
            String targetName,
            List<Path> files,
            List<Structure> frames) {
        this.name = name;
        this.source = source;
        this.kind = kind;
        this.ids = List.copyOf(ids);
        this.targets = targets;
        this.targetName = targetName;
        this.files = files;
        this.frames = frames;
    }

    /**
     * Opens the dataset at {@code path}.
     *
     * @param target the target column or property name; null for the source's default (CGCNN's first
     *               column, Matbench's target)
     * @throws IllegalArgumentException naming the file when the target is not there
     */
    public static CrystalDataset open(Path path, String target) throws IOException {
        String file = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (Files.isDirectory(path)) return openFolder(path, target);
            if (file.endsWith(".json.gz") || file.endsWith(".json")) return openMatbench(path, target);
            if (file.endsWith(".csv") || file.endsWith(".csv.gz")) return openCsv(path, target, baseName(path));
            if (file.endsWith(".xyz")
                    || file.endsWith(".extxyz")
                    || file.endsWith(".xyz.gz")
                    || file.endsWith(".extxyz.gz")) {
                return openExtxyz(path, target);
            }
        } catch (StructureFormatException e) {
            throw new IOException(e.getMessage(), e);
        }
        throw new IllegalArgumentException(path
                + ": expected a CGCNN folder, a Matbench .json.gz, a .csv with a header " + "or an extended-XYZ file");
    }

    private static CrystalDataset openFolder(Path dir, String target) throws IOException, StructureFormatException {
        Path labels = dir.resolve("labels.csv");
        boolean numeric = target == null || target.matches("\\d+");
        if (!numeric && Files.isRegularFile(labels))
            return openCsv(labels, target, dir.getFileName().toString());
        if (!Files.isRegularFile(dir.resolve(CgcnnFolderReader.ID_PROP))) {
            throw new IllegalArgumentException(dir + ": a dataset folder needs " + CgcnnFolderReader.ID_PROP);
        }
        if (!numeric && target != null) {
            throw new IllegalArgumentException(dir + ": id_prop.csv has no header, so --target must be a column number "
                    + "(1 = first target), or the folder needs a labels.csv with a \"" + target + "\" column");
        }
        int column = target == null ? 0 : Integer.parseInt(target) - 1;
        CgcnnFolderReader reader = new CgcnnFolderReader(dir, new CifReader());
        List<CgcnnEntry> entries = reader.entries();
        List<String> ids = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        double[] y = new double[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            CgcnnEntry e = entries.get(i);
            if (column < 0 || column >= e.targets().length) {
                throw new IllegalArgumentException(dir.resolve(CgcnnFolderReader.ID_PROP) + " line " + e.line()
                        + ": no target column " + (column + 1));
            }
            ids.add(e.id());
            files.add(e.cif());
            y[i] = e.targets()[column];
        }
        return new CrystalDataset(
                dir.getFileName().toString(),
                dir,
                Kind.CGCNN_FOLDER,
                ids,
                y,
                target == null ? "target" : "target" + target,
                files,
                null);
    }

    private static CrystalDataset openMatbench(Path file, String target) throws IOException, StructureFormatException {
        List<String> ids = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        String targetName;
        try (MatbenchReader.Dataset ds = MatbenchReader.open(file)) {
            targetName = ds.targetName();
            if (target != null && !matches(targetName, target)) {
                throw new IllegalArgumentException(
                        file + ": the target column is \"" + targetName + "\", not \"" + target + "\"");
            }
            MatbenchEntry e;
            while ((e = ds.nextEntry()) != null) {
                ids.add(e.id());
                y.add(e.target());
            }
        }
        return new CrystalDataset(
                baseName(file),
                file,
                Kind.MATBENCH,
                ids,
                y.stream().mapToDouble(Double::doubleValue).toArray(),
                targetName,
                null,
                null);
    }

    private static CrystalDataset openCsv(Path csv, String target, String name) throws IOException {
        if (target == null) throw new IllegalArgumentException(csv + ": name the target column (--target)");
        List<String[]> rows = readCsv(csv);
        String[] header = rows.get(0);
        int t = columnIndex(header, target, csv);
        int fileCol = -1;
        for (int j = 0; j < header.length; j++) {
            String h = header[j].trim().toLowerCase(Locale.ROOT);
            if (h.equals("file") || h.equals("path") || h.equals("cif")) fileCol = j;
        }
        Path dir = csv.toAbsolutePath().getParent();
        List<String> ids = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        double[] y = new double[rows.size() - 1];
        for (int i = 1; i < rows.size(); i++) {
            String[] r = rows.get(i);
            if (r.length != header.length) {
                throw new IllegalArgumentException(
                        csv + " line " + (i + 1) + ": " + r.length + " columns, the header has " + header.length);
            }
            ids.add(r[0].trim());
            files.add(dir.resolve(fileCol >= 0 ? r[fileCol].trim() : r[0].trim() + ".cif"));
            try {
                y[i - 1] = r[t].isBlank() ? Double.NaN : Double.parseDouble(r[t].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        csv + " line " + (i + 1) + ": column \"" + header[t] + "\" is not a number: \"" + r[t] + "\"");
            }
        }
        return new CrystalDataset(name, csv, Kind.CSV, ids, y, header[t].trim(), files, null);
    }

    private static CrystalDataset openExtxyz(Path file, String target) throws IOException, StructureFormatException {
        if (target == null)
            throw new IllegalArgumentException(file + ": name the per-frame property to learn (--target)");
        List<ExtxyzFrame> all;
        ExtxyzReader reader = new ExtxyzReader();
        if (file.toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                all = reader.parseFrames(new String(in.readAllBytes(), StandardCharsets.UTF_8), file.toString());
            }
        } else {
            all = reader.readFrames(file);
        }
        List<String> ids = new ArrayList<>();
        List<Structure> structures = new ArrayList<>();
        double[] y = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            ExtxyzFrame f = all.get(i);
            String key = null;
            for (String k : f.info().keySet()) if (matches(k, target)) key = k;
            if (key == null || f.number(key).isEmpty()) {
                throw new IllegalArgumentException(file + " frame " + (i + 1) + ": no numeric property \"" + target
                        + "\" (it has " + f.info().keySet() + ")");
            }
            y[i] = f.number(key).getAsDouble();
            String id = f.info()
                    .getOrDefault(
                            "id", f.structure().id() != null ? f.structure().id() : baseName(file) + "#" + i);
            ids.add(id);
            structures.add(f.structure().withId(id));
        }
        return new CrystalDataset(baseName(file), file, Kind.EXTXYZ, ids, y, target, null, structures);
    }

    /** A short name for cache files and reports. */
    public String name() {
        return name;
    }

    public Path source() {
        return source;
    }

    public Kind kind() {
        return kind;
    }

    public int size() {
        return ids.size();
    }

    /** Row ids, in row order. */
    public List<String> ids() {
        return ids;
    }

    /** The target of each row (a copy). */
    public double[] targets() {
        return targets.clone();
    }

    public String targetName() {
        return targetName;
    }

    /**
     * The rows {@code rows} (ascending) of this dataset as a dataset of their own, e.g. a subset of a
     * large task; its graph cache is keyed by the subset's content.
     */
    public CrystalDataset subset(int[] rows) {
        List<String> subIds = new ArrayList<>();
        double[] y = new double[rows.length];
        List<Path> subFiles = files == null ? null : new ArrayList<>();
        List<Structure> subFrames = frames == null ? null : new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            if (i > 0 && rows[i] <= rows[i - 1]) throw new IllegalArgumentException("subset rows must be ascending");
            subIds.add(ids.get(rows[i]));
            y[i] = targets[rows[i]];
            if (subFiles != null) subFiles.add(files.get(rows[i]));
            if (subFrames != null) subFrames.add(frames.get(rows[i]));
        }
        CrystalDataset d =
                new CrystalDataset(name + "-" + rows.length, source, kind, subIds, y, targetName, subFiles, subFrames);
        if (kind == Kind.MATBENCH) {
            d.sourceRows = new int[rows.length];
            for (int i = 0; i < rows.length; i++) d.sourceRows[i] = sourceRows == null ? rows[i] : sourceRows[rows[i]];
        }
        return d;
    }

    /** The same structures with other targets (e.g. labels joined from a metadata file). */
    public CrystalDataset withTargets(String newName, double[] values) {
        if (values.length != size())
            throw new IllegalArgumentException(values.length + " targets for " + size() + " rows");
        CrystalDataset d = new CrystalDataset(name, source, kind, ids, values.clone(), newName, files, frames);
        d.contentHash = contentHash;
        d.sourceRows = sourceRows;
        return d;
    }

    /**
     * Reads the structures in row order, {@code chunk} at a time (CIF files of a chunk are read in
     * parallel), each with its row id; only one chunk is in memory at once.
     */
    public void forEachChunk(int chunk, ChunkConsumer consumer) throws IOException {
        if (frames != null) {
            for (int start = 0; start < frames.size(); start += chunk) {
                consumer.accept(start, frames.subList(start, Math.min(frames.size(), start + chunk)));
            }
        } else if (files != null) {
            for (int start = 0; start < files.size(); start += chunk) {
                int first = start;
                List<Structure> list = java.util.stream.IntStream.range(start, Math.min(files.size(), start + chunk))
                        .parallel()
                        .mapToObj(i -> readFile(i))
                        .toList();
                consumer.accept(first, list);
            }
        } else {
            try (MatbenchReader.Dataset ds = MatbenchReader.open(source)) {
                List<Structure> list = new ArrayList<>();
                int row = 0, first = 0, fileRow = -1;
                MatbenchEntry e;
                while ((e = ds.nextEntry()) != null && row < ids.size()) {
                    fileRow++;
                    if (sourceRows != null && sourceRows[row] != fileRow) continue;
                    if (!e.id().equals(ids.get(row)))
                        throw new IOException(source + ": row " + row + " changed while reading");
                    list.add(e.structure().withId(e.id()));
                    row++;
                    if (list.size() == chunk) {
                        consumer.accept(first, list);
                        first = row;
                        list = new ArrayList<>();
                    }
                }
                if (!list.isEmpty()) consumer.accept(first, list);
            } catch (StructureFormatException x) {
                throw new IOException(x.getMessage(), x);
            }
        }
    }

    private Structure readFile(int row) {
        try {
            Path f = files.get(row);
            String lower = f.getFileName().toString().toLowerCase(Locale.ROOT);
            // CIFs are read with the first data block, as the reference CGCNN does
            Structure s = lower.endsWith(".cif") ? CIF.readOne(f) : Structures.readOne(f);
            return s.withId(ids.get(row));
        } catch (IOException e) {
            throw new UncheckedIOException(files.get(row) + " (row " + ids.get(row) + "): " + e.getMessage(), e);
        } catch (StructureFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * SHA-256 of the dataset's content: the source file's bytes, or for a folder/CSV the index file and
     * every structure file in row order. Computed once.
     */
    public synchronized String contentHash() throws IOException {
        if (contentHash == null) {
            MessageDigest md = Hashing.sha256();
            md.update(Files.readAllBytes(source.resolve(Files.isDirectory(source) ? CgcnnFolderReader.ID_PROP : "")));
            if (sourceRows != null) md.update(Arrays.toString(sourceRows).getBytes(StandardCharsets.UTF_8));
            if (files != null) {
                for (Path f : files) {
                    md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    md.update(Files.readAllBytes(f));
                }
            }
            contentHash = Hashing.hex(md.digest());
        }
        return contentHash;
    }

    /**
     * The values of column {@code column} of a CSV with a header (optionally gzip'd) whose first
     * column is the row id, in the order of {@code ids}.
     *
     * @throws IllegalArgumentException naming the file when the column or an id is missing
     */
    public static String[] joinColumn(Path csv, List<String> ids, String column) throws IOException {
        List<String[]> rows = readCsv(csv);
        int c = columnIndex(rows.get(0), column, csv);
        Map<String, String> byId = new HashMap<>();
        for (int i = 1; i < rows.size(); i++) {
            String[] r = rows.get(i);
            if (r.length > c) byId.put(r[0].trim(), r[c].trim());
        }
        String[] out = new String[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = byId.get(ids.get(i));
            if (out[i] == null) throw new IllegalArgumentException(csv + ": no row for id " + ids.get(i));
        }
        return out;
    }

    private static int columnIndex(String[] header, String column, Path file) {
        for (int j = 0; j < header.length; j++) if (header[j].trim().equals(column)) return j;
        for (int j = 0; j < header.length; j++) if (matches(header[j], column)) return j;
        throw new IllegalArgumentException(
                file + ": no column \"" + column + "\" in the header " + Arrays.toString(header));
    }

    static boolean matches(String header, String name) {
        String h = header.trim().toLowerCase(Locale.ROOT);
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (h.equals(n)) return true;
        int paren = h.indexOf(" (");
        return paren > 0 && h.substring(0, paren).equals(n);
    }

    /** Rows of a CSV file (quoted fields allowed, see {@link CsvRows}), gzip'd or not. */
    static List<String[]> readCsv(Path csv) throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (CsvRows.Row r : CsvRows.read(csv)) rows.add(r.cells());
        if (rows.isEmpty()) throw new IllegalArgumentException(csv + ": empty, expected a header line");
        return rows;
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        for (String ext : new String[] {".gz", ".json", ".csv", ".extxyz", ".xyz"}) {
            if (n.endsWith(ext)) n = n.substring(0, n.length() - ext.length());
        }
        return n;
    }
}
