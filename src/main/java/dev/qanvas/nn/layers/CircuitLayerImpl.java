package dev.qanvas.nn.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What running circuit layers share: no pre-training, no DL4J bias, and the circuit weights to simulate with. */
abstract class CircuitLayerImpl<C extends CircuitLayer> extends BaseLayer<C> {

    CircuitLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
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
