package dev.qanvas.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.data.LabelNoise;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
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

/** The Data workspace's label noise and random labels controls, driven headless (Monocle). */
@ExtendWith(ApplicationExtension.class)
class DataLabelStepsTest {

    @TempDir
    static Path config;

    private MainWindow window;

    @BeforeAll
    static void isolateSettings() {
        System.setProperty("qanvas.config.dir", config.toString());
    }

    @Start
    void start(Stage stage) throws java.io.IOException {
        System.setProperty("qanvas.config.dir", java.nio.file.Files.createTempDirectory(config, "test").toString());
        window = new MainWindow(stage, AppSettings.defaults(), null);
        window.show(null, null);
    }

    private void waitIdle() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.background().runningCount() == 0);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void labelNoiseShowsTheLabelsItChangedAndUndoes(FxRobot robot) throws Exception {
        robot.clickOn("#workspace-data");
        waitIdle();
        @SuppressWarnings("unchecked")
        Spinner<Integer> noise = robot.lookup("#label-noise").queryAs(Spinner.class);
        robot.interact(() -> noise.getValueFactory().setValue(20));
        waitIdle();
        assertEquals(LabelNoise.symmetric(0.2, 42), window.document().project().transforms().find(LabelNoise.class).orElseThrow());
        String effects = robot.lookup("#label-effects").queryAs(Label.class).getText();
        assertEquals("Label noise: 1,600 of 8,000 training labels changed", effects); // MNIST's 8,000 training images
        assertTrue(robot.lookup("#transform-chain").queryAs(Label.class).getText().contains("Label noise 20% symmetric"));

        CheckBox random = robot.lookup("#random-labels").queryAs(CheckBox.class);
        robot.interact(() -> random.setSelected(true)); // the box may be below the fold of the scrolled controls
        waitIdle();
        assertTrue(robot.lookup("#label-effects").queryAs(Label.class).getText().contains("Random labels: all 8,000"));

        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitIdle();
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitIdle();
        assertEquals(0, noise.getValue(), "the spinner follows undo");
        assertFalse(robot.lookup("#random-labels").queryAs(CheckBox.class).isSelected());
        assertEquals("", robot.lookup("#label-effects").queryAs(Label.class).getText());
    }
}
