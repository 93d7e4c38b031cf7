package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.training.QuantumProbe;
import dev.qanvas.nn.training.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs with their curves survive the project file; files written before the curves existed still open. */
class RunRecordFilesTest {

    @TempDir
    Path dir;

    @Test
    void curvesRoundTrip() throws Exception {
        RunRecord run = new RunRecord("run-1", "2026-11-21T20:00:00Z", TrainingSettings.defaults(), "/tmp/run-1", "STOPPED", 0.93,
                List.of(new RunRecord.Epoch(1, 0.5, 0.8, Double.NaN, Double.NaN, 3.2),
                        new RunRecord.Epoch(2, 0.4, 0.85, 0.45, 0.8, 3.1, 0.75, 0.9)),
                List.of(new RunRecord.LossPoint(0.0625, 0.71), new RunRecord.LossPoint(0.125, 0.69)),
                List.of(new RunRecord.QuantumPoint(0.5, "quanv", 0.41, 0.12, 0.33, 0.05, Double.NaN, 0.7,
                                List.of(new QuantumProbe.Cut("half", 0.41, 0.12), new QuantumProbe.Cut("up/down", 0.2, 0.01),
                                        new QuantumProbe.Cut("left/right", 0.3, 0.02))),
                        new RunRecord.QuantumPoint(1, "quanv", 0.45, 0.1, 0.35, 0.04, 1.5e-7, 0.6, List.of())),
                RunRecord.QUANTUM, RunRecord.digest(TinyTrainingProject.project().model()));
        Path file = dir.resolve("p.qanvas");
        ProjectFiles.write(file, TinyTrainingProject.project().withRun(run));
        RunRecord back = ProjectFiles.read(file).runs().get(0);
        assertEquals(run, back);
        assertTrue(back.quantum().get(1).endOfEpoch());
        assertTrue(!back.quantum().get(0).endOfEpoch());
        assertEquals(0.2, back.quantum().get(0).cuts().get(1).mean());
        assertEquals(0.75, back.epochs().get(1).validationBalancedAccuracy());
        assertEquals(0.9, back.epochs().get(1).validationMacroRocAuc());
        assertTrue(Double.isNaN(back.epochs().get(0).validationMacroRocAuc()));
    }

    @Test
    void olderRunsWithoutCurvesStillRead() throws Exception {
        String json = TinyTrainingProject.JSON.strip();
        json = json.substring(0, json.length() - 1) + """
                , "runs" : [ { "id" : "run-1", "started" : "2026-11-21T20:00:00Z",
                  "settings" : { "optimizer" : "ADAM", "learningRate" : 0.02, "batchSize" : 16, "epochs" : 2, "seed" : 1,
                                 "validationSplit" : 0.1, "patience" : 0 },
                  "directory" : "/tmp/run", "outcome" : "COMPLETED", "testAccuracy" : 0.9,
                  "epochs" : [ { "epoch" : 1, "trainLoss" : 0.5, "trainAccuracy" : 0.8, "validationLoss" : 0.6,
                                 "validationAccuracy" : 0.7, "seconds" : 2.0 } ] } ] }
                """;
        Path file = dir.resolve("old.qanvas");
        Files.writeString(file, json);
        RunRecord run = ProjectFiles.read(file).runs().get(0);
        assertEquals(1, run.epochs().size());
        assertTrue(Double.isNaN(run.epochs().get(0).validationBalancedAccuracy()), "absent, not 0");
        assertTrue(Double.isNaN(run.epochs().get(0).validationMacroRocAuc()));
        assertEquals(List.of("train", "validation"), List.copyOf(RunHistory.of(run, "old").series(RunHistory.ACCURACY).keySet()));
        assertTrue(run.batchLosses().isEmpty());
        assertTrue(run.quantum().isEmpty());
        assertEquals(null, run.trained(), "older runs do not say what they trained");
        assertEquals(null, run.modelDigest());
    }

    @Test
    void theModelDigestIgnoresTheLayoutButNotTheLayers() {
        var model = TinyTrainingProject.project().model();
        String digest = RunRecord.digest(model);
        assertEquals(12, digest.length());
        assertEquals(digest, RunRecord.digest(model.moved("q", 400, 300)), "moving a box is not an edit of the model");
        assertTrue(!digest.equals(RunRecord.digest(model.renamed("q", "q2"))));
        assertTrue(!digest.equals(RunRecord.digest(dev.qanvas.nn.ClassicalTwin.twinModel(model))));
        assertEquals(RunRecord.QUANTUM, RunRecord.kindOf(model));
        assertEquals(RunRecord.CLASSICAL, RunRecord.kindOf(dev.qanvas.nn.ClassicalTwin.twinModel(model)));
    }
}
