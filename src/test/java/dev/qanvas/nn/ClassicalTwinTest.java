package dev.qanvas.nn;

import dev.qanvas.nn.graph.kinds.Quanvolution;
import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.ModelGraph.Node;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Templates;
import org.junit.jupiter.api.Test;

class ClassicalTwinTest {

    @Test
    void quantumHeadTwinKeepsEveryShape() {
        ModelGraph g = GraphCompilerTest.cnnWithQuantumHead();
        ModelGraph twin = ClassicalTwin.swap(g, "quantum");
        assertTrue(twin.analyse().isValid());
        for (String id : g.nodeIds()) {
            assertEquals(g.analyse().shape(id), twin.analyse().shape(id), id);
        }
        assertEquals(new Dense(4, LayerSpec.Activation.TANH), twin.node("quantum").orElseThrow().spec());
        ClassicalTwin.Comparison c = ClassicalTwin.compare(g, "quantum");
        assertEquals(8, c.quantumParameters());
        assertEquals(4 * 4 + 4, c.twinParameters());
    }

    @Test
    void quanvolutionTwinIsAConvolutionWithTheSameOutput() {
        Circuit filter = new Circuit(4, Templates.quanvolutionFilter(8, false, "f", 1));
        ModelGraph g = ModelGraph.chain(new Node("in", new Input(1, 28, 28), 0, 0),
                new Node("qv", new Quanvolution(filter, 2, 2, false), 0, 0),
                new Node("out", new Output(10, LayerSpec.OutputKind.SOFTMAX), 0, 0));
        ModelGraph twin = ClassicalTwin.swap(g, "qv");
        assertEquals(g.analyse().shape("qv"), twin.analyse().shape("qv"));
        assertEquals(2 * 2 * 1 * 4 + 4, twin.analyse().parameters("qv"));
        assertThrows(IllegalArgumentException.class, () -> ClassicalTwin.swap(g, "out"));
    }
}
