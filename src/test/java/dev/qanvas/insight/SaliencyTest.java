package dev.qanvas.insight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Saliency through quantum layers, checked against central finite differences of the class
 * logit. The networks are double precision, so with step h = 1e-5 the finite difference is
 * accurate to about h^2 * |f'''| + 1e-16 / h, well below 1e-8; the tolerance 1e-6 (absolute,
 * plus 1e-5 relative) leaves a wide margin while a wrong gradient (a missed layer, a wrong input
 * scale, the softmax instead of the logit) is off by far more.
 */
class SaliencyTest {

    private static final double H = 1e-5;

    private static double[] randomInput(int size, long seed) {
        Random r = new Random(seed);
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = r.nextDouble();
        }
        return x;
    }

    private static void checkAgainstFiniteDifferences(Saliency s, double[] x, int cls, int[] pixels) {
        double[] g = s.vanilla(x, cls);
        for (int p : pixels) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[p] += H;
            down[p] -= H;
            double fd = (s.logit(up, cls) - s.logit(down, cls)) / (2 * H);
            assertEquals(fd, g[p], 1e-6 + 1e-5 * Math.abs(fd), "pixel " + p + " class " + cls);
        }
        assertTrue(java.util.Arrays.stream(g).anyMatch(v -> Math.abs(v) > 1e-6), "the gradient is not all zero");
    }

    @Test
    void vanillaGradientThroughADenseQuantumModelMatchesFiniteDifferences() {
        ComputationGraph net = InsightModels.compile(InsightModels.denseQuantum(false), DataType.DOUBLE);
        Saliency s = new Saliency(net, new long[] {1, 4, 4});
        double[] x = randomInput(16, 1);
        for (int cls = 0; cls < 3; cls++) {
            checkAgainstFiniteDifferences(s, x, cls, new int[] {0, 5, 10, 15});
        }
    }

    @Test
    void vanillaGradientThroughAQuanvolutionModelMatchesFiniteDifferences() {
        ComputationGraph net = InsightModels.compile(InsightModels.quanvolution(), DataType.DOUBLE);
        Saliency s = new Saliency(net, new long[] {1, 6, 6});
        double[] x = randomInput(36, 2);
        checkAgainstFiniteDifferences(s, x, 1, new int[] {0, 7, 14, 21, 35});
    }

    @Test
    void aFloatNetworkIsDifferentiatedInDoublePrecision() {
        ComputationGraph net = InsightModels.compile(InsightModels.quanvolution(), DataType.FLOAT);
        Saliency s = new Saliency(net, new long[] {1, 6, 6});
        checkAgainstFiniteDifferences(s, randomInput(36, 3), 2, new int[] {3, 20});
        assertEquals(DataType.FLOAT, net.params().dataType(), "the trained network is left as it was");
    }

    @Test
    void dropoutIsOffSoMapsAreDeterministicAndExact() {
        ComputationGraph net = InsightModels.compile(InsightModels.denseQuantum(true), DataType.DOUBLE);
        Saliency s = new Saliency(net, new long[] {1, 4, 4});
        double[] x = randomInput(16, 4);
        assertArrayEquals(s.vanilla(x, 0), s.vanilla(x, 0), 0.0);
        checkAgainstFiniteDifferences(s, x, 0, new int[] {1, 9});
    }

    @Test
    void theLogitIsThePreSoftmaxOutput() {
        ComputationGraph net = InsightModels.compile(InsightModels.denseQuantum(false), DataType.DOUBLE);
        Saliency s = new Saliency(net, new long[] {1, 4, 4});
        double[] x = randomInput(16, 5);
        double[] z = s.logits(new double[][] {x})[0];
        double[] p = net.outputSingle(false, org.nd4j.linalg.factory.Nd4j.create(x, new long[] {1, 1, 4, 4}, 'c')).toDoubleVector();
        double norm = 0;
        for (double v : z) {
            norm += Math.exp(v);
        }
        for (int c = 0; c < 3; c++) {
            assertEquals(p[c], Math.exp(z[c]) / norm, 1e-12, "softmax of the logits is the model's output");
        }
    }

    /**
     * Completeness: the attributions add up to z(x) - z(b). The midpoint rule's error falls as
     * 1/steps^2; at 64 steps it stays below 1e-3 of |z(x) - z(b)| for these models (measured 1.5e-6
     * to 1.1e-4), which is the stated tolerance.
     */
    @Test
    void integratedGradientsAddUpToTheLogitDifference() {
        for (var model : new Object[][] {{InsightModels.denseQuantum(false), new long[] {1, 4, 4}},
                {InsightModels.quanvolution(), new long[] {1, 6, 6}}}) {
            ComputationGraph net = InsightModels.compile((dev.qanvas.nn.graph.ModelGraph) model[0], DataType.DOUBLE);
            long[] shape = (long[]) model[1];
            Saliency s = new Saliency(net, shape);
            int size = s.inputSize();
            double[] x = randomInput(size, 6);
            double[] b = new double[size];
            for (int cls = 0; cls < 3; cls++) {
                double[] ig = s.integratedGradients(x, b, cls, 64);
                double sum = java.util.Arrays.stream(ig).sum();
                double diff = s.logit(x, cls) - s.logit(b, cls);
                assertEquals(diff, sum, 1e-3 * Math.abs(diff) + 1e-9, "completeness, class " + cls);
            }
        }
    }

    @Test
    void smoothGradWithoutNoiseIsTheVanillaGradient() {
        ComputationGraph net = InsightModels.compile(InsightModels.quanvolution(), DataType.DOUBLE);
        Saliency s = new Saliency(net, new long[] {1, 6, 6});
        double[] x = randomInput(36, 7);
        assertArrayEquals(s.vanilla(x, 0), s.smoothGrad(x, 0, 0.0, 5, 1), 1e-12);
        double[] noisy1 = s.smoothGrad(x, 0, 0.1, 5, 9);
        double[] noisy2 = s.smoothGrad(x, 0, 0.1, 5, 9);
        assertArrayEquals(noisy1, noisy2, 0.0, "seeded noise: the same map every time");
        assertTrue(java.util.Arrays.mismatch(noisy1, s.vanilla(x, 0)) >= 0, "noise changes the map");
    }

    @Test
    void heatIsTheNormalisedMagnitudeSummedOverChannels() {
        double[] a = new double[200];
        a[3] = -2;
        a[100 + 3] = 1; // second channel of the same pixel
        a[7] = 0.5;
        double[] h = Saliency.heat(a, 2);
        assertEquals(100, h.length);
        assertEquals(1.0, h[3], 1e-12, "|−2| + |1| is the largest, clipped to 1");
        assertEquals(1.0, h[7], 1e-12, "the 99th percentile is 0.5, so 0.5 reaches 1");
        assertEquals(0.0, h[50], 0.0);
        assertArrayEquals(new double[4], Saliency.heat(new double[4], 1), 0.0);
    }
}
