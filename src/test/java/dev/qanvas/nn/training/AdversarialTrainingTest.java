package dev.qanvas.nn.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.nn.training.AdversarialTraining.Method;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Adversarial training on the hybrid network of {@link TrainingRunTest} (8x8 digits 0 vs 1). */
class AdversarialTrainingTest {

    /** Model values = pixel * 2 - 1, as a symmetric Normalise gives: the steps must work in pixel units. */
    private static final PixelSpace SPACE = new PixelSpace(2, -1, 0, 1);

    /** The data as the model reads it in {@link #SPACE}: each pixel p becomes 2p - 1. */
    private static Dataset inModelUnits(Dataset raw) {
        return raw.withSplits(raw.classNames(), inModelUnits(raw.train()), inModelUnits(raw.test()));
    }

    private static ImageSet inModelUnits(ImageSet set) {
        int f = set.featureCount();
        float[] values = new float[set.size() * f];
        int[] labels = new int[set.size()];
        for (int i = 0; i < set.size(); i++) {
            float[] image = set.image(i);
            for (int k = 0; k < f; k++) {
                values[i * f + k] = (float) (image[k] * SPACE.scale() + SPACE.shift());
            }
            labels[i] = set.label(i);
        }
        return ImageSet.ofFloats(set.width(), set.height(), set.channels(), values, labels);
    }

    private static ComputationGraph trained(TrainingSettings s, Dataset data) {
        TrainingRunTest.Recorder r = new TrainingRunTest.Recorder();
        TrainingRun run = new TrainingRun(TrainingRunTest.hybrid(s), data, s, false, null, r);
        run.run();
        assertEquals(RunEvents.Outcome.COMPLETED, r.outcome, r.message);
        return run.network();
    }

    private static double[] losses(ComputationGraph net, double[][] pixels, int[] labels) {
        double[][] p = net.outputSingle(false, Nd4j.create(SPACE.toModel(pixels)).castTo(DataType.FLOAT))
                .castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = -Math.log(Math.max(p[i][labels[i]], 1e-30));
        }
        return out;
    }

    @Test
    void craftedExamplesStayInTheBallAndTheRangeAndRaiseTheLoss() throws Exception {
        TrainingSettings s = TrainingSettings.defaults().withEpochs(2);
        Dataset data = TrainingRunTest.zeroVsOne();
        float[] range = data.train().valueRange();
        assertTrue(range[0] >= 0 && range[1] <= 1, "the raw pixels are in [0, 1]");
        ComputationGraph net = trained(s, inModelUnits(data));
        int n = 64;
        double[][] pixels = new double[n][];
        int[] labels = new int[n];
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            float[] image = data.train().image(i);
            pixels[i] = new double[image.length];
            for (int k = 0; k < image.length; k++) {
                pixels[i][k] = image[k];
            }
            labels[i] = data.train().label(i);
            oneHot.putScalar(i, labels[i], 1);
        }
        double[] clean = losses(net, pixels, labels);
        double eps = 0.1;
        for (Method method : new Method[] {Method.FGSM, Method.PGD}) {
            AdversarialExamples crafter = new AdversarialExamples(net, new AdversarialTraining(method, eps, 1, 5), SPACE);
            double[][] adversarial = crafter.craft(pixels, oneHot, new long[] {n, 64}, new Random(3));
            double[] attacked = losses(net, adversarial, labels);
            int raised = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < pixels[i].length; k++) {
                    assertTrue(Math.abs(adversarial[i][k] - pixels[i][k]) <= eps + 1e-9, method + ": outside the ball");
                    assertTrue(adversarial[i][k] >= 0 && adversarial[i][k] <= 1, method + ": outside the pixel range");
                }
                raised += attacked[i] > clean[i] ? 1 : 0;
            }
            assertTrue(raised >= 0.9 * n, method + " raised the loss of only " + raised + " of " + n);
        }
    }

    @Test
    void mixingReplacesTheRatioOfTheBatchAndKeepsTheLabels() throws Exception {
        TrainingSettings s = TrainingSettings.defaults();
        Dataset data = TrainingRunTest.zeroVsOne();
        ComputationGraph net = TrainingRunTest.hybrid(s);
        int[] idx = {0, 1, 2, 3, 4, 5, 6, 7};
        DataSet batch = new DataSet(DataArrays.features(data.train(), idx, false), DataArrays.labels(data.train(), idx, 2));
        INDArray before = batch.getFeatures().dup();
        AdversarialExamples crafter = new AdversarialExamples(net, new AdversarialTraining(Method.FGSM, 0.2, 0.5, 1),
                PixelSpace.identity());
        DataSet mixed = crafter.mix(batch, new Random(1));
        assertEquals(before, batch.getFeatures(), "the batch itself is left as it was");
        assertEquals(batch.getLabels(), mixed.getLabels());
        for (int i = 0; i < idx.length; i++) {
            boolean changed = !mixed.getFeatures().getRow(i).equalsWithEps(before.getRow(i), 1e-7);
            assertEquals(i < 4, changed, "row " + i);
        }
        assertEquals(0, new AdversarialExamples(net, new AdversarialTraining(Method.NONE, 0.2, 0.5, 1), SPACE).replaced(32));
        assertEquals(0, new AdversarialExamples(net, new AdversarialTraining(Method.FGSM, 0.2, 0, 1), SPACE).replaced(32));
        assertEquals(8, new AdversarialExamples(net, new AdversarialTraining(Method.PGD, 0.2, 0.25, 1), SPACE).replaced(32));
    }

    @Test
    void ratioZeroTrainsExactlyAsPlainTraining() throws Exception {
        Dataset data = TrainingRunTest.zeroVsOne();
        TrainingSettings plain = TrainingSettings.defaults().withEpochs(1);
        TrainingSettings zero = plain.withAdversarial(new AdversarialTraining(Method.FGSM, 0.1, 0, 1));
        TrainingSettings half = plain.withAdversarial(new AdversarialTraining(Method.FGSM, 0.1, 0.5, 1));
        float[] a = trained(plain, data).params().toFloatVector();
        float[] b = trained(zero, data).params().toFloatVector();
        float[] c = trained(half, data).params().toFloatVector();
        assertArrayEquals(a, b, 0f);
        assertFalse(java.util.Arrays.equals(a, c), "adversarial examples change what is learnt");
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new AdversarialTraining(Method.FGSM, 0.6, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdversarialTraining(Method.FGSM, -0.1, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdversarialTraining(Method.FGSM, 0.1, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new AdversarialTraining(Method.PGD, 0.1, 0.5, 0));
        assertEquals(Method.NONE, new AdversarialTraining(null, 0.1, 0.5, 7).method());
        assertEquals(Method.PGD, Method.parse(" pgd "));
        assertThrows(IllegalArgumentException.class, () -> Method.parse("cw"));
        assertEquals("PGD (7 steps), epsilon 0.1, 50% of each batch", new AdversarialTraining(Method.PGD, 0.1, 0.5, 7).describe());
        assertEquals("none", AdversarialTraining.none().describe());
        assertFalse(new AdversarialTraining(Method.FGSM, 0, 0.5, 1).active());
        assertEquals(AdversarialTraining.none(), new TrainingSettings(TrainingSettings.Optimizer.ADAM, 1e-3, 32, 5, 42, 0.1, 0,
                0, null).adversarial(), "older files without the settings read as none");
    }
}
