package dev.qanvas.data;

import java.util.ArrayList;
import java.util.List;

/**
 * What the Data workspace and {@code qanvas data-info} report about a dataset: one computation,
 * two views of it.
 */
public record DatasetSummary(String name, String shape, int trainSize, int testSize,
                             List<ClassCount> classes, float minValue, float maxValue) {

    public record ClassCount(int label, String name, int train, int test) {
    }

    public static DatasetSummary of(Dataset d) {
        int[] train = d.train().classCounts(d.classCount());
        int[] test = d.test().classCounts(d.classCount());
        List<ClassCount> classes = new ArrayList<>();
        for (int k = 0; k < d.classCount(); k++) {
            classes.add(new ClassCount(k, d.classNames().get(k), train[k], test[k]));
        }
        float[] a = d.train().valueRange();
        float[] b = d.test().valueRange();
        float min = d.train().size() == 0 ? b[0] : d.test().size() == 0 ? a[0] : Math.min(a[0], b[0]);
        float max = d.train().size() == 0 ? b[1] : d.test().size() == 0 ? a[1] : Math.max(a[1], b[1]);
        return new DatasetSummary(d.name(), d.shapeText(), d.train().size(), d.test().size(), classes, min, max);
    }

    /** Plain-text table for the command line. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(name).append('\n');
        sb.append(String.format("shape %s, train %,d, test %,d, values %.3g .. %.3g%n", shape, trainSize, testSize, minValue, maxValue));
        sb.append(String.format("%5s  %-16s %8s %8s%n", "label", "class", "train", "test"));
        for (ClassCount c : classes) {
            sb.append(String.format("%5d  %-16s %,8d %,8d%n", c.label(), c.name(), c.train(), c.test()));
        }
        return sb.toString();
    }
}
