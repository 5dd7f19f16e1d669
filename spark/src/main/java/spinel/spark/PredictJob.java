package spinel.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The {@code spark-submit} job: {@code spinel.spark.PredictJob --model ID|RUN_DIR [--model ...] --input
 * PATH[,PATH...] --output OUT.parquet}. Inputs are read from any Hadoop file system by name:
 * <ul>
 *   <li>{@code *.jsonl}, {@code *.ndjson} (optionally {@code .gz}): JSON Lines of structures, one row per
 *       line ({@link spinel.graph.io.StructureLines}; the id is the line's {@code "id"});</li>
 *   <li>{@code *.parquet}, {@code *.orc}: a table with a {@code structure} text column (and an {@code id}
 *       column, if any; see {@code --structure-column}, {@code --id-column});</li>
 *   <li>anything else (a folder or glob of CIF, POSCAR or pymatgen JSON files): one row per file, the id
 *       its path.</li>
 * </ul>
 * The output is Parquet (or, for an output named {@code *.json}/{@code *.jsonl}, a folder of JSON Lines parts)
 * with the input's id (and {@code file}) and {@link StructureDatasets#PREDICTION_COLUMNS}.
 * Options: {@code --atom-init FILE}, {@code --cache-dir DIR}, {@code --offline}, {@code --batch N},
 * {@code --embeddings}, {@code --partitions N} (repartition the input first), {@code --mode
 * predict|symmetry|descriptors}.
 */
public final class PredictJob {

    private PredictJob() {}

    /** The parsed command line. */
    record Options(
            List<String> models,
            List<String> inputs,
            String output,
            String atomInit,
            String cacheDir,
            boolean offline,
            int batch,
            boolean embeddings,
            int partitions,
            String structureColumn,
            String idColumn,
            String mode) {}

    public static void main(String[] args) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("spinel.spark.PredictJob: " + e.getMessage());
            System.err.println("usage: PredictJob --model ID|PATH [--model ...] --input PATH[,PATH...] --output"
                    + " OUT.parquet [--mode predict|symmetry|descriptors] [--atom-init FILE] [--cache-dir DIR]"
                    + " [--offline] [--batch N] [--embeddings] [--partitions N] [--structure-column C]"
                    + " [--id-column C]");
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("spinel predict").getOrCreate();
        try {
            run(spark, o);
        } finally {
            spark.stop();
        }
    }

    /** Runs the job in {@code spark}; returns the number of output rows written. */
    static long run(SparkSession spark, Options o) {
        Dataset<Row> in = read(spark, o);
        if (o.partitions() > 0) in = in.repartition(o.partitions());
        String structure = o.structureColumn();
        Dataset<Row> out =
                switch (o.mode()) {
                    case "symmetry" -> StructureDatasets.symmetry(in, structure, o.idColumn(), 0.01);
                    case "descriptors" -> StructureDatasets.descriptors(in, structure, o.idColumn());
                    default -> StructureDatasets.predict(
                            in,
                            structure,
                            o.idColumn(),
                            new ModelSpec(
                                    o.models(), o.atomInit(), o.cacheDir(), o.offline(), o.batch(), o.embeddings()));
                };
        out = out.drop(structure);
        if (isJson(o.output())) {
            out.write().mode(SaveMode.Overwrite).json(o.output());
            return spark.read().schema(out.schema()).json(o.output()).count();
        }
        out.write().mode(SaveMode.Overwrite).parquet(o.output());
        return spark.read().parquet(o.output()).count();
    }

    /** Whether the output is asked for as JSON Lines (a folder of part files) rather than Parquet. */
    static boolean isJson(String output) {
        String n = output.toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".jsonl");
    }

    /** The inputs as a table with the structure and id columns the options name. */
    static Dataset<Row> read(SparkSession spark, Options o) {
        Dataset<Row> all = null;
        for (String path : o.inputs()) {
            Dataset<Row> d = readOne(spark, path, o);
            all = all == null ? d : all.unionByName(d, true);
        }
        return all;
    }

    private static Dataset<Row> readOne(SparkSession spark, String path, Options o) {
        String name = path.toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            // the id is the line's own "id" (read by the same code as spinel predict); the line is the structure
            Dataset<Row> lines = spark.read()
                    .text(path)
                    .filter(functions
                            .length(functions.trim(functions.col("value")))
                            .gt(0));
            return lines.select(
                    functions.input_file_name().as("file"),
                    functions.get_json_object(functions.col("value"), "$.id").as(o.idColumn()),
                    functions.col("value").as(o.structureColumn()));
        }
        if (name.endsWith(".parquet")) return spark.read().parquet(path);
        if (name.endsWith(".orc")) return spark.read().orc(path);
        Dataset<Row> files = spark.read()
                .format("binaryFile")
                .option("recursiveFileLookup", "true")
                .load(path);
        return files.select(
                functions.col("path").as("file"),
                functions.col("path").as(o.idColumn()),
                functions.decode(functions.col("content"), "UTF-8").as(o.structureColumn()));
    }

    static Options parse(String[] args) {
        List<String> models = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        String output = null, atomInit = null, cacheDir = null, structure = "structure", id = "id", mode = "predict";
        boolean offline = false, embeddings = false;
        int batch = 256, partitions = 0;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--offline" -> offline = true;
                case "--embeddings" -> embeddings = true;
                case "--model",
                        "--input",
                        "--output",
                        "--atom-init",
                        "--cache-dir",
                        "--batch",
                        "--partitions",
                        "--structure-column",
                        "--id-column",
                        "--mode" -> {
                    if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
                    String v = args[++i];
                    switch (a) {
                        case "--model" -> models.add(v);
                        case "--input" -> inputs.addAll(List.of(v.split(",")));
                        case "--output" -> output = v;
                        case "--atom-init" -> atomInit = v;
                        case "--cache-dir" -> cacheDir = v;
                        case "--batch" -> batch = positive(a, v);
                        case "--partitions" -> partitions = positive(a, v);
                        case "--structure-column" -> structure = v;
                        case "--id-column" -> id = v;
                        default -> mode = v;
                    }
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        if (inputs.isEmpty()) throw new IllegalArgumentException("give --input PATH");
        if (output == null) throw new IllegalArgumentException("give --output OUT.parquet");
        if (!List.of("predict", "symmetry", "descriptors").contains(mode))
            throw new IllegalArgumentException("--mode is predict, symmetry or descriptors, found '" + mode + "'");
        if (mode.equals("predict") && models.isEmpty()) throw new IllegalArgumentException("give --model ID|PATH");
        return new Options(
                models,
                inputs,
                output,
                atomInit,
                cacheDir,
                offline,
                batch,
                embeddings,
                partitions,
                structure,
                id,
                mode);
    }

    private static int positive(String option, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " expects a positive whole number, found '" + v + "'");
    }
}
