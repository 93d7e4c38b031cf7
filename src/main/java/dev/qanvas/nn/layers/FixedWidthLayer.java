package dev.qanvas.nn.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the DL4J configurations of this project's plain-Java layers whose input width their
 * settings fix (photonic, QRNN, pixel-by-pixel SimpleRnn) share: the wiring of a new
 * implementation to its parameters ({@link #initializer()}), an nIn DL4J must not reset, and a
 * memory report of the parameters alone. Subclasses keep their own class names, which DL4J
 * stores in saved models.
 */
public abstract class FixedWidthLayer extends FeedForwardLayer {

    protected FixedWidthLayer() {
    }

    protected FixedWidthLayer(FeedForwardLayer.Builder<?> builder) {
        super(builder);
    }

    /** The implementation class of this layer, not yet wired. */
    protected abstract org.deeplearning4j.nn.layers.BaseLayer<?> newImplementation(NeuralNetConfiguration conf, DataType dataType);

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        org.deeplearning4j.nn.layers.BaseLayer<?> layer = newImplementation(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // nIn is fixed by the layer's settings; a mismatching input is reported by the model graph's validation.
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, getOutputType(-1, inputType))
                .standardMemory(initializer().numParams(this), 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
