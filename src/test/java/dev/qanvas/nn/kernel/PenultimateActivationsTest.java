package dev.qanvas.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qanvas.data.ImageSet;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Flatten;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.training.DataArrays;
import dev.qanvas.nn.training.TrainingSettings;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.junit.jupiter.api.Test;

class PenultimateActivationsTest {

    static ModelGraph.Node n(String id, LayerSpec spec) {
        return new ModelGraph.Node(id, spec, 0, 0);
    }

    static ImageSet images(int count) {
        Random r = new Random(3);
        float[] pixels = new float[count * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = r.nextFloat();
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 3;
        }
        return ImageSet.ofFloats(4, 4, 1, pixels, labels);
    }

    /** The activations, put through the output layer's own weights and softmax, give the network's output. */
    @Test
    void areWhatTheOutputLayerReads() {
        ComputationGraph net = GraphCompiler.compile(ModelGraph.chain(n("input", new Input(1, 4, 4)), n("flatten", new Flatten()),
                n("dense", new Dense(5, LayerSpec.Activation.TANH)), n("output", new Output(3, LayerSpec.OutputKind.SOFTMAX))),
                TrainingSettings.defaults(), DataType.DOUBLE);
        ImageSet images = images(10);
        double[][] features = PenultimateActivations.of(net, images, true, 4);
        assertEquals(10, features.length);
        assertEquals(5, features[0].length);

        String output = PenultimateActivations.outputLayer(net);
        double[][] w = net.getLayer(output).getParam("W").castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] b = net.getLayer(output).getParam("b").castTo(DataType.DOUBLE).toDoubleVector();
        INDArray expected = net.outputSingle(DataArrays.features(images, DataArrays.all(images), true));
        for (int i = 0; i < 10; i++) {
            double[] logits = b.clone();
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < 5; j++) {
                    logits[c] += features[i][j] * w[j][c];
                }
            }
            double sum = 0;
            for (double z : logits) {
                sum += Math.exp(z);
            }
            for (int c = 0; c < 3; c++) {
                assertEquals(expected.getDouble(i, c), Math.exp(logits[c]) / sum, 1e-9);
            }
        }
        // Batches change nothing.
        assertArrayEquals(features, PenultimateActivations.of(net, images, true, 100));
    }
}
