package spinel.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spinel.graph.Structure;
import spinel.graph.io.MatbenchEntry;
import spinel.graph.io.MatbenchReader;
import spinel.graph.io.PymatgenJson;
import spinel.graph.io.Structures;
import spinel.graph.symmetry.SymmetryAnalyzer;
import spinel.zoo.ModelRegistry;
import spinel.zoo.PredictionPipeline;
import spinel.zoo.PredictionResult;
import spinel.zoo.StructureInput;
import spinel.zoo.StructureModel;

/**
 * Spark local mode on real structures (the examples and, when {@code ../shared} is there, 200 Matbench
 * perovskites): every row equals the prediction pipeline's answer that {@code spinel predict} prints, a bad
 * row is an error column and never a failed job, and the spark-submit job writes Parquet.
 */
class StructureDatasetsTest {

    static final Path EXAMPLES = Path.of(System.getProperty("spinel.examples", "../examples"));
    static final Path PEROVSKITES =
            Path.of(System.getProperty("spinel.shared", "../shared")).resolve("data/matbench_perovskites.json.gz");
    static final String[] MODELS = {"spinel/band-gap", "spinel/space-group"};
    static final ObjectMapper JSON = new ObjectMapper();
    static final StructType SCHEMA =
            new StructType().add("id", DataTypes.StringType).add("structure", DataTypes.StringType);

    static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("spinel-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    /** (id, text) rows: the example CIFs, then pymatgen JSON of Matbench perovskites, and one broken row. */
    static List<String[]> rows() throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".cif")).sorted().toList())
                out.add(new String[] {p.getFileName().toString(), Files.readString(p)});
        }
        out.add(new String[] {"broken", "data_broken\n_cell_length_a 4.0\n"});
        if (Files.isRegularFile(PEROVSKITES)) {
            try (MatbenchReader.Dataset d = MatbenchReader.open(PEROVSKITES)) {
                for (MatbenchEntry e; out.size() < 212 && (e = d.nextEntry()) != null; )
                    out.add(new String[] {
                        e.id(), PymatgenJson.toDict(e.structure()).toString()
                    });
            }
        }
        return out;
    }

    static Dataset<Row> frame(List<String[]> rows, int partitions) {
        List<Row> r = new ArrayList<>();
        for (String[] x : rows) r.add(RowFactory.create(x[0], x[1]));
        Dataset<Row> d = spark.createDataFrame(r, SCHEMA);
        return partitions == 1 ? d.coalesce(1) : d.repartition(partitions); // coalesce keeps the order
    }

    /** What spinel predict computes for the rows: the pipeline over the same structures, in one process. */
    static Map<String, PredictionResult> reference(List<String[]> rows) throws Exception {
        Map<String, PredictionResult> out = new HashMap<>();
        List<StructureModel<?>> models = new ArrayList<>();
        ModelRegistry registry = ModelRegistry.defaultZoo();
        for (String m : MODELS) models.add(registry.open(m, null));
        try (PredictionPipeline p =
                PredictionPipeline.builder().addModels(models).build()) {
            List<StructureInput> in = new ArrayList<>();
            for (String[] x : rows)
                in.add(new StructureInput(x[0], x[0], null, () -> List.of(StructureCells.parse(x[1], "t", x[0]))));
            p.predict(in.iterator(), r -> out.put(r.input().id() + "|" + r.model(), r));
        } finally {
            for (StructureModel<?> m : models) m.close();
        }
        return out;
    }

    /**
     * Rows in one partition are predicted in the batches {@code spinel predict} makes of the same inputs, so
     * every number is the same float32; split into other partitions and batches, a CGCNN's float32 sums
     * (the mean over a batch padded to its largest crystal) may round differently in the last bits, so
     * there the rows agree to 1e-6 (absolute, relative above 1; measured: 2e-7).
     */
    @Test
    void everyRowEqualsThePipelinesPredictionAndABadRowIsAnErrorColumn() throws Exception {
        List<String[]> rows = rows();
        Map<String, PredictionResult> ref = reference(rows);
        check(
                rows,
                ref,
                StructureDatasets.predict(frame(rows, 1), "structure", "id", ModelSpec.of(MODELS))
                        .collectAsList(),
                0);
        check(
                rows,
                ref,
                StructureDatasets.predict(
                                frame(rows, 3),
                                "structure",
                                "id",
                                ModelSpec.of(MODELS).withBatchSize(64))
                        .collectAsList(),
                1e-6);
    }

    static void check(List<String[]> rows, Map<String, PredictionResult> ref, List<Row> got, double tolerance) {
        assertEquals(2 * (rows.size() - 1) + 1, got.size(), "one row per structure and model; one for the bad row");
        SymmetryAnalyzer analyzer = SymmetryAnalyzer.create();
        int compared = 0;
        for (Row r : got) {
            String id = r.getAs("id");
            if (id.equals("broken")) {
                assertFalse(r.<Boolean>getAs("ok"));
                assertNull(r.getAs("model"));
                assertTrue(r.<String>getAs("error").contains("broken"), r.<String>getAs("error"));
                continue;
            }
            PredictionResult want = ref.get(id + "|" + r.getAs("model"));
            assertNotNull(want, id);
            assertTrue(r.<Boolean>getAs("ok"), () -> r.getAs("error"));
            float expected = (float) want.prediction().value();
            if (want.prediction().isClassification()) {
                assertEquals(want.prediction().label(), r.getAs("label"), id);
                assertEquals(expected, r.<Float>getAs("probability"), tolerance * Math.max(1, Math.abs(expected)), id);
            } else {
                assertEquals(expected, r.<Float>getAs("prediction"), tolerance * Math.max(1, Math.abs(expected)), id);
            }
            assertEquals(analyzer.analyze(want.structure()).number(), r.<Integer>getAs("spacegroup"), id);
            compared++;
        }
        assertEquals(2 * (rows.size() - 1), compared);
    }

    @Test
    void symmetryAndDescriptorsAreColumnsToo() throws Exception {
        List<String[]> rows = rows().subList(0, 12);
        List<Row> sym = StructureDatasets.symmetry(frame(rows, 2), "structure", "id", 0.01)
                .collectAsList();
        List<Row> desc =
                StructureDatasets.descriptors(frame(rows, 2), "structure", "id").collectAsList();
        assertEquals(12, sym.size());
        SymmetryAnalyzer analyzer = SymmetryAnalyzer.create();
        for (Row r : sym) {
            if (r.<String>getAs("id").equals("broken")) {
                assertFalse(r.<Boolean>getAs("ok"));
                continue;
            }
            Structure s = Structures.readOne(EXAMPLES.resolve(r.<String>getAs("id")));
            assertEquals(analyzer.analyze(s).number(), r.<Integer>getAs("spacegroup"), r.<String>getAs("id"));
        }
        for (Row r : desc) {
            if (r.<String>getAs("id").equals("broken")) continue;
            Structure s = Structures.readOne(EXAMPLES.resolve(r.<String>getAs("id")));
            double[] want = spinel.descriptors.StructureFeatures.of(s).values();
            List<Double> v = r.getList(r.fieldIndex("descriptors"));
            assertEquals(StructureDatasets.descriptorNames().size(), v.size());
            for (int i = 0; i < want.length; i++) assertEquals(want[i], v.get(i), 1e-9, r.getAs("id") + " " + i);
        }
    }

    @Test
    void theSparkSubmitJobReadsJsonLinesAndFilesAndWritesParquet() throws Exception {
        Path lines = tmp.resolve("rows.jsonl");
        StringBuilder b = new StringBuilder();
        List<String[]> rows = rows().subList(0, 12);
        for (String[] x : rows.subList(0, 6)) {
            ObjectNode n = JSON.createObjectNode().put("id", x[0]);
            n.put("structure", x[1]);
            b.append(n).append('\n');
        }
        Files.writeString(lines, b);
        Path out = tmp.resolve("out.parquet");
        PredictJob.Options o = PredictJob.parse(new String[] {
            "--model",
            "spinel/band-gap",
            "--input",
            lines + "," + EXAMPLES.resolve("NaCl.cif"),
            "--output",
            out.toString()
        });
        assertEquals(7, PredictJob.run(spark, o), "6 rows and 1 file, one model");
        List<Row> got = spark.read().parquet(out.toString()).collectAsList();
        Map<String, PredictionResult> ref = reference(rows);
        for (Row r : got) {
            String id = r.getAs("id");
            if (id.equals("broken")) continue;
            String key = id.endsWith("NaCl.cif") ? "NaCl.cif" : id;
            float want = (float) ref.get(key + "|spinel/band-gap").prediction().value();
            assertEquals(
                    want, r.<Float>getAs("prediction"), 1e-6 * Math.max(1, Math.abs(want)), id + " (other batches)");
        }
    }
}
