package dev.qanvas.nn.training;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.data.Splits;
import dev.qanvas.nn.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One training run of a single-input, single-output network on a dataset. Runs on its own
 * thread ({@link #start()}), can be paused, resumed and stopped from any thread, reports through
 * {@link RunEvents}, and writes a checkpoint after every epoch ({@code epoch-N.zip} plus
 * {@code latest.zip}) from which {@link #resumeFrom} continues. A NaN or infinite loss stops the
 * run with a message; the last checkpoint, written after the last good epoch, stays as it was.
 * With adversarial training on ({@link TrainingSettings#adversarial()}), each batch has its share
 * of images replaced by adversarial versions crafted against the weights of that moment
 * ({@link AdversarialExamples}), in the data's {@link #pixelSpace pixel space}.
 */
public final class TrainingRun {

    /** Samples in the fixed probe batch used for the quantum layers' statistics. */
    static final int PROBE_SIZE = 64;

    /** How many times per epoch the quantum layers are probed within the epoch (plus once at its end). */
    public static final int PROBES_PER_EPOCH = 16;

    /**
     * Probes within an epoch are skipped while the time spent probing exceeds this share of the
     * time spent fitting, so a cheap model with an expensive probe does not train at half speed.
     */
    static final double MAX_PROBE_SHARE = 0.15;

    private final ComputationGraph net;
    private final Dataset data;
    private final TrainingSettings settings;
    private final Path checkpoints;
    private final RunEvents events;
    private final boolean images;
    private final int firstEpoch;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition unpaused = lock.newCondition();
    private boolean paused;
    private final java.util.Map<String, int[]> entropyCuts = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean stopRequested;
    private Thread thread;
    private long fitNanos;
    private long probeNanos;
    private long craftNanos;
    private double maxProbeShare = MAX_PROBE_SHARE;
    private double lossSinceProbe;
    private int batchesSinceProbe;
    private PixelSpace pixelSpace = PixelSpace.identity();
    private RunEvents.ValidationScorer validationScorer;

    /**
     * @param images      feed NCHW images (true) or flat feature vectors (false)
     * @param checkpoints folder for checkpoints, or null for none
     */
    public TrainingRun(ComputationGraph net, Dataset data, TrainingSettings settings, boolean images, Path checkpoints,
                       RunEvents events) {
        this(net, data, settings, images, checkpoints, events, 0);
    }

    private TrainingRun(ComputationGraph net, Dataset data, TrainingSettings settings, boolean images, Path checkpoints,
                        RunEvents events, int firstEpoch) {
        this.net = net;
        this.data = data;
        this.settings = settings;
        this.images = images;
        this.checkpoints = checkpoints;
        this.events = events;
        this.firstEpoch = firstEpoch;
    }

    /** The newest checkpoint in a checkpoint folder, always complete (written aside and moved into place). */
    public static final String LATEST_CHECKPOINT = "latest.zip";
    /** The last finished epoch (0-based) of {@link #LATEST_CHECKPOINT}, as ASCII digits. */
    public static final String LATEST_EPOCH = "latest-epoch.txt";

    /** A run that continues from {@code latest.zip} in {@code checkpoints} after the epoch it records. */
    public static TrainingRun resumeFrom(Path checkpoints, Dataset data, TrainingSettings settings, boolean images,
                                         RunEvents events) throws IOException {
        Path latest = checkpoints.resolve(LATEST_CHECKPOINT);
        if (!Files.isRegularFile(latest)) {
            throw new IOException(checkpoints + ": no checkpoint (latest.zip) to resume from");
        }
        ComputationGraph net = ModelFiles.restore(latest, true);
        int done = latestEpoch(checkpoints.resolve(LATEST_EPOCH));
        return new TrainingRun(net, data, settings, images, checkpoints, events, done + 1);
    }

    /** The epoch number in a checkpoint folder's latest-epoch.txt: a few ASCII digits, checked before use. */
    private static int latestEpoch(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) > 16) {
            throw new IOException(file + ": expected the last finished epoch as a number (a few bytes)");
        }
        String text = Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII).trim();
        if (!text.matches("[0-9]{1,6}")) {
            throw new IOException(file + ": expected the last finished epoch as a number, found \"" + text + "\"");
        }
        return Integer.parseInt(text);
    }

    public ComputationGraph network() {
        return net;
    }

    /** Measures the entanglement entropy of quantum layer {@code layer} over these qubits instead of the half/half cut. */
    public TrainingRun entropyCut(String layer, int... qubits) {
        entropyCuts.put(layer, qubits.clone());
        return this;
    }

    /**
     * The pixel space adversarial examples are crafted in: the data's normalisation and pixel
     * range (default: the model reads pixels in [0, 1] as they are).
     */
    public TrainingRun pixelSpace(PixelSpace space) {
        pixelSpace = space;
        return this;
    }

    /** Scores each epoch's validation predictions beyond accuracy (balanced accuracy, macro ROC AUC); none by default. */
    public TrainingRun validationScorer(RunEvents.ValidationScorer scorer) {
        validationScorer = scorer;
        return this;
    }

    /**
     * Sets the share of fitting time that probing may take (default {@link #MAX_PROBE_SHARE});
     * infinity probes on every scheduled batch, so a test does not depend on the machine's speed.
     */
    TrainingRun probeBudget(double share) {
        maxProbeShare = share;
        return this;
    }

    /** Starts the run on a new daemon thread. */
    public synchronized Thread start() {
        if (thread != null) {
            throw new IllegalStateException("this run was already started");
        }
        thread = new Thread(this::run, "qanvas-training");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    public void pause() {
        lock.lock();
        try {
            paused = true;
        } finally {
            lock.unlock();
        }
    }

    public void resume() {
        lock.lock();
        try {
            paused = false;
            unpaused.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isPaused() {
        lock.lock();
        try {
            return paused;
        } finally {
            lock.unlock();
        }
    }

    /** Asks the run to stop after the current batch. */
    public void stop() {
        stopRequested = true;
        resume();
    }

    /** Runs on the calling thread until the run ends. */
    public void run() {
        try {
            dev.qanvas.nn.NumericEngine.sizeThisThread();
            train();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            events.finished(RunEvents.Outcome.STOPPED, "interrupted");
        } catch (Exception e) {
            events.finished(RunEvents.Outcome.FAILED, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private void train() throws Exception {
        ImageSet train = data.train();
        int classes = data.classCount();
        int[] trainIdx = DataArrays.all(train);
        int[] validationIdx = new int[0];
        if (settings.validationSplit() > 0) {
            Splits.TrainTest split = Splits.stratified(train.labels(), settings.validationSplit(), settings.seed());
            trainIdx = split.train();
            validationIdx = split.test();
        }
        trainIdx = settings.imbalance().resample(train.labels(), trainIdx, classes, settings.seed());
        settings.imbalance().weighLoss(net, train.labels(), trainIdx, classes);
        INDArray x = DataArrays.features(train, trainIdx, images);
        INDArray y = DataArrays.labels(train, trainIdx, classes);
        DataSet validation = validationIdx.length == 0 ? null
                : new DataSet(DataArrays.features(train, validationIdx, images), DataArrays.labels(train, validationIdx, classes));
        // A fixed probe batch for the quantum layers' statistics: the same images every epoch.
        int[] probeIdx = java.util.Arrays.copyOf(validationIdx.length > 0 ? validationIdx : trainIdx,
                Math.min(PROBE_SIZE, validationIdx.length > 0 ? validationIdx.length : trainIdx.length));
        INDArray probe = DataArrays.features(train, probeIdx, images);
        double bestValidation = Double.POSITIVE_INFINITY;
        int epochsWithoutImprovement = 0;
        int batches = (trainIdx.length + settings.batchSize() - 1) / settings.batchSize();
        int probeEvery = Math.max(1, (batches + PROBES_PER_EPOCH - 1) / PROBES_PER_EPOCH);
        boolean quantum = hasQuantumLayers();
        AdversarialExamples adversarial = new AdversarialExamples(net, settings.adversarial(), pixelSpace);
        dev.qanvas.quantum.QuantumExecution device = settings.execution().active() ? settings.execution().execution() : null;
        for (int epoch = firstEpoch; epoch < settings.epochs(); epoch++) {
            if (device != null) { // shots seeded per epoch, so a resumed run draws as an uninterrupted one would
                dev.qanvas.nn.layers.LayerExecution.set(net, device.withSeed(epochSeed(settings.execution().seed(), epoch)));
            }
            // PGD's random starts: seeded per epoch, so a resumed run crafts as an uninterrupted one would.
            java.util.Random starts = new java.util.Random(settings.seed() * 131 + epoch);
            long t0 = System.nanoTime();
            INDArray epochX = images && settings.augmentShift() > 0
                    ? DataArrays.shifted(x, settings.augmentShift(), settings.seed() * 31 + epoch) : x;
            // shuffle() permutes in place: a shifted copy is shuffled with a copy of the labels.
            DataSet all = new DataSet(epochX, epochX == x ? y : y.dup());
            all.shuffle(settings.seed() + epoch); // same seed, same order: runs reproduce
            double lossSum = 0;
            int b = 0;
            for (DataSet batch : DataArrays.batches(all, settings.batchSize())) {
                waitIfPaused();
                if (stopRequested) {
                    events.finished(RunEvents.Outcome.STOPPED, stopMessage(epoch, b, batches));
                    return;
                }
                long c0 = System.nanoTime();
                DataSet mixed = adversarial.mix(batch, starts);
                long f0 = System.nanoTime();
                craftNanos += f0 - c0;
                net.fit(mixed);
                fitNanos += System.nanoTime() - f0;
                double loss = net.score();
                if (!Double.isFinite(loss)) {
                    events.finished(RunEvents.Outcome.FAILED, "the loss became " + loss + " at epoch " + (epoch + 1)
                            + ", batch " + (b + 1) + "; the last good checkpoint is kept. Try a lower learning rate.");
                    return;
                }
                lossSum += loss;
                lossSinceProbe += loss;
                batchesSinceProbe++;
                events.batch(epoch, b, batches, loss);
                b++;
                if (quantum && b % probeEvery == 0 && b < batches && probeNanos <= maxProbeShare * fitNanos) {
                    for (QuantumProbe.Stats q : probe(probe, epoch, epoch + (double) b / batches)) {
                        events.quantumStep(q);
                    }
                }
            }
            double trainAccuracy = accuracy(x, y);
            double validationLoss = Double.NaN, validationAccuracy = Double.NaN;
            double[] validationScores = {Double.NaN, Double.NaN};
            if (validation != null) {
                validationLoss = net.score(validation);
                // One forward pass for accuracy and the scorer's metrics.
                INDArray output = net.outputSingle(false, validation.getFeatures());
                validationAccuracy = DataArrays.accuracy(output, validation.getLabels());
                if (validationScorer != null) {
                    validationScores = validationScorer.score(output.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix(),
                            validation.getLabels().argMax(1).toIntVector());
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (QuantumProbe.Stats q : probe(probe, epoch, epoch + 1)) {
                events.quantum(q);
            }
            events.epoch(new RunEvents.EpochStats(epoch, lossSum / Math.max(1, b), trainAccuracy, validationLoss,
                    validationAccuracy, seconds, validationScores[0], validationScores[1]));
            checkpoint(epoch);
            if (settings.patience() > 0 && validation != null) {
                if (validationLoss < bestValidation - 1e-12) {
                    bestValidation = validationLoss;
                    epochsWithoutImprovement = 0;
                } else if (++epochsWithoutImprovement >= settings.patience()) {
                    events.finished(RunEvents.Outcome.EARLY_STOPPED, "validation loss has not improved for "
                            + settings.patience() + " epochs; stopped after epoch " + (epoch + 1));
                    return;
                }
            }
        }
        events.finished(RunEvents.Outcome.COMPLETED, "trained " + settings.epochs() + " epochs");
    }

    /**
     * The shot seed of an epoch when training under shots: seed + 1000 epoch (quantum layer i adds
     * i, so up to 1000 layers never share a stream).
     */
    public static long epochSeed(long seed, int epoch) {
        return seed + 1000L * epoch;
    }

    /** Measures the quantum layers now; each result carries the moment and the mean loss since the last probe. */
    private List<QuantumProbe.Stats> probe(INDArray probe, int epoch, double progress) {
        long t0 = System.nanoTime();
        double recentLoss = batchesSinceProbe == 0 ? Double.NaN : lossSinceProbe / batchesSinceProbe;
        lossSinceProbe = 0;
        batchesSinceProbe = 0;
        // The probe looks at the ideal states; under shots it must not draw from the run's streams (it is skipped by time).
        Runnable restore = dev.qanvas.nn.layers.LayerExecution.idealUntilRestored(net);
        List<QuantumProbe.Stats> out;
        try {
            out = QuantumProbe.measure(net, probe, epoch, entropyCuts).stream().map(q -> q.at(progress, recentLoss)).toList();
        } finally {
            restore.run();
        }
        probeNanos += System.nanoTime() - t0;
        return out;
    }

    private boolean hasQuantumLayers() {
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            var conf = layer.conf().getLayer();
            if (conf instanceof dev.qanvas.nn.layers.QuantumLayer || conf instanceof dev.qanvas.nn.layers.QuanvolutionLayer) {
                return true;
            }
        }
        return false;
    }

    /** Seconds spent fitting batches and probing the quantum layers so far (for measuring the probe's cost). */
    public double[] fitAndProbeSeconds() {
        return new double[] {fitNanos / 1e9, probeNanos / 1e9};
    }

    /** Seconds spent crafting adversarial examples so far (0 without adversarial training). */
    public double adversarialSeconds() {
        return craftNanos / 1e9;
    }

    private double accuracy(INDArray features, INDArray labels) {
        return DataArrays.accuracy(net.outputSingle(false, features), labels);
    }

    private void checkpoint(int epoch) throws IOException {
        if (checkpoints == null) {
            return;
        }
        Files.createDirectories(checkpoints);
        Path file = checkpoints.resolve("epoch-" + (epoch + 1) + ".zip");
        ModelFiles.write(net, file);
        // Written to a temporary name and moved, so latest.zip is never half written.
        Path tmp = checkpoints.resolve(LATEST_CHECKPOINT + ".tmp");
        Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, checkpoints.resolve(LATEST_CHECKPOINT), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(checkpoints.resolve(LATEST_EPOCH), Integer.toString(epoch));
    }

    /**
     * What a stop says, counted as the run list counts: {@code epoch} epochs are complete (the run
     * keeps them), and epoch {@code epoch + 1} had {@code batchesDone} of its {@code batches} batches.
     */
    static String stopMessage(int epoch, int batchesDone, int batches) {
        String complete = epoch == 1 ? "1 epoch complete" : epoch + " epochs complete";
        return batchesDone == 0
                ? "stopped before epoch " + (epoch + 1) + "; " + complete
                : "stopped during epoch " + (epoch + 1) + " after batch " + batchesDone + " of " + batches + "; " + complete;
    }

    private void waitIfPaused() throws InterruptedException {
        lock.lock();
        try {
            while (paused && !stopRequested) {
                unpaused.await();
            }
        } finally {
            lock.unlock();
        }
    }

}
