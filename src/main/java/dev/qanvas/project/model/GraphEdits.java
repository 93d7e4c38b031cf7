package dev.qanvas.project.model;

import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.ModelGraph.Edge;
import dev.qanvas.nn.graph.ModelGraph.Node;
import dev.qanvas.nn.graph.kinds.Output;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canvas's compound edits as pure functions of a {@link ModelGraph}: add a layer (alone or
 * after another), delete a selection, move nodes, copy and paste. Each returns the new graph, which
 * the workspace makes one undoable project edit.
 */
public final class GraphEdits {

    /** Horizontal distance between a node and the one added after it: the box and room for the edge label. */
    public static final double STEP_X = NodeCard.WIDTH + 64;
    /** Vertical gap below a node when the place to its right is taken. */
    public static final double GAP_Y = 28;

    private GraphEdits() {
    }

    /** A graph and the nodes an edit created (to select them). */
    public record Result(ModelGraph graph, List<String> created) {
    }

    /** A copied part of a graph: nodes and the edges among them. */
    public record Fragment(List<Node> nodes, List<Edge> edges) {
        public boolean isEmpty() {
            return nodes.isEmpty();
        }
    }

    /** {@code graph} with a new {@code spec} node at (x, y), named from its catalog prefix. */
    public static Result add(ModelGraph graph, LayerSpec spec, double x, double y) {
        String id = graph.nextId(prefixOf(spec));
        return new Result(graph.withNode(id, spec, Math.round(x), Math.round(y)), List.of(id));
    }

    /**
     * {@code graph} with a new {@code spec} node to the right of {@code after}, fed by it (unless
     * the new node is an Input or {@code after} an Output, which take no edge there). The node goes
     * below any node already in that place, so repeated clicks build a chain or a fan.
     */
    public static Result addAfter(ModelGraph graph, LayerSpec spec, String after) {
        Node from = graph.node(after).orElseThrow(() -> new IllegalArgumentException("there is no node named " + after));
        Result r = addNear(graph, spec, from.x() + STEP_X, from.y());
        boolean connect = spec.maxInputs() > 0 && !(from.spec() instanceof Output);
        return connect ? new Result(r.graph().withEdge(after, r.created().get(0)), r.created()) : r;
    }

    /** {@code graph} with a new {@code spec} node at (x, y) or, if a node is in the way, just below it. */
    public static Result addNear(ModelGraph graph, LayerSpec spec, double x, double y) {
        double h = NodeCard.height(spec);
        double free = y;
        for (double overlap = overlapAt(graph, x, free, h); overlap > 0; overlap = overlapAt(graph, x, free, h)) {
            free += overlap + GAP_Y;
        }
        return add(graph, spec, x, free);
    }

    /** {@code graph} without {@code nodes} (and their edges) and without {@code edges}. */
    public static ModelGraph delete(ModelGraph graph, Collection<String> nodes, Collection<Edge> edges) {
        ModelGraph g = graph;
        for (Edge e : edges) {
            if (g.hasEdge(e.from(), e.to())) {
                g = g.withoutEdge(e);
            }
        }
        for (String id : nodes) {
            if (g.contains(id)) {
                g = g.withoutNode(id);
            }
        }
        return g;
    }

    /** {@code graph} with each node of {@code ids} moved by (dx, dy), positions rounded to whole units. */
    public static ModelGraph move(ModelGraph graph, Collection<String> ids, double dx, double dy) {
        ModelGraph g = graph;
        for (String id : ids) {
            Node n = g.node(id).orElse(null);
            if (n != null) {
                g = g.moved(id, Math.round(n.x() + dx), Math.round(n.y() + dy));
            }
        }
        return g;
    }

    /** The nodes {@code ids} of {@code graph} and the edges among them, in graph order. */
    public static Fragment copy(ModelGraph graph, Collection<String> ids) {
        Set<String> keep = new HashSet<>(ids);
        List<Node> nodes = graph.nodes().stream().filter(n -> keep.contains(n.id())).toList();
        List<Edge> edges = graph.edges().stream().filter(e -> keep.contains(e.from()) && keep.contains(e.to())).toList();
        return new Fragment(nodes, edges);
    }

    /**
     * {@code graph} with a copy of {@code fragment} moved by (dx, dy). Every pasted node gets a new
     * id from {@link ModelGraph#nextId} with its old id's prefix ("dense2" pastes as the next free
     * "dense" number); edges follow the new ids.
     */
    public static Result paste(ModelGraph graph, Fragment fragment, double dx, double dy) {
        ModelGraph g = graph;
        Map<String, String> renamed = new HashMap<>();
        Set<String> created = new LinkedHashSet<>();
        for (Node n : fragment.nodes()) {
            String id = g.nextId(prefixOf(n.id()));
            renamed.put(n.id(), id);
            created.add(id);
            g = g.withNode(id, n.spec(), n.x() + dx, n.y() + dy);
        }
        for (Edge e : fragment.edges()) {
            g = g.withEdge(renamed.get(e.from()), renamed.get(e.to()));
        }
        return new Result(g, new ArrayList<>(created));
    }

    /** The id prefix for a new node of {@code spec}: the catalog's ("dense"), else the lower-case type. */
    static String prefixOf(LayerSpec spec) {
        return LayerCatalog.of(spec).map(LayerCatalog.Entry::idPrefix).orElse(spec.typeName().toLowerCase(java.util.Locale.ROOT));
    }

    /** "dense" for "dense12"; "node" when nothing is left. */
    static String prefixOf(String id) {
        String p = id.replaceFirst("[0-9]+$", "");
        return p.isEmpty() ? "node" : p;
    }

    /** How far a box of height {@code h} at (x, y) must move down to clear the nodes it overlaps; 0 if none. */
    private static double overlapAt(ModelGraph graph, double x, double y, double h) {
        double max = 0;
        for (Node n : graph.nodes()) {
            double nh = NodeCard.height(n.spec());
            boolean overlaps = n.x() < x + NodeCard.WIDTH && x < n.x() + NodeCard.WIDTH && n.y() < y + h && y < n.y() + nh;
            if (overlaps) {
                max = Math.max(max, n.y() + nh - y);
            }
        }
        return max;
    }
}
