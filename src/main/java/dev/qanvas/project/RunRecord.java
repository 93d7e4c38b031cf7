package dev.qanvas.project;

import dev.qanvas.nn.training.TrainingSettings;
import java.util.List;

/**
 * A training run kept in the project: when it ran, with which settings, where its files are
 * (metrics, checkpoints, model), and its per-epoch numbers and test accuracy.
 *
 * @param directory the run's output folder (metrics.csv, summary.json, model.zip, checkpoints/)
 */
public record RunRecord(String id, String started, TrainingSettings settings, String directory, String outcome,
                        double testAccuracy, List<Epoch> epochs) {

    public RunRecord {
        epochs = epochs == null ? List.of() : List.copyOf(epochs);
    }

    /** One epoch's numbers (validation values are NaN without a validation split). */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
                        double seconds) {
    }
}
