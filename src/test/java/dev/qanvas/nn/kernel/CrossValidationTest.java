package dev.qanvas.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    @Test
    void foldsNeverTouchTheTestSplitAndTheRefitUsesTheWholeTrainingSplit() {
        int[] labels = new int[50];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 2;
        }
        int trainCount = 40;
        List<int[]> fits = new ArrayList<>();
        List<int[]> asked = new ArrayList<>();
        Learner spy = new Learner() {
            @Override
            public String name() {
                return "spy";
            }

            @Override
            public Fitted fit(int[] trainIndices) {
                fits.add(trainIndices.clone());
                return indices -> {
                    asked.add(indices.clone());
                    return new int[indices.length]; // always class 0
                };
            }
        };
        CrossValidation.Report report = CrossValidation.run(spy, labels, trainCount, 5, 1);
        assertEquals(6, fits.size());
        for (int f = 0; f < 5; f++) {
            assertTrue(Arrays.stream(fits.get(f)).allMatch(i -> i < trainCount));
            assertTrue(Arrays.stream(asked.get(f)).allMatch(i -> i < trainCount));
            assertEquals(32, fits.get(f).length);
            assertEquals(0.5, report.perFold().get(f).accuracy());
        }
        assertArrayEquals(CrossValidation.range(0, trainCount), fits.get(5));
        assertArrayEquals(CrossValidation.range(trainCount, 50), asked.get(5));
        assertEquals(0.5, report.meanAccuracy());
        assertEquals(0.0, report.stdAccuracy());
        assertEquals(0.5, report.testAccuracy());
        assertEquals(10, report.testPredictions().length);
    }

    @Test
    void seededSvmRunsAreReproducible() {
        FeatureSplit data = RandomForestTest.xor(100, 8);
        double[][] gram = Kernels.rbf(data.allRows(), 1.0);
        int[] labels = data.allLabels();
        CrossValidation.Report a = CrossValidation.run(PrecomputedKernelSvm.learner(gram, labels, 1), labels, data.trainCount(), 5, 42);
        CrossValidation.Report b = CrossValidation.run(PrecomputedKernelSvm.learner(gram, labels, 1), labels, data.trainCount(), 5, 42);
        assertEquals(a.meanAccuracy(), b.meanAccuracy());
        assertEquals(a.stdAccuracy(), b.stdAccuracy());
        assertArrayEquals(a.testPredictions(), b.testPredictions());
        assertTrue(a.meanAccuracy() > 0.85, a.summary()); // the RBF kernel separates XOR blobs too
    }
}
