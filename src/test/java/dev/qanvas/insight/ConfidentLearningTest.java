package dev.qanvas.insight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each step of confident learning on a hand-made example, values worked out by hand (see the comments). */
class ConfidentLearningTest {

    private static final int[] GIVEN = {0, 0, 0, 1, 1, 2, 2, 2};
    private static final double[][] P = {
            {0.8, 0.1, 0.1},
            {0.6, 0.3, 0.1},
            {0.2, 0.7, 0.1},   // labelled 0, looks like 1
            {0.1, 0.8, 0.1},
            {0.2, 0.6, 0.2},   // no class reaches its threshold
            {0.1, 0.1, 0.8},
            {0.1, 0.2, 0.7},
            {0.55, 0.05, 0.4}}; // labelled 2, looks like 0

    @Test
    void thresholdsAreTheMeanSelfConfidencePerClass() {
        // t0 = (0.8 + 0.6 + 0.2) / 3, t1 = (0.8 + 0.6) / 2, t2 = (0.8 + 0.7 + 0.4) / 3
        assertArrayEquals(new double[] {1.6 / 3, 0.7, 1.9 / 3}, ConfidentLearning.thresholds(P, GIVEN, 3), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, ConfidentLearning.thresholds(P, GIVEN, 4)[3], "a class nobody carries");
    }

    @Test
    void confidentJointCountsTheMostProbableClassAtItsThreshold() {
        // x2: p1 = 0.7 >= t1 = 0.7 (equality counts) -> C[0][1]; x4: nothing at threshold -> no cell;
        // x7: p0 = 0.55 >= 0.533, p2 = 0.4 < 0.633 -> C[2][0]
        int[][] c = ConfidentLearning.confidentJoint(P, GIVEN, ConfidentLearning.thresholds(P, GIVEN, 3));
        assertArrayEquals(new int[] {2, 1, 0}, c[0]);
        assertArrayEquals(new int[] {0, 1, 0}, c[1]);
        assertArrayEquals(new int[] {1, 0, 2}, c[2]);
    }

    @Test
    void amongClassesAtThresholdTheLargerProbabilityWinsNotTheGlobalArgmax() {
        double[] t = {0.25, 0.5, 0.1};
        assertEquals(0, ConfidentLearning.confidentClass(new double[] {0.5, 0.45, 0.05}, new double[] {0.5, 0.2, 0.9}));
        // class 1 has the largest probability but is under its threshold; 0 and 2 tie at 0.3: the lower class
        assertEquals(0, ConfidentLearning.confidentClass(new double[] {0.3, 0.4, 0.3}, t));
        assertEquals(2, ConfidentLearning.confidentClass(new double[] {0.2, 0.4, 0.4}, t));
        assertEquals(-1, ConfidentLearning.confidentClass(new double[] {0.2, 0.4, 0.05}, t));
    }

    @Test
    void calibrationAndNoiseMatrix() {
        // rows of C scaled to n_i = 3, 2, 3: [2 1 0], [0 2 0], [1 0 2]; total 8 -> Q = that / 8
        double[][] q = ConfidentLearning.calibratedJoint(new int[][] {{2, 1, 0}, {0, 1, 0}, {1, 0, 2}}, new int[] {3, 2, 3});
        assertArrayEquals(new double[] {0.25, 0.125, 0}, q[0], 1e-12);
        assertArrayEquals(new double[] {0, 0.25, 0}, q[1], 1e-12);
        assertArrayEquals(new double[] {0.125, 0, 0.25}, q[2], 1e-12);
        // columns sum to 0.375, 0.375, 0.25
        double[][] m = ConfidentLearning.noiseMatrix(q);
        assertArrayEquals(new double[] {2 / 3.0, 1 / 3.0, 0}, m[0], 1e-12);
        assertArrayEquals(new double[] {0, 2 / 3.0, 0}, m[1], 1e-12);
        assertArrayEquals(new double[] {1 / 3.0, 0, 1}, m[2], 1e-12);
        // a row without confident counts stays zero; rows are not all scaled by the same factor
        double[][] uneven = ConfidentLearning.calibratedJoint(new int[][] {{1, 1}, {0, 0}}, new int[] {4, 6});
        assertArrayEquals(new double[] {0.5, 0.5}, uneven[0], 1e-12); // 2, 2 of total 4
        assertArrayEquals(new double[] {0, 0}, uneven[1], 1e-12);
    }

    @Test
    void pruneByNoiseRateFlagsTheLargestMarginsRankedBySelfConfidence() {
        // n Q[0][1] = 8 * 0.125 = 1: of x0..x2, margin p1 - p0 is largest for x2 (0.5);
        // n Q[2][0] = 1: of x5..x7, margin p0 - p2 is largest for x7 (0.15). Self-confidence 0.2 < 0.4.
        ConfidentLearning.Result r = ConfidentLearning.find(P, GIVEN, 3);
        assertEquals(List.of(new ConfidentLearning.Issue(2, 0, 1, 0.2), new ConfidentLearning.Issue(7, 2, 0, 0.4)), r.issues());
    }

    @Test
    void anExampleChosenUnderTwoClassesSuggestsItsLargerMargin() {
        int[] given = {0, 0, 0, 0};
        double[][] p = {{0.1, 0.6, 0.3}, {0.9, 0.05, 0.05}, {0.8, 0.1, 0.1}, {0.7, 0.1, 0.2}};
        double[][] q = {{0.5, 0.25, 0.25}, {0, 0, 0}, {0, 0, 0}}; // one issue to 1, one to 2
        List<ConfidentLearning.Issue> issues = ConfidentLearning.pruneByNoiseRate(p, given, q);
        // x0 has the largest margin towards 1 (0.5) and towards 2 (0.2): it is chosen twice, suggests 1
        assertEquals(List.of(new ConfidentLearning.Issue(0, 0, 1, 0.1)), issues);
    }

    @Test
    void aPerfectModelOfTheTrueLabelsFindsExactlyTheFlippedOnes() {
        // true labels uniform over 3 classes, 20% flipped at random; the model puts 0.8 on the true class
        Random random = new Random(3);
        int n = 300;
        int[] truth = new int[n];
        int[] given = new int[n];
        double[][] p = new double[n][3];
        int[][] counts = new int[3][3];
        for (int x = 0; x < n; x++) {
            truth[x] = random.nextInt(3);
            given[x] = random.nextDouble() < 0.2 ? (truth[x] + 1 + random.nextInt(2)) % 3 : truth[x];
            java.util.Arrays.fill(p[x], 0.1);
            p[x][truth[x]] = 0.8;
            counts[given[x]][truth[x]]++;
        }
        ConfidentLearning.Result r = ConfidentLearning.find(p, given, 3);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(counts[i], r.confidentJoint()[i]);
            for (int j = 0; j < 3; j++) {
                assertEquals(counts[i][j] / (double) n, r.joint()[i][j], 1e-12);
            }
        }
        List<Integer> flagged = r.issues().stream().map(ConfidentLearning.Issue::index).sorted().toList();
        List<Integer> flipped = java.util.stream.IntStream.range(0, n).filter(x -> truth[x] != given[x]).boxed().toList();
        assertEquals(flipped, flagged);
        r.issues().forEach(issue -> assertEquals(truth[issue.index()], issue.suggested()));
    }
}
