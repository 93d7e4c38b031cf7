package dev.qanvas.insight;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

/**
 * A model's predictions on a labelled split: class probabilities per image, the predicted class
 * (the most probable; ties to the lower class, as ND4J's argMax), the confusion matrix and the
 * misclassified images. An immutable value.
 *
 * @param classNames    one name per class
 * @param labels        the true class of each image
 * @param probabilities per image, the model's output (softmax probabilities, or sigmoid outputs)
 */
public record Predictions(List<String> classNames, int[] labels, double[][] probabilities) {

    /** How the misclassified list is ordered by the model's confidence in its (wrong) prediction. */
    public enum Order { MOST_CONFIDENT_FIRST, LEAST_CONFIDENT_FIRST }

    /**
     * One wrongly classified image.
     *
     * @param index      the image's index in the split
     * @param confidence the model's output for the predicted class
     */
    public record Misclassification(int index, int trueClass, int predicted, double confidence) {
    }

    public Predictions {
        classNames = List.copyOf(classNames);
        if (labels.length != probabilities.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + probabilities.length + " predictions");
        }
        labels = labels.clone();
        probabilities = probabilities.clone();
    }

    public int size() {
        return labels.length;
    }

    public int classCount() {
        return classNames.size();
    }

    public int label(int i) {
        return labels[i];
    }

    /** A copy of image {@code i}'s outputs. */
    public double[] probabilities(int i) {
        return probabilities[i].clone();
    }

    public int predicted(int i) {
        return argMax(probabilities[i]);
    }

    /** The output for the predicted class. */
    public double confidence(int i) {
        return probabilities[i][predicted(i)];
    }

    /** Index of the largest value, the lowest index among ties. */
    public static int argMax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }

    /** counts[true][predicted]. */
    public int[][] confusion() {
        int[][] m = new int[classCount()][classCount()];
        for (int i = 0; i < size(); i++) {
            m[labels[i]][predicted(i)]++;
        }
        return m;
    }

    /** Share of images whose predicted class is the true one. */
    public double accuracy() {
        int right = 0;
        for (int i = 0; i < size(); i++) {
            right += predicted(i) == labels[i] ? 1 : 0;
        }
        return size() == 0 ? Double.NaN : (double) right / size();
    }

    /** Indices of the images of one confusion-matrix cell, in split order. */
    public int[] cell(int trueClass, int predictedClass) {
        return java.util.stream.IntStream.range(0, size())
                .filter(i -> labels[i] == trueClass && predicted(i) == predictedClass).toArray();
    }

    /** The images of one cell as entries of the gallery (for a diagonal cell they are correct, not misclassified). */
    public List<Misclassification> cellEntries(int trueClass, int predictedClass, Order order) {
        List<Misclassification> out = new ArrayList<>();
        for (int i : cell(trueClass, predictedClass)) {
            out.add(new Misclassification(i, trueClass, predictedClass, confidence(i)));
        }
        out.sort(comparator(order));
        return out;
    }

    /**
     * Every misclassified image, sorted by confidence (ties in split order), optionally only
     * those whose true class is {@code trueClass}.
     */
    public List<Misclassification> misclassified(Order order, OptionalInt trueClass) {
        List<Misclassification> out = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            int p = predicted(i);
            if (p != labels[i] && (trueClass.isEmpty() || labels[i] == trueClass.getAsInt())) {
                out.add(new Misclassification(i, labels[i], p, probabilities[i][p]));
            }
        }
        out.sort(comparator(order));
        return out;
    }

    private static Comparator<Misclassification> comparator(Order order) {
        Comparator<Misclassification> byConfidence = Comparator.comparingDouble(Misclassification::confidence);
        if (order == Order.MOST_CONFIDENT_FIRST) {
            byConfidence = byConfidence.reversed();
        }
        return byConfidence.thenComparingInt(Misclassification::index);
    }
}
