package spinel.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spinel on Spark DataFrames: a column of structures (CIF, POSCAR or pymatgen JSON text, see
 * {@link StructureCells}) in, predictions, exact symmetry and descriptors out as columns, every input
 * column kept. Work runs in {@code mapPartitions}: models are loaded once per executor task slot
 * ({@link ExecutorModels}) and each partition streams through zoo's {@link spinel.zoo.PredictionPipeline}
 * on its task thread (one core per task, as Spark schedules). A row that cannot be read or predicted gets
 * {@code ok = false} and an {@code error}; it never fails the job.
 *
 * <pre>{@code
 * Dataset<Row> cifs = spark.read().format("binaryFile").load("s3a://bucket/cifs/")...;
 * Dataset<Row> out = StructureDatasets.predict(cifs, "structure", "id", ModelSpec.of("spinel/band-gap"));
 * }</pre>
 */
public final class StructureDatasets {

    private StructureDatasets() {}

    /** Columns added by {@link #predict}: one row per structure and model. */
    public static final StructType PREDICTION_COLUMNS = new StructType(new StructField[] {
        DataTypes.createStructField("model", DataTypes.StringType, true),
        DataTypes.createStructField("ok", DataTypes.BooleanType, false),
        DataTypes.createStructField("prediction", DataTypes.FloatType, true),
        DataTypes.createStructField("label", DataTypes.StringType, true),
        DataTypes.createStructField("probability", DataTypes.FloatType, true),
        DataTypes.createStructField("units", DataTypes.StringType, true),
        DataTypes.createStructField("spacegroup", DataTypes.IntegerType, true),
        DataTypes.createStructField("international", DataTypes.StringType, true),
        DataTypes.createStructField("crystal_system", DataTypes.StringType, true),
        DataTypes.createStructField("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), true),
        DataTypes.createStructField("error", DataTypes.StringType, true)
    });

    /** Columns added by {@link #symmetry}: spglib's dataset at the given tolerance. */
    public static final StructType SYMMETRY_COLUMNS = new StructType(new StructField[] {
        DataTypes.createStructField("ok", DataTypes.BooleanType, false),
        DataTypes.createStructField("spacegroup", DataTypes.IntegerType, true),
        DataTypes.createStructField("international", DataTypes.StringType, true),
        DataTypes.createStructField("hall_number", DataTypes.IntegerType, true),
        DataTypes.createStructField("point_group", DataTypes.StringType, true),
        DataTypes.createStructField("crystal_system", DataTypes.StringType, true),
        DataTypes.createStructField("bravais", DataTypes.StringType, true),
        DataTypes.createStructField("n_primitive", DataTypes.IntegerType, true),
        DataTypes.createStructField("error", DataTypes.StringType, true)
    });

    /** Columns added by {@link #descriptors}: {@link spinel.descriptors.StructureFeatures}. */
    public static final StructType DESCRIPTOR_COLUMNS = new StructType(new StructField[] {
        DataTypes.createStructField("ok", DataTypes.BooleanType, false),
        DataTypes.createStructField("descriptors", DataTypes.createArrayType(DataTypes.DoubleType, false), true),
        DataTypes.createStructField("error", DataTypes.StringType, true)
    });

    /**
     * Predictions of {@code spec}'s models for the structures in column {@code structureColumn}: one row per
     * structure and model, in partition order, with the model's {@code prediction} (regression, float32 as
     * computed) or {@code label} and {@code probability} (classification), the structure's exact space
     * group (symprec 0.01 Å, as {@code spinel predict}) and, when asked for, the {@code embedding}.
     *
     * @param idColumn the column naming each row in messages, or null (then the row's position)
     */
    public static Dataset<Row> predict(Dataset<Row> in, String structureColumn, String idColumn, ModelSpec spec) {
        return map(in, PREDICTION_COLUMNS, new PredictPartition(spec, cell(in, structureColumn), id(in, idColumn)));
    }

    /** The exact symmetry of each structure (spglib's algorithm at {@code symprec} Å), one row per input row. */
    public static Dataset<Row> symmetry(Dataset<Row> in, String structureColumn, String idColumn, double symprec) {
        return map(
                in,
                SYMMETRY_COLUMNS,
                new RowFeatures(RowFeatures.Kind.SYMMETRY, symprec, cell(in, structureColumn), id(in, idColumn)));
    }

    /** The descriptor vector of each structure ({@link spinel.descriptors.StructureFeatures}), one row per input row. */
    public static Dataset<Row> descriptors(Dataset<Row> in, String structureColumn, String idColumn) {
        return map(
                in,
                DESCRIPTOR_COLUMNS,
                new RowFeatures(RowFeatures.Kind.DESCRIPTORS, 0, cell(in, structureColumn), id(in, idColumn)));
    }

    /** The names of the entries of the {@code descriptors} column. */
    public static List<String> descriptorNames() {
        return RowFeatures.descriptorNames();
    }

    private static Dataset<Row> map(Dataset<Row> in, StructType added, MapPartitionsFunction<Row, Row> f) {
        List<StructField> fields = new ArrayList<>(Arrays.asList(in.schema().fields()));
        for (StructField a : added.fields()) {
            if (Arrays.asList(in.schema().fieldNames()).contains(a.name()))
                throw new IllegalArgumentException(
                        "the input already has a column '" + a.name() + "': rename it before adding Spinel's");
            fields.add(a);
        }
        StructType out = new StructType(fields.toArray(StructField[]::new));
        return in.mapPartitions(f, Encoders.row(out));
    }

    private static int cell(Dataset<Row> in, String column) {
        int i = Arrays.asList(in.schema().fieldNames()).indexOf(column);
        if (i < 0)
            throw new IllegalArgumentException("no column '" + column + "' among "
                    + Arrays.toString(in.schema().fieldNames()));
        if (!in.schema().fields()[i].dataType().equals(DataTypes.StringType))
            throw new IllegalArgumentException("column '" + column + "' must hold structure text (a string column)");
        return i;
    }

    private static int id(Dataset<Row> in, String column) {
        if (column == null) return -1;
        int i = Arrays.asList(in.schema().fieldNames()).indexOf(column);
        if (i < 0)
            throw new IllegalArgumentException("no column '" + column + "' among "
                    + Arrays.toString(in.schema().fieldNames()));
        return i;
    }
}
