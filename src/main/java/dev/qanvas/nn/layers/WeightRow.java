package dev.qanvas.nn.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a layer that has one row vector "W" of weights and no bias (the photonic and
 * QRNN layers), started at the layer's initial values.
 */
abstract class WeightRow implements ParamInitializer {

    static final String WEIGHTS = "W";

    /** How many weights the layer has. */
    abstract long count(Layer layer);

    /** The initial weights, {@link #count} of them. */
    abstract double[] initial(Layer layer);

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return count(layer);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WEIGHTS);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHTS);
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
        Map<String, INDArray> out = views(conf.getLayer(), paramsView);
        if (initializeParams) {
            double[] initial = initial(conf.getLayer());
            INDArray w = out.get(WEIGHTS);
            for (int k = 0; k < initial.length; k++) {
                w.putScalar(0, k, initial[k]);
            }
        }
        return out;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf.getLayer(), gradientView);
    }

    private Map<String, INDArray> views(Layer layer, INDArray flat) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        long w = count(layer);
        flat = flat.reshape('c', 1, flat.length());
        out.put(WEIGHTS, flat.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(0, w)).reshape('c', 1, w));
        return out;
    }
}
