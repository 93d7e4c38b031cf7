package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.qanvas.nn.training.AdversarialTraining;
import dev.qanvas.nn.training.QuantumProbe;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.TrainingSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared run flow of `qanvas train` and the Train workspace, on a project that trains in seconds. */
class RunSessionTest {

    @TempDir
    Path dir;

    @Test
    void aCompletedRunWritesEveryFileAndARecordThatCanBeOverlaid() throws Exception {
        Project project = TinyTrainingProject.project();
        Path folder = dir.resolve("run-1");
        RunSession session = RunSession.prepare(project, project.training(), folder, Map.of(), line -> { });
        List<QuantumProbe.Stats> steps = new CopyOnWriteArrayList<>();
        AtomicInteger batches = new AtomicInteger();
        RunSession.Result result = session.run(new RunEvents() {
            @Override
            public void batch(int epoch, int batch, int count, double loss) {
                batches.incrementAndGet();
            }

            @Override
            public void quantumStep(QuantumProbe.Stats stats) {
                steps.add(stats);
            }
        });
        assertEquals(RunEvents.Outcome.COMPLETED, result.outcome(), result.message());
        for (String f : List.of("metrics.csv", "summary.json", "model.zip", "project.qanvas", "checkpoints/latest.zip")) {
            assertTrue(Files.exists(folder.resolve(f)), f);
        }
        JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
        for (String key : List.of("test_accuracy", "total_seconds", "confusion_matrix", "outcome", "message", "seconds_per_epoch")) {
            assertTrue(summary.has(key), key);
        }
        assertEquals("COMPLETED", summary.get("outcome").asText());
        assertEquals(result.testAccuracy(), summary.get("test_accuracy").asDouble(), 1e-12);
        assertEquals("tiny", ProjectFiles.read(folder.resolve("project.qanvas")).name());

        List<String> csv = Files.readAllLines(folder.resolve("metrics.csv"));
        assertTrue(csv.get(0).startsWith("kind,epoch,batch,layer,loss,train_accuracy,validation_loss,validation_accuracy,seconds,"
                + "entropy_mean,entropy_std,meyer_wallach_mean,meyer_wallach_std,gradient_variance"), "old columns first: " + csv.get(0));
        int columns = csv.get(0).split(",", -1).length;
        for (String line : csv) {
            assertEquals(columns, line.split(",", -1).length, line);
        }
        assertEquals(batches.get(), csv.stream().filter(l -> l.startsWith("batch,")).count());
        assertEquals(2, csv.stream().filter(l -> l.startsWith("quantum,")).count(), "one probe per epoch");
        assertEquals(steps.size(), csv.stream().filter(l -> l.startsWith("quantum_step,")).count());

        // 324 training images in batches of 16: 21 per epoch, probed every 2 batches within the epoch when cheap enough.
        // How many probes follow the first depends on the machine's speed (the probe budget); the first always runs.
        assertTrue(steps.size() >= 1, "the quantum layer is probed within epochs: " + steps.size());
        for (QuantumProbe.Stats q : steps) {
            assertTrue(q.progress() > q.epoch() && q.progress() < q.epoch() + 1, "fractional time within its epoch: " + q);
            assertTrue(Double.isFinite(q.recentLoss()), q.toString());
            assertEquals(List.of("half", "up/down", "left/right"), q.cuts().stream().map(QuantumProbe.Cut::name).toList(),
                    "4 qubits form a 2x2 grid");
        }

        RunRecord record = result.record();
        assertEquals("run-1", record.id());
        assertEquals(folder.toAbsolutePath().toString(), record.directory());
        assertEquals(2, record.epochs().size());
        assertEquals(batches.get(), record.batchLosses().size(), "few batches: kept one by one");
        assertEquals(2 + steps.size(), record.quantum().size());
        assertEquals(2, record.quantum().stream().filter(RunRecord.QuantumPoint::endOfEpoch).count());

        // The record survives the project file, so the run can be overlaid from the project alone.
        Path file = dir.resolve("p.qanvas");
        ProjectFiles.write(file, project.withRun(record));
        assertEquals(record, ProjectFiles.read(file).runs().get(0));
    }

    @Test
    void anAdversarialRunRecordsItsSettings() throws Exception {
        Project project = TinyTrainingProject.project();
        AdversarialTraining fgsm = new AdversarialTraining(AdversarialTraining.Method.FGSM, 0.1, 0.5, 1);
        TrainingSettings s = project.training().withEpochs(1).withAdversarial(fgsm);
        Path folder = dir.resolve("adversarial");
        RunSession.Result result = RunSession.prepare(project, s, folder, Map.of(), line -> { }).run(new RunEvents() { });
        assertEquals(RunEvents.Outcome.COMPLETED, result.outcome(), result.message());
        assertEquals(fgsm, result.record().settings().adversarial(), "the record keeps the settings");
        assertEquals(fgsm, ProjectFiles.read(folder.resolve("project.qanvas")).training().adversarial(), "and the run's project copy");
        JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile()).get("adversarial_training");
        assertEquals("fgsm", summary.get("method").asText());
        assertEquals(0.1, summary.get("epsilon").asDouble());
        assertEquals(0.5, summary.get("ratio").asDouble());
        assertTrue(summary.get("crafting_seconds").asDouble() > 0, summary.toString());
    }

    @Test
    void aRunUnderNoiseAndShotsRecordsItsExecutionAndRepeatsWithItsSeed() throws Exception {
        Project project = TinyTrainingProject.project();
        dev.qanvas.nn.training.TrainingExecution device = new dev.qanvas.nn.training.TrainingExecution("illustrative-noisy",
                List.of("depolarizing=0.02"), 100, 5);
        TrainingSettings s = project.training().withEpochs(1).withExecution(device);
        RunSession.Result[] results = new RunSession.Result[2];
        for (int run = 0; run < 2; run++) {
            Path folder = dir.resolve("device-" + run);
            results[run] = RunSession.prepare(project, s, folder, Map.of(), line -> { }).run(new RunEvents() { });
            assertEquals(RunEvents.Outcome.COMPLETED, results[run].outcome(), results[run].message());
        }
        RunSession.Result result = results[0];
        assertEquals(device, result.record().settings().execution(), "the record keeps the execution");
        Path folder = dir.resolve("device-0");
        assertEquals(device, ProjectFiles.read(folder.resolve("project.qanvas")).training().execution(), "and the run's project copy");
        JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile()).get("quantum_execution");
        assertEquals("illustrative-noisy", summary.get("profile").asText());
        assertEquals("depolarizing=0.02", summary.get("noise").get(0).asText());
        assertEquals(100, summary.get("shots").asLong());
        assertEquals(5, summary.get("seed").asLong());
        assertEquals("parameter-shift", summary.get("gradient_method").asText());
        assertEquals(1, summary.get("quantum_layers").asInt());
        assertTrue(summary.get("ideal_test_accuracy").asDouble() > 0.5, summary.toString());
        // Same settings and seed: the same shots, so the same losses and test accuracy.
        assertEquals(results[0].record().batchLosses(), results[1].record().batchLosses());
        assertEquals(results[0].testAccuracy(), results[1].testAccuracy());
        // Ideal runs say so too.
        Path ideal = dir.resolve("ideal");
        RunSession.prepare(project, project.training().withEpochs(1), ideal, Map.of(), line -> { }).run(new RunEvents() { });
        JsonNode idealSummary = new ObjectMapper().readTree(ideal.resolve("summary.json").toFile()).get("quantum_execution");
        assertEquals("adjoint", idealSummary.get("gradient_method").asText());
        assertEquals(0, idealSummary.get("shots").asLong());
    }

    @Test
    void aModelWiderThanTheProfileIsRefusedBeforeTraining() {
        Project project = TinyTrainingProject.project();
        TrainingSettings s = project.training().withExecution(dev.qanvas.nn.training.TrainingExecution.ideal()
                .withProfile("no-such-profile-file.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunSession.prepare(project, s, dir.resolve("refused"), Map.of(), line -> { }));
        assertTrue(e.getMessage().contains("no-such-profile-file.json"), e.getMessage());
    }

    @Test
    void aStoppedRunStillSavesTheModelAndSummary() throws Exception {
        Project project = TinyTrainingProject.project();
        TrainingSettings s = project.training().withEpochs(50);
        Path folder = dir.resolve("stopped");
        RunSession session = RunSession.prepare(project, s, folder, Map.of(), line -> { });
        AtomicInteger batches = new AtomicInteger();
        RunSession.Result result = session.run(new RunEvents() {
            @Override
            public void batch(int epoch, int batch, int count, double loss) {
                if (batches.incrementAndGet() == 5) {
                    session.training().stop();
                }
            }
        });
        assertEquals(RunEvents.Outcome.STOPPED, result.outcome());
        assertTrue(result.modelSaved());
        ComputationGraph saved = ModelSerializer.restoreComputationGraph(folder.resolve("model.zip").toFile(), false);
        assertEquals(session.network().params(), saved.params(), "the model as it was when stopped");
        JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
        assertEquals("STOPPED", summary.get("outcome").asText());
        assertTrue(Double.isFinite(summary.get("test_accuracy").asDouble()));
        assertEquals("STOPPED", result.record().outcome());
        assertTrue(result.record().epochs().isEmpty());
    }

    @Test
    void aModelThatDoesNotFitIsRefusedWithAReason() {
        Project project = TinyTrainingProject.project();
        Project wrong = project.withModel(project.model().replaced("out",
                new dev.qanvas.nn.graph.kinds.Output(3, dev.qanvas.nn.graph.LayerSpec.OutputKind.SOFTMAX)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunSession.prepare(wrong, wrong.training(), dir.resolve("r"), Map.of(), line -> { }));
        assertTrue(e.getMessage().contains("has 3 classes but the dataset has 2"), e.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> RunSession.prepare(Project.untitled(), TrainingSettings.defaults(), dir.resolve("r2"), Map.of(), line -> { }));
        assertTrue(empty.getMessage().contains("no model"), empty.getMessage());
    }

    @Test
    void runFoldersGoBesideTheProjectOrIntoTheSettingsFolder() throws Exception {
        Path file = dir.resolve("My Project.qanvas");
        Path settings = dir.resolve("config");
        assertEquals(dir.resolve("My Project.runs").toAbsolutePath(), RunFolder.runsRoot(file, "My Project", settings));
        assertEquals(settings.resolve("runs").resolve("My_Project"), RunFolder.runsRoot(null, "My Project", settings));
        Path readOnly = dir.resolve("ro");
        Files.createDirectories(readOnly);
        assertTrue(readOnly.toFile().setWritable(false));
        try {
            if (!Files.isWritable(readOnly)) { // root may write anywhere
                assertEquals(settings.resolve("runs").resolve("x"), RunFolder.runsRoot(readOnly.resolve("x.qanvas"), "x", settings));
            }
        } finally {
            readOnly.toFile().setWritable(true);
        }
        Path root = dir.resolve("runs");
        Files.createDirectories(root.resolve("run-1"));
        assertEquals(root.resolve("run-3"), RunFolder.next(root, Set.of("run-2")).path());
        assertFalse(ProjectFiles.safeName("../x").contains("/"));
    }
}
