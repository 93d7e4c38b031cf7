package dev.qanvas.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PcaTest {

    /** Orthonormal axes in 3-D: u1 = (2, 3, 6)/7, u2 = (3, -6, 2)/7, u3 = (6, 2, -3)/7. */
    static final double[][] AXES = {{2 / 7.0, 3 / 7.0, 6 / 7.0}, {3 / 7.0, -6 / 7.0, 2 / 7.0}, {6 / 7.0, 2 / 7.0, -3 / 7.0}};
    static final double[] CENTRE = {5, -1, 2};

    /** centre + a u1 + b u2 + c u3 over a symmetric grid: a spread widest, then b, then c; no correlation. */
    static double[][] handMade() {
        double[] as = {-6, -2, 2, 6};
        double[] bs = {-2, 2};
        double[] cs = {-0.5, 0.5};
        double[][] rows = new double[as.length * bs.length * cs.length][];
        int k = 0;
        for (double a : as) {
            for (double b : bs) {
                for (double c : cs) {
                    rows[k++] = point(a, b, c);
                }
            }
        }
        return rows;
    }

    static double[] point(double a, double b, double c) {
        double[] p = CENTRE.clone();
        for (int j = 0; j < 3; j++) {
            p[j] += a * AXES[0][j] + b * AXES[1][j] + c * AXES[2][j];
        }
        return p;
    }

    @Test
    void reproducesTheKnownProjection() {
        Pca pca = Pca.fit(handMade(), 2);
        assertArrayEquals(CENTRE, pca.mean(), 1e-12);
        // Signs: a component's largest-magnitude entry is positive, so u1 as is and u2 flipped (-6/7).
        assertArrayEquals(AXES[0], pca.component(0), 1e-9);
        assertArrayEquals(java.util.Arrays.stream(AXES[1]).map(v -> -v).toArray(), pca.component(1), 1e-9);
        // Variances with n - 1 = 15: a takes 36, 4, 4, 36 twice each per b, c -> 4 * 2 * (36 + 4) * 2 / 15.
        assertEquals(16 * 20 / 15.0, pca.variances()[0], 1e-9);
        assertEquals(16 * 4 / 15.0, pca.variances()[1], 1e-9);
        // Any point, seen or not, lands on its (a, -b) coordinates.
        assertArrayEquals(new double[] {3.5, 7}, pca.transform(point(3.5, -7, 11)), 1e-9);
    }

    @Test
    void testDataNeverInfluencesTheFit() {
        double[][] train = handMade();
        double[][] testA = {point(1, 1, 1), point(100, -50, 30)};
        double[][] testB = {point(1, 1, 1), point(-1000, 0, 999), point(4, 4, 4)};
        int[] train0 = new int[train.length];
        FeatureSplit a = new FeatureSplit(train, train0, testA, new int[2]).pca(2).angles();
        FeatureSplit b = new FeatureSplit(train, train0, testB, new int[3]).pca(2).angles();
        for (int i = 0; i < train.length; i++) {
            assertArrayEquals(a.trainRows()[i], b.trainRows()[i], 0.0);
        }
        assertArrayEquals(a.testRows()[0], b.testRows()[0], 0.0);
    }

    @Test
    void allComponentsOfPixelSizedDataAreOrthonormal() {
        java.util.Random r = new java.util.Random(2);
        double[][] rows = new double[60][40];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = r.nextGaussian() * (1 + j % 5);
            }
        }
        Pca pca = Pca.fit(rows, 10);
        for (int c = 0; c < 10; c++) {
            for (int e = 0; e < 10; e++) {
                double dot = 0;
                for (int j = 0; j < 40; j++) {
                    dot += pca.component(c)[j] * pca.component(e)[j];
                }
                assertEquals(c == e ? 1 : 0, dot, 1e-9);
            }
            if (c > 0) {
                assertEquals(true, pca.variances()[c] <= pca.variances()[c - 1]);
            }
        }
    }
}
