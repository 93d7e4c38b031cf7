package dev.qanvas.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.ui.train.TrainWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Photonic classifier sample in the app, headless: it trains from the Train workspace (stopped
 * after its first batches), and Inspect shows the photonic layer's output distribution for a test
 * image from the stopped run's model.
 */
@ExtendWith(ApplicationExtension.class)
class PhotonicSampleAppTest {

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
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    @Test
    void theSampleTrainsABatchAndInspectShowsItsPhotonicLayer(FxRobot robot) throws Exception {
        Path file = Files.createTempDirectory(dir, "project").resolve("photonic-classifier.qanvas");
        Files.copy(Path.of("samples/photonic-classifier.qanvas"), file);
        robot.interact(() -> window.open(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.document().file() != null);
        assertEquals("Photonic classifier: photonic layer", window.document().project().name());

        // the Photonic node's circuit opens in the Circuit workspace's photonic editor (double-click on the node)
        robot.clickOn("#workspace-model");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#node-photonic").tryQuery().isPresent());
        robot.doubleClickOn("#node-photonic");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> robot.lookup("#photonic-target").tryQuery()
                .map(n -> ((Label) n).getText().equals("Model node photonic (Photonic)") && n.getScene() != null).orElse(false)));
        assertEquals(2 * (15 * 2 + 6) + 6, (int) fx(() -> robot.lookup((javafx.scene.Node n) -> n.getId() != null
                && n.getId().startsWith("photonic-component-")).queryAll().size()), "two 6-mode Clements meshes and 6 feature phases");

        robot.clickOn("#workspace-train");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> !robot.lookup("#train-start").queryAs(Button.class).isDisabled()));
        robot.clickOn("#train-start");
        TrainWorkspace train = window.trainWorkspace();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> train.state() == TrainWorkspace.State.RUNNING));
        // the first batch's loss reaches the chart, then stop
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() ->
                robot.lookup("#chart-loss-batch").queryAs(dev.qanvas.ui.common.ChartView.class).pointCount() > 0));
        robot.clickOn("#train-stop");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> train.state() == TrainWorkspace.State.IDLE));
        assertEquals(1, fx(() -> window.document().project().runs().size()), "the stopped run is kept");

        robot.clickOn("#workspace-inspect");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> robot.lookup("#inspect-photonic").tryQuery()
                .map(javafx.scene.Node::isVisible).orElse(false)));
        String caption = fx(() -> robot.lookup("#inspect-photonic #photonic-bars-caption").queryAs(Label.class).getText());
        // 3 photons in 6 modes: C(8, 3) = 56 outcomes, the 32 most probable drawn
        assertTrue(caption.startsWith("3 photons in 6 modes") && caption.contains("56 outcomes"), caption);
        assertTrue(fx(() -> robot.lookup("#inspect-photonic-caption").queryAs(Label.class).getText()).startsWith("photonic · |1,1,1,0,0,0⟩"));
        assertEquals(32, (int) fx(() -> robot.lookup((javafx.scene.Node n) -> n.getId() != null && n.getId().startsWith("photonic-bar-"))
                .queryAll().size()), "the 32 most probable outcomes drawn");
    }
}
