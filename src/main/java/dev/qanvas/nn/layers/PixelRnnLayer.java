package dev.qanvas.nn.layers;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.params.SimpleRnnParamInitializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J configuration of the Rnn kind's SimpleRnn (nn.graph.kinds.Rnn): a tanh recurrent layer of
 * {@code units} that reads an example's {@code steps} values one a step (an image's pixels in row
 * order) and outputs its hidden state after the last, h_t = tanh(x_t W + h_(t-1) RW + b), h_0 = 0.
 * The same model as DL4J's {@code LastTimeStep(SimpleRnn)} over the pixels, with its parameters
 * "W" [1, units], "RW" [units, units] and "b" [1, units] started by DL4J's own
 * {@link SimpleRnnParamInitializer} (the same values for the same seed), but computed by
 * {@link PixelRnnLayerImpl} in plain loops: DL4J's layer runs a few native operations per pixel,
 * which took 28 ms a training step of 16 images of 49 pixels (docs/benchmarks.md). DL4J stores
 * this class's name in saved models: do not rename or move it.
 */
public class PixelRnnLayer extends FixedWidthLayer {

    private int steps;

    /** For DL4J's JSON deserialisation. */
    public PixelRnnLayer() {
    }

    private PixelRnnLayer(Builder b) {
        super(b);
        this.steps = b.steps;
        this.nIn = b.steps;
        this.nOut = b.units;
        initializeConstraints(b);
    }

    // Getters and setters are what DL4J's JSON serialisation reads and writes.
    public int getSteps() { return steps; }
    public void setSteps(int v) { this.steps = v; }

    /** Hidden units. */
    public int units() {
        return (int) nOut;
    }

    @Override
    protected PixelRnnLayerImpl newImplementation(NeuralNetConfiguration conf, DataType dataType) {
        return new PixelRnnLayerImpl(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return Params.INSTANCE;
    }

    /**
     * DL4J's SimpleRnn parameters, laid out and started by its {@link SimpleRnnParamInitializer}
     * on a SimpleRnn of one input and the same units, weight and bias initialisation.
     */
    static final class Params implements ParamInitializer {
        static final Params INSTANCE = new Params();
        static final String W = SimpleRnnParamInitializer.WEIGHT_KEY;
        static final String RW = SimpleRnnParamInitializer.RECURRENT_WEIGHT_KEY;
        static final String B = SimpleRnnParamInitializer.BIAS_KEY;

        private static NeuralNetConfiguration asSimpleRnn(NeuralNetConfiguration conf) {
            PixelRnnLayer layer = (PixelRnnLayer) conf.getLayer();
            NeuralNetConfiguration c = new NeuralNetConfiguration();
            c.setLayer(new SimpleRnn.Builder().nIn(1).nOut(layer.units()).activation(Activation.TANH)
                    .weightInit(layer.getWeightInitFn()).biasInit(layer.getBiasInit()).build());
            return c;
        }

        @Override
        public long numParams(NeuralNetConfiguration conf) {
            return numParams(conf.getLayer());
        }

        @Override
        public long numParams(org.deeplearning4j.nn.conf.layers.Layer layer) {
            long h = ((PixelRnnLayer) layer).units();
            return h * (1 + h + 1);
        }

        @Override
        public List<String> paramKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return List.of(W, RW, B);
        }

        @Override
        public List<String> weightKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return List.of(W, RW);
        }

        @Override
        public List<String> biasKeys(org.deeplearning4j.nn.conf.layers.Layer layer) {
            return List.of(B);
        }

        @Override
        public boolean isWeightParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
            return W.equals(key) || RW.equals(key);
        }

        @Override
        public boolean isBiasParam(org.deeplearning4j.nn.conf.layers.Layer layer, String key) {
            return B.equals(key);
        }

        @Override
        public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
            return SimpleRnnParamInitializer.getInstance().init(asSimpleRnn(conf), paramsView, initializeParams);
        }

        @Override
        public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
            return SimpleRnnParamInitializer.getInstance().getGradientsFromFlattened(asSimpleRnn(conf), gradientView);
        }
    }

    /** Builds the layer: the steps it reads and its hidden units. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int steps;
        private int units;

        public Builder steps(int v) { this.steps = v; return this; }
        public Builder units(int v) { this.units = v; return this; }

        @Override
        @SuppressWarnings("unchecked")
        public PixelRnnLayer build() {
            if (steps < 1 || units < 1) {
                throw new IllegalStateException("a recurrent layer reads at least one step into at least one unit");
            }
            return new PixelRnnLayer(this);
        }
    }
}
