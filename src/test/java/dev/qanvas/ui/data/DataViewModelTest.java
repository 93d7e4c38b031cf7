package dev.qanvas.ui.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.Transform;
import dev.qanvas.data.TransformChain;
import dev.qanvas.project.Project;
import dev.qanvas.ui.common.Immediate;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Data workspace's state and commands, without JavaFX: background work runs synchronously. */
class DataViewModelTest {

    private static final DatasetSpec DIGITS = new DatasetSpec.Bundled("digits-8x8");

    /** Runs background work at once, on this thread, and counts the requests. */
    private static final class SyncRunner implements Background.Runner {
        final List<String> titles = new ArrayList<>();

        @Override
        public <T> void run(String title, Background.Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            titles.add(title);
            Immediate.deliver(work, onDone, onError);
        }
    }

    /** Holds background work until the test finishes it, in any order. */
    private static final class HeldRunner implements Background.Runner {
        final List<Runnable> held = new ArrayList<>();

        @Override
        public <T> void run(String title, Background.Work<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            held.add(() -> Immediate.deliver(work, onDone, onError));
        }
    }

    /** Records what the user is told. */
    private static final class Told implements DataViewModel.Feedback {
        final List<String> statuses = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        @Override
        public void status(String message) {
            statuses.add(message);
        }

        @Override
        public void error(String title, Throwable error) {
            errors.add(title);
        }
    }

    private final Told told = new Told();
    private final List<Project> settings = new ArrayList<>();
    private final List<DataViewModel.Preview> previews = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();

    private DataViewModel started(DocumentModel doc, Background.Runner runner) {
        DataViewModel vm = new DataViewModel(doc, runner, told);
        vm.listen(settings::add, previews::add, failures::add);
        vm.start();
        return vm;
    }

    private static DocumentModel digits() {
        return new DocumentModel(Project.untitled().withDataset(DIGITS));
    }

    @Test
    void startingFollowsTheProjectAndPreviewsIt() {
        DocumentModel doc = digits();
        SyncRunner runner = new SyncRunner();
        DataViewModel vm = started(doc, runner);
        assertEquals(List.of(doc.project()), settings, "the controls are synced once");
        assertEquals(1, previews.size());
        assertEquals(List.of("Preparing preview of " + DIGITS.label()), runner.titles);
        DataViewModel.Preview p = vm.shown();
        assertEquals(doc.project(), p.project());
        assertFalse(p.testSplit());
        assertEquals(8, vm.shownDataset().width());
        assertEquals(10, p.thumbsByClass().size());
        for (int c = 0; c < 10; c++) {
            List<DataViewModel.Thumb> row = p.thumbsByClass().get(c);
            assertEquals(16, row.size(), "16 images per class by default");
            assertTrue(row.stream().allMatch(t -> t.label() == vm.shownDataset().train().label(t.index())));
            assertEquals(64, row.get(0).argb().length);
        }
        assertNull(vm.loadError());
        assertArrayEquals(new int[] {4, 4}, vm.suggestedResize(), "resize starts at half size");
        assertTrue(vm.datasets().contains(DIGITS));
    }

    @Test
    void openingAProjectResetsThePreviewAndClearsAnEarlierError(@TempDir Path empty) {
        DocumentModel doc = digits();
        DataViewModel vm = started(doc, new SyncRunner());
        DatasetSpec broken = new DatasetSpec.IdxFolder(empty.toString());
        doc.replace(Project.untitled().withDataset(broken), null);
        assertNull(vm.shown());
        assertNotNull(vm.loadError());

        Project opened = Project.untitled().withDataset(new DatasetSpec.BarsAndStripes(4, 200, 0.1, 7))
                .withTransforms(TransformChain.EMPTY.with(Transform.Normalise.class,
                        new Transform.Normalise(Transform.Normalise.Mode.UNIT_RANGE)));
        doc.replace(opened, null);
        assertEquals(opened, settings.get(settings.size() - 1), "the controls follow the opened project");
        assertNull(vm.loadError(), "the error of the earlier project is gone");
        assertEquals(opened, vm.shown().project());
        assertEquals(4, vm.shownDataset().width());
        assertEquals("To [0, 1]", DataViewModel.normaliseChoice(opened.transforms()));

        int syncs = settings.size();
        int loads = previews.size();
        doc.replace(opened.withName("Renamed"), null);
        assertEquals(syncs, settings.size(), "a change outside dataset and transforms leaves the workspace alone");
        assertEquals(loads, previews.size());
    }

    @Test
    void choosingADatasetLoadsItThenEditsTheProjectAndDropsTheClassSubset() {
        DocumentModel doc = new DocumentModel(Project.untitled());
        DataViewModel vm = started(doc, new SyncRunner());
        assertTrue(vm.useClasses(List.of(1, 2, 3)));
        vm.resize(true, 14, 14);
        assertEquals(3, vm.shownDataset().classCount());

        vm.chooseDataset(DIGITS);
        assertEquals(DIGITS, doc.project().dataset());
        assertEquals(List.of(new Transform.Resize(14, 14)), doc.project().transforms().steps(),
                "the class subset named the old dataset's classes; the resize stays");
        assertEquals(10, vm.shownDataset().classCount());
        assertEquals(14, vm.shownDataset().width());
        assertTrue(doc.isModified());

        doc.undo();
        assertEquals(new DatasetSpec.Bundled("mnist"), doc.project().dataset(), "the switch is one undoable edit");
        assertEquals(3, vm.shownDataset().classCount());
    }

    @Test
    void choosingTheDatasetInUseDoesNothing() {
        DocumentModel doc = digits();
        SyncRunner runner = new SyncRunner();
        DataViewModel vm = started(doc, runner);
        vm.chooseDataset(DIGITS);
        vm.chooseDataset(null);
        assertEquals(1, runner.titles.size(), "only the first preview ran");
        assertFalse(doc.isModified());
    }

    @Test
    void aDatasetThatFailsToLoadIsReportedAndTheProjectIsKept(@TempDir Path empty) {
        DocumentModel doc = digits();
        DataViewModel vm = started(doc, new SyncRunner());
        Project before = doc.project();
        DataViewModel.Preview shown = vm.shown();

        vm.openIdxFolder(empty.toFile());
        assertEquals(List.of("Cannot open dataset"), told.errors);
        assertEquals(before, doc.project());
        assertFalse(doc.isModified());
        assertEquals(before, settings.get(settings.size() - 1), "the picker goes back to the dataset in use");
        assertEquals(shown, vm.shown(), "the preview stays");
    }

    @Test
    void aPreviewThatFailsShowsWhyAndChangesNothing(@TempDir Path empty) {
        DocumentModel doc = digits();
        DataViewModel vm = started(doc, new SyncRunner());
        DatasetSpec broken = new DatasetSpec.IdxFolder(empty.toString());
        Project p = Project.untitled().withDataset(broken);
        doc.replace(p, null);
        assertNull(vm.shown());
        assertNull(vm.shownDataset());
        assertNull(vm.suggestedResize());
        assertEquals(1, failures.size());
        assertEquals(failures.get(0), vm.loadError());
        assertTrue(vm.loadError().startsWith("Cannot show " + broken.label() + ":\n"), vm.loadError());
        assertTrue(vm.loadError().endsWith("nothing in the project was changed."), vm.loadError());
        assertEquals(p, doc.project());
        assertEquals(p, settings.get(settings.size() - 1), "the controls were synced to the opened project");
        assertTrue(vm.useClasses(List.of()), "without a preview the class table edits nothing");
        assertEquals(List.of(), told.statuses);
    }

    @Test
    void transformCommandsEditTheProjectAndThePreviewFollows() {
        DocumentModel doc = digits();
        DataViewModel vm = started(doc, new SyncRunner());
        vm.resize(true, 4, 2);
        assertEquals(List.of(new Transform.Resize(4, 2)), doc.project().transforms().steps());
        assertEquals(4, vm.shownDataset().width());
        assertEquals(2, vm.shownDataset().height());

        vm.normalise("To [-1, 1]");
        assertEquals(new Transform.Normalise(Transform.Normalise.Mode.SYMMETRIC_RANGE),
                doc.project().transforms().find(Transform.Normalise.class).orElseThrow());
        assertEquals("To [-1, 1]", DataViewModel.normaliseChoice(doc.project().transforms()));
        assertTrue(DataViewModel.describe(doc.project().transforms()).startsWith("Applied in order:\n1. "));

        vm.normalise("None");
        vm.resize(false, 4, 2);
        assertEquals(TransformChain.EMPTY, doc.project().transforms());
        assertEquals("No transforms: images as stored.", DataViewModel.describe(doc.project().transforms()));
        assertEquals(8, vm.shownDataset().width());

        doc.undo();
        assertEquals(4, vm.shownDataset().width(), "undo brings the resize back, and the preview follows");
    }

    @Test
    void theClassTableKeepsAtLeastOneClass() {
        DocumentModel doc = digits();
        DataViewModel vm = started(doc, new SyncRunner());
        assertFalse(vm.useClasses(List.of()));
        assertEquals(List.of("Keep at least one class."), told.statuses);
        assertFalse(doc.isModified());

        assertTrue(vm.useClasses(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9)));
        assertEquals(9, vm.shownDataset().classCount());
        assertEquals("1", vm.shownDataset().classNames().get(0));
        assertFalse(DataViewModel.isUsed(0, doc.project().transforms()));
        assertTrue(DataViewModel.isUsed(5, doc.project().transforms()));

        assertTrue(vm.useClasses(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
        assertTrue(doc.project().transforms().find(Transform.ClassSubset.class).isEmpty(), "all classes: no subset");
        vm.useClasses(List.of(2));
        vm.useAllClasses();
        assertEquals(TransformChain.EMPTY, doc.project().transforms());
        assertEquals(10, vm.shownDataset().classCount());
    }

    @Test
    void splitAndImagesPerClassAreViewSettings() {
        DocumentModel doc = digits();
        DataViewModel vm = started(doc, new SyncRunner());
        vm.showSplit(true);
        vm.showPerClass(8);
        assertTrue(vm.testSplit());
        assertTrue(vm.shown().testSplit());
        assertTrue(vm.shown().thumbsByClass().stream().allMatch(r -> r.size() == 8));
        DataViewModel.Thumb t = vm.shown().thumbsByClass().get(3).get(0);
        assertEquals(3, vm.shownDataset().test().label(t.index()), "thumbnails come from the test split");
        vm.showPerClass(null);
        assertEquals(16, vm.perClass());
        assertEquals(16, vm.shown().thumbsByClass().get(0).size());
        assertFalse(doc.isModified(), "view settings are not project edits");
    }

    @Test
    void onlyTheNewestPreviewIsApplied() {
        DocumentModel doc = digits();
        HeldRunner runner = new HeldRunner();
        DataViewModel vm = started(doc, runner);
        vm.showPerClass(8);
        assertEquals(2, runner.held.size());
        runner.held.get(1).run();
        runner.held.get(0).run(); // the older request finishes last: dropped
        assertEquals(1, previews.size());
        assertEquals(8, vm.shown().thumbsByClass().get(0).size());
    }

    @Test
    void syntheticSettingsReplaceTheirCatalogueEntry() {
        DocumentModel doc = new DocumentModel(Project.untitled());
        DataViewModel vm = started(doc, new SyncRunner());
        long bars = vm.datasets().stream().filter(s -> s instanceof DatasetSpec.BarsAndStripes).count();
        DatasetSpec small = new DatasetSpec.BarsAndStripes(4, 200, 0.1, 7);
        vm.editSynthetic(small);
        assertEquals(small, doc.project().dataset());
        assertEquals(4, vm.shownDataset().width());
        vm.include(small);
        assertTrue(vm.datasets().contains(small));
        assertEquals(bars, vm.datasets().stream().filter(s -> s instanceof DatasetSpec.BarsAndStripes).count(),
                "the new settings replace the catalogue's bars and stripes");
        DatasetSpec folder = DataViewModel.imageFolder(Path.of("/tmp/pics").toFile(), 16, 16, true);
        vm.include(folder);
        assertTrue(vm.datasets().contains(folder));
        assertEquals(new DatasetSpec.ImageFolder("/tmp/pics", 16, 16, true, 0.2, 42), folder);
    }

    @Test
    void classTextOmitsTheLabelOfDigitClasses() {
        assertEquals("3", DataViewModel.classText(3, "3", "  "));
        assertEquals("3  Dress", DataViewModel.classText(3, "Dress", "  "));
    }
}
