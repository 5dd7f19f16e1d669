package spinel.graph.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;

/**
 * One input of a stream of structures ({@link InputEntries}): a structure file, one row of a dataset
 * (a Matbench dataset, a JSON Lines file, a CGCNN folder's {@code id_prop.csv}) or standard input.
 * Nothing is read until {@link #read()} or {@link #readEach()} is called, so reading can run on
 * worker threads while the stream moves on.
 *
 * <p>{@link #source()} is what output lines call {@code "file"}; {@link #id()} is the row's id for
 * a row of a dataset (then the lines carry {@code "id"}), null for a whole file.
 */
public final class InputEntry {

    /** Reads the parts of an entry: a structure each, or why a part could not be read. */
    @FunctionalInterface
    public interface Content {
        List<ReadResult> readEach() throws IOException;
    }

    /** Reads every structure of an entry, failing on the first part that cannot be read. */
    @FunctionalInterface
    public interface Parser {
        List<Structure> read() throws IOException, StructureFormatException;
    }

    private final String source;
    private final String id;
    private final Double target;
    private final Parser parser;
    private final Content content;

    private InputEntry(String source, String id, Double target, Parser parser, Content content) {
        this.source = Objects.requireNonNull(source, "source");
        this.id = id;
        this.target = target;
        this.parser = parser;
        this.content = content;
    }

    /** A structure file, read by {@link Structures} (format from its name). */
    public static InputEntry file(Path file) {
        return new InputEntry(
                file.toString(), null, null, () -> Structures.read(file), () -> Structures.readEach(file));
    }

    /**
     * One row of a dataset holding one structure.
     *
     * @param source the dataset's name ({@code "file"} in output)
     * @param id     the row's id
     * @param target the known target value, or null
     * @param parser reads the row's structure
     */
    public static InputEntry row(String source, String id, Double target, Parser parser) {
        Objects.requireNonNull(id, "id");
        return new InputEntry(source, id, target, parser, asOne(id, parser));
    }

    /**
     * An input read as a whole (a CGCNN row's CIF, standard input): {@code source} names it in output
     * and it has no row id.
     */
    public static InputEntry of(String source, Double target, Parser parser) {
        return new InputEntry(source, null, target, parser, asOne(null, parser));
    }

    /** The parts of an input read as a whole: its structures, or one failure (named {@code id}) for all. */
    private static Content asOne(String id, Parser parser) {
        return () -> {
            try {
                List<ReadResult> out = new ArrayList<>();
                for (Structure s : parser.read()) out.add(ReadResult.of(s));
                return out;
            } catch (StructureFormatException e) {
                return List.of(ReadResult.failed(id, e));
            }
        };
    }

    /** The file (or dataset, or {@code -}) the entry comes from. */
    public String source() {
        return source;
    }

    /** The row's id for a row of a dataset, null for a whole file. */
    public String id() {
        return id;
    }

    /** The known target value (a Matbench or CGCNN row, a JSON Lines row with {@code "target"}), or null. */
    public Double target() {
        return target;
    }

    /** Every structure of the entry; the first part that cannot be read fails the whole entry. */
    public List<Structure> read() throws IOException, StructureFormatException {
        return parser.read();
    }

    /** Every part of the entry that can be read, and a failure for each part that cannot. */
    public List<ReadResult> readEach() throws IOException {
        return content.readEach();
    }

    @Override
    public String toString() {
        return id == null ? source : source + " (" + id + ")";
    }
}
