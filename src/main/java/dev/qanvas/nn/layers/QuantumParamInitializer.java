package dev.qanvas.nn.layers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a {@link QuantumLayer} or a trainable {@link QuanvolutionLayer}: one row
 * vector "W" of the circuit's weights, started at their initial values.
 */
public final class QuantumParamInitializer implements ParamInitializer {

    public static final String WEIGHTS = "W";
    static final QuantumParamInitializer INSTANCE = new QuantumParamInitializer();

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        if (layer instanceof QuanvolutionLayer q) {
            return q.isTrainable() ? q.circuit().weightNames().size() : 0;
        }
        return ((QuantumLayer) layer).circuit().weightNames().size();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return numParams(layer) == 0 ? List.of() : List.of(WEIGHTS);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return paramKeys(layer);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHTS.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Layer layer = conf.getLayer();
        long n = numParams(layer);
        if (n == 0) {
            return Collections.emptyMap();
        }
        INDArray w = paramsView.reshape('c', 1, n);
        if (initializeParams) {
            double[] initial = (layer instanceof QuanvolutionLayer q ? q.circuit() : ((QuantumLayer) layer).circuit()).initialWeights();
            for (int k = 0; k < initial.length; k++) {
                w.putScalar(0, k, initial[k]);
            }
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(WEIGHTS, w);
        return out;
    }

    /** What both quantum layer configurations do in {@code instantiate}: wire a new implementation to its parameters. */
    static <L extends org.deeplearning4j.nn.layers.BaseLayer<?>> L wire(L layer, NeuralNetConfiguration conf,
            java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners, int index,
            INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(INSTANCE.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        long n = numParams(conf.getLayer());
        if (n == 0) {
            return Collections.emptyMap();
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put(WEIGHTS, gradientView.reshape('c', 1, n));
        return out;
    }
}
