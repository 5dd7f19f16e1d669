package spinel.spark;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import spinel.descriptors.Features;
import spinel.descriptors.StructureFeatures;
import spinel.graph.Structure;
import spinel.graph.symmetry.SymmetryAnalyzer;
import spinel.graph.symmetry.SymmetryDataset;

/** Per-row symmetry or descriptors of a structure column: pure Java, no model, one output row per input row. */
final class RowFeatures implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    enum Kind {
        SYMMETRY,
        DESCRIPTORS
    }

    private final Kind kind;
    private final double symprec;
    private final int structureColumn;
    private final int idColumn;

    RowFeatures(Kind kind, double symprec, int structureColumn, int idColumn) {
        this.kind = kind;
        this.symprec = symprec;
        this.structureColumn = structureColumn;
        this.idColumn = idColumn;
    }

    static List<String> descriptorNames() {
        try {
            String copper = "Cu\n1.0\n3.6 0 0\n0 3.6 0\n0 0 3.6\nCu\n1\nDirect\n0 0 0\n";
            return StructureFeatures.of(StructureCells.parse(copper, "probe", "Cu"))
                    .names();
        } catch (spinel.graph.StructureFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        SymmetryAnalyzer analyzer = kind == Kind.SYMMETRY
                ? SymmetryAnalyzer.builder().optSymprec(symprec).build()
                : null;
        long[] position = {0};
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Row in = rows.next();
                long pos = position[0]++;
                Object[] added = kind == Kind.SYMMETRY ? new Object[9] : new Object[3];
                String id = idColumn >= 0 && !in.isNullAt(idColumn) ? String.valueOf(in.get(idColumn)) : "row " + pos;
                try {
                    String text = in.isNullAt(structureColumn) ? null : in.getString(structureColumn);
                    Structure s = StructureCells.parse(text, "partition", id);
                    if (analyzer != null) symmetry(analyzer.analyze(s), added);
                    else descriptors(StructureFeatures.of(s), added);
                    added[0] = true;
                } catch (Exception e) {
                    java.util.Arrays.fill(added, null);
                    added[0] = false;
                    added[added.length - 1] = e.getMessage() != null ? e.getMessage() : e.toString();
                }
                Object[] out = new Object[in.length() + added.length];
                for (int i = 0; i < in.length(); i++) out[i] = in.get(i);
                System.arraycopy(added, 0, out, in.length(), added.length);
                return RowFactory.create(out);
            }
        };
    }

    private static void symmetry(SymmetryDataset d, Object[] a) {
        a[1] = d.number();
        a[2] = d.international();
        a[3] = d.hallNumber();
        a[4] = d.pointGroup().symbol();
        a[5] = d.crystalSystem().label();
        a[6] = d.bravaisLattice().pearsonSymbol();
        a[7] = d.primitiveSize();
    }

    private static void descriptors(Features f, Object[] a) {
        double[] v = f.values();
        Double[] boxed = new Double[v.length];
        for (int i = 0; i < v.length; i++) boxed[i] = v[i];
        a[1] = boxed;
    }
}
