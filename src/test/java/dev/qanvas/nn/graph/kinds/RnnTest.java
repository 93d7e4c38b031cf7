package dev.qanvas.nn.graph.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.ModelGraph.Node;
import dev.qanvas.nn.training.TrainingSettings;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Rnn kind reads the image pixel by pixel in row order: its output, compiled to DL4J, against
 * the recurrence written out by hand with the layer's own weights (h_t = tanh(x_t W + h_(t-1) RW + b)
 * for the SimpleRnn; the LSTM's parameter count against 4h(h + 2)).
 */
class RnnTest {

    private static ComputationGraph compile(Rnn rnn) {
        ModelGraph g = ModelGraph.chain(new Node("in", new Input(1, 3, 2), 0, 0), new Node("rnn", rnn, 0, 0),
                new Node("out", new Output(2, LayerSpec.OutputKind.SOFTMAX), 0, 0));
        assertEquals(rnn.parameters(), g.analyse().parameters("rnn"));
        return GraphCompiler.compile(g, TrainingSettings.defaults());
    }

    @Test
    void theSimpleRnnReadsOnePixelAStepInRowOrder() {
        ComputationGraph net = compile(new Rnn(Rnn.Cell.SIMPLE_RNN, 3));
        Map<String, INDArray> p = net.getLayer("rnn").paramTable();
        assertEquals(3 * (1 + 3 + 1), net.getLayer("rnn").numParams());
        double[][] w = p.get("W").castTo(DataType.DOUBLE).toDoubleMatrix(); // [1, 3]
        double[][] rw = p.get("RW").castTo(DataType.DOUBLE).toDoubleMatrix(); // [3, 3]
        double[] b = p.get("b").castTo(DataType.DOUBLE).toDoubleVector();
        double[] image = {0.1, 0.9, 0.4, 0.0, 1.0, 0.7}; // 3 rows of 2
        double[] h = new double[3];
        for (double x : image) {
            double[] next = new double[3];
            for (int j = 0; j < 3; j++) {
                double z = x * w[0][j] + b[j];
                for (int i = 0; i < 3; i++) {
                    z += h[i] * rw[i][j];
                }
                next[j] = Math.tanh(z);
            }
            h = next;
        }
        INDArray in = Nd4j.createFromArray(image).reshape(1, 1, 3, 2).castTo(net.getLayer("rnn").params().dataType());
        double[] out = net.feedForward(in, false).get("rnn").castTo(DataType.DOUBLE).toDoubleVector();
        for (int j = 0; j < 3; j++) {
            assertEquals(h[j], out[j], 1e-5, "unit " + j);
        }
    }

    @Test
    void theLstmHasFourGates() {
        ComputationGraph net = compile(new Rnn(Rnn.Cell.LSTM, 2));
        assertEquals(4 * 2 * (2 + 2), net.getLayer("rnn").numParams());
        assertEquals(2, net.output(Nd4j.rand(DataType.FLOAT, 5, 1, 3, 2))[0].size(1));
    }
}
