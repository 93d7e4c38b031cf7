package dev.qanvas.ui.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.photonic.Component;
import dev.qanvas.photonic.OpticalAngle;
import dev.qanvas.photonic.PhotonicSetup;
import dev.qanvas.ui.shell.AppSettings;
import dev.qanvas.ui.shell.MainWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
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

/**
 * The Circuit workspace's photonic editor driven with the mouse and keyboard, headless: a beam
 * splitter and a phase shifter placed from the palette, |1,1> sent in with the mode spinners,
 * the Hong-Ou-Mandel dip in the live bars, an angle changed in the angle panel, undo.
 */
@ExtendWith(ApplicationExtension.class)
class PhotonicEditorTest {

    @TempDir
    static Path config;

    private MainWindow window;

    @BeforeAll
    static void isolateSettings() {
        System.setProperty("qanvas.config.dir", config.toString());
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, AppSettings.defaults(), null);
        window.show(null, null);
    }

    private PhotonicSetup setup() {
        return window.document().project().photonic();
    }

    private static Point2D rail(PhotonicDrawing drawing, int mode, int column) {
        return drawing.localToScreen(PhotonicDrawing.columnX(column), PhotonicDrawing.railY(mode));
    }

    private static <T> T fx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    /** Waits until outcome {@code key}'s value label reads {@code text} (values "p  (p_dist)"). */
    private static void awaitValue(FxRobot robot, String key, String text) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> robot.lookup("#photonic-value-" + key).tryQuery()
                .map(n -> ((Label) n).getText().equals(text)).orElse(false)));
    }

    @Test
    void buildHongOuMandelThenChangeTheSplitter(FxRobot robot) throws Exception {
        robot.clickOn("#workspace-circuit");
        robot.clickOn("#to-photonic-circuit");
        WaitForAsyncUtils.waitForFxEvents();
        PhotonicDrawing drawing = window.circuitWorkspace().photonicEditor().drawing();

        // |1,1>: one more photon into mode 1 with its spinner's up arrow
        Spinner<?> mode1 = robot.lookup("#photonic-input-1").queryAs(Spinner.class);
        robot.clickOn(mode1.lookup(".increment-arrow-button"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(1, 1), java.util.Arrays.stream(setup().input()).boxed().toList());

        // a beam splitter on modes 0, 1, then a phase shifter on mode 1 after it
        robot.clickOn("#palette-beam-splitter");
        robot.clickOn(rail(drawing, 0, 0));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#palette-phase-shifter");
        robot.clickOn(rail(drawing, 1, 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(new Component.BeamSplitter(0, 1, new OpticalAngle.Constant(Math.PI / 2)),
                new Component.PhaseShifter(1, new OpticalAngle.Constant(Math.PI / 2))), setup().circuit().components());

        // Hong-Ou-Mandel: never one photon in each mode (0.5 for distinguishable photons); a phase after the splitter changes nothing
        awaitValue(robot, "1-1", "0.000  (0.500)");
        awaitValue(robot, "2-0", "0.500  (0.250)");
        awaitValue(robot, "0-2", "0.500  (0.250)");

        // select the splitter, type theta = pi/3: P(1,1) = cos^2(pi/3) = 0.25
        robot.clickOn(rail(drawing, 0, 0).add(0, 30));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, window.circuitWorkspace().photonicViewModel().selected());
        robot.doubleClickOn("#angle-text-0");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("pi/3").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new OpticalAngle.Constant(Math.PI / 3), setup().circuit().components().get(0).angle());
        awaitValue(robot, "1-1", "0.250  (0.625)");

        // Delete removes the selected splitter; undo brings it back, undo again restores pi/2
        robot.clickOn(rail(drawing, 0, 0).add(0, 30));
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, setup().circuit().components().size());
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new OpticalAngle.Constant(Math.PI / 2), setup().circuit().components().get(0).angle());
        awaitValue(robot, "1-1", "0.000  (0.500)");
        assertTrue(window.document().isModified());
    }

    @Test
    void aClementsTemplateShowsItsUnitary(FxRobot robot) throws Exception {
        robot.clickOn("#workspace-circuit");
        robot.clickOn("#to-photonic-circuit");
        robot.clickOn("#add-mode");
        robot.clickOn("#add-mode");
        robot.clickOn("#photonic-templates");
        robot.clickOn(PhotonicSetup.Template.CLEMENTS.label());
        WaitForAsyncUtils.waitForFxEvents();
        // 4 modes: 6 cells of PS + BS, then 4 output phases
        assertEquals(16, setup().circuit().components().size());
        assertEquals(0, setup().circuit().weightNames().size());
        // one photon into mode 0 (the default input) reaches every mode with probability |U_j0|^2, summing to 1
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> robot.lookup("#photonic-bar-0-0-0-1").tryQuery().isPresent()));
        robot.clickOn("#to-qubit-circuit");
        assertTrue(robot.lookup("#circuit-editor").tryQuery().isPresent());
    }
}
