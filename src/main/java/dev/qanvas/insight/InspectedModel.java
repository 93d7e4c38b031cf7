package dev.qanvas.insight;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.data.PreparedData;
import dev.qanvas.nn.training.DataArrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained model beside the data it was trained on: the network, the raw dataset, the dataset
 * after the project's transforms, and the pipeline that takes a new raw image to a model input.
 * The network is not thread-safe: every method that runs it is synchronized, and callers keep
 * all work on one thread anyway (the Inspect workspace's worker).
 */
public final class InspectedModel {

    private static final int BATCH = 256;

    private final ComputationGraph net;
    private final Dataset raw;
    private final Dataset data;
    private final InputPipeline pipeline;
    private final boolean images;
    private Saliency saliency;

    /**
     * @param net      the trained network (single input, single output), e.g. from a run folder's
     *                 {@code model.zip} (read through {@code ModelFiles}, which checks it)
     * @param prepared the dataset the run was trained on, with the project's transforms as trained
     */
    public InspectedModel(ComputationGraph net, PreparedData prepared) {
        this.net = net;
        this.raw = prepared.raw();
        this.data = prepared.data();
        this.pipeline = InputPipeline.of(raw, prepared.transforms());
        this.images = !data.isVector();
        if (net.getConfiguration().getNetworkInputs().size() != 1 || net.getConfiguration().getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("only models with one input and one output can be inspected");
        }
    }

    public ComputationGraph network() { return net; }

    /** The same data and pipeline around another network (e.g. a private copy for long background work). */
    public InspectedModel withNetwork(ComputationGraph other) {
        return new InspectedModel(other, this);
    }

    private InspectedModel(ComputationGraph net, InspectedModel same) {
        this.net = net;
        this.raw = same.raw;
        this.data = same.data;
        this.pipeline = same.pipeline;
        this.images = same.images;
    }
    /** The dataset before the project's transforms (what the user sees in the Data workspace). */
    public Dataset raw() { return raw; }
    /** The dataset after the transforms: what the model was trained and tested on. */
    public Dataset data() { return data; }
    public InputPipeline pipeline() { return pipeline; }
    /** Whether the model reads NCHW images (true) or flat feature vectors. */
    public boolean images() { return images; }
    public List<String> classNames() { return data.classNames(); }
    public int classCount() { return data.classCount(); }

    /** Shape of one model input without the batch axis: {C, H, W} or {F}. */
    public long[] inputShape() {
        return images ? new long[] {data.channels(), data.height(), data.width()} : new long[] {data.train().featureCount()};
    }

    /**
     * True when the raw images are 28 x 28 grayscale digits 0-9 (MNIST-like), so a digit drawn on a
     * 28 x 28 pad is the kind of input the model was trained on.
     */
    public boolean acceptsDrawnDigits() {
        if (raw.width() != 28 || raw.height() != 28 || raw.channels() != 1 || raw.classCount() != 10) {
            return false;
        }
        for (int d = 0; d < 10; d++) {
            if (!raw.classNames().get(d).equals(Integer.toString(d))) {
                return false;
            }
        }
        return true;
    }

    /** Model inputs (NCHW or N x F, float) of test images. */
    public INDArray testInputs(int[] indices) {
        return DataArrays.features(data.test(), indices, images);
    }

    /** One transformed image (HWC, as {@link ImageSet} stores it) as a model input of batch 1. */
    public INDArray input(float[] image) {
        ImageSet one = ImageSet.ofFloats(data.width(), data.height(), data.channels(), image, new int[] {0});
        return DataArrays.features(one, new int[] {0}, images);
    }

    /** The model input for a raw image (a drawn digit): the project's transforms, then batch 1. */
    public INDArray inputFromRaw(float[] rawImage) {
        return input(pipeline.apply(rawImage));
    }

    /** The model's outputs (class probabilities) for a batch of inputs. */
    public synchronized double[][] outputs(INDArray inputs) {
        return net.outputSingle(false, inputs).castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    /** Predictions on the whole test split, in batches of 256 images. */
    public Predictions predictTest() {
        ImageSet test = data.test();
        double[][] probabilities = new double[test.size()][];
        for (int start = 0; start < test.size(); start += BATCH) {
            int n = Math.min(BATCH, test.size() - start);
            int[] idx = new int[n];
            for (int k = 0; k < n; k++) {
                idx[k] = start + k;
            }
            double[][] out = outputs(testInputs(idx));
            System.arraycopy(out, 0, probabilities, start, n);
        }
        return new Predictions(data.classNames(), test.labels(), probabilities);
    }

    // ----- saliency -----

    /** The saliency engine of this model (a double-precision copy of the network, made on first use). */
    public synchronized Saliency saliency() {
        if (saliency == null) {
            saliency = new Saliency(net, inputShape());
        }
        return saliency;
    }

    /** One model input as flat values in NCHW order (C*H*W), or the F features of a vector. */
    public static double[] flat(INDArray oneInput) {
        return oneInput.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** Test image {@code i} as a flat model input. */
    public double[] flatTestInput(int i) {
        return flat(testInputs(new int[] {i}));
    }

    /** Integrated Gradients' baseline: a black raw image (all zeros) through the project's transforms, flat. */
    public double[] baseline() {
        return flat(inputFromRaw(new float[raw.train().featureCount()]));
    }

    /** max - min over the transformed training images: the scale of SmoothGrad's noise. */
    public double inputRange() {
        float[] r = data.train().valueRange();
        return r[1] - r[0];
    }

    /** The attribution of {@code method} for a flat model input towards class {@code cls} (see {@link Saliency}). */
    public double[] attribution(Saliency.Method method, double[] input, int cls, Saliency.Settings settings) {
        return saliency().attribution(method, input, cls, settings, inputRange(), baseline());
    }

    /**
     * The mean saliency of class {@code cls}: the mean of the normalised vanilla-gradient heat maps
     * of up to {@code max} test images of that class (a seeded random sample), each towards its
     * own class; renormalised for display. Empty array when the test split has no such image.
     */
    public double[] meanHeat(int cls, int max, long seed) {
        int[] all = data.test().indicesOf(cls);
        if (all.length == 0) {
            return new double[0];
        }
        int[] picked = sample(all, max, seed);
        double[][] inputs = new double[picked.length][];
        INDArray batch = testInputs(picked);
        double[][] rows = batch.castTo(DataType.DOUBLE).reshape(picked.length, batch.length() / picked.length).toDoubleMatrix();
        System.arraycopy(rows, 0, inputs, 0, picked.length);
        int[] classes = new int[picked.length];
        java.util.Arrays.fill(classes, cls);
        double[][] g = saliency().gradients(inputs, classes);
        int channels = images ? data.channels() : 1;
        double[] mean = new double[g[0].length / channels];
        for (double[] row : g) {
            double[] h = Saliency.heat(row, channels);
            for (int p = 0; p < mean.length; p++) {
                mean[p] += h[p] / g.length;
            }
        }
        return Saliency.normalise(mean);
    }

    private static int[] sample(int[] from, int max, long seed) {
        if (from.length <= max) {
            return from;
        }
        int[] copy = from.clone();
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(copy.length - i);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        int[] out = java.util.Arrays.copyOf(copy, max);
        java.util.Arrays.sort(out);
        return out;
    }
}
