package dev.qanvas.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.CircuitText;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.PauliString;
import dev.qanvas.quantum.Simulator;
import dev.qanvas.quantum.StateVector;
import dev.qanvas.quantum.Templates;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
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

/** The quantum layer inside a DL4J network: DL4J's own gradient check, forward values, JSON round trip. */
class QuantumLayerTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(12345);
    }

    static Circuit circuit() {
        List<Operation> ops = new ArrayList<>(Templates.angleEmbedding(4, Gate.RY, 1.0));
        ops.addAll(Templates.basicEntanglerLayers(4, 2, Gate.RX, "w", 1));
        ops.add(Operation.of(Gate.RZ, new dev.qanvas.quantum.Angle.Weight("v", 0.4), 2).controlledBy(1));
        ops.add(Operation.of(Gate.RY, new dev.qanvas.quantum.Angle.Input(3, 0.5), 0));
        return new Circuit(4, ops);
    }

    static List<PauliString> measurements() {
        return List.of(PauliString.z(0), PauliString.z(1), PauliString.z(2), PauliString.z(3), PauliString.parse("X0 X1"));
    }

    private static MultiLayerNetwork network() {
        return network(false);
    }

    private static MultiLayerNetwork network(boolean outputScaling) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(7)
                .updater(new NoOp()).list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(4).activation(Activation.TANH).build())
                .layer(new QuantumLayer.Builder().circuit(circuit()).measurements(measurements()).inputScale(1.3)
                        .outputScaling(outputScaling).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void dl4jGradientCheckPassesThroughTheQuantumLayer() {
        MultiLayerNetwork net = network();
        INDArray input = Nd4j.rand(DataType.DOUBLE, 5, 6).subi(0.5);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 5, 3);
        for (int i = 0; i < 5; i++) {
            labels.putScalar(i, i % 3, 1.0);
        }
        boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input).labels(labels)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertTrue(ok, "DL4J gradient check (includes the Dense layer's weights, so the input gradient is checked too)");
        assertEquals(6 * 4 + 4 + circuit().weightNames().size() + 5 * 3 + 3, net.numParams());
    }

    @Test
    void outputScalingTrainsAScaleAndBiasPerOutput() {
        MultiLayerNetwork net = network(true);
        assertEquals(6 * 4 + 4 + circuit().weightNames().size() + 2 * 5 + 5 * 3 + 3, net.numParams());
        org.deeplearning4j.nn.api.Layer q = net.getLayer(1);
        q.getParam(QuantumParamInitializer.SCALE).assign(Nd4j.createFromArray(new double[][] {{0.5, 2, -1, 1.5, 3}}));
        q.getParam(QuantumParamInitializer.BIAS).assign(Nd4j.createFromArray(new double[][] {{0.1, 0, 0.2, -0.3, 0}}));
        INDArray input = Nd4j.rand(DataType.DOUBLE, 5, 6).subi(0.5);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 5, 3);
        for (int i = 0; i < 5; i++) {
            labels.putScalar(i, (i + 1) % 3, 1.0);
        }
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input).labels(labels)
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
        INDArray dense = net.feedForward(input, false).get(1);
        INDArray out = net.feedForward(input, false).get(2);
        double[] w = q.getParam(QuantumParamInitializer.WEIGHTS).toDoubleVector();
        StateVector s = Simulator.run(circuit(), dense.getRow(0).mul(1.3).toDoubleVector(), w);
        assertEquals(2 * s.expectation(measurements().get(1)) + 0, out.getDouble(0, 1), 1e-12);
        assertEquals(0.5 * s.expectation(measurements().get(0)) + 0.1, out.getDouble(0, 0), 1e-12);
    }

    /**
     * Backprop after a training forward starts from that forward's kept states; after an
     * inference forward, or once the weights moved, it runs its own. Every gradient is the same bits.
     */
    @Test
    void backpropFromTheKeptTrainingForwardPassEqualsAFreshOne() {
        MultiLayerNetwork net = network(true);
        net.initGradientsView();
        org.deeplearning4j.nn.api.Layer layer = net.getLayer(1);
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        INDArray input = Nd4j.rand(DataType.DOUBLE, 7, 4);
        INDArray epsilon = Nd4j.rand(DataType.DOUBLE, 7, 5);
        layer.setInput(input, mgr);
        INDArray inference = layer.activate(false, mgr).dup(); // keeps nothing: backprop runs its own forward pass
        double[] fresh = backprop(layer, epsilon, mgr);
        CircuitLayerImpl<?> impl = (CircuitLayerImpl<?>) layer;
        org.junit.jupiter.api.Assertions.assertFalse(impl.holdsForward());
        INDArray training = layer.activate(true, mgr).dup();
        assertEquals(inference, training, "the training forward's output is the inference one's");
        assertTrue(impl.holdsForward(), "the training forward keeps its states");
        org.junit.jupiter.api.Assertions.assertArrayEquals(fresh, backprop(layer, epsilon, mgr), 0.0);
        org.junit.jupiter.api.Assertions.assertFalse(impl.holdsForward(), "used by the backward pass");
        assertTrue(java.util.Arrays.stream(fresh).anyMatch(g -> g != 0));
        // new weights after the training pass: not the kept states
        layer.activate(true, mgr);
        layer.setParam(QuantumParamInitializer.WEIGHTS, layer.getParam(QuantumParamInitializer.WEIGHTS).add(0.1));
        double[] moved = backprop(layer, epsilon, mgr);
        layer.activate(false, mgr);
        org.junit.jupiter.api.Assertions.assertArrayEquals(backprop(layer, epsilon, mgr), moved, 0.0);
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(fresh, moved));
    }

    /** The weight, scale and bias gradients and the input gradient of one backward pass, in one array. */
    private static double[] backprop(org.deeplearning4j.nn.api.Layer layer, INDArray epsilon,
                                     org.deeplearning4j.nn.workspace.LayerWorkspaceMgr mgr) {
        var r = layer.backpropGradient(epsilon, mgr);
        List<Double> out = new ArrayList<>();
        for (String v : List.of(QuantumParamInitializer.WEIGHTS, QuantumParamInitializer.SCALE, QuantumParamInitializer.BIAS)) {
            for (double g : r.getFirst().getGradientFor(v).dup().toDoubleVector()) {
                out.add(g);
            }
        }
        for (double g : r.getSecond().dup().reshape(-1).toDoubleVector()) {
            out.add(g);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void forwardGivesTheSimulatorsExpectations() {
        MultiLayerNetwork net = network();
        INDArray input = Nd4j.rand(DataType.DOUBLE, 3, 6);
        List<INDArray> acts = net.feedForward(input, false);
        INDArray dense = acts.get(1);
        INDArray quantum = acts.get(2);
        double[] w = net.getLayer(1).getParam(QuantumParamInitializer.WEIGHTS).toDoubleVector();
        for (int b = 0; b < 3; b++) {
            double[] x = dense.getRow(b).mul(1.3).toDoubleVector();
            StateVector s = Simulator.run(circuit(), x, w);
            for (int o = 0; o < measurements().size(); o++) {
                assertEquals(s.expectation(measurements().get(o)), quantum.getDouble(b, o), 1e-12);
            }
        }
        assertEquals(0.4, w[circuit().weightIndex("v")], 0, "weights start at the circuit's initial values");
    }

    @Test
    void configurationSurvivesDl4jJson() {
        MultiLayerNetwork net = network();
        String json = net.getLayerWiseConfigurations().toJson();
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
        QuantumLayer layer = (QuantumLayer) back.getConf(1).getLayer();
        assertEquals(circuit(), layer.circuit());
        assertEquals(measurements(), layer.measurementList());
        assertEquals(1.3, layer.getInputScale());
        assertEquals(circuit(), CircuitText.read(CircuitText.write(circuit())));
    }
}
