package dev.qanvas.ui.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.ui.shell.AppSettings;
import dev.qanvas.ui.shell.MainWindow;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.geometry.Point2D;
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

/** The Circuit workspace's noise switches driven with the mouse and keyboard, headless. */
@ExtendWith(ApplicationExtension.class)
class CircuitNoiseWorkspaceTest {

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
        window.show(null, null, null);
    }

    private static Point2D screenPoint(CircuitEditor editor, int wire, int column) {
        return editor.localToScreen(editor.slotCentre(wire, column));
    }

    @Test
    void depolarizingNoiseOnABellPairShowsPurityBelowOneAndShrunkenBlochVectors(FxRobot robot) throws Exception {
        robot.clickOn("#workspace-circuit");
        WaitForAsyncUtils.waitForFxEvents();
        CircuitWorkspace ws = window.circuitWorkspace();
        CircuitEditor editor = ws.editor();
        robot.drag("#palette-H").dropTo(screenPoint(editor, 0, 0));
        robot.drag("#palette-CNOT").dropTo(screenPoint(editor, 0, 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Circuit(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1)), window.document().project().circuit());
        assertFalse(ws.noisePanel().summaryShown(), "no noise: nothing to compare");

        robot.clickOn("#noise-source").clickOn("depolarizing");
        robot.doubleClickOn("#noise-strength").eraseText(6).write("0.1").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ws.noisePanel().purityShown().contains("(mixed)"));

        // Purity of the Bell circuit under depolarizing 0.1 after each gate on each of its qubits: below 1.
        Matcher m = Pattern.compile("Tr ρ² = ([0-9.]+)").matcher(ws.noisePanel().purityShown());
        assertTrue(m.find(), ws.noisePanel().purityShown());
        double purity = Double.parseDouble(m.group(1));
        assertTrue(purity > 0.25 && purity < 1, "purity " + purity);
        assertTrue(ws.noisePanel().methodShown().contains("density matrix"), ws.noisePanel().methodShown());
        assertTrue(ws.noisePanel().fidelityShown().contains("fidelity"), ws.noisePanel().fidelityShown());
        // The views show the mixed state: each qubit's Bloch vector inside the sphere, the ideal bars outlined.
        for (double[] v : ws.statePanel().blochView().vectors()) {
            assertTrue(Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) < 1);
        }
        assertEquals(0.5, ws.statePanel().probabilityView().idealOf(0), 1e-12);
        assertTrue(ws.statePanel().probabilityView().bars().get(1).probability() > 0, "noise puts weight on 01");

        // Back to none: the pure Bell state again, no comparison shown.
        robot.clickOn("#noise-source").clickOn("none");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !ws.noisePanel().summaryShown());
        assertTrue(Double.isNaN(ws.statePanel().probabilityView().idealOf(0)));
    }
}
