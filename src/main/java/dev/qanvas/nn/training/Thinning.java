package dev.qanvas.nn.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a long series short: points are averaged in buckets of {@code stride} consecutive
 * points, and when more than {@code max} buckets exist the stride doubles and neighbouring
 * buckets merge. A run of a million batches thus keeps between max/2 and max points, each the
 * mean of its bucket (x and y), at a constant cost per point. Not thread-safe.
 */
public final class Thinning {

    private final int max;
    private int stride = 1;
    private final List<double[]> points = new ArrayList<>(); // {x sum, y sum, count}
    private double[] open;

    public Thinning(int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2");
        }
        this.max = max;
    }

    /**
     * Adds a point; returns true when earlier points were merged (a view showing {@link #xs()} and
     * {@link #ys()} must then be redrawn from scratch rather than appended to).
     */
    public boolean add(double x, double y) {
        if (open == null) {
            open = new double[3];
            points.add(open);
        }
        open[0] += x;
        open[1] += y;
        open[2]++;
        if (open[2] >= stride) {
            open = null;
        }
        if (points.size() > max) {
            merge();
            return true;
        }
        return false;
    }

    private void merge() {
        List<double[]> merged = new ArrayList<>(points.size() / 2 + 1);
        for (int i = 0; i < points.size(); i += 2) {
            double[] a = points.get(i).clone();
            if (i + 1 < points.size()) {
                double[] b = points.get(i + 1);
                a[0] += b[0];
                a[1] += b[1];
                a[2] += b[2];
            }
            merged.add(a);
        }
        points.clear();
        points.addAll(merged);
        stride *= 2;
        double[] last = points.get(points.size() - 1);
        open = last[2] < stride ? last : null;
    }

    public int size() {
        return points.size();
    }

    public double x(int i) {
        double[] p = points.get(i);
        return p[0] / p[2];
    }

    public double y(int i) {
        double[] p = points.get(i);
        return p[1] / p[2];
    }

    /** Points per bucket now. */
    public int stride() {
        return stride;
    }
}
