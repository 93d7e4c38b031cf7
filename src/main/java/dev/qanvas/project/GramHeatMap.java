package dev.qanvas.project;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A kernel run's training Gram matrix as a heat map sorted by class (what Inspect draws): the
 * points ordered by label (stable, so in pool order within a class), then averaged in square
 * blocks of a whole number of points down to at most {@code maxSide} cells a side, since a screen
 * shows no more. A class
 * boundary is where the sorted labels change, given in cells so the view can draw it.
 *
 * @param side       cells a side
 * @param cells      the mean Gram entry of each block, row by row ({@code side x side})
 * @param order      the pool indices of the training points, sorted by class
 * @param boundaries where each class after the first begins, as a fraction (0..1) of a side
 * @param classStart the sorted position where each class present begins, and the end ({@code n}) last
 * @param classes    the label of each class present, in order
 * @param span       the points the cells cover ({@code side} times the points a cell averages, at least N; the
 *                   last cells may hold fewer): a sorted position p sits at the fraction p / span of a side
 */
public record GramHeatMap(int side, double[] cells, int[] order, double[] boundaries, int[] classStart, int[] classes, int span) {

    /** Sorts {@code saved}'s training points by label and averages its Gram matrix down to at most {@code maxSide} cells a side. */
    public static GramHeatMap of(KernelRunFiles.Saved saved, int maxSide) {
        int n = saved.n();
        int[] labels = saved.points().trainLabels();
        int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingInt(i -> labels[i])).mapToInt(Integer::intValue).toArray();
        // Whole blocks of points per cell, so every cell averages the same number of rows.
        int perCell = Math.max(1, (n + maxSide - 1) / Math.max(1, maxSide));
        int side = Math.max(1, (n + perCell - 1) / perCell);
        double[] sums = new double[side * side];
        long[] counts = new long[side * side];
        int[] cellOf = new int[n];
        for (int p = 0; p < n; p++) {
            cellOf[p] = p / perCell;
        }
        for (int a = 0; a < n; a++) {
            int row = cellOf[a] * side;
            int i = order[a];
            for (int b = 0; b < n; b++) {
                int c = row + cellOf[b];
                sums[c] += saved.gram(i, order[b]);
                counts[c]++;
            }
        }
        double[] cells = new double[side * side];
        for (int c = 0; c < cells.length; c++) {
            cells[c] = counts[c] == 0 ? Double.NaN : sums[c] / counts[c];
        }
        int[] starts = IntStream.range(0, n).filter(p -> p == 0 || labels[order[p]] != labels[order[p - 1]]).toArray();
        int[] classStart = Arrays.copyOf(starts, starts.length + 1);
        classStart[starts.length] = n;
        int[] classes = Arrays.stream(starts).map(p -> labels[order[p]]).toArray();
        int span = side * perCell;
        double[] boundaries = Arrays.stream(starts).skip(1).mapToDouble(p -> (double) p / span).toArray();
        return new GramHeatMap(side, cells, order, boundaries, classStart, classes, span);
    }

    public double cell(int row, int column) {
        return cells[row * side + column];
    }

    /** The smallest and largest cell values (for the colour scale). */
    public double[] range() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : cells) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return new double[] {lo, hi};
    }
}
