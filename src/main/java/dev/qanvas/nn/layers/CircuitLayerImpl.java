package dev.qanvas.nn.layers;

import dev.qanvas.quantum.BatchSimulator;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.PauliString;
import dev.qanvas.quantum.QuantumExecution;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What running circuit layers share: no pre-training, no DL4J bias, and the circuit weights to simulate with. */
abstract class CircuitLayerImpl<C extends CircuitLayer> extends BaseLayer<C> {

    /**
     * How forward and backward passes compute expectations and gradients: ideal (batched state
     * vector, adjoint gradients) or under noise and/or shots (parameter shift), docs/noise.md.
     */
    QuantumExecution execution = QuantumExecution.IDEAL;

    CircuitLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * The ideal training forward's states, kept for the backward pass that follows it with the same
     * inputs and weights (DL4J's fit: activate, then backpropGradient), so that pass does not run
     * the circuit again. Null when none is kept.
     */
    private BatchSimulator.Forward kept;

    /**
     * The expectations of this layer's forward pass under its execution setting. An ideal forward
     * in training keeps its states for {@link #gradients}.
     */
    double[][] expectations(Circuit c, double[][] x, double[] w, List<PauliString> observables, boolean training) {
        kept = null;
        if (!execution.isIdeal()) {
            return execution.expectations(c, x, w, observables);
        }
        if (training) {
            kept = BatchSimulator.forward(c, x, w, observables);
            return kept.expectations();
        }
        return BatchSimulator.expectations(c, x, w, observables);
    }

    /** Whether a training forward's states wait for the backward pass (for tests). */
    boolean holdsForward() {
        return kept != null;
    }

    /**
     * The expectations and the vector-Jacobian product with {@code upstream} under this layer's
     * execution: adjoint differentiation of the ideal state, else the parameter-shift rule on the
     * noisy and/or sampled expectations ({@link QuantumExecution#gradients}); adjoint would be
     * the gradient of another function.
     */
    BatchSimulator.Result gradients(Circuit c, double[][] x, double[] w, List<PauliString> observables, double[][] upstream) {
        BatchSimulator.Forward forward = kept;
        kept = null;
        if (!execution.isIdeal()) {
            return execution.gradients(c, x, w, observables, upstream);
        }
        return forward != null && forward.matches(c, x, w, observables) ? BatchSimulator.adjoint(forward, upstream)
                : BatchSimulator.adjoint(c, x, w, observables, upstream);
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    /** The trainable weights, or the circuit's initial weights when the layer has none (a fixed filter). */
    double[] circuitWeights() {
        INDArray w = params == null ? null : params.get(QuantumParamInitializer.WEIGHTS);
        return w == null ? layerConf().circuit().initialWeights() : w.castTo(DataType.DOUBLE).toDoubleVector();
    }
}
