package dev.qanvas.nn;

import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.LayerKinds;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The classical layer that can stand in for a quantum one, for side-by-side experiments (the
 * gradual quantum-for-classical studies): same input and output shape, tanh activation because
 * Pauli expectations lie in [-1, 1]. A Quantum or ParallelQuantum node becomes a Dense layer, a
 * Quanvolution a Conv2D with the same kernel, stride and output channels. A single classical layer
 * of that shape cannot be made smaller than its weight matrix (each kind's rule is its
 * {@link dev.qanvas.nn.graph.LayerKind#classicalTwin}), so the twin usually has more
 * parameters than the circuit; {@link #compare} reports both counts.
 */
public final class ClassicalTwin {

    private ClassicalTwin() {
    }

    /** The graph with node {@code id} (a quantum node) replaced by its classical twin. */
    public static ModelGraph swap(ModelGraph graph, String id) {
        GraphAnalysis analysis = graph.analyse();
        LayerSpec spec = graph.node(id).orElseThrow(() -> new IllegalArgumentException("no node named " + id)).spec();
        Shape input = graph.inputsOf(id).stream().findFirst().flatMap(analysis::shape)
                .orElseThrow(() -> new IllegalArgumentException(id + " has no input yet, so its twin's shape is unknown"));
        return graph.replaced(id, twinOf(spec, input));
    }

    /**
     * The graph with node {@code id} replaced by its classical twin under a name that says so
     * ({@link #twinId}): a Dense standing in for "quantum" is called "quantum-twin", not "quantum".
     */
    public static ModelGraph swapRenamed(ModelGraph graph, String id) {
        return swap(graph, id).renamed(id, twinId(graph, id));
    }

    /** The name a twin of node {@code id} gets: {@code id-twin}, or {@code id-twin2}... when that is taken. */
    public static String twinId(ModelGraph graph, String id) {
        String name = id + "-twin";
        return graph.contains(name) ? graph.nextId(name) : name;
    }

    /** The model with every quantum node swapped for its renamed twin (the classical model to train against the quantum one). */
    public static ModelGraph twinModel(ModelGraph graph) {
        ModelGraph g = graph;
        List<String> quantum = graph.nodes().stream().filter(n -> n.spec().isQuantum()).map(ModelGraph.Node::id).toList();
        if (quantum.isEmpty()) {
            throw new IllegalArgumentException("the model has no quantum layer to swap for a twin");
        }
        for (String id : quantum) {
            g = swapRenamed(g, id);
        }
        return g;
    }

    /**
     * The quantum originals of nodes swapped for their twins in one document, so "Swap back" can
     * restore them and a run can say it trained the twin. Keyed by the twin's current name.
     */
    public static final class Originals {
        /** A swapped-out quantum node: its name and layer. */
        public record Original(String id, LayerSpec spec) {
        }

        private final Map<String, Original> byTwin = new HashMap<>();

        public void remember(String twinId, String originalId, LayerSpec original) {
            byTwin.put(twinId, new Original(originalId, original));
        }

        public Optional<Original> of(String twinId) {
            return Optional.ofNullable(byTwin.get(twinId));
        }

        public void forget(String twinId) {
            byTwin.remove(twinId);
        }

        /** A twin was renamed: its original follows it. */
        public void renamed(String oldId, String newId) {
            Original o = byTwin.remove(oldId);
            if (o != null) {
                byTwin.put(newId, o);
            }
        }

        public void clear() {
            byTwin.clear();
        }

        /** Whether node {@code id} of {@code graph} is still the twin of a remembered original (not since replaced by another type). */
        public boolean isTwin(ModelGraph graph, String id) {
            Original original = byTwin.get(id);
            Optional<LayerSpec> now = graph.node(id).map(ModelGraph.Node::spec);
            if (original == null || now.isEmpty() || now.get().isQuantum()) {
                return false;
            }
            // The original's kind says what its twin is (the twin receives the same input).
            Optional<Shape> input = graph.inputsOf(id).stream().findFirst().flatMap(graph.analyse()::shape);
            try {
                return input.isPresent() && twinOf(original.spec(), input.get()).getClass().isInstance(now.get());
            } catch (IllegalArgumentException e) {
                return false;
            }
        }

        /** Whether {@code graph} is a twin model: no quantum layer left and at least one remembered twin. */
        public boolean isTwinModel(ModelGraph graph) {
            return graph.nodes().stream().noneMatch(n -> n.spec().isQuantum())
                    && graph.nodeIds().stream().anyMatch(id -> isTwin(graph, id));
        }
    }

    /** The classical twin of a quantum layer spec that receives {@code input}. */
    public static LayerSpec twinOf(LayerSpec spec, Shape input) {
        return LayerKinds.of(spec).classicalTwin(spec, input)
                .orElseThrow(() -> new IllegalArgumentException(spec.typeName() + " is not a quantum layer"));
    }

    /** Parameter counts of a quantum node and of its twin, for the side-by-side summary. */
    public record Comparison(long quantumParameters, long twinParameters) {
    }

    public static Comparison compare(ModelGraph graph, String id) {
        long quantum = graph.analyse().parameters(id);
        long twin = swap(graph, id).analyse().parameters(id);
        return new Comparison(quantum, twin);
    }
}
