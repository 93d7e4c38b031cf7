package dev.qanvas.insight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.data.Transform;
import dev.qanvas.data.TransformChain;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.factory.Nd4j;

class PredictionsTest {

    private static Predictions random(int n, int k, long seed) {
        Random r = new Random(seed);
        int[] labels = new int[n];
        double[][] p = new double[n][k];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(k);
            double sum = 0;
            for (int c = 0; c < k; c++) {
                p[i][c] = r.nextDouble() + (c == labels[i] ? 0.6 : 0);
                sum += p[i][c];
            }
            for (int c = 0; c < k; c++) {
                p[i][c] /= sum;
            }
        }
        List<String> names = java.util.stream.IntStream.range(0, k).mapToObj(Integer::toString).toList();
        return new Predictions(names, labels, p);
    }

    @Test
    void theConfusionMatrixIsDl4jsEvaluation() {
        Predictions p = random(500, 4, 1);
        double[][] oneHot = new double[p.size()][4];
        double[][] probs = new double[p.size()][];
        for (int i = 0; i < p.size(); i++) {
            oneHot[i][p.label(i)] = 1;
            probs[i] = p.probabilities(i);
        }
        Evaluation e = new Evaluation(4);
        e.eval(Nd4j.createFromArray(oneHot), Nd4j.createFromArray(probs));
        int[][] m = p.confusion();
        int total = 0;
        for (int t = 0; t < 4; t++) {
            for (int q = 0; q < 4; q++) {
                assertEquals(e.getConfusionMatrix().getCount(t, q), m[t][q], "cell " + t + "," + q);
                assertEquals(m[t][q], p.cell(t, q).length);
                total += m[t][q];
            }
        }
        assertEquals(500, total);
        assertEquals(e.accuracy(), p.accuracy(), 1e-12);
        assertEquals(Math.round((1 - e.accuracy()) * 500), p.misclassified(Predictions.Order.MOST_CONFIDENT_FIRST, OptionalInt.empty()).size());
    }

    @Test
    void misclassifiedAreSortedByConfidenceAndFilteredByTrueClass() {
        Predictions p = random(300, 3, 2);
        List<Predictions.Misclassification> most = p.misclassified(Predictions.Order.MOST_CONFIDENT_FIRST, OptionalInt.empty());
        List<Predictions.Misclassification> least = p.misclassified(Predictions.Order.LEAST_CONFIDENT_FIRST, OptionalInt.empty());
        assertTrue(most.size() > 10, "enough errors to sort");
        for (int i = 1; i < most.size(); i++) {
            assertTrue(most.get(i - 1).confidence() >= most.get(i).confidence());
            assertTrue(least.get(i - 1).confidence() <= least.get(i).confidence());
        }
        for (Predictions.Misclassification m : most) {
            assertTrue(m.trueClass() != m.predicted());
            assertEquals(p.predicted(m.index()), m.predicted());
            assertEquals(p.probabilities(m.index())[m.predicted()], m.confidence(), 0.0);
        }
        List<Predictions.Misclassification> twos = p.misclassified(Predictions.Order.LEAST_CONFIDENT_FIRST, OptionalInt.of(2));
        assertTrue(twos.stream().allMatch(m -> m.trueClass() == 2));
        int[][] c = p.confusion();
        assertEquals(c[2][0] + c[2][1], twos.size());
    }

    @Test
    void argMaxTakesTheLowerClassOnTies() {
        assertEquals(1, Predictions.argMax(new double[] {0.2, 0.4, 0.4}));
    }

    @Test
    void theInputPipelineDoesWhatTheChainDoesToTheTestSplit() {
        Random r = new Random(3);
        float[] train = new float[40 * 64];
        float[] test = new float[10 * 64];
        for (int i = 0; i < train.length; i++) {
            train[i] = r.nextFloat() * 16;
        }
        for (int i = 0; i < test.length; i++) {
            test[i] = r.nextFloat() * 16;
        }
        int[] trainLabels = r.ints(40, 0, 3).toArray();
        int[] testLabels = {0, 1, 2, 0, 1, 2, 0, 1, 2, 2};
        Dataset raw = new Dataset("t", "", "", List.of("a", "b", "c"), ImageSet.ofFloats(8, 8, 1, train, trainLabels),
                ImageSet.ofFloats(8, 8, 1, test, testLabels));
        for (TransformChain chain : List.of(TransformChain.EMPTY,
                new TransformChain(List.of(new Transform.Resize(4, 4), new Transform.Normalise(Transform.Normalise.Mode.STANDARDISE))),
                new TransformChain(List.of(new Transform.ClassSubset(List.of(2, 0)), new Transform.Resize(5, 3),
                        new Transform.Normalise(Transform.Normalise.Mode.SYMMETRIC_RANGE))))) {
            InputPipeline pipeline = InputPipeline.of(raw, chain);
            Dataset done = chain.apply(raw);
            int[] kept = chain.find(Transform.ClassSubset.class).isPresent() ? new int[] {0, 2, 3, 5, 6, 8, 9} : new int[] {0, 1, 2, 3};
            for (int k = 0; k < Math.min(4, done.test().size()); k++) {
                float[] mine = pipeline.apply(raw.test().image(kept[k]));
                assertArrayEquals(done.test().image(k), mine, 1e-5f, chain.steps() + " image " + k);
            }
            assertEquals(done.width(), pipeline.width());
            assertEquals(done.height(), pipeline.height());
        }
    }
}
