package dev.qanvas.nn.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerKinds;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.graph.kinds.BatchNorm;
import dev.qanvas.nn.graph.kinds.Dropout;
import dev.qanvas.project.EveryLayerKindTest;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input gradient adversarial training takes from the live network, through every layer kind:
 * it matches finite differences of the model's loss (in pixel units), and crafting leaves the
 * weights and the optimiser's state as they were.
 */
class AdversarialExamplesEveryKindTest {

    private static final PixelSpace SPACE = new PixelSpace(2.5, -0.7, 0, 1);
    private static final double H = 1e-5;

    @TestFactory
    Stream<DynamicTest> theLiveInputGradientMatchesFiniteDifferencesAndChangesNoWeights() {
        return LayerKinds.ALL.stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> check(k)));
    }

    private static void check(LayerKind<?> kind) {
        ModelGraph model = EveryLayerKindTest.modelAround(kind, "k");
        Shape in = model.analyse().shape(model.nodes().get(0).id()).orElseThrow();
        long[] shape = in.isVector() ? new long[] {3, in.size()} : new long[] {3, in.channels(), in.height(), in.width()};
        ComputationGraph net = GraphCompiler.compile(model, TrainingSettings.defaults(), DataType.DOUBLE);
        int classes = (int) net.outputSingle(false, Nd4j.rand(DataType.DOUBLE, shape)).size(1);
        net.fit(new org.nd4j.linalg.dataset.DataSet(Nd4j.rand(DataType.DOUBLE, shape), labels(3, classes))); // an optimiser state
        INDArray params = net.params().dup();
        INDArray updaterState = net.getUpdater().getStateViewArray().dup();
        int size = (int) (shape.length == 2 ? shape[1] : shape[1] * shape[2] * shape[3]);
        Random r = new Random(kind.name().hashCode());
        double[][] x = new double[3][size];
        for (double[] row : x) {
            for (int k = 0; k < size; k++) {
                row[k] = 0.1 + 0.8 * r.nextDouble();
            }
        }
        INDArray y = labels(3, classes);
        AdversarialExamples crafter = new AdversarialExamples(net, new AdversarialTraining(AdversarialTraining.Method.FGSM, 0.1, 1, 1), SPACE);
        double[][] g = crafter.pixelGradients(x, y, shape);
        assertEquals(params, net.params(), kind.name() + ": crafting changes no weight");
        assertEquals(updaterState, net.getUpdater().getStateViewArray(), kind.name() + ": nor the optimiser's state");
        boolean random = kind.type() == Dropout.class || kind.type() == BatchNorm.class; // training mode differs from inference
        boolean any = false;
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < size; k += Math.max(1, size / 7)) {
                assertTrue(Double.isFinite(g[i][k]), kind.name());
                if (random) {
                    continue;
                }
                double[] up = x[i].clone();
                double[] down = x[i].clone();
                up[k] += H;
                down[k] -= H;
                int label = i % 2;
                double fd = (loss(net, up, shape, label) - loss(net, down, shape, label)) / (2 * H);
                assertEquals(fd, g[i][k], 1e-6 + 1e-4 * Math.abs(fd), kind.name() + ": image " + i + " pixel " + k);
                any |= Math.abs(fd) > 1e-6;
            }
        }
        // a QRNN reads its pixels as bits (docs/qrnn.md): its loss is flat in them, and its gradient is 0 (checked above)
        boolean binarised = kind.type() == dev.qanvas.nn.graph.kinds.Qrnn.class;
        assertTrue(random || binarised != any, kind.name() + (binarised ? ": the loss is flat in binarised pixels" : ": the loss moves with the pixels"));
    }

    /** Labels 0, 1, 0, ... one-hot. */
    private static INDArray labels(int n, int classes) {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % 2, 1);
        }
        return y;
    }

    /** The model's cross-entropy for one image in pixel units (softmax output). */
    private static double loss(ComputationGraph net, double[] pixels, long[] batchShape, int label) {
        long[] shape = batchShape.clone();
        shape[0] = 1;
        double[] p = net.outputSingle(false, Nd4j.create(SPACE.toModel(pixels), shape, 'c')).toDoubleVector();
        return -Math.log(p[label]);
    }
}
