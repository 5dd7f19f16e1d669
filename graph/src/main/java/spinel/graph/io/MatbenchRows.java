package spinel.graph.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import spinel.graph.StructureFormatException;

/**
 * The rows of a Matbench dataset, one entry each (id and target from the row), read one at a time. A row
 * that cannot be read gives a failing entry and ends the dataset (the JSON cannot be followed past it).
 */
final class MatbenchRows extends LookAhead<InputEntry> implements Closeable {

    private final String source;
    private final MatbenchReader.Dataset dataset;
    private int row;
    private boolean done;

    private MatbenchRows(String source, MatbenchReader.Dataset dataset) {
        this.source = source;
        this.dataset = dataset;
    }

    static Iterator<InputEntry> open(Path file) {
        try {
            return new MatbenchRows(file.toString(), MatbenchReader.open(file));
        } catch (IOException | StructureFormatException e) {
            return List.of(InputEntries.failed(file.toString(), null, e)).iterator();
        }
    }

    @Override
    protected InputEntry advance() {
        if (done) return null;
        try {
            MatbenchEntry e = dataset.nextEntry();
            if (e == null) return null;
            row++;
            Double target = Double.isNaN(e.target()) ? null : e.target();
            return InputEntry.row(source, e.id(), target, () -> List.of(e.structure()));
        } catch (IOException | StructureFormatException x) {
            done = true;
            String id = row < dataset.size() ? dataset.ids().get(row) : source + "#" + row;
            return InputEntries.failed(source, id, x);
        }
    }

    @Override
    public void close() throws IOException {
        dataset.close();
    }
}
