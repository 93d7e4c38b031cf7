package dev.qanvas.nn.training;

import dev.qanvas.nn.layers.QuantumLayer;
import dev.qanvas.nn.layers.QuantumParamInitializer;
import dev.qanvas.nn.layers.QuanvolutionLayer;
import dev.qanvas.nn.layers.QuanvolutionLayerImpl;
import dev.qanvas.quantum.BatchSimulator;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Entanglement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What happens inside each quantum layer during training, measured on a fixed probe batch: the
 * entanglement entropy of the half/half cut of the layer's states (mean and spread over the
 * probe samples, or patches for a quanvolution), Meyer-Wallach Q, and the variance of the layer's
 * last weight gradient, whose collapse towards zero is the barren-plateau signal.
 */
public final class QuantumProbe {

    /** One quantum layer's numbers after an epoch; gradient variance is NaN for a layer without weights. */
    public record Stats(int epoch, String layer, double entropyMean, double entropyStd, double meyerWallachMean,
                        double meyerWallachStd, double gradientVariance) {
    }

    private static final int MAX_PATCHES = 2048;

    private QuantumProbe() {
    }

    /**
     * @param cuts qubits of the entropy subsystem per layer name; layers not listed use the
     *             half/half cut (qubits 0 .. n/2-1)
     */
    public static List<Stats> measure(ComputationGraph net, INDArray probe, int epoch, Map<String, int[]> cuts) {
        List<Stats> out = new ArrayList<>();
        Map<String, INDArray> activations = null;
        for (Layer layer : net.getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            if (!(conf instanceof QuantumLayer) && !(conf instanceof QuanvolutionLayer)) {
                continue;
            }
            if (activations == null) {
                activations = net.feedForward(probe, false);
            }
            String name = conf.getLayerName();
            INDArray input = activations.get(net.getConfiguration().getVertexInputs().get(name).get(0));
            InputPreProcessor pre = ((LayerVertex) net.getConfiguration().getVertices().get(name)).getPreProcessor();
            if (pre != null) {
                input = pre.preProcess(input, (int) input.size(0), LayerWorkspaceMgr.noWorkspaces());
            }
            Circuit circuit;
            double[][] x;
            if (conf instanceof QuantumLayer q) {
                circuit = q.circuit();
                x = q.circuitInputs(input);
            } else {
                QuanvolutionLayer q = (QuanvolutionLayer) conf;
                circuit = q.circuit();
                x = QuanvolutionLayerImpl.patches(input, q);
                if (x.length > MAX_PATCHES) {
                    x = java.util.Arrays.copyOf(x, MAX_PATCHES);
                }
            }
            INDArray w = layer.getParam(QuantumParamInitializer.WEIGHTS);
            double[] weights = w == null ? circuit.initialWeights() : w.castTo(DataType.DOUBLE).toDoubleVector();
            double[][] amplitudes = BatchSimulator.run(circuit, x, weights).flatAmplitudes();
            int n = circuit.qubits();
            int[] cut = cuts.getOrDefault(name, java.util.stream.IntStream.range(0, n / 2).toArray());
            for (int qubit : cut) {
                if (qubit < 0 || qubit >= n) {
                    throw new IllegalArgumentException("entropy cut of " + name + ": qubit " + qubit + " does not exist (0.." + (n - 1) + ")");
                }
            }
            Entanglement.Stats entropy = Entanglement.vonNeumannEntropyBatch(amplitudes[0], amplitudes[1], n, x.length, cut);
            Entanglement.Stats q = Entanglement.meyerWallachQBatch(amplitudes[0], amplitudes[1], n, x.length);
            out.add(new Stats(epoch, name, entropy.mean(), entropy.std(), q.mean(), q.std(), gradientVariance(layer)));
        }
        return out;
    }

    private static double gradientVariance(Layer layer) {
        INDArray g = layer.getGradientsViewArray();
        if (g == null || g.length() == 0) {
            return Double.NaN;
        }
        return g.castTo(DataType.DOUBLE).varNumber().doubleValue();
    }
}
