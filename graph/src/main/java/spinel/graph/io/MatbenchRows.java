package spinel.graph.io;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import spinel.graph.StructureFormatException;

/**
 * The rows of a Matbench dataset, one entry each (id and target from the row), read one at a time. A row
 * that cannot be read gives a failing entry and ends the dataset (the JSON cannot be followed past it).
 */
final class MatbenchRows implements Iterator<InputEntry>, Closeable {

    private final String source;
    private final MatbenchReader.Dataset dataset;
    private int row;
    private InputEntry next;
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
    public boolean hasNext() {
        if (next != null || done) return next != null;
        try {
            MatbenchEntry e = dataset.nextEntry();
            if (e == null) {
                done = true;
                return false;
            }
            row++;
            Double target = Double.isNaN(e.target()) ? null : e.target();
            next = InputEntry.row(source, e.id(), target, () -> List.of(e.structure()));
        } catch (IOException | StructureFormatException x) {
            done = true;
            String id = row < dataset.size() ? dataset.ids().get(row) : source + "#" + row;
            next = InputEntries.failed(source, id, x);
        }
        return true;
    }

    @Override
    public InputEntry next() {
        if (!hasNext()) throw new NoSuchElementException();
        InputEntry e = next;
        next = null;
        return e;
    }

    @Override
    public void close() throws IOException {
        dataset.close();
    }
}
