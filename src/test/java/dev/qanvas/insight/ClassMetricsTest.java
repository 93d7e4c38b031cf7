package dev.qanvas.insight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.ROCMultiClass;
import org.nd4j.linalg.factory.Nd4j;

/** Per-class precision and recall, balanced accuracy and ROC AUC against values worked by hand and DL4J's ROCMultiClass. */
class ClassMetricsTest {

    private static final int[] LABELS = {0, 0, 1, 1, 2, 2};
    private static final double[][] PROBS = {
            {0.7, 0.2, 0.1}, // predicted 0
            {0.4, 0.4, 0.2}, // tie: predicted 0 (the lower class)
            {0.3, 0.5, 0.2}, // 1
            {0.5, 0.3, 0.2}, // 0
            {0.1, 0.2, 0.7}, // 2
            {0.2, 0.5, 0.3}}; // 1

    private static Predictions handMade() {
        return new Predictions(List.of("a", "b", "c"), LABELS, PROBS);
    }

    @Test
    void precisionRecallAndBalancedAccuracyByHand() {
        // confusion rows (true) 0: [2 0 0], 1: [1 1 0], 2: [0 1 1]
        ClassMetrics m = ClassMetrics.of(handMade());
        assertArrayEquals(new double[] {2 / 3.0, 1 / 2.0, 1.0}, m.precision(), 1e-12);
        assertArrayEquals(new double[] {1.0, 0.5, 0.5}, m.recall(), 1e-12);
        assertEquals(2 / 3.0, m.balancedAccuracy(), 1e-12);
        assertEquals(4 / 6.0, m.accuracy(), 1e-12);
    }

    @Test
    void rocAucCountsPairsWithTiesAsHalves() {
        // class 0: positives 0.7, 0.4 vs negatives 0.3 0.5 0.1 0.2 -> (4 + 3) / 8
        // class 1: positives 0.5, 0.3 vs 0.2 0.4 0.2 0.5 -> (3 + 1/2 + 2) / 8 (0.5 ties 0.5)
        // class 2: positives 0.7, 0.3 vs 0.1 0.2 0.2 0.2 -> 8 / 8
        ClassMetrics m = ClassMetrics.of(handMade());
        assertArrayEquals(new double[] {0.875, 0.6875, 1.0}, m.rocAuc(), 1e-12);
        assertEquals((0.875 + 0.6875 + 1.0) / 3, m.macroRocAuc(), 1e-12);
    }

    @Test
    void undefinedValuesAreNanAndLeftOutOfTheMeans() {
        // class 2 never occurs and is never predicted
        Predictions p = new Predictions(List.of("a", "b", "c"), new int[] {0, 1, 1},
                new double[][] {{0.6, 0.3, 0.1}, {0.2, 0.7, 0.1}, {0.5, 0.25, 0.25}});
        ClassMetrics m = ClassMetrics.of(p);
        assertTrue(Double.isNaN(m.recall()[2]));
        assertEquals(0, m.precision()[2]);
        assertEquals((1 + 0.5) / 2, m.balancedAccuracy(), 1e-12);
        assertTrue(Double.isNaN(m.rocAuc()[2]));
        // class 0: 0.6 > 0.2, 0.5 -> 1; class 1: 0.7 > 0.3, 0.25 < 0.3 -> 1/2
        assertEquals((1.0 + 0.5) / 2, m.macroRocAuc(), 1e-12);
        ObjectNode json = new ObjectMapper().createObjectNode();
        m.writeTo(json, p.classNames());
        assertTrue(json.get("per_class").get(2).get("recall").isNull());
        assertEquals(2, json.get("per_class").get(2).get("class").intValue());
        assertEquals("c", json.get("per_class").get(2).get("name").textValue());
    }

    @Test
    void agreesWithCountingEveryPairOnScoresWithManyTies() {
        Random random = new Random(5);
        int n = 200;
        double[] scores = new double[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            positive[i] = random.nextInt(3) == 0;
            scores[i] = random.nextInt(6) + (positive[i] ? 1 : 0); // coarse: many ties
        }
        double wins = 0;
        int pairs = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (positive[i] && !positive[j]) {
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        assertEquals(wins / pairs, ClassMetrics.rocAuc(scores, positive), 1e-12);
    }

    @Test
    void agreesWithDl4jRocMultiClassWithoutTies() {
        Random random = new Random(6);
        int n = 200;
        int k = 4;
        int[] labels = new int[n];
        double[][] probs = new double[n][k];
        double[][] oneHot = new double[n][k];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(k);
            oneHot[i][labels[i]] = 1;
            double sum = 0;
            for (int c = 0; c < k; c++) {
                probs[i][c] = random.nextDouble() + (c == labels[i] ? 0.5 : 0);
                sum += probs[i][c];
            }
            for (int c = 0; c < k; c++) {
                probs[i][c] /= sum;
            }
        }
        ROCMultiClass roc = new ROCMultiClass(0); // 0: exact
        roc.eval(Nd4j.create(oneHot), Nd4j.create(probs));
        ClassMetrics m = ClassMetrics.of(new Predictions(List.of("a", "b", "c", "d"), labels, probs));
        for (int c = 0; c < k; c++) {
            assertEquals(roc.calculateAUC(c), m.rocAuc()[c], 1e-6, "class " + c);
        }
        assertEquals(roc.calculateAverageAUC(), m.macroRocAuc(), 1e-6);
    }
}
