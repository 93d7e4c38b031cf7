package dev.qanvas.insight;

import dev.qanvas.nn.training.PixelSpace;
import dev.qanvas.nn.training.SignedSteps;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Adversarial attacks on a trained model (L-infinity): FGSM (Goodfellow et al. 2015) and PGD
 * (Madry et al. 2018), on the model's own <b>cross-entropy</b> loss (softmax with multi-class
 * cross-entropy, or sigmoid with binary cross-entropy), differentiated with respect to the input
 * through every layer, quantum ones included, by {@link InputGradients} (adjoint
 * differentiation inside quantum layers, not finite differences).
 *
 * <p>Attacks work in <b>pixel units</b>: the image at the model's input size <i>before</i> the
 * project's normalisation ({@link PixelSpace}), so epsilon 0.1 means a tenth of the pixel range
 * whatever the Normalise step does. Adversarial images are clipped to the valid pixel range. The
 * steps and projections are {@link SignedSteps}, which adversarial training uses too.
 *
 * <p>PGD takes {@code steps} signed-gradient steps of size {@code alpha}, each projected back
 * onto the epsilon ball and the pixel range, from a uniform random start in the ball (seeded).
 * Per image it keeps the worst case it met: the first candidate the model misclassifies, else the
 * one of highest loss, among FGSM's single step and every PGD iterate. So PGD is never weaker
 * than FGSM on the same images, by construction, as in attacks that keep the best of restarts.
 * Epsilon 0 leaves every image as it is. Not thread-safe: one thread at a time.
 */
public final class Attacks {

    public enum Method {
        FGSM("FGSM"),
        PGD("PGD");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** "fgsm" or "pgd", any case. */
        public static Method parse(String text) {
            for (Method m : values()) {
                if (m.name().equalsIgnoreCase(text.trim())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown attack '" + text + "': use fgsm or pgd");
        }
    }

    /**
     * PGD's settings.
     *
     * @param steps       signed-gradient steps
     * @param stepScale   step size alpha = stepScale * epsilon / steps (Madry et al. use 2.5)
     * @param randomStart start from a uniform random point of the epsilon ball
     * @param seed        seed of the random start
     */
    public record Settings(int steps, double stepScale, boolean randomStart, long seed) {
        public Settings {
            if (steps < 1 || steps > 1000) {
                throw new IllegalArgumentException("PGD needs 1 to 1000 steps, not " + steps);
            }
            if (!(stepScale > 0) || stepScale > 100) {
                throw new IllegalArgumentException("PGD's step scale must be in (0, 100], not " + stepScale);
            }
        }

        public static Settings defaults() {
            return new Settings(10, 2.5, true, 1);
        }

        public Settings withSteps(int n) {
            return new Settings(n, stepScale, randomStart, seed);
        }

        public double stepSize(double epsilon) {
            return stepScale * epsilon / steps;
        }
    }

    /** Told how far a long computation has come. */
    @FunctionalInterface
    public interface Progress {
        void done(int steps, int total);

        Progress NONE = (steps, total) -> { };
    }

    /**
     * Robust accuracy against epsilon for one attack on one model.
     *
     * @param method     the attack
     * @param craftedOn  null for a white-box attack; else what the adversarial images were crafted on (a transfer attack)
     * @param epsilons   in pixel units, ascending as given
     * @param accuracy   accuracy on the adversarial images, one per epsilon
     * @param clean      accuracy on the same images unattacked
     * @param images     how many test images
     */
    public record Curve(Method method, String craftedOn, double[] epsilons, double[] accuracy, double clean, int images) {
        /** The robust accuracy at {@code eps}, or NaN if it was not measured. */
        public double at(double eps) {
            for (int i = 0; i < epsilons.length; i++) {
                if (Math.abs(epsilons[i] - eps) < 1e-12) {
                    return accuracy[i];
                }
            }
            return Double.NaN;
        }

        /** "PGD" or "PGD, transferred from run-2". */
        public String label() {
            return craftedOn == null ? method.label() : method.label() + ", transferred from " + craftedOn;
        }
    }

    /** Images attacked per batch: the granularity of progress and cancel. */
    private static final int BATCH = 64;

    private final InputGradients model;
    private final PixelSpace space;

    /**
     * @param trained    the trained network (left untouched; attacks run on a double-precision copy)
     * @param inputShape one input without the batch axis: {C, H, W} or {F}
     */
    public Attacks(ComputationGraph trained, long[] inputShape, PixelSpace space) {
        this.model = new InputGradients(trained, inputShape, out -> { });
        this.space = space;
    }

    /** Attacks on an inspected model, in its data's pixel space. */
    public static Attacks of(InspectedModel inspected) {
        return new Attacks(inspected.network(), inspected.inputShape(), pixelSpace(inspected));
    }

    /** The pixel space of an inspected model's data ({@link InputPipeline#pixelSpace}). */
    public static PixelSpace pixelSpace(InspectedModel inspected) {
        return inspected.pipeline().pixelSpace(inspected.raw().train());
    }

    public PixelSpace space() {
        return space;
    }

    public int inputSize() {
        return model.inputSize();
    }

    public int classCount() {
        return model.classes();
    }

    /** Whether the model has batch normalisation, whose gradients are approximate (a weaker attack, not a wrong accuracy). */
    public boolean hasBatchNorm() {
        return model.hasBatchNorm();
    }

    /** Class probabilities (the model's output, inference mode) for images in pixel units. */
    public double[][] probabilities(double[][] pixels) {
        return model.outputs(space.toModel(pixels));
    }

    /** The predicted class of each image in pixel units. */
    public int[] predict(double[][] pixels) {
        double[][] p = probabilities(pixels);
        int[] out = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Predictions.argMax(p[i]);
        }
        return out;
    }

    /** Each image's cross-entropy loss towards its label. */
    public double[] losses(double[][] pixels, int[] labels) {
        return lossesOf(probabilities(pixels), labels);
    }

    private double[] lossesOf(double[][] p, int[] labels) {
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            if (model.softmaxOutput()) {
                out[i] = -Math.log(Math.max(p[i][labels[i]], 1e-300));
            } else {
                for (int j = 0; j < p[i].length; j++) {
                    double q = j == labels[i] ? p[i][j] : 1 - p[i][j];
                    out[i] -= Math.log(Math.max(q, 1e-300));
                }
            }
        }
        return out;
    }

    /** d loss_i / d pixels_i: the model input's gradient times the normalisation's scale. */
    public double[][] pixelGradients(double[][] pixels, int[] labels) {
        double[][] g = model.gradients(space.toModel(pixels), labels);
        for (double[] row : g) {
            for (int k = 0; k < row.length; k++) {
                row[k] *= space.scale();
            }
        }
        return g;
    }

    /** FGSM: one step of epsilon along the sign of the loss gradient, clipped to the pixel range. */
    public double[][] fgsm(double[][] pixels, int[] labels, double eps) {
        checkEpsilon(eps);
        if (eps == 0) {
            return copy(pixels);
        }
        double[][] g = pixelGradients(pixels, labels);
        double[][] out = new double[pixels.length][];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = SignedSteps.fgsm(pixels[i], g[i], eps, space);
        }
        return out;
    }

    /** PGD as the class comment says; never weaker than {@link #fgsm} on the same images. */
    public double[][] pgd(double[][] pixels, int[] labels, double eps, Settings settings) {
        checkEpsilon(eps);
        if (eps == 0) {
            return copy(pixels);
        }
        int n = pixels.length;
        double[][] best = fgsm(pixels, labels, eps);
        double[][] bestP = probabilities(best);
        double[] bestLoss = lossesOf(bestP, labels);
        boolean[] fooled = new boolean[n];
        for (int i = 0; i < n; i++) {
            fooled[i] = Predictions.argMax(bestP[i]) != labels[i];
        }
        Random random = settings.randomStart() ? new Random(settings.seed()) : null;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = SignedSteps.start(pixels[i], eps, random, space);
        }
        double alpha = settings.stepSize(eps);
        for (int step = 0; step < settings.steps(); step++) {
            checkCancelled(); // a step of a large model can take seconds: cancel between steps, not only batches
            double[][] g = pixelGradients(x, labels);
            for (int i = 0; i < n; i++) {
                SignedSteps.pgdStep(x[i], pixels[i], g[i], alpha, eps, space);
            }
            double[][] p = probabilities(x);
            double[] loss = lossesOf(p, labels);
            for (int i = 0; i < n; i++) {
                if (fooled[i]) {
                    continue;
                }
                boolean wrong = Predictions.argMax(p[i]) != labels[i];
                if (wrong || loss[i] > bestLoss[i]) {
                    best[i] = x[i].clone();
                    bestLoss[i] = loss[i];
                    fooled[i] = wrong;
                }
            }
        }
        return best;
    }

    /** The adversarial images of {@code method}. */
    public double[][] craft(Method method, double[][] pixels, int[] labels, double eps, Settings settings) {
        return method == Method.FGSM ? fgsm(pixels, labels, eps) : pgd(pixels, labels, eps, settings);
    }

    /**
     * Robust accuracy of {@code target} at each epsilon, on adversarial images crafted by
     * {@code method} on {@code crafter}: the target itself for a white-box attack, another model
     * (for example the classical twin) for a transfer attack. Checks the thread's interrupt flag
     * between batches and throws {@link CancellationException} when it is set.
     *
     * @param craftedOn null for a white-box attack, else a name for the crafting model
     */
    public static Curve curve(Attacks crafter, Attacks target, String craftedOn, Method method, Settings settings,
                              double[] epsilons, double[][] pixels, int[] labels, Progress progress) {
        if (crafter.inputSize() != target.inputSize() || crafter.classCount() != target.classCount()) {
            throw new IllegalArgumentException("the two models read different inputs or classes ("
                    + crafter.inputSize() + " values, " + crafter.classCount() + " classes against "
                    + target.inputSize() + ", " + target.classCount() + "): a transfer attack needs the same data");
        }
        for (double eps : epsilons) {
            checkEpsilon(eps);
        }
        int n = pixels.length;
        int batches = (n + BATCH - 1) / BATCH;
        int total = batches * (epsilons.length + 1);
        int done = 0;
        int clean = 0;
        for (int start = 0; start < n; start += BATCH) {
            checkCancelled();
            int[] p = target.predict(Arrays.copyOfRange(pixels, start, Math.min(n, start + BATCH)));
            for (int i = 0; i < p.length; i++) {
                clean += p[i] == labels[start + i] ? 1 : 0;
            }
            progress.done(++done, total);
        }
        double[] accuracy = new double[epsilons.length];
        for (int e = 0; e < epsilons.length; e++) {
            int right = 0;
            for (int start = 0; start < n; start += BATCH) {
                checkCancelled();
                int end = Math.min(n, start + BATCH);
                double[][] x = Arrays.copyOfRange(pixels, start, end);
                int[] y = Arrays.copyOfRange(labels, start, end);
                int[] p = target.predict(crafter.craft(method, x, y, epsilons[e], settings));
                for (int i = 0; i < p.length; i++) {
                    right += p[i] == y[i] ? 1 : 0;
                }
                progress.done(++done, total);
            }
            accuracy[e] = n == 0 ? Double.NaN : (double) right / n;
        }
        return new Curve(method, craftedOn, epsilons.clone(), accuracy, n == 0 ? Double.NaN : (double) clean / n, n);
    }

    /** A white-box curve: the attack crafted on this model. */
    public Curve curve(Method method, Settings settings, double[] epsilons, double[][] pixels, int[] labels, Progress progress) {
        return curve(this, this, null, method, settings, epsilons, pixels, labels, progress);
    }

    /**
     * Up to {@code max} test images of {@code model} in pixel units, with their labels: a seeded
     * random sample in test-split order (all of them when the split is no larger).
     */
    public static Sample testSample(InspectedModel model, PixelSpace space, int max, long seed) {
        int size = model.data().test().size();
        int[] picked = pick(size, max, seed);
        double[][] pixels = new double[picked.length][];
        int[] labels = new int[picked.length];
        for (int start = 0; start < picked.length; start += 256) {
            int[] idx = Arrays.copyOfRange(picked, start, Math.min(picked.length, start + 256));
            double[][] rows = model.testInputs(idx).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                    .reshape(idx.length, -1).toDoubleMatrix();
            for (int k = 0; k < idx.length; k++) {
                pixels[start + k] = space.toPixels(rows[k]);
                labels[start + k] = model.data().test().label(idx[k]);
            }
        }
        return new Sample(picked, pixels, labels);
    }

    /** Test images in pixel units: their indices in the test split, values and labels. */
    public record Sample(int[] indices, double[][] pixels, int[] labels) {
        public int size() {
            return indices.length;
        }
    }

    /** Epsilons as "0,0.05,0.1": ascending, each in [0, 1]. */
    public static double[] parseEpsilons(String text) {
        String[] parts = text.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("epsilon '" + parts[i].trim() + "' is not a number");
            }
            checkEpsilon(out[i]);
        }
        return out;
    }

    /** An epsilon as JSON keys and labels show it: "0.1", "0.05", "0". */
    public static String format(double eps) {
        String s = String.format(Locale.ROOT, "%.6f", eps).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static int[] pick(int size, int max, long seed) {
        int[] all = new int[size];
        for (int i = 0; i < size; i++) {
            all[i] = i;
        }
        if (size <= max) {
            return all;
        }
        Random random = new Random(seed);
        for (int i = 0; i < max; i++) {
            int j = i + random.nextInt(size - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] out = Arrays.copyOf(all, max);
        Arrays.sort(out);
        return out;
    }

    private static void checkEpsilon(double eps) {
        if (!(eps >= 0 && eps <= 1)) {
            throw new IllegalArgumentException("epsilon must be in [0, 1] pixel units, not " + eps);
        }
    }

    /** Throws {@link CancellationException} if the thread was interrupted: how long attack work is cancelled. */
    public static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("attack cancelled");
        }
    }


    private static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }
}
