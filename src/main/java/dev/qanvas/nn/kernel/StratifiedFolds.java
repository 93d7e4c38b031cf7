package dev.qanvas.nn.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * k-fold stratified cross-validation folds, seeded. Each class's points are shuffled and dealt
 * round-robin over the folds, the deal continuing from fold to fold across classes, so every fold
 * holds each class's count divided by k, rounded down or up (within one example of proportional),
 * fold sizes differ by at most one, and the folds partition the points.
 */
public final class StratifiedFolds {

    private final int[][] validation;
    private final int count;

    private StratifiedFolds(int[][] validation, int count) {
        this.validation = validation;
        this.count = count;
    }

    /** Folds over points 0 .. labels.length-1 with those labels. */
    public static StratifiedFolds of(int[] labels, int folds, long seed) {
        if (folds < 2 || folds > labels.length) {
            throw new IllegalArgumentException("need 2 .. " + labels.length + " folds, not " + folds);
        }
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], k -> new ArrayList<>()).add(i);
        }
        Random random = new Random(seed);
        List<List<Integer>> buckets = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            buckets.add(new ArrayList<>());
        }
        int next = 0;
        for (List<Integer> members : byClass.values()) {
            java.util.Collections.shuffle(members, random);
            for (int i : members) {
                buckets.get(next).add(i);
                next = (next + 1) % folds;
            }
        }
        int[][] validation = new int[folds][];
        for (int f = 0; f < folds; f++) {
            validation[f] = buckets.get(f).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return new StratifiedFolds(validation, labels.length);
    }

    public int folds() {
        return validation.length;
    }

    /** The points held out in fold {@code f}, ascending. */
    public int[] validation(int f) {
        return validation[f].clone();
    }

    /** The points fold {@code f} trains on: all the others, ascending. */
    public int[] training(int f) {
        boolean[] held = new boolean[count];
        for (int i : validation[f]) {
            held[i] = true;
        }
        int[] out = new int[count - validation[f].length];
        int k = 0;
        for (int i = 0; i < count; i++) {
            if (!held[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "StratifiedFolds" + Arrays.deepToString(validation);
    }
}
