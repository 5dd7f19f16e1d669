package spinel.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import spinel.graph.Structure;
import spinel.graph.StructureFormatException;
import spinel.graph.io.InputEntries;
import spinel.graph.io.InputEntry;
import spinel.graph.io.ReadResult;
import spinel.zoo.StructureInput;

/**
 * Command-line inputs, the one way every command takes them: {@link InputEntries} (files, folders,
 * datasets, JSON Lines, stdin) streamed, and the failure record of a bad one.
 */
final class InputFiles {

    private InputFiles() {}

    /** The inputs named by {@code args}, streamed ({@code -} reads standard input). */
    static InputEntries open(List<String> args) {
        return InputEntries.open(args, System.in);
    }

    /**
     * Every part of one input: structures (with their warnings) and a failure per part that cannot be
     * read (a CIF's bad data block). With {@code strict}, a structure with warnings is a failure too
     * ({@code --strict}: nothing doubtful goes into the results).
     *
     * @throws IOException when the input cannot be read at all (see {@link #failure})
     */
    static List<ReadResult> read(InputEntry entry, boolean strict) throws IOException {
        List<ReadResult> results = entry.readEach();
        if (!strict) return results;
        List<ReadResult> out = new ArrayList<>(results.size());
        for (ReadResult r : results) {
            if (!r.ok() || r.structure().warnings().isEmpty()) {
                out.add(r);
                continue;
            }
            out.add(ReadResult.failed(r.id(), refused(entry.source(), r.structure())));
        }
        return out;
    }

    private static StructureFormatException refused(String source, Structure s) {
        return new StructureFormatException(
                source,
                0,
                (s.id() != null ? "data_" + s.id() + ": " : "") + "refused by --strict: "
                        + String.join("; ", s.warnings()));
    }

    /**
     * A prediction input of {@code entry}; with {@code strict} an input with a structure the reader has
     * warnings about is refused as a whole, naming the structure and the warnings.
     */
    static StructureInput predictionInput(InputEntry entry, boolean strict) {
        if (!strict) return StructureInput.of(entry);
        return new StructureInput(entry.source(), entry.id(), entry.target(), () -> {
            List<Structure> all = entry.read();
            for (Structure s : all) if (!s.warnings().isEmpty()) throw refused(entry.source(), s);
            return all;
        });
    }

    /**
     * Describes every input in parallel and writes its JSON lines in input order as they come; returns the
     * exit status of the command: 1 when any line is {@code "ok": false}.
     */
    static int printInOrder(
            Iterator<InputEntry> entries, Function<InputEntry, List<Map<String, Object>>> describe, JsonLines out) {
        boolean[] failed = {false};
        InOrder.map(
                entries,
                describe,
                Runtime.getRuntime().availableProcessors(),
                records -> records.forEach(r -> {
                    if (Boolean.FALSE.equals(r.get("ok"))) failed[0] = true;
                    out.write(r);
                }));
        return failed[0] ? 1 : 0;
    }

    /** {"file": ..., "id"?: ..., "ok": false, "error": ...} for an input that could not be processed. */
    static Map<String, Object> failure(InputEntry entry, Throwable e) {
        return failure(entry, entry.id(), e);
    }

    /** The failure of one part ({@code id}: a CIF data block, a dataset row; null for the whole file). */
    static Map<String, Object> failure(InputEntry entry, String id, Throwable e) {
        String file = entry.source();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("file", file);
        if (id != null) r.put("id", id);
        else if (entry.id() != null) r.put("id", entry.id());
        r.put("ok", false);
        String msg;
        if (e instanceof NoSuchFileException) {
            msg = file + ": not found";
        } else if (e instanceof AccessDeniedException) {
            msg = file + ": cannot read: permission denied";
        } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
            msg = file + ": cannot read: " + fse.getReason();
        } else if (e instanceof IOException) {
            msg = file + ": cannot read: " + e.getMessage();
        } else if (e.getMessage() != null) {
            msg = e.getMessage();
        } else {
            msg = file + ": internal error (" + e.getClass().getSimpleName()
                    + "); run with SPINEL_DEBUG=1 for details and please report it";
        }
        r.put("error", msg);
        return r;
    }
}
