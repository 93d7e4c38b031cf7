package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.ModelFiles;
import dev.qanvas.data.Transform;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.training.InitFromRun;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** "Initialise from run": a run starts from another run's weights when the layers and shapes match, and says why not otherwise. */
class InitFromRunTest {

    @TempDir
    Path dir;

    private Path trainedRun() throws Exception {
        Project tiny = TinyTrainingProject.project();
        Path run = dir.resolve("run-1");
        RunSession.prepare(tiny, tiny.training().withEpochs(1), run, Map.of(), m -> { }).run(new RunEvents() { });
        return run;
    }

    private static INDArray param(ComputationGraph net, String layer, String key) {
        return net.getLayer(layer).getParam(key).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    }

    @Test
    void theNetworkStartsWithTheRunsWeightsOrAFreshOutputLayer() throws Exception {
        Path run = trainedRun();
        ComputationGraph trained = ModelFiles.restore(run.resolve("model.zip"), false);
        Project tiny = TinyTrainingProject.project();
        ComputationGraph fresh = RunSession.prepare(tiny, tiny.training(), dir.resolve("fresh"), Map.of(), m -> { }).network();
        assertNotEquals(trained.params().castTo(fresh.params().dataType()), fresh.params(), "training moved the weights");

        TrainingSettings all = tiny.training().withInitFrom(new InitFromRun(run.toString(), false));
        ComputationGraph started = RunSession.prepare(tiny, all, dir.resolve("all"), Map.of(), m -> { }).network();
        assertEquals(trained.params().castTo(started.params().dataType()), started.params(), "every parameter, quantum weights too");

        TrainingSettings head = tiny.training().withInitFrom(new InitFromRun(run.toString(), true));
        ComputationGraph newHead = RunSession.prepare(tiny, head, dir.resolve("head"), Map.of(), m -> { }).network();
        for (String layer : new String[] {"d", "q"}) {
            for (String key : newHead.getLayer(layer).paramTable().keySet()) {
                assertEquals(param(trained, layer, key), param(newHead, layer, key), layer + " " + key);
            }
        }
        for (String key : new String[] {"W", "b"}) {
            assertEquals(param(fresh, "out", key), param(newHead, "out", key), "the output layer keeps its fresh " + key);
            assertNotEquals(param(trained, "out", key), param(newHead, "out", key));
        }
    }

    @Test
    void aRunOfAnotherModelOrWithoutAModelIsRefusedWithTheReason() throws Exception {
        Path run = trainedRun();
        Project tiny = TinyTrainingProject.project();
        Project wider = tiny.withModel(tiny.model().replaced("in", new Input(1, 4, 4)))
                .withTransforms(tiny.transforms().with(Transform.Resize.class, new Transform.Resize(4, 4)));
        var shapes = assertThrows(IllegalArgumentException.class, () -> RunSession.prepare(wider,
                wider.training().withInitFrom(new InitFromRun(run.toString(), false)), dir.resolve("w"), Map.of(), m -> { }));
        assertTrue(shapes.getMessage().contains("cannot initialise from run-1") && shapes.getMessage().contains("layer d's W is [16, 4] here but [64, 4] in run-1"),
                shapes.getMessage());

        Project renamed = tiny.withModel(tiny.model().renamed("d", "angles"));
        var names = assertThrows(IllegalArgumentException.class, () -> RunSession.prepare(renamed,
                renamed.training().withInitFrom(new InitFromRun(run.toString(), false)), dir.resolve("r"), Map.of(), m -> { }));
        assertTrue(names.getMessage().contains("run-1 has no layer angles"), names.getMessage());

        Path empty = Files.createDirectories(dir.resolve("not-a-run"));
        var missing = assertThrows(IllegalArgumentException.class, () -> RunSession.prepare(tiny,
                tiny.training().withInitFrom(new InitFromRun(empty.toString(), false)), dir.resolve("m"), Map.of(), m -> { }));
        assertTrue(missing.getMessage().contains("has no model.zip"), missing.getMessage());
    }

    @Test
    void theSettingIsSavedOnlyWhenSetAndARelativeFolderIsTakenBesideTheProject() throws Exception {
        Project tiny = TinyTrainingProject.project();
        assertNull(tiny.training().initFrom(), "absent in older files");
        Path plain = dir.resolve("plain.qanvas");
        ProjectFiles.write(plain, tiny);
        assertFalse(Files.readString(plain).contains("initFrom"), "not written when not set");

        Project set = tiny.withTraining(tiny.training().withInitFrom(new InitFromRun("tiny.runs/run-2", true)));
        Path file = dir.resolve("p").resolve("tiny.qanvas");
        Files.createDirectories(file.getParent());
        ProjectFiles.write(file, set);
        Project read = ProjectFiles.read(file);
        assertEquals(new InitFromRun("tiny.runs/run-2", true), read.training().initFrom());
        assertEquals(file.getParent().resolve("tiny.runs/run-2").toAbsolutePath().normalize().toString(),
                RunSession.resolved(read.training(), file).initFrom().run());
        assertThrows(IllegalArgumentException.class, () -> new InitFromRun(" ", false));
    }
}
