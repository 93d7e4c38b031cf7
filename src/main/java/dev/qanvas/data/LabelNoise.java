package dev.qanvas.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Flips training labels on purpose, as the label-noise studies do (docs/data-centric.md). The test
 * split is never touched. Exactly {@code round(rate * n)} labels change, chosen without
 * replacement with {@code seed}:
 * <ul>
 *   <li>{@link Kind#SYMMETRIC}: n is the training split's size; each chosen label moves to one of
 *       the other classes, uniformly.</li>
 *   <li>{@link Kind#ASYMMETRIC}: for each source class i of {@code pairs} (ascending), n is the
 *       count of class i; the chosen labels become {@code pairs.get(i)}.</li>
 * </ul>
 * {@link #inject} gives the flipped indices with their true labels, the ground truth that
 * {@code qanvas label-issues} scores its flags against.
 *
 * @param pairs source class to target class ({@link Kind#ASYMMETRIC} only; empty for symmetric)
 */
public record LabelNoise(Kind kind, double rate, Map<Integer, Integer> pairs, long seed) implements Transform {

    public enum Kind { SYMMETRIC, ASYMMETRIC }

    public LabelNoise {
        if (kind == null) {
            throw new IllegalArgumentException("label noise needs a kind: SYMMETRIC or ASYMMETRIC");
        }
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("label noise rate must be a number from 0 to 1: " + rate);
        }
        pairs = pairs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(pairs)); // ascending: seeded draws in a fixed order
        for (Map.Entry<Integer, Integer> e : pairs.entrySet()) {
            Integer from = e.getKey();
            Integer to = e.getValue();
            if (from == null || to == null || from < 0 || to < 0 || from >= Limits.MAX_CLASSES || to >= Limits.MAX_CLASSES) {
                throw new IllegalArgumentException("label noise pairs name classes 0.." + (Limits.MAX_CLASSES - 1)
                        + ": " + from + " -> " + to);
            }
            if (from.equals(to)) {
                throw new IllegalArgumentException("label noise pair " + from + " -> " + to + " would change nothing");
            }
        }
        if (kind == Kind.ASYMMETRIC && pairs.isEmpty()) {
            throw new IllegalArgumentException("asymmetric label noise needs class pairs (source -> target)");
        }
        if (kind == Kind.SYMMETRIC && !pairs.isEmpty()) {
            throw new IllegalArgumentException("symmetric label noise takes no class pairs (it moves to any other class)");
        }
    }

    /** Symmetric noise at {@code rate}. */
    public static LabelNoise symmetric(double rate, long seed) {
        return new LabelNoise(Kind.SYMMETRIC, rate, Map.of(), seed);
    }

    /** Asymmetric noise at {@code rate} along {@code pairs}. */
    public static LabelNoise asymmetric(double rate, Map<Integer, Integer> pairs, long seed) {
        return new LabelNoise(Kind.ASYMMETRIC, rate, pairs, seed);
    }

    /**
     * What the noise does to {@code train}'s labels.
     *
     * @param labels    the new labels of every training image
     * @param flipped   the indices whose label changed, ascending
     * @param trueLabels the label each of {@code flipped} had before
     */
    public record Injected(int[] labels, int[] flipped, int[] trueLabels) {
        public int changed() {
            return flipped.length;
        }
    }

    /** The noisy labels of {@code train} (a dataset of {@code classCount} classes) and the ground truth. */
    public Injected inject(ImageSet train, int classCount) {
        int[] labels = train.labels();
        int[] original = labels.clone();
        Random random = new Random(seed);
        int[] chosen;
        if (kind == Kind.SYMMETRIC) {
            if (classCount < 2) {
                throw new IllegalArgumentException("label noise needs at least two classes");
            }
            int[] all = java.util.stream.IntStream.range(0, labels.length).toArray();
            chosen = Splits.choose(all, (int) Math.round(rate * labels.length), random);
            for (int i : chosen) {
                int other = random.nextInt(classCount - 1); // one of the classCount - 1 other classes
                labels[i] = other >= original[i] ? other + 1 : other;
            }
        } else {
            int[] all = new int[0];
            for (Map.Entry<Integer, Integer> e : pairs.entrySet()) {
                if (e.getKey() >= classCount || e.getValue() >= classCount) {
                    throw new IllegalArgumentException("label noise pair " + e.getKey() + " -> " + e.getValue()
                            + " names a class the dataset lacks; it has " + classCount + " classes (0.." + (classCount - 1) + ")");
                }
                int[] members = train.indicesOf(e.getKey());
                int[] some = Splits.choose(members, (int) Math.round(rate * members.length), random);
                for (int i : some) {
                    labels[i] = e.getValue();
                }
                all = java.util.stream.IntStream.concat(Arrays.stream(all), Arrays.stream(some)).toArray();
            }
            Arrays.sort(all);
            chosen = all;
        }
        int[] truth = new int[chosen.length];
        for (int k = 0; k < chosen.length; k++) {
            truth[k] = original[chosen[k]];
        }
        return new Injected(labels, chosen, truth);
    }

    @Override
    public Dataset apply(Dataset d) {
        return d.withSplits(d.classNames(), d.train().withLabels(inject(d.train(), d.classCount()).labels()), d.test());
    }

    @Override
    public String describe() {
        String percent = new java.math.BigDecimal(String.format(Locale.ROOT, "%.4g", rate * 100)).stripTrailingZeros().toPlainString() + "%";
        if (kind == Kind.SYMMETRIC) {
            return "Label noise " + percent + " symmetric (seed " + seed + ")";
        }
        StringBuilder sb = new StringBuilder();
        pairs.forEach((from, to) -> sb.append(sb.length() == 0 ? "" : ", ").append(from).append(" -> ").append(to));
        return "Label noise " + percent + " of " + sb + " (seed " + seed + ")";
    }

    /**
     * The ground truth of {@code chain}'s label noise on {@code raw}: the steps before it are
     * applied, then it is injected; empty when the chain has no label noise. Its indices are
     * indices of the final training split (no later step selects images: {@link TransformChain}).
     */
    public static java.util.Optional<Injected> groundTruth(Dataset raw, TransformChain chain) {
        Dataset stage = raw;
        for (Transform step : chain.steps()) {
            if (step instanceof LabelNoise noise) {
                return java.util.Optional.of(noise.inject(stage.train(), stage.classCount()));
            }
            stage = step.apply(stage);
        }
        return java.util.Optional.empty();
    }
}
