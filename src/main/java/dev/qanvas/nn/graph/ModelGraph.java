package dev.qanvas.nn.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The model a user draws on the canvas: named nodes (a layer with its settings and a canvas
 * position) and edges (which node's output feeds which node's input). An immutable value with
 * structural equality; every edit returns a new graph, so undo is a stack of graphs.
 *
 * <p>Only the node ids are checked when a graph is built (unique, letters, digits, _ and -): a
 * violation throws {@link IllegalArgumentException}. Everything else that can be wrong with a
 * drawing, including edges to nodes that do not exist, is data: {@link #analyse()} lists it as
 * {@link GraphProblem}s and never throws.
 *
 * <p>The order of the edges into a node is the order of that node's inputs (it matters for
 * Concat). {@link #withEdge} appends, and the other edits keep the order.
 */
public record ModelGraph(List<Node> nodes, List<Edge> edges) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+");

    /** A layer on the canvas: a unique id, what it computes, and where it is drawn. */
    public record Node(String id, LayerSpec spec, double x, double y) {
        public Node {
            requireValidId(id);
            Objects.requireNonNull(spec, "spec");
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("node " + id + " needs a finite position, not (" + x + ", " + y + ")");
            }
        }

        public Node moved(double newX, double newY) {
            return new Node(id, spec, newX, newY);
        }

        public Node withSpec(LayerSpec newSpec) {
            return new Node(id, newSpec, x, y);
        }
    }

    /** Output of node {@code from} feeds an input of node {@code to}. */
    public record Edge(String from, String to) {
        public Edge {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        /** "from -> to", the form {@link GraphProblem#edge()} uses. */
        @Override
        public String toString() {
            return from + " -> " + to;
        }
    }

    public ModelGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        Set<String> ids = new HashSet<>();
        for (Node n : nodes) {
            if (!ids.add(n.id())) {
                throw new IllegalArgumentException("two nodes are named " + n.id() + ": node names must be unique");
            }
        }
    }

    public static ModelGraph empty() {
        return new ModelGraph(List.of(), List.of());
    }

    /** The nodes, each feeding the next: a plain sequential model. */
    public static ModelGraph chain(Node... chain) {
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i + 1 < chain.length; i++) {
            edges.add(new Edge(chain[i].id(), chain[i + 1].id()));
        }
        return new ModelGraph(List.of(chain), edges);
    }

    /** True if {@code id} is a valid node id: non-empty, letters, digits, _ and - only. */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static void requireValidId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a node needs a name");
        }
        if (!isValidId(id)) {
            throw new IllegalArgumentException("a node name uses only letters, digits, _ and -, not \"" + id + "\"");
        }
    }

    // ----- queries -----

    public Optional<Node> node(String id) {
        for (Node n : nodes) {
            if (n.id().equals(id)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    public boolean contains(String id) {
        return node(id).isPresent();
    }

    public List<String> nodeIds() {
        return nodes.stream().map(Node::id).toList();
    }

    /** The ids feeding {@code id}, in input order (edges as drawn, including ones from missing nodes). */
    public List<String> inputsOf(String id) {
        return edges.stream().filter(e -> e.to().equals(id)).map(Edge::from).toList();
    }

    /** The ids {@code id} feeds, in edge order. */
    public List<String> outputsOf(String id) {
        return edges.stream().filter(e -> e.from().equals(id)).map(Edge::to).toList();
    }

    public boolean hasEdge(String from, String to) {
        return edges.contains(new Edge(from, to));
    }

    /** {@code prefix} followed by the smallest number from 1 that no node uses yet: "dense3". */
    public String nextId(String prefix) {
        requireValidId(prefix);
        for (int k = 1; ; k++) {
            if (!contains(prefix + k)) {
                return prefix + k;
            }
        }
    }

    // ----- edits (each returns a new graph) -----

    /** This graph with {@code node} added; its id must be new. */
    public ModelGraph withNode(Node node) {
        Objects.requireNonNull(node, "node");
        if (contains(node.id())) {
            throw new IllegalArgumentException("there is already a node named " + node.id());
        }
        List<Node> ns = new ArrayList<>(nodes);
        ns.add(node);
        return new ModelGraph(ns, edges);
    }

    public ModelGraph withNode(String id, LayerSpec spec, double x, double y) {
        return withNode(new Node(id, spec, x, y));
    }

    /** This graph without node {@code id} and without every edge from or to it. */
    public ModelGraph withoutNode(String id) {
        require(id);
        List<Node> ns = nodes.stream().filter(n -> !n.id().equals(id)).toList();
        List<Edge> es = edges.stream().filter(e -> !e.from().equals(id) && !e.to().equals(id)).toList();
        return new ModelGraph(ns, es);
    }

    /**
     * This graph with an edge appended (last among the inputs of {@code to}). Like the graph
     * itself, this does not refuse a duplicate edge, a cycle or an unknown end: {@link #analyse()}
     * reports them. Use {@link #hasEdge} to avoid drawing an edge twice.
     */
    public ModelGraph withEdge(Edge edge) {
        Objects.requireNonNull(edge, "edge");
        List<Edge> es = new ArrayList<>(edges);
        es.add(edge);
        return new ModelGraph(nodes, es);
    }

    public ModelGraph withEdge(String from, String to) {
        return withEdge(new Edge(from, to));
    }

    /** This graph without the first edge equal to {@code edge}; throws if there is none. */
    public ModelGraph withoutEdge(Edge edge) {
        int i = edges.indexOf(edge);
        if (i < 0) {
            throw new IllegalArgumentException("there is no edge " + edge);
        }
        List<Edge> es = new ArrayList<>(edges);
        es.remove(i);
        return new ModelGraph(nodes, es);
    }

    public ModelGraph withoutEdge(String from, String to) {
        return withoutEdge(new Edge(from, to));
    }

    /** Node {@code id} drawn at (x, y); the analysis does not change. */
    public ModelGraph moved(String id, double x, double y) {
        Node n = require(id);
        return replacing(n, n.moved(x, y));
    }

    /** Node {@code id} with other settings, same place and edges. */
    public ModelGraph replaced(String id, LayerSpec spec) {
        Node n = require(id);
        return replacing(n, n.withSpec(spec));
    }

    /** Node {@code oldId} named {@code newId}, its edges following it (input order kept). */
    public ModelGraph renamed(String oldId, String newId) {
        Node n = require(oldId);
        requireValidId(newId);
        if (oldId.equals(newId)) {
            return this;
        }
        if (contains(newId)) {
            throw new IllegalArgumentException("there is already a node named " + newId);
        }
        List<Node> ns = nodes.stream().map(m -> m == n ? new Node(newId, n.spec(), n.x(), n.y()) : m).toList();
        List<Edge> es = edges.stream()
                .map(e -> new Edge(e.from().equals(oldId) ? newId : e.from(), e.to().equals(oldId) ? newId : e.to()))
                .toList();
        return new ModelGraph(ns, es);
    }

    // ----- analysis -----

    /**
     * Shape inference and validation: every node's output shape and parameter count where they
     * can be computed, and the list of problems. Never throws for a bad graph.
     */
    public GraphAnalysis analyse() {
        return new Analyser(this).run();
    }

    /** A table of nodes, layers, output shapes and parameter counts, then the totals and problems. */
    public String summary() {
        return analyse().summary();
    }

    private Node require(String id) {
        return node(id).orElseThrow(() -> new IllegalArgumentException("there is no node named " + id));
    }

    private ModelGraph replacing(Node old, Node replacement) {
        List<Node> ns = nodes.stream().map(m -> m == old ? replacement : m).toList();
        return new ModelGraph(ns, edges);
    }
}
