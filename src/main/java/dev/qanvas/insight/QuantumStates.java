package dev.qanvas.insight;

import dev.qanvas.nn.layers.QuantumLayer;
import dev.qanvas.nn.layers.QuantumParamInitializer;
import dev.qanvas.nn.layers.QuanvolutionLayer;
import dev.qanvas.nn.layers.QuanvolutionLayerImpl;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Simulator;
import dev.qanvas.quantum.StateReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The state inside each quantum layer of a trained network for one input: the layer's circuit
 * with that input's features and the trained weights bound, simulated from |0...0>. A Quantum
 * layer has one state; a ParallelQuantum node (compiled as one quantum layer per group) one per
 * group; a Quanvolution one per patch position and input channel.
 */
public final class QuantumStates {

    /** GraphCompiler names a ParallelQuantum node's groups {@code <node>_q<g>}, fed by {@code <node>_in<g>}. */
    private static final Pattern GROUP = Pattern.compile("(.+)_q(\\d+)");

    private QuantumStates() {
    }

    /**
     * One quantum layer's circuit inputs for the probed input.
     *
     * @param layer    the DL4J layer name
     * @param title    what the user reads: the node's name, with the group for a ParallelQuantum
     * @param inputs   circuit inputs: one row for a Quantum layer; for a Quanvolution one row per
     *                 patch, in output order (channel, row, column)
     * @param channels input channels of a Quanvolution (1 otherwise)
     * @param rows     patch rows of a Quanvolution (1 otherwise)
     * @param columns  patch columns of a Quanvolution (1 otherwise)
     * @param kernel   patch side of a Quanvolution (0 otherwise)
     * @param stride   patch stride of a Quanvolution (0 otherwise)
     */
    public record Node(String layer, String title, Circuit circuit, double[] weights, double[][] inputs, int channels,
                       int rows, int columns, int kernel, int stride) {

        public boolean isQuanvolution() {
            return kernel > 0;
        }

        /** Number of states this node has for the input (patches for a Quanvolution). */
        public int count() {
            return inputs.length;
        }

        /** Patch index of (channel, row, column). */
        public int patch(int channel, int row, int column) {
            return (channel * rows + row) * columns + column;
        }

        /** The circuit inputs of state {@code k}. */
        public double[] inputsOf(int k) {
            return inputs[k].clone();
        }

        /** The state for input row {@code k} (0 for a Quantum layer). */
        public StateReport report(int k) {
            return StateReport.of(Simulator.run(circuit, inputs[k], weights));
        }
    }

    /** Every quantum layer of {@code net} for one input (batch of 1), in the network's layer order. */
    public static List<Node> probe(ComputationGraph net, INDArray input) {
        if (input.size(0) != 1) {
            throw new IllegalArgumentException("probe one input at a time, not " + input.size(0));
        }
        List<Node> out = new ArrayList<>();
        Map<String, INDArray> activations = null;
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            if (!(conf instanceof QuantumLayer) && !(conf instanceof QuanvolutionLayer)) {
                continue;
            }
            if (activations == null) {
                synchronized (net) {
                    activations = net.feedForward(input, false);
                }
            }
            String name = conf.getLayerName();
            INDArray in = layerInput(net, activations, name);
            INDArray w = layer.getParam(QuantumParamInitializer.WEIGHTS);
            if (conf instanceof QuantumLayer q) {
                Circuit c = q.circuit();
                double[] weights = w == null ? c.initialWeights() : w.castTo(DataType.DOUBLE).toDoubleVector();
                out.add(new Node(name, title(net, name), c, weights, q.circuitInputs(in), 1, 1, 1, 0, 0));
            } else {
                QuanvolutionLayer q = (QuanvolutionLayer) conf;
                Circuit c = q.circuit();
                double[] weights = w == null ? c.initialWeights() : w.castTo(DataType.DOUBLE).toDoubleVector();
                out.add(new Node(name, name, c, weights, QuanvolutionLayerImpl.patches(in, q), (int) in.size(1),
                        q.outputSize(in.size(2)), q.outputSize(in.size(3)), q.getKernel(), q.getStride()));
            }
        }
        return out;
    }

    /** What a probe makes of one DL4J layer of configuration type {@code C}, given what that layer receives. */
    interface LayerProbe<C, T> {
        T probe(org.deeplearning4j.nn.api.Layer layer, C conf, INDArray layerInput);
    }

    /**
     * {@code probe} applied to every layer of {@code net} whose configuration is a {@code type}, in layer
     * order, for one input (a batch of 1); one feed-forward pass, made only if such a layer exists.
     */
    static <C, T> List<T> eachLayer(ComputationGraph net, INDArray input, Class<C> type, LayerProbe<C, T> probe) {
        if (input.size(0) != 1) {
            throw new IllegalArgumentException("probe one input at a time, not " + input.size(0));
        }
        List<T> out = new ArrayList<>();
        Map<String, INDArray> activations = null;
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            if (!type.isInstance(conf)) {
                continue;
            }
            if (activations == null) {
                synchronized (net) {
                    activations = net.feedForward(input, false);
                }
            }
            out.add(probe.probe(layer, type.cast(conf), layerInput(net, activations, conf.getLayerName())));
        }
        return out;
    }

    /** What layer {@code name} receives, from a feed-forward pass's activations (its input vertex, through its preprocessor). */
    static INDArray layerInput(ComputationGraph net, Map<String, INDArray> activations, String name) {
        INDArray in = activations.get(net.getConfiguration().getVertexInputs().get(name).get(0));
        InputPreProcessor pre = ((LayerVertex) net.getConfiguration().getVertices().get(name)).getPreProcessor();
        if (pre != null) {
            in = pre.preProcess(in, (int) in.size(0), LayerWorkspaceMgr.noWorkspaces());
        }
        return in;
    }

    private static String title(ComputationGraph net, String layer) {
        Matcher m = GROUP.matcher(layer);
        if (m.matches()) {
            String node = m.group(1);
            List<String> inputs = net.getConfiguration().getVertexInputs().get(layer);
            if (inputs != null && inputs.size() == 1 && inputs.get(0).equals(node + "_in" + m.group(2))) {
                long groups = net.getConfiguration().getVertices().keySet().stream()
                        .filter(v -> v.startsWith(node + "_q") && GROUP.matcher(v).matches()).count();
                return node + " · group " + (Integer.parseInt(m.group(2)) + 1) + " of " + groups;
            }
        }
        return layer;
    }
}
