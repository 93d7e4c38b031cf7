package dev.qanvas.ui.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.ImageSet;
import dev.qanvas.insight.QuantumStates;
import dev.qanvas.nn.ModelFiles;
import dev.qanvas.nn.layers.QuantumParamInitializer;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.project.Project;
import dev.qanvas.project.RunSession;
import dev.qanvas.project.TinyTrainingProject;
import dev.qanvas.quantum.Circuit;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A model node's circuit is fed what the node receives inside the model: checked against the
 * Dense layer before it worked out by hand (tanh(W·image + b)) from the network's own parameters
 * and the transformed test image, and against a trained run's saved weights.
 */
class NodeProbeTest {

    @TempDir
    Path dir;

    /** tanh(image · W + b) of the tiny model's Dense layer "d", by hand. */
    private static double[] denseByHand(ComputationGraph net, ImageSet test, int index) {
        INDArray w = net.getLayer("d").getParam("W").castTo(DataType.DOUBLE); // [64, 4]
        INDArray b = net.getLayer("d").getParam("b").castTo(DataType.DOUBLE);
        float[] image = test.image(index);
        double[] out = new double[(int) w.size(1)];
        for (int j = 0; j < out.length; j++) {
            double sum = b.getDouble(j);
            for (int i = 0; i < image.length; i++) {
                sum += image[i] * w.getDouble(i, j);
            }
            out[j] = Math.tanh(sum);
        }
        return out;
    }

    @Test
    void anUntrainedModelFeedsTheNodeTheDenseOutputsWithInitialWeights() throws Exception {
        Project tiny = TinyTrainingProject.project();
        NodeProbe probe = NodeProbe.load(tiny, "q", null);
        assertTrue(probe.weightsFrom().startsWith("the initial weights (seed 1"), probe.weightsFrom());
        for (int index : new int[] {0, 7, 42}) {
            QuantumStates.Node node = probe.at(index);
            assertArrayEquals(denseByHand(probe.model().network(), probe.model().data().test(), index), node.inputsOf(0), 1e-5,
                    "test image " + index);
        }
        Circuit c = tiny.model().node("q").map(n -> ((dev.qanvas.nn.graph.LayerSpec.QuantumLayer) n.spec()).circuit()).orElseThrow();
        assertArrayEquals(new double[] {0.1, 0.2}, DatasetInputs.weightsFor(c, probe.at(0)), 1e-6, "a and b as drawn");

        CircuitViewModel.InputImage picture = DatasetInputs.inModel(probe, probe.at(7), 7, 0);
        assertEquals("x[0..3] in the model", picture.label());
        assertTrue(picture.tooltip().contains("Test image 7 of "), picture.tooltip());
        assertEquals(null, picture.box());
    }

    @Test
    void aTrainedRunOfThisModelLendsItsWeights() throws Exception {
        Project tiny = TinyTrainingProject.project();
        RunSession session = RunSession.prepare(tiny, tiny.training(), dir.resolve("run-1"), Map.of(), line -> { });
        RunSession.Result result = session.run(new RunEvents() { });
        Project trained = tiny.withRun(result.record());

        NodeProbe probe = NodeProbe.load(trained, "q", null);
        assertEquals("the weights run-1 trained", probe.weightsFrom());
        ComputationGraph saved = ModelFiles.restore(dir.resolve("run-1").resolve("model.zip"), false);
        double[] savedWeights = saved.getLayer("q").getParam(QuantumParamInitializer.WEIGHTS).castTo(DataType.DOUBLE).toDoubleVector();
        Circuit c = tiny.model().node("q").map(n -> ((dev.qanvas.nn.graph.LayerSpec.QuantumLayer) n.spec()).circuit()).orElseThrow();
        assertArrayEquals(savedWeights, DatasetInputs.weightsFor(c, probe.at(3)), 1e-6);
        assertFalse(java.util.Arrays.equals(new double[] {0.1, 0.2}, savedWeights), "training moved them");
        assertArrayEquals(denseByHand(saved, probe.model().data().test(), 3), probe.at(3).inputsOf(0), 1e-5);

        // An edited model is not the one run-1 trained: back to initial weights.
        Project edited = trained.withModel(trained.model().replaced("d", new dev.qanvas.nn.graph.kinds.Dense(4,
                dev.qanvas.nn.graph.LayerSpec.Activation.RELU)));
        assertTrue(NodeProbe.load(edited, "q", null).weightsFrom().startsWith("the initial weights"));
    }

    @Test
    void aJunkModelFileOfAMatchingRunFallsBackToTheInitialWeights() throws Exception {
        Project tiny = TinyTrainingProject.project();
        Path run = java.nio.file.Files.createDirectories(dir.resolve("run-9"));
        java.nio.file.Files.write(run.resolve("model.zip"), new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 9, 9, 9});
        dev.qanvas.project.RunRecord junk = new dev.qanvas.project.RunRecord("run-9", "2026-12-06T10:00:00Z", tiny.training(),
                run.toString(), "COMPLETED", 0.5, java.util.List.of(), null, null, dev.qanvas.project.RunRecord.QUANTUM,
                dev.qanvas.project.RunRecord.digest(tiny.model()));
        long t0 = System.nanoTime();
        NodeProbe probe = NodeProbe.load(tiny.withRun(junk), "q", null);
        assertTrue(probe.weightsFrom().startsWith("the initial weights"), probe.weightsFrom());
        assertEquals(4, probe.at(0).inputsOf(0).length);
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "within seconds");
    }
}
