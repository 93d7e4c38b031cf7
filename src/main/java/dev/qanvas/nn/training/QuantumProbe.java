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
 *
 * <p>Besides the main cut, named cuts are reported: always {@code "half"} (qubits 0 .. n/2-1);
 * and when the qubit count is a square k*k (qubits row-major on a k x k grid, qubit q at row
 * q / k, column q % k) also {@code "up/down"} (the top k/2 rows against the rest) and
 * {@code "left/right"} (the left k/2 columns against the rest).
 */
public final class QuantumProbe {

    /**
     * One quantum layer's numbers at one moment of training; gradient variance is NaN for a layer
     * without weights.
     *
     * @param epoch      0-based epoch during which it was measured
     * @param progress   epochs done when measured, fractional (1.5 = half way through the second epoch)
     * @param recentLoss mean training loss of the batches since the previous measurement (NaN if none)
     * @param cuts       entanglement entropy across the named cuts (see the class comment)
     */
    public record Stats(int epoch, String layer, double entropyMean, double entropyStd, double meyerWallachMean,
                        double meyerWallachStd, double gradientVariance, double progress, double recentLoss,
                        List<Cut> cuts) {
        public Stats {
            cuts = cuts == null ? List.of() : List.copyOf(cuts);
        }

        /** This with the moment it was taken and the loss of the batches before it. */
        public Stats at(double newProgress, double newRecentLoss) {
            return new Stats(epoch, layer, entropyMean, entropyStd, meyerWallachMean, meyerWallachStd, gradientVariance,
                    newProgress, newRecentLoss, cuts);
        }

        /** The entropy across the named cut, if measured. */
        public java.util.Optional<Cut> cut(String name) {
            return cuts.stream().filter(c -> c.name().equals(name)).findFirst();
        }
    }

    /** Entanglement entropy (bits) across one named cut: mean and population standard deviation over the probe. */
    public record Cut(String name, double mean, double std) {
    }

    public static final String HALF = "half";
    public static final String UP_DOWN = "up/down";
    public static final String LEFT_RIGHT = "left/right";

    /**
     * The named cuts of an {@code n}-qubit layer, as the qubits on one side: "half" always,
     * "up/down" and "left/right" when n = k*k with k >= 2.
     */
    public static java.util.LinkedHashMap<String, int[]> namedCuts(int n) {
        java.util.LinkedHashMap<String, int[]> cuts = new java.util.LinkedHashMap<>();
        cuts.put(HALF, java.util.stream.IntStream.range(0, n / 2).toArray());
        int k = (int) Math.round(Math.sqrt(n));
        if (k >= 2 && k * k == n) {
            int half = k / 2;
            cuts.put(UP_DOWN, java.util.stream.IntStream.range(0, half * k).toArray());
            cuts.put(LEFT_RIGHT, java.util.stream.IntStream.range(0, n).filter(q -> q % k < half).toArray());
        }
        return cuts;
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
            List<Cut> named = cutEntropies(amplitudes, n, x.length);
            Cut main = named.get(0).name().equals(HALF) && java.util.Arrays.equals(cut, namedCuts(n).get(HALF)) ? named.get(0)
                    : toCut("main", Entanglement.vonNeumannEntropyBatch(amplitudes[0], amplitudes[1], n, x.length, cut));
            Entanglement.Stats q = Entanglement.meyerWallachQBatch(amplitudes[0], amplitudes[1], n, x.length);
            out.add(new Stats(epoch, name, main.mean(), main.std(), q.mean(), q.std(), gradientVariance(layer),
                    epoch + 1, Double.NaN, named));
        }
        return out;
    }

    /**
     * The entropy across each named cut of {@code circuit} run on inputs {@code x} with
     * {@code weights}: mean and spread over the samples.
     */
    public static List<Cut> cutEntropies(Circuit circuit, double[][] x, double[] weights) {
        return cutEntropies(BatchSimulator.run(circuit, x, weights).flatAmplitudes(), circuit.qubits(), x.length);
    }

    private static List<Cut> cutEntropies(double[][] amplitudes, int n, int batch) {
        List<Cut> named = new ArrayList<>();
        for (var c : namedCuts(n).entrySet()) {
            Entanglement.Stats e = Entanglement.vonNeumannEntropyBatch(amplitudes[0], amplitudes[1], n, batch, c.getValue());
            named.add(new Cut(c.getKey(), e.mean(), e.std()));
        }
        return named;
    }

    private static Cut toCut(String name, Entanglement.Stats e) {
        return new Cut(name, e.mean(), e.std());
    }

    private static double gradientVariance(Layer layer) {
        INDArray g = layer.getGradientsViewArray();
        if (g == null || g.length() == 0) {
            return Double.NaN;
        }
        return g.castTo(DataType.DOUBLE).varNumber().doubleValue();
    }
}
