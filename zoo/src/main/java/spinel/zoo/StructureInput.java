package spinel.zoo;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import spinel.graph.Structure;
import spinel.graph.io.CgcnnEntry;
import spinel.graph.io.CgcnnFolderReader;
import spinel.graph.io.InputEntries;
import spinel.graph.io.InputEntry;
import spinel.graph.io.Structures;

/**
 * One input of a {@link PredictionPipeline}: where the structures come from ({@link #source()}, a
 * file name or an id), how to read them ({@link #read()}, run on the pipeline's worker threads), and
 * the known value of the target when the input carries one (a CGCNN {@code id_prop.csv} row).
 *
 * @param source what the input is called in results (a file name, an id)
 * @param id     the input's id when it is one row of a dataset (a Matbench or JSON Lines row), else null
 * @param target the known target value, or null
 * @param reader reads the input's structures (called once, on a worker thread)
 */
public record StructureInput(String source, String id, Double target, Reader reader) {

    /** Reads the structures of an input. */
    @FunctionalInterface
    public interface Reader {
        List<Structure> read() throws Exception;
    }

    public StructureInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reader, "reader");
    }

    /** An input that is not a row of a dataset (no id). */
    public StructureInput(String source, Double target, Reader reader) {
        this(source, null, target, reader);
    }

    /** One entry of a stream of inputs ({@link InputEntries}): a file, a dataset row, standard input. */
    public static StructureInput of(InputEntry entry) {
        return new StructureInput(entry.source(), entry.id(), entry.target(), entry::read);
    }

    /** Every structure of {@code file} (any format {@link Structures} reads). */
    public static StructureInput of(Path file) {
        return new StructureInput(file.toString(), null, () -> Structures.read(file));
    }

    /** A structure already in memory, named by its id. */
    public static StructureInput of(Structure structure) {
        return of(structure.id() != null ? structure.id() : "structure", structure, null);
    }

    /** A structure already in memory with its known target value (null if unknown). */
    public static StructureInput of(String source, Structure structure, Double target) {
        Objects.requireNonNull(structure, "structure");
        return new StructureInput(source, target, () -> List.of(structure));
    }

    /**
     * The row {@code entry} of a CGCNN folder: its CIF (the source), read on demand, the structure named
     * by the row's id, and the row's first target.
     */
    public static StructureInput of(CgcnnFolderReader folder, CgcnnEntry entry) {
        double t = entry.targets().length > 0 ? entry.targets()[0] : Double.NaN;
        return new StructureInput(
                entry.cif().toString(), Double.isNaN(t) ? null : t, () -> List.of(folder.load(entry)));
    }

    /** The rows of a CGCNN dataset folder in {@code id_prop.csv} order, each read when its turn comes. */
    public static Iterator<StructureInput> rows(CgcnnFolderReader folder) throws Exception {
        Iterator<CgcnnEntry> entries = folder.entries().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public StructureInput next() {
                if (!entries.hasNext()) throw new NoSuchElementException();
                return of(folder, entries.next());
            }
        };
    }

    /** Reads the input's structures. */
    public List<Structure> read() throws Exception {
        return reader.read();
    }

    @Override
    public String toString() {
        return id == null ? source : source + " (" + id + ")";
    }
}
