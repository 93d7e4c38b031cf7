package dev.qanvas.project.model;

import dev.qanvas.nn.graph.kinds.ParallelQuantum;
import dev.qanvas.nn.graph.kinds.Dropout;
import dev.qanvas.nn.graph.kinds.Quantum;
import dev.qanvas.nn.graph.kinds.Slice;
import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Add;
import dev.qanvas.nn.graph.kinds.Flatten;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.LayerSpec.Activation;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.ModelGraph.Edge;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.quantum.PauliString;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The Model workspace's pure parts: palette catalog, node cards, summary, fields, edits, layout, SVG. */
class LayerCatalogTest {

    private static ModelGraph sample(String name) throws Exception {
        return ProjectFiles.read(Path.of("samples", name)).model();
    }

    private static LayerSpec spec(String type) {
        return LayerCatalog.find(type).orElseThrow().newSpec();
    }

    @Nested
    class Catalog {
        @Test
        void everyEntryMakesALayerOfItsTypeWithAOneLineDescription() {
            Set<String> types = new HashSet<>();
            for (LayerCatalog.Entry e : LayerCatalog.all()) {
                assertTrue(types.add(e.type()), "one entry per type: " + e.type());
                LayerSpec s = e.newSpec();
                assertEquals(e.type(), s.typeName());
                assertEquals(e.group() == LayerCatalog.Group.QUANTUM, s.isQuantum(), e.type());
                assertFalse(e.description().contains("\n"), e.type());
                assertTrue(e.description().length() <= 32, e.type() + " description fits one line of the palette: " + e.description());
                assertTrue(ModelGraph.isValidId(e.idPrefix() + "1"));
            }
            assertEquals(List.of("Quantum", "Quanvolution", "ParallelQuantum", "Photonic", "Qrnn"),
                    LayerCatalog.group(LayerCatalog.Group.QUANTUM).stream().map(LayerCatalog.Entry::type).toList());
            assertTrue(LayerCatalog.group(LayerCatalog.Group.CLASSICAL).size() >= 14, "every classical layer type is offered");
        }

        @Test
        void defaultQuantumLayersWorkInASmallModel() {
            // Each default circuit encodes what its layer feeds it, so these graphs have no problems.
            ModelGraph quantum = ModelGraph.chain(new ModelGraph.Node("in", Input.vector(4), 0, 0),
                    new ModelGraph.Node("q", spec("Quantum"), 200, 0), new ModelGraph.Node("out", spec("Output"), 400, 0));
            assertEquals(List.of(), quantum.analyse().problems());
            ModelGraph parallel = ModelGraph.chain(new ModelGraph.Node("in", Input.vector(8), 0, 0),
                    new ModelGraph.Node("pq", spec("ParallelQuantum"), 200, 0), new ModelGraph.Node("out", spec("Output"), 400, 0));
            assertEquals(List.of(), parallel.analyse().problems());
            ModelGraph quanv = ModelGraph.chain(new ModelGraph.Node("in", spec("Input"), 0, 0),
                    new ModelGraph.Node("qv", spec("Quanvolution"), 200, 0), new ModelGraph.Node("out", spec("Output"), 400, 0));
            assertEquals(List.of(), quanv.analyse().problems());
            assertEquals("4x14x14", quanv.analyse().shape("qv").orElseThrow().toString());
        }

        @Test
        void newSpecsAreEqualEachTime() {
            for (LayerCatalog.Entry e : LayerCatalog.all()) {
                assertEquals(e.newSpec(), e.newSpec(), "a seeded default: " + e.type());
            }
        }
    }

    @Nested
    class Cards {
        @Test
        void nodesOfTheCnnSampleShowShapesParametersAndQubits() throws Exception {
            ModelGraph g = sample("mnist-cnn-quantum-head.qanvas");
            GraphAnalysis a = g.analyse();
            NodeCard conv1 = NodeCard.of(g.node("conv1").orElseThrow(), a);
            assertEquals(List.of("conv1", "16 filters 3x3/1", "same, relu", "→ 16x28x28", "160 params"), conv1.bodyLines());
            assertEquals(NodeCard.Kind.CLASSICAL, conv1.kind());
            NodeCard q = NodeCard.of(g.node("quantum").orElseThrow(), a);
            assertEquals(List.of("quantum", "4 qubits", "8 circuit params", "→ 12", "8 params"), q.bodyLines());
            assertEquals(NodeCard.Kind.QUANTUM, q.kind());
            NodeCard in = NodeCard.of(g.node("input").orElseThrow(), a);
            assertFalse(in.hasInPort());
            assertTrue(in.hasOutPort());
            NodeCard out = NodeCard.of(g.node("output").orElseThrow(), a);
            assertFalse(out.hasOutPort());
            for (ModelGraph.Node n : g.nodes()) {
                assertEquals(NodeCard.of(n, a).height(), NodeCard.height(n.spec()), "layout knows the height: " + n.id());
                assertFalse(NodeCard.of(n, a).invalid());
            }
        }

        @Test
        void anInvalidNodeCarriesTheAnalysersMessages() {
            ModelGraph g = ModelGraph.chain(new ModelGraph.Node("in", Input.vector(10), 0, 0),
                    new ModelGraph.Node("d", new Dense(8, Activation.TANH), 200, 0),
                    new ModelGraph.Node("q", spec("Quantum"), 400, 0), new ModelGraph.Node("out", spec("Output"), 600, 0));
            GraphAnalysis a = g.analyse();
            NodeCard q = NodeCard.of(g.node("q").orElseThrow(), a);
            assertTrue(q.invalid());
            assertEquals(a.problemsFor("q").get(0).message(), q.problems().get(0));
            assertTrue(q.problems().get(0).contains("encodes 4 features but receives 8"), q.problems().get(0));
            assertEquals("→ 4", q.shape(), "a quantum layer's output shape is known even when its input does not fit");
        }
    }

    @Nested
    class Summary {
        @Test
        void cnnSampleParametersAndCircuitEvaluationsByHand() throws Exception {
            ModelGraph g = sample("mnist-cnn-quantum-head.qanvas");
            GraphAnalysis a = g.analyse();
            // conv1 3*3*1*16+16, conv2 3*3*16*32+32, hidden 32*7*7*64+64, dense 64*4+4, quantum 8 circuit
            // weights (no output scaling), output 12 measurements * 10 + 10.
            Map<String, Long> expected = Map.of("input", 0L, "conv1", 160L, "pool1", 0L, "conv2", 4640L, "pool2", 0L,
                    "hidden", 100416L, "drop", 0L, "dense", 260L, "quantum", 8L, "output", 130L);
            assertEquals(expected.keySet(), Set.copyOf(g.nodeIds()), "the sample's layers as computed by hand");
            expected.forEach((id, p) -> assertEquals(p, a.parameters(id), id));
            ModelSummary s = ModelSummary.of(g, a, 32);
            assertEquals(105614, s.totalParameters());
            assertEquals(8, s.quantumParameters());
            assertEquals(105606, s.classicalParameters());
            assertEquals(4, s.qubits());
            // One Quantum layer: 1 run per example; batch 32 x 1 x (forward + adjoint backward) = 64.
            assertEquals(64, s.circuitEvaluationsPerStep().getAsLong());
            assertEquals("105,614 parameters (105,606 classical · 8 quantum)  ·  4 qubits  ·  "
                    + "64 circuit evaluations per training step (batch 32)", s.text());
            assertTrue(s.explanation().startsWith(ModelSummary.FORMULA));
            assertTrue(s.explanation().contains("quantum: 1 run per example"), s.explanation());
            assertEquals(160, ModelSummary.of(g, a, 80).circuitEvaluationsPerStep().getAsLong(), "follows the batch size");
        }

        @Test
        void quanvolutionRunsOncePerPatchAndChannel() throws Exception {
            ModelGraph g = sample("mnist-quanvolution.qanvas");
            ModelSummary s = ModelSummary.of(g, g.analyse(), 32);
            // 28x28 image, 2x2 patches with stride 2: 14 x 14 = 196 runs per image; 32 x 196 x 2.
            assertEquals(12544, s.circuitEvaluationsPerStep().getAsLong());
            assertEquals(0, s.quantumParameters(), "a fixed filter has no trainable weights");
            assertEquals(4 * 14 * 14 * 10 + 10, s.totalParameters());
        }

        @Test
        void parallelGroupsAddUpAndAnUnknownInputGivesNoEstimate() {
            ModelGraph g = ModelGraph.chain(new ModelGraph.Node("in", Input.vector(4), 0, 0),
                    new ModelGraph.Node("q", spec("Quantum"), 200, 0),
                    new ModelGraph.Node("d", new Dense(12, Activation.TANH), 400, 0),
                    new ModelGraph.Node("pq", ParallelQuantum.of(((Quantum) spec("Quantum")).circuit(), 3), 600, 0),
                    new ModelGraph.Node("out", spec("Output"), 800, 0));
            ModelSummary s = ModelSummary.of(g, g.analyse(), 16);
            assertEquals(16 * (1 + 3) * 2, s.circuitEvaluationsPerStep().getAsLong());
            assertEquals(4 + 3 * 4, s.qubits());

            ModelGraph loose = ModelGraph.empty().withNode("qv", spec("Quanvolution"), 0, 0);
            ModelSummary u = ModelSummary.of(loose, loose.analyse(), 32);
            assertTrue(u.circuitEvaluationsPerStep().isEmpty(), "patches depend on the input shape");
            assertTrue(u.text().contains("? circuit evaluations"), u.text());

            ModelGraph classical = ModelGraph.chain(new ModelGraph.Node("in", Input.vector(4), 0, 0),
                    new ModelGraph.Node("out", spec("Output"), 200, 0));
            assertFalse(ModelSummary.of(classical, classical.analyse(), 32).text().contains("circuit"));
        }

        @Test
        void aPhotonicLayerCountsOpticalModesNotQubits() {
            ModelGraph g = ModelGraph.chain(new ModelGraph.Node("in", Input.vector(4), 0, 0),
                    new ModelGraph.Node("ph", new dev.qanvas.nn.graph.kinds.Photonic(4, 2,
                            dev.qanvas.nn.graph.kinds.Photonic.Readout.OCCUPATIONS, 1.0, 7), 200, 0),
                    new ModelGraph.Node("out", spec("Output"), 400, 0));
            ModelSummary s = ModelSummary.of(g, g.analyse(), 16);
            assertEquals(0, s.qubits());
            assertEquals(4, s.opticalModes());
            assertTrue(s.text().contains("4 optical modes") && !s.text().contains("qubit"), s.text());
            assertEquals(2 * 4 * 4, s.quantumParameters(), "two trainable 4 x 4 meshes: 2 m^2 angles");
        }

        @Test
        void aQrnnCountsItsLanesAndAncillas() throws Exception {
            // the sample: 1 input lane (pixel by pixel) + 3 cell lanes + 1 ancilla; per cell lane a bias,
            // 3 weights on the other lanes and 3 on their pairs: 3 x 7 = 21 parameters
            ModelGraph g = sample("qrnn-mnist.qanvas");
            ModelSummary s = ModelSummary.of(g, g.analyse(), 16);
            assertEquals(5, s.qubits());
            assertEquals(21, s.quantumParameters());
            // row by row on a 7-wide image: 7 input lanes
            ModelGraph rows = ModelGraph.chain(new ModelGraph.Node("in", new Input(1, 7, 7), 0, 0),
                    new ModelGraph.Node("r", new dev.qanvas.nn.graph.kinds.Qrnn(dev.qanvas.nn.graph.kinds.Qrnn.Reading.ROWS, 2, 1, 1, 1,
                            0.5, 1), 200, 0), new ModelGraph.Node("out", spec("Output"), 400, 0));
            assertEquals(7 + 2 + 1, ModelSummary.of(rows, rows.analyse(), 16).qubits());
            // too wide to read row by row: refused with the reason
            ModelGraph wide = ModelGraph.chain(new ModelGraph.Node("in", new Input(1, 4, 14), 0, 0),
                    new ModelGraph.Node("r", new dev.qanvas.nn.graph.kinds.Qrnn(dev.qanvas.nn.graph.kinds.Qrnn.Reading.ROWS, 2, 1, 1, 1,
                            0.5, 1), 200, 0), new ModelGraph.Node("out", spec("Output"), 400, 0));
            assertTrue(wide.analyse().problemsFor("r").get(0).toString().contains("17 qubits"), wide.analyse().summary());
        }
    }

    @Nested
    class Fields {
        private LayerFields.Field field(LayerSpec s, String key) {
            return LayerFields.of(s).stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow();
        }

        @Test
        void validValuesMakeTheNewSpec() {
            LayerSpec dense = new Dense(16, Activation.RELU);
            assertEquals("16", field(dense, "units").value(dense));
            assertEquals(new Dense(8, Activation.RELU), field(dense, "units").apply(dense, " 8 "));
            assertEquals(new Dense(16, Activation.TANH), field(dense, "activation").apply(dense, "TANH"));
            Quantum q = (Quantum) spec("Quantum");
            Quantum measured = (Quantum) field(q, "measurements").apply(q, "Z0, X1 Z2");
            assertEquals(List.of(PauliString.z(0), PauliString.parse("X1 Z2")), measured.measurements());
            assertEquals(q.circuit(), measured.circuit());
            Quantum scaled = (Quantum) field(q, "outputScaling").apply(q, "true");
            assertTrue(scaled.outputScaling());
        }

        @Test
        void invalidValuesSayWhy() {
            LayerSpec dense = new Dense(16, Activation.RELU);
            assertEquals("units must be at least 1, not 0",
                    assertThrows(IllegalArgumentException.class, () -> field(dense, "units").apply(dense, "0")).getMessage());
            assertEquals("Units must be a whole number, not \"many\"",
                    assertThrows(IllegalArgumentException.class, () -> field(dense, "units").apply(dense, "many")).getMessage());
            LayerSpec drop = new Dropout(0.2);
            assertThrows(IllegalArgumentException.class, () -> field(drop, "rate").apply(drop, "1.5"));
            assertThrows(IllegalArgumentException.class, () -> field(drop, "rate").apply(drop, "NaN"));
            LayerSpec slice = new Slice(0, 4);
            assertTrue(assertThrows(IllegalArgumentException.class, () -> field(slice, "from").apply(slice, "6")).getMessage()
                    .contains("0 <= from < to"));
            LayerSpec q = spec("Quantum");
            assertThrows(IllegalArgumentException.class, () -> field(q, "measurements").apply(q, " , "));
            assertThrows(IllegalArgumentException.class, () -> field(q, "measurements").apply(q, "Q7"));
            assertThrows(IllegalArgumentException.class, () -> field(dense, "activation").apply(dense, "SWISH"));
        }

        @Test
        void everyEditableTypeHasFieldsThatRoundTrip() {
            for (LayerCatalog.Entry e : LayerCatalog.all()) {
                LayerSpec s = e.newSpec();
                for (LayerFields.Field f : LayerFields.of(s)) {
                    assertEquals(s, f.apply(s, f.value(s)), e.type() + "." + f.key() + " shows its own value");
                }
            }
            assertTrue(LayerFields.of(new Flatten()).isEmpty());
        }
    }

    @Nested
    class Edits {
        private final ModelGraph base = ModelGraph.empty().withNode("input1", new Input(1, 28, 28), 40, 100);

        @Test
        void addingAfterANodeBuildsAChainThenAFan() {
            GraphEdits.Result r = GraphEdits.addAfter(base, spec("Dense"), "input1");
            assertEquals(List.of("dense1"), r.created());
            ModelGraph.Node d = r.graph().node("dense1").orElseThrow();
            assertEquals(40 + GraphEdits.STEP_X, d.x());
            assertEquals(100, d.y());
            assertTrue(r.graph().hasEdge("input1", "dense1"));

            GraphEdits.Result fan = GraphEdits.addAfter(r.graph(), spec("Dense"), "input1");
            ModelGraph.Node d2 = fan.graph().node("dense2").orElseThrow();
            assertEquals(d.x(), d2.x());
            assertTrue(d2.y() >= 100 + NodeCard.height(d.spec()), "placed below the node already there");
            assertTrue(fan.graph().hasEdge("input1", "dense2"));

            GraphEdits.Result input = GraphEdits.addAfter(base, spec("Input"), "input1");
            assertTrue(input.graph().edges().isEmpty(), "an Input takes no edge");
        }

        @Test
        void pasteGivesNewIdsAndKeepsTheEdgesAmongTheCopies() {
            ModelGraph g = GraphEdits.addAfter(base, spec("Dense"), "input1").graph();
            GraphEdits.Fragment f = GraphEdits.copy(g, List.of("input1", "dense1"));
            assertEquals(1, f.edges().size());
            GraphEdits.Result r = GraphEdits.paste(g, f, 32, 32);
            assertEquals(List.of("input2", "dense2"), r.created());
            assertTrue(r.graph().hasEdge("input2", "dense2"));
            assertEquals(g.node("dense1").orElseThrow().spec(), r.graph().node("dense2").orElseThrow().spec());
            assertEquals(g.node("dense1").orElseThrow().x() + 32, r.graph().node("dense2").orElseThrow().x());
            assertEquals(List.of("dense3"), GraphEdits.paste(r.graph(), GraphEdits.copy(g, List.of("dense1")), 0, 0).created());
        }

        @Test
        void deleteAndMove() {
            ModelGraph g = GraphEdits.addAfter(base, spec("Dense"), "input1").graph();
            ModelGraph noEdge = GraphEdits.delete(g, List.of(), List.of(new Edge("input1", "dense1")));
            assertEquals(2, noEdge.nodes().size());
            assertTrue(noEdge.edges().isEmpty());
            ModelGraph noNode = GraphEdits.delete(g, List.of("input1"), List.of());
            assertEquals(List.of("dense1"), noNode.nodeIds());
            assertTrue(noNode.edges().isEmpty());
            ModelGraph moved = GraphEdits.move(g, List.of("input1", "dense1"), 10.4, -20.6);
            assertEquals(50, moved.node("input1").orElseThrow().x());
            assertEquals(79, moved.node("dense1").orElseThrow().y());
        }
    }

    @Nested
    class Layout {
        @Test
        void layersByLongestPathFromTheInput() {
            ModelGraph g = ModelGraph.empty()
                    .withNode("out", spec("Output"), 0, 0)
                    .withNode("add", new Add(), 0, 0)
                    .withNode("in", Input.vector(8), 0, 0)
                    .withNode("a", new Dense(8, Activation.RELU), 0, 0)
                    .withNode("b1", new Dense(8, Activation.RELU), 0, 0)
                    .withNode("b2", new Dense(8, Activation.RELU), 0, 0)
                    .withEdge("in", "a").withEdge("in", "b1").withEdge("b1", "b2")
                    .withEdge("a", "add").withEdge("b2", "add").withEdge("add", "out");
            assertEquals(Map.of("in", 0, "a", 1, "b1", 1, "b2", 2, "add", 3, "out", 4), AutoLayout.columns(g));
            ModelGraph laid = AutoLayout.apply(g);
            assertEquals(AutoLayout.LEFT, laid.node("in").orElseThrow().x());
            assertEquals(AutoLayout.LEFT + 3 * GraphEdits.STEP_X, laid.node("add").orElseThrow().x());
            assertNotEquals(laid.node("a").orElseThrow().y(), laid.node("b1").orElseThrow().y(), "one column, two rows");
            assertEquals(g.edges(), laid.edges());
        }

        @Test
        void aChainLiesOnOneLineAndACycleStillGetsPlaces() throws Exception {
            ModelGraph chain = AutoLayout.apply(sample("mnist-cnn-quantum-head.qanvas"));
            assertEquals(1, chain.nodes().stream().map(ModelGraph.Node::y).distinct().count());
            ModelGraph cycle = ModelGraph.empty().withNode("a", new Dense(2, Activation.RELU), 0, 0)
                    .withNode("b", new Dense(2, Activation.RELU), 0, 0).withEdge("a", "b").withEdge("b", "a");
            Map<String, Integer> cols = AutoLayout.columns(cycle);
            assertEquals(Set.of(0, 1), new HashSet<>(cols.values()));
        }
    }

    @Nested
    class Svg {
        @Test
        void theDrawingIsWellFormedSvgWithEveryNodeAndShape() throws Exception {
            ModelGraph g = sample("mnist-cnn-quantum-head.qanvas");
            String svg = ModelSvg.of(g, g.analyse());
            Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            assertEquals("svg", d.getDocumentElement().getTagName());
            for (String id : g.nodeIds()) {
                assertTrue(svg.contains("id=\"node-" + id + "\""), id);
            }
            for (String shape : List.of("1x28x28", "16x28x28", "32x7x7", "100,416 params", "8 circuit params")) {
                assertTrue(svg.contains(">" + shape + "<") || svg.contains(shape), shape);
            }
            assertFalse(svg.contains(ModelColors.INVALID), "a valid model has nothing red");
        }

        @Test
        void invalidPartsAreRedWithTheirReason() {
            ModelGraph cyc = ModelGraph.chain(new ModelGraph.Node("in", Input.vector(10), 0, 0),
                    new ModelGraph.Node("d", new Dense(8, Activation.TANH), 200, 0)).withEdge("d", "in");
            String svg = ModelSvg.of(cyc, cyc.analyse());
            assertTrue(svg.contains(ModelColors.INVALID));
            assertTrue(svg.contains("takes no input"), "the analyser's message is the node's title");
            assertEquals("a &lt;b&gt; &amp; &quot;c&quot;", ModelSvg.esc("a <b> & \"c\""));
        }
    }
}
