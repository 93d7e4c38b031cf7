package dev.qanvas.project;

import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.Datasets;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.training.DataArrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Every sample in samples/index.json opens, its model (when it has one) analyses without
 * problems, fits its dataset after the transforms, and takes one training step on a small batch
 * that changes its parameters. Full training is `qanvas reproduce`, not a test.
 */
class ResearchSamplesTest {

    private static final int BATCH = 8;

    @BeforeAll
    static void engine() {
        NumericEngine.start();
    }

    @Test
    void everySampleLoadsFitsItsDataAndTrainsOneBatch() throws Exception {
        List<Samples.Sample> samples = Samples.list();
        int withModel = 0;
        for (Samples.Sample s : samples) {
            Project p = s.project();
            assertFalse(p.name().isBlank(), s.file());
            assertFalse(p.description().isBlank(), s.file());
            if (p.model().nodes().isEmpty()) {
                continue;
            }
            withModel++;
            GraphAnalysis analysis = p.model().analyse();
            assertTrue(analysis.isValid(), s.file() + ":\n" + analysis.summary());
            Dataset data = p.transforms().apply(Datasets.load(p.dataset()));
            boolean images = fits(s.file(), p.model(), analysis, data);

            ComputationGraph net = GraphCompiler.compile(p.model(), p.training());
            assertEquals(analysis.totalParameters(), net.numParams(), s.file() + ": the analysis counts what DL4J builds");
            int[] first = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                first[i] = i;
            }
            DataSet batch = new DataSet(DataArrays.features(data.train(), first, images),
                    DataArrays.labels(data.train(), first, data.classCount()));
            INDArray before = net.params().dup();
            net.fit(batch);
            assertTrue(Double.isFinite(net.score()), s.file() + ": loss " + net.score());
            assertNotEquals(before, net.params(), s.file() + ": one step changes the parameters");
        }
        assertTrue(withModel >= 20, "the research samples have models: " + withModel);
    }

    /** The model's Input matches the dataset after its transforms and its Output the classes; returns whether inputs are images. */
    private static boolean fits(String file, ModelGraph model, GraphAnalysis analysis, Dataset data) {
        ModelGraph.Node input = model.nodes().stream().filter(n -> n.spec() instanceof Input).findFirst().orElseThrow();
        Shape expected = analysis.shape(input.id()).orElseThrow();
        Shape actual = data.isVector() ? Shape.vector(data.width()) : Shape.image(data.channels(), data.height(), data.width());
        assertEquals(expected, actual, file + ": the Input matches the data");
        Output output = (Output) model.nodes().stream().map(ModelGraph.Node::spec)
                .filter(spec -> spec instanceof Output).findFirst().orElseThrow();
        assertEquals(data.classCount(), output.classes(), file + ": one output per class");
        assertTrue(data.train().size() >= BATCH && data.test().size() > 0, file);
        return !expected.isVector();
    }
}
