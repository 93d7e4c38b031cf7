package dev.qanvas.nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.CircuitText;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Named entropy cuts, periodic probes within an epoch, the correlation readout and the thinning of long series. */
class QuantumProbeCutsTest {

    private static Map<String, Double> cuts(String circuitText) {
        Circuit c = CircuitText.read(circuitText);
        List<QuantumProbe.Cut> cuts = QuantumProbe.cutEntropies(c, new double[3][0], new double[0]);
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (QuantumProbe.Cut cut : cuts) {
            assertEquals(0, cut.std(), 1e-12, "the same state for every sample");
            out.put(cut.name(), cut.mean());
        }
        return out;
    }

    @Test
    void squareLayersGetRowAndColumnCuts() {
        assertArrayEquals(new int[] {0, 1}, QuantumProbe.namedCuts(4).get("half"));
        assertArrayEquals(new int[] {0, 1}, QuantumProbe.namedCuts(4).get("up/down"), "the top row of a 2x2 grid");
        assertArrayEquals(new int[] {0, 2}, QuantumProbe.namedCuts(4).get("left/right"), "the left column of a 2x2 grid");
        assertArrayEquals(new int[] {0, 1, 2}, QuantumProbe.namedCuts(9).get("up/down"));
        assertArrayEquals(new int[] {0, 3, 6}, QuantumProbe.namedCuts(9).get("left/right"));
        assertEquals(List.of("half"), List.copyOf(QuantumProbe.namedCuts(6).keySet()), "6 qubits are not a square");
        assertEquals(List.of("half"), List.copyOf(QuantumProbe.namedCuts(1).keySet()));
    }

    @Test
    void cutEntropiesMatchKnownStates() {
        // Product state: no entanglement across any cut.
        Map<String, Double> product = cuts("qubits 4\nH 0 - -\nH 3 - -\nRY 2 - c:0.7:0.7");
        product.values().forEach(v -> assertEquals(0, v, 1e-12, product.toString()));
        // A Bell pair on qubits 0 and 1 (top row of the 2x2 grid): 1 bit across left/right only.
        Map<String, Double> row = cuts("qubits 4\nH 0 - -\nX 1 0 -");
        assertEquals(0, row.get("half"), 1e-12);
        assertEquals(0, row.get("up/down"), 1e-12);
        assertEquals(1, row.get("left/right"), 1e-12);
        // A Bell pair on qubits 0 and 2 (left column): 1 bit across up/down and the half cut.
        Map<String, Double> column = cuts("qubits 4\nH 0 - -\nX 2 0 -");
        assertEquals(1, column.get("half"), 1e-12);
        assertEquals(1, column.get("up/down"), 1e-12);
        assertEquals(0, column.get("left/right"), 1e-12);
    }

    @Test
    void quantumLayersAreProbedWithinEachEpoch() throws Exception {
        TrainingSettings s = new TrainingSettings(TrainingSettings.Optimizer.ADAM, 0.02, 8, 2, 5, 0.1, 0);
        List<QuantumProbe.Stats> steps = new CopyOnWriteArrayList<>();
        List<QuantumProbe.Stats> ends = new CopyOnWriteArrayList<>();
        int[] batchesPerEpoch = {0};
        new TrainingRun(TrainingRunTest.hybrid(s), TrainingRunTest.zeroVsOne(), s, false, null, new RunEvents() {
            @Override
            public void quantumStep(QuantumProbe.Stats q) {
                steps.add(q);
            }

            @Override
            public void quantum(QuantumProbe.Stats q) {
                ends.add(q);
            }

            @Override
            public void batch(int epoch, int batch, int batches, double loss) {
                batchesPerEpoch[0] = batches;
            }
        }).probeBudget(Double.POSITIVE_INFINITY).run(); // every scheduled probe, however fast the machine
        assertEquals(2, ends.size());
        assertEquals(1.0, ends.get(0).progress());
        assertEquals(2.0, ends.get(1).progress());
        // Probed after every k-th batch but the last, k = ceil(batches / 16): up to 16 points per epoch.
        int batches = batchesPerEpoch[0];
        int every = (batches + TrainingRun.PROBES_PER_EPOCH - 1) / TrainingRun.PROBES_PER_EPOCH;
        assertTrue(batches > 16, "enough batches to probe within the epoch: " + batches);
        assertEquals(2 * ((batches - 1) / every), steps.size(), "steps");
        double previous = 0;
        for (QuantumProbe.Stats q : steps) {
            assertTrue(q.progress() > previous, "in time order");
            assertTrue(q.progress() > q.epoch() && q.progress() < q.epoch() + 1);
            assertTrue(Double.isFinite(q.recentLoss()) && q.recentLoss() > 0);
            assertEquals(q.entropyMean(), q.cut("half").orElseThrow().mean(), 1e-12, "the main cut is the half cut");
            previous = q.progress();
        }
    }

    @Test
    void pearsonCorrelation() {
        double[] x = {1, 2, 3, 4, 5};
        assertEquals(1, Correlation.pearson(x, new double[] {2, 4, 6, 8, 10}).r(), 1e-12);
        assertEquals(-1, Correlation.pearson(x, new double[] {5, 4, 3, 2, 1}).r(), 1e-12);
        // Worked by hand: x = 1..5, y = 2,1,4,3,5: sxy = 8, sxx = syy = 10, r = 0.8.
        Correlation.Result r = Correlation.pearson(x, new double[] {2, 1, 4, 3, 5});
        assertEquals(0.8, r.r(), 1e-12);
        assertEquals(5, r.n());
        Correlation.Result withNaN = Correlation.pearson(new double[] {1, 2, Double.NaN, 3}, new double[] {1, 2, 7, 3});
        assertEquals(3, withNaN.n(), "pairs with a missing value are left out");
        assertEquals(1, withNaN.r(), 1e-12);
        assertFalse(Correlation.pearson(new double[] {1, 2}, new double[] {1, 2}).defined(), "two points define nothing");
        assertFalse(Correlation.pearson(x, new double[] {3, 3, 3, 3, 3}).defined(), "a constant has no correlation");
    }

    @Test
    void thinningKeepsLongSeriesShortAndTheirMeans() {
        Thinning t = new Thinning(100);
        for (int i = 0; i < 10_000; i++) {
            t.add(i, i % 7);
        }
        assertTrue(t.size() <= 100 && t.size() >= 50, "size " + t.size());
        double weighted = 0;
        int full = 10_000 / t.stride();
        double sum = 0;
        for (int i = 0; i < full * t.stride(); i++) {
            sum += i % 7;
        }
        for (int i = 0; i < full; i++) {
            weighted += t.y(i) * t.stride();
        }
        assertEquals(sum, weighted, 1e-6, "each point is its bucket's mean");
        assertEquals((t.stride() - 1) / 2.0, t.x(0), 1e-9, "x is the bucket's mean too");
        Thinning small = new Thinning(100);
        for (int i = 0; i < 50; i++) {
            assertFalse(small.add(i, i));
        }
        assertEquals(50, small.size());
        assertEquals(49, small.y(49));
    }
}
