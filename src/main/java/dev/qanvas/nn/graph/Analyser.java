package dev.qanvas.nn.graph;

import dev.qanvas.nn.graph.ModelGraph.Edge;
import dev.qanvas.nn.graph.ModelGraph.Node;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Shape inference and validation of one {@link ModelGraph}, in passes: edges, topological order
 * and cycles, Input and Output nodes, the number of inputs of every node, each node's own
 * settings, then shapes and parameter counts in topological order. Every finding becomes a
 * {@link GraphProblem}; nothing here throws for a bad graph.
 *
 * <p>What is particular to a layer kind (its shape rule, parameter count, own settings checks and
 * size limits) is asked of its {@link LayerKind} in {@link LayerKinds}; this class holds what all
 * layers share: the structure, the Input and Output roles, and the model-wide limits.
 */
final class Analyser {

    /** The largest circuit a quantum layer may have: a training batch is simulated at once. */
    static final int MAX_LAYER_QUBITS = ModelLimits.MAX_LAYER_QUBITS;

    private final ModelGraph graph;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Integer> position = new HashMap<>();
    private final Map<String, List<String>> inputs = new HashMap<>();
    private final Map<String, List<String>> outputs = new HashMap<>();
    private final List<GraphProblem> problems = new ArrayList<>();
    /** Nodes with the wrong number of inputs: no shape is inferred for them. */
    private final Set<String> blocked = new HashSet<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, Long> parameters = new HashMap<>();

    Analyser(ModelGraph graph) {
        this.graph = graph;
        for (Node n : graph.nodes()) {
            nodes.put(n.id(), n);
            position.put(n.id(), position.size());
            inputs.put(n.id(), new ArrayList<>());
            outputs.put(n.id(), new ArrayList<>());
        }
    }

    GraphAnalysis run() {
        checkEdges();
        List<String> order = topologicalOrder();
        checkCycles(order);
        checkInputAndOutputNodes();
        checkConnections();
        checkSettings();
        inferShapes(order);
        checkTotalParameters();
        return new GraphAnalysis(graph, order, inNodeOrder(shapes), inNodeOrder(parameters), problems);
    }

    // ----- structure -----

    /** Edges with a missing end or drawn twice are reported and left out of the analysis. */
    private void checkEdges() {
        Set<Edge> seen = new HashSet<>();
        for (Edge e : graph.edges()) {
            boolean fromOk = nodes.containsKey(e.from()), toOk = nodes.containsKey(e.to());
            if (!fromOk || !toOk) {
                String missing = !fromOk && !toOk ? e.from() + " and " + e.to() + ", which are"
                        : (fromOk ? e.to() : e.from()) + ", which is";
                problems.add(GraphProblem.edge(null, e, "the edge " + e + " connects " + missing
                        + " not in the model: delete the edge"));
            } else if (!seen.add(e)) {
                problems.add(GraphProblem.edge(e.to(), e, "the edge " + e + " is drawn twice: delete one of them"));
            } else {
                inputs.get(e.to()).add(e.from());
                outputs.get(e.from()).add(e.to());
            }
        }
    }

    /** Kahn's algorithm, ties broken by canvas list order; nodes on or after a cycle are left out. */
    private List<String> topologicalOrder() {
        Map<String, Integer> pending = new HashMap<>();
        PriorityQueue<String> ready = new PriorityQueue<>(Comparator.comparingInt(position::get));
        for (String id : nodes.keySet()) {
            pending.put(id, inputs.get(id).size());
            if (inputs.get(id).isEmpty()) {
                ready.add(id);
            }
        }
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String id = ready.poll();
            order.add(id);
            for (String next : outputs.get(id)) {
                if (pending.merge(next, -1, Integer::sum) == 0) {
                    ready.add(next);
                }
            }
        }
        return order;
    }

    /** Every node left out of the order that lies on a cycle gets a problem naming the cycle. */
    private void checkCycles(List<String> order) {
        Set<String> ordered = new HashSet<>(order);
        for (String id : nodes.keySet()) {
            if (ordered.contains(id)) {
                continue;
            }
            shortestCycle(id).ifPresent(cycle -> problems.add(GraphProblem.edge(id, new Edge(id, cycle.get(1)),
                    id + " is on a cycle: " + String.join(" -> ", cycle)
                            + ". Data must flow one way, from the Input to the Output: delete one of these edges")));
        }
    }

    /** The shortest path start -> ... -> start, as the list of its nodes with start at both ends. */
    private Optional<List<String>> shortestCycle(String start) {
        Map<String, String> parent = new HashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            String u = queue.poll();
            for (String w : outputs.get(u)) {
                if (w.equals(start)) {
                    List<String> path = new ArrayList<>();
                    for (String v = u; !v.equals(start); v = parent.get(v)) {
                        path.add(0, v);
                    }
                    path.add(0, start);
                    path.add(start);
                    return Optional.of(path);
                }
                if (!parent.containsKey(w)) {
                    parent.put(w, u);
                    queue.add(w);
                }
            }
        }
        return Optional.empty();
    }

    private void checkInputAndOutputNodes() {
        List<String> ins = idsOf(Input.class), outs = idsOf(Output.class);
        if (ins.isEmpty()) {
            problems.add(GraphProblem.graph("the model has no Input node: add one for the dataset's images and connect it"));
        } else if (ins.size() > 1) {
            for (String id : ins) {
                problems.add(GraphProblem.node(id, "the model has " + ins.size() + " Input nodes (" + String.join(", ", ins)
                        + "): a model reads one dataset, so keep one Input and branch from it"));
            }
        }
        if (outs.isEmpty()) {
            problems.add(GraphProblem.graph("the model has no Output node: add one as the last layer"));
        } else if (outs.size() > 1) {
            for (String id : outs) {
                problems.add(GraphProblem.node(id, "the model has " + outs.size() + " Output nodes (" + String.join(", ", outs)
                        + "): keep one, and join the branches before it with a Concat or Add"));
            }
        }
    }

    /** The number of inputs of every node, nothing after the Output, no dead ends. */
    private void checkConnections() {
        boolean hasOutput = !idsOf(Output.class).isEmpty();
        for (Node n : nodes.values()) {
            String id = n.id();
            LayerSpec spec = n.spec();
            List<String> in = inputs.get(id), out = outputs.get(id);
            String label = label(id, spec);
            if (spec instanceof Input) {
                for (String from : in) {
                    problems.add(GraphProblem.edge(id, new Edge(from, id), "the Input " + id
                            + " reads the dataset and takes no input: delete the edge " + from + " -> " + id));
                }
            } else if (in.isEmpty()) {
                problems.add(GraphProblem.node(id, "not connected: drag an edge into " + id));
                blocked.add(id);
            } else if (spec.isMerge() && in.size() < 2) {
                problems.add(GraphProblem.node(id, label + " joins two or more inputs but has only one (from " + in.get(0)
                        + "): drag another edge into it, or delete it"));
                blocked.add(id);
            } else if (in.size() > spec.maxInputs()) {
                problems.add(GraphProblem.node(id, label + " takes one input but " + in.size() + " edges come in (from "
                        + String.join(", ", in) + "): join them first with a Concat or Add, or delete all but one"));
                blocked.add(id);
            }
            if (spec instanceof Output) {
                for (String to : out) {
                    problems.add(GraphProblem.edge(id, new Edge(id, to), "nothing can come after the Output " + id
                            + ": it must be the last node, so delete the edge " + id + " -> " + to));
                }
            } else if (out.isEmpty() && hasOutput && (spec instanceof Input || !in.isEmpty())) {
                problems.add(GraphProblem.node(id, id + " leads nowhere: connect it on towards the Output, or delete it"));
            }
        }
    }

    /** What is wrong with a node whatever its input: circuits too large, bad measurements, output settings. */
    private void checkSettings() {
        for (Node n : nodes.values()) {
            String label = label(n.id(), n.spec());
            for (String message : LayerKinds.of(n.spec()).settingsProblems(n.spec(), label)) {
                problems.add(GraphProblem.node(n.id(), message));
            }
        }
    }

    // ----- shapes and parameters -----

    private void inferShapes(List<String> order) {
        for (Node n : nodes.values()) {
            LayerKinds.of(n.spec()).fixedParameters(n.spec()).ifPresent(p -> parameters.put(n.id(), p));
            if (n.spec() instanceof Input in) {
                Shape s = in.shape();
                if (s.size() > ModelLimits.MAX_VALUES_PER_EXAMPLE) {
                    problems.add(GraphProblem.node(n.id(), tooManyValues(label(n.id(), in), "takes", s)));
                } else {
                    shapes.put(n.id(), s); // even on a cycle: an Input's shape is its own
                }
            }
        }
        for (String id : order) {
            LayerSpec spec = nodes.get(id).spec();
            if (spec instanceof Input || blocked.contains(id)) {
                continue;
            }
            List<String> from = inputs.get(id);
            List<Shape> in = new ArrayList<>();
            for (String f : from) {
                in.add(shapes.get(f));
            }
            if (in.contains(null)) {
                continue; // a problem upstream: it is reported there
            }
            String label = label(id, spec);
            try {
                Inferred r = LayerKinds.of(spec).infer(spec, new LayerInputs(label, from, in));
                parameters.put(id, r.parameters());
                Optional<String> tooLarge = tooLarge(label, spec, in.get(0), r);
                if (tooLarge.isPresent()) {
                    // no shape: the layers after it are not analysed, so the one mistake is marked once
                    problems.add(GraphProblem.node(id, tooLarge.get()));
                } else {
                    shapes.put(id, r.shape());
                }
            } catch (LayerMismatch m) {
                problems.add(GraphProblem.node(id, m.getMessage()));
                try {
                    LayerKinds.of(spec).fixedShape(spec).ifPresent(s -> shapes.put(id, s));
                } catch (IllegalArgumentException | ArithmeticException e) {
                    // too large to have a shape: reported by the size checks
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                problems.add(GraphProblem.node(id, String.format(Locale.ROOT, "%s has sizes so large that its %s cannot even "
                        + "be counted (%s); a model may have at most %,d parameters and %,d values per layer and example: "
                        + "use smaller sizes", label, e instanceof ArithmeticException ? "parameters" : "output",
                        e.getMessage(), ModelLimits.MAX_PARAMETERS, ModelLimits.MAX_VALUES_PER_EXAMPLE)));
            }
        }
    }

    /**
     * Why a layer that fits its input is still too large (see {@link ModelLimits}): too many
     * parameters, too many output values, or, for a convolution, too large an unfolded input.
     */
    private static Optional<String> tooLarge(String label, LayerSpec spec, Shape x, Inferred r) {
        LayerKind<LayerSpec> kind = LayerKinds.of(spec);
        if (r.parameters() > ModelLimits.MAX_PARAMETERS) {
            return Optional.of(String.format(Locale.ROOT, "%s would have %,d parameters (%s); a model may have at most %,d: %s",
                    label, r.parameters(), kind.parameterFormula(spec, x), ModelLimits.MAX_PARAMETERS, kind.smaller(spec)));
        }
        if (r.shape().size() > ModelLimits.MAX_VALUES_PER_EXAMPLE) {
            return Optional.of(tooManyValues(label, "gives", r.shape()) + ": " + kind.smaller(spec));
        }
        return kind.ownLimit(spec, label, x, r.shape());
    }

    private static String tooManyValues(String label, String verb, Shape s) {
        return String.format(Locale.ROOT, "%s %s %s, %,d values per example; a layer may have at most %,d (64 MiB per example)",
                label, verb, s.isVector() ? "a vector of " + String.format(Locale.ROOT, "%,d", s.size()) : "an image of " + s,
                (long) s.size(), ModelLimits.MAX_VALUES_PER_EXAMPLE);
    }

    /** The whole model over {@link ModelLimits#MAX_PARAMETERS} while no layer alone is: marked on the largest layer. */
    private void checkTotalParameters() {
        long total = 0;
        String largest = null;
        for (var e : parameters.entrySet()) {
            if (e.getValue() > ModelLimits.MAX_PARAMETERS) {
                return; // that layer is reported already
            }
            total += e.getValue(); // no overflow: each term is at most MAX_PARAMETERS, and there are few
            if (largest == null || e.getValue() > parameters.get(largest)) {
                largest = e.getKey();
            }
        }
        if (total > ModelLimits.MAX_PARAMETERS) {
            problems.add(GraphProblem.node(largest, String.format(Locale.ROOT, "the model would have %,d parameters in all; "
                    + "a model may have at most %,d: make the largest layer, %s with %,d, smaller", total,
                    ModelLimits.MAX_PARAMETERS, label(largest, nodes.get(largest).spec()), parameters.get(largest))));
        }
    }

    // ----- wording -----

    /** "Conv2D c1", "Quantum layer q1". */
    private static String label(String id, LayerSpec spec) {
        return spec.typeName() + (spec.isQuantum() ? " layer " : " ") + id;
    }

    private List<String> idsOf(Class<? extends LayerSpec> type) {
        return nodes.values().stream().filter(n -> type.isInstance(n.spec())).map(Node::id).toList();
    }

    private <V> Map<String, V> inNodeOrder(Map<String, V> values) {
        Map<String, V> ordered = new LinkedHashMap<>();
        for (String id : nodes.keySet()) {
            if (values.containsKey(id)) {
                ordered.put(id, values.get(id));
            }
        }
        return ordered;
    }
}
