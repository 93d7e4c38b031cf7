package dev.qanvas.nn.training;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;

/**
 * How a model is trained: optimiser, learning rate, batch size, epochs, seed, the share of the
 * training split held out for validation, and early stopping (stop after {@code patience} epochs
 * without a better validation loss; 0 turns it off), and augmentation: each epoch every training
 * image is moved by a random whole-pixel shift of up to {@code augmentShift} pixels in x and y (0
 * turns it off; images only), which helps most when the training set is small; and adversarial
 * training ({@link AdversarialTraining}); and remedies for class imbalance ({@link ImbalanceRemedy}); and
 * how the quantum layers run while training: ideal, or under noise and/or shots ({@link TrainingExecution}); and
 * optionally the run whose weights it starts from ({@link InitFromRun}; null: fresh weights).
 */
public record TrainingSettings(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed,
                               double validationSplit, int patience, Integer augmentShift, AdversarialTraining adversarial,
                               ImbalanceRemedy imbalance, TrainingExecution execution,
                               @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                               InitFromRun initFrom) {

    public enum Optimizer { ADAM, SGD_MOMENTUM, RMSPROP }

    public TrainingSettings {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number: " + learningRate);
        }
        if (batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("batch size and epochs must be at least 1");
        }
        if (validationSplit < 0 || validationSplit >= 1) {
            throw new IllegalArgumentException("validation split must be in [0, 1): " + validationSplit);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0");
        }
        augmentShift = augmentShift == null ? 0 : augmentShift; // absent in files written before it existed
        if (augmentShift < 0 || augmentShift > 8) {
            throw new IllegalArgumentException("augmentation shift must be 0..8 pixels: " + augmentShift);
        }
        adversarial = adversarial == null ? AdversarialTraining.none() : adversarial; // absent in older files
        imbalance = imbalance == null ? ImbalanceRemedy.none() : imbalance; // absent in older files
        execution = execution == null ? TrainingExecution.ideal() : execution; // absent in older files
    }

    /** With ideal quantum layers, from fresh weights. */
    public TrainingSettings(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed,
                            double validationSplit, int patience, Integer augmentShift, AdversarialTraining adversarial,
                            ImbalanceRemedy imbalance) {
        this(optimizer, learningRate, batchSize, epochs, seed, validationSplit, patience, augmentShift, adversarial, imbalance, null, null);
    }

    /** From fresh weights (not initialised from a run). */
    public TrainingSettings(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed,
                            double validationSplit, int patience, Integer augmentShift, AdversarialTraining adversarial,
                            ImbalanceRemedy imbalance, TrainingExecution execution) {
        this(optimizer, learningRate, batchSize, epochs, seed, validationSplit, patience, augmentShift, adversarial, imbalance, execution, null);
    }

    /** With ideal quantum layers. */
    public TrainingSettings(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed,
                            double validationSplit, int patience, Integer augmentShift, AdversarialTraining adversarial,
                            ImbalanceRemedy imbalance, InitFromRun initFrom) {
        this(optimizer, learningRate, batchSize, epochs, seed, validationSplit, patience, augmentShift, adversarial, imbalance, null, initFrom);
    }

    /** Without imbalance remedies. */
    public TrainingSettings(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed,
                            double validationSplit, int patience, Integer augmentShift, AdversarialTraining adversarial) {
        this(optimizer, learningRate, batchSize, epochs, seed, validationSplit, patience, augmentShift, adversarial, null);
    }

    /** Without adversarial training. */
    public TrainingSettings(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed,
                            double validationSplit, int patience, Integer augmentShift) {
        this(optimizer, learningRate, batchSize, epochs, seed, validationSplit, patience, augmentShift, null);
    }

    /** Without augmentation. */
    public TrainingSettings(Optimizer optimizer, double learningRate, int batchSize, int epochs, long seed,
                            double validationSplit, int patience) {
        this(optimizer, learningRate, batchSize, epochs, seed, validationSplit, patience, 0);
    }

    public static TrainingSettings defaults() {
        return new TrainingSettings(Optimizer.ADAM, 1e-3, 32, 5, 42, 0.1, 0);
    }

    public TrainingSettings withEpochs(int n) {
        return new TrainingSettings(optimizer, learningRate, batchSize, n, seed, validationSplit, patience, augmentShift, adversarial, imbalance, execution, initFrom);
    }

    public TrainingSettings withLearningRate(double rate) {
        return new TrainingSettings(optimizer, rate, batchSize, epochs, seed, validationSplit, patience, augmentShift, adversarial, imbalance, execution, initFrom);
    }

    public TrainingSettings withBatchSize(int size) {
        return new TrainingSettings(optimizer, learningRate, size, epochs, seed, validationSplit, patience, augmentShift, adversarial, imbalance, execution, initFrom);
    }

    public TrainingSettings withOptimizer(Optimizer o) {
        return new TrainingSettings(o, learningRate, batchSize, epochs, seed, validationSplit, patience, augmentShift, adversarial, imbalance, execution, initFrom);
    }

    public TrainingSettings withSeed(long s) {
        return new TrainingSettings(optimizer, learningRate, batchSize, epochs, s, validationSplit, patience, augmentShift, adversarial, imbalance, execution, initFrom);
    }

    public TrainingSettings withAdversarial(AdversarialTraining a) {
        return new TrainingSettings(optimizer, learningRate, batchSize, epochs, seed, validationSplit, patience, augmentShift, a, imbalance, execution, initFrom);
    }

    public TrainingSettings withImbalance(ImbalanceRemedy remedy) {
        return new TrainingSettings(optimizer, learningRate, batchSize, epochs, seed, validationSplit, patience, augmentShift, adversarial, remedy, execution, initFrom);
    }

    public TrainingSettings withExecution(TrainingExecution e) {
        return new TrainingSettings(optimizer, learningRate, batchSize, epochs, seed, validationSplit, patience, augmentShift, adversarial, imbalance, e, initFrom);
    }

    /** These settings starting from {@code run}'s weights (null: fresh weights). */
    public TrainingSettings withInitFrom(InitFromRun run) {
        return new TrainingSettings(optimizer, learningRate, batchSize, epochs, seed, validationSplit, patience, augmentShift, adversarial, imbalance, execution, run);
    }

    /** The DL4J updater for these settings. */
    public IUpdater updater() {
        return switch (optimizer) {
            case ADAM -> new Adam(learningRate);
            case SGD_MOMENTUM -> new Nesterovs(learningRate, 0.9);
            case RMSPROP -> new RmsProp(learningRate);
        };
    }
}
