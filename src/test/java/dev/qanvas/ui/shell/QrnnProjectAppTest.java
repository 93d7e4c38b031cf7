package dev.qanvas.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.project.RunRecord;
import dev.qanvas.ui.common.ChartView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The QRNN sample in the app, headless (Monocle): its QRNN node in the Model workspace, one
 * training batch from the Train workspace (then stopped), and Inspect's step view for a test image:
 * one line per class with a point per pixel read (49).
 */
@ExtendWith(ApplicationExtension.class)
class QrnnProjectAppTest {

    @TempDir
    static Path dir;

    private MainWindow window;

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("qanvas.config.dir", Files.createTempDirectory(dir, "config").toString());
        window = new MainWindow(stage, AppSettings.defaults(), null);
        window.show(null, null);
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(30, TimeUnit.SECONDS);
    }

    @Test
    void theQrnnSampleTrainsABatchAndInspectShowsItsStepView(FxRobot robot) throws Exception {
        Path file = Files.createTempDirectory(dir, "project").resolve("qrnn-mnist.qanvas");
        Files.copy(Path.of("samples/qrnn-mnist.qanvas"), file);
        robot.interact(() -> window.open(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.document().file() != null);

        robot.clickOn("#workspace-model");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#node-qrnn").tryQuery().isPresent());
        assertFalse(robot.lookup("#node-qrnn").query().getStyleClass().contains("invalid"), "the sample's model analyses cleanly");

        robot.clickOn("#workspace-train");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !robot.lookup("#train-start").queryAs(Button.class).isDisabled());
        robot.clickOn("#train-start");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> fx(() -> robot.lookup("#chart-loss-batch").queryAs(ChartView.class).pointCount()) > 0);
        robot.clickOn("#train-stop");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> robot.lookup("#train-inspect").queryAs(Button.class).isVisible());
        RunRecord run = fx(() -> window.document().project().runs().get(0));
        assertFalse(run.batchLosses().isEmpty(), "at least one batch trained");

        robot.clickOn("#train-inspect");
        assertEquals("inspect", window.currentWorkspace());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> robot.lookup("#qrnn-steps").tryQuery()
                .map(n -> n.isVisible() && robot.lookup("#qrnn-steps-chart").queryAs(ChartView.class).pointCount() > 0).orElse(false)));
        XYDataset data = fx(() -> robot.lookup("#qrnn-steps-chart").queryAs(ChartView.class).plot().getDataset());
        assertEquals(2, data.getSeriesCount(), "one line per class");
        for (int s = 0; s < 2; s++) {
            assertEquals(49, data.getItemCount(s), "a point per pixel read");
        }
        for (int i = 0; i < 49; i++) {
            assertEquals(1, data.getYValue(0, i) + data.getYValue(1, i), 1e-9, "a distribution at step " + i);
        }
        String caption = fx(() -> robot.lookup("#qrnn-steps-caption").queryAs(Label.class).getText());
        assertTrue(caption.startsWith("49 steps, one pixel a step"), caption);
    }
}
