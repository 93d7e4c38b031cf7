package dev.qanvas.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.qanvas.ui.train.TrainWorkspace;

import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.Transform;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The app shell and Data workspace, driven as a user would, headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @TempDir
    static Path config;

    private MainWindow window;

    @BeforeAll
    static void isolateSettings() {
        System.setProperty("qanvas.config.dir", config.toString());
    }

    @Start
    void start(Stage stage) throws java.io.IOException {
        // A settings folder per test: an earlier test's window keeps its one-minute autosave timer, and
        // on a slow machine its autosave would be offered back to this window, covering it with a dialog.
        System.setProperty("qanvas.config.dir", java.nio.file.Files.createTempDirectory(config, "test").toString());
        window = new MainWindow(stage, AppSettings.defaults(), null);
        window.show(null, null);
    }

    private void waitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.background().runningCount() == 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void openData(FxRobot robot) throws Exception {
        robot.clickOn("#workspace-data");
        waitIdle();
    }

    @Test
    void startsOnHomeWithSamplesThenShowsDataImages(FxRobot robot) throws Exception {
        waitIdle();
        assertTrue(window.stage().getTitle().contains("Qanvas"), window.stage().getTitle());
        assertEquals("home", window.currentWorkspace());
        assertEquals(dev.qanvas.project.Samples.list().size(), robot.lookup(".sample-card").queryAll().size(),
                "every bundled sample is offered");
        List<String> headings = robot.lookup(".sample-group").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).toList();
        assertEquals(dev.qanvas.project.Samples.list().stream().map(s -> s.group().title()).distinct().toList(), headings,
                "one heading per group, in index order");

        openData(robot);
        assertEquals("data", window.currentWorkspace());
        assertTrue(robot.lookup("#data-workspace").query().isVisible());
        assertEquals(10 * 16, window.dataWorkspace().thumbnailCount(), "16 images for each of the 10 MNIST classes");
        ImageView first = robot.lookup(".thumbnail").queryAs(ImageView.class);
        assertNotNull(first.getImage());
        assertTrue(robot.lookup("#dataset-facts").queryAs(Label.class).getText().contains("8,000 train / 2,000 test"));

        robot.clickOn("#workspace-home");
        assertEquals("home", window.currentWorkspace());
    }

    @Test
    void pickingADatasetShowsItsClassesAndImages(FxRobot robot) throws Exception {
        openData(robot);
        robot.clickOn("#dataset-picker").clickOn("Optical digits 8x8 (1,797)");
        waitIdle();
        assertEquals(new DatasetSpec.Bundled("digits-8x8"), window.document().project().dataset());
        assertEquals(8, window.dataWorkspace().shownDataset().width());
        assertTrue(robot.lookup("#dataset-facts").queryAs(Label.class).getText().contains("1,438 train"));
        assertTrue(window.document().isModified());
    }

    @Test
    void transformsApplyLiveAndUndoRedoWalksThem(FxRobot robot) throws Exception {
        openData(robot);
        robot.clickOn("#resize-check");
        waitIdle();
        assertEquals(14, window.dataWorkspace().shownDataset().width(), "resize starts at half size");
        assertEquals(new Transform.Resize(14, 14), window.document().project().transforms().steps().get(0));

        // Leave out class 0 by unticking its box in the class table.
        CheckBox firstClass = robot.lookup("#class-table .check-box").queryAs(CheckBox.class);
        robot.clickOn(firstClass);
        waitIdle();
        assertEquals(9, window.dataWorkspace().shownDataset().classCount());
        assertEquals("1", window.dataWorkspace().shownDataset().classNames().get(0));

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitIdle();
        assertEquals(10, window.dataWorkspace().shownDataset().classCount());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitIdle();
        assertEquals(28, window.dataWorkspace().shownDataset().width());
        assertFalse(robot.lookup("#resize-check").queryAs(CheckBox.class).isSelected(), "controls follow undo");
        assertFalse(window.document().isModified());

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        waitIdle();
        assertEquals(14, window.dataWorkspace().shownDataset().width());
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        waitIdle();
        assertEquals(9, window.dataWorkspace().shownDataset().classCount());
    }

    @Test
    void hoveringAnImageShowsItLarge(FxRobot robot) throws Exception {
        openData(robot);
        List<Node> thumbs = List.copyOf(robot.lookup(".thumbnail").queryAll());
        robot.moveTo(thumbs.get(20));
        WaitForAsyncUtils.waitForFxEvents();
        String caption = robot.lookup("#preview-caption").queryAs(Label.class).getText();
        assertTrue(caption.startsWith("Train image #") && caption.contains("class 1"), caption);
        assertNotNull(robot.lookup("#preview-image").queryAs(ImageView.class).getImage());
    }

    @Test
    void syntheticParametersRegenerateTheData(FxRobot robot) throws Exception {
        openData(robot);
        robot.clickOn("#dataset-picker").clickOn("Bars and stripes (8x8)");
        waitIdle();
        assertTrue(robot.lookup("#synthetic-parameters").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        Spinner<Integer> size = robot.lookup("#synthetic-parameters .spinner").queryAs(Spinner.class);
        robot.interact(() -> size.getValueFactory().setValue(4));
        waitIdle();
        assertEquals(new DatasetSpec.BarsAndStripes(4, 1000, 0.1, 7), window.document().project().dataset());
        assertEquals(4, window.dataWorkspace().shownDataset().width());
    }

    @Test
    void malformedProjectIsReportedAndTheWorkIsKept(FxRobot robot) throws Exception {
        openData(robot);
        robot.clickOn("#resize-check");
        waitIdle();
        Project before = window.document().project();
        Path broken = config.resolve("broken.qanvas");
        Files.writeString(broken, "{ \"formatVersion\": 1, \"name\": \"x\",\n  \"dataset\": { \"kind\": \"nonsense\" } }");
        robot.interact(() -> window.open(broken));
        waitIdle();
        DialogPane error = robot.lookup("#error-dialog").queryAs(DialogPane.class);
        assertTrue(error.getContentText().contains("broken.qanvas") && error.getContentText().contains("line 2"),
                error.getContentText());
        assertEquals(before, window.document().project(), "the open document is untouched");
        assertTrue(window.document().isModified());
        robot.interact(() -> ((javafx.stage.Stage) error.getScene().getWindow()).close());
        assertTrue(window.stage().isShowing(), "the app keeps running");
    }

    @Test
    void openingAProjectRemembersItAndShowsItsData(FxRobot robot) throws Exception {
        Project p = Project.untitled().withName("Four by four").withDataset(new DatasetSpec.Bundled("digits-8x8"))
                .withTransforms(dev.qanvas.data.TransformChain.EMPTY.with(Transform.Resize.class, new Transform.Resize(4, 4)));
        Path file = config.resolve("four.qanvas");
        ProjectFiles.write(file, p);
        robot.interact(() -> window.open(file));
        waitIdle();
        assertEquals(p, window.document().project());
        assertEquals("data", window.currentWorkspace());
        assertEquals(4, window.dataWorkspace().shownDataset().width());
        assertTrue(window.stage().getTitle().startsWith("four.qanvas"), window.stage().getTitle());
        assertEquals(List.of(file.toAbsolutePath().normalize().toString()), AppSettings.load().recentFiles());
    }

    @Test
    void saveWritesTheEditsAndReopeningGivesThemBack(FxRobot robot) throws Exception {
        Path file = config.resolve("saved.qanvas");
        ProjectFiles.write(file, Project.untitled());
        robot.interact(() -> window.open(file));
        waitIdle();
        robot.clickOn("#normalise-choice").clickOn("To [-1, 1]");
        waitIdle();
        assertTrue(window.document().isModified());
        assertTrue(window.stage().getTitle().startsWith("• "), "the title marks unsaved edits");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        waitIdle();
        assertFalse(window.document().isModified());
        Project saved = ProjectFiles.read(file);
        assertEquals(window.document().project(), saved);
        assertEquals(new Transform.Normalise(Transform.Normalise.Mode.SYMMETRIC_RANGE), saved.transforms().steps().get(0));
    }

    @Test
    void quittingWithUnsavedEditsAsksFirstAndCancelKeepsEverything(FxRobot robot) throws Exception {
        openData(robot);
        robot.clickOn("#split-test");
        waitIdle();
        assertEquals(10 * 16, window.dataWorkspace().thumbnailCount(), "the test split has images of every class too");
        robot.clickOn("#resize-check");
        waitIdle();
        Project edited = window.document().project();
        javafx.application.Platform.runLater(window::quit); // quit waits in a modal dialog
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane ask = robot.lookup("#confirm-discard").queryAs(DialogPane.class);
        assertTrue(ask.getHeaderText().contains("Save changes"), ask.getHeaderText());
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.stage().isShowing());
        assertEquals(edited, window.document().project());
    }

    @Test
    void quittingWhileTrainingStopsAndRecordsTheRunBeforeAskingToSave(FxRobot robot) throws Exception {
        Project tiny = dev.qanvas.project.TinyTrainingProject.project();
        robot.interact(() -> window.document().replace(tiny.withTraining(tiny.training().withEpochs(200)), null));
        robot.clickOn("#workspace-train");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> !robot.lookup("#train-start").queryAs(javafx.scene.control.Button.class).isDisabled());
        robot.clickOn("#train-start");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.trainWorkspace().state() == TrainWorkspace.State.RUNNING);

        javafx.application.Platform.runLater(window::quit); // quit waits in a modal dialog
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane stopFirst = robot.lookup("#confirm-stop-training").queryAs(DialogPane.class);
        assertTrue(stopFirst.getHeaderText().contains("Stop the training run"), stopFirst.getHeaderText());
        robot.clickOn("OK");
        // The run stops, writes its folder and is recorded in this project; then the usual question.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#confirm-discard").tryQuery().isPresent());
        assertEquals(1, window.document().project().runs().size());
        assertEquals("STOPPED", window.document().project().runs().get(0).outcome());
        assertTrue(java.nio.file.Files.exists(Path.of(window.document().project().runs().get(0).directory(), "model.zip")));
        // The first dialog's buttons may still be in the scene graph: click this dialog's own Cancel once it shows.
        DialogPane save = robot.lookup("#confirm-discard").queryAs(DialogPane.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> save.getScene() != null && save.getScene().getWindow().isShowing());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(save.lookupButton(javafx.scene.control.ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(window.stage().isShowing());
        assertFalse(window.trainWorkspace().isBusy());
    }

    @Test
    void aFinishedRunOpensInInspectWithItsMistakes(FxRobot robot) throws Exception {
        robot.interact(() -> window.document().replace(dev.qanvas.project.TinyTrainingProject.project(), null));
        robot.clickOn("#workspace-train");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> !robot.lookup("#train-start").queryAs(javafx.scene.control.Button.class).isDisabled());
        robot.clickOn("#train-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> robot.lookup("#train-inspect").queryAs(javafx.scene.control.Button.class).isVisible());
        assertEquals("COMPLETED", window.document().project().runs().get(0).outcome());
        robot.clickOn("#train-inspect");
        assertEquals("inspect", window.currentWorkspace());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.inspectWorkspace().predictions() != null);
        int[][] confusion = window.inspectWorkspace().predictions().confusion();
        int total = java.util.Arrays.stream(confusion).flatMapToInt(java.util.Arrays::stream).sum();
        assertEquals(window.inspectWorkspace().model().data().test().size(), total, "every test image is in the matrix");
    }

    /**
     * The reported leak: train the 8x8 tiny project, inspect a test image, then open the 28x28
     * quanvolution sample through the window (Don't Save). Every workspace forgets the old
     * project: Inspect shows no stale image, classes or saliency, and nothing throws.
     */
    @Test
    void openingAnotherProjectMidFlowResetsEveryWorkspace(FxRobot robot) throws Exception {
        List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e)));
        try {
            robot.interact(() -> window.document().replace(dev.qanvas.project.TinyTrainingProject.project(), null));
            robot.clickOn("#workspace-train");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                    () -> !robot.lookup("#train-start").queryAs(javafx.scene.control.Button.class).isDisabled());
            robot.clickOn("#train-start");
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                    () -> robot.lookup("#train-inspect").queryAs(javafx.scene.control.Button.class).isVisible());
            robot.clickOn("#train-inspect");
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.inspectWorkspace().predictions() != null);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup("#confusion-cell-1-1").tryQuery().isPresent());
            // The matrix may be drawn again as the last results arrive; click the cell once the scene has settled.
            WaitForAsyncUtils.waitForFxEvents();
            Node cell = robot.lookup("#confusion-cell-1-1").query();
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> cell.getScene() != null);
            robot.clickOn(cell);
            WaitForAsyncUtils.waitForFxEvents();
            Node tile = robot.lookup("#misclassified-gallery .gallery-tile").query();
            robot.clickOn(tile);
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                    () -> robot.lookup("#detail-title").queryAs(Label.class).getText().startsWith("Test image "));

            dev.qanvas.project.Samples.Sample quanvolution = dev.qanvas.project.Samples.list().stream()
                    .filter(x -> x.project().name().toLowerCase(java.util.Locale.ROOT).contains("quanvolution")).findFirst().orElseThrow();
            javafx.application.Platform.runLater(() -> window.openSample(quanvolution)); // asks in a modal dialog
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#confirm-discard").tryQuery().isPresent());
            DialogPane ask = robot.lookup("#confirm-discard").queryAs(DialogPane.class);
            robot.clickOn(ask.lookupButton(ask.getButtonTypes().stream()
                    .filter(b -> b.getText().equals("Don't Save")).findFirst().orElseThrow()));
            waitIdle();
            assertEquals(quanvolution.project().name(), window.document().project().name());

            robot.clickOn("#workspace-inspect");
            waitIdle();
            assertEquals(null, window.inspectWorkspace().predictions(), "no predictions of the old model");
            assertFalse(robot.lookup("#detail-title").tryQueryAs(Label.class).filter(Node::isVisible)
                    .map(l -> l.getText().startsWith("Test image ")).orElse(false), "the old image's detail is gone");
            assertEquals(quanvolution.project().runs().isEmpty(), robot.lookup("#inspect-empty").queryAs(Label.class).isVisible(),
                    "a project without runs says so");
            robot.clickOn("#workspace-train");
            waitIdle();
            assertEquals(quanvolution.project().runs().size(),
                    robot.lookup("#run-list").queryAs(javafx.scene.control.ListView.class).getItems().size(), "only the new project's runs");
            robot.clickOn("#workspace-model");
            waitIdle();
            assertTrue(robot.lookup("#node-quanv").tryQuery().isPresent(), "the new model on the canvas");
            assertTrue(robot.lookup("#node-q").tryQuery().isEmpty(), "not the old one");
            assertTrue(uncaught.isEmpty(), "nothing thrown: " + uncaught);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void aKernelProjectOpensAndEveryWorkspaceSaysWhatItCanDo(FxRobot robot) throws Exception {
        List<Throwable> uncaught = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
        robot.interact(() -> Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e)));
        try {
            dev.qanvas.project.Samples.Sample kernel = dev.qanvas.project.Samples.list().stream()
                    .filter(x -> x.project().isKernel()).findFirst().orElseThrow();
            String note = MainWindow.kernelNote(kernel.project());
            assertTrue(note.contains("Model workspace") && note.contains("Train") && note.contains("Gram matrix"), note);
            robot.interact(() -> window.openSample(kernel));
            waitIdle();
            assertEquals(kernel.project().name(), window.document().project().name());
            for (String w : List.of("data", "model", "circuit", "inspect", "train")) {
                robot.clickOn("#workspace-" + w);
                waitIdle();
            }
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#kernel-results").tryQuery().isPresent()
                    && !robot.lookup("#train-start").queryAs(javafx.scene.control.Button.class).isDisabled());
            assertTrue(uncaught.isEmpty(), "nothing thrown: " + uncaught);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
    }

    @Test
    void shortcutsComeFromTheMenus(FxRobot robot) {
        List<String> actions = window.shortcutRows().stream().map(r -> r[0]).toList();
        assertTrue(actions.contains("Edit > Undo"), actions.toString());
        assertTrue(actions.contains("File > Save As…"), actions.toString());
        assertTrue(actions.contains("View > Data"), actions.toString());
        robot.press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane dialog = robot.lookup("#shortcuts-dialog").queryAs(DialogPane.class);
        assertTrue(dialog.isVisible());
        assertTrue(dialog.getContent().toString().contains("TableView"));
        @SuppressWarnings("unchecked")
        javafx.scene.control.TableView<String[]> table = (javafx.scene.control.TableView<String[]>) dialog.getContent();
        assertEquals(window.shortcutRows().size(), table.getItems().size());
        robot.interact(() -> ((Stage) dialog.getScene().getWindow()).close());
    }
}
