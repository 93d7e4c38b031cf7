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

    /** How forward passes compute expectations; training's backward pass is always ideal (adjoint). */
    QuantumExecution execution = QuantumExecution.IDEAL;

    CircuitLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The expectations of this layer's forward pass under its execution setting. */
    double[][] expectations(Circuit c, double[][] x, double[] w, List<PauliString> observables) {
        return execution.isIdeal() ? BatchSimulator.expectations(c, x, w, observables)
                : execution.expectations(c, x, w, observables);
    }

    /** Refuses a backward pass through a noisy or sampled forward: its adjoint gradient would be of another function. */
    void requireIdealForTraining() {
        if (!execution.isIdeal()) {
            throw new IllegalStateException("quantum layer " + layerConf().getLayerName() + " runs under " + execution
                    + ", which is for evaluation only; training uses the ideal circuit");
        }
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
