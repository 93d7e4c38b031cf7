package dev.qanvas.ui.sweeps;

import dev.qanvas.ui.sweeps.SweepsViewModel.PointRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the Sweeps workspace's two charts show, computed without a toolkit from the done points:
 * a metric against one parameter (a number axis when every value of the parameter is a number,
 * else one slot per value, in sorted order), and parallel coordinates (each point a line across
 * the parameters that vary and the metric, every axis scaled from its lowest value, 0, to its
 * highest, 1). Points without the metric (failed, or a run without a test split) are left out.
 */
public final class SweepPlots {

    private SweepPlots() {
    }

    /** One axis: numbers, or categories (their position is their index). */
    public record Axis(String name, List<String> categories, double min, double max) {

        public boolean numeric() {
            return categories == null;
        }

        /** The value's place on the axis: the number, or the category's index; NaN when absent. */
        public double position(String value) {
            if (value == null || value.isEmpty()) {
                return Double.NaN;
            }
            return numeric() ? Double.parseDouble(value) : categories.indexOf(value);
        }

        /** The value scaled to 0 (lowest) .. 1 (highest); 0.5 when the axis has one value. */
        public double scaled(double position) {
            return max > min ? (position - min) / (max - min) : 0.5;
        }

        /** How the axis's end is labelled. */
        public String label(double position) {
            return numeric() ? number(position) : categories.get((int) position);
        }
    }

    /** One point of the scatter. */
    public record Dot(String id, double x, double y) {
    }

    /** A metric against a parameter, the done points by variant (variants in the rows' order). */
    public record Scatter(Axis x, String metric, Map<String, List<Dot>> byVariant) {
    }

    /** One point's line across the axes (values scaled 0..1; NaN where the point has no value). */
    public record Line(String id, String variant, double[] scaled) {
    }

    /** Parallel coordinates: the axes in order (the metric last) and one line per done point. */
    public record Parallel(List<Axis> axes, List<Line> lines, List<String> variants) {
    }

    /** The parameters that take more than one value among the rows, in the sweep's order. */
    public static List<String> varying(List<PointRow> rows, List<String> parameters) {
        return parameters.stream().filter(p -> rows.stream().map(r -> r.params().getOrDefault(p, "")).distinct().count() > 1).toList();
    }

    static List<PointRow> measured(List<PointRow> rows, String metric) {
        return rows.stream().filter(r -> metric != null && Double.isFinite(r.metric(metric))).toList();
    }

    /** The axis of a parameter over these rows. */
    static Axis axis(List<PointRow> rows, String parameter) {
        List<String> values = rows.stream().map(r -> r.params().getOrDefault(parameter, "")).filter(v -> !v.isEmpty()).toList();
        boolean numbers = values.stream().allMatch(SweepPlots::isNumber);
        if (numbers) {
            double[] x = values.stream().mapToDouble(Double::parseDouble).toArray();
            return new Axis(parameter, null, min(x), max(x));
        }
        List<String> categories = List.copyOf(new TreeSet<>(values));
        return new Axis(parameter, categories, 0, categories.size() - 1);
    }

    static Axis metricAxis(List<PointRow> rows, String metric) {
        double[] y = rows.stream().mapToDouble(r -> r.metric(metric)).toArray();
        return new Axis(metric, null, min(y), max(y));
    }

    public static Scatter scatter(List<PointRow> rows, String parameter, String metric) {
        List<PointRow> shown = measured(rows, metric);
        Map<String, List<Dot>> byVariant = new LinkedHashMap<>();
        rows.forEach(r -> byVariant.putIfAbsent(r.variant(), new ArrayList<>()));
        if (parameter == null) {
            return new Scatter(new Axis("", null, 0, 0), metric, byVariant);
        }
        Axis x = axis(shown, parameter);
        for (PointRow r : shown) {
            double at = x.position(r.params().get(parameter));
            if (Double.isFinite(at)) {
                byVariant.get(r.variant()).add(new Dot(r.id(), at, r.metric(metric)));
            }
        }
        return new Scatter(x, metric, byVariant);
    }

    public static Parallel parallel(List<PointRow> rows, List<String> parameters, String metric) {
        List<PointRow> shown = measured(rows, metric);
        List<Axis> axes = new ArrayList<>();
        varying(shown.isEmpty() ? rows : shown, parameters).forEach(p -> axes.add(axis(shown, p)));
        List<String> variants = rows.stream().map(PointRow::variant).distinct().toList();
        if (metric == null) {
            return new Parallel(axes, List.of(), variants);
        }
        axes.add(metricAxis(shown, metric));
        List<Line> lines = new ArrayList<>();
        for (PointRow r : shown) {
            double[] scaled = new double[axes.size()];
            for (int i = 0; i < axes.size(); i++) {
                Axis a = axes.get(i);
                double at = i == axes.size() - 1 ? r.metric(metric) : a.position(r.params().get(a.name()));
                scaled[i] = Double.isFinite(at) ? a.scaled(at) : Double.NaN;
            }
            lines.add(new Line(r.id(), r.variant(), scaled));
        }
        return new Parallel(axes, lines, variants);
    }

    static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double min(double[] x) {
        return java.util.Arrays.stream(x).min().orElse(0);
    }

    private static double max(double[] x) {
        return java.util.Arrays.stream(x).max().orElse(0);
    }

    /** A number as a table or axis end shows it: 4 significant digits, no trailing zeros. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return "";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
