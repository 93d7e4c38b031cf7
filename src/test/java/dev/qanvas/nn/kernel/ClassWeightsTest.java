package dev.qanvas.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Class weights (LIBSVM's per-class C). The reference is the primal problem: with weight w for
 * class 1, each class-1 point's slack costs w C, exactly what w copies of the point cost
 * unweighted. So a weight of 3 must predict like the unweighted SVM trained on every class-1
 * point three times.
 */
class ClassWeightsTest {

    /** Two overlapping Gaussian blobs (so slack matters), labels 0 and 1, the first {@code train} rows for training. */
    private static double[][] blobs(int n, int[] labels, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3 == 0 ? 1 : 0; // class 1 the minority
            double centre = labels[i] == 1 ? 0.6 : -0.6;
            x[i] = new double[] {centre + r.nextGaussian(), r.nextGaussian()};
        }
        return x;
    }

    private static double[][] rbfGram(double[][] x, double gamma) {
        double[][] k = new double[x.length][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x.length; j++) {
                double dx = x[i][0] - x[j][0];
                double dy = x[i][1] - x[j][1];
                k[i][j] = Math.exp(-gamma * (dx * dx + dy * dy));
            }
        }
        return k;
    }

    @Test
    void aWholeWeightPredictsLikeRepeatingTheClassThatManyTimes() {
        int n = 260;
        int train = 60;
        int[] labels = new int[n];
        double[][] x = blobs(n, labels, 5);
        double[][] gram = rbfGram(x, 0.5);
        int[] trainIdx = IntStream.range(0, train).toArray();
        int[] testIdx = IntStream.range(train, n).toArray();
        int[] repeated = IntStream.range(0, train).flatMap(i -> labels[i] == 1 ? IntStream.of(i, i, i) : IntStream.of(i)).toArray();

        int[] weighted = PrecomputedKernelSvm.learner(gram, labels, 1.0, new double[] {1, 3}).fit(trainIdx).predict(testIdx);
        int[] copies = PrecomputedKernelSvm.learner(gram, labels, 1.0).fit(repeated).predict(testIdx);
        int[] plain = PrecomputedKernelSvm.learner(gram, labels, 1.0).fit(trainIdx).predict(testIdx);

        long agree = IntStream.range(0, testIdx.length).filter(k -> weighted[k] == copies[k]).count();
        // LIBSVM stops at a tolerance of 1e-3, so a point on the boundary may fall either way
        assertTrue(agree >= testIdx.length - 2, agree + " of " + testIdx.length + " agree");
        long ones = Arrays.stream(weighted).filter(v -> v == 1).count();
        long onesPlain = Arrays.stream(plain).filter(v -> v == 1).count();
        assertTrue(ones > onesPlain + 5, "weighting the minority class predicts it more often: " + ones + " against " + onesPlain);

        // the RBF baseline takes the same weights: LIBSVM's own RBF kernel with weight 3 equals 3 copies too
        int[] rbfWeighted = RbfSvm.learner(x, labels, 1.0, 0.5, new double[] {1, 3}).fit(trainIdx).predict(testIdx);
        int[] rbfCopies = RbfSvm.learner(x, labels, 1.0, 0.5).fit(repeated).predict(testIdx);
        long rbfAgree = IntStream.range(0, testIdx.length).filter(k -> rbfWeighted[k] == rbfCopies[k]).count();
        assertTrue(rbfAgree >= testIdx.length - 2, rbfAgree + " of " + testIdx.length + " agree");
    }

    @Test
    void badWeightsAreRefused() {
        double[][] gram = {{1, 0}, {0, 1}};
        int[] labels = {0, 1};
        assertThrows(IllegalArgumentException.class, () -> PrecomputedKernelSvm.learner(gram, labels, 1.0, new double[] {1, 0}));
        assertThrows(IllegalArgumentException.class, () -> PrecomputedKernelSvm.learner(gram, labels, 1.0, new double[] {1, Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> RbfSvm.learner(gram, labels, 1.0, 1.0, new double[] {Double.POSITIVE_INFINITY, 1}));
    }
}
