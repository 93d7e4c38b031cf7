package dev.qanvas.nn.layers;

import dev.qanvas.quantum.QuantumExecution;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Sets how a network's quantum layers compute their forward and backward passes (noise, shots):
 * for evaluation, and while training under {@code TrainingSettings.execution()}.
 */
public final class LayerExecution {

    private LayerExecution() {
    }

    /**
     * Every quantum layer of {@code net} computes its expectations under {@code execution} from now
     * on; quantum layer i (in the network's layer order, from 0) draws its shots from seed S + i.
     * Returns how many layers that is.
     */
    public static int set(ComputationGraph net, QuantumExecution execution) {
        return set(net.getLayers(), execution);
    }

    /** {@link #set(ComputationGraph, QuantumExecution)} for a layer stack. */
    public static int set(MultiLayerNetwork net, QuantumExecution execution) {
        return set(net.getLayers(), execution);
    }

    private static int set(Layer[] layers, QuantumExecution execution) {
        int count = 0;
        for (Layer layer : layers) {
            if (layer instanceof CircuitLayerImpl<?> circuitLayer) {
                circuitLayer.execution = execution.withSeed(execution.seed() + count);
                count++;
            }
        }
        return count;
    }

    /**
     * Sets every quantum layer of {@code net} ideal and returns what puts each layer's execution
     * back, its shot stream where it was: a look inside the network between training steps (the
     * entanglement probe, whose timing varies) then leaves the run's shots as they would have been.
     */
    public static Runnable idealUntilRestored(ComputationGraph net) {
        Layer[] layers = net.getLayers();
        QuantumExecution[] saved = new QuantumExecution[layers.length];
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] instanceof CircuitLayerImpl<?> circuitLayer) {
                saved[i] = circuitLayer.execution;
                circuitLayer.execution = QuantumExecution.IDEAL;
            }
        }
        return () -> {
            for (int i = 0; i < layers.length; i++) {
                if (saved[i] != null) {
                    ((CircuitLayerImpl<?>) layers[i]).execution = saved[i];
                }
            }
        };
    }

    /** How many quantum layers {@code net} has. */
    public static int count(ComputationGraph net) {
        int count = 0;
        for (Layer layer : net.getLayers()) {
            if (layer instanceof CircuitLayerImpl<?>) {
                count++;
            }
        }
        return count;
    }

    /** The most qubits of any quantum layer of {@code net} (0 without any). */
    public static int maxQubits(ComputationGraph net) {
        int most = 0;
        for (Layer layer : net.getLayers()) {
            if (layer instanceof CircuitLayerImpl<?> circuitLayer) {
                most = Math.max(most, circuitLayer.layerConf().circuit().qubits());
            }
        }
        return most;
    }
}
