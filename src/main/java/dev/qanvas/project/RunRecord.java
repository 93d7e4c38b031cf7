package dev.qanvas.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.training.QuantumProbe;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.TrainingSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
 * @param trained     what was trained: {@link #QUANTUM}, {@link #TWIN} or {@link #CLASSICAL} (null in older files)
 * @param modelDigest a fingerprint of the model's layers and connections, not its layout ({@link #digest}), so
 *                    runs of an edited model can be told apart (null in older files)
 */
public record RunRecord(String id, String started, TrainingSettings settings, String directory, String outcome,
                        double testAccuracy, List<Epoch> epochs, List<LossPoint> batchLosses, List<QuantumPoint> quantum,
                        String trained, String modelDigest) {

    /** A model with a quantum layer. */
    public static final String QUANTUM = "quantum";
    /** The classical twin of a quantum model: its quantum layers swapped for their classical stand-ins. */
    public static final String TWIN = "twin";
    /** A model without quantum layers that is not a twin. */
    public static final String CLASSICAL = "classical";
    /** A kernel model (a project's kernel section, {@link KernelRun}): no network, no model.zip. */
    public static final String KERNEL = "kernel";

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
        this(id, started, settings, directory, outcome, testAccuracy, epochs, null, null, null, null);
    }

    /** This record under another id. */
    public RunRecord withId(String newId) {
        return new RunRecord(newId, started, settings, directory, outcome, testAccuracy, epochs, batchLosses, quantum, trained,
                modelDigest);
    }

    /** {@link #QUANTUM} or {@link #CLASSICAL}, by whether {@code model} has a quantum layer (a twin is told apart by its caller). */
    public static String kindOf(ModelGraph model) {
        return model.nodes().stream().anyMatch(n -> n.spec().isQuantum()) ? QUANTUM : CLASSICAL;
    }

    /** A short fingerprint of the model's layers (names and settings) and connections; moving a box does not change it. */
    public static String digest(ModelGraph model) {
        try {
            ObjectMapper json = ProjectJson.mapper();
            StringBuilder sb = new StringBuilder();
            for (ModelGraph.Node n : model.nodes()) {
                sb.append(n.id()).append('=').append(json.writeValueAsString(n.spec())).append('\n');
            }
            model.edges().forEach(e -> sb.append(e).append('\n'));
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the model", e);
        }
    }

    /**
     * One epoch's numbers (1-based epoch; validation values are NaN without a validation split).
     * The validation split's balanced accuracy and macro ROC AUC are boxed so files written before
     * they were recorded read them as NaN (absent), not 0.
     */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
                        double seconds, Double validationBalancedAccuracy, Double validationMacroRocAuc) {

        public Epoch {
            validationBalancedAccuracy = validationBalancedAccuracy == null ? Double.NaN : validationBalancedAccuracy;
            validationMacroRocAuc = validationMacroRocAuc == null ? Double.NaN : validationMacroRocAuc;
        }

        /** Without the per-class validation metrics (NaN). */
        public Epoch(int epoch, double trainLoss, double trainAccuracy, double validationLoss, double validationAccuracy,
                     double seconds) {
            this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, seconds, Double.NaN, Double.NaN);
        }

        public static Epoch of(RunEvents.EpochStats e) {
            return new Epoch(e.epoch() + 1, e.trainLoss(), e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(),
                    e.seconds(), e.validationBalancedAccuracy(), e.validationMacroRocAuc());
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
