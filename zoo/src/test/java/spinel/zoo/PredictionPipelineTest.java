package spinel.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import spinel.graph.Element;
import spinel.graph.Lattice;
import spinel.graph.Structure;

/** The pipeline's contract with a pure-Java model: order, failures, batching, rejection, streaming. */
class PredictionPipelineTest {

    /** Predicts the number of sites; refuses structures with 3 sites; batches are recorded. */
    static final class SiteCounter implements StructureModel<Integer> {
        final List<Integer> batchSizes = new ArrayList<>();

        @Override
        public String name() {
            return "sites";
        }

        @Override
        public boolean isClassification() {
            return false;
        }

        @Override
        public Integer featurize(Structure s) {
            if (s.size() == 3) throw new IllegalArgumentException(s.id() + ": three sites are not allowed");
            return s.size();
        }

        @Override
        public synchronized List<Prediction> predict(List<Integer> inputs, boolean withEmbeddings) {
            batchSizes.add(inputs.size());
            List<Prediction> out = new ArrayList<>();
            for (int n : inputs) out.add(Prediction.regression(null, name(), n, "sites", null));
            return out;
        }

        @Override
        public void close() {}
    }

    /** Two classes; "sure" when the structure has an even number of sites. */
    static final class Parity implements StructureModel<Integer> {
        @Override
        public String name() {
            return "parity";
        }

        @Override
        public boolean isClassification() {
            return true;
        }

        @Override
        public List<String> classes() {
            return List.of("even", "odd");
        }

        @Override
        public Integer featurize(Structure s) {
            return s.size();
        }

        @Override
        public List<Prediction> predict(List<Integer> inputs, boolean withEmbeddings) {
            List<Prediction> out = new ArrayList<>();
            for (int n : inputs) {
                double p = n % 2 == 0 ? 0.95 : 0.6;
                Map<String, Double> probs = new LinkedHashMap<>();
                probs.put("even", p);
                probs.put("odd", 1 - p);
                out.add(Prediction.classification(null, name(), "even", p, probs, null));
            }
            return out;
        }

        @Override
        public void close() {}
    }

    static Structure sites(int n) {
        List<Element> el = new ArrayList<>();
        double[][] frac = new double[n][];
        for (int i = 0; i < n; i++) {
            el.add(Element.of("Na"));
            frac[i] = new double[] {i / (double) n, 0, 0};
        }
        return Structure.of(Lattice.cubic(3.0 * n), el, frac).withId("s" + n);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} threads")
    @org.junit.jupiter.params.provider.ValueSource(ints = {3, 0})
    void resultsComeInInputOrderWithFailuresInPlaceAndBatchesBounded(int threads) {
        SiteCounter m = new SiteCounter();
        java.util.Set<Thread> readers = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<StructureInput> in = new ArrayList<>();
        for (int n = 1; n <= 7; n++) {
            Structure s = sites(n);
            in.add(new StructureInput("in" + n, (double) n, () -> {
                readers.add(Thread.currentThread());
                return List.of(s);
            }));
        }
        in.add(new StructureInput("unreadable", null, () -> {
            throw new java.io.IOException("unreadable: no such file");
        }));
        List<PredictionResult> out = new ArrayList<>();
        try (PredictionPipeline p = PredictionPipeline.builder()
                .addModel(m)
                .optBatchSize(2)
                .optThreads(threads)
                .build()) {
            p.predict(in.iterator(), out::add);
        }
        if (threads == 0) assertEquals(java.util.Set.of(Thread.currentThread()), readers, "read on the caller");
        assertEquals(8, out.size());
        for (int n = 1; n <= 7; n++) {
            PredictionResult r = out.get(n - 1);
            assertEquals("in" + n, r.input().source());
            assertEquals((double) n, r.target());
            if (n == 3) {
                assertFalse(r.ok());
                assertTrue(r.errorMessage().contains("three sites"), r.errorMessage());
            } else {
                assertTrue(r.ok(), r.errorMessage());
                assertEquals(n, r.prediction().value());
            }
        }
        PredictionResult bad = out.get(7);
        assertFalse(bad.ok());
        assertNull(bad.model(), "an unreadable input gives one result, not one per model");
        for (int b : m.batchSizes) assertTrue(b <= 2, "batch of " + b);
    }

    @Test
    void inputsArePulledLazily() {
        AtomicInteger pulled = new AtomicInteger();
        Iterator<StructureInput> endless = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public StructureInput next() {
                int n = pulled.incrementAndGet();
                return StructureInput.of("in" + n, sites(1 + n % 2), null);
            }
        };
        try (SiteCounter m = new SiteCounter();
                PredictionPipeline p =
                        PredictionPipeline.builder().addModel(m).optBatchSize(4).build()) {
            Iterator<PredictionResult> results = p.predict(endless);
            for (int i = 0; i < 5; i++) results.next();
            assertTrue(pulled.get() <= 3 * 4, "at most the current and the next chunk are read: " + pulled.get());
        }
    }

    @Test
    void unsureClassificationsAreRejectedAndScored() {
        Parity m = new Parity();
        List<StructureInput> in = List.of(
                StructureInput.of("a", sites(2), 0.0),
                StructureInput.of("b", sites(1), 1.0),
                StructureInput.of("c", sites(4), 1.0));
        PredictionScore score = new PredictionScore(m);
        try (PredictionPipeline p =
                PredictionPipeline.builder().addModel(m).optRejectBelow(0.9).build()) {
            List<PredictionResult> out = new ArrayList<>();
            p.predict(in.iterator(), r -> {
                out.add(r);
                score.add(r);
            });
            assertFalse(out.get(0).rejected());
            assertTrue(out.get(1).rejected(), "0.6 < 0.9");
            assertFalse(out.get(2).rejected());
        }
        assertEquals(2, score.n());
        assertEquals(1, score.rejected());
        assertEquals(0.5, score.accuracy(), 1e-12, "a right (even = class 0), c wrong (target class 1)");
    }

    @Test
    void everyModelAnswersForEveryStructure() {
        try (PredictionPipeline p = PredictionPipeline.builder()
                .addModel(new SiteCounter())
                .addModel(new Parity())
                .build()) {
            List<PredictionResult> out = p.predictAll(List.of(sites(2), sites(4)));
            assertEquals(
                    List.of("sites", "parity", "sites", "parity"),
                    out.stream().map(PredictionResult::model).toList());
            assertEquals(4.0, out.get(2).prediction().value());
        }
    }
}
