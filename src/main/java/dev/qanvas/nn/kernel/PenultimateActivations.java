package dev.qanvas.nn.kernel;

import dev.qanvas.data.ImageSet;
import dev.qanvas.nn.training.DataArrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained network's penultimate-layer activations as features (the role ResNet-50's pooled
 * features play in the quantum-kernel study): for each image, what the output layer receives,
 * after its input preprocessor (so a convolution's output arrives flattened). Inference mode
 * (no dropout), in batches.
 */
public final class PenultimateActivations {

    private PenultimateActivations() {
    }

    /** The name of the network's (first) output layer. */
    public static String outputLayer(ComputationGraph net) {
        return net.getConfiguration().getNetworkOutputs().get(0);
    }

    /**
     * One row per image of {@code images}. {@code asImages}: feed NCHW images rather than flat
     * vectors, as the network was trained (RunSession's check of the model against the data).
     */
    public static double[][] of(ComputationGraph net, ImageSet images, boolean asImages, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, not " + batchSize);
        }
        String output = outputLayer(net);
        List<String> inputs = net.getConfiguration().getVertexInputs().get(output);
        if (inputs == null || inputs.size() != 1) {
            throw new IllegalArgumentException("output layer " + output + " must have exactly one input, not " + inputs);
        }
        String feeding = inputs.get(0);
        Object vertex = net.getConfiguration().getVertices().get(output);
        InputPreProcessor pre = vertex instanceof LayerVertex lv ? lv.getPreProcessor() : null;
        double[][] out = new double[images.size()][];
        for (int from = 0; from < images.size(); from += batchSize) {
            int to = Math.min(images.size(), from + batchSize);
            INDArray x = DataArrays.features(images, CrossValidation.range(from, to), asImages);
            INDArray a;
            synchronized (net) { // DL4J's feed-forward state is per network
                Map<String, INDArray> activations = net.feedForward(x, false);
                a = activations.get(feeding);
                if (pre != null) {
                    a = pre.preProcess(a, to - from, LayerWorkspaceMgr.noWorkspaces());
                }
                a = a.reshape(to - from, -1).castTo(DataType.DOUBLE);
            }
            double[][] rows = a.toDoubleMatrix();
            System.arraycopy(rows, 0, out, from, rows.length);
        }
        return out;
    }
}
