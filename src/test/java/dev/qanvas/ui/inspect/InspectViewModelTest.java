package dev.qanvas.ui.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.insight.Predictions;
import dev.qanvas.insight.Saliency;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunRecord;
import dev.qanvas.quantum.StateReport;
import dev.qanvas.ui.common.Immediate;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Inspect view model without JavaFX: a queue of jobs stands in for the background threads
 * and runs them, in order, on the test's thread when the test says so. The run is an untrained
 * Dense + 4-qubit Quantum model on MNIST digits 0, 1 and 7 shrunk to 8x8, written as
 * {@code qanvas train --record} writes it.
 */
class InspectViewModelTest {

    @TempDir
    static Path dir;

    private static Project project;
    private static RunRecord run1;
    private static RunRecord run2;

    private DocumentModel doc;
    private static Project largerProject;
    private QueuedJobs jobs;
    private InspectViewModel vm;
    private final List<String> errors = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    @BeforeAll
    static void writeRuns() throws Exception {
        NumericEngine.start();
        Project base = InspectFixture.project("Inspect view model test");
        TrainingSettings settings = base.training();
        ModelGraph model = base.model();
        ComputationGraph net = GraphCompiler.compile(model, settings); // untrained: what it predicts does not matter here
        Path folder = dir.resolve("run-1");
        Files.createDirectories(folder);
        ModelSerializer.writeModel(net, folder.resolve("model.zip").toFile(), true);
        ProjectFiles.write(folder.resolve("project.qanvas"), base);
        run1 = new RunRecord("run-1", "2024-05-01T10:00:00Z", settings, folder.toAbsolutePath().toString(), "COMPLETED", 0.4, List.of());
        run2 = new RunRecord("run-2", "2024-05-02T10:00:00Z", settings, folder.toAbsolutePath().toString(), "COMPLETED", 0.4, List.of());
        project = base.withRun(run1).withRun(run2);

        Project larger = InspectFixture.project("Inspect view model test, 14x14", 14);
        Path largerFolder = dir.resolve("run-14");
        Files.createDirectories(largerFolder);
        ModelSerializer.writeModel(GraphCompiler.compile(larger.model(), settings), largerFolder.resolve("model.zip").toFile(), true);
        ProjectFiles.write(largerFolder.resolve("project.qanvas"), larger);
        largerProject = larger.withRun(new RunRecord("run-1", "2024-05-03T10:00:00Z", settings,
                largerFolder.toAbsolutePath().toString(), "COMPLETED", 0.4, List.of()));
    }

    @BeforeEach
    void open() {
        doc = new DocumentModel(project);
        jobs = new QueuedJobs();
        vm = new InspectViewModel(doc, jobs, (title, e) -> errors.add(title));
        vm.setListener(new InspectViewModel.Listener() {
            @Override
            public void emptied() {
                events.add("emptied");
            }

            @Override
            public void cellCleared() {
                events.add("cellCleared");
            }

            @Override
            public void stateShown(StateReport report, String caption) {
                events.add("state " + caption);
            }

            @Override
            public void stateFailed(String message) {
                events.add("stateFailed " + message);
            }
        });
    }

    /** Lists the runs and loads the chosen one, with everything the load asks for computed. */
    private void openAndLoad() {
        vm.refreshRuns();
        jobs.runAll();
        assertNotNull(vm.predictions(), "loaded; errors " + errors);
    }

    @Test
    void openingAProjectListsItsRunsNewestFirstAndShowsTheNewest() {
        vm.refreshRuns();
        assertEquals(List.of(), vm.runs(), "the disk is asked in the background");
        assertEquals(1, jobs.waiting(), "one job: looking for the runs");

        jobs.runNext();
        assertEquals(List.of(run2, run1), vm.runs());
        assertEquals(run2, vm.chosenRunProperty().get(), "the newest is chosen");
        assertEquals("Loading run-2…", vm.summaryProperty().get());
        assertNull(vm.predictions(), "loading in the background");
        assertFalse(vm.noRunsProperty().get());

        jobs.runAll();
        Predictions p = vm.predictions();
        assertNotNull(p);
        assertTrue(vm.summaryProperty().get().startsWith("run-2 · "), vm.summaryProperty().get());
        assertEquals(List.of(-1, 0, 1, 2), vm.classFilters());
        assertEquals(-1, vm.classFilterProperty().get());
        assertEquals(List.of(-1, 0, 1, 2), vm.targets());
        assertEquals(InspectViewModel.TARGET_PREDICTED, vm.targetProperty().get());
        int misclassified = p.misclassified(Predictions.Order.MOST_CONFIDENT_FIRST, java.util.OptionalInt.empty()).size();
        assertTrue(vm.galleryTitleProperty().get().startsWith("Misclassified (" + misclassified), vm.galleryTitleProperty().get());
        assertEquals(misclassified == 0 ? InspectViewModel.emptyGalleryText(p, null, -1) : "", vm.galleryEmptyProperty().get());
        assertTrue(vm.subjectIndex() >= 0, "the first image is in the detail pane");
        assertTrue(vm.detailTitleProperty().get().startsWith("Test image " + vm.subjectIndex() + " "), vm.detailTitleProperty().get());
        assertTrue(vm.saliencyCaptionProperty().get().startsWith("Vanilla gradient"), vm.saliencyCaptionProperty().get());
        assertEquals(3, vm.meansProperty().get().length, "a mean map per class");
        assertTrue(vm.meanStatusProperty().get().startsWith("Mean |d logit / d x|"));
        assertEquals(List.of(), errors);
    }

    /** The first project the workspace sees may have no runs: it says how to get one (it showed nothing). */
    @Test
    void aProjectWithoutRunsExplainsHowToGetOne() {
        DocumentModel empty = new DocumentModel(Project.untitled());
        InspectViewModel fresh = new InspectViewModel(empty, new QueuedJobs(), (title, e) -> errors.add(title));
        fresh.refreshRuns();
        assertEquals(List.of(), fresh.runs());
        assertTrue(fresh.noRunsProperty().get());
        assertTrue(fresh.emptyTextProperty().get().startsWith("No trained run to inspect yet."), fresh.emptyTextProperty().get());
    }

    /**
     * Seen in use: with an 8x8 project's image in the detail pane and a target class chosen, opening
     * a 28x28 project asked for the saliency of the old image through the new model ("expected
     * 784 values, got 64"). Opening another project must forget the old image before anything
     * asks for a detail.
     */
    @Test
    void openingAProjectOfAnotherImageSizeMidFlowShowsOnlyItsOwnImages() {
        openAndLoad();
        vm.selectTest(1);
        vm.targetProperty().set(2);
        jobs.runAll();
        assertEquals(64, vm.subjectGray().length);

        jobs.keepEveryRequest = true; // as a worker that starts each request at once, none is dropped
        doc.replace(largerProject, null);
        jobs.runAll();
        assertEquals(List.of(), errors, "no saliency of an 8x8 image through a 14x14 model");
        assertEquals(14, vm.model().data().width());
        assertEquals(196, vm.subjectGray().length, "the detail pane shows the new project's image");
        assertEquals(InspectViewModel.TARGET_PREDICTED, vm.targetProperty().get());
        assertFalse(vm.drawModeProperty().get());
    }

    @Test
    void replacingTheProjectResetsTheState() {
        openAndLoad();
        vm.selectTest(0);
        assertEquals(1, jobs.waitingModelWork(), "the detail of image 0 is asked for");

        doc.replace(Project.untitled(), null);
        assertEquals(List.of(), vm.runs());
        assertNull(vm.chosenRunProperty().get());
        assertTrue(vm.noRunsProperty().get(), "the picker is disabled");
        assertNull(vm.model());
        assertEquals("", vm.summaryProperty().get());
        assertTrue(vm.emptyTextProperty().get().contains("qanvas train") && vm.emptyTextProperty().get().contains("Train workspace"));
        assertTrue(events.contains("emptied"));
        assertEquals(0, jobs.waitingModelWork(), "the model work of the old run is forgotten");
        assertEquals(0, vm.pendingWork());
    }

    @Test
    void aConfusionCellFillsTheGalleryAndTheClassFilterLeavesIt() {
        openAndLoad();
        Predictions p = vm.predictions();
        List<String> names = p.classNames();
        vm.showCell(1, 1);
        assertEquals("True " + names.get(1) + ", predicted " + names.get(1) + " (" + p.cell(1, 1).length
                + (p.cell(1, 1).length > Gallery.LIMIT ? ", first " + Gallery.LIMIT + " shown" : "") + ")", vm.galleryTitleProperty().get());

        vm.classFilterProperty().set(2);
        assertTrue(events.contains("cellCleared"));
        int wrong = p.misclassified(Predictions.Order.MOST_CONFIDENT_FIRST, java.util.OptionalInt.of(2)).size();
        assertEquals("Misclassified · true class " + names.get(2) + " (" + wrong + ")", vm.galleryTitleProperty().get());
    }

    /** With every test image right the gallery is empty: it says so instead of showing nothing. */
    @Test
    void anEmptyGallerySaysWhy() {
        Predictions perfect = new Predictions(List.of("0", "1", "7"), new int[] {0, 1, 2, 2},
                new double[][] {{0.9, 0.05, 0.05}, {0.1, 0.8, 0.1}, {0, 0, 1}, {0.2, 0.2, 0.6}});
        assertEquals(List.of(), perfect.misclassified(Predictions.Order.MOST_CONFIDENT_FIRST, java.util.OptionalInt.empty()));
        assertEquals("No misclassified test images: all 4 were classified correctly.", InspectViewModel.emptyGalleryText(perfect, null, -1));
        assertEquals("No misclassified test images of true class 7: all 2 were classified correctly.",
                InspectViewModel.emptyGalleryText(perfect, null, 2));
        assertEquals("No test image is of true class 0 and predicted 7.", InspectViewModel.emptyGalleryText(perfect, new int[] {0, 2}, -1));

        openAndLoad();
        Predictions p = vm.predictions();
        vm.showCell(0, 0);
        assertEquals(p.cell(0, 0).length == 0 ? "No test image is of true class 0 and predicted 0." : "", vm.galleryEmptyProperty().get());
    }

    @Test
    void theMethodAndTheTargetRecomputeTheSaliency() {
        openAndLoad();
        List<String> names = vm.predictions().classNames();
        vm.methodProperty().set(Saliency.Method.INTEGRATED_GRADIENTS);
        assertEquals("Computing " + Saliency.Method.INTEGRATED_GRADIENTS.label() + "…", vm.saliencyCaptionProperty().get());
        assertEquals(1, jobs.waitingModelWork());
        jobs.runAll();
        assertTrue(vm.saliencyCaptionProperty().get().startsWith("Integrated Gradients from a black image"));

        vm.targetProperty().set(2);
        jobs.runAll();
        assertEquals(2, vm.detailProperty().get().target());
        assertTrue(vm.saliencyCaptionProperty().get().contains("the logit (pre-softmax output) of class " + names.get(2)),
                vm.saliencyCaptionProperty().get());
        double[] heat = vm.detailProperty().get().heat();
        assertEquals(64, heat.length, "one value per 8x8 pixel");
    }

    @Test
    void onlyTheNewestSubjectsResultIsShown() {
        openAndLoad();
        jobs.keepEveryRequest = true; // unlike the real worker: so the stale result does arrive
        vm.selectTest(3);
        vm.selectTest(5);
        jobs.runAll();
        assertEquals(5, vm.subjectIndex());
        assertEquals(5, vm.detailProperty().get().subject().testIndex(), "image 3's result came first and was dropped");
        assertTrue(vm.detailTitleProperty().get().startsWith("Test image 5 "));
    }

    @Test
    void theQuantumLayerStateFollowsTheImage() {
        openAndLoad();
        assertTrue(vm.quantumShownProperty().get());
        assertEquals(1, vm.nodes().size(), "one quantum layer");
        assertEquals(vm.nodes().get(0), vm.nodeProperty().get());
        assertTrue(vm.patchTextProperty().get().startsWith("4 qubits with this image's"), vm.patchTextProperty().get());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("state " + vm.nodeProperty().get().title() + " · inputs x = [")), events.toString());
    }

    @Test
    void aDrawingIsPredictedInDrawModeOnly() {
        openAndLoad();
        float[] stroke = new float[DrawPad.SIDE * DrawPad.SIDE];
        for (int y = 4; y < 24; y++) {
            stroke[y * DrawPad.SIDE + 14] = 1f;
        }
        vm.drawn(stroke);
        assertEquals(0, jobs.waitingModelWork(), "in test-image mode a drawing is ignored");
        assertFalse(vm.showsDrawing());

        assertTrue(vm.drawOfferedProperty().get(), "8x8 gray digits take a drawing");
        vm.selectMode(true, stroke);
        assertTrue(vm.drawModeProperty().get());
        assertTrue(vm.padShownProperty().get());
        jobs.runAll();
        assertTrue(vm.showsDrawing());
        assertTrue(vm.shownPrediction() >= 0);
        assertTrue(vm.detailTitleProperty().get().startsWith("Your drawing · predicted "), vm.detailTitleProperty().get());

        vm.selectTest(2);
        assertFalse(vm.drawModeProperty().get(), "picking a test image leaves the drawing");
        assertFalse(vm.padShownProperty().get());
        jobs.runAll();
        assertEquals(2, vm.subjectIndex());
    }

    @Test
    void selectShowsTheRunAskedFor() {
        openAndLoad();
        vm.select("run-1");
        jobs.runAll();
        assertEquals(run1, vm.chosenRunProperty().get());
        assertTrue(vm.summaryProperty().get().startsWith("run-1 · "), vm.summaryProperty().get());
    }

    @Test
    void aRunNoProjectRecordedOpensBesideTheProjectsRuns() {
        openAndLoad();
        RunRecord point = new RunRecord("p0003", "2024-05-04T10:00:00Z", run1.settings(), run1.directory(), "COMPLETED", 0.4, List.of());
        vm.open(point);
        jobs.runAll();
        assertEquals(List.of(point, run2, run1), vm.runs(), "listed with the project's runs");
        assertEquals(point, vm.chosenRunProperty().get());
        assertTrue(vm.summaryProperty().get().startsWith("p0003 · "), vm.summaryProperty().get());

        RunRecord noModel = new RunRecord("p0004", "2024-05-04T10:00:00Z", run1.settings(), dir.resolve("p0004").toString(),
                "FAILED", Double.NaN, List.of());
        vm.open(noModel);
        jobs.runAll();
        assertEquals(List.of("Cannot inspect p0004"), errors);
        assertEquals(point, vm.chosenRunProperty().get(), "the run shown stays");
    }

    @Test
    void aRunThatCannotBeLoadedSaysSo() throws Exception {
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("model.zip"), "not a model"); // and no project.qanvas
        RunRecord bad = new RunRecord("run-bad", "2024-05-03T10:00:00Z", run1.settings(), broken.toAbsolutePath().toString(),
                "COMPLETED", 0.4, List.of());
        doc.replace(project.withRun(bad), null);
        vm.refreshRuns();
        jobs.runAll();
        assertEquals(List.of(bad, run2, run1), vm.runs());
        assertEquals("Could not load run-bad", vm.summaryProperty().get());
        assertNull(vm.model());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("Could not load run-bad from "), errors.toString());

        vm.chooseRun(run1); // another pick still works
        jobs.runAll();
        assertTrue(vm.summaryProperty().get().startsWith("run-1 · "), vm.summaryProperty().get());
    }

    @Test
    void aFailedSaliencyClearsTheCaptionAndSaysSo() {
        openAndLoad();
        jobs.failing.add("detail");
        jobs.failing.add("state");
        vm.selectTest(1);
        jobs.runAll();
        assertEquals("", vm.saliencyCaptionProperty().get());
        assertEquals(List.of("Could not compute the saliency"), errors);
    }

    /**
     * The background threads as a queue run on the test's thread: disk jobs and model jobs in the
     * order asked; a model request replaces the one waiting in its slot, as {@code LatestWorker} does.
     */
    // ----- robustness -----

    @Test
    void robustnessStartsWithTheDefaultsAndOffersTheOtherRunsAsTransferSources() {
        openAndLoad();
        InspectRobustness rob = vm.robustness();
        assertTrue(rob.fgsmProperty().get() && rob.pgdProperty().get());
        assertEquals(200, rob.imagesProperty().get());
        assertEquals(10, rob.stepsProperty().get());
        assertEquals(List.of(run1), rob.others(), "every run but the loaded run-2");
        assertNull(rob.transferFromProperty().get(), "runs without a 'trained' kind have no twin to pick");
        assertTrue(rob.lines().isEmpty());
        assertFalse(rob.runningProperty().get());
        assertEquals(0, jobs.waitingCancellable(), "nothing is attacked until asked");
    }

    @Test
    void theTwinOfAQuantumRunIsTheDefaultTransferSource() {
        RunRecord quantum = withTrained(run1, RunRecord.QUANTUM);
        RunRecord classical = withTrained(run2, RunRecord.CLASSICAL).withId("run-3");
        RunRecord twin = withTrained(run2, RunRecord.TWIN);
        assertEquals(twin, InspectRobustness.twinOf(quantum, List.of(classical, twin)));
        assertEquals(quantum, InspectRobustness.twinOf(twin, List.of(classical, quantum)));
        assertNull(InspectRobustness.twinOf(classical, List.of(quantum, twin)));
    }

    private static RunRecord withTrained(RunRecord r, String trained) {
        return new RunRecord(r.id(), r.started(), r.settings(), r.directory(), r.outcome(), r.testAccuracy(), r.epochs(),
                r.batchLosses(), r.quantum(), trained, r.modelDigest());
    }

    @Test
    void attackingDrawsWhiteBoxAndTransferCurvesThenTheGallery() {
        openAndLoad();
        InspectRobustness rob = vm.robustness();
        rob.imagesProperty().set(12);
        rob.stepsProperty().set(2);
        rob.compareProperty().set(false);
        rob.transferFromProperty().set(run1);
        rob.run();
        assertTrue(rob.runningProperty().get());
        assertEquals("Attacking up to 12 test images…", rob.statusProperty().get());
        assertEquals(1, jobs.waitingCancellable(), "one job, off the UI thread");

        jobs.runNext();
        assertFalse(rob.runningProperty().get());
        assertEquals(List.of("run-2 · FGSM", "run-2 · PGD", "run-2 · PGD, transferred from run-1"),
                rob.lines().stream().map(InspectRobustness.Line::label).toList());
        for (InspectRobustness.Line line : rob.lines()) {
            assertEquals(InspectRobustness.EPSILONS.length, line.curve().accuracy().length);
            assertEquals(12, line.curve().images());
            assertEquals(line.curve().clean(), line.curve().at(0), 1e-12, "epsilon 0 leaves the images as they are");
        }
        assertEquals(1.0, jobs.progress.get(jobs.progress.size() - 1), 1e-9, "progress ends at 1");
        assertTrue(rob.statusProperty().get().startsWith("3 curves on 12 test images"), rob.statusProperty().get());

        assertEquals(1, jobs.waitingCancellable(), "then the gallery at the chosen epsilon");
        assertTrue(rob.galleryRunningProperty().get());
        jobs.runNext();
        InspectRobustness.Gallery g = rob.galleryProperty().get();
        assertNotNull(g, rob.galleryStatusProperty().get());
        assertEquals(Math.min(InspectRobustness.GALLERY, 12), g.entries().size());
        assertEquals(0.1, g.epsilon(), 0);
        assertEquals(1, g.meanShifts().size(), "one quantum layer moves");
        for (InspectRobustness.Entry e : g.entries()) {
            assertEquals(1, e.shifts().size());
            for (int k = 0; k < e.clean().length; k++) {
                assertTrue(Math.abs(e.adversarial()[k] - e.clean()[k]) <= 0.1 + 1e-9, "inside the epsilon ball");
            }
        }
        assertTrue(rob.galleryStatusProperty().get().contains("into mistakes"), rob.galleryStatusProperty().get());

        rob.galleryEpsilonProperty().set(0.3);
        assertEquals(1, jobs.waitingCancellable(), "a new epsilon crafts the gallery again");
        jobs.runAll();
        assertEquals(0.3, rob.galleryProperty().get().epsilon(), 0);
        assertEquals(List.of(), errors);
    }

    @Test
    void aModelWithBatchNormSaysItsAttackGradientsAreApproximate() throws Exception {
        Project base = InspectFixture.project("Batch norm");
        ModelGraph model = ModelGraph.chain(new ModelGraph.Node("input", new dev.qanvas.nn.graph.kinds.Input(1, 8, 8), 40, 100),
                new ModelGraph.Node("flatten", new dev.qanvas.nn.graph.kinds.Flatten(), 200, 100),
                new ModelGraph.Node("dense", new dev.qanvas.nn.graph.kinds.Dense(4, dev.qanvas.nn.graph.LayerSpec.Activation.TANH), 360, 100),
                new ModelGraph.Node("bn", new dev.qanvas.nn.graph.kinds.BatchNorm(), 440, 100),
                new ModelGraph.Node("output", new dev.qanvas.nn.graph.kinds.Output(3, dev.qanvas.nn.graph.LayerSpec.OutputKind.SOFTMAX), 680, 100));
        Project bn = base.withModel(model);
        Path folder = dir.resolve("run-bn");
        Files.createDirectories(folder);
        ModelSerializer.writeModel(GraphCompiler.compile(model, bn.training()), folder.resolve("model.zip").toFile(), true);
        ProjectFiles.write(folder.resolve("project.qanvas"), bn);
        doc = new DocumentModel(bn.withRun(new RunRecord("run-1", "2024-05-01T10:00:00Z", bn.training(),
                folder.toAbsolutePath().toString(), "COMPLETED", 0.4, List.of())));
        vm = new InspectViewModel(doc, jobs, (title, e) -> errors.add(title));
        openAndLoad();
        InspectRobustness rob = vm.robustness();
        assertEquals("", rob.noteProperty().get(), "known once the model is attacked");
        rob.imagesProperty().set(4);
        rob.stepsProperty().set(1);
        rob.pgdProperty().set(false);
        rob.run();
        jobs.runNext();
        assertTrue(rob.noteProperty().get().contains("batch normalisation") && rob.noteProperty().get().contains("approximate"),
                rob.noteProperty().get());
        assertEquals(List.of("run-1 · FGSM"), rob.lines().stream().map(InspectRobustness.Line::label).toList());
        assertTrue(rob.galleryProperty().get() == null && rob.galleryRunningProperty().get(), "then the gallery");
        jobs.runAll();
        assertEquals(List.of(), rob.galleryProperty().get().meanShifts(), "no quantum layer, nothing to move");
        assertEquals(List.of(), errors);
    }

    @Test
    void cancelStopsTheAttackAndKeepsNoResult() {
        openAndLoad();
        InspectRobustness rob = vm.robustness();
        rob.imagesProperty().set(8);
        rob.run();
        assertEquals(1, jobs.waitingCancellable());
        rob.cancel();
        assertEquals(0, jobs.waitingCancellable(), "the job is cancelled");
        assertFalse(rob.runningProperty().get());
        assertEquals("Cancelled.", rob.statusProperty().get());
        assertTrue(rob.lines().isEmpty());

        rob.fgsmProperty().set(false);
        rob.pgdProperty().set(false);
        rob.run();
        assertEquals(0, jobs.waitingCancellable(), "nothing to attack with");
        assertEquals("Choose FGSM, PGD or a run to transfer from.", rob.statusProperty().get());
    }

    @Test
    void comparingAttacksTheOtherRunsOnTheSameImages() {
        openAndLoad();
        InspectRobustness rob = vm.robustness();
        rob.imagesProperty().set(6);
        rob.stepsProperty().set(1);
        rob.fgsmProperty().set(false);
        rob.run();
        jobs.runNext();
        assertEquals(List.of("run-2 · PGD", "run-1 · PGD"), rob.lines().stream().map(InspectRobustness.Line::label).toList());
        // run-1 and run-2 share one model folder here: the same model on the same images gives the same curve
        assertArrayEquals(rob.lines().get(0).curve().accuracy(), rob.lines().get(1).curve().accuracy(), 1e-12);
        assertTrue(rob.lines().get(0).chosen() && !rob.lines().get(1).chosen());

        vm.chooseRun(run1);
        jobs.runAll();
        assertTrue(rob.lines().isEmpty(), "another run forgets the curves");
        assertNull(rob.galleryProperty().get());
        assertEquals(List.of(run2), rob.others());
    }

    /** Also used by InspectLabelIssuesTest and InspectNoiseTest. */
    static final class QueuedJobs implements InspectJobs {
        static final String CANCELLABLE = "(cancellable)";

        private record Job(String slot, Runnable run) {
        }

        private final Deque<Job> queue = new ArrayDeque<>();
        /** Slots whose work fails. */
        final Set<String> failing = new HashSet<>();
        /** Keep a waiting request when another comes for its slot. */
        boolean keepEveryRequest;

        @Override
        public <T> void background(String title, Background.Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            queue.add(new Job(null, () -> {
                Immediate.deliver(work, onDone, onError);
            }));
        }

        /** Progress each cancellable job reported, in order. */
        final List<Double> progress = new ArrayList<>();

        @Override
        public <T> Runnable cancellable(String title, Background.Work<T> work, java.util.function.DoubleConsumer onProgress,
                                        Consumer<T> onDone, Consumer<Throwable> onError) {
            Job job = new Job(CANCELLABLE, () -> {
                T result;
                try {
                    result = work.run(new Background.Reporter() {
                        @Override
                        public void message(String text) {
                        }

                        @Override
                        public void progress(double done, double max) {
                            progress.add(done / max);
                            onProgress.accept(done / max);
                        }

                        @Override
                        public boolean isCancelled() {
                            return false;
                        }
                    });
                } catch (Exception e) {
                    onError.accept(e);
                    return;
                }
                onDone.accept(result);
            });
            queue.add(job);
            return () -> queue.remove(job);
        }

        int waitingCancellable() {
            return (int) queue.stream().filter(j -> CANCELLABLE.equals(j.slot())).count();
        }

        @Override
        public <T> void model(String slot, Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            if (!keepEveryRequest) {
                queue.removeIf(j -> slot.equals(j.slot()));
            }
            queue.add(new Job(slot, () -> {
                T result;
                try {
                    if (failing.contains(slot)) {
                        throw new IllegalStateException("failed on purpose");
                    }
                    result = work.call();
                } catch (Exception e) {
                    onError.accept(e);
                    return;
                }
                onDone.accept(result);
            }));
        }

        @Override
        public void cancelModelWork() {
            queue.removeIf(j -> j.slot() != null && !CANCELLABLE.equals(j.slot()));
        }

        @Override
        public int pendingModelWork() {
            return waitingModelWork();
        }

        @Override
        public void shutdown() {
            queue.clear();
        }

        int waiting() {
            return queue.size();
        }

        int waitingModelWork() {
            return (int) queue.stream().filter(j -> j.slot() != null && !CANCELLABLE.equals(j.slot())).count();
        }

        void runNext() {
            queue.poll().run().run();
        }

        void runAll() {
            for (int n = 0; !queue.isEmpty(); n++) {
                assertTrue(n < 1000, "work keeps coming");
                runNext();
            }
        }
    }
}
