package spinel.graph.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * A dataset folder in the layout of the reference CGCNN (Xie & Grossman, Phys. Rev. Lett. 120,
 * 145301 (2018); {@code cgcnn/data.py}): {@code id_prop.csv} with rows {@code id,target[,target...]}
 * and no header, and one {@code <id>.cif} per row. ({@code atom_init.json}, which the reference also
 * wants there, is not needed.)
 *
 * <p>{@link #entries()} reads only {@code id_prop.csv}; structures are read on demand with
 * {@link #load(CgcnnEntry)}, so a 100,000-structure folder never has to be in memory at once.
 */
public final class CgcnnFolderReader {

    /** The id/target file's name inside the folder. */
    public static final String ID_PROP = "id_prop.csv";

    private final Path dir;
    private final StructureReader cifReader;
    private List<CgcnnEntry> entries;

    /** A reader of the dataset folder {@code dir}, its CIFs read by {@link CifReader}. */
    public CgcnnFolderReader(Path dir) {
        this(dir, new CifReader());
    }

    /**
     * @param dir       the dataset folder
     * @param cifReader reads the {@code <id>.cif} files
     */
    public CgcnnFolderReader(Path dir, StructureReader cifReader) {
        this.dir = dir;
        this.cifReader = cifReader;
    }

    /** The dataset folder. */
    public Path folder() {
        return dir;
    }

    /**
     * The rows of {@code id_prop.csv}, in file order (read once, then cached).
     *
     * @throws StructureFormatException for a malformed row (naming the line): too few columns, a target
     *                                  that is not a number, a different number of targets than the
     *                                  first row, a duplicate id
     */
    public synchronized List<CgcnnEntry> entries() throws IOException, StructureFormatException {
        if (entries == null) entries = Collections.unmodifiableList(readIdProp());
        return entries;
    }

    private List<CgcnnEntry> readIdProp() throws IOException, StructureFormatException {
        Path csv = dir.resolve(ID_PROP);
        String src = csv.toString();
        if (!Files.isRegularFile(csv)) {
            throw new IOException(
                    src + ": not found; a CGCNN dataset folder needs id_prop.csv (rows id,target) and <id>.cif files");
        }
        List<CgcnnEntry> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int width = -1;
        for (CsvRows.Row row : readRows(csv)) {
            String[] cells = row.cells();
            int ln = row.line();
            if (cells.length < 2) {
                throw new StructureFormatException(
                        src, ln, "expected 'id,target', found '" + Text.shorten(String.join(",", cells)) + "'");
            }
            String id = cells[0].trim();
            if (id.isEmpty())
                throw new StructureFormatException(src, ln, "expected an id in the first column, found an empty cell");
            if (id.indexOf('/') >= 0 || id.indexOf('\\') >= 0 || id.equals("..") || id.equals(".")) {
                throw new StructureFormatException(
                        src, ln, "expected an id naming a file in the folder, found '" + Text.shorten(id) + "'");
            }
            if (width < 0) width = cells.length;
            else if (cells.length != width) {
                throw new StructureFormatException(
                        src, ln, "expected " + width + " columns like the first row, found " + cells.length);
            }
            double[] targets = targets(cells, id, src, ln);
            Integer prev = seen.put(id, ln);
            if (prev != null)
                throw new StructureFormatException(
                        src, ln, "duplicate id '" + Text.shorten(id) + "' (first on line " + prev + ")");
            Path cif;
            try {
                cif = dir.resolve(id + ".cif");
            } catch (java.nio.file.InvalidPathException e) {
                throw new StructureFormatException(
                        src, ln, "expected an id naming a file in the folder, found '" + Text.shorten(id) + "'");
            }
            out.add(new CgcnnEntry(id, cif, targets, ln));
        }
        if (out.isEmpty()) throw new StructureFormatException(src, 0, "expected rows 'id,target', found an empty file");
        return out;
    }

    private static List<CsvRows.Row> readRows(Path csv) throws IOException, StructureFormatException {
        try {
            return CsvRows.read(csv);
        } catch (IOException e) {
            if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException)
                throw new StructureFormatException(csv.toString(), 0, e.getMessage());
            throw e;
        }
    }

    private static double[] targets(String[] cells, String id, String src, int ln) throws StructureFormatException {
        double[] targets = new double[cells.length - 1];
        for (int i = 1; i < cells.length; i++) {
            String c = cells[i].trim();
            double v = c.equalsIgnoreCase("nan") ? Double.NaN : Text.parseOrNaN(c);
            if (Double.isNaN(v) && !c.equalsIgnoreCase("nan")) {
                throw new StructureFormatException(
                        src,
                        ln,
                        "expected target " + i + " of '" + Text.shorten(id) + "' to be a number, found '"
                                + Text.shorten(c) + "'" + (ln == 1 ? " (id_prop.csv has no header row)" : ""));
            }
            targets[i - 1] = v;
        }
        return targets;
    }

    /** The number of rows. */
    public int size() throws IOException, StructureFormatException {
        return entries().size();
    }

    /**
     * The structure of {@code entry}, read from its CIF file (the first data block); its id is the
     * entry's id.
     */
    public Structure load(CgcnnEntry entry) throws IOException, StructureFormatException {
        if (!Files.isRegularFile(entry.cif())) {
            throw new StructureFormatException(
                    dir.resolve(ID_PROP).toString(),
                    entry.line(),
                    "the structure file " + entry.cif() + " of id '" + entry.id() + "' does not exist");
        }
        List<Structure> all = cifReader.read(entry.cif());
        if (all.isEmpty())
            throw new StructureFormatException(entry.cif().toString(), 0, "expected a structure, found no data block");
        return all.get(0).withId(entry.id());
    }

    /** A row together with its structure. */
    public record Loaded(CgcnnEntry entry, Structure structure) {}

    /**
     * The rows with their structures, read lazily one by one in file order. Errors surface as
     * {@link UncheckedIOException} and {@link UncheckedStructureFormatException}.
     */
    public Stream<Loaded> stream() throws IOException, StructureFormatException {
        return entries().stream().map(e -> {
            try {
                return new Loaded(e, load(e));
            } catch (IOException x) {
                throw new UncheckedIOException(x);
            } catch (StructureFormatException x) {
                throw new UncheckedStructureFormatException(x);
            }
        });
    }
}
