package dev.qanvas.nn;

import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.LayerKinds;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;

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
