package dev.qanvas.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.project.KernelRunFiles;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunRecord;
import dev.qanvas.ui.inspect.InspectKernel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A kernel project in the app, headless (Monocle), from Model to Inspect: its pipeline in the Model
 * workspace (the feature map's repetitions edited there), trained from the Train workspace (Gram-matrix
 * progress, the comparison table, with the edited map), then opened in Inspect (the Gram matrix as a heat map, the
 * diagnostics, the confusion matrix, the support vectors), the checks read against the run folder.
 */
@ExtendWith(ApplicationExtension.class)
class KernelProjectAppTest {

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("qanvas.config.dir", Files.createTempDirectory(dir, "config").toString());
        window = new MainWindow(stage, AppSettings.defaults(), null);
        window.show(null, null);
    }

    /** 8x8 digits 0 against 1, PCA 2, the Z map on 2 qubits: a run of a few seconds. */
    private static final String PROJECT = "{\"formatVersion\": 2, \"name\": \"tiny kernel\", \"description\": \"d\","
            + " \"dataset\": {\"kind\": \"bundled\", \"id\": \"digits-8x8\"},"
            + " \"transforms\": [{\"type\": \"classSubset\", \"classes\": [0, 1]}, {\"type\": \"normalise\", \"mode\": \"UNIT_RANGE\"}],"
            + " \"kernel\": {\"features\": \"pca\", \"components\": 2, \"map\": \"z\", \"reps\": 1, \"trees\": 10, \"folds\": 3,"
            + " \"trainPerClass\": 15, \"testPerClass\": 8}}";

    @Test
    void aKernelProjectTrainsInTheAppAndInspectShowsItsGramMatrix(FxRobot robot) throws Exception {
        Path file = Files.createTempDirectory(dir, "project").resolve("tiny-kernel.qanvas");
        Files.writeString(file, PROJECT);
        robot.interact(() -> window.open(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.document().file() != null);
        // Model: the pipeline's cards; the feature map's repetitions edited in its panel.
        robot.clickOn("#workspace-model");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#kernel-stage-feature-map").tryQuery().isPresent());
        for (String stage : List.of("input", "features", "feature-map", "svm", "rbf-svm", "random-forest")) {
            assertTrue(robot.lookup("#kernel-stage-" + stage).query().isVisible(), stage);
        }
        robot.clickOn("#kernel-stage-feature-map");
        robot.clickOn("#kernel-field-reps");
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.A).release(javafx.scene.input.KeyCode.CONTROL);
        robot.write("2").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, window.document().project().kernel().reps(), "the edit reaches the project");

        robot.clickOn("#workspace-train");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#kernel-results").tryQuery().isPresent()
                && !robot.lookup("#train-start").queryAs(Button.class).isDisabled());
        assertTrue(robot.lookup("#train-kernel-setup").queryAs(Label.class).getText().contains("Z map (reps 2)"),
                robot.lookup("#train-kernel-setup").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#train-pause").tryQuery().map(n -> !n.isVisible()).orElse(true), "a kernel run cannot pause");

        List<String> progress = new CopyOnWriteArrayList<>();
        Label progressText = robot.lookup("#train-progress-text").queryAs(Label.class);
        robot.interact(() -> progressText.textProperty().addListener((o, a, b) -> progress.add(b)));
        robot.clickOn("#train-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> robot.lookup("#train-inspect").queryAs(Button.class).isVisible());
        assertTrue(progress.contains("Gram matrix: 46 of 46 rows"), "Gram rows of 30 + 16 points: " + progress);
        RunRecord run = window.document().project().runs().get(0);
        assertEquals(RunRecord.KERNEL, run.trained());
        String mean = robot.lookup("#kernel-cell-0-3").queryAs(Label.class).getText();
        assertTrue(mean.matches("\\d\\.\\d{3} ± \\d\\.\\d{3}"), "QSVM mean ± std over 3 folds: " + mean);
        assertEquals(String.format(Locale.ROOT, "%.3f", run.testAccuracy()), robot.lookup("#kernel-cell-0-4").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#kernel-cell-2-5").queryAs(Label.class).getText().endsWith(" s"), "the forest's time");

        robot.clickOn("#train-inspect");
        assertEquals("inspect", window.currentWorkspace());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.inspectWorkspace().kernelRun() != null);
        WaitForAsyncUtils.waitForFxEvents();
        InspectKernel.Loaded shown = window.inspectWorkspace().kernelRun();
        KernelRunFiles.Saved saved = KernelRunFiles.read(RunFolder.of(run, file));
        assertTrue(Files.readString(RunFolder.of(run, file).project()).contains("\"reps\" : 2"), "the run trained the edited map");
        assertEquals(30, shown.saved().n());
        assertTrue(robot.lookup("#kernel-heat-map").query().isVisible(), "the heat map");
        assertEquals(List.of(0, 1), java.util.Arrays.stream(shown.heatMap().classes()).boxed().toList());
        assertEquals(15 / 30.0, shown.heatMap().boundaries()[0], 1e-12, "one boundary, halfway: 15 points a class");
        // The diagnostics as the summary saved them.
        assertEquals(String.format(Locale.ROOT, "%.3f", saved.summary().alignment()),
                robot.lookup("#kernel-diagnostic-0").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#kernel-diagnostic-2").queryAs(Label.class).getText().endsWith("of 30"));
        assertTrue(robot.lookup("#kernel-spectrum").query().isVisible(), "the spectrum of 30 points is saved");
        assertTrue(robot.lookup("#inspect-robustness-tab").tryQuery().isEmpty() && robot.lookup("#saliency-view").tryQuery().isEmpty(),
                "no saliency or robustness for a run without a network");

        TabPane pages = robot.lookup("#inspect-kernel-pages").queryAs(TabPane.class);
        robot.interact(() -> pages.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        int total = 0;
        int right = 0;
        for (int t = 0; t < 2; t++) {
            for (int p = 0; p < 2; p++) {
                int n = Integer.parseInt(robot.lookup("#confusion-cell-" + t + "-" + p).queryAs(Label.class).getText());
                total += n;
                right += t == p ? n : 0;
            }
        }
        assertEquals(16, total, "every test point in the confusion matrix");
        assertEquals(run.testAccuracy(), right / 16.0, 1e-12, "its diagonal is the QSVM's test accuracy");
        Node supports = robot.lookup("#kernel-support-vectors").query();
        assertEquals(Math.min(saved.points().support().length, 240), ((javafx.scene.layout.FlowPane) supports).getChildren().size(),
                "every support vector as an image");
        assertFalse(saved.points().support().length == 0);
        assertNotNull(robot.lookup("#kernel-gallery").query());
        robot.clickOn("#confusion-cell-0-0");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#kernel-gallery-title").queryAs(Label.class).getText().startsWith("True 0, predicted 0"));
    }
}
