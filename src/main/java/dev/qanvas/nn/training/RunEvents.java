package dev.qanvas.nn.training;

/**
 * What a training run reports, on the training thread: whoever shows it (the UI, the terminal)
 * hands it on to its own thread. Every method has an empty default.
 */
public interface RunEvents {

    /** After each batch: its loss. */
    default void batch(int epoch, int batch, int batches, double loss) {
    }

    /** After each epoch. */
    default void epoch(EpochStats stats) {
    }

    /** After each epoch, for each quantum layer: entanglement and gradient statistics on a fixed probe batch. */
    default void quantum(QuantumProbe.Stats stats) {
    }

    /**
     * Within an epoch, every few batches (about {@link TrainingRun#PROBES_PER_EPOCH} times per
     * epoch, fewer when probing would cost more than a bounded share of the training time), for
     * each quantum layer: the same statistics as {@link #quantum}, so charts move during an epoch.
     * {@link QuantumProbe.Stats#progress()} says when (in fractional epochs).
     */
    default void quantumStep(QuantumProbe.Stats stats) {
    }

    /** The run ended: finished all epochs, stopped early, stopped by the user, or failed (message says why). */
    default void finished(Outcome outcome, String message) {
    }

    enum Outcome { COMPLETED, EARLY_STOPPED, STOPPED, FAILED }

    /**
     * One epoch's numbers; validation values are NaN when no validation split is used, and the
     * validation split's balanced accuracy and macro ROC AUC also when the run has no
     * {@link ValidationScorer}.
     */
    record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                      double validationAccuracy, double seconds, double validationBalancedAccuracy,
                      double validationMacroRocAuc) {

        /** Without the per-class validation metrics. */
        public EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double seconds) {
            this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, seconds, Double.NaN, Double.NaN);
        }
    }

    /**
     * Scores an epoch's validation predictions beyond accuracy: {balanced accuracy, macro ROC AUC}
     * of {@code probabilities} (one row per image) against {@code labels}. Given by the caller so the
     * metrics are defined in one place above this package ({@code insight.ClassMetrics}).
     */
    @FunctionalInterface
    interface ValidationScorer {
        double[] score(double[][] probabilities, int[] labels);
    }
}
