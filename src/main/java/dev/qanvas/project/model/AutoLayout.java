package dev.qanvas.project.model;

import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.ModelGraph.Edge;
import dev.qanvas.nn.graph.ModelGraph.Node;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Left-to-right layered layout: a node's column is the length of the longest path to it from a
 * node without inputs, so data flows rightwards and every edge spans at least one column. Within a
 * column nodes are ordered by the average row of their inputs (fewer crossings), ties by their
 * current height on the canvas, and columns are centred on one line, so a chain lies straight.
 * Edges that close a cycle are ignored for the columns.
 */
public final class AutoLayout {

    public static final double LEFT = 40;
    public static final double TOP = 40;
    /** Vertical gap between boxes in a column. */
    public static final double ROW_GAP = 36;

    private AutoLayout() {
    }

    /** {@code graph} with every node placed; ids, specs and edges unchanged. */
    public static ModelGraph apply(ModelGraph graph) {
        Map<String, Integer> column = columns(graph);
        TreeMap<Integer, List<Node>> byColumn = new TreeMap<>();
        for (Node n : graph.nodes()) {
            byColumn.computeIfAbsent(column.get(n.id()), k -> new ArrayList<>()).add(n);
        }
        double pitch = 0;
        int tallest = 0;
        for (Node n : graph.nodes()) {
            pitch = Math.max(pitch, NodeCard.height(n.spec()) + ROW_GAP);
        }
        for (List<Node> nodes : byColumn.values()) {
            tallest = Math.max(tallest, nodes.size());
        }
        Map<String, Double> row = new HashMap<>();
        ModelGraph g = graph;
        for (Map.Entry<Integer, List<Node>> c : byColumn.entrySet()) {
            List<Node> nodes = new ArrayList<>(c.getValue());
            Map<String, Double> key = new HashMap<>();
            for (Node n : nodes) {
                key.put(n.id(), graph.inputsOf(n.id()).stream().filter(row::containsKey)
                        .mapToDouble(row::get).average().orElse(Double.NaN));
            }
            nodes.sort(Comparator.<Node>comparingDouble(n -> Double.isNaN(key.get(n.id())) ? Double.MAX_VALUE : key.get(n.id()))
                    .thenComparingDouble(Node::y));
            double first = (tallest - nodes.size()) / 2.0; // centre the column on the tallest one
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
                row.put(n.id(), first + i);
                g = g.moved(n.id(), LEFT + c.getKey() * GraphEdits.STEP_X, Math.round(TOP + (first + i) * pitch));
            }
        }
        return g;
    }

    /** Longest-path column of every node, by a depth-first walk that skips edges closing a cycle. */
    static Map<String, Integer> columns(ModelGraph graph) {
        Map<String, List<String>> inputs = new HashMap<>();
        for (Node n : graph.nodes()) {
            inputs.put(n.id(), new ArrayList<>());
        }
        for (Edge e : graph.edges()) {
            if (inputs.containsKey(e.from()) && inputs.containsKey(e.to()) && !inputs.get(e.to()).contains(e.from())) {
                inputs.get(e.to()).add(e.from());
            }
        }
        Map<String, Integer> column = new HashMap<>();
        Map<String, Boolean> onPath = new HashMap<>();
        for (Node n : graph.nodes()) {
            columnOf(n.id(), inputs, column, onPath);
        }
        return column;
    }

    private static int columnOf(String id, Map<String, List<String>> inputs, Map<String, Integer> column,
                                Map<String, Boolean> onPath) {
        Integer known = column.get(id);
        if (known != null) {
            return known;
        }
        onPath.put(id, true);
        int c = 0;
        for (String from : inputs.get(id)) {
            if (!onPath.getOrDefault(from, false)) { // an input still on the path closes a cycle
                c = Math.max(c, columnOf(from, inputs, column, onPath) + 1);
            }
        }
        onPath.put(id, false);
        column.put(id, c);
        return c;
    }
}
