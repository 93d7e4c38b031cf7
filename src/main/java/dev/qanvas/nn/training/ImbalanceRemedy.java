package dev.qanvas.nn.training;

import dev.qanvas.data.ImageSet;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Remedies for a class-imbalanced training split (part of {@link TrainingSettings};
 * docs/data-centric.md#imbalance-remedies), after Buda, Maki and Mazurowski (2018):
 * <ul>
 *   <li>{@link Resampling#OVERSAMPLE} to {@code level}: every class with fewer than
 *       round(level * n_max) training images is raised to that count, by whole copies of the
 *       class and then a seeded choice without replacement for the rest;</li>
 *   <li>{@link Resampling#UNDERSAMPLE} to {@code level}: every class with more than
 *       max(1, round(n_min / level)) images is cut to that count, by a seeded choice without
 *       replacement (level 1 is full balance either way);</li>
 *   <li>{@code classWeights}: the loss of an image of class c is weighted by
 *       w_c = N / (K n_c) over the (resampled) training images, N images, K classes present;</li>
 *   <li>{@code priorThresholds}: at prediction, each output is divided by its class's prior
 *       (share of the training split) and the outputs renormalised: threshold moving.</li>
 * </ul>
 * Resampling acts on the images an epoch trains on, after the validation share is held out, so
 * no copy of a validation image is trained on.
 */
public record ImbalanceRemedy(Resampling resampling, double level, boolean classWeights, boolean priorThresholds) {

    public enum Resampling { NONE, OVERSAMPLE, UNDERSAMPLE }

    public ImbalanceRemedy {
        resampling = resampling == null ? Resampling.NONE : resampling;
        if (resampling != Resampling.NONE && !(level > 0 && level <= 1)) {
            throw new IllegalArgumentException("the resampling level must be in (0, 1] (1: every class as large as the largest"
                    + " or as small as the smallest): " + level);
        }
    }

    public static ImbalanceRemedy none() {
        return new ImbalanceRemedy(Resampling.NONE, 1, false, false);
    }

    public boolean active() {
        return resampling != Resampling.NONE || classWeights || priorThresholds;
    }

    /** The training indices an epoch uses, resampled; ascending, repeated where oversampled. */
    public int[] resample(int[] labels, int[] indices, int classes, long seed) {
        if (resampling == Resampling.NONE) {
            return indices;
        }
        int[][] members = byClass(labels, indices, classes);
        int largest = 0;
        int smallest = Integer.MAX_VALUE;
        for (int[] m : members) {
            if (m.length > 0) {
                largest = Math.max(largest, m.length);
                smallest = Math.min(smallest, m.length);
            }
        }
        Random random = new Random(seed);
        int[][] kept = new int[classes][];
        for (int c = 0; c < classes; c++) {
            int n = members[c].length;
            int target = resampling == Resampling.OVERSAMPLE
                    ? Math.max(n, (int) Math.round(level * largest))
                    : Math.min(n, (int) Math.max(1, Math.round(smallest / level)));
            kept[c] = n == 0 ? new int[0] : take(members[c], target, random);
        }
        return Arrays.stream(kept).flatMapToInt(Arrays::stream).sorted().toArray();
    }

    /** {@code target} of {@code from}: whole copies, then a choice without replacement of the remainder. */
    private static int[] take(int[] from, int target, Random random) {
        int[] out = new int[target];
        int full = target / from.length;
        for (int r = 0; r < full; r++) {
            System.arraycopy(from, 0, out, r * from.length, from.length);
        }
        int[] shuffled = from.clone();
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        System.arraycopy(shuffled, 0, out, full * from.length, target - full * from.length);
        return out;
    }

    private static int[][] byClass(int[] labels, int[] indices, int classes) {
        int[] counts = new int[classes];
        for (int i : indices) {
            counts[labels[i]]++;
        }
        int[][] out = new int[classes][];
        for (int c = 0; c < classes; c++) {
            out[c] = new int[counts[c]];
        }
        int[] filled = new int[classes];
        for (int i : indices) {
            out[labels[i]][filled[labels[i]]++] = i;
        }
        return out;
    }

    /** w_c = N / (K n_c) over {@code indices} (K: classes present); 1 for a class absent. */
    public static double[] balancedWeights(int[] labels, int[] indices, int classes) {
        int[] counts = new int[classes];
        for (int i : indices) {
            counts[labels[i]]++;
        }
        long present = Arrays.stream(counts).filter(n -> n > 0).count();
        double[] w = new double[classes];
        for (int c = 0; c < classes; c++) {
            w[c] = counts[c] == 0 ? 1 : indices.length / (double) (present * counts[c]);
        }
        return w;
    }

    /**
     * With {@code classWeights}, gives the network's output layer the weighted version of its loss
     * (DL4J's {@link LossMCXENT} or {@link LossBinaryXENT} with per-class weights).
     */
    public void weighLoss(ComputationGraph net, int[] labels, int[] indices, int classes) {
        if (!classWeights) {
            return;
        }
        INDArray w = Nd4j.create(balancedWeights(labels, indices, classes)).reshape(1, classes).castTo(net.params().dataType());
        for (Layer layer : net.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseOutputLayer out) {
                ILossFunction loss = out.getLossFn();
                if (loss instanceof LossMCXENT) {
                    out.setLossFn(new LossMCXENT(w));
                } else if (loss instanceof LossBinaryXENT) {
                    out.setLossFn(new LossBinaryXENT(w));
                } else {
                    throw new IllegalArgumentException("class weights need a cross-entropy output, not " + loss);
                }
            }
        }
    }

    /** Threshold moving: each row's outputs divided by the class priors, renormalised; {@code outputs} itself when off. */
    public INDArray atPrediction(INDArray outputs, ImageSet train, int classes) {
        if (!priorThresholds) {
            return outputs;
        }
        double[] priors = priors(train.classCounts(classes));
        return Nd4j.create(moveThresholds(outputs.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix(), priors))
                .castTo(outputs.dataType());
    }

    /** Class shares of {@code counts}; a class without images gets the share of one image (so nothing divides by 0). */
    public static double[] priors(int[] counts) {
        double total = 0;
        for (int n : counts) {
            total += Math.max(n, 1);
        }
        double[] priors = new double[counts.length];
        for (int c = 0; c < counts.length; c++) {
            priors[c] = Math.max(counts[c], 1) / total;
        }
        return priors;
    }

    /** p'_c = (p_c / prior_c) / sum_k (p_k / prior_k) for each row. */
    public static double[][] moveThresholds(double[][] p, double[] priors) {
        double[][] out = new double[p.length][];
        for (int x = 0; x < p.length; x++) {
            out[x] = new double[p[x].length];
            double sum = 0;
            for (int c = 0; c < p[x].length; c++) {
                out[x][c] = p[x][c] / priors[c];
                sum += out[x][c];
            }
            for (int c = 0; c < p[x].length; c++) {
                out[x][c] = sum == 0 ? p[x][c] : out[x][c] / sum;
            }
        }
        return out;
    }

    public String describe() {
        if (!active()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        if (resampling != Resampling.NONE) {
            sb.append(resampling.name().toLowerCase(Locale.ROOT)).append(String.format(Locale.ROOT, " to %.3g", level));
        }
        if (classWeights) {
            sb.append(sb.length() == 0 ? "" : ", ").append("class-weighted loss");
        }
        if (priorThresholds) {
            sb.append(sb.length() == 0 ? "" : ", ").append("thresholds moved by class priors");
        }
        return sb.toString();
    }
}
