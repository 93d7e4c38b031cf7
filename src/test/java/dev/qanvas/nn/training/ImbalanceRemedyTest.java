package dev.qanvas.nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.ModelFiles;
import dev.qanvas.nn.NumericEngine;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Over- and undersampling counts, class weights against a cross-entropy worked out here, threshold moving by hand. */
class ImbalanceRemedyTest {

    /** 50 images of class 0, 10 of class 1, 3 of class 2, interleaved. */
    private static int[] labels() {
        int[] labels = new int[63];
        for (int i = 0; i < 63; i++) {
            labels[i] = i < 3 ? 2 : i < 13 ? 1 : 0;
        }
        return labels;
    }

    private static int[] all(int n) {
        return java.util.stream.IntStream.range(0, n).toArray();
    }

    private static int[] counts(int[] labels, int[] indices) {
        int[] c = new int[3];
        for (int i : indices) {
            c[labels[i]]++;
        }
        return c;
    }

    private static ImbalanceRemedy resampling(ImbalanceRemedy.Resampling r, double level) {
        return new ImbalanceRemedy(r, level, false, false);
    }

    @Test
    void oversamplingRaisesEveryClassToTheLevelOfTheLargest() {
        int[] labels = labels();
        int[] full = resampling(ImbalanceRemedy.Resampling.OVERSAMPLE, 1).resample(labels, all(63), 3, 7);
        assertArrayEquals(new int[] {50, 50, 50}, counts(labels, full));
        int[] times = new int[63];
        for (int i : full) {
            times[i]++;
        }
        for (int i = 3; i < 13; i++) {
            assertEquals(5, times[i], "class 1: 50 = 5 whole copies of its 10");
        }
        // class 2: 50 = 16 copies of its 3, plus 2 of them once more
        assertEquals(2, java.util.stream.IntStream.range(0, 3).filter(i -> times[i] == 17).count());
        assertEquals(1, java.util.stream.IntStream.range(0, 3).filter(i -> times[i] == 16).count());
        assertArrayEquals(full, resampling(ImbalanceRemedy.Resampling.OVERSAMPLE, 1).resample(labels, all(63), 3, 7), "seeded");
        assertArrayEquals(new int[] {50, 25, 25},
                counts(labels, resampling(ImbalanceRemedy.Resampling.OVERSAMPLE, 0.5).resample(labels, all(63), 3, 7)));
    }

    @Test
    void undersamplingCutsEveryClassToTheSmallestOverTheLevel() {
        int[] labels = labels();
        int[] balanced = resampling(ImbalanceRemedy.Resampling.UNDERSAMPLE, 1).resample(labels, all(63), 3, 7);
        assertArrayEquals(new int[] {3, 3, 3}, counts(labels, balanced));
        assertEquals(9, java.util.Arrays.stream(balanced).distinct().count(), "without replacement");
        assertArrayEquals(new int[] {6, 6, 3},
                counts(labels, resampling(ImbalanceRemedy.Resampling.UNDERSAMPLE, 0.5).resample(labels, all(63), 3, 7)));
        // only the given indices (the images left after the validation share) are used
        int[] some = java.util.stream.IntStream.range(0, 63).filter(i -> i % 2 == 0).toArray(); // 1 + 5 + 25 of classes 2, 1, 0... by parity
        int[] cut = resampling(ImbalanceRemedy.Resampling.UNDERSAMPLE, 1).resample(labels, some, 3, 7);
        int smallest = java.util.Arrays.stream(counts(labels, some)).min().orElseThrow();
        assertArrayEquals(new int[] {smallest, smallest, smallest}, counts(labels, cut));
        for (int i : cut) {
            assertEquals(0, i % 2);
        }
        int[] none = all(63);
        assertSame(none, ImbalanceRemedy.none().resample(labels, none, 3, 7));
    }

    @Test
    void classWeightsWeighTheCrossEntropyAsWorkedOutByHand() {
        NumericEngine.start();
        int[] labels = {0, 0, 0, 1};
        // w_c = N / (K n_c): 4 / (2 * 3) and 4 / (2 * 1)
        assertArrayEquals(new double[] {2 / 3.0, 2.0}, ImbalanceRemedy.balancedWeights(labels, all(4), 2), 1e-12);
        ComputationGraph net = tinyNet();
        DataSet data = new DataSet(Nd4j.create(new float[][] {{0.1f, 0.9f}, {0.5f, -0.2f}, {1f, 1f}, {-0.7f, 0.3f}}),
                Nd4j.create(new float[][] {{1, 0}, {1, 0}, {1, 0}, {0, 1}}));
        double[][] p = net.outputSingle(false, data.getFeatures()).castTo(DataType.DOUBLE).toDoubleMatrix();
        double plain = 0;
        double weighted = 0;
        double[] w = {2 / 3.0, 2.0};
        for (int x = 0; x < 4; x++) {
            plain -= Math.log(p[x][labels[x]]) / 4;
            weighted -= w[labels[x]] * Math.log(p[x][labels[x]]) / 4;
        }
        assertEquals(plain, net.score(data), 1e-5);
        new ImbalanceRemedy(ImbalanceRemedy.Resampling.NONE, 1, true, false).weighLoss(net, labels, all(4), 2);
        assertEquals(weighted, net.score(data), 1e-5);
        assertNotEquals(plain, weighted, 1e-3);
    }

    @Test
    void aWeightedModelSurvivesItsZip(@TempDir Path dir) throws Exception {
        NumericEngine.start();
        ComputationGraph net = tinyNet();
        new ImbalanceRemedy(ImbalanceRemedy.Resampling.NONE, 1, true, false).weighLoss(net, new int[] {0, 0, 0, 1}, all(4), 2);
        DataSet data = new DataSet(Nd4j.create(new float[][] {{0.1f, 0.9f}, {-0.7f, 0.3f}}), Nd4j.create(new float[][] {{1, 0}, {0, 1}}));
        ModelFiles.write(net, dir.resolve("model.zip"));
        ComputationGraph back = ModelFiles.restore(dir.resolve("model.zip"), false);
        assertEquals(net.score(data), back.score(data), 1e-6);
    }

    private static ComputationGraph tinyNet() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).graphBuilder()
                .addInputs("in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "in")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    @Test
    void thresholdMovingDividesByThePriors() {
        // p = (0.6, 0.4), priors (0.8, 0.2): 0.75 and 2, normalised by 2.75 -> the minority class wins
        double[][] moved = ImbalanceRemedy.moveThresholds(new double[][] {{0.6, 0.4}}, new double[] {0.8, 0.2});
        assertArrayEquals(new double[] {0.75 / 2.75, 2 / 2.75}, moved[0], 1e-12);
        assertArrayEquals(new double[] {0.8, 0.2}, ImbalanceRemedy.priors(new int[] {8, 2}), 1e-12);
        assertArrayEquals(new double[] {1 / 9.0, 8 / 9.0}, ImbalanceRemedy.priors(new int[] {0, 8}), 1e-12);
    }

    @Test
    void badLevelsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImbalanceRemedy(ImbalanceRemedy.Resampling.OVERSAMPLE, 1.5, false, false));
        assertTrue(e.getMessage().contains("(0, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImbalanceRemedy(ImbalanceRemedy.Resampling.UNDERSAMPLE, Double.NaN, false, false));
        assertEquals(ImbalanceRemedy.none(), TrainingSettings.defaults().imbalance(), "settings without remedies read as none");
        assertEquals(ImbalanceRemedy.none(), new TrainingSettings(TrainingSettings.Optimizer.ADAM, 1e-3, 32, 5, 42, 0.1, 0, 0, null, null).imbalance());
    }
}
