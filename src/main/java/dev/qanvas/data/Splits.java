package dev.qanvas.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded, stratified index selection: every class keeps its share. */
public final class Splits {

    private Splits() {
    }

    /** Train and test indices into the original order; both sorted ascending. */
    public record TrainTest(int[] train, int[] test) {
    }

    /**
     * Splits indices 0..labels.length-1 so that each class puts {@code round(testFraction * its
     * count)} examples in the test set, chosen at random with {@code seed}.
     */
    public static TrainTest stratified(int[] labels, double testFraction, long seed) {
        if (testFraction < 0 || testFraction > 1) {
            throw new IllegalArgumentException("test fraction must be in [0, 1]: " + testFraction);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        Random random = new Random(seed);
        for (int[] members : byClass(labels)) {
            shuffle(members, random);
            int nTest = (int) Math.round(testFraction * members.length);
            for (int k = 0; k < members.length; k++) {
                (k < nTest ? test : train).add(members[k]);
            }
        }
        return new TrainTest(sortedArray(train), sortedArray(test));
    }

    /**
     * A stratified sample of about {@code count} indices (each class contributes in proportion to
     * its size), sorted ascending.
     */
    public static int[] stratifiedSample(int[] labels, int count, long seed) {
        if (count >= labels.length) {
            int[] all = new int[labels.length];
            Arrays.setAll(all, i -> i);
            return all;
        }
        double fraction = (double) count / labels.length;
        return stratified(labels, fraction, seed).test();
    }

    private static List<int[]> byClass(int[] labels) {
        int maxLabel = Arrays.stream(labels).max().orElse(-1);
        List<int[]> out = new ArrayList<>();
        for (int c = 0; c <= maxLabel; c++) {
            final int cls = c;
            int[] members = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == cls).toArray();
            if (members.length > 0) {
                out.add(members);
            }
        }
        return out;
    }

    /**
     * {@code count} of {@code from} chosen uniformly without replacement (a seeded shuffle of a
     * copy, then its first {@code count}), sorted ascending. The label transforms choose with it.
     */
    static int[] choose(int[] from, int count, Random random) {
        int[] copy = from.clone();
        shuffle(copy, random);
        int[] chosen = Arrays.copyOf(copy, count);
        Arrays.sort(chosen);
        return chosen;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static int[] sortedArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
