package dev.qanvas.nn.layers;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.CircuitText;
import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the DL4J configurations of circuit-running layers share: the circuit, stored as exact
 * {@link CircuitText} so DL4J's JSON keeps it and parsed once (DL4J asks for the parameter count,
 * and so the circuit, on every step), the parameter layout of {@link QuantumParamInitializer},
 * and the wiring of a new implementation to its parameters.
 */
public abstract class CircuitLayer extends FeedForwardLayer {

    protected String circuitText;
    private transient Circuit parsed;
    private transient String parsedFrom;

    protected CircuitLayer() {
    }

    protected CircuitLayer(FeedForwardLayer.Builder<?> builder, Circuit circuit) {
        super(builder);
        this.circuitText = CircuitText.write(circuit);
    }

    public Circuit circuit() {
        if (parsed == null || !circuitText.equals(parsedFrom)) {
            parsed = CircuitText.read(circuitText);
            parsedFrom = circuitText;
        }
        return parsed;
    }

    public String getCircuitText() { return circuitText; }
    public void setCircuitText(String circuitText) { this.circuitText = circuitText; }

    /** The implementation class of this layer, not yet wired. */
    protected abstract org.deeplearning4j.nn.layers.BaseLayer<?> newImplementation(NeuralNetConfiguration conf, DataType dataType);

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return QuantumParamInitializer.wire(newImplementation(conf, networkDataType), conf, listeners, layerIndex,
                layerParamsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return QuantumParamInitializer.INSTANCE;
    }
}
