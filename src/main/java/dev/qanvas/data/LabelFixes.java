package dev.qanvas.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Corrections to training labels found by a label-issue search (docs/data-centric.md, "Label fixes"):
 * each {@code relabel} entry {@code [index, label]} gives image {@code index} the new label, then
 * every image of {@code drop} is removed. Indices are those of the training split the earlier
 * steps produce (the indices {@code qanvas label-issues} and the Inspect view report), so this is
 * the last step of the chain. The test split is never touched. Both lists are kept ascending, so
 * equal fixes compare equal and save identically.
 */
public record LabelFixes(List<List<Integer>> relabel, List<Integer> drop) implements Transform {

    public LabelFixes {
        relabel = relabel == null ? List.of() : relabel;
        drop = drop == null ? List.of() : drop;
        if (relabel.size() > Limits.MAX_IMAGES || drop.size() > Limits.MAX_IMAGES) {
            throw new IllegalArgumentException("label fixes list at most " + Limits.MAX_IMAGES + " images each");
        }
        TreeMap<Integer, Integer> labels = new TreeMap<>();
        for (List<Integer> pair : relabel) {
            if (pair == null || pair.size() != 2 || pair.get(0) == null || pair.get(1) == null) {
                throw new IllegalArgumentException("a label fix relabel entry is [index, label]: " + pair);
            }
            checkIndex(pair.get(0));
            int label = pair.get(1);
            if (label < 0 || label >= Limits.MAX_CLASSES) {
                throw new IllegalArgumentException("a label fix names classes 0.." + (Limits.MAX_CLASSES - 1) + ": " + pair);
            }
            if (labels.put(pair.get(0), label) != null) {
                throw new IllegalArgumentException("label fixes relabel image " + pair.get(0) + " twice");
            }
        }
        TreeSet<Integer> dropped = new TreeSet<>();
        for (Integer index : drop) {
            if (index == null) {
                throw new IllegalArgumentException("label fixes drop a missing index");
            }
            checkIndex(index);
            if (!dropped.add(index)) {
                throw new IllegalArgumentException("label fixes drop image " + index + " twice");
            }
            if (labels.containsKey(index)) {
                throw new IllegalArgumentException("label fixes both relabel and drop image " + index);
            }
        }
        List<List<Integer>> sorted = new ArrayList<>();
        labels.forEach((index, label) -> sorted.add(List.of(index, label)));
        relabel = List.copyOf(sorted);
        drop = List.copyOf(dropped);
    }

    private static void checkIndex(int index) {
        if (index < 0 || index >= Limits.MAX_IMAGES) {
            throw new IllegalArgumentException("a label fix names training images 0.." + (Limits.MAX_IMAGES - 1) + ": " + index);
        }
    }

    /** Fixes that relabel {@code labels} (index to label) and drop {@code drop}. */
    public static LabelFixes of(Map<Integer, Integer> labels, java.util.Collection<Integer> drop) {
        List<List<Integer>> pairs = new ArrayList<>();
        labels.forEach((index, label) -> pairs.add(List.of(index, label)));
        return new LabelFixes(pairs, List.copyOf(drop));
    }

    @Override
    public Dataset apply(Dataset d) {
        ImageSet train = d.train();
        int n = train.size();
        int[] labels = train.labels();
        for (List<Integer> pair : relabel) {
            int index = pair.get(0);
            int label = pair.get(1);
            if (index >= n) {
                throw new IllegalArgumentException("label fix relabels image " + index + " but the training split has "
                        + n + " images (0.." + (n - 1) + ")");
            }
            if (label >= d.classCount()) {
                throw new IllegalArgumentException("label fix gives image " + index + " class " + label + " but the dataset has "
                        + d.classCount() + " classes (0.." + (d.classCount() - 1) + ")");
            }
            labels[index] = label;
        }
        if (!drop.isEmpty() && drop.get(drop.size() - 1) >= n) {
            throw new IllegalArgumentException("label fix drops image " + drop.get(drop.size() - 1) + " but the training split has "
                    + n + " images (0.." + (n - 1) + ")");
        }
        ImageSet relabelled = train.withLabels(labels);
        return d.withSplits(d.classNames(), relabel.isEmpty() && drop.isEmpty() ? train : relabelled.select(kept(n)), d.test());
    }

    /**
     * The ground truth of injected label noise once these fixes are applied: indices become those
     * of the fixed split, a dropped image leaves it, a relabel to the true label mends it, and a
     * relabel of a clean image to another class makes it a wrong label too.
     */
    public LabelNoise.Injected after(LabelNoise.Injected injected) {
        int n = injected.labels().length;
        int[] truth = injected.labels().clone();
        for (int k = 0; k < injected.flipped().length; k++) {
            truth[injected.flipped()[k]] = injected.trueLabels()[k];
        }
        int[] fixed = injected.labels().clone();
        for (List<Integer> pair : relabel) {
            if (pair.get(0) >= n) {
                throw new IllegalArgumentException("label fix relabels image " + pair.get(0) + " but the training split has " + n + " images");
            }
            fixed[pair.get(0)] = pair.get(1);
        }
        int[] kept = kept(n);
        int[] labels = new int[kept.length];
        List<Integer> wrong = new ArrayList<>();
        for (int m = 0; m < kept.length; m++) {
            labels[m] = fixed[kept[m]];
            if (labels[m] != truth[kept[m]]) {
                wrong.add(m);
            }
        }
        int[] flipped = wrong.stream().mapToInt(Integer::intValue).toArray();
        int[] trueLabels = new int[flipped.length];
        for (int k = 0; k < flipped.length; k++) {
            trueLabels[k] = truth[kept[flipped[k]]];
        }
        return new LabelNoise.Injected(labels, flipped, trueLabels);
    }

    /** The indices, before the fixes, of the {@code n} training images that remain after them, ascending. */
    public int[] kept(int n) {
        boolean[] gone = new boolean[n];
        for (int index : drop) {
            if (index < n) {
                gone[index] = true;
            }
        }
        return java.util.stream.IntStream.range(0, n).filter(i -> !gone[i]).toArray();
    }

    /**
     * These fixes followed by {@code later}, whose indices are indices after these fixes (a search
     * run on the fixed split), as one set of fixes on the original indices; {@code n} is the size
     * of the training split before these fixes.
     */
    public LabelFixes then(LabelFixes later, int n) {
        int[] original = kept(n);
        TreeMap<Integer, Integer> labels = new TreeMap<>();
        relabel.forEach(pair -> labels.put(pair.get(0), pair.get(1)));
        TreeSet<Integer> dropped = new TreeSet<>(drop);
        for (List<Integer> pair : later.relabel) {
            labels.put(originalIndex(original, pair.get(0)), pair.get(1));
        }
        for (int index : later.drop) {
            int at = originalIndex(original, index);
            labels.remove(at);
            dropped.add(at);
        }
        return of(labels, dropped);
    }

    private static int originalIndex(int[] original, int index) {
        if (index >= original.length) {
            throw new IllegalArgumentException("label fix names image " + index + " but the fixed training split has "
                    + original.length + " images");
        }
        return original[index];
    }

    @Override
    public String describe() {
        return "Label fixes: " + relabel.size() + " relabelled, " + drop.size() + " dropped";
    }
}
