package dev.qanvas.nn.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link ModelGraph#analyse()} found: the output shape and parameter count of every node
 * where they can be computed, a topological order, and the problems. Immutable.
 *
 * <p>A node has a shape when all its inputs have shapes and the layer accepts them; a node
 * downstream of a problem has none (and no problem of its own, so one mistake is marked once).
 * The quantum layers' parameter counts and the output shape of Quantum and ParallelQuantum do not
 * depend on the input, so those are known even when the input does not fit.
 *
 * <p>Parameter counts are what DL4J stores: BatchNorm counts 4 per channel (or feature): gamma and
 * beta, which are trained, and the running mean and variance, which are not.
 * {@link #quantumParameters()} counts the circuits' weights; everything else, including the scale
 * and bias of a Quantum layer's output scaling, is classical.
 */
public final class GraphAnalysis {

    private final ModelGraph graph;
    private final List<String> order;
    private final Map<String, Shape> shapes;
    private final Map<String, Long> parameters;
    private final List<GraphProblem> problems;

    GraphAnalysis(ModelGraph graph, List<String> order, Map<String, Shape> shapes, Map<String, Long> parameters,
            List<GraphProblem> problems) {
        this.graph = graph;
        this.order = List.copyOf(order);
        this.shapes = Collections.unmodifiableMap(new LinkedHashMap<>(shapes));
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.problems = List.copyOf(problems);
    }

    public ModelGraph graph() {
        return graph;
    }

    /**
     * The nodes in an order where every node comes after its inputs (ties in canvas list order).
     * Nodes on or after a cycle are left out. This is the order to add layers to a DL4J graph in.
     */
    public List<String> order() {
        return order;
    }

    /** The output shape of node {@code id}, if it could be computed. */
    public Optional<Shape> shape(String id) {
        return Optional.ofNullable(shapes.get(id));
    }

    /** Every computed output shape by node id. */
    public Map<String, Shape> shapes() {
        return shapes;
    }

    /** The shape an edge carries: its source's output shape. */
    public Optional<Shape> edgeShape(ModelGraph.Edge edge) {
        return shape(edge.from());
    }

    /** The parameter count of node {@code id}; 0 when it could not be computed (see {@link #knownParameters}). */
    public long parameters(String id) {
        return parameters.getOrDefault(id, 0L);
    }

    /** The parameter count of node {@code id}, empty when it depends on an input shape that is unknown. */
    public OptionalLong knownParameters(String id) {
        Long p = parameters.get(id);
        return p == null ? OptionalLong.empty() : OptionalLong.of(p);
    }

    /** Every known parameter count by node id. */
    public Map<String, Long> parameterCounts() {
        return parameters;
    }

    /** Sum of the known parameter counts. */
    public long totalParameters() {
        long sum = 0;
        for (long p : parameters.values()) {
            sum = ModelLimits.saturatedSum(sum, p); // absurd layers (reported as problems) must not wrap around
        }
        return sum;
    }

    /**
     * The trainable weights of the circuits in quantum layers (a fixed Quanvolution has none), and
     * all parameters of the other quantum layers (a Photonic layer's are all optical angles).
     */
    public long quantumParameters() {
        long sum = 0;
        for (ModelGraph.Node n : graph.nodes()) {
            if (n.spec() instanceof LayerSpec.QuantumLayer q) {
                sum += q.circuitParameters();
            } else if (n.spec().isQuantum()) {
                sum += knownParameters(n.id()).orElse(0);
            }
        }
        return sum;
    }

    /** {@link #totalParameters()} minus {@link #quantumParameters()}. */
    public long classicalParameters() {
        return totalParameters() - quantumParameters();
    }

    /**
     * Qubits over all quantum layers: each layer's circuit, and a ParallelQuantum counts each of
     * its copies. (The simulator runs one circuit at a time, so memory follows
     * {@link #largestCircuit()}.)
     */
    public int qubitsUsed() {
        long sum = 0;
        for (ModelGraph.Node n : graph.nodes()) {
            if (n.spec() instanceof LayerSpec.QuantumLayer q) {
                sum += q.qubitsUsed();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, sum);
    }

    /** The most qubits any one circuit of the model has, 0 when there are none. */
    public int largestCircuit() {
        int max = 0;
        for (ModelGraph.Node n : graph.nodes()) {
            if (n.spec() instanceof LayerSpec.QuantumLayer q) {
                max = Math.max(max, q.circuit().qubits());
            }
        }
        return max;
    }

    public List<GraphProblem> problems() {
        return problems;
    }

    /** The problems that name node {@code id} (to mark it red and list in its inspector). */
    public List<GraphProblem> problemsFor(String id) {
        return problems.stream().filter(p -> id.equals(p.nodeId())).toList();
    }

    /** The problems about edge {@code edge} (to mark it red). */
    public List<GraphProblem> problemsFor(ModelGraph.Edge edge) {
        return problems.stream().filter(p -> p.concerns(edge)).toList();
    }

    /** True when there is nothing to fix: the graph can be built and trained. */
    public boolean isValid() {
        return problems.isEmpty();
    }

    /**
     * A plain-text table in topological order (nodes left out of the order follow, marked "?"),
     * then the totals and the problems.
     */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        List<String> ids = new ArrayList<>(order);
        for (String id : graph.nodeIds()) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        int idWidth = Math.max(4, ids.stream().mapToInt(String::length).max().orElse(0));
        int layerWidth = 5;
        for (ModelGraph.Node n : graph.nodes()) {
            layerWidth = Math.max(layerWidth, n.spec().describe().length());
        }
        String row = "%-" + idWidth + "s  %-" + layerWidth + "s  %-10s  %s%n";
        sb.append(String.format(Locale.ROOT, row, "node", "layer", "output", "parameters"));
        for (String id : ids) {
            ModelGraph.Node n = graph.node(id).orElseThrow();
            OptionalLong p = knownParameters(id);
            sb.append(String.format(Locale.ROOT, row, id, n.spec().describe(),
                    shape(id).map(Shape::toString).orElse("?"),
                    p.isPresent() ? String.format(Locale.ROOT, "%,d", p.getAsLong()) : "?"));
        }
        sb.append(String.format(Locale.ROOT, "total %,d parameters (%,d quantum, %,d classical), %d qubit%s%n",
                totalParameters(), quantumParameters(), classicalParameters(), qubitsUsed(), qubitsUsed() == 1 ? "" : "s"));
        if (problems.isEmpty()) {
            sb.append("no problems\n");
        } else {
            sb.append(problems.size()).append(problems.size() == 1 ? " problem:\n" : " problems:\n");
            for (GraphProblem p : problems) {
                sb.append("  ").append(p).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "GraphAnalysis[" + shapes.size() + " shapes, " + totalParameters() + " parameters, "
                + problems.size() + " problems]";
    }
}
