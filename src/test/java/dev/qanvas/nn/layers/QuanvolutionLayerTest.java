package dev.qanvas.nn.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.PauliString;
import dev.qanvas.quantum.Simulator;
import dev.qanvas.quantum.StateVector;
import dev.qanvas.quantum.Templates;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
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

class QuanvolutionLayerTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        Nd4j.getRandom().setSeed(42);
    }

    private static MultiLayerNetwork network(boolean trainable, int stride) {
        Circuit filter = new Circuit(4, Templates.quanvolutionFilter(8, trainable, "f", 3));
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3)
                .updater(new NoOp()).list()
                // a 1x1 convolution before, so its gradient checks the quanvolution's input gradient
                .layer(new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY).build())
                .layer(new QuanvolutionLayer.Builder().circuit(filter).kernel(2).stride(stride).trainable(trainable).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(5, 5, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void gradientCheckPassesForTrainableAndFixedFilters() {
        for (boolean trainable : new boolean[] {true, false}) {
            for (int stride : new int[] {1, 2}) {
                MultiLayerNetwork net = network(trainable, stride);
                INDArray input = Nd4j.rand(DataType.DOUBLE, 3, 1, 5, 5);
                INDArray labels = Nd4j.zeros(DataType.DOUBLE, 3, 2);
                for (int i = 0; i < 3; i++) {
                    labels.putScalar(i, i % 2, 1.0);
                }
                boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(input)
                        .labels(labels).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                        .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
                assertTrue(ok, "gradient check, trainable=" + trainable + ", stride=" + stride);
            }
        }
    }

    @Test
    void eachOutputChannelIsOneQubitsExpectationOnItsPatch() {
        MultiLayerNetwork net = network(false, 2);
        INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 1, 5, 5);
        INDArray conv = net.feedForward(input, false).get(1);
        INDArray quanv = net.feedForward(input, false).get(2);
        assertArrayEquals(new long[] {2, 8, 2, 2}, quanv.shape(), "2 channels x 4 qubits, (5-2)/2+1 = 2");
        Circuit filter = new Circuit(4, Templates.quanvolutionFilter(8, false, "f", 3));
        int b = 1, ch = 1, oy = 1, ox = 0;
        double[] patch = {conv.getDouble(b, ch, 2, 0), conv.getDouble(b, ch, 2, 1), conv.getDouble(b, ch, 3, 0), conv.getDouble(b, ch, 3, 1)};
        StateVector s = Simulator.run(filter, patch, new double[0]);
        for (int q = 0; q < 4; q++) {
            assertEquals(s.expectation(PauliString.z(q)), quanv.getDouble(b, ch * 4 + q, oy, ox), 1e-12);
        }
        assertEquals(2 + 2 + 8 * 2 * 2 * 2 + 2, net.numParams(), "a fixed filter has no parameters");
    }
}
