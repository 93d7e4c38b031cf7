package dev.qanvas.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Makes the training split imbalanced on purpose; the test split is never touched. Class k keeps
 * {@code max(1, round(f_k * n_k))} of its n_k training images, chosen without replacement with
 * {@code seed} and kept in their order, where the keep fraction f_k is either listed per class
 * ({@code keep}) or follows a long-tail profile with imbalance ratio rho = {@code ratio} (largest
 * over smallest fraction) over K classes (docs/data-centric.md):
 * <ul>
 *   <li>{@link Profile#EXPONENTIAL}: f_k = rho^(-k / (K - 1)) (Cui et al. 2019);</li>
 *   <li>{@link Profile#STEP}: f_k = 1 for the first ceil(K/2) classes, 1/rho for the other floor(K/2)
 *       (Buda et al. 2018 with half the classes minority).</li>
 * </ul>
 * Exactly one of {@code keep} and {@code ratio} is given; {@code profile} goes with {@code ratio}.
 */
public record ClassImbalance(List<Double> keep, Double ratio, Profile profile, long seed) implements Transform {

    public enum Profile { STEP, EXPONENTIAL }

    /** The largest long-tail ratio: beyond it most classes keep a single image. */
    public static final double MAX_RATIO = 10_000;

    public ClassImbalance {
        if ((keep == null) == (ratio == null)) {
            throw new IllegalArgumentException("class imbalance needs either per-class keep fractions or a long-tail ratio, not "
                    + (keep == null ? "neither" : "both"));
        }
        if (keep != null) {
            if (keep.isEmpty() || keep.size() > Limits.MAX_CLASSES) {
                throw new IllegalArgumentException("class imbalance lists 1.." + Limits.MAX_CLASSES + " keep fractions, not "
                        + keep.size());
            }
            for (int k = 0; k < keep.size(); k++) {
                Double f = keep.get(k);
                if (f == null || !(f > 0 && f <= 1)) {
                    throw new IllegalArgumentException("class " + k + "'s keep fraction must be in (0, 1]: " + f);
                }
            }
            keep = List.copyOf(keep);
            if (profile != null) {
                throw new IllegalArgumentException("a class imbalance profile goes with a long-tail ratio, not with keep fractions");
            }
        } else {
            if (!(ratio >= 1 && ratio <= MAX_RATIO)) {
                throw new IllegalArgumentException("long-tail ratio must be a number from 1 to " + (int) MAX_RATIO + ": " + ratio);
            }
            if (profile == null) {
                throw new IllegalArgumentException("a long-tail ratio needs a profile: STEP or EXPONENTIAL");
            }
        }
    }

    /** Per-class keep fractions. */
    public static ClassImbalance keeping(List<Double> fractions, long seed) {
        return new ClassImbalance(fractions, null, null, seed);
    }

    /** A long tail of {@code ratio} with {@code profile}. */
    public static ClassImbalance longTail(double ratio, Profile profile, long seed) {
        return new ClassImbalance(null, ratio, profile, seed);
    }

    /** f_k for each of {@code classCount} classes. */
    public double[] fractions(int classCount) {
        double[] f = new double[classCount];
        if (keep != null) {
            if (keep.size() != classCount) {
                throw new IllegalArgumentException("class imbalance lists " + keep.size() + " keep fractions but the dataset has "
                        + classCount + " classes");
            }
            for (int k = 0; k < classCount; k++) {
                f[k] = keep.get(k);
            }
            return f;
        }
        int majority = (classCount + 1) / 2;
        for (int k = 0; k < classCount; k++) {
            f[k] = switch (profile) {
                case EXPONENTIAL -> classCount == 1 ? 1 : Math.pow(ratio, -(double) k / (classCount - 1));
                case STEP -> k < majority ? 1 : 1 / ratio;
            };
        }
        return f;
    }

    /** How many training images each class keeps out of {@code counts} (0 stays 0). */
    public int[] keptCounts(int[] counts) {
        double[] f = fractions(counts.length);
        int[] out = new int[counts.length];
        for (int k = 0; k < counts.length; k++) {
            out[k] = counts[k] == 0 ? 0 : (int) Math.max(1, Math.round(f[k] * counts[k]));
        }
        return out;
    }

    /** The training indices kept, ascending. */
    public int[] keptIndices(ImageSet train, int classCount) {
        int[] kept = keptCounts(train.classCounts(classCount));
        Random random = new Random(seed);
        List<int[]> chosen = new ArrayList<>();
        for (int k = 0; k < classCount; k++) {
            chosen.add(Splits.choose(train.indicesOf(k), kept[k], random));
        }
        return chosen.stream().flatMapToInt(java.util.Arrays::stream).sorted().toArray();
    }

    /**
     * The training images per class that {@code chain}'s class imbalance keeps on {@code raw} (the
     * steps before it applied first; labels as they are there), or empty without one.
     */
    public static java.util.Optional<int[]> keptCounts(Dataset raw, TransformChain chain) {
        Dataset stage = raw;
        for (Transform step : chain.steps()) {
            if (step instanceof ClassImbalance imbalance) {
                return java.util.Optional.of(imbalance.keptCounts(stage.train().classCounts(stage.classCount())));
            }
            stage = step.apply(stage);
        }
        return java.util.Optional.empty();
    }

    @Override
    public Dataset apply(Dataset d) {
        return d.withSplits(d.classNames(), d.train().select(keptIndices(d.train(), d.classCount())), d.test());
    }

    @Override
    public String describe() {
        if (keep != null) {
            StringBuilder sb = new StringBuilder();
            for (double f : keep) {
                sb.append(sb.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3g", f));
            }
            return "Class imbalance: keep " + sb + " (seed " + seed + ")";
        }
        String r = new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", ratio)).stripTrailingZeros().toPlainString();
        return "Class imbalance: " + (profile == Profile.STEP ? "step" : "exponential") + " long tail, ratio " + r + " (seed " + seed + ")";
    }
}
