package dev.qanvas.ui.train;

import dev.qanvas.nn.graph.kinds.Output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.training.AdversarialTraining;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.Project;
import dev.qanvas.project.RunHistory;
import dev.qanvas.project.RunRecord;
import dev.qanvas.project.TinyTrainingProject;
import dev.qanvas.ui.common.Immediate;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import dev.qanvas.ui.train.TrainWorkspace.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Train workspace's view model without JavaFX: synchronous stand-ins for the background
 * work, the UI thread and the display; the fit checks and the training thread are queued so a
 * test decides when they run.
 */
class TrainViewModelTest {

    static Path config;

    /** A settings folder of its own for each test: an unsaved project's runs are numbered in it. */
    @BeforeEach
    void settingsFolder() throws IOException {
        config = Files.createTempDirectory("qanvas-train-vm-test");
        System.setProperty("qanvas.config.dir", config.toString());
    }

    @AfterAll
    static void clear() {
        System.clearProperty("qanvas.config.dir");
    }

    /** Background work run at once on the calling thread, held back, or failed without running. */
    static final class Jobs implements Background.Runner {
        final List<String> titles = new ArrayList<>();
        final Queue<Runnable> waiting = new ArrayDeque<>();
        boolean hold;
        Exception fail;

        @Override
        public <T> void run(String title, Background.Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            titles.add(title);
            Runnable job = () -> {
                if (fail != null) {
                    onError.accept(fail);
                    return;
                }
                Immediate.deliver(work, onDone, onError);
            };
            if (hold) {
                waiting.add(job);
            } else {
                job.run();
            }
        }
    }

    static final class Display implements TrainViewModel.Display {
        List<TrainViewModel.RunRow> rows = List.of();
        List<RunHistory> runs = List.of();
        List<String> ids = List.of();
        final List<String> muted = new ArrayList<>();
        int refreshes;

        @Override
        public void showRows(List<TrainViewModel.RunRow> rows) {
            this.rows = rows;
        }

        @Override
        public void showRuns(List<RunHistory> runs, List<String> ids) {
            this.runs = runs;
            this.ids = ids;
        }

        @Override
        public void mute(String key) {
            muted.add(key);
        }

        @Override
        public void refresh() {
            refreshes++;
        }
    }

    private final Jobs jobs = new Jobs();
    private final Queue<Runnable> fitChecks = new ArrayDeque<>();
    private final Queue<Runnable> trainings = new ArrayDeque<>();
    private final Display display = new Display();
    private final List<String> errors = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();
    private DocumentModel doc;

    private TrainViewModel open(Project p) {
        doc = new DocumentModel(p);
        TrainViewModel vm = new TrainViewModel(doc, jobs, Runnable::run, fitChecks::add, trainings::add,
                new TrainViewModel.Notices() {
                    @Override
                    public void error(String title, Throwable error) {
                        errors.add(title + ": " + error.getMessage());
                    }

                    @Override
                    public void status(String message) {
                        statuses.add(message);
                    }
                }, display);
        vm.open();
        return vm;
    }

    /** Runs the fit checks waiting, oldest first. */
    private void checkFits() {
        while (!fitChecks.isEmpty()) {
            fitChecks.remove().run();
        }
    }

    private static Project mismatched(Project p) {
        return p.withModel(p.model().replaced("out", new Output(3, LayerSpec.OutputKind.SOFTMAX)));
    }

    /** Hypercube parity in 3 dimensions, 12 + 6 points a class, 3 folds: a kernel run of a second or so. */
    static Project tinyKernelProject() throws Exception {
        String json = "{\"formatVersion\": 2, \"name\": \"tiny kernel\", \"description\": \"d\", \"dataset\": {\"kind\": \"hypercube\","
                + " \"dimension\": 3, \"count\": 200, \"noise\": 0.1, \"seed\": 3}, \"transforms\": [], \"kernel\": {\"features\": \"pixels\","
                + " \"map\": \"zz\", \"reps\": 1, \"trees\": 10, \"folds\": 3, \"trainPerClass\": 12, \"testPerClass\": 6}}";
        return dev.qanvas.project.ProjectFiles.read("tiny.qanvas",
                new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void aKernelProjectTrainsWithGramProgressFoldsAndTheComparisonTable() throws Exception {
        Project kernel = tinyKernelProject();
        // a run recorded by `qanvas train --record`: no epochs, no model
        kernel = kernel.withRun(new RunRecord("run-1", "2026-12-06T22:00:00Z", kernel.training(), "runs/k", "COMPLETED",
                0.6, List.of(), null, null, RunRecord.KERNEL, null));
        TrainViewModel vm = open(kernel);
        checkFits();
        assertEquals(1, vm.rows().size(), "the recorded kernel run is listed");
        assertTrue(vm.isKernel());
        assertEquals("", vm.blockedProperty().get(), "a kernel project can be trained");
        assertTrue(vm.kernelSetupProperty().get().contains("ZZ map (reps 1, linear)"), vm.kernelSetupProperty().get());
        assertTrue(vm.startWithTwinBlockedReason().isPresent(), "no twin for a kernel project");

        List<String> texts = new ArrayList<>();
        vm.progressTextProperty().addListener((o, a, b) -> texts.add(b));
        List<String> partialRows = new ArrayList<>();
        vm.kernelRows().addListener((javafx.collections.ListChangeListener<KernelTraining.Row>) c -> {
            for (KernelTraining.Row r : vm.kernelRows()) {
                if (!r.done() && r.folds().stream().anyMatch(f -> !f.isNaN())) {
                    partialRows.add(r.learner() + " " + r.folds().stream().filter(f -> !f.isNaN()).count());
                }
            }
        });
        vm.start();
        assertEquals(State.RUNNING, vm.state());
        assertEquals(3, vm.kernelRows().size());
        assertEquals(1, trainings.size(), "the kernel runs on the training thread");
        trainings.remove().run();

        assertEquals(State.IDLE, vm.state());
        assertEquals(List.of(), errors);
        assertTrue(texts.contains("Gram matrix: 36 of 36 rows"), "rows done of 24 + 12 points: " + texts);
        assertTrue(partialRows.contains("QSVM (quantum kernel) 1") && partialRows.contains("Random forest 2"),
                "folds show as they finish: " + partialRows);
        for (KernelTraining.Row r : vm.kernelRows()) {
            assertTrue(r.done(), r.toString());
            assertEquals(3, r.folds().size());
            double mean = r.folds().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double sq = r.folds().stream().mapToDouble(f -> (f - mean) * (f - mean)).sum();
            assertEquals(mean, r.mean(), 1e-12, r.learner());
            assertEquals(Math.sqrt(sq / 2), r.std(), 1e-12, "sample standard deviation over 3 folds");
            assertTrue(r.test() >= 0 && r.test() <= 1 && r.seconds() >= 0);
        }
        RunRecord recorded = doc.project().runs().get(doc.project().runs().size() - 1);
        assertEquals(RunRecord.KERNEL, recorded.trained());
        assertEquals(recorded.id(), vm.inspectableProperty().get(), "the run can be opened in Inspect");
        assertEquals(vm.kernelRows().get(0).test(), recorded.testAccuracy(), 1e-12);
        dev.qanvas.project.RunFolder folder = dev.qanvas.project.RunFolder.of(recorded, doc.file());
        assertTrue(Files.isRegularFile(folder.kernelGram()) && Files.isRegularFile(folder.kernelPoints()) && folder.isKernelRun());
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(folder.summary().toFile());
        assertEquals(vm.kernelRows().get(1).folds().get(2), summary.get("cross_validation").get("rbf_svm").get("per_fold").get(2).asDouble());
        assertTrue(vm.statusProperty().get().startsWith("Completed: QSVM test accuracy"), vm.statusProperty().get());
        assertTrue(vm.kernelDiagnosticsProperty().get().contains("kernel-target alignment"));
        assertEquals(2, vm.rows().size(), "the new run is listed");
    }

    @Test
    void stoppingAKernelRunDuringTheGramMatrixSavesNothing() throws Exception {
        TrainViewModel vm = open(tinyKernelProject());
        checkFits();
        vm.progressTextProperty().addListener((o, a, b) -> {
            if (b.startsWith("Gram matrix") && vm.state() == State.RUNNING) {
                vm.stop(); // interrupts the thread running the kernel (here the test's)
            }
        });
        vm.start();
        trainings.remove().run();
        assertFalse(Thread.interrupted(), "the cancel is spent on the run");
        assertEquals(State.IDLE, vm.state());
        assertEquals("Stopped before the end: nothing was saved.", vm.statusProperty().get());
        assertEquals(List.of(), doc.project().runs(), "nothing recorded");
        assertNull(vm.inspectableProperty().get());
        assertEquals(List.of(), errors, "a cancel is not an error");
        assertTrue(vm.kernelRows().stream().noneMatch(KernelTraining.Row::done));
        // and it can run again
        vm.start();
        assertEquals(State.RUNNING, vm.state());
        vm.stop();
        trainings.remove().run();
        assertEquals(State.IDLE, vm.state());
        assertEquals(List.of(), doc.project().runs());
    }

    @Test
    void openingAProjectShowsItsSettingsAndChecksTheModelFitsTheData() {
        Project p = TinyTrainingProject.project();
        TrainViewModel vm = open(p);
        assertEquals(State.IDLE, vm.state());
        assertEquals(p.training(), vm.settingsProperty().get());
        assertEquals(1, fitChecks.size(), "the data is read off the UI thread");
        assertEquals("", vm.blockedProperty().get(), "not blocked while the check runs");
        checkFits();
        assertEquals("", vm.blockedProperty().get(), "the tiny model fits its data");
        assertEquals(List.of(), vm.rows(), "no runs yet");
        assertEquals(List.of(), display.ids);
        assertEquals("Tick a run to see how its entanglement moved with its loss.", vm.correlationProperty().get());
        assertEquals("Not started", vm.progressTextProperty().get());
        assertEquals(0, vm.progressProperty().get());
    }

    @Test
    void startIsBlockedWithTheReasonAndDoesNothing() {
        TrainViewModel vm = open(TinyTrainingProject.project());
        checkFits();
        doc.edit(doc.project().withModel(ModelGraph.empty()));
        assertEquals("There is no model yet: draw one in the Model workspace.", vm.blockedProperty().get());
        assertTrue(fitChecks.isEmpty(), "no data is read for an empty model");
        vm.start();
        assertEquals(State.IDLE, vm.state());
        assertEquals(List.of(), jobs.titles, "nothing prepared");

        doc.undo();
        assertEquals("", vm.blockedProperty().get());
        vm.settingsValidProperty().set(false);
        assertEquals("Fix the settings marked in red first.", vm.blockedProperty().get());
        vm.settingsValidProperty().set(true);
        assertEquals("", vm.blockedProperty().get());
    }

    @Test
    void theNewestFitCheckWins() {
        Project p = TinyTrainingProject.project();
        TrainViewModel vm = open(p);
        checkFits();
        doc.edit(mismatched(p));
        doc.edit(p.withTraining(p.training().withEpochs(3))); // the original model again, one more epoch
        assertEquals(2, fitChecks.size());
        fitChecks.remove().run(); // the mismatched model's check, overtaken by the next
        assertEquals("", vm.blockedProperty().get(), "an old check's result is dropped");
        fitChecks.remove().run();
        assertEquals("", vm.blockedProperty().get());

        doc.edit(mismatched(p));
        checkFits();
        String reason = vm.blockedProperty().get();
        assertTrue(reason.startsWith("The model does not fit the dataset: ") && reason.contains("3 classes"), reason);
        vm.start();
        assertEquals(State.IDLE, vm.state());
    }

    @Test
    void editingTheSettingsIsOneUndoableEdit() {
        TrainViewModel vm = open(TinyTrainingProject.project());
        vm.editSettings(doc.project().training().withEpochs(7));
        assertEquals(7, doc.project().training().epochs());
        assertEquals(7, vm.settingsProperty().get().epochs(), "the form shows the project's settings");
        assertTrue(doc.isModified());
        doc.undo();
        assertEquals(2, vm.settingsProperty().get().epochs());
    }

    @Test
    void adversarialTrainingIsASettingWithANoteOnWhatItCosts() {
        TrainViewModel vm = open(TinyTrainingProject.project());
        assertEquals(AdversarialTraining.Method.NONE, vm.settingsProperty().get().adversarial().method());
        assertEquals("", vm.adversarialNoteProperty().get(), "off: nothing to say");
        TrainingSettings before = doc.project().training();
        AdversarialTraining pgd = new AdversarialTraining(AdversarialTraining.Method.PGD, 0.05, 0.25, 3);
        vm.editSettings(before.withAdversarial(pgd));
        assertEquals(pgd, doc.project().training().adversarial());
        assertEquals(pgd, vm.settingsProperty().get().adversarial(), "the form shows it");
        int batch = before.batchSize();
        String note = vm.adversarialNoteProperty().get();
        assertTrue(note.contains("PGD (3 steps), epsilon 0.05, 25% of each batch (" + Math.round(0.25 * batch) + " of " + batch + " images)")
                && note.contains("1.8x to 4.0x"), note);
        vm.editSettings(doc.project().training().withAdversarial(pgd.withMethod(AdversarialTraining.Method.NONE)));
        assertEquals("", vm.adversarialNoteProperty().get());
        assertEquals(0.05, doc.project().training().adversarial().epsilon(), "switching off keeps the values");
        doc.undo();
        doc.undo();
        assertEquals(before, vm.settingsProperty().get());
        assertEquals("", vm.adversarialNoteProperty().get());
        assertTrue(TrainViewModel.adversarialNote(before.withAdversarial(
                new AdversarialTraining(AdversarialTraining.Method.FGSM, 0.1, 0.5, 7))).contains("1.5x to 2.0x"));
    }

    @Test
    void trainingUnderNoiseOrShotsIsASettingWithANoteOnItsGradients() {
        TrainViewModel vm = open(TinyTrainingProject.project());
        TrainingSettings before = doc.project().training();
        dev.qanvas.nn.training.TrainingExecution shots = dev.qanvas.nn.training.TrainingExecution.ideal().withShots(500);
        vm.editSettings(before.withExecution(shots));
        assertEquals(shots, vm.settingsProperty().get().execution(), "the form shows it");
        String note = vm.adversarialNoteProperty().get();
        assertTrue(note.contains("500 shots (seed 0)") && note.contains("parameter shift") && note.contains("ideal pure state"), note);
        doc.undo();
        assertEquals("", vm.adversarialNoteProperty().get(), "ideal again: nothing to say");
    }

    @Test
    void aRunThatCannotBePreparedLeavesTheStateIdleAndSaysWhy() {
        TrainViewModel vm = open(TinyTrainingProject.project());
        checkFits();
        jobs.fail = new IOException("disk full");
        vm.start();
        assertEquals(List.of("Preparing training"), jobs.titles);
        assertEquals(State.IDLE, vm.state());
        assertEquals(0, vm.progressProperty().get());
        assertEquals("Not started", vm.progressTextProperty().get());
        assertEquals("Could not start: disk full", vm.statusProperty().get());
        assertEquals(List.of("Cannot start training: disk full"), errors);
        assertTrue(trainings.isEmpty());
        assertTrue(doc.project().runs().isEmpty());
    }

    @Test
    void stoppingWhilePreparingRecordsNothingThenRunsWhatWasAsked() {
        TrainViewModel vm = open(TinyTrainingProject.project());
        checkFits();
        jobs.hold = true;
        vm.start();
        assertEquals(State.PREPARING, vm.state());
        assertEquals(TrainViewModel.INDETERMINATE, vm.progressProperty().get());
        assertEquals("Preparing…", vm.progressTextProperty().get());
        assertTrue(vm.isBusy());
        List<String> after = new ArrayList<>();
        vm.stopThen(() -> after.add("open the other project"));
        assertEquals(List.of(), after, "waits for the preparation");
        jobs.waiting.remove().run();
        assertEquals(List.of("open the other project"), after);
        assertEquals(State.IDLE, vm.state());
        assertEquals("Not started", vm.progressTextProperty().get());
        assertTrue(trainings.isEmpty(), "nothing trained");
        assertTrue(doc.project().runs().isEmpty(), "nothing recorded");

        vm.stopThen(() -> after.add("at once"));
        assertEquals(List.of("open the other project", "at once"), after, "idle: runs at once");
    }

    @Test
    void aRunTrainsPausesResumesStopsAndIsRecordedAsOneEdit() {
        TrainViewModel vm = open(TinyTrainingProject.project());
        checkFits();
        vm.start();
        assertEquals(State.RUNNING, vm.state());
        assertTrue(vm.tickingProperty().get());
        assertEquals("Epoch 1/2 · starting", vm.progressTextProperty().get());
        assertEquals(TrainViewModel.LIVE, vm.rows().get(0).id());
        assertEquals("Training now", vm.rows().get(0).title());
        assertEquals(List.of(TrainViewModel.LIVE), display.ids, "the live run is overlaid");
        assertEquals(1, trainings.size());

        vm.pause();
        assertEquals(State.PAUSED, vm.state());
        assertEquals("Paused", vm.speedTextProperty().get());
        vm.resume();
        assertEquals(State.RUNNING, vm.state());
        vm.stop();
        assertEquals(State.STOPPING, vm.state());
        assertEquals("", vm.blockedProperty().get());

        trainings.remove().run(); // the training thread: stops at once, writes its folder, hands the result back
        assertEquals(State.IDLE, vm.state());
        assertFalse(vm.tickingProperty().get());
        List<RunRecord> runs = doc.project().runs();
        assertEquals(1, runs.size());
        assertEquals("run-1", runs.get(0).id());
        assertEquals("STOPPED", runs.get(0).outcome());
        assertTrue(doc.isModified());
        assertTrue(vm.statusProperty().get().startsWith("Stopped: "), vm.statusProperty().get());
        assertFalse(vm.statusFailedProperty().get());
        assertTrue(statuses.get(statuses.size() - 1).startsWith("Training stopped: run-1, "), statuses.toString());
        assertEquals(List.of("run-1"), vm.rows().stream().map(TrainViewModel.RunRow::id).toList());
        assertEquals(List.of("run-1"), display.ids, "the recorded run stays on the charts");
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void trainWithTwinTrainsTheQuantumModelThenItsTwinAndOverlaysBoth() {
        TrainViewModel vm = open(TinyTrainingProject.project());
        checkFits();
        ModelGraph model = doc.project().model();
        assertTrue(vm.twinPossibleProperty().get());
        vm.startWithTwin();
        assertEquals(State.RUNNING, vm.state());
        trainings.remove().run(); // the quantum model completes; its twin is prepared at once
        assertEquals(State.RUNNING, vm.state(), "the twin trains next");
        assertTrue(vm.statusProperty().get().endsWith("Now training its classical twin."), vm.statusProperty().get());
        assertEquals(List.of(TrainViewModel.LIVE, "run-1"), display.ids, "the quantum run stays beside the live twin");
        assertTrue(vm.rows().get(0).detail().contains(" · twin · "), vm.rows().get(0).detail());
        trainings.remove().run();
        assertEquals(State.IDLE, vm.state());

        List<RunRecord> runs = doc.project().runs();
        assertEquals(List.of("quantum", "twin"), runs.stream().map(RunRecord::trained).toList());
        assertEquals(model, doc.project().model(), "the project's model is not changed");
        assertTrue(!runs.get(0).modelDigest().equals(runs.get(1).modelDigest()), "different models");
        assertEquals(List.of("run-2 · twin · completed", "run-1 · quantum · completed"),
                vm.rows().stream().map(TrainViewModel.RunRow::title).toList());
        assertEquals(List.of("run-2", "run-1"), display.ids, "both overlaid");
        assertTrue(vm.correlationProperty().get().startsWith("run-1 · quantum"),
                "the quantum run's correlation, not the twin's absence of one: " + vm.correlationProperty().get());
        assertTrue(runs.get(1).quantum().isEmpty(), "the twin has no circuit to measure");
        assertTrue(errors.isEmpty(), errors.toString());

        // A plain Start on an edited quantum model says so.
        doc.edit(doc.project().withModel(doc.project().model().renamed("q", "q2")));
        checkFits();
        vm.start();
        trainings.remove().run();
        assertEquals("run-3 · quantum, edited · completed", vm.rows().get(0).title());
    }

    @Test
    void trainWithTwinNeedsAQuantumLayerAndStoppingTheQuantumRunSkipsTheTwin() {
        TrainViewModel vm = open(TinyTrainingProject.project());
        checkFits();
        vm.startWithTwin();
        vm.stop();
        trainings.remove().run();
        assertEquals(State.IDLE, vm.state(), "a stopped quantum run is not followed by its twin");
        assertTrue(trainings.isEmpty());
        assertEquals(1, doc.project().runs().size());

        doc.edit(doc.project().withModel(dev.qanvas.nn.ClassicalTwin.twinModel(doc.project().model())));
        checkFits();
        assertFalse(vm.twinPossibleProperty().get());
        assertEquals("The model has no quantum layer to compare with a classical twin.", vm.startWithTwinBlockedReason().orElseThrow());
        vm.startWithTwin();
        assertEquals(State.IDLE, vm.state());
    }

    @Test
    void aCompletedRunFillsTheChartsAndCanBeOverlaidInspectedAndUndone() throws Exception {
        TrainViewModel vm = open(TinyTrainingProject.project());
        checkFits();
        vm.start();
        trainings.remove().run();
        assertEquals(State.IDLE, vm.state());
        assertEquals(1.0, vm.progressProperty().get(), 1e-9);
        assertTrue(vm.progressTextProperty().get().startsWith("Epoch 2/2 · batch "), vm.progressTextProperty().get());
        assertEquals("", vm.speedTextProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Completed: "), vm.statusProperty().get());
        assertEquals("run-1", vm.inspectableProperty().get(), "the saved model can be inspected");
        TrainViewModel.RunMetrics m = vm.metricsProperty().get();
        assertEquals("run-1", m.runId());
        assertEquals(List.of("0", "1"), m.classNames());
        double meanRecall = (m.metrics().recall()[0] + m.metrics().recall()[1]) / 2;
        assertEquals(meanRecall, m.metrics().balancedAccuracy(), 1e-12);
        assertTrue(vm.statusProperty().get().contains(String.format(java.util.Locale.ROOT, "balanced accuracy %.1f %%",
                100 * meanRecall)) && vm.statusProperty().get().contains("macro ROC AUC "), vm.statusProperty().get());
        assertTrue(display.muted.containsAll(List.of(RunHistory.LOSS_BATCH, RunHistory.LOSS_EPOCH, RunHistory.ACCURACY,
                RunHistory.ENTROPY)), display.muted.toString());
        assertTrue(display.refreshes > 0);
        RunHistory shown = display.runs.get(0);
        assertEquals("run-1 · quantum", shown.label(), "the legend says what the run trained");
        assertEquals(List.of("train", "validation", RunHistory.VALIDATION_BALANCED, RunHistory.VALIDATION_ROC_AUC),
                List.copyOf(shown.series(RunHistory.ACCURACY).keySet()), "the live run's accuracy chart has the per-class metrics");
        assertEquals(2, shown.series(RunHistory.ACCURACY).get(RunHistory.VALIDATION_ROC_AUC).getItemCount(), "one point per epoch");
        assertEquals(2, doc.project().runs().get(0).epochs().size());
        assertTrue(vm.correlationProperty().get().startsWith("run-1 · quantum"), vm.correlationProperty().get());
        assertFalse(vm.correlationHelpProperty().get().isEmpty());

        vm.showRun("run-1", false);
        assertEquals(List.of(), display.ids);
        assertEquals("Tick a run to see how its entanglement moved with its loss.", vm.correlationProperty().get());
        assertEquals("", vm.correlationHelpProperty().get());
        vm.showRun("run-1", true);
        assertEquals(List.of("run-1"), display.ids);
        assertEquals(2, display.runs.get(0).series(RunHistory.ACCURACY).get(RunHistory.VALIDATION_BALANCED).getItemCount(),
                "a past run shows them from its record");

        vm.start();
        assertNull(vm.inspectableProperty().get(), "a new run hides the last one's Inspect");
        assertNull(vm.metricsProperty().get(), "and its metrics");
        vm.stop();
        trainings.remove().run();
        assertEquals(List.of("run-2", "run-1"), vm.rows().stream().map(TrainViewModel.RunRow::id).toList(), "newest first");
        assertEquals(List.of("run-2"), display.ids, "the new run replaces the overlay");
        doc.undo();
        assertEquals(List.of("run-1"), vm.rows().stream().map(TrainViewModel.RunRow::id).toList());
        assertEquals(List.of(), display.ids, "the undone run leaves the charts");

        Path file = config.resolve("loss.csv");
        vm.exportTo(file, "a,b\n".getBytes());
        assertEquals("a,b\n", Files.readString(file));
        assertEquals("Exported " + file, statuses.get(statuses.size() - 1));
        assertEquals("tiny-loss-epoch.csv", vm.exportName("loss-epoch", "csv"));
    }

    @Test
    void runsNoProjectRecordedAreOverlaidAfterTheProjectsAndShownAlone() {
        RunRecord recorded = new RunRecord("run-1", "2026-12-07T05:00:00Z", null, "/tmp/run-1", "COMPLETED", 0.9,
                List.of(new RunRecord.Epoch(1, 0.5, 0.8, 0.6, 0.7, 1.0)));
        TrainViewModel vm = open(TinyTrainingProject.project().withRun(recorded));
        assertEquals(List.of("run-1"), display.ids, "the newest run, until the user picks");
        RunRecord a = new RunRecord("p0001", "2026-12-07T05:01:00Z", null, "/tmp/sweep/runs/p0001", "COMPLETED", 0.8,
                List.of(new RunRecord.Epoch(1, 0.4, 0.85, 0.5, 0.75, 1.0), new RunRecord.Epoch(2, 0.3, 0.9, 0.4, 0.8, 1.0)));
        RunRecord b = new RunRecord("run-1", "2026-12-07T05:02:00Z", null, "/tmp/sweep/runs/run-1", "COMPLETED", 0.7, List.of());
        vm.overlay(List.of(a, b));
        assertEquals(List.of("run-1", "p0001", "run-1-2"), vm.rows().stream().map(TrainViewModel.RunRow::id).toList(),
                "after the project's runs, under ids that stay unique");
        assertEquals(List.of("p0001", "run-1-2"), display.ids, "exactly the handed-over runs are shown");
        assertEquals(2, display.runs.get(0).series(RunHistory.LOSS_EPOCH).get("train").getItemCount());
        vm.showRun("run-1", true);
        assertEquals(List.of("run-1", "p0001", "run-1-2"), display.ids, "the user ticks more as usual");
        vm.overlay(List.of(b));
        assertEquals(List.of("run-1", "run-1-2"), vm.rows().stream().map(TrainViewModel.RunRow::id).toList(), "the new set replaces the old");
        assertEquals(List.of("run-1-2"), display.ids);
    }
}
