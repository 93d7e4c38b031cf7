package dev.qanvas.project.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The small icon of each layer type, as data: strokes and shapes in a 16 x 16 box, drawn by the
 * palette and the nodes (the ui's LayerGlyph) and by the SVG export alike. Every
 * {@link dev.qanvas.nn.graph.LayerKind} has one, keyed by its name ({@link #has}).
 */
public final class LayerGlyphs {

    /** One stroke or shape of a glyph, in a 16 x 16 box. */
    public sealed interface Mark permits Line, Box, Dot, Curve {
    }

    public record Line(double x1, double y1, double x2, double y2) implements Mark {
    }

    public record Box(double x, double y, double w, double h, boolean filled) implements Mark {
    }

    public record Dot(double cx, double cy, double r, boolean filled) implements Mark {
    }

    /** An open polyline through {@code points} (x0, y0, x1, y1, ...). */
    public record Curve(double... points) implements Mark {
    }

    public static final double SIZE = 16;

    private LayerGlyphs() {
    }

    /** The glyph of a layer type name; a plain square for an unknown one. */
    public static List<Mark> of(String type) {
        List<Mark> m = marks(type);
        return m.isEmpty() ? List.of(new Box(2, 2, 12, 12, false)) : m;
    }

    /** Whether {@code type} has a glyph of its own (every layer kind should). */
    public static boolean has(String type) {
        return !marks(type).isEmpty();
    }

    /** The marks of a layer type name; empty for an unknown one. */
    private static List<Mark> marks(String type) {
        List<Mark> m = new ArrayList<>();
        switch (type) {
            case "Input" -> {
                m.add(new Box(7, 2, 7, 12, false));
                m.add(new Line(1, 8, 10, 8));
                m.add(new Curve(7, 5, 10, 8, 7, 11));
            }
            case "Output" -> {
                m.add(new Box(2, 9, 3, 5, true));
                m.add(new Box(6.5, 3, 3, 11, true));
                m.add(new Box(11, 7, 3, 7, true));
            }
            case "Conv2D" -> {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        m.add(new Box(2 + 4.2 * i, 2 + 4.2 * j, 3.4, 3.4, (i + j) % 2 == 0));
                    }
                }
            }
            case "MaxPool", "AvgPool" -> {
                m.add(new Box(1.5, 1.5, 4, 4, false));
                m.add(new Box(5.5, 1.5, 4, 4, "MaxPool".equals(type)));
                m.add(new Box(1.5, 5.5, 4, 4, false));
                m.add(new Box(5.5, 5.5, 4, 4, false));
                m.add(new Curve(9.5, 11, 12, 13.5, 14.5, 11));
                m.add(new Line(12, 8, 12, 13.5));
            }
            case "Flatten" -> {
                m.add(new Box(2, 2, 5, 5, false));
                m.add(new Box(2, 9, 5, 5, false));
                m.add(new Line(9, 8, 14, 8));
                m.add(new Line(12, 2, 12, 14));
            }
            case "Dense" -> {
                double[] left = {3, 8, 13}, right = {5.5, 10.5};
                for (double a : left) {
                    m.add(new Dot(3, a, 1.6, true));
                    for (double b : right) {
                        m.add(new Line(3, a, 13, b));
                    }
                }
                for (double b : right) {
                    m.add(new Dot(13, b, 1.6, true));
                }
            }
            case "BatchNorm" -> {
                m.add(new Curve(1, 13, 4, 12, 6, 6, 8, 3, 10, 6, 12, 12, 15, 13));
                m.add(new Line(1, 14, 15, 14));
            }
            case "Dropout" -> {
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        m.add(new Dot(3 + 5 * i, 3 + 5 * j, 1.7, (i * 3 + j) % 3 != 1));
                    }
                }
            }
            case "Activation" -> {
                m.add(new Curve(1, 11, 8, 11, 15, 3));
                m.add(new Line(1, 14, 15, 14));
            }
            case "Concat" -> {
                m.add(new Box(1.5, 4, 6, 8, false));
                m.add(new Box(8.5, 4, 6, 8, true));
            }
            case "Add" -> {
                m.add(new Dot(8, 8, 6.5, false));
                m.add(new Line(8, 4, 8, 12));
                m.add(new Line(4, 8, 12, 8));
            }
            case "Slice" -> {
                m.add(new Curve(5, 2, 2, 2, 2, 14, 5, 14));
                m.add(new Curve(11, 2, 14, 2, 14, 14, 11, 14));
                m.add(new Box(6, 6, 4, 4, true));
            }
            case "Autoencoder" -> {
                m.add(new Curve(1, 2, 6, 6, 10, 6, 15, 2));
                m.add(new Curve(1, 14, 6, 10, 10, 10, 15, 14));
                m.add(new Line(1, 2, 1, 14));
                m.add(new Line(15, 2, 15, 14));
            }
            case "Quantum" -> {
                m.add(new Dot(8, 8, 6.5, false));
                m.add(new Curve(1.5, 8, 4, 10, 12, 10, 14.5, 8));
                m.add(new Line(8, 8, 11.5, 3.5));
                m.add(new Dot(11.5, 3.5, 1.5, true));
            }
            case "Photonic" -> { // two optical rails meeting in a beam splitter
                m.add(new Line(1, 4, 5, 4));
                m.add(new Line(1, 12, 5, 12));
                m.add(new Line(5, 4, 11, 12));
                m.add(new Line(5, 12, 11, 4));
                m.add(new Line(11, 4, 15, 4));
                m.add(new Line(11, 12, 15, 12));
                m.add(new Dot(8, 8, 1.5, true));
            }
            case "Qrnn" -> { // a cell whose output loops back into it, fed step by step from the left
                m.add(new Box(5, 5, 6, 6, false));
                m.add(new Line(1, 8, 5, 8));
                m.add(new Line(11, 8, 15, 8));
                m.add(new Curve(13, 8, 13, 1.5, 8, 1.5, 8, 5));
                m.add(new Dot(8, 8, 1.2, true));
            }
            case "Rnn" -> { // the same loop as Qrnn's, with a tanh curve in the cell instead of a qubit dot
                m.add(new Box(5, 5, 6, 6, false));
                m.add(new Line(1, 8, 5, 8));
                m.add(new Line(11, 8, 15, 8));
                m.add(new Curve(13, 8, 13, 1.5, 8, 1.5, 8, 5));
                m.add(new Curve(6, 10, 7.5, 9.6, 8.5, 6.4, 10, 6));
            }
            case "Quanvolution" -> {
                m.add(new Box(1, 1, 6, 6, false));
                m.add(new Box(1, 9, 6, 6, false));
                m.add(new Box(9, 1, 6, 6, false));
                m.add(new Dot(12, 12, 3.5, false));
                m.add(new Line(12, 12, 14, 9.5));
            }
            case "ParallelQuantum" -> {
                m.add(new Dot(8, 4.5, 3.5, false));
                m.add(new Dot(8, 11.5, 3.5, false));
                m.add(new Line(8, 4.5, 10.5, 2.5));
                m.add(new Line(8, 11.5, 10.5, 9.5));
            }
            default -> {
                // no glyph of its own
            }
        }
        return List.copyOf(m);
    }
}
