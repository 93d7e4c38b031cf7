package dev.qanvas.insight;

import dev.qanvas.nn.layers.QrnnLayer;
import dev.qanvas.nn.qrnn.QrnnCell;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The class distribution of each QRNN layer of a trained network, step by step as it reads one
 * input (docs/qrnn.md): the tokens the image becomes and, after every step, the postselected class
 * distribution of the cell with the trained weights. The last step's is what the layer passes on
 * (as log-probabilities).
 */
public final class QrnnSteps {

    private QrnnSteps() {
    }

    /**
     * One QRNN layer read over one input.
     *
     * @param layer         the DL4J layer name (the node's id)
     * @param inputLanes    bits a step reads: 1 pixel by pixel, a row's width row by row
     * @param tokens        the token of each step (its bits, the first value the least significant)
     * @param distributions per step, the distribution over the output lanes' values after reading it (rows sum to 1)
     * @param model         per step, the model's class probabilities had the image ended there: the
     *                      step's log-probabilities through the Output layer the QRNN feeds; null
     *                      when the QRNN feeds anything else
     */
    public record Layer(String layer, int inputLanes, int[] tokens, double[][] distributions, double[][] model) {

        public int steps() {
            return tokens.length;
        }

        public int classes() {
            return distributions[0].length;
        }
    }

    /** Every QRNN layer of {@code net} for one input (batch of 1), in the network's layer order. */
    public static List<Layer> probe(ComputationGraph net, INDArray input) {
        return QuantumStates.eachLayer(net, input, QrnnLayer.class, (layer, conf, in) -> {
            String name = conf.getLayerName();
            QrnnCell cell = conf.cell();
            double[] weights = layer.getParam(QrnnLayer.WEIGHTS).castTo(DataType.DOUBLE).toDoubleVector();
            int[] tokens = cell.tokens(in.castTo(DataType.DOUBLE).reshape(1, in.length()).toDoubleVector(), conf.getThreshold());
            double[][] distributions = cell.distributions(tokens, weights);
            return new Layer(name, cell.inputLanes(), tokens, distributions, throughOutput(net, name, distributions));
        });
    }

    /** Each step's log-probabilities through the network's output layer when that is the QRNN's only consumer, else null. */
    private static double[][] throughOutput(ComputationGraph net, String qrnn, double[][] distributions) {
        List<String> consumers = new ArrayList<>();
        net.getConfiguration().getVertexInputs().forEach((vertex, inputs) -> {
            if (inputs.contains(qrnn)) {
                consumers.add(vertex);
            }
        });
        if (consumers.size() != 1 || !(net.getVertex(consumers.get(0)).hasLayer())
                || !(net.getVertex(consumers.get(0)).getLayer().conf().getLayer() instanceof BaseOutputLayer out)) {
            return null;
        }
        org.deeplearning4j.nn.api.Layer layer = net.getVertex(consumers.get(0)).getLayer();
        INDArray w = layer.getParam("W").castTo(DataType.DOUBLE);
        INDArray b = layer.getParam("b").castTo(DataType.DOUBLE);
        double[][] logs = new double[distributions.length][];
        for (int t = 0; t < logs.length; t++) {
            logs[t] = new double[distributions[t].length];
            for (int y = 0; y < logs[t].length; y++) {
                logs[t][y] = Math.log(Math.max(distributions[t][y], QrnnLayer.FLOOR)); // as the layer passes them on
            }
        }
        INDArray z = Nd4j.createFromArray(logs).mmul(w).addiRowVector(b);
        return out.getActivationFn().getActivation(z, false).toDoubleMatrix();
    }
}
