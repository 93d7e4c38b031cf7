package dev.qanvas.project;

import dev.qanvas.nn.training.QuantumProbe;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.TrainingSettings;
import java.util.List;

/**
 * A training run kept in the project: when it ran, with which settings, where its files are
 * (metrics, checkpoints, model), its per-epoch numbers and test accuracy, and enough of its
 * curves to overlay it on the Train workspace's charts from the project alone: the batch losses
 * (averaged down to at most {@link #MAX_LOSS_POINTS} points) and the quantum layers' statistics
 * as they were measured during training. Files written before these existed read with them empty.
 *
 * @param directory   the run's output folder (metrics.csv, summary.json, model.zip, project.qanvas, checkpoints/)
 * @param batchLosses training loss against time in fractional epochs, oldest first
 * @param quantum     each quantum layer's statistics against time, oldest first
 */
public record RunRecord(String id, String started, TrainingSettings settings, String directory, String outcome,
                        double testAccuracy, List<Epoch> epochs, List<LossPoint> batchLosses, List<QuantumPoint> quantum) {

    /** Batch losses are averaged in buckets down to at most this many points. */
    public static final int MAX_LOSS_POINTS = 2000;

    public RunRecord {
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
        batchLosses = batchLosses == null ? List.of() : List.copyOf(batchLosses);
        quantum = quantum == null ? List.of() : List.copyOf(quantum);
    }

    /** A run without curves (as written before they were recorded). */
    public RunRecord(String id, String started, TrainingSettings settings, String directory, String outcome,
                     double testAccuracy, List<Epoch> epochs) {
        this(id, started, settings, directory, outcome, testAccuracy, epochs, null, null);
    }

    /** One epoch's numbers (1-based epoch; validation values are NaN without a validation split). */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
                        double seconds) {

        public static Epoch of(RunEvents.EpochStats e) {
            return new Epoch(e.epoch() + 1, e.trainLoss(), e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(),
                    e.seconds());
        }
    }

    /** The mean training loss of the batches around time {@code at} (fractional epochs). */
    public record LossPoint(double at, double loss) {
    }

    /**
     * One quantum layer's statistics at time {@code at} (fractional epochs; whole numbers are the
     * ends of epochs); {@code recentLoss} is the mean training loss of the batches since the
     * previous measurement, the loss the entropy is correlated with.
     */
    public record QuantumPoint(double at, String layer, double entropyMean, double entropyStd, double meyerWallachMean,
                               double meyerWallachStd, double gradientVariance, double recentLoss,
                               List<QuantumProbe.Cut> cuts) {
        public QuantumPoint {
            cuts = cuts == null ? List.of() : List.copyOf(cuts);
        }

        public static QuantumPoint of(QuantumProbe.Stats q) {
            return new QuantumPoint(q.progress(), q.layer(), q.entropyMean(), q.entropyStd(), q.meyerWallachMean(),
                    q.meyerWallachStd(), q.gradientVariance(), q.recentLoss(), q.cuts());
        }

        /** Whether this was measured at the end of an epoch. */
        public boolean endOfEpoch() {
            return Math.abs(at - Math.rint(at)) < 1e-9;
        }
    }
}
