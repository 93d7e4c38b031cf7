package dev.qanvas.nn.graph;

import dev.qanvas.nn.graph.LayerSpec.ActivationLayer;
import dev.qanvas.nn.graph.LayerSpec.Add;
import dev.qanvas.nn.graph.LayerSpec.Autoencoder;
import dev.qanvas.nn.graph.LayerSpec.AvgPool;
import dev.qanvas.nn.graph.LayerSpec.BatchNorm;
import dev.qanvas.nn.graph.LayerSpec.Concat;
import dev.qanvas.nn.graph.LayerSpec.Conv2D;
import dev.qanvas.nn.graph.LayerSpec.Dense;
import dev.qanvas.nn.graph.LayerSpec.Dropout;
import dev.qanvas.nn.graph.LayerSpec.Flatten;
import dev.qanvas.nn.graph.LayerSpec.Input;
import dev.qanvas.nn.graph.LayerSpec.MaxPool;
import dev.qanvas.nn.graph.LayerSpec.Output;
import dev.qanvas.nn.graph.LayerSpec.OutputKind;
import dev.qanvas.nn.graph.LayerSpec.Padding;
import dev.qanvas.nn.graph.LayerSpec.ParallelQuantum;
import dev.qanvas.nn.graph.LayerSpec.Quantum;
import dev.qanvas.nn.graph.LayerSpec.QuantumLayer;
import dev.qanvas.nn.graph.LayerSpec.Quanvolution;
import dev.qanvas.nn.graph.LayerSpec.Slice;
import dev.qanvas.nn.graph.ModelGraph.Edge;
import dev.qanvas.nn.graph.ModelGraph.Node;
import dev.qanvas.quantum.PauliString;
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
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Shape inference and validation of one {@link ModelGraph}, in passes: edges, topological order
 * and cycles, Input and Output nodes, the number of inputs of every node, each node's own
 * settings, then shapes and parameter counts in topological order. Every finding becomes a
 * {@link GraphProblem}; nothing here throws for a bad graph.
 *
 * <p>Shape rules (vectors are n features, images channels x height x width):
 * <ul>
 * <li>Dense, Output, Autoencoder, Quantum, ParallelQuantum read a vector; an image is flattened
 *     implicitly, as DL4J's preprocessors do.</li>
 * <li>Conv2D: VALID gives (in - kernel) / stride + 1 (rounded down), SAME gives ceil(in / stride);
 *     MaxPool, AvgPool and Quanvolution are VALID.</li>
 * <li>Concat joins vectors end to end and images along channels; Add needs equal shapes.</li>
 * </ul>
 */
final class Analyser {

    /** The largest circuit a quantum layer may have: a training batch is simulated at once. */
    static final int MAX_LAYER_QUBITS = 20;

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
            String id = n.id();
            String label = label(id, n.spec());
            if (n.spec() instanceof QuantumLayer q) {
                int qubits = q.circuit().qubits();
                if (qubits > MAX_LAYER_QUBITS) {
                    problems.add(GraphProblem.node(id, label + " has " + qubits + " qubits; a quantum layer can have at most "
                            + MAX_LAYER_QUBITS + " qubits, because every example of a batch is simulated: use fewer"));
                }
                if (q instanceof ParallelQuantum pq && pq.groups() > ModelLimits.MAX_GROUPS) {
                    problems.add(GraphProblem.node(id, String.format(Locale.ROOT, "%s has %,d groups; a ParallelQuantum can "
                            + "have at most %d, because each group is a layer of its own: use fewer groups, or a Quantum layer "
                            + "with more qubits", label, pq.groups(), ModelLimits.MAX_GROUPS)));
                }
                for (PauliString m : q.measurements()) {
                    if (m.maxQubit() >= qubits) {
                        problems.add(GraphProblem.node(id, label + " measures " + m + ", but its circuit has only " + qubits
                                + " qubit" + (qubits == 1 ? " (0)" : "s (0.." + (qubits - 1) + ")") + ": measure qubits it has"));
                    } else if (m.maxQubit() < 0) {
                        problems.add(GraphProblem.node(id, label + " measures I, which is always 1 and learns nothing: "
                                + "measure Z on a qubit instead"));
                    }
                }
                if (q instanceof Quanvolution qv) {
                    int pixels = qv.kernel() * qv.kernel(), reads = qv.patchCircuit().inputCount();
                    if (reads != pixels) {
                        problems.add(GraphProblem.node(id, label + " slides a " + qv.kernel() + "x" + qv.kernel() + " patch ("
                                + pixels + " pixel" + (pixels == 1 ? "" : "s") + ") but its circuit encodes "
                                + (reads == 0 ? "none" : reads + " (x[0].." + "x[" + (reads - 1) + "])")
                                + ": encode x[0].." + "x[" + (pixels - 1) + "], one angle per pixel"));
                    }
                }
            } else if (n.spec() instanceof Output o) {
                if (o.kind() == OutputKind.SIGMOID && o.classes() > 2) {
                    problems.add(GraphProblem.node(id, label + " is a SIGMOID output with " + o.classes()
                            + " classes, but SIGMOID is for two classes (1 or 2 units): use SOFTMAX for " + o.classes()));
                } else if (o.kind() == OutputKind.SOFTMAX && o.classes() == 1) {
                    problems.add(GraphProblem.node(id, label + " is a SOFTMAX over 1 class, which always gives 1: "
                            + "use 2 classes, or SIGMOID for a single unit"));
                }
            }
        }
    }

    // ----- shapes and parameters -----

    private void inferShapes(List<String> order) {
        for (Node n : nodes.values()) {
            fixedParameters(n.spec()).ifPresent(p -> parameters.put(n.id(), p));
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
                Inferred r = infer(label, spec, from, in);
                parameters.put(id, r.parameters());
                Optional<String> tooLarge = tooLarge(label, spec, in.get(0), r);
                if (tooLarge.isPresent()) {
                    // no shape: the layers after it are not analysed, so the one mistake is marked once
                    problems.add(GraphProblem.node(id, tooLarge.get()));
                } else {
                    shapes.put(id, r.shape());
                }
            } catch (Mismatch m) {
                problems.add(GraphProblem.node(id, m.getMessage()));
                try {
                    fixedShape(spec).ifPresent(s -> shapes.put(id, s));
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

    private record Inferred(Shape shape, long parameters) {
    }

    /**
     * Why a layer that fits its input is still too large (see {@link ModelLimits}): too many
     * parameters, too many output values, or, for a convolution, too large an unfolded input.
     */
    private static Optional<String> tooLarge(String label, LayerSpec spec, Shape x, Inferred r) {
        if (r.parameters() > ModelLimits.MAX_PARAMETERS) {
            return Optional.of(String.format(Locale.ROOT, "%s would have %,d parameters (%s); a model may have at most %,d: %s",
                    label, r.parameters(), parameterFormula(spec, x), ModelLimits.MAX_PARAMETERS, smaller(spec)));
        }
        if (r.shape().size() > ModelLimits.MAX_VALUES_PER_EXAMPLE) {
            return Optional.of(tooManyValues(label, "gives", r.shape()) + ": " + smaller(spec));
        }
        if (spec instanceof Conv2D c) {
            // DL4J unfolds every window of every example (im2col): kernel^2 x channels x output pixels
            long unfolded = Math.multiplyExact(Math.multiplyExact((long) c.kernel() * c.kernel(), x.channels()),
                    (long) r.shape().height() * r.shape().width());
            if (unfolded > ModelLimits.MAX_VALUES_PER_EXAMPLE) {
                return Optional.of(String.format(Locale.ROOT, "%s unfolds %,d values per example (%dx%d kernel x %d channels "
                        + "x %dx%d output pixels); a layer may use at most %,d: use a smaller kernel or a larger stride",
                        label, unfolded, c.kernel(), c.kernel(), x.channels(), r.shape().height(), r.shape().width(),
                        ModelLimits.MAX_VALUES_PER_EXAMPLE));
            }
        }
        return Optional.empty();
    }

    /** "784 inputs x 1,000,000,000 units + 1,000,000,000 biases". */
    private static String parameterFormula(LayerSpec spec, Shape x) {
        if (spec instanceof Dense || spec instanceof Output || spec instanceof Autoencoder) {
            long units = spec instanceof Dense d ? d.units() : spec instanceof Output o ? o.classes() : ((Autoencoder) spec).code();
            return String.format(Locale.ROOT, "%,d inputs x %,d units + %,d biases", x.size(), units, units);
        } else if (spec instanceof Conv2D c) {
            return String.format(Locale.ROOT, "%dx%d kernel x %,d channels x %,d filters + %,d biases",
                    c.kernel(), c.kernel(), x.channels(), c.filters(), c.filters());
        }
        return "counted as DL4J stores them";
    }

    private static String smaller(LayerSpec spec) {
        if (spec instanceof Dense) {
            return "use fewer units";
        } else if (spec instanceof Output) {
            return "use fewer classes";
        } else if (spec instanceof Autoencoder) {
            return "use a smaller code";
        } else if (spec instanceof Conv2D) {
            return "use fewer filters, a smaller kernel or a larger stride";
        }
        return "use smaller layers before it";
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

    /** An input a layer cannot take; the message is the problem shown to the user. */
    private static final class Mismatch extends Exception {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    /** Output shape and parameter count of {@code spec} on inputs of shapes {@code in} from nodes {@code from}. */
    private static Inferred infer(String label, LayerSpec spec, List<String> from, List<Shape> in) throws Mismatch {
        Shape x = in.get(0);
        String src = from.get(0);
        if (spec instanceof Flatten) {
            return new Inferred(x.flattened(), 0);
        } else if (spec instanceof Dense d) {
            return dense(x, d.units());
        } else if (spec instanceof Output o) {
            return dense(x, o.classes());
        } else if (spec instanceof Autoencoder a) {
            return dense(x, a.code());
        } else if (spec instanceof Conv2D c) {
            requireImage(label, src, x);
            int k = c.kernel(), s = c.stride();
            Shape out;
            if (c.padding() == Padding.VALID) {
                requireKernelFits(label, k, src, x, " or SAME padding");
                out = Shape.image(c.filters(), (x.height() - k) / s + 1, (x.width() - k) / s + 1);
            } else {
                out = Shape.image(c.filters(), ceilDiv(x.height(), s), ceilDiv(x.width(), s));
            }
            return new Inferred(out, Math.addExact(Math.multiplyExact(Math.multiplyExact((long) k * k, x.channels()),
                    c.filters()), c.filters()));
        } else if (spec instanceof MaxPool p) {
            return pool(label, src, x, p.kernel(), p.stride());
        } else if (spec instanceof AvgPool p) {
            return pool(label, src, x, p.kernel(), p.stride());
        } else if (spec instanceof BatchNorm) {
            return new Inferred(x, Math.multiplyExact(4L, x.isVector() ? x.size() : x.channels()));
        } else if (spec instanceof Dropout || spec instanceof ActivationLayer) {
            return new Inferred(x, 0);
        } else if (spec instanceof Concat) {
            return new Inferred(concat(label, from, in), 0);
        } else if (spec instanceof Add) {
            for (int i = 1; i < in.size(); i++) {
                if (!in.get(i).equals(x)) {
                    throw new Mismatch(label + " adds its inputs value by value, so they must have the same shape: "
                            + gives(src, x) + " but " + gives(from.get(i), in.get(i)));
                }
            }
            return new Inferred(x, 0);
        } else if (spec instanceof Slice s) {
            if (x.isImage()) {
                throw new Mismatch(label + " needs a vector; " + gives(src, x) + ": put a Flatten before it");
            }
            if (s.to() > x.size()) {
                throw new Mismatch(label + " takes features [" + s.from() + ", " + s.to() + ") but " + src + " gives only "
                        + features(x.size()) + ": slice within [0, " + x.size() + ")");
            }
            return new Inferred(Shape.vector(s.size()), 0);
        } else if (spec instanceof Quantum q) {
            int k = q.circuit().inputCount(), n = x.size();
            if (k == 0) {
                throw new Mismatch(noEncoding(label, n));
            }
            if (n != k) {
                throw new Mismatch(label + " encodes " + features(k) + " but receives " + n + ": put a Dense(" + k + ") before it"
                        + (n < k ? ", or encode only " + n : ""));
            }
            return new Inferred(Shape.vector(q.measurements().size()), fixedParameters(q).orElseThrow());
        } else if (spec instanceof ParallelQuantum pq) {
            int k = pq.circuit().inputCount(), n = x.size();
            long need = (long) pq.groups() * k;
            if (k == 0) {
                throw new Mismatch(noEncoding(label, n));
            }
            if (n != need) {
                throw new Mismatch(label + " splits its input into " + pq.groups() + " group" + (pq.groups() == 1 ? "" : "s")
                        + " of " + features(k) + " (" + need + " in all) but receives " + n + ": put a Dense(" + need
                        + ") before it");
            }
            return new Inferred(fixedShape(pq).orElseThrow(), fixedParameters(pq).orElseThrow());
        } else if (spec instanceof Quanvolution qv) {
            requireImage(label, src, x);
            int k = qv.kernel(), s = qv.stride();
            requireKernelFits(label, k, src, x, "");
            Shape out = Shape.image(Math.multiplyExact(x.channels(), qv.patchCircuit().qubits()),
                    (x.height() - k) / s + 1, (x.width() - k) / s + 1);
            return new Inferred(out, fixedParameters(qv).orElseThrow());
        }
        throw new IllegalStateException("no shape rule for " + spec);
    }

    /** A dense layer of {@code units} on {@code x} flattened: in * units weights and units biases. */
    private static Inferred dense(Shape x, int units) {
        return new Inferred(Shape.vector(units), Math.addExact(Math.multiplyExact((long) x.size(), units), units));
    }

    private static Inferred pool(String label, String src, Shape x, int k, int s) throws Mismatch {
        requireImage(label, src, x);
        requireKernelFits(label, k, src, x, "");
        return new Inferred(Shape.image(x.channels(), (x.height() - k) / s + 1, (x.width() - k) / s + 1), 0);
    }

    private static Shape concat(String label, List<String> from, List<Shape> in) throws Mismatch {
        int vector = -1, image = -1;
        for (int i = 0; i < in.size(); i++) {
            if (in.get(i).isVector() && vector < 0) {
                vector = i;
            } else if (in.get(i).isImage() && image < 0) {
                image = i;
            }
        }
        if (vector >= 0 && image >= 0) {
            throw new Mismatch(label + " cannot join an image and a vector: " + gives(from.get(image), in.get(image)) + " and "
                    + gives(from.get(vector), in.get(vector)) + ": put a Flatten after " + from.get(image));
        }
        Shape first = in.get(0);
        int total = 0;
        for (int i = 0; i < in.size(); i++) {
            Shape s = in.get(i);
            if (first.isImage() && (s.height() != first.height() || s.width() != first.width())) {
                throw new Mismatch(label + " joins images along their channels, so their height and width must match: "
                        + gives(from.get(0), first) + " but " + gives(from.get(i), s));
            }
            total = Math.addExact(total, first.isImage() ? s.channels() : s.size());
        }
        return first.isImage() ? Shape.image(total, first.height(), first.width()) : Shape.vector(total);
    }

    private static void requireImage(String label, String src, Shape x) throws Mismatch {
        if (x.isVector()) {
            throw new Mismatch(label + " needs an image; " + gives(src, x) + ": image layers go before Flatten and Dense");
        }
    }

    private static void requireKernelFits(String label, int k, String src, Shape x, String alternative) throws Mismatch {
        if (k > x.height() || k > x.width()) {
            throw new Mismatch(label + ": its " + k + "x" + k + " kernel is larger than the " + x.height() + "x" + x.width()
                    + " image (height x width) that " + src + " gives: use a smaller kernel" + alternative);
        }
    }

    private static String noEncoding(String label, int n) {
        return label + " encodes no input features (no angle of its circuit uses x[i]) but receives " + n
                + ": start its circuit with an embedding of the inputs";
    }

    /** Parameters that do not depend on the input shape (0 for layers without any). */
    private static OptionalLong fixedParameters(LayerSpec spec) {
        if (spec instanceof Quantum q) {
            return OptionalLong.of(q.circuitParameters() + (q.outputScaling() ? 2L * q.measurements().size() : 0));
        } else if (spec instanceof ParallelQuantum pq) {
            return OptionalLong.of((long) pq.groups() * pq.circuit().weightNames().size()); // exact, unlike the int
        } else if (spec instanceof QuantumLayer q) {
            return OptionalLong.of(q.circuitParameters());
        } else if (spec instanceof Input || spec instanceof Flatten || spec instanceof MaxPool || spec instanceof AvgPool
                || spec instanceof Dropout || spec instanceof ActivationLayer || spec instanceof Concat
                || spec instanceof Add || spec instanceof Slice) {
            return OptionalLong.of(0);
        }
        return OptionalLong.empty();
    }

    /** Output shapes that do not depend on the input: shown even when the input does not fit. */
    private static Optional<Shape> fixedShape(LayerSpec spec) {
        if (spec instanceof Quantum q) {
            return Optional.of(Shape.vector(q.measurements().size()));
        } else if (spec instanceof ParallelQuantum pq) {
            return Optional.of(Shape.vector(Math.multiplyExact(pq.groups(), pq.measurements().size())));
        }
        return Optional.empty();
    }

    // ----- wording -----

    /** "Conv2D c1", "Quantum layer q1". */
    private static String label(String id, LayerSpec spec) {
        return spec.typeName() + (spec.isQuantum() ? " layer " : " ") + id;
    }

    /** "d1 gives 64 features", "c1 gives an image of 8x26x26". */
    private static String gives(String src, Shape s) {
        return src + " gives " + (s.isVector() ? features(s.size()) : "an image of " + s);
    }

    private static String features(int n) {
        return n + (n == 1 ? " feature" : " features");
    }

    private static int ceilDiv(int a, int b) {
        return (a - 1) / b + 1; // a >= 1, and no overflow near Integer.MAX_VALUE
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
