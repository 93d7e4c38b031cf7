package dev.qanvas.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SvmTest {

    /** Two classes either side of the line x + y = 0, at least 0.5 away from it; then a test half. */
    static FeatureSplit separable(int perSplit, long seed) {
        Random r = new Random(seed);
        double[][][] rows = new double[2][perSplit][];
        int[][] labels = new int[2][perSplit];
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < perSplit; i++) {
                int label = i % 2;
                double along = r.nextDouble() * 4 - 2;
                double away = (0.5 + r.nextDouble()) * (label == 0 ? -1 : 1);
                rows[s][i] = new double[] {along + away, -along + away};
                labels[s][i] = label;
            }
        }
        return new FeatureSplit(rows[0], labels[0], rows[1], labels[1]);
    }

    @Test
    void precomputedLinearKernelClassifiesASeparableSetPerfectly() {
        FeatureSplit data = separable(60, 1);
        double[][] gram = Kernels.linear(data.allRows());
        CrossValidation.Report report = CrossValidation.run(PrecomputedKernelSvm.learner(gram, data.allLabels(), 100),
                data.allLabels(), data.trainCount(), 5, 7);
        assertEquals(1.0, report.meanAccuracy(), report.summary());
        assertEquals(1.0, report.testAccuracy(), report.summary());
    }

    @Test
    void rbfSvmClassifiesASeparableSetPerfectly() {
        FeatureSplit data = separable(60, 2);
        CrossValidation.Report report = CrossValidation.run(RbfSvm.learner(data.allRows(), data.allLabels(), 100, 0.5),
                data.allLabels(), data.trainCount(), 5, 7);
        assertEquals(1.0, report.meanAccuracy(), report.summary());
        assertEquals(1.0, report.testAccuracy(), report.summary());
    }

    @Test
    void threeSeparableClassesByOneVsOne() {
        Random r = new Random(3);
        int n = 90;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            double angle = 2 * Math.PI * y[i] / 3;
            x[i] = new double[] {3 * Math.cos(angle) + r.nextGaussian() * 0.3, 3 * Math.sin(angle) + r.nextGaussian() * 0.3};
        }
        // The linear kernel on (x, 1) so the one-vs-one hyperplanes need not pass through the origin.
        double[][] lifted = new double[n][];
        for (int i = 0; i < n; i++) {
            lifted[i] = new double[] {x[i][0], x[i][1], 1};
        }
        int[] all = CrossValidation.range(0, n);
        int[] precomputed = PrecomputedKernelSvm.learner(Kernels.linear(lifted), y, 10).fit(all).predict(all);
        int[] rbf = RbfSvm.learner(x, y, 10, 0.5).fit(all).predict(all);
        assertArrayEquals(y, precomputed);
        assertArrayEquals(y, rbf);
    }

    /** The independent check: K = the RBF Gram matrix through PRECOMPUTED gives LIBSVM's own RBF answers. */
    @Test
    void precomputedRbfGramMatchesLibsvmsOwnRbfKernel() {
        Random r = new Random(11);
        int n = 300;
        int test = 100;
        double[][] x = new double[n][6];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                x[i][j] = r.nextGaussian();
            }
            // Noisy labels from a nonlinear rule: many support vectors, errors on both sides.
            y[i] = (x[i][0] * x[i][1] + 0.5 * r.nextGaussian() > 0 ? 1 : 0) + (x[i][2] > 1 ? 1 : 0);
        }
        double gamma = 0.2;
        int[] train = CrossValidation.range(0, n - test);
        int[] held = CrossValidation.range(n - test, n);
        for (double c : new double[] {0.5, 10}) {
            int[] own = RbfSvm.learner(x, y, c, gamma).fit(train).predict(held);
            int[] viaGram = PrecomputedKernelSvm.learner(Kernels.rbf(x, gamma), y, c).fit(train).predict(held);
            assertArrayEquals(own, viaGram, "C = " + c);
            double accuracy = CrossValidation.accuracy(own, y, held);
            assertTrue(accuracy > 0.5 && accuracy < 1, "a nontrivial problem: " + accuracy);
        }
    }

    /** Rows of test points need only the training columns: an (n + m) x n Gram matrix works. */
    @Test
    void rectangularGramOfTrainingColumnsIsEnough() {
        FeatureSplit data = separable(40, 5);
        double[][] square = Kernels.rbf(data.allRows(), 0.5);
        double[][] rectangular = new double[square.length][];
        for (int i = 0; i < square.length; i++) {
            rectangular[i] = java.util.Arrays.copyOf(square[i], data.trainCount());
        }
        int[] labels = data.allLabels();
        CrossValidation.Report a = CrossValidation.run(PrecomputedKernelSvm.learner(square, labels, 1), labels, data.trainCount(), 5, 3);
        CrossValidation.Report b = CrossValidation.run(PrecomputedKernelSvm.learner(rectangular, labels, 1), labels, data.trainCount(), 5, 3);
        assertArrayEquals(a.testPredictions(), b.testPredictions());
        assertEquals(a.meanAccuracy(), b.meanAccuracy());
    }

    @Test
    void refusesAGramMatrixWithNaNOrTooFewColumns() {
        double[][] nan = Kernels.linear(new double[][] {{1}, {2}, {3}});
        nan[1][2] = Double.NaN;
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PrecomputedKernelSvm.learner(nan, new int[] {0, 1, 1}, 1));
        double[][] narrow = {{1, 2}, {2, 4}, {3, 6}};
        PrecomputedKernelSvm svm = PrecomputedKernelSvm.learner(narrow, new int[] {0, 1, 1}, 1);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> svm.fit(new int[] {0, 2}));
    }
}
