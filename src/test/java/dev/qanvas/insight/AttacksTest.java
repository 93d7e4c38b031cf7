package dev.qanvas.insight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerKinds;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.graph.kinds.BatchNorm;
import dev.qanvas.nn.training.PixelSpace;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.EveryLayerKindTest;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * FGSM and PGD against independent checks: the cross-entropy gradient in pixel units against
 * central finite differences of the loss through every layer kind (quantum layers, quanvolution
 * and parallel circuits included), several images in one batch so each row's gradient is its own
 * loss's; the epsilon ball and the pixel range; epsilon 0; PGD against FGSM; FGSM raising the loss.
 */
class AttacksTest {

    private static final double H = 1e-5;
    /** A Normalise-like map, so the pixel gradient's scale factor is checked too. */
    private static final PixelSpace SPACE = new PixelSpace(2.5, -0.7, 0, 1);

    private static double[][] randomPixels(int n, int size, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[n][size];
        for (double[] row : x) {
            for (int k = 0; k < size; k++) {
                row[k] = 0.1 + 0.8 * r.nextDouble();
            }
        }
        return x;
    }

    private static long[] shapeOf(Shape s) {
        return s.isVector() ? new long[] {s.size()} : new long[] {s.channels(), s.height(), s.width()};
    }

    @TestFactory
    Stream<DynamicTest> theLossGradientMatchesFiniteDifferencesThroughEveryLayerKind() {
        return LayerKinds.ALL.stream().filter(k -> k.type() != BatchNorm.class)
                .map(k -> DynamicTest.dynamicTest(k.name(), () -> checkGradient(k)));
    }

    private static void checkGradient(LayerKind<?> kind) {
        ModelGraph model = EveryLayerKindTest.modelAround(kind, "k");
        GraphAnalysis analysis = model.analyse();
        Shape in = analysis.shape(model.nodes().get(0).id()).orElseThrow();
        ComputationGraph net = GraphCompiler.compile(model, TrainingSettings.defaults(), DataType.DOUBLE);
        Attacks attacks = new Attacks(net, shapeOf(in), SPACE);
        double[][] x = randomPixels(3, attacks.inputSize(), kind.name().hashCode());
        int[] y = {0, 1, 1};
        double[][] g = attacks.pixelGradients(x, y);
        boolean any = false;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < x[i].length; k += Math.max(1, x[i].length / 7)) {
                double[][] up = {x[i].clone()};
                double[][] down = {x[i].clone()};
                up[0][k] += H;
                down[0][k] -= H;
                int[] yi = {y[i]};
                double fd = (attacks.losses(up, yi)[0] - attacks.losses(down, yi)[0]) / (2 * H);
                assertEquals(fd, g[i][k], 1e-6 + 1e-4 * Math.abs(fd), kind.name() + ": image " + i + " pixel " + k);
                any |= Math.abs(fd) > 1e-6;
            }
        }
        // a QRNN reads its pixels as bits (docs/qrnn.md): its loss is flat in them, and its gradient is 0 (checked above)
        boolean binarised = kind.type() == dev.qanvas.nn.graph.kinds.Qrnn.class;
        assertTrue(binarised != any, kind.name() + (binarised ? ": the loss is flat in binarised pixels" : ": the loss moves with the pixels"));
    }

    @Test
    void theLossIsTheCrossEntropyOfTheModelsProbabilities() {
        ComputationGraph net = InsightModels.compile(InsightModels.denseQuantum(false), DataType.FLOAT);
        Attacks attacks = new Attacks(net, new long[] {1, 4, 4}, SPACE);
        double[][] x = randomPixels(4, 16, 3);
        int[] y = {0, 1, 2, 1};
        double[][] p = attacks.probabilities(x);
        double[] loss = attacks.losses(x, y);
        for (int i = 0; i < x.length; i++) {
            assertEquals(1.0, p[i][0] + p[i][1] + p[i][2], 1e-9);
            assertEquals(-Math.log(p[i][y[i]]), loss[i], 1e-12);
            // the original float network agrees with the double copy
            double[] modelInput = SPACE.toModel(x[i]);
            float[] f = new float[16];
            for (int k = 0; k < 16; k++) {
                f[k] = (float) modelInput[k];
            }
            double[] q = net.outputSingle(false, org.nd4j.linalg.factory.Nd4j.create(f, new long[] {1, 1, 4, 4}, 'c'))
                    .castTo(DataType.DOUBLE).toDoubleVector();
            assertArrayEquals(q, p[i], 1e-5);
        }
    }

    @Test
    void pgdNeverLeavesTheEpsilonBallOrThePixelRange() {
        ComputationGraph net = InsightModels.compile(InsightModels.quanvolution(), DataType.FLOAT);
        Attacks attacks = new Attacks(net, new long[] {1, 6, 6}, new PixelSpace(1, 0, 0, 1));
        Random r = new Random(5);
        double[][] x = new double[12][36];
        for (double[] row : x) {
            for (int k = 0; k < 36; k++) {
                row[k] = r.nextInt(3) / 2.0; // many pixels at 0 and 1, where clipping bites
            }
        }
        int[] y = new int[12];
        for (int i = 0; i < 12; i++) {
            y[i] = i % 3;
        }
        for (double eps : new double[] {0.03, 0.1, 0.3}) {
            double[][] adv = attacks.pgd(x, y, eps, new Attacks.Settings(7, 2.5, true, 11));
            double[][] fgsm = attacks.fgsm(x, y, eps);
            for (int i = 0; i < x.length; i++) {
                for (int k = 0; k < 36; k++) {
                    assertTrue(Math.abs(adv[i][k] - x[i][k]) <= eps + 1e-12, "PGD inside the ball");
                    assertTrue(adv[i][k] >= 0 && adv[i][k] <= 1, "PGD inside the pixel range");
                    assertTrue(Math.abs(fgsm[i][k] - x[i][k]) <= eps + 1e-12 && fgsm[i][k] >= 0 && fgsm[i][k] <= 1);
                }
            }
        }
    }

    @Test
    void atEpsilonZeroRobustAccuracyIsCleanAccuracyAndPgdIsNeverWeakerThanFgsm() {
        ComputationGraph net = InsightModels.compile(InsightModels.parallel(), DataType.FLOAT);
        Attacks attacks = new Attacks(net, new long[] {8}, SPACE);
        double[][] x = randomPixels(150, 8, 7);
        int[] y = attacks.predict(x); // every image right before the attack, so the attacks have work to do
        for (int i = 0; i < y.length; i += 5) {
            y[i] = (y[i] + 1) % 2; // and some wrong
        }
        double[] eps = {0, 0.02, 0.05, 0.1, 0.3};
        Attacks.Curve fgsm = attacks.curve(Attacks.Method.FGSM, Attacks.Settings.defaults(), eps, x, y, Attacks.Progress.NONE);
        Attacks.Curve pgd = attacks.curve(Attacks.Method.PGD, Attacks.Settings.defaults(), eps, x, y, Attacks.Progress.NONE);
        assertEquals(120.0 / 150, fgsm.clean(), 1e-12);
        assertEquals(fgsm.clean(), fgsm.at(0), 0);
        assertEquals(pgd.clean(), pgd.at(0), 0);
        for (int e = 0; e < eps.length; e++) {
            assertTrue(pgd.accuracy()[e] <= fgsm.accuracy()[e], "PGD " + pgd.accuracy()[e] + " vs FGSM " + fgsm.accuracy()[e]);
        }
        assertTrue(pgd.at(0.3) < pgd.clean(), "a large epsilon hurts: " + pgd.at(0.3));
        assertArrayEquals(attacks.fgsm(x, y, 0), x);
    }

    @Test
    void fgsmRaisesTheLossOfMostCorrectlyClassifiedImages() {
        ComputationGraph net = InsightModels.compile(InsightModels.denseQuantum(false), DataType.FLOAT);
        Attacks attacks = new Attacks(net, new long[] {1, 4, 4}, SPACE);
        double[][] x = randomPixels(100, 16, 9);
        int[] y = attacks.predict(x);
        double[] before = attacks.losses(x, y);
        double[] after = attacks.losses(attacks.fgsm(x, y, 0.02), y);
        int raised = 0;
        for (int i = 0; i < x.length; i++) {
            raised += after[i] > before[i] ? 1 : 0;
        }
        assertTrue(raised >= 95, raised + " of 100 losses raised");
    }

    @Test
    void aTransferAttackCraftsOnOneModelAndScoresTheOther() {
        ComputationGraph a = InsightModels.compile(InsightModels.denseQuantum(false), DataType.FLOAT);
        ComputationGraph b = InsightModels.compile(InsightModels.denseQuantum(true), DataType.FLOAT);
        Attacks source = new Attacks(a, new long[] {1, 4, 4}, SPACE);
        Attacks target = new Attacks(b, new long[] {1, 4, 4}, SPACE);
        double[][] x = randomPixels(40, 16, 13);
        int[] y = target.predict(x);
        Attacks.Curve c = Attacks.curve(source, target, "run-1", Attacks.Method.FGSM, Attacks.Settings.defaults(),
                new double[] {0, 0.2}, x, y, Attacks.Progress.NONE);
        assertEquals(1.0, c.clean(), 0);
        assertEquals(1.0, c.at(0), 0);
        assertEquals("FGSM, transferred from run-1", c.label());
        // the transferred images are exactly those crafted on the source
        int[] onTarget = target.predict(source.fgsm(x, y, 0.2));
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            right += onTarget[i] == y[i] ? 1 : 0;
        }
        assertEquals(right / 40.0, c.at(0.2), 1e-12);
    }

    @Test
    void anInterruptedCurveStopsAndBadEpsilonsAreRefused() {
        ComputationGraph net = InsightModels.compile(InsightModels.parallel(), DataType.FLOAT);
        Attacks attacks = new Attacks(net, new long[] {8}, SPACE);
        double[][] x = randomPixels(10, 8, 1);
        int[] y = new int[10];
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> attacks.curve(Attacks.Method.FGSM, Attacks.Settings.defaults(),
                    new double[] {0.1}, x, y, Attacks.Progress.NONE));
        } finally {
            Thread.interrupted();
        }
        assertThrows(IllegalArgumentException.class, () -> Attacks.parseEpsilons("0,0.1,x"));
        assertThrows(IllegalArgumentException.class, () -> Attacks.parseEpsilons("-0.1"));
        assertThrows(IllegalArgumentException.class, () -> Attacks.parseEpsilons("2"));
        assertArrayEquals(new double[] {0, 0.05, 0.1}, Attacks.parseEpsilons("0, 0.05,0.1"));
        assertEquals("0.1", Attacks.format(0.1));
        assertEquals("0", Attacks.format(0));
        assertEquals("0.05", Attacks.format(0.05));
    }
}
