package dev.qanvas.ui.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.qanvas.ui.common.ProbabilityView;
import dev.qanvas.ui.shell.AppSettings;
import dev.qanvas.ui.shell.MainWindow;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.qasm.OpenQasm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
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

/** The Circuit workspace driven with the mouse and keyboard, headless. */
@ExtendWith(ApplicationExtension.class)
class CircuitWorkspaceTest {

    @TempDir
    static Path config;

    @TempDir
    Path dir;

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

    private CircuitWorkspace open(FxRobot robot) {
        robot.clickOn("#workspace-circuit");
        WaitForAsyncUtils.waitForFxEvents();
        return window.circuitWorkspace();
    }

    private Circuit circuit() {
        return window.document().project().circuit();
    }

    private static Point2D screenPoint(CircuitEditor editor, int wire, int column) {
        return editor.localToScreen(editor.slotCentre(wire, column));
    }

    /** The purity the noise panel shows ("Purity Tr ρ² = 0.5000 (mixed) ..."). */
    private static double purityShown(CircuitWorkspace ws) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Tr ρ² = ([0-9.]+)").matcher(ws.noisePanel().purityShown());
        assertTrue(m.find(), ws.noisePanel().purityShown());
        return Double.parseDouble(m.group(1));
    }

    /** Waits until the probability chart shows {@code expected} (label, probability) bars. */
    private static void awaitBars(CircuitWorkspace ws, List<ProbabilityView.Bar> expected) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            List<ProbabilityView.Bar> bars = ws.statePanel().probabilityView().bars();
            if (bars.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < bars.size(); i++) {
                if (!bars.get(i).label().equals(expected.get(i).label())
                        || Math.abs(bars.get(i).probability() - expected.get(i).probability()) > 1e-9) {
                    return false;
                }
            }
            return true;
        });
    }

    private static List<ProbabilityView.Bar> twoQubitBars(double p00, double p01, double p10, double p11) {
        return List.of(new ProbabilityView.Bar("00", p00), new ProbabilityView.Bar("01", p01),
                new ProbabilityView.Bar("10", p10), new ProbabilityView.Bar("11", p11));
    }

    @Test
    void dragAnHAndACnotOntoWiresToMakeABellPair(FxRobot robot) throws Exception {
        CircuitWorkspace ws = open(robot);
        CircuitEditor editor = ws.editor();
        robot.drag("#palette-H").dropTo(screenPoint(editor, 0, 0));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Circuit(2, Operation.of(Gate.H, 0)), circuit());

        robot.drag("#palette-CNOT").dropTo(screenPoint(editor, 0, 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Circuit(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1)), circuit());
        assertTrue(window.document().isModified());
        awaitBars(ws, List.of(new ProbabilityView.Bar("00", 0.5), new ProbabilityView.Bar("01", 0),
                new ProbabilityView.Bar("10", 0), new ProbabilityView.Bar("11", 0.5)));
        assertTrue(ws.qasmText().getText().contains("cx q[0],q[1];"), ws.qasmText().getText());

        // Drag the CNOT's target from q1 to a new wire q2: a GHZ-style fan-out needs three wires.
        robot.clickOn("#add-qubit");
        Point2D target = screenPoint(editor, 1, 1);
        robot.drag(target).dropTo(screenPoint(editor, 2, 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Operation.cnot(0, 2), circuit().operations().get(1));

        // Undo twice: the target goes back to q1, then the third wire goes.
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Circuit(2, Operation.of(Gate.H, 0), Operation.cnot(0, 1)), circuit());
        robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, circuit().qubits());
    }

    @Test
    void clickARotationToEditItsAngleThenUndoAndRedo(FxRobot robot) throws Exception {
        CircuitWorkspace ws = open(robot);
        CircuitEditor editor = ws.editor();
        robot.drag("#palette-RY").dropTo(screenPoint(editor, 0, 0));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Angle.Constant(Math.PI / 2, "pi/2"), circuit().operations().get(0).angles().get(0));

        robot.clickOn("#op-0");
        robot.doubleClickOn("#angle-text-0").eraseText(8).write("pi/3").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        Angle edited = circuit().operations().get(0).angles().get(0);
        assertEquals(Math.PI / 3, ((Angle.Constant) edited).value(), 1e-12);
        // RY(pi/3) on q0 of |00>: P(q0 = 1) = sin^2(pi/6) = 1/4; bit strings read q0 first.
        awaitBars(ws, twoQubitBars(0.75, 0, 0.25, 0));

        robot.interact(() -> window.document().undo());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Angle.Constant(Math.PI / 2, "pi/2"), circuit().operations().get(0).angles().get(0));
        awaitBars(ws, twoQubitBars(0.5, 0, 0.5, 0));
        robot.interact(() -> window.document().redo());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(edited, circuit().operations().get(0).angles().get(0));
    }

    @Test
    void qasmTextWithAnErrorIsShownAtItsLineAndNothingIsLost(FxRobot robot) throws Exception {
        CircuitWorkspace ws = open(robot);
        Circuit ghz = new Circuit(3, Operation.of(Gate.H, 0), Operation.cnot(0, 1), Operation.cnot(1, 2));
        Platform.runLater(() -> ws.qasmText().setText(OpenQasm.toQasm2(ghz)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> circuit().equals(ghz));
        awaitBars(ws, List.of(new ProbabilityView.Bar("000", 0.5), new ProbabilityView.Bar("001", 0),
                new ProbabilityView.Bar("010", 0), new ProbabilityView.Bar("011", 0), new ProbabilityView.Bar("100", 0),
                new ProbabilityView.Bar("101", 0), new ProbabilityView.Bar("110", 0), new ProbabilityView.Bar("111", 0.5)));

        String broken = "OPENQASM 2.0;\ninclude \"qelib1.inc\";\nqreg q[3];\nh q[0];\nhx q[1];\n";
        Platform.runLater(() -> ws.qasmText().setText(broken));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ws.qasmError().isVisible());
        assertTrue(ws.qasmError().getText().contains("line 5"), ws.qasmError().getText());
        assertEquals(ghz, circuit(), "the drawing keeps the last valid circuit");
        assertEquals(broken, ws.qasmText().getText(), "the user's text stays for fixing");
        assertEquals(ghz, ws.editor().circuit());
    }

    @Test
    void deleteKeyAndDraggingOffRemoveGates(FxRobot robot) throws Exception {
        CircuitWorkspace ws = open(robot);
        CircuitEditor editor = ws.editor();
        Platform.runLater(() -> window.document().edit(window.document().project().withCircuit(
                new Circuit(2, Operation.of(Gate.H, 0), Operation.of(Gate.X, 1), Operation.of(Gate.Z, 0)))));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#op-1");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Circuit(2, Operation.of(Gate.H, 0), Operation.of(Gate.Z, 0)), circuit());

        Point2D h = screenPoint(editor, 0, 0);
        robot.drag(h).dropTo(new Point2D(h.getX(), editor.localToScreen(0, 0).getY() - 40));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Circuit(2, Operation.of(Gate.Z, 0)), circuit());
        assertFalse(ws.qasmText().getText().contains("h q[0]"));
    }

    @Test
    void saveAndReopenAsOpenQasm(FxRobot robot) throws Exception {
        CircuitWorkspace ws = open(robot);
        Circuit ghz = new Circuit(3, Operation.of(Gate.H, 0), Operation.cnot(0, 1), Operation.cnot(1, 2),
                Operation.of(Gate.RZ, new Angle.Constant(Math.PI / 4, "pi/4"), 2));
        Path file = dir.resolve("ghz.qasm");
        Files.writeString(file, OpenQasm.toQasm2(ghz));
        Platform.runLater(() -> ws.openQasm(file));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> circuit().equals(ghz));

        Path bad = dir.resolve("bad.qasm");
        Files.writeString(bad, "OPENQASM 2.0;\nqreg q[2];\ncx q[0];\n");
        Platform.runLater(() -> ws.openQasm(bad));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#error-dialog").tryQuery().isPresent());
        assertEquals(ghz, circuit(), "a bad file changes nothing");
    }

    @Test
    void depolarizingNoiseOnABellPairShowsPurityBelowOneAndShrunkenBlochVectors(FxRobot robot) throws Exception {
        CircuitWorkspace ws = open(robot);
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
        double purity = purityShown(ws);
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

    /**
     * A measurement, a reset and a conditioned gate placed with the mouse: q0 is a coin read into c[0]
     * and reset; X on q1 runs only if c == 1, so q1 copies the coin and reads it into c[1].
     */
    @Test
    void aMeasurementAResetAndAConditionalGateShowTheClassicalRegisterAndPurity(FxRobot robot) throws Exception {
        CircuitWorkspace ws = open(robot);
        CircuitEditor editor = ws.editor();
        robot.drag("#palette-H").dropTo(screenPoint(editor, 0, 0));
        robot.drag("#palette-measure").dropTo(screenPoint(editor, 0, 1));
        robot.drag("#palette-reset").dropTo(screenPoint(editor, 0, 2));
        robot.drag("#palette-X").dropTo(screenPoint(editor, 1, 3));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Circuit(2, Operation.of(Gate.H, 0), Operation.measure(0, 0), Operation.reset(0), Operation.of(Gate.X, 1)),
                circuit());
        assertTrue(robot.lookup("#classical-wire").tryQuery().isPresent(), "a classical wire below the qubits");

        robot.clickOn("#op-3");
        robot.clickOn("#step-condition").write("1").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Operation.of(Gate.X, 1).when(1), circuit().operations().get(3));
        robot.drag("#palette-measure").dropTo(screenPoint(editor, 1, 5));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Operation.measure(1, 1), circuit().operations().get(4));

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ws.noisePanel().exactReadingsShown().size() == 2);
        assertTrue(ws.noisePanel().chartTitleShown().startsWith("Classical register c"), ws.noisePanel().chartTitleShown());
        java.util.Map<String, Double> readings = ws.noisePanel().exactReadingsShown();
        assertEquals(0.5, readings.get("00"), 1e-12, "both bits read the coin: " + readings);
        assertEquals(0.5, readings.get("11"), 1e-12);
        // q0 reset to |0>, q1 = the coin, classically mixed: rho = (|00><00| + |01><01|)/2 (q1 written second), purity 1/2.
        assertEquals(0.5, purityShown(ws), 1e-4);
        assertTrue(ws.noisePanel().methodShown().contains("measures, resets"), ws.noisePanel().methodShown());

        robot.interact(() -> window.document().undo()); // the last measurement
        robot.interact(() -> window.document().undo()); // the condition
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Operation.of(Gate.X, 1), circuit().operations().get(3));
    }
}
