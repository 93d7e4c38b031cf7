package dev.qanvas.insight;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.graph.LayerSpec.OutputKind;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.graph.kinds.Qrnn;
import dev.qanvas.nn.layers.QrnnLayer;
import dev.qanvas.nn.training.TrainingSettings;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The QRNN's step-by-step class distributions of a compiled project model, against the neuron's closed form. */
class QrnnStepsTest {

    private static ComputationGraph net(Qrnn spec, int height, int width) {
        ModelGraph model = ModelGraph.chain(new ModelGraph.Node("in", new Input(1, height, width), 0, 0),
                new ModelGraph.Node("qrnn", spec, 0, 0), new ModelGraph.Node("out", new Output(2, OutputKind.SOFTMAX), 0, 0));
        return GraphCompiler.compile(model, TrainingSettings.defaults());
    }

    @Test
    void eachStepIsTheSumOfTheNeuronAnglesSoFar() {
        // one cell lane read pixel by pixel, degree 1: the neuron's theta is bias + w * pixel bit and it
        // rotates the cell lane by RY(2 q(theta)), q = arctan(tan^2 theta), so after t steps the lane is
        // RY(2 (q_1 + ... + q_t))|0> and p_t(1) = sin^2 of that sum
        ComputationGraph net = net(new Qrnn(Qrnn.Reading.PIXELS, 1, 1, 1, 1, 0.5, 3), 2, 2);
        double bias = 0.35, w = 0.4;
        net.getLayer("qrnn").setParam(QrnnLayer.WEIGHTS, Nd4j.createFromArray(new float[][] {{(float) bias, (float) w}}));
        double[] weights = net.getLayer("qrnn").getParam(QrnnLayer.WEIGHTS).castTo(DataType.DOUBLE).toDoubleVector();
        INDArray image = Nd4j.createFromArray(new float[] {0.9f, 0.1f, 0.8f, 0.2f}).reshape(1, 1, 2, 2);
        List<QrnnSteps.Layer> layers = QrnnSteps.probe(net, image);
        assertEquals(1, layers.size());
        QrnnSteps.Layer l = layers.get(0);
        assertEquals("qrnn", l.layer());
        assertArrayEquals(new int[] {1, 0, 1, 0}, l.tokens());
        double angle = 0;
        for (int t = 0; t < 4; t++) {
            double theta = weights[0] + weights[1] * l.tokens()[t];
            angle += Math.atan(Math.pow(Math.tan(theta), 2));
            assertEquals(Math.pow(Math.sin(angle), 2), l.distributions()[t][1], 1e-9, "step " + t);
            assertEquals(1, l.distributions()[t][0] + l.distributions()[t][1], 1e-12);
        }
        // the layer passes on the last step's log-probabilities, and the last step through the Output
        // layer is the network's own answer
        INDArray passed = net.feedForward(image, false).get("qrnn");
        assertEquals(Math.log(l.distributions()[3][1]), passed.getDouble(0, 1), 1e-5);
        INDArray answer = net.outputSingle(image);
        assertEquals(4, l.model().length);
        for (int c = 0; c < 2; c++) {
            assertEquals(answer.getDouble(0, c), l.model()[3][c], 1e-5);
        }
    }

    @Test
    void rowByRowReadsARowAStep() {
        ComputationGraph net = net(new Qrnn(Qrnn.Reading.ROWS, 2, 1, 1, 2, 0.5, 1), 3, 2);
        INDArray image = Nd4j.createFromArray(new float[] {0.9f, 0.1f, 0.2f, 0.7f, 0.6f, 0.6f}).reshape(1, 1, 3, 2);
        QrnnSteps.Layer l = QrnnSteps.probe(net, image).get(0);
        assertEquals(2, l.inputLanes());
        assertArrayEquals(new int[] {1, 2, 3}, l.tokens());
        assertEquals(3, l.distributions().length);
    }
}
