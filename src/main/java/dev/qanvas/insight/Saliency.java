package dev.qanvas.insight;

import java.util.Arrays;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Saliency maps: how much each input value moves the score of one class. The score that is
 * differentiated is the class <b>logit</b> z_c, the output layer's pre-activation (the input of
 * its softmax or sigmoid), so a saturated softmax does not flatten the map.
 *
 * <p>Gradients run through every layer, quantum ones included, on the differentiable copy of
 * {@link InputGradients}, whose output layer here has identity activation and the logit of the
 * labelled class as its "loss", so the gradient sent back into the input is d z_c / d x.
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

    private final InputGradients gradients;
    private final int size;

    /**
     * @param trained    the trained network; left untouched
     * @param inputShape one input without the batch axis: {C, H, W} or {F}
     */
    public Saliency(ComputationGraph trained, long[] inputShape) {
        this.gradients = new InputGradients(trained, inputShape, out -> {
            out.setActivationFn(new ActivationIdentity());
            out.setLossFn(new ClassLogit());
        });
        this.size = gradients.inputSize();
    }

    /** Whether any layer is a batch normalisation, whose maps are approximate (see the class comment). */
    public boolean hasBatchNorm() {
        return gradients.hasBatchNorm();
    }

    /** Values per input (C*H*W or F). */
    public int inputSize() {
        return size;
    }

    /** The class logits z for a batch of flat inputs (each C*H*W in NCHW order, or F). */
    public double[][] logits(double[][] inputs) {
        return gradients.outputs(inputs);
    }

    public double logit(double[] input, int cls) {
        return logits(new double[][] {input})[0][cls];
    }

    /** d z_{classes[i]} / d input[i] for each row i. */
    public double[][] gradients(double[][] inputs, int[] cls) {
        return gradients.gradients(inputs, cls);
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
