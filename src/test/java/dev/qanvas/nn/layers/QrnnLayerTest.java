package dev.qanvas.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.qrnn.QrnnCell;
import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The QRNN layer inside a DL4J network: DL4J's own gradient check, a closed-form forward value, tokens, JSON round trip. */
class QrnnLayerTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(12345);
    }

    private static MultiLayerNetwork network(QrnnLayer qrnn) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(7)
                .updater(new NoOp()).list()
                .layer(qrnn)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(qrnn.getNOut()).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void dl4jGradientCheckPassesThroughTheQrnnLayer() {
        // pixel by pixel (9 steps, degree 2, order 2) and row by row (3 steps of 3 input lanes, 2 output lanes)
        for (QrnnLayer qrnn : List.of(
                new QrnnLayer.Builder().inputLanes(1).steps(9).cellLanes(2).outputLanes(1).order(2).degree(2).seed(3).build(),
                new QrnnLayer.Builder().inputLanes(3).steps(3).cellLanes(2).outputLanes(2).order(1).degree(1).seed(4).build())) {
            MultiLayerNetwork net = network(qrnn);
            INDArray input = Nd4j.rand(DataType.DOUBLE, 4, 9);
            INDArray labels = Nd4j.zeros(DataType.DOUBLE, 4, 2);
            for (int i = 0; i < 4; i++) {
                labels.putScalar(i, i % 2, 1.0);
            }
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input).labels(labels)
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
            assertTrue(ok, "DL4J gradient check, " + qrnn.getInputLanes() + " input lanes");
            assertEquals(qrnn.cell().parameterCount() + qrnn.getNOut() * 2 + 2, net.numParams());
        }
    }

    @Test
    void backpropFromTheKeptTrainingForwardPassEqualsAFreshOne() {
        QrnnLayer qrnn = new QrnnLayer.Builder().inputLanes(1).steps(9).cellLanes(2).outputLanes(1).order(2).degree(2).seed(5).build();
        MultiLayerNetwork net = network(qrnn);
        net.initGradientsView();
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(0);
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        INDArray input = Nd4j.rand(DataType.DOUBLE, 5, 9);
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, 5, 2);
        layer.setInput(input, mgr);
        layer.activate(false, mgr); // keeps nothing: backprop runs its own forward pass
        double[] fresh = layer.backpropGradient(epsilon, mgr).getFirst().getGradientFor(QrnnLayer.WEIGHTS).dup().toDoubleVector();
        layer.activate(true, mgr);
        double[] kept = layer.backpropGradient(epsilon, mgr).getFirst().getGradientFor(QrnnLayer.WEIGHTS).dup().toDoubleVector();
        assertArrayEquals(fresh, kept, 0.0);
        assertTrue(java.util.Arrays.stream(fresh).anyMatch(g -> g != 0));
        // new weights after the training pass: not the kept states
        layer.setParam(QrnnLayer.WEIGHTS, layer.getParam(QrnnLayer.WEIGHTS).add(0.1));
        double[] moved = layer.backpropGradient(epsilon, mgr).getFirst().getGradientFor(QrnnLayer.WEIGHTS).dup().toDoubleVector();
        layer.activate(false, mgr);
        double[] movedFresh = layer.backpropGradient(epsilon, mgr).getFirst().getGradientFor(QrnnLayer.WEIGHTS).dup().toDoubleVector();
        assertArrayEquals(movedFresh, moved, 0.0);
        assertFalse(java.util.Arrays.equals(fresh, moved));
    }

    @Test
    void oneStepIsTheNeuronsClosedForm() {
        // one pixel, one cell lane, order 1, degree 1: theta = bias (+ w when the pixel is 1), and the
        // cell lane ends in RY(2 q(theta))|0> with q = arctan(tan^2 theta): p(1) = sin^2 q(theta)
        QrnnLayer qrnn = new QrnnLayer.Builder().inputLanes(1).steps(1).cellLanes(1).outputLanes(1).order(1).degree(1).build();
        MultiLayerNetwork net = network(qrnn);
        double bias = 0.6, w = -0.25;
        net.getLayer(0).setParam(QrnnLayer.WEIGHTS, Nd4j.createFromArray(new double[][] {{bias, w}}));
        INDArray out = net.feedForward(Nd4j.createFromArray(new double[][] {{0.3}, {0.9}}), false).get(1);
        double q0 = Math.atan(Math.pow(Math.tan(bias), 2)), q1 = Math.atan(Math.pow(Math.tan(bias + w), 2));
        // the layer gives log-probabilities
        assertEquals(Math.pow(Math.sin(q0), 2), Math.exp(out.getDouble(0, 1)), 1e-12);
        assertEquals(Math.pow(Math.cos(q0), 2), Math.exp(out.getDouble(0, 0)), 1e-12);
        assertEquals(Math.pow(Math.sin(q1), 2), Math.exp(out.getDouble(1, 1)), 1e-12);
    }

    @Test
    void tokensAreBitsOfEachStepsValues() {
        QrnnCell rows = new QrnnCell(3, 1, 1, 1, 1, 1);
        // row 0: 1 0 1 -> 1 + 4; row 1: 0 0 1 -> 4 (0.5 is at the threshold: a 1)
        assertArrayEquals(new int[] {5, 4}, rows.tokens(new double[] {0.9, 0.1, 0.7, 0.2, 0.49, 0.5}, 0.5));
        QrnnCell pixels = new QrnnCell(1, 1, 1, 1, 1, 1);
        assertArrayEquals(new int[] {1, 0, 0, 1}, pixels.tokens(new double[] {0.9, 0.1, 0.49, 0.5}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> rows.tokens(new double[4], 0.5));
    }

    @Test
    void configurationSurvivesDl4jJson() {
        QrnnLayer qrnn = new QrnnLayer.Builder().inputLanes(3).steps(3).cellLanes(2).outputLanes(2).order(2).degree(2)
                .threshold(0.25).seed(9).build();
        MultiLayerNetwork net = network(qrnn);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        QrnnLayer layer = (QrnnLayer) back.getConf(0).getLayer();
        assertEquals(qrnn.cell(), layer.cell());
        assertEquals(3, layer.getSteps());
        assertEquals(0.25, layer.getThreshold());
        assertEquals(9, layer.getSeed());
        assertThrows(IllegalArgumentException.class,
                () -> new QrnnLayer.Builder().inputLanes(14).steps(2).cellLanes(2).outputLanes(1).order(1).degree(1).build());
    }
}
