package dev.qanvas.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RandomForestTest {

    /** XOR blobs: four Gaussian blobs at (+-1, +-1), class = signs differ; no linear rule beats chance. */
    static FeatureSplit xor(int perSplit, long seed) {
        Random r = new Random(seed);
        double[][][] rows = new double[2][perSplit][];
        int[][] labels = new int[2][perSplit];
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < perSplit; i++) {
                int sx = r.nextBoolean() ? 1 : -1;
                int sy = r.nextBoolean() ? 1 : -1;
                rows[s][i] = new double[] {sx + 0.35 * r.nextGaussian(), sy + 0.35 * r.nextGaussian()};
                labels[s][i] = sx == sy ? 0 : 1;
            }
        }
        return new FeatureSplit(rows[0], labels[0], rows[1], labels[1]);
    }

    @Test
    void beatsChanceClearlyOnXorBlobs() {
        FeatureSplit data = xor(200, 4);
        CrossValidation.Report report = CrossValidation.run(RandomForest.learner(data.allRows(), data.allLabels(), 50, 42),
                data.allLabels(), data.trainCount(), 5, 42);
        assertTrue(report.meanAccuracy() > 0.85, report.summary());
        assertTrue(report.testAccuracy() > 0.85, report.summary());
    }

    @Test
    void seededRunsAreReproducible() {
        FeatureSplit data = xor(120, 5);
        CrossValidation.Report a = CrossValidation.run(RandomForest.learner(data.allRows(), data.allLabels(), 20, 7),
                data.allLabels(), data.trainCount(), 5, 3);
        CrossValidation.Report b = CrossValidation.run(RandomForest.learner(data.allRows(), data.allLabels(), 20, 7),
                data.allLabels(), data.trainCount(), 5, 3);
        assertArrayEquals(a.testPredictions(), b.testPredictions());
        for (int f = 0; f < 5; f++) {
            assertEquals(a.perFold().get(f).accuracy(), b.perFold().get(f).accuracy());
        }
    }
}
