package dev.qanvas.nn.kernel;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import java.util.Arrays;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Feature vectors of a training and a test split, the input to kernels and classical learners.
 * Every step that learns something ({@link #pca}, {@link #scaled}) fits on the training rows only
 * and applies the same map to both splits. {@link #allRows()} and {@link #allLabels()} are the
 * pool {@link Learner}s and {@link CrossValidation} index: training rows, then test rows.
 */
public record FeatureSplit(double[][] trainRows, int[] trainLabels, double[][] testRows, int[] testLabels) {

    public FeatureSplit {
        if (trainRows.length != trainLabels.length || testRows.length != testLabels.length) {
            throw new IllegalArgumentException("rows and labels differ in number");
        }
    }

    /** Pixels as the model sees them: pass {@code PreparedData.data()} (the transforms applied). */
    public static FeatureSplit pixels(Dataset data) {
        return new FeatureSplit(rows(data.train()), data.train().labels(), rows(data.test()), data.test().labels());
    }

    /**
     * The penultimate-layer activations of a trained network on both splits of
     * {@code data} (the prepared data it was trained on). See {@link PenultimateActivations}.
     */
    public static FeatureSplit activations(ComputationGraph net, Dataset data, boolean asImages, int batchSize) {
        return new FeatureSplit(PenultimateActivations.of(net, data.train(), asImages, batchSize), data.train().labels(),
                PenultimateActivations.of(net, data.test(), asImages, batchSize), data.test().labels());
    }

    /** Each image as one row of doubles, in the ImageSet's pixel order. */
    public static double[][] rows(ImageSet images) {
        double[][] out = new double[images.size()][images.featureCount()];
        for (int i = 0; i < images.size(); i++) {
            for (int p = 0; p < images.featureCount(); p++) {
                out[i][p] = images.value(i, p);
            }
        }
        return out;
    }

    /** The first {@code k} principal components, fitted on the training rows. */
    public FeatureSplit pca(int k) {
        Pca pca = Pca.fit(trainRows, k);
        return new FeatureSplit(pca.transform(trainRows), trainLabels, pca.transform(testRows), testLabels);
    }

    /** Each feature mapped to [low, high] by its training range (test values clipped). */
    public FeatureSplit scaled(double low, double high) {
        RangeScaler scaler = RangeScaler.fit(trainRows, low, high);
        return new FeatureSplit(scaler.transform(trainRows), trainLabels, scaler.transform(testRows), testLabels);
    }

    /** {@link #scaled} to [0, pi], angles for a quantum feature map. */
    public FeatureSplit angles() {
        return scaled(0, Math.PI);
    }

    /**
     * At most {@code trainPerClass} training and {@code testPerClass} test points of each class,
     * drawn with {@code seed}, in their original order: quantum Gram matrices cost n^2 circuits.
     */
    public FeatureSplit subsample(int trainPerClass, int testPerClass, long seed) {
        return subsample(sampled(trainPerClass, testPerClass, seed));
    }

    /**
     * Which points {@link #subsample} keeps: the training indices then the test indices, each
     * ascending, into this split's rows (so a kept point can be traced back to its image).
     */
    public Sample sampled(int trainPerClass, int testPerClass, long seed) {
        return new Sample(perClass(trainLabels, trainPerClass, seed), perClass(testLabels, testPerClass, seed + 1));
    }

    /** The kept points of {@link #sampled}. */
    public FeatureSplit subsample(Sample kept) {
        return new FeatureSplit(pick(trainRows, kept.train()), Libsvm.labelsAt(trainLabels, kept.train()), pick(testRows, kept.test()),
                Libsvm.labelsAt(testLabels, kept.test()));
    }

    /** Indices of kept training and test points, ascending, into the splits they were drawn from. */
    public record Sample(int[] train, int[] test) {
    }

    public int trainCount() {
        return trainRows.length;
    }

    public int dimension() {
        return trainRows.length > 0 ? trainRows[0].length : testRows.length > 0 ? testRows[0].length : 0;
    }

    /** Training rows then test rows (the arrays are shared, not copied). */
    public double[][] allRows() {
        double[][] out = Arrays.copyOf(trainRows, trainRows.length + testRows.length);
        System.arraycopy(testRows, 0, out, trainRows.length, testRows.length);
        return out;
    }

    /** Training labels then test labels. */
    public int[] allLabels() {
        int[] out = Arrays.copyOf(trainLabels, trainLabels.length + testLabels.length);
        System.arraycopy(testLabels, 0, out, trainLabels.length, testLabels.length);
        return out;
    }

    private static int[] perClass(int[] labels, int limit, long seed) {
        java.util.Map<Integer, java.util.List<Integer>> byClass = new java.util.TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], c -> new java.util.ArrayList<>()).add(i);
        }
        java.util.Random random = new java.util.Random(seed);
        java.util.List<Integer> kept = new java.util.ArrayList<>();
        for (java.util.List<Integer> members : byClass.values()) {
            java.util.Collections.shuffle(members, random);
            kept.addAll(members.subList(0, Math.min(limit, members.size())));
        }
        return kept.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static double[][] pick(double[][] rows, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int k = 0; k < indices.length; k++) {
            out[k] = rows[indices[k]];
        }
        return out;
    }
}
