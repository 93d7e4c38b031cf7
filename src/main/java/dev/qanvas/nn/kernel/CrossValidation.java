package dev.qanvas.nn.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Stratified k-fold cross-validation on the training split, then a held-out test: the learner is
 * refitted on the whole training split and scored once on the test split. The pool is the
 * training split (points 0 .. trainCount-1) followed by the test split (the rest); the test split
 * never takes part in a fold.
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /** One fold: how many points it trained on and held out, its accuracy and the fit + predict time. */
    public record Fold(int fold, int trainCount, int validationCount, double accuracy, double seconds) {
    }

    /**
     * What a run measured.
     *
     * @param meanAccuracy    mean of the fold accuracies
     * @param stdAccuracy     their sample standard deviation (n - 1 in the denominator)
     * @param cvSeconds       wall time of all folds
     * @param testAccuracy    accuracy on the test split of the model refitted on the whole training
     *                        split (NaN when the pool has no test points)
     * @param refitSeconds    wall time of that refit and the test predictions
     * @param testPredictions predicted class of each test point, in pool order
     */
    public record Report(String learner, int folds, long seed, List<Fold> perFold, double meanAccuracy, double stdAccuracy,
                         double cvSeconds, double testAccuracy, double refitSeconds, int[] testPredictions) {

        /** "0.912 ± 0.021 (5 folds), test 0.905". */
        public String summary() {
            return String.format("%.3f ± %.3f (%d folds), test %.3f", meanAccuracy, stdAccuracy, folds, testAccuracy);
        }
    }

    /**
     * Runs {@code folds}-fold stratified cross-validation (folds from {@code seed}) of
     * {@code learner} on pool points 0 .. trainCount-1, then refits on all of them and scores
     * pool points trainCount .. labels.length-1.
     *
     * @param labels the label of every pool point (training split, then test split)
     */
    public static Report run(Learner learner, int[] labels, int trainCount, int folds, long seed) {
        return run(learner, labels, trainCount, folds, seed, fold -> { });
    }

    /** As {@link #run(Learner, int[], int, int, long)}, telling {@code onFold} each fold as it finishes. */
    public static Report run(Learner learner, int[] labels, int trainCount, int folds, long seed,
                             java.util.function.Consumer<Fold> onFold) {
        if (trainCount < 1 || trainCount > labels.length) {
            throw new IllegalArgumentException("training split of " + trainCount + " in a pool of " + labels.length);
        }
        int[] trainLabels = java.util.Arrays.copyOf(labels, trainCount);
        StratifiedFolds split = StratifiedFolds.of(trainLabels, folds, seed);
        List<Fold> perFold = new ArrayList<>();
        long cvStart = System.nanoTime();
        for (int f = 0; f < folds; f++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("cross-validation stopped at fold " + (f + 1));
            }
            long start = System.nanoTime();
            int[] train = split.training(f);
            int[] held = split.validation(f);
            int[] predicted = learner.fit(train).predict(held);
            Fold done = new Fold(f, train.length, held.length, accuracy(predicted, labels, held), seconds(start));
            perFold.add(done);
            onFold.accept(done);
        }
        double cvSeconds = seconds(cvStart);
        double mean = perFold.stream().mapToDouble(Fold::accuracy).average().orElse(Double.NaN);
        double sq = perFold.stream().mapToDouble(r -> (r.accuracy() - mean) * (r.accuracy() - mean)).sum();
        double std = Math.sqrt(sq / (folds - 1));

        long refitStart = System.nanoTime();
        int[] test = range(trainCount, labels.length);
        int[] testPredictions = test.length == 0 ? new int[0] : learner.fit(range(0, trainCount)).predict(test);
        double refitSeconds = seconds(refitStart);
        double testAccuracy = test.length == 0 ? Double.NaN : accuracy(testPredictions, labels, test);
        return new Report(learner.name(), folds, seed, List.copyOf(perFold), mean, std, cvSeconds, testAccuracy, refitSeconds,
                testPredictions);
    }

    /** Share of {@code points} whose prediction (same order) equals its label. */
    public static double accuracy(int[] predicted, int[] labels, int[] points) {
        int right = 0;
        for (int k = 0; k < points.length; k++) {
            if (predicted[k] == labels[points[k]]) {
                right++;
            }
        }
        return points.length == 0 ? Double.NaN : (double) right / points.length;
    }

    static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
