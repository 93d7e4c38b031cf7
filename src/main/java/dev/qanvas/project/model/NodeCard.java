package dev.qanvas.project.model;

import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.GraphProblem;
import dev.qanvas.nn.graph.LayerKinds;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What one node box shows and how big it is: its type, id, short settings, output shape and
 * parameter count, whether it is invalid and why. Pure, so the canvas (the ui's NodeView), the SVG
 * export ({@link ModelSvg}) and auto-layout draw the same box.
 *
 * <p>Geometry, in canvas units: a fixed {@link #WIDTH}; a header row with the type; then one
 * {@link #LINE} per body line. The ports sit at {@link #PORT_Y} below the top on the left and right
 * edges, so nodes placed at the same y are joined by straight edges whatever their heights.
 */
public record NodeCard(String id, String type, Kind kind, List<String> settings, String shape, String parameters,
                       boolean hasInPort, boolean hasOutPort, List<String> problems) {

    /** How a node is coloured. */
    public enum Kind { IO, CLASSICAL, QUANTUM }

    public static final double WIDTH = 108;
    public static final double HEADER = 22;
    public static final double LINE = 15;
    public static final double PADDING = 6;
    /** Where the type name starts (after the glyph), its room, and its largest font size. */
    public static final double TYPE_X = 25;
    public static final double TYPE_WIDTH = WIDTH - TYPE_X - 4;
    public static final double TYPE_FONT = 12;
    /** Distance of both ports from the node's top edge. */
    public static final double PORT_Y = HEADER / 2;

    public NodeCard {
        settings = List.copyOf(settings);
        problems = List.copyOf(problems);
    }

    /** The card of node {@code n} as {@code analysis} sees it. */
    public static NodeCard of(ModelGraph.Node n, GraphAnalysis analysis) {
        LayerSpec spec = n.spec();
        String shape = "→ " + analysis.shape(n.id()).map(Shape::toString).orElse("?");
        OptionalLong p = analysis.knownParameters(n.id());
        String params = p.isPresent() ? count(p.getAsLong(), "param") : "? params";
        List<String> problems = analysis.problemsFor(n.id()).stream().map(GraphProblem::message).toList();
        return new NodeCard(n.id(), spec.typeName(), kindOf(spec), settingsLines(spec), shape, params,
                spec.maxInputs() > 0, !(spec instanceof Output), problems);
    }

    public static Kind kindOf(LayerSpec spec) {
        if (spec.isQuantum()) {
            return Kind.QUANTUM;
        }
        return spec instanceof Input || spec instanceof Output ? Kind.IO : Kind.CLASSICAL;
    }

    public boolean invalid() {
        return !problems.isEmpty();
    }

    /** Below the header: the id, the settings, the output shape, the parameter count. */
    public List<String> bodyLines() {
        List<String> lines = new ArrayList<>();
        lines.add(id);
        lines.addAll(settings);
        lines.add(shape);
        lines.add(parameters);
        return lines;
    }

    public double height() {
        return heightFor(bodyLines().size());
    }

    /** The height of {@code spec}'s box (it does not depend on the analysis). */
    public static double height(LayerSpec spec) {
        return heightFor(settingsLines(spec).size() + 3);
    }

    private static double heightFor(int bodyLines) {
        return HEADER + bodyLines * LINE + PADDING;
    }

    /**
     * A short form of the settings, a few lines of at most about 16 characters each (the box is
     * narrow; the tooltip has {@link LayerSpec#describe()}), as the layer's kind words them. Quantum
     * layers say their qubits and circuit weights.
     */
    public static List<String> settingsLines(LayerSpec spec) {
        return LayerKinds.of(spec).settingsLines(spec);
    }

    /** "1 param", "11,214 params". */
    public static String count(long n, String noun) {
        String plural = noun.endsWith("s") ? noun + "es" : noun + "s";
        return String.format(Locale.ROOT, "%,d ", n) + (n == 1 ? noun : plural);
    }
}
