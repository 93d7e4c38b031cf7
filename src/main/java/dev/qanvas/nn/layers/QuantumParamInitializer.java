package dev.qanvas.nn.layers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a {@link QuantumLayer} or a trainable {@link QuanvolutionLayer}: a row vector
 * "W" of the circuit's weights, started at their initial values; with output scaling also a
 * per-output scale "S" (from 1) and bias "B" (from 0).
 */
public final class QuantumParamInitializer implements ParamInitializer {

    public static final String WEIGHTS = "W";
    public static final String SCALE = "S";
    public static final String BIAS = "B";
    static final QuantumParamInitializer INSTANCE = new QuantumParamInitializer();

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return circuitParams(layer) + 2L * outputs(layer);
    }

    private static int circuitParams(Layer layer) {
        if (layer instanceof QuanvolutionLayer q) {
            return q.isTrainable() ? q.circuit().weightNames().size() : 0;
        }
        return ((QuantumLayer) layer).circuit().weightNames().size();
    }

    /** Outputs with a trainable scale and bias: all of a scaled quantum layer's, none otherwise. */
    private static int outputs(Layer layer) {
        return layer instanceof QuantumLayer q && q.isOutputScaling() ? q.getMeasurements().length : 0;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new java.util.ArrayList<>();
        if (circuitParams(layer) > 0) {
            keys.add(WEIGHTS);
        }
        if (outputs(layer) > 0) {
            keys.add(SCALE);
            keys.add(BIAS);
        }
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return paramKeys(layer).stream().filter(k -> !BIAS.equals(k)).toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return outputs(layer) > 0 ? List.of(BIAS) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHTS.equals(key) || SCALE.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Layer layer = conf.getLayer();
        Map<String, INDArray> out = views(layer, paramsView);
        if (initializeParams) {
            INDArray w = out.get(WEIGHTS);
            if (w != null) {
                double[] initial = (layer instanceof QuanvolutionLayer q ? q.circuit() : ((QuantumLayer) layer).circuit()).initialWeights();
                for (int k = 0; k < initial.length; k++) {
                    w.putScalar(0, k, initial[k]);
                }
            }
            if (out.containsKey(SCALE)) {
                out.get(SCALE).assign(1.0);
                out.get(BIAS).assign(0.0);
            }
        }
        return out;
    }

    /** W, then S and B, as consecutive row-vector views of one flat array. */
    private static Map<String, INDArray> views(Layer layer, INDArray flat) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        int w = circuitParams(layer);
        int o = outputs(layer);
        if (w + o == 0) {
            return out;
        }
        flat = flat.reshape('c', 1, flat.length());
        if (w > 0) {
            out.put(WEIGHTS, flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 0, true),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, w)).reshape('c', 1, w));
        }
        if (o > 0) {
            out.put(SCALE, flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 0, true),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(w, w + o)).reshape('c', 1, o));
            out.put(BIAS, flat.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 0, true),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(w + o, w + 2 * o)).reshape('c', 1, o));
        }
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
        return views(conf.getLayer(), gradientView);
    }
}
