package dev.qanvas.ui.train;

import java.util.ArrayDeque;
import java.util.Locale;

/**
 * The live run's progress from its batches: the share done, the epoch and batch, and the speed
 * and time left measured over the last ten seconds of training.
 */
final class LiveProgress {

    /** What to show after a batch; {@code speed} is null when it is not measured yet. */
    record Shown(double done, String text, String speed) {
    }

    private final int epochs;
    private final int batchSize;
    private int lastBatches;
    private int totalBatches;
    private final ArrayDeque<long[]> recent = new ArrayDeque<>(); // {nanos, global batch}

    /** {@code batches}: the expected batches per epoch. */
    LiveProgress(int epochs, int batchSize, int batches) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.lastBatches = batches;
        this.totalBatches = epochs * batches;
    }

    /** The pause is not training time. */
    void resumed() {
        recent.clear();
    }

    /** Batch {@code batch} of {@code batches} of epoch {@code epoch} (from 0) ended at {@code nanos}; {@code running}: measure the speed. */
    Shown batch(int epoch, int batch, int batches, double loss, long nanos, boolean running) {
        if (batches != lastBatches) {
            lastBatches = batches;
            totalBatches = epochs * lastBatches;
        }
        long global = (long) epoch * batches + batch + 1;
        recent.addLast(new long[] {nanos, global});
        while (recent.size() > 2 && nanos - recent.peekFirst()[0] > 10_000_000_000L) {
            recent.removeFirst();
        }
        double done = Math.min(1, global / (double) totalBatches);
        String text = String.format(Locale.ROOT, "Epoch %d/%d · batch %,d/%,d", epoch + 1, epochs, batch + 1, batches);
        String speed = null;
        if (running && recent.size() >= 2) {
            long[] first = recent.peekFirst();
            double seconds = (nanos - first[0]) / 1e9;
            double batchesPerSecond = (global - first[1]) / Math.max(seconds, 1e-9);
            if (seconds > 0.2 && batchesPerSecond > 0) {
                double left = (totalBatches - global) / batchesPerSecond;
                speed = String.format(Locale.ROOT, "%s · %,.0f images/s · %s left", String.format(Locale.ROOT, "loss %.4f", loss),
                        batchesPerSecond * batchSize, RunTexts.duration(left));
            }
        }
        return new Shown(done, text, speed);
    }
}
