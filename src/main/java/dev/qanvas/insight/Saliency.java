package dev.qanvas.insight;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Saliency maps: how much each input value moves the score of one class. The score that is
 * differentiated is the class <b>logit</b> z_c, the output layer's pre-activation (the input of
 * its softmax or sigmoid), so a saturated softmax does not flatten the map.
 *
 * <p>Gradients run through every layer, quantum ones included (their backward pass is adjoint
 * differentiation), on a private double-precision copy of the network: workspaces off, dropout
 * off, and an output layer with identity activation whose "loss" is the logit of the labelled
 * class, so the gradient DL4J sends back into the input vertex is d z_c / d x (docs/architecture.md, facts about the libraries).
 * Each row of a batch is its own image and its own class, so SmoothGrad samples and Integrated
 * Gradients steps go through in batches.
 *
 * <ul>
 * <li>{@link Method#VANILLA}: d z_c / d x (Simonyan et al. 2014).</li>
 * <li>{@link Method#SMOOTH_GRAD}: the mean gradient over copies of x with Gaussian noise of
 *     standard deviation {@code noise * (max - min)} of the training inputs (Smilkov et al. 2017).</li>
 * <li>{@link Method#INTEGRATED_GRADIENTS}: (x - b) times the mean gradient at the midpoints of
 *     {@code steps} equal segments of the straight path from the baseline b to x (Sundararajan et al.
 *     2017). The baseline is a black image: raw pixel value 0 passed through the project's
 *     transforms. The attributions add up to z_c(x) - z_c(b) up to the midpoint rule's error.</li>
 * </ul>
 *
 * <p>A network with BatchNormalization is differentiated with DL4J's training-mode backward
 * pass, which uses batch statistics; its maps are approximate. Not thread-safe: one thread at a time.
 */
public final class Saliency {

    public enum Method {
        VANILLA("Vanilla gradient"),
        SMOOTH_GRAD("SmoothGrad"),
        INTEGRATED_GRADIENTS("Integrated Gradients");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * @param smoothSamples noisy copies per SmoothGrad map
     * @param smoothNoise   noise standard deviation as a share of the input range
     * @param seed          seed of the SmoothGrad noise, so a map is the same every time
     * @param igSteps       path segments of Integrated Gradients
     */
    public record Settings(int smoothSamples, double smoothNoise, long seed, int igSteps) {
        public Settings {
            if (smoothSamples < 1 || igSteps < 1 || !(smoothNoise >= 0)) {
                throw new IllegalArgumentException("saliency needs samples >= 1, steps >= 1 and noise >= 0");
            }
        }

        public static Settings defaults() {
            return new Settings(25, 0.15, 1, 32);
        }
    }

    /** Rows per forward/backward pass: bounds memory for large inputs. */
    private static final int CHUNK = 64;

    private final ComputationGraph net;
    private final String inputName;
    private final long[] inputShape;
    private final int size;
    private final int classes;
    private INDArray captured;

    /**
     * @param trained    the trained network; left untouched
     * @param inputShape one input without the batch axis: {C, H, W} or {F}
     */
    public Saliency(ComputationGraph trained, long[] inputShape) {
        ComputationGraph doubles = trained.convertDataType(DataType.DOUBLE);
        ComputationGraphConfiguration conf = doubles.getConfiguration().clone();
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        String output = conf.getNetworkOutputs().get(0);
        for (var entry : conf.getVertices().entrySet()) {
            GraphVertex v = entry.getValue();
            if (!(v instanceof LayerVertex lv)) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            layer.setIDropout(null);
            if (layer instanceof FrozenLayerWithBackprop frozen) {
                frozen.getUnderlying().setIDropout(null);
            }
            if (entry.getKey().equals(output)) {
                if (!(layer instanceof BaseOutputLayer out)) {
                    throw new IllegalArgumentException("the model's output " + output + " is not an output layer");
                }
                out.setActivationFn(new ActivationIdentity());
                out.setLossFn(new ClassLogit());
            }
        }
        this.net = new ComputationGraph(conf);
        net.init(doubles.params().dup(), false);
        this.inputName = conf.getNetworkInputs().get(0);
        this.inputShape = inputShape.clone();
        long n = 1;
        for (long s : inputShape) {
            n *= s;
        }
        this.size = (int) n;
        this.classes = (int) net.getConfiguration().getVertices().values().stream()
                .filter(v -> v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseOutputLayer)
                .mapToLong(v -> ((BaseOutputLayer) ((LayerVertex) v).getLayerConf().getLayer()).getNOut()).max().orElse(0);
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void onBackwardPass(Model model) {
                captured = ((ComputationGraph) model).getVertex(inputName).getEpsilon().dup();
            }
        });
    }

    /** Whether any layer is a batch normalisation, whose maps are approximate (see the class comment). */
    public boolean hasBatchNorm() {
        return net.getConfiguration().getVertices().values().stream()
                .anyMatch(v -> v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BatchNormalization);
    }

    /** Values per input (C*H*W or F). */
    public int inputSize() {
        return size;
    }

    /** The class logits z for a batch of flat inputs (each C*H*W in NCHW order, or F). */
    public double[][] logits(double[][] inputs) {
        double[][] out = new double[inputs.length][];
        for (int start = 0; start < inputs.length; start += CHUNK) {
            int n = Math.min(CHUNK, inputs.length - start);
            double[][] z = net.outputSingle(false, batch(inputs, start, n)).toDoubleMatrix();
            System.arraycopy(z, 0, out, start, n);
        }
        return out;
    }

    public double logit(double[] input, int cls) {
        return logits(new double[][] {input})[0][cls];
    }

    /** d z_{classes[i]} / d input[i] for each row i. */
    public double[][] gradients(double[][] inputs, int[] cls) {
        if (inputs.length != cls.length) {
            throw new IllegalArgumentException(inputs.length + " inputs but " + cls.length + " classes");
        }
        double[][] out = new double[inputs.length][];
        for (int start = 0; start < inputs.length; start += CHUNK) {
            int n = Math.min(CHUNK, inputs.length - start);
            INDArray labels = Nd4j.zeros(DataType.DOUBLE, n, classes);
            for (int k = 0; k < n; k++) {
                if (cls[start + k] < 0 || cls[start + k] >= classes) {
                    throw new IllegalArgumentException("class " + cls[start + k] + " does not exist (0.." + (classes - 1) + ")");
                }
                labels.putScalar(k, cls[start + k], 1.0);
            }
            net.setInputs(batch(inputs, start, n));
            net.setLabels(labels);
            captured = null;
            net.computeGradientAndScore();
            if (captured == null) {
                throw new IllegalStateException("the network gave no gradient for its input " + inputName);
            }
            double[][] g = captured.reshape(n, size).toDoubleMatrix();
            System.arraycopy(g, 0, out, start, n);
        }
        net.clear();
        return out;
    }

    public double[] vanilla(double[] input, int cls) {
        return gradients(new double[][] {input}, new int[] {cls})[0];
    }

    /**
     * Mean gradient over {@code samples} copies of the input with Gaussian noise of standard
     * deviation {@code sigma} (absolute, in input units), seeded.
     */
    public double[] smoothGrad(double[] input, int cls, double sigma, int samples, long seed) {
        Random random = new Random(seed);
        double[][] noisy = new double[samples][];
        for (int s = 0; s < samples; s++) {
            noisy[s] = input.clone();
            if (sigma > 0) {
                for (int i = 0; i < size; i++) {
                    noisy[s][i] += sigma * random.nextGaussian();
                }
            }
        }
        int[] cl = new int[samples];
        Arrays.fill(cl, cls);
        return mean(gradients(noisy, cl));
    }

    /** Integrated Gradients from {@code baseline} to {@code input} with the midpoint rule over {@code steps} segments. */
    public double[] integratedGradients(double[] input, double[] baseline, int cls, int steps) {
        double[][] path = new double[steps][size];
        for (int k = 0; k < steps; k++) {
            double t = (k + 0.5) / steps;
            for (int i = 0; i < size; i++) {
                path[k][i] = baseline[i] + t * (input[i] - baseline[i]);
            }
        }
        int[] cl = new int[steps];
        Arrays.fill(cl, cls);
        double[] g = mean(gradients(path, cl));
        for (int i = 0; i < size; i++) {
            g[i] *= input[i] - baseline[i];
        }
        return g;
    }

    /**
     * The attribution of {@code method} for one input.
     *
     * @param range    max - min of the training inputs (SmoothGrad's noise scale)
     * @param baseline Integrated Gradients' starting point
     */
    public double[] attribution(Method method, double[] input, int cls, Settings settings, double range, double[] baseline) {
        return switch (method) {
            case VANILLA -> vanilla(input, cls);
            case SMOOTH_GRAD -> smoothGrad(input, cls, settings.smoothNoise() * range, settings.smoothSamples(), settings.seed());
            case INTEGRATED_GRADIENTS -> integratedGradients(input, baseline, cls, settings.igSteps());
        };
    }

    /**
     * A map to draw: per pixel, the sum over channels of |attribution| (NCHW input of
     * {@code channels} planes of {@code pixels} values), divided by its 99th percentile and
     * clipped to 1, so one extreme pixel does not wash out the rest. All zeros stays all zeros.
     */
    public static double[] heat(double[] attribution, int channels) {
        int pixels = attribution.length / channels;
        double[] h = new double[pixels];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < pixels; p++) {
                h[p] += Math.abs(attribution[c * pixels + p]);
            }
        }
        return normalise(h);
    }

    /** Values divided by their 99th percentile (or their maximum if that is 0) and clipped to [0, 1]. */
    public static double[] normalise(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double top = sorted.length == 0 ? 0 : sorted[(int) Math.floor(0.99 * (sorted.length - 1))];
        if (!(top > 0)) {
            top = sorted.length == 0 ? 0 : sorted[sorted.length - 1];
        }
        double[] out = new double[values.length];
        if (top > 0) {
            for (int i = 0; i < values.length; i++) {
                out[i] = Math.min(1, values[i] / top);
            }
        }
        return out;
    }

    private INDArray batch(double[][] inputs, int start, int n) {
        double[] flat = new double[n * size];
        for (int k = 0; k < n; k++) {
            if (inputs[start + k].length != size) {
                throw new IllegalArgumentException("an input has " + inputs[start + k].length + " values, the model reads " + size);
            }
            System.arraycopy(inputs[start + k], 0, flat, k * size, size);
        }
        long[] shape = new long[inputShape.length + 1];
        shape[0] = n;
        System.arraycopy(inputShape, 0, shape, 1, inputShape.length);
        return Nd4j.create(flat, shape, 'c');
    }

    private double[] mean(double[][] rows) {
        double[] m = new double[size];
        for (double[] r : rows) {
            for (int i = 0; i < size; i++) {
                m[i] += r[i];
            }
        }
        for (int i = 0; i < size; i++) {
            m[i] /= rows.length;
        }
        return m;
    }

    /**
     * The "loss" of the saliency copy: the logit of the labelled class (with the identity
     * activation the output is the logit), so d loss / d pre-activation is the one-hot label.
     */
    private static final class ClassLogit implements ILossFunction {
        @Override
        public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
            INDArray out = activation.getActivation(preOutput.dup(), true);
            return out.muli(labels).sum(true, 1);
        }

        @Override
        public double computeScore(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask, boolean average) {
            double sum = computeScoreArray(labels, preOutput, activation, mask).sumNumber().doubleValue();
            return average ? sum / labels.size(0) : sum;
        }

        @Override
        public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
            return activation.backprop(preOutput.dup(), labels.dup()).getFirst();
        }

        @Override
        public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activation,
                                                              INDArray mask, boolean average) {
            return new Pair<>(computeScore(labels, preOutput, activation, mask, average),
                    computeGradient(labels, preOutput, activation, mask));
        }

        @Override
        public String name() {
            return "ClassLogit";
        }
    }
}
