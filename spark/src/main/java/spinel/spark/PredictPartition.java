package spinel.spark;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;
import spinel.conv.TorchThreads;
import spinel.graph.Structure;
import spinel.graph.symmetry.SymmetryAnalyzer;
import spinel.graph.symmetry.SymmetryDataset;
import spinel.zoo.Prediction;
import spinel.zoo.PredictionPipeline;
import spinel.zoo.PredictionResult;
import spinel.zoo.StructureInput;
import spinel.zoo.StructureModel;

/**
 * One partition through the prediction pipeline, on the task's thread: rows are read, turned into graphs
 * and predicted a batch at a time as Spark pulls the output, so a partition of any size streams in the
 * memory of two batches. Models are borrowed from the executor ({@link ExecutorModels}) and given back
 * when the task ends.
 */
final class PredictPartition implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final ModelSpec spec;
    private final int structureColumn;
    private final int idColumn;

    PredictPartition(ModelSpec spec, int structureColumn, int idColumn) {
        this.spec = spec;
        this.structureColumn = structureColumn;
        this.idColumn = idColumn;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        TorchThreads.configure(1); // one core per task: Spark runs as many tasks as the executor has cores
        List<StructureModel<?>> models = ExecutorModels.borrow(spec);
        PredictionPipeline pipeline = PredictionPipeline.builder()
                .addModels(models)
                .optBatchSize(spec.batchSize())
                .optThreads(0)
                .optEmbeddings(spec.embeddings())
                .build();
        Runnable done = () -> {
            pipeline.close();
            ExecutorModels.release(spec, models);
        };
        TaskContext task = TaskContext.get();
        if (task != null) task.addTaskCompletionListener((TaskCompletionListener) ctx -> done.run());
        return new Output(rows, pipeline, task == null ? done : null);
    }

    /** The output rows: each result joined back to its input row, in order. */
    private final class Output implements Iterator<Row> {
        private final Deque<Object[]> pending = new ArrayDeque<>(); // {StructureInput, Row}
        private final Iterator<PredictionResult> results;
        private final Runnable onEnd;
        private final SymmetryAnalyzer analyzer = SymmetryAnalyzer.create();
        private Structure lastStructure;
        private Object[] lastSymmetry;
        private long position;

        Output(Iterator<Row> rows, PredictionPipeline pipeline, Runnable onEnd) {
            this.onEnd = onEnd;
            Iterator<StructureInput> inputs = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public StructureInput next() {
                    Row row = rows.next();
                    StructureInput in = input(row, position++);
                    pending.add(new Object[] {in, row});
                    return in;
                }
            };
            this.results = pipeline.predict(inputs);
        }

        private StructureInput input(Row row, long position) {
            String id =
                    idColumn >= 0 && !row.isNullAt(idColumn) ? String.valueOf(row.get(idColumn)) : "row " + position;
            String text = row.isNullAt(structureColumn) ? null : row.getString(structureColumn);
            return new StructureInput(id, id, null, () -> List.of(StructureCells.parse(text, "partition", id)));
        }

        @Override
        public boolean hasNext() {
            boolean more = results.hasNext();
            if (!more && onEnd != null) onEnd.run();
            return more;
        }

        @Override
        public Row next() {
            if (!hasNext()) throw new NoSuchElementException();
            PredictionResult r = results.next();
            while (pending.peek()[0] != r.input()) pending.poll();
            Row in = (Row) pending.peek()[1];
            Object[] out = new Object[in.length() + StructureDatasets.PREDICTION_COLUMNS.size()];
            for (int i = 0; i < in.length(); i++) out[i] = in.get(i);
            fill(out, in.length(), r);
            return RowFactory.create(out);
        }

        private void fill(Object[] out, int k, PredictionResult r) {
            out[k] = r.model();
            out[k + 1] = r.ok();
            if (r.ok()) {
                Prediction p = r.prediction();
                if (p.isClassification()) {
                    out[k + 3] = p.label();
                    out[k + 4] = (float) p.value();
                } else {
                    out[k + 2] = (float) p.value();
                }
                out[k + 5] = p.units();
                if (p.embedding() != null) {
                    Float[] e = new Float[p.embedding().length];
                    for (int i = 0; i < e.length; i++) e[i] = p.embedding()[i];
                    out[k + 9] = e;
                }
            } else {
                out[k + 10] = r.errorMessage();
            }
            if (r.structure() != null) {
                Object[] sym = symmetry(r.structure());
                System.arraycopy(sym, 0, out, k + 6, 3);
            }
        }

        /** The exact symmetry of {@code s} (once per structure, as {@code spinel predict}), nulls when it fails. */
        private Object[] symmetry(Structure s) {
            if (s != lastStructure) {
                lastStructure = s;
                try {
                    SymmetryDataset d = analyzer.analyze(s);
                    lastSymmetry = new Object[] {
                        d.number(), d.international(), d.crystalSystem().label()
                    };
                } catch (RuntimeException e) {
                    lastSymmetry = new Object[3];
                }
            }
            return lastSymmetry;
        }
    }
}
