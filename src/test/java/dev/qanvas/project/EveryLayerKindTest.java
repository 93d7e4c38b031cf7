package dev.qanvas.project;

import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Flatten;
import dev.qanvas.nn.graph.kinds.Output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerKind;
import dev.qanvas.nn.graph.LayerKinds;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.LayerSpec.Activation;
import dev.qanvas.nn.graph.LayerSpec.OutputKind;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.training.TrainingSettings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every layer kind of {@link LayerKinds#ALL}, with its palette settings, in a small model built
 * around it: the model analyses without problems, compiles to DL4J with the parameter count the
 * analysis promised, survives the project-file round trip, and one training step on a random batch
 * changes its parameters. A new kind is tested here without editing this file.
 */
public class EveryLayerKindTest {

    private static final int BATCH = 4;
    private static final int CLASSES = 2;

    @Test
    void theRegistryHasOneKindPerLayerRecordNamedAsItsSpec() {
        Set<Class<?>> kinds = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (LayerKind<?> k : LayerKinds.ALL) {
            assertTrue(kinds.add(k.type()), "one kind per record: " + k.type());
            assertTrue(names.add(k.name()), "one kind per name: " + k.name());
            LayerSpec example = k.example();
            assertEquals(k.type(), example.getClass());
            assertEquals(k.name(), example.typeName());
            assertEquals(k.group() == LayerKind.Group.QUANTUM, example.isQuantum(), k.name());
            assertTrue(ModelGraph.isValidId(k.idPrefix() + "1"), k.name());
            assertEquals(k, LayerKinds.of(example));
            assertEquals(Optional.of(k), LayerKinds.named(k.name()));
        }
        assertEquals(new HashSet<>(LayerKinds.records()), kinds, "every LayerSpec record has a kind, and no more");
    }

    @Test
    void everyFieldShowsAndTakesBackItsOwnValue() {
        for (LayerKind<?> k : LayerKinds.ALL) {
            LayerSpec s = k.example();
            Set<String> keys = new HashSet<>();
            for (LayerFields.Field f : LayerFields.of(s)) {
                assertTrue(keys.add(f.key()), k.name() + "." + f.key() + " once");
                assertFalse(f.label().isBlank(), k.name() + "." + f.key());
                assertEquals(s, f.apply(s, f.value(s)), k.name() + "." + f.key());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyKindAnalysesCompilesRoundTripsAndTrains() {
        return LayerKinds.ALL.stream().map(k -> DynamicTest.dynamicTest(k.name(), () -> check(k)));
    }

    private static void check(LayerKind<?> kind) throws Exception {
        String id = "k";
        ModelGraph model = modelAround(kind, id);
        GraphAnalysis analysis = model.analyse();
        assertTrue(analysis.isValid(), kind.name() + ":\n" + analysis.summary());

        TrainingSettings settings = TrainingSettings.defaults();
        ComputationGraph net = GraphCompiler.compile(model, settings);
        assertEquals(analysis.totalParameters(), net.numParams(), kind.name() + ": the analysis counts what DL4J builds");
        GraphVertex vertex = net.getVertex(id);
        assertNotNull(vertex, kind.name() + ": the node's DL4J layer or vertex has its id");
        if (vertex.hasLayer()) {
            assertEquals(analysis.parameters(id), vertex.getLayer().numParams(), kind.name() + ": its own parameters");
        }

        Project project = Project.untitled().withModel(model);
        String json = ProjectFiles.toJson(project);
        Project back = ProjectFiles.read(kind.name(), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(project, back, kind.name() + ": the project file round trip");
        JsonNode node = new ObjectMapper().readTree(json).get("model").get("nodes");
        List<String> types = new ArrayList<>();
        node.forEach(n -> types.add(n.get("spec").get("type").asText()));
        assertTrue(types.contains(kind.name()), kind.name() + " is written as its name: " + types);

        Shape in = analysis.shape(model.nodes().get(0).id()).orElseThrow();
        Nd4j.getRandom().setSeed(1);
        INDArray features = in.isVector() ? Nd4j.rand(DataType.FLOAT, BATCH, in.size())
                : Nd4j.rand(DataType.FLOAT, BATCH, in.channels(), in.height(), in.width());
        int classes = model.nodes().stream().map(ModelGraph.Node::spec).filter(s -> s instanceof Output)
                .mapToInt(s -> ((Output) s).classes()).findFirst().orElseThrow();
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, classes);
        for (int i = 0; i < BATCH; i++) {
            labels.putScalar(i, i % classes, 1);
        }
        INDArray before = net.params().dup();
        INDArray ownBefore = vertex.hasLayer() && vertex.getLayer().numParams() > 0 ? vertex.getLayer().params().dup() : null;
        net.fit(new DataSet(features, labels));
        assertTrue(Double.isFinite(net.score()), kind.name() + ": loss " + net.score());
        assertNotEquals(before, net.params(), kind.name() + ": one step changes the parameters");
        if (ownBefore != null) {
            assertNotEquals(ownBefore, vertex.getLayer().params(), kind.name() + ": one step changes its own parameters");
        }
    }

    /**
     * A small valid model with the kind's palette spec as node {@code id}: the first of a few
     * templates that analyses without problems (Input and Output get a Flatten between; a merge
     * joins two Dense branches; any other layer sits between an Input, image or vector, and the
     * Output).
     */
    public static ModelGraph modelAround(LayerKind<?> kind, String id) {
        LayerSpec spec = kind.example();
        List<ModelGraph> candidates = new ArrayList<>();
        Output out = new Output(CLASSES, OutputKind.SOFTMAX);
        if (spec instanceof Input) {
            candidates.add(ModelGraph.chain(node(id, spec), node("flat", new Flatten()), node("out", out)));
        } else if (spec instanceof Output) {
            candidates.add(ModelGraph.chain(node("in", new Input(1, 8, 8)), node("flat", new Flatten()),
                    node(id, spec)));
        } else if (spec.isMerge()) {
            candidates.add(ModelGraph.empty().withNode("in", Input.vector(8), 0, 0)
                    .withNode("a", new Dense(4, Activation.TANH), 0, 0)
                    .withNode("b", new Dense(4, Activation.TANH), 0, 0)
                    .withNode(id, spec, 0, 0).withNode("out", out, 0, 0)
                    .withEdge("in", "a").withEdge("in", "b").withEdge("a", id).withEdge("b", id).withEdge(id, "out"));
        } else {
            for (Input input : List.of(new Input(1, 8, 8), new Input(2, 6, 6),
                    Input.vector(4), Input.vector(8), Input.vector(16))) {
                candidates.add(ModelGraph.chain(node("in", input), node(id, spec), node("out", out)));
            }
        }
        return candidates.stream().filter(g -> g.analyse().isValid()).findFirst()
                .orElseThrow(() -> new AssertionError("no small model around " + kind.name() + " analyses cleanly: "
                        + candidates.get(0).analyse().summary()));
    }

    private static ModelGraph.Node node(String id, LayerSpec spec) {
        return new ModelGraph.Node(id, spec, 0, 0);
    }
}
