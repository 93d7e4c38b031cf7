package dev.qanvas.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Channel;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.NoiseModel;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.PauliString;
import dev.qanvas.quantum.QuantumExecution;
import java.util.List;
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

/** Quantum layers' forward pass under noise and shots, against closed forms and the ideal path. */
class LayerExecutionTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static MultiLayerNetwork network(Circuit circuit, List<PauliString> measurements) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3)
                .updater(new NoOp()).list()
                .layer(new QuantumLayer.Builder().circuit(circuit).measurements(measurements).inputScale(1.0).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(measurements.size()).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static double[][] quantumOutputs(MultiLayerNetwork net, INDArray x) {
        return net.feedForward(x, false).get(1).toDoubleMatrix();
    }

    /** RY(x0) RY(a) on qubit 0, RY(x1) on qubit 1: a product state, two gates on qubit 0 and one on qubit 1. */
    private static Circuit product() {
        return new Circuit(2, List.of(Operation.of(Gate.RY, new Angle.Input(0, 1.0), 0),
                Operation.of(Gate.RY, new Angle.Weight("a", 0.7), 0), Operation.of(Gate.RY, new Angle.Input(1, 1.0), 1)));
    }

    private static final List<PauliString> Z0_Z1_Z0Z1 = List.of(PauliString.z(0), PauliString.z(1), PauliString.parse("Z0 Z1"));

    @Test
    void depolarizingShrinksEachBlochVectorByOneMinusFourThirdsPPerGate() {
        MultiLayerNetwork net = network(product(), Z0_Z1_Z0Z1);
        INDArray x = Nd4j.createFromArray(new double[][] {{0.3, -1.1}, {2.0, 0.4}, {-0.6, 1.7}});
        double p = 0.05, shrink = 1 - 4 * p / 3;
        assertEquals(1, LayerExecution.set(net, new QuantumExecution(NoiseModel.NONE.afterEveryGate(Channel.depolarizing(p)), 0, 0)));
        double[][] noisy = quantumOutputs(net, x);
        double a = net.getLayer(0).getParam(QuantumParamInitializer.WEIGHTS).getDouble(0);
        for (int b = 0; b < 3; b++) {
            double z0 = Math.pow(shrink, 2) * Math.cos(x.getDouble(b, 0) + a);
            double z1 = shrink * Math.cos(x.getDouble(b, 1));
            assertEquals(z0, noisy[b][0], 1e-12);
            assertEquals(z1, noisy[b][1], 1e-12);
            assertEquals(z0 * z1, noisy[b][2], 1e-12);
        }
        // Readout error r on top: each measured bit's misreading multiplies a parity by (1 - 2r).
        double r = 0.1;
        LayerExecution.set(net, new QuantumExecution(NoiseModel.NONE.afterEveryGate(Channel.depolarizing(p)).withReadout(r), 0, 0));
        double[][] read = quantumOutputs(net, x);
        for (int b = 0; b < 3; b++) {
            assertEquals(noisy[b][0] * (1 - 2 * r), read[b][0], 1e-12);
            assertEquals(noisy[b][2] * (1 - 2 * r) * (1 - 2 * r), read[b][2], 1e-12);
        }
    }

    @Test
    void zeroNoiseIsTheIdealForwardAndDensityMatricesAgreeWithStateVectors() {
        MultiLayerNetwork net = network(QuantumLayerTest.circuit(), QuantumLayerTest.measurements());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 6).subi(0.5).muli(3);
        double[][] ideal = quantumOutputs(net, x);
        LayerExecution.set(net, new QuantumExecution(NoiseModel.NONE.afterEveryGate(Channel.depolarizing(0)), 0, 9));
        double[][] zero = quantumOutputs(net, x);
        for (int b = 0; b < ideal.length; b++) {
            assertArrayEquals(ideal[b], zero[b], 0.0, "depolarizing=0 without shots is the ideal layer, exactly");
        }
        // A rule on a gate the circuit never calls forces density matrices and changes nothing.
        LayerExecution.set(net, new QuantumExecution(NoiseModel.NONE.with(new NoiseModel.GateNoise("ccx", null, Channel.bitFlip(0.5))), 0, 0));
        double[][] viaRho = quantumOutputs(net, x);
        for (int b = 0; b < ideal.length; b++) {
            assertArrayEquals(ideal[b], viaRho[b], 1e-12, "density matrix of the entangling layer circuit = |psi><psi|");
        }
    }

    @Test
    void shotEstimatesLieWithinFourStandardErrorsAndRepeatWithTheSeed() {
        MultiLayerNetwork net = network(QuantumLayerTest.circuit(), QuantumLayerTest.measurements());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 20, 6).subi(0.5).muli(3);
        double[][] exact = quantumOutputs(net, x);
        long shots = 4000;
        LayerExecution.set(net, new QuantumExecution(NoiseModel.NONE, shots, 5));
        double[][] sampled = quantumOutputs(net, x);
        for (int b = 0; b < exact.length; b++) {
            for (int k = 0; k < exact[b].length; k++) {
                double se = Math.sqrt((1 - exact[b][k] * exact[b][k]) / shots);
                assertTrue(Math.abs(sampled[b][k] - exact[b][k]) <= 4 * se + 1e-12,
                        b + "," + k + ": " + sampled[b][k] + " vs " + exact[b][k] + " (se " + se + ")");
                // A mean of +-1 parities over N shots is a multiple of 2/N.
                double k2 = (sampled[b][k] + 1) * shots / 2;
                assertEquals(Math.rint(k2), k2, 1e-6);
            }
        }
        LayerExecution.set(net, new QuantumExecution(NoiseModel.NONE, shots, 5));
        double[][] again = quantumOutputs(net, x);
        for (int b = 0; b < exact.length; b++) {
            assertArrayEquals(sampled[b], again[b], 0.0, "same seed, same estimates");
        }
    }

    /** Dense(2 -> 2) -> quantum layer (entangling, output scaling) -> softmax, so input gradients reach trained weights. */
    private static MultiLayerNetwork trainable(long seed, org.nd4j.linalg.learning.config.IUpdater updater) {
        Circuit c = new Circuit(2, List.of(Operation.of(Gate.RY, new Angle.Input(0, 1.0), 0),
                Operation.of(Gate.RY, new Angle.Input(1, 1.0), 1), Operation.of(Gate.RY, new Angle.Weight("a", 0.4), 0),
                Operation.cnot(0, 1), Operation.of(Gate.RX, new Angle.Weight("b", 1.3), 1)));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(seed)
                .updater(updater).list()
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nIn(2).nOut(2).activation(Activation.IDENTITY).build())
                .layer(new QuantumLayer.Builder().circuit(c).measurements(Z0_Z1_Z0Z1).inputScale(1.0).outputScaling(true).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(3).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static final INDArray BATCH_X = Nd4j.createFromArray(new double[][] {{0.3, -1.1}, {1.2, 0.4}, {-0.7, 0.9}});
    private static final INDArray BATCH_Y = Nd4j.createFromArray(new double[][] {{1.0, 0.0}, {0.0, 1.0}, {1.0, 0.0}});

    @Test
    void theNetworkGradientUnderNoiseIsTheFiniteDifferenceOfItsDensityMatrixLoss() {
        MultiLayerNetwork net = trainable(3, new NoOp());
        NoiseModel noise = NoiseModel.NONE.afterEveryGate(Channel.depolarizing(0.06)).afterEveryGate(Channel.phaseDamping(0.1))
                .withReadout(0.04);
        LayerExecution.set(net, new QuantumExecution(noise, 0, 0));
        net.setInput(BATCH_X);
        net.setLabels(BATCH_Y);
        net.computeGradientAndScore();
        double[] gradient = net.getGradientsViewArray().dup().toDoubleVector();
        INDArray params = net.params();
        org.nd4j.linalg.dataset.DataSet batch = new org.nd4j.linalg.dataset.DataSet(BATCH_X, BATCH_Y);
        double h = 1e-5;
        for (int i = 0; i < params.length(); i++) {
            double p = params.getDouble(i);
            params.putScalar(i, p + h);
            double plus = net.score(batch);
            params.putScalar(i, p - h);
            double minus = net.score(batch);
            params.putScalar(i, p);
            // Every parameter: the dense layer's are reached only through the quantum layer's input gradient.
            // DL4J's gradient is summed over the batch (the updater divides by its size); the score is the mean.
            assertEquals((plus - minus) / (2 * h), gradient[i] / BATCH_X.rows(), 1e-7, "parameter " + i);
        }
    }

    @Test
    void aNoisySampledTrainingStepChangesTheParametersAndRepeatsWithItsSeed() {
        NoiseModel noise = NoiseModel.NONE.afterEveryGate(Channel.depolarizing(0.02));
        double[][] after = new double[3][];
        long[] seeds = {11, 11, 12};
        double[] before = null;
        for (int run = 0; run < 3; run++) {
            MultiLayerNetwork net = trainable(3, new org.nd4j.linalg.learning.config.Sgd(0.5));
            before = net.params().dup().toDoubleVector();
            LayerExecution.set(net, new QuantumExecution(noise, 200, seeds[run]));
            net.fit(BATCH_X, BATCH_Y);
            after[run] = net.params().dup().toDoubleVector();
        }
        double change = 0;
        for (int i = 0; i < before.length; i++) {
            change = Math.max(change, Math.abs(after[0][i] - before[i]));
        }
        assertTrue(change > 1e-3, "one step moved the parameters by " + change);
        // The circuit weights come first in the quantum layer's block; the first layer has 2x2 + 2 parameters.
        assertTrue(Math.abs(after[0][6] - before[6]) > 1e-4, "the circuit weight a moved");
        assertArrayEquals(after[0], after[1], 0.0, "same seed, same step");
        double differs = 0;
        for (int i = 0; i < before.length; i++) {
            differs = Math.max(differs, Math.abs(after[0][i] - after[2][i]));
        }
        assertTrue(differs > 0, "another shot seed draws other estimates");
    }
}
