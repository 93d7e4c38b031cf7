package dev.qanvas.nn.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qanvas.nn.graph.LayerSpec.Activation;
import dev.qanvas.nn.graph.kinds.ActivationLayer;
import dev.qanvas.nn.graph.kinds.Add;
import dev.qanvas.nn.graph.kinds.Autoencoder;
import dev.qanvas.nn.graph.kinds.AvgPool;
import dev.qanvas.nn.graph.kinds.BatchNorm;
import dev.qanvas.nn.graph.kinds.Concat;
import dev.qanvas.nn.graph.kinds.Conv2D;
import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Dropout;
import dev.qanvas.nn.graph.kinds.Flatten;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.MaxPool;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.nn.graph.LayerSpec.OutputKind;
import dev.qanvas.nn.graph.LayerSpec.Padding;
import dev.qanvas.nn.graph.kinds.ParallelQuantum;
import dev.qanvas.nn.graph.kinds.Quantum;
import dev.qanvas.nn.graph.kinds.Quanvolution;
import dev.qanvas.nn.graph.kinds.Slice;
import dev.qanvas.nn.graph.ModelGraph.Edge;
import dev.qanvas.nn.graph.ModelGraph.Node;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.PauliString;
import dev.qanvas.quantum.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelGraphTest {

    // ----- helpers -----

    private static Node n(String id, LayerSpec spec) {
        return new Node(id, spec, 0, 0);
    }

    /** 4 qubits: RY angle embedding of x[0..3], then 2 basic entangler layers (8 weights). */
    private static Circuit circuit4() {
        List<Operation> ops = new ArrayList<>(Templates.angleEmbedding(4, Gate.RY, 1.0));
        ops.addAll(Templates.basicEntanglerLayers(4, 2, Gate.RY, "w", 1));
        return new Circuit(4, ops);
    }

    private static Dense dense(int units) {
        return new Dense(units, Activation.RELU);
    }

    private static Output softmax(int classes) {
        return new Output(classes, OutputKind.SOFTMAX);
    }

    private static Conv2D conv(int filters, int kernel, int stride, Padding padding) {
        return new Conv2D(filters, kernel, stride, padding, Activation.RELU);
    }

    /** The example of the issue: a small CNN, a Dense(4), a 4-qubit layer and a 10-class output. */
    private static ModelGraph example() {
        return ModelGraph.chain(
                new Node("in", new Input(1, 28, 28), 0, 0),
                new Node("c1", conv(8, 3, 1, Padding.VALID), 100, 0),
                new Node("p1", new MaxPool(2, 2), 200, 0),
                new Node("d1", new Dense(4, Activation.TANH), 300, 0),
                new Node("q1", new Quantum(circuit4(), List.of(PauliString.z(0), PauliString.z(1), PauliString.z(2),
                        PauliString.z(3)), 1.0, false), 400, 0),
                new Node("out", softmax(10), 500, 0));
    }

    /** Asserts a problem names {@code nodeId} (null: the whole graph) and contains {@code phrase}; returns it. */
    private static GraphProblem assertProblem(GraphAnalysis a, String nodeId, String phrase) {
        for (GraphProblem p : a.problems()) {
            if (Objects.equals(p.nodeId(), nodeId) && p.message().contains(phrase)) {
                return p;
            }
        }
        return fail("no problem for " + nodeId + " containing \"" + phrase + "\" in " + a.problems());
    }

    private static Shape shape(GraphAnalysis a, String id) {
        return a.shape(id).orElseThrow(() -> new AssertionError("no shape for " + id + "; problems " + a.problems()));
    }

    // ----- the example graph -----

    @Test
    void exampleGraphShapesAndParameters() {
        GraphAnalysis a = example().analyse();
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(List.of("in", "c1", "p1", "d1", "q1", "out"), a.order());

        assertEquals(Shape.image(1, 28, 28), shape(a, "in"));
        assertEquals(Shape.image(8, 26, 26), shape(a, "c1"));
        assertEquals(Shape.image(8, 13, 13), shape(a, "p1"));
        assertEquals(Shape.vector(4), shape(a, "d1"));
        assertEquals(Shape.vector(4), shape(a, "q1"));
        assertEquals(Shape.vector(10), shape(a, "out"));
        assertEquals("1x28x28", shape(a, "in").toString());
        assertEquals("8x13x13", shape(a, "p1").toString());
        assertEquals("4", shape(a, "d1").toString());

        assertEquals(0, a.parameters("in"));
        assertEquals(80, a.parameters("c1"));
        assertEquals(0, a.parameters("p1"));
        assertEquals(1352 * 4 + 4, a.parameters("d1"));
        assertEquals(5412, a.parameters("d1"));
        assertEquals(8, a.parameters("q1"));
        assertEquals(50, a.parameters("out"));
        assertEquals(5550, a.totalParameters());
        assertEquals(8, a.quantumParameters());
        assertEquals(5542, a.classicalParameters());
        assertEquals(4, a.qubitsUsed());
        assertEquals(4, a.largestCircuit());

        assertEquals(Optional.of(Shape.image(8, 13, 13)), a.edgeShape(new Edge("p1", "d1")));
        assertEquals(Optional.of(Shape.vector(4)), a.edgeShape(new Edge("q1", "out")));
        assertEquals(List.of(), a.problemsFor("q1"));
    }

    @Test
    void summaryListsNodesAndTotals() {
        String s = example().summary();
        assertTrue(s.contains("8x26x26"), s);
        assertTrue(s.contains("5,412"), s);
        assertTrue(s.contains("total 5,550 parameters (8 quantum, 5,542 classical), 4 qubits"), s);
        assertTrue(s.contains("no problems"), s);
        assertTrue(s.indexOf("c1") < s.indexOf("q1"), s);
    }

    // ----- structural problems -----

    @Test
    void cycleNamesTheNodesOnIt() {
        ModelGraph g = ModelGraph.chain(n("in", Input.vector(4)), n("d1", dense(4)), n("d2", dense(4)), n("out", softmax(2)))
                .withEdge("d2", "d1");
        GraphAnalysis a = g.analyse();
        GraphProblem p1 = assertProblem(a, "d1", "cycle: d1 -> d2 -> d1");
        assertEquals("d1 -> d2", p1.edge());
        GraphProblem p2 = assertProblem(a, "d2", "cycle: d2 -> d1 -> d2");
        assertEquals("d2 -> d1", p2.edge());
        assertEquals(List.of("in"), a.order());
        assertEquals(Optional.empty(), a.shape("d1"));
        assertEquals(Optional.empty(), a.shape("out"));
        assertFalse(a.isValid());
        assertEquals(1, a.problemsFor(new Edge("d2", "d1")).size());
    }

    @Test
    void selfLoopIsACycle() {
        ModelGraph g = ModelGraph.chain(n("in", Input.vector(4)), n("a", new Add()), n("out", softmax(2))).withEdge("a", "a");
        assertProblem(g.analyse(), "a", "cycle: a -> a");
    }

    @Test
    void edgeToAMissingNode() {
        ModelGraph g = ModelGraph.chain(n("in", Input.vector(4)), n("d", dense(4)), n("out", softmax(2)))
                .withEdge("d", "ghost");
        GraphAnalysis a = g.analyse();
        GraphProblem p = assertProblem(a, null, "ghost, which is not in the model");
        assertEquals("d -> ghost", p.edge());
        assertEquals(1, a.problems().size(), a.problems().toString());
        assertEquals(Shape.vector(2), shape(a, "out")); // the rest is analysed as if the edge were not there
    }

    @Test
    void duplicateEdge() {
        ModelGraph g = ModelGraph.chain(n("in", Input.vector(4)), n("d", dense(4)), n("out", softmax(2))).withEdge("in", "d");
        GraphAnalysis a = g.analyse();
        GraphProblem p = assertProblem(a, "d", "drawn twice");
        assertEquals("in -> d", p.edge());
        assertEquals(1, a.problems().size(), a.problems().toString());
        assertEquals(20, a.parameters("d"));
    }

    @Test
    void noInputNoOutputAndAnEmptyGraph() {
        GraphAnalysis noInput = ModelGraph.chain(n("d", dense(4)), n("out", softmax(2))).analyse();
        assertProblem(noInput, null, "no Input node");
        assertProblem(noInput, "d", "not connected");

        GraphAnalysis noOutput = ModelGraph.chain(n("in", Input.vector(4)), n("d", dense(3))).analyse();
        assertProblem(noOutput, null, "no Output node");
        assertEquals(1, noOutput.problems().size(), noOutput.problems().toString()); // no "leads nowhere" noise
        assertEquals(Shape.vector(3), shape(noOutput, "d"));

        GraphAnalysis empty = ModelGraph.empty().analyse();
        assertEquals(2, empty.problems().size());
        assertProblem(empty, null, "no Input node");
        assertProblem(empty, null, "no Output node");
        assertEquals(0, empty.totalParameters());
    }

    @Test
    void moreThanOneOutputOrInput() {
        ModelGraph g = ModelGraph.chain(n("in", Input.vector(4)), n("d", dense(4)), n("o1", softmax(2)))
                .withNode(n("o2", softmax(3))).withEdge("d", "o2");
        GraphAnalysis a = g.analyse();
        assertProblem(a, "o1", "2 Output nodes (o1, o2)");
        assertProblem(a, "o2", "2 Output nodes (o1, o2)");

        GraphAnalysis twoInputs = ModelGraph.chain(n("in", Input.vector(4)), n("out", softmax(2)))
                .withNode(n("in2", Input.vector(4))).withNode(n("cat", new Concat())).analyse();
        assertProblem(twoInputs, "in2", "2 Input nodes (in, in2)");
    }

    @Test
    void nodeWithoutInputIsNotConnected() {
        ModelGraph g = ModelGraph.chain(n("in", Input.vector(4)), n("out", softmax(2))).withNode(n("d2", dense(3)));
        GraphAnalysis a = g.analyse();
        GraphProblem p = assertProblem(a, "d2", "not connected");
        assertEquals("not connected: drag an edge into d2", p.message());
        assertEquals(1, a.problems().size(), a.problems().toString());
        assertEquals(Optional.empty(), a.shape("d2"));
    }

    @Test
    void inputWithAnIncomingEdge() {
        ModelGraph g = ModelGraph.chain(n("in", Input.vector(4)), n("out", softmax(2)))
                .withNode(n("d0", dense(4))).withEdge("d0", "in");
        GraphAnalysis a = g.analyse();
        GraphProblem p = assertProblem(a, "in", "takes no input");
        assertEquals("d0 -> in", p.edge());
        assertTrue(p.message().contains("delete the edge d0 -> in"), p.message());
        assertEquals(Shape.vector(4), shape(a, "in"));
    }

    @Test
    void singleInputLayerWithSeveralInputs() {
        ModelGraph g = new ModelGraph(
                List.of(n("in", Input.vector(4)), n("d1", dense(3)), n("d2", dense(3)), n("d3", dense(2)), n("out", softmax(2))),
                List.of(new Edge("in", "d1"), new Edge("in", "d2"), new Edge("d1", "d3"), new Edge("d2", "d3"),
                        new Edge("d3", "out")));
        GraphAnalysis a = g.analyse();
        assertProblem(a, "d3", "Dense d3 takes one input but 2 edges come in (from d1, d2)");
        assertEquals(Optional.empty(), a.shape("d3"));
        assertEquals(Optional.empty(), a.shape("out"));
        assertEquals(1, a.problems().size(), a.problems().toString());
    }

    @Test
    void concatAndAddNeedTwoInputs() {
        GraphAnalysis cat = ModelGraph.chain(n("in", Input.vector(4)), n("cat", new Concat()), n("out", softmax(2))).analyse();
        assertProblem(cat, "cat", "Concat cat joins two or more inputs but has only one (from in)");
        GraphAnalysis add = ModelGraph.chain(n("in", Input.vector(4)), n("sum", new Add()), n("out", softmax(2))).analyse();
        assertProblem(add, "sum", "Add sum joins two or more inputs");
    }

    @Test
    void outputMustBeTheLastNode() {
        ModelGraph g = ModelGraph.chain(n("in", Input.vector(4)), n("out", softmax(2)), n("d", dense(2)));
        GraphAnalysis a = g.analyse();
        GraphProblem p = assertProblem(a, "out", "nothing can come after the Output out");
        assertEquals("out -> d", p.edge());
        assertProblem(a, "d", "d leads nowhere");
    }

    @Test
    void deadEndBranch() {
        ModelGraph g = ModelGraph.chain(n("in", Input.vector(4)), n("d1", dense(3)), n("out", softmax(2)))
                .withNode(n("d2", dense(5))).withEdge("in", "d2");
        GraphAnalysis a = g.analyse();
        assertProblem(a, "d2", "d2 leads nowhere: connect it on towards the Output, or delete it");
        assertEquals(1, a.problems().size(), a.problems().toString());
        assertEquals(Shape.vector(5), shape(a, "d2"));
    }

    // ----- shape problems -----

    @Test
    void convAndPoolNeedAnImage() {
        GraphAnalysis a = ModelGraph.chain(n("in", new Input(1, 28, 28)), n("d1", dense(64)),
                n("c1", conv(8, 3, 1, Padding.VALID)), n("out", softmax(10))).analyse();
        assertProblem(a, "c1", "Conv2D c1 needs an image; d1 gives 64 features");
        assertEquals(Optional.empty(), a.shape("c1"));
        assertEquals(Optional.empty(), a.shape("out"));
        assertEquals(1, a.problems().size(), a.problems().toString()); // not repeated downstream

        GraphAnalysis pool = ModelGraph.chain(n("in", Input.vector(16)), n("p", new AvgPool(2, 2)), n("out", softmax(2)))
                .analyse();
        assertProblem(pool, "p", "AvgPool p needs an image; in gives 16 features");
    }

    @Test
    void kernelLargerThanTheImage() {
        GraphAnalysis a = ModelGraph.chain(n("in", new Input(1, 4, 4)), n("c", conv(8, 5, 1, Padding.VALID)),
                n("out", softmax(2))).analyse();
        assertProblem(a, "c", "5x5 kernel is larger than the 4x4 image");

        GraphAnalysis same = ModelGraph.chain(n("in", new Input(1, 4, 4)), n("c", conv(8, 5, 1, Padding.SAME)),
                n("out", softmax(2))).analyse();
        assertTrue(same.isValid(), same.problems().toString());
        assertEquals(Shape.image(8, 4, 4), shape(same, "c"));
        assertEquals(5 * 5 * 8 + 8, same.parameters("c"));

        GraphAnalysis pool = ModelGraph.chain(n("in", new Input(3, 2, 6)), n("p", new MaxPool(3, 1)), n("out", softmax(2)))
                .analyse();
        assertProblem(pool, "p", "3x3 kernel is larger than the 2x6 image (height x width) that in gives");
    }

    @Test
    void addWithDifferentShapes() {
        ModelGraph g = new ModelGraph(
                List.of(n("in", Input.vector(4)), n("d1", dense(8)), n("d2", dense(16)), n("sum", new Add()), n("out", softmax(2))),
                List.of(new Edge("in", "d1"), new Edge("in", "d2"), new Edge("d1", "sum"), new Edge("d2", "sum"),
                        new Edge("sum", "out")));
        assertProblem(g.analyse(), "sum", "same shape: d1 gives 8 features but d2 gives 16 features");
    }

    @Test
    void concatOfImagesWithDifferentSizesOrOfImageAndVector() {
        ModelGraph g = new ModelGraph(
                List.of(n("in", new Input(1, 28, 28)), n("c1", conv(8, 3, 1, Padding.VALID)), n("c2", conv(4, 5, 1, Padding.VALID)),
                        n("cat", new Concat()), n("out", softmax(2))),
                List.of(new Edge("in", "c1"), new Edge("in", "c2"), new Edge("c1", "cat"), new Edge("c2", "cat"),
                        new Edge("cat", "out")));
        assertProblem(g.analyse(), "cat", "height and width must match: c1 gives an image of 8x26x26 but c2 gives an image of 4x24x24");

        ModelGraph mixed = g.replaced("c2", dense(10));
        assertProblem(mixed.analyse(), "cat", "cannot join an image and a vector: c1 gives an image of 8x26x26 and c2 gives 10 features");
    }

    @Test
    void sliceOutOfRangeOrOnAnImage() {
        GraphAnalysis a = ModelGraph.chain(n("in", Input.vector(8)), n("s", new Slice(0, 10)), n("out", softmax(2))).analyse();
        assertProblem(a, "s", "Slice s takes features [0, 10) but in gives only 8 features");
        GraphAnalysis img = ModelGraph.chain(n("in", new Input(1, 8, 8)), n("s", new Slice(0, 4)), n("out", softmax(2)))
                .analyse();
        assertProblem(img, "s", "Slice s needs a vector; in gives an image of 1x8x8: put a Flatten before it");
    }

    @Test
    void denseOutputAutoencoderAndQuantumFlattenImagesImplicitly() {
        GraphAnalysis a = ModelGraph.chain(n("in", new Input(1, 28, 28)), n("d", new Dense(10, Activation.RELU)),
                n("out", softmax(10))).analyse();
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(7850, a.parameters("d"));

        GraphAnalysis direct = ModelGraph.chain(n("in", new Input(1, 28, 28)), n("out", softmax(10))).analyse();
        assertTrue(direct.isValid(), direct.problems().toString());
        assertEquals(7850, direct.parameters("out"));

        GraphAnalysis ae = ModelGraph.chain(n("in", new Input(1, 28, 28)), n("ae", new Autoencoder(32, 5, true)),
                n("out", softmax(10))).analyse();
        assertTrue(ae.isValid(), ae.problems().toString());
        assertEquals(Shape.vector(32), shape(ae, "ae"));
        assertEquals(784 * 32 + 32, ae.parameters("ae"));

        GraphAnalysis q = ModelGraph.chain(n("in", new Input(1, 2, 2)), n("q", Quantum.of(circuit4())),
                n("out", softmax(2))).analyse();
        assertTrue(q.isValid(), q.problems().toString());
        assertEquals(Shape.vector(4), shape(q, "q"));

        GraphAnalysis pq = ModelGraph.chain(n("in", new Input(2, 2, 4)), n("pq", ParallelQuantum.of(circuit4(), 4)),
                n("out", softmax(2))).analyse();
        assertTrue(pq.isValid(), pq.problems().toString());
    }

    @Test
    void quantumLayerMustReceiveExactlyTheFeaturesItEncodes() {
        ModelGraph g = ModelGraph.chain(n("in", new Input(1, 28, 28)), n("d1", dense(64)), n("q1", Quantum.of(circuit4())),
                n("out", softmax(10)));
        GraphAnalysis a = g.analyse();
        GraphProblem p = assertProblem(a, "q1", "encodes");
        assertEquals("Quantum layer q1 encodes 4 features but receives 64: put a Dense(4) before it", p.message());
        assertEquals(1, a.problems().size(), a.problems().toString());
        // the quantum layer's output does not depend on its input, so the rest is still shown
        assertEquals(Shape.vector(4), shape(a, "q1"));
        assertEquals(50, a.parameters("out"));

        GraphAnalysis fewer = g.replaced("d1", dense(2)).analyse();
        assertProblem(fewer, "q1", "Quantum layer q1 encodes 4 features but receives 2: put a Dense(4) before it, or encode only 2");

        GraphAnalysis none = g.replaced("q1", Quantum.of(new Circuit(4, Templates.basicEntanglerLayers(4, 1, Gate.RY, "w", 1))))
                .replaced("d1", dense(4)).analyse();
        assertProblem(none, "q1", "encodes no input features");
    }

    @Test
    void quantumLayerWithTooManyQubits() {
        Circuit big = new Circuit(21, Templates.angleEmbedding(21, Gate.RY, 1.0));
        GraphAnalysis a = ModelGraph.chain(n("in", Input.vector(21)), n("q1", Quantum.of(big)), n("out", softmax(2))).analyse();
        assertProblem(a, "q1", "Quantum layer q1 has 21 qubits; a quantum layer can have at most 20 qubits");
        assertEquals(1, a.problems().size(), a.problems().toString());
        assertEquals(21, a.qubitsUsed());

        Circuit ok = new Circuit(20, Templates.angleEmbedding(20, Gate.RY, 1.0));
        assertTrue(ModelGraph.chain(n("in", Input.vector(20)), n("q1", Quantum.of(ok)), n("out", softmax(2))).analyse().isValid());
    }

    @Test
    void measurementOnAQubitTheCircuitLacks() {
        Quantum q = new Quantum(circuit4(), List.of(PauliString.z(0), PauliString.parse("Z5")), 1.0, false);
        GraphAnalysis a = ModelGraph.chain(n("in", Input.vector(4)), n("q1", q), n("out", softmax(2))).analyse();
        assertProblem(a, "q1", "measures Z5, but its circuit has only 4 qubits (0..3)");
        assertEquals(Shape.vector(2), shape(a, "q1"));

        Quantum identity = new Quantum(circuit4(), List.of(PauliString.parse("I")), 1.0, false);
        assertProblem(ModelGraph.chain(n("in", Input.vector(4)), n("q1", identity), n("out", softmax(2))).analyse(),
                "q1", "measures I, which is always 1");
    }

    @Test
    void parallelQuantumInputMustSplitIntoItsGroups() {
        GraphAnalysis a = ModelGraph.chain(n("in", Input.vector(10)), n("pq", ParallelQuantum.of(circuit4(), 4)),
                n("out", softmax(2))).analyse();
        assertProblem(a, "pq", "ParallelQuantum layer pq splits its input into 4 groups of 4 features (16 in all) but receives 10: "
                + "put a Dense(16) before it");
        assertEquals(Shape.vector(16), shape(a, "pq"));
    }

    @Test
    void quanvolutionNeedsAnImageAndOneInputPerPixel() {
        Circuit filter = new Circuit(4, Templates.quanvolutionFilter(6, true, "f", 3));
        GraphAnalysis onVector = ModelGraph.chain(n("in", Input.vector(16)), n("qv", new Quanvolution(filter, 2, 2, true)),
                n("out", softmax(2))).analyse();
        assertProblem(onVector, "qv", "Quanvolution layer qv needs an image; in gives 16 features");

        GraphAnalysis wrongKernel = ModelGraph.chain(n("in", new Input(1, 8, 8)), n("qv", new Quanvolution(filter, 3, 1, true)),
                n("out", softmax(2))).analyse();
        assertProblem(wrongKernel, "qv", "slides a 3x3 patch (9 pixels) but its circuit encodes 4 (x[0]..x[3])");
    }

    @Test
    void sigmoidOutputIsForTwoClasses() {
        GraphAnalysis a = ModelGraph.chain(n("in", Input.vector(4)), n("out", new Output(10, OutputKind.SIGMOID))).analyse();
        assertProblem(a, "out", "Output out is a SIGMOID output with 10 classes, but SIGMOID is for two classes");
        assertTrue(ModelGraph.chain(n("in", Input.vector(4)), n("out", new Output(1, OutputKind.SIGMOID))).analyse().isValid());
        assertTrue(ModelGraph.chain(n("in", Input.vector(4)), n("out", new Output(2, OutputKind.SIGMOID))).analyse().isValid());
        assertProblem(ModelGraph.chain(n("in", Input.vector(4)), n("out", softmax(1))).analyse(), "out", "SOFTMAX over 1 class");
    }

    @Test
    void layerSpecsCheckTheirOwnNumbers() {
        assertThrows(IllegalArgumentException.class, () -> new Dense(0, Activation.RELU));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN));
        assertEquals(0.0, new Dropout(0.0).rate());
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(8, 3, 0, Padding.SAME, Activation.RELU));
        assertThrows(IllegalArgumentException.class, () -> new Conv2D(0, 3, 1, Padding.SAME, Activation.RELU));
        assertThrows(NullPointerException.class, () -> new Conv2D(8, 3, 1, null, Activation.RELU));
        assertThrows(IllegalArgumentException.class, () -> new MaxPool(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Slice(3, 3));
        assertThrows(IllegalArgumentException.class, () -> new Slice(-1, 3));
        assertThrows(IllegalArgumentException.class, () -> new Output(0, OutputKind.SOFTMAX));
        assertThrows(IllegalArgumentException.class, () -> new Autoencoder(4, -1, false));
        assertThrows(IllegalArgumentException.class, () -> new Input(0, 28, 28));
        assertThrows(IllegalArgumentException.class, () -> new Quantum(circuit4(), List.of(), 1.0, false));
        assertThrows(IllegalArgumentException.class, () -> new Quantum(circuit4(), List.of(PauliString.z(0)), Double.NaN, false));
        assertThrows(IllegalArgumentException.class, () -> new ParallelQuantum(circuit4(), 0, List.of(PauliString.z(0))));
        assertThrows(IllegalArgumentException.class, () -> new Quanvolution(circuit4(), 2, 0, false));
        assertThrows(IllegalArgumentException.class, () -> Shape.vector(0));
    }

    // ----- shapes and parameter counts -----

    @Test
    void concatJoinsVectorsAndImageChannels() {
        ModelGraph vectors = new ModelGraph(
                List.of(n("in", Input.vector(10)), n("d1", dense(8)), n("d2", dense(16)), n("cat", new Concat()), n("out", softmax(3))),
                List.of(new Edge("in", "d1"), new Edge("in", "d2"), new Edge("d2", "cat"), new Edge("d1", "cat"),
                        new Edge("cat", "out")));
        GraphAnalysis a = vectors.analyse();
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(Shape.vector(24), shape(a, "cat"));
        assertEquals(24 * 3 + 3, a.parameters("out"));
        assertEquals(List.of("d2", "d1"), vectors.inputsOf("cat")); // edge order is input order

        ModelGraph images = new ModelGraph(
                List.of(n("in", new Input(1, 28, 28)), n("c1", conv(8, 3, 1, Padding.VALID)), n("c2", conv(4, 3, 1, Padding.VALID)),
                        n("cat", new Concat()), n("out", softmax(10))),
                List.of(new Edge("in", "c1"), new Edge("in", "c2"), new Edge("c1", "cat"), new Edge("c2", "cat"),
                        new Edge("cat", "out")));
        GraphAnalysis b = images.analyse();
        assertTrue(b.isValid(), b.problems().toString());
        assertEquals(Shape.image(12, 26, 26), shape(b, "cat"));
        assertEquals(12 * 26 * 26 * 10 + 10, b.parameters("out"));
    }

    @Test
    void addKeepsTheShape() {
        ModelGraph g = new ModelGraph(
                List.of(n("in", Input.vector(4)), n("d1", dense(8)), n("d2", dense(8)), n("sum", new Add()), n("out", softmax(2))),
                List.of(new Edge("in", "d1"), new Edge("in", "d2"), new Edge("d1", "sum"), new Edge("d2", "sum"),
                        new Edge("sum", "out")));
        GraphAnalysis a = g.analyse();
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(Shape.vector(8), shape(a, "sum"));
        assertEquals(0, a.parameters("sum"));
        assertEquals(2 * (4 * 8 + 8) + 8 * 2 + 2, a.totalParameters());
    }

    @Test
    void sliceTakesAFeatureRange() {
        GraphAnalysis a = ModelGraph.chain(n("in", Input.vector(10)), n("s", new Slice(2, 7)), n("out", softmax(2))).analyse();
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(Shape.vector(5), shape(a, "s"));
        assertEquals(5 * 2 + 2, a.parameters("out"));
    }

    @Test
    void convSameAndValidWithStrideTwo() {
        for (int[] c : new int[][] {{28, 13, 14}, {7, 3, 4}, {8, 3, 4}}) {
            int in = c[0];
            GraphAnalysis valid = ModelGraph.chain(n("in", new Input(1, in, in)), n("c", conv(8, 3, 2, Padding.VALID)),
                    n("out", softmax(2))).analyse();
            GraphAnalysis same = ModelGraph.chain(n("in", new Input(1, in, in)), n("c", conv(8, 3, 2, Padding.SAME)),
                    n("out", softmax(2))).analyse();
            assertEquals(Shape.image(8, c[1], c[1]), shape(valid, "c"), "VALID on " + in);
            assertEquals(Shape.image(8, c[2], c[2]), shape(same, "c"), "SAME on " + in);
            assertEquals(80, valid.parameters("c"));
            assertEquals(80, same.parameters("c"));
        }
        GraphAnalysis rgb = ModelGraph.chain(n("in", new Input(3, 32, 20)), n("c", conv(16, 5, 1, Padding.VALID)),
                n("out", softmax(2))).analyse();
        assertEquals(Shape.image(16, 28, 16), shape(rgb, "c"));
        assertEquals(5 * 5 * 3 * 16 + 16, rgb.parameters("c"));
    }

    @Test
    void poolsFlattenDropoutAndActivation() {
        GraphAnalysis a = ModelGraph.chain(n("in", new Input(8, 26, 26)), n("mp", new MaxPool(3, 2)), n("ap", new AvgPool(2, 2)),
                n("dr", new Dropout(0.25)), n("act", new ActivationLayer(Activation.LEAKY_RELU)), n("fl", new Flatten()),
                n("out", softmax(2))).analyse();
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(Shape.image(8, 12, 12), shape(a, "mp"));
        assertEquals(Shape.image(8, 6, 6), shape(a, "ap"));
        assertEquals(Shape.image(8, 6, 6), shape(a, "dr"));
        assertEquals(Shape.image(8, 6, 6), shape(a, "act"));
        assertEquals(Shape.vector(288), shape(a, "fl"));
        assertEquals("288", shape(a, "fl").toString());
        assertEquals(288 * 2 + 2, a.totalParameters());
    }

    @Test
    void batchNormCountsFourPerChannelOrFeature() {
        GraphAnalysis image = ModelGraph.chain(n("in", new Input(1, 28, 28)), n("c", conv(8, 3, 1, Padding.VALID)),
                n("bn", new BatchNorm()), n("out", softmax(2))).analyse();
        assertEquals(Shape.image(8, 26, 26), shape(image, "bn"));
        assertEquals(32, image.parameters("bn"));
        GraphAnalysis vector = ModelGraph.chain(n("in", Input.vector(10)), n("d", dense(64)), n("bn", new BatchNorm()),
                n("out", softmax(2))).analyse();
        assertEquals(Shape.vector(64), shape(vector, "bn"));
        assertEquals(256, vector.parameters("bn"));
    }

    @Test
    void parallelQuantumShapesAndCounts() {
        ParallelQuantum pq = new ParallelQuantum(circuit4(), 4, List.of(PauliString.z(0), PauliString.z(1)));
        GraphAnalysis a = ModelGraph.chain(n("in", Input.vector(16)), n("pq", pq), n("out", softmax(2))).analyse();
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(Shape.vector(8), shape(a, "pq"));
        assertEquals(32, a.parameters("pq"));
        assertEquals(32, a.quantumParameters());
        assertEquals(8 * 2 + 2, a.classicalParameters());
        assertEquals(16, a.qubitsUsed());
        assertEquals(4, a.largestCircuit());
    }

    @Test
    void quanvolutionShapesAndCounts() {
        Circuit filter = new Circuit(4, Templates.quanvolutionFilter(10, true, "f", 3));
        int weights = filter.weightNames().size();
        assertTrue(weights > 0);
        GraphAnalysis a = ModelGraph.chain(n("in", new Input(1, 28, 28)), n("qv", new Quanvolution(filter, 2, 2, true)),
                n("out", softmax(10))).analyse();
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(Shape.image(4, 14, 14), shape(a, "qv"));
        assertEquals(weights, a.parameters("qv"));
        assertEquals(weights, a.quantumParameters());
        assertEquals(4 * 14 * 14 * 10 + 10, a.parameters("out"));

        GraphAnalysis fixed = ModelGraph.chain(n("in", new Input(3, 9, 9)), n("qv", new Quanvolution(filter, 2, 1, false)),
                n("out", softmax(10))).analyse();
        assertEquals(Shape.image(12, 8, 8), shape(fixed, "qv"));
        assertEquals(0, fixed.parameters("qv"));
        assertEquals(0, fixed.quantumParameters());
        assertEquals(4, fixed.qubitsUsed());
    }

    @Test
    void quantumOutputScalingAddsAScaleAndBiasPerOutput() {
        Quantum q = new Quantum(circuit4(), List.of(PauliString.z(0), PauliString.parse("Z1 Z2"), PauliString.x(3)), 3.14, true);
        GraphAnalysis a = ModelGraph.chain(n("in", Input.vector(4)), n("q", q), n("out", softmax(2))).analyse();
        assertTrue(a.isValid(), a.problems().toString());
        assertEquals(Shape.vector(3), shape(a, "q"));
        assertEquals(8 + 2 * 3, a.parameters("q"));
        assertEquals(8, a.quantumParameters());
        assertEquals(6 + 3 * 2 + 2, a.classicalParameters());
    }

    // ----- edits are values -----

    @Test
    void equalGraphsAreEqual() {
        assertEquals(example(), example());
        assertEquals(example().hashCode(), example().hashCode());
        assertNotEquals(example(), example().moved("c1", 1, 2));
        ModelGraph built = ModelGraph.empty().withNode("a", Input.vector(3), 0, 0).withNode("b", softmax(2), 10, 0).withEdge("a", "b");
        assertEquals(ModelGraph.chain(new Node("a", Input.vector(3), 0, 0), new Node("b", softmax(2), 10, 0)), built);
        assertThrows(UnsupportedOperationException.class, () -> built.nodes().add(n("c", dense(2))));
        assertThrows(UnsupportedOperationException.class, () -> built.edges().clear());
    }

    @Test
    void withoutNodeDropsItsEdges() {
        ModelGraph g = example().withoutNode("p1");
        assertEquals(List.of("in", "c1", "d1", "q1", "out"), g.nodeIds());
        assertEquals(List.of(new Edge("in", "c1"), new Edge("d1", "q1"), new Edge("q1", "out")), g.edges());
        GraphAnalysis a = g.analyse();
        assertProblem(a, "d1", "not connected: drag an edge into d1");
        assertProblem(a, "c1", "c1 leads nowhere");
        ModelGraph repaired = g.withEdge("c1", "d1");
        assertTrue(repaired.analyse().isValid());
        assertEquals(8 * 26 * 26 * 4 + 4, repaired.analyse().parameters("d1"));
        // the original is untouched
        assertEquals(6, example().nodes().size());
    }

    @Test
    void movedKeepsTheAnalysis() {
        ModelGraph g = example();
        ModelGraph moved = g.moved("c1", 123.5, -40);
        assertEquals(new Node("c1", conv(8, 3, 1, Padding.VALID), 123.5, -40), moved.node("c1").orElseThrow());
        GraphAnalysis a = g.analyse(), b = moved.analyse();
        assertEquals(a.shapes(), b.shapes());
        assertEquals(a.parameterCounts(), b.parameterCounts());
        assertEquals(a.problems(), b.problems());
        assertEquals(a.order(), b.order());
    }

    @Test
    void replacedAndRenamed() {
        ModelGraph g = example().replaced("c1", conv(16, 3, 1, Padding.VALID));
        GraphAnalysis a = g.analyse();
        assertEquals(160, a.parameters("c1"));
        assertEquals(16 * 13 * 13 * 4 + 4, a.parameters("d1"));
        assertEquals(g.node("c1").orElseThrow().x(), 100.0);

        ModelGraph r = example().renamed("c1", "conv_1");
        assertEquals(List.of("in", "conv_1", "p1", "d1", "q1", "out"), r.nodeIds());
        assertTrue(r.hasEdge("in", "conv_1"));
        assertTrue(r.hasEdge("conv_1", "p1"));
        assertFalse(r.hasEdge("in", "c1"));
        assertEquals(80, r.analyse().parameters("conv_1"));
        assertEquals(example(), example().renamed("c1", "c1"));

        ModelGraph cat = new ModelGraph(List.of(n("a", Input.vector(2)), n("b", dense(2)), n("c", new Concat())),
                List.of(new Edge("b", "c"), new Edge("a", "c"), new Edge("a", "b")));
        assertEquals(List.of("b", "zz"), cat.renamed("a", "zz").inputsOf("c"));

        ModelGraph withoutEdge = example().withoutEdge("q1", "out");
        assertEquals(4, withoutEdge.edges().size());
        assertProblem(withoutEdge.analyse(), "out", "not connected");
    }

    @Test
    void invalidIdsAndEditsThrow() {
        assertThrows(IllegalArgumentException.class, () -> n("", dense(2)));
        assertThrows(IllegalArgumentException.class, () -> n("  ", dense(2)));
        assertThrows(IllegalArgumentException.class, () -> n(null, dense(2)));
        assertThrows(IllegalArgumentException.class, () -> n("a b", dense(2)));
        assertThrows(IllegalArgumentException.class, () -> n("a.b", dense(2)));
        assertThrows(IllegalArgumentException.class, () -> new Node("a", dense(2), Double.NaN, 0));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> new ModelGraph(List.of(n("a", dense(2)), n("a", dense(3))), List.of()));
        assertTrue(dup.getMessage().contains("two nodes are named a"), dup.getMessage());
        ModelGraph g = example();
        assertThrows(IllegalArgumentException.class, () -> g.withNode(n("c1", dense(2))));
        assertThrows(IllegalArgumentException.class, () -> g.renamed("c1", "p1"));
        assertThrows(IllegalArgumentException.class, () -> g.renamed("c1", "bad id"));
        assertThrows(IllegalArgumentException.class, () -> g.renamed("nope", "x"));
        assertThrows(IllegalArgumentException.class, () -> g.withoutNode("nope"));
        assertThrows(IllegalArgumentException.class, () -> g.moved("nope", 0, 0));
        assertThrows(IllegalArgumentException.class, () -> g.replaced("nope", dense(2)));
        assertThrows(IllegalArgumentException.class, () -> g.withoutEdge("in", "out"));
        assertTrue(ModelGraph.isValidId("conv-1_A"));
        assertFalse(ModelGraph.isValidId("conv 1"));
    }

    @Test
    void nextIdPicksAFreeName() {
        ModelGraph g = ModelGraph.empty().withNode(n("dense1", dense(2))).withNode(n("dense3", dense(2)));
        assertEquals("dense2", g.nextId("dense"));
        assertEquals("conv1", g.nextId("conv"));
    }

    @Test
    void analyseNeverThrowsOnRandomGraphs() {
        Random random = new Random(42);
        Circuit c = circuit4();
        LayerSpec[] specs = {new Input(1, 8, 8), Input.vector(16), new Flatten(), dense(4), conv(2, 3, 2, Padding.SAME),
                conv(2, 5, 1, Padding.VALID), new MaxPool(2, 2), new AvgPool(9, 1), new BatchNorm(), new Dropout(0.5),
                new ActivationLayer(Activation.TANH), new Concat(), new Add(), new Slice(1, 5), softmax(3),
                new Output(5, OutputKind.SIGMOID), new Autoencoder(3, 0, false), Quantum.of(c), ParallelQuantum.of(c, 2),
                new Quanvolution(c, 2, 1, true)};
        for (int trial = 0; trial < 500; trial++) {
            List<Node> nodes = new ArrayList<>();
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                nodes.add(n("n" + i, specs[random.nextInt(specs.length)]));
            }
            List<Edge> edges = new ArrayList<>();
            int edgeCount = random.nextInt(12);
            for (int e = 0; e < edgeCount; e++) {
                edges.add(new Edge("n" + random.nextInt(count + 1), "n" + random.nextInt(count + 1)));
            }
            ModelGraph g = new ModelGraph(nodes, edges);
            GraphAnalysis a = g.analyse();
            a.summary();
            assertTrue(a.classicalParameters() >= 0);
            assertEquals(a.problems().isEmpty(), a.isValid());
            for (Node node : nodes) {
                if (node.spec() instanceof Input in) {
                    assertEquals(Optional.of(in.shape()), a.shape(node.id()));
                }
            }
            for (GraphProblem p : a.problems()) {
                assertTrue(p.nodeId() == null || g.contains(p.nodeId()), p.toString());
            }
        }
    }
}
