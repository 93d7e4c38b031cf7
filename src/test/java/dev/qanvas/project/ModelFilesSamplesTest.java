package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.Datasets;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.ModelFiles;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.nn.training.DataArrays;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The allowlist is derived from real models: every research sample's model, written as Qanvas
 * writes it, passes {@link ModelFiles}' checks, has exactly its entries, names only allowed
 * classes, and restores to the same network.
 */
class ModelFilesSamplesTest {

    @Test
    void everySampleModelIsAcceptedAndNamesOnlyAllowedClasses(@TempDir Path dir) throws Exception {
        NumericEngine.start();
        Set<String> classes = new TreeSet<>();
        int models = 0;
        for (Samples.Sample s : Samples.list()) {
            Project p = s.project();
            if (p.model().nodes().isEmpty()) {
                continue;
            }
            models++;
            ComputationGraph net = GraphCompiler.compile(p.model(), p.training());
            Path zip = dir.resolve(s.file() + ".zip");
            ModelFiles.write(net, zip);
            Map<String, byte[]> entries = ModelFiles.check(zip);
            assertEquals(ModelFiles.WRITTEN, entries.keySet(), s.file());
            Set<String> named = ModelFiles.classNames(entries.get(ModelFiles.CONFIGURATION));
            named.forEach(c -> assertTrue(ModelFiles.allowedClass(c), s.file() + " names " + c));
            classes.addAll(named);

            ComputationGraph back = ModelFiles.restore(zip, true);
            assertEquals(net.params(), back.params(), s.file());
            assertEquals(net.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray(), s.file());
        }
        assertTrue(models >= 20, "models: " + models);
        // Qanvas's own layers and the DL4J pieces GraphCompiler uses are among them.
        for (String expected : new String[] {"dev.qanvas.nn.layers.QuantumLayer", "dev.qanvas.nn.layers.QuanvolutionLayer",
                "org.deeplearning4j.nn.conf.graph.LayerVertex", "org.deeplearning4j.nn.conf.layers.ConvolutionLayer",
                "org.nd4j.linalg.learning.config.Adam", "org.nd4j.linalg.lossfunctions.impl.LossMCXENT"}) {
            assertTrue(classes.contains(expected), expected + " in " + classes);
        }
        System.out.println("classes named by the research samples' models: " + classes);
    }

    @Test
    void aRestoredSampleModelPredictsIdentically(@TempDir Path dir) throws Exception {
        NumericEngine.start();
        Project p = Samples.load("binary-mnist-quantum.qanvas");
        ComputationGraph net = GraphCompiler.compile(p.model(), p.training());
        Path zip = dir.resolve("model.zip");
        ModelFiles.write(net, zip);
        ComputationGraph back = ModelFiles.restore(zip, false);
        Dataset data = p.transforms().apply(Datasets.load(p.dataset()));
        int[] first = {0, 1, 2, 3, 4, 5, 6, 7};
        INDArray x = DataArrays.features(data.test(), first, !data.isVector());
        assertEquals(net.outputSingle(false, x), back.outputSingle(false, x));
    }
}
