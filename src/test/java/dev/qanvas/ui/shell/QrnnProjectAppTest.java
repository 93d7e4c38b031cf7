package dev.qanvas.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.graph.kinds.Qrnn;
import dev.qanvas.nn.qrnn.QrnnCell;
import dev.qanvas.nn.qrnn.QrnnTraining;
import dev.qanvas.project.CircuitTarget;
import dev.qanvas.project.Project;
import dev.qanvas.project.RunRecord;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.PostselectedAdjoint;
import dev.qanvas.ui.circuit.CircuitEditor;
import dev.qanvas.ui.common.ChartView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToolBar;
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

    /**
     * The Qrnn node's "Show cell circuit…" opens one step of its cell in the Circuit workspace: the
     * circuit training builds (input lane, 3 cell lanes, the ancilla postselected), its live state
     * with the postselection's success probability, an edit refused with the reason, and a change of
     * the node's settings redrawing it.
     */
    @Test
    void theQrnnCellOpensInTheCircuitWorkspace(FxRobot robot) throws Exception {
        Path file = Files.createTempDirectory(dir, "project").resolve("qrnn-mnist.qanvas");
        Files.copy(Path.of("samples/qrnn-mnist.qanvas"), file);
        robot.interact(() -> window.open(file));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.document().file() != null);
        robot.clickOn("#workspace-model");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#node-qrnn").tryQuery().isPresent());
        robot.clickOn("#node-qrnn");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#edit-circuit").tryQuery().isPresent());
        assertEquals("Show cell circuit…", robot.lookup("#edit-circuit").queryAs(Button.class).getText());
        robot.interact(() -> robot.lookup("#edit-circuit").queryAs(Button.class).fire()); // the property panel may be scrolled
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("circuit", window.currentWorkspace());

        CircuitTarget.QrnnNode target = new CircuitTarget.QrnnNode("qrnn");
        @SuppressWarnings("unchecked")
        ComboBox<CircuitTarget> picker = robot.lookup("#circuit-target").queryAs(ComboBox.class);
        assertEquals(target, picker.getValue());
        Project project = window.document().project();
        QrnnCell cell = new QrnnCell(1, 3, 1, 1, 2, 1);
        double[] weights = QrnnTraining.initialParameters(cell, 1);
        Circuit drawn = fx(() -> robot.lookup("#circuit-editor").queryAs(CircuitEditor.class).circuit());
        assertEquals(cell.stepCircuit(weights), drawn, "the cell training builds, with the Seed's initial weights");
        assertEquals(5, drawn.qubits());
        assertTrue(drawn.operations().stream().anyMatch(op -> op.kind() == Operation.Kind.POSTSELECT), "the ancilla is postselected");
        assertEquals("5 qubits", robot.lookup("#qubit-count").queryAs(Label.class).getText());

        // the live state: the first step from |0> with the token's bit x[0] from the slider (0.5 until moved: set it to 1)
        QrnnCell.Unrolled firstStep = cell.unroll(new int[] {1}, weights);
        double success = PostselectedAdjoint.values(cell.qubits(), firstStep.steps(), firstStep.readouts())[cell.classes()];
        robot.interact(() -> robot.lookup("#input-slider-0").queryAs(Slider.class).setValue(1));
        String expected = "Postselection succeeds with probability " + String.format(java.util.Locale.ROOT, "%.4f", success);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> fx(() -> robot.lookup("#noise-summary").query().lookupAll(".label").stream()
                .anyMatch(n -> ((Label) n).getText().startsWith(expected))));

        // the palette and the buttons that edit are off; an edit by keyboard is refused with the reason
        for (String id : new String[] {"#gate-palette", "#add-qubit", "#remove-qubit", "#circuit-clear", "#circuit-open-qasm"}) {
            assertTrue(robot.lookup(id).query().isDisabled(), id + " is disabled for the read-only cell");
        }
        CircuitEditor editor = robot.lookup("#circuit-editor").queryAs(CircuitEditor.class);
        robot.interact(() -> editor.place(dev.qanvas.ui.circuit.PaletteItem.all().stream().filter(i -> !i.isTemplate()).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(project, window.document().project());
        String message = fx(() -> robot.lookup(".tool-bar").queryAllAs(ToolBar.class).stream().flatMap(t -> t.getItems().stream())
                .filter(n -> "circuit-message".equals(n.getId())).map(n -> ((Label) n).getText()).findFirst().orElseThrow()); // may overflow
        assertTrue(robot.lookup("#qasm-note").queryAs(Label.class).getText().startsWith("Read-only: one step of the cell"));
        // the cell postselects: Qanvas writes no OpenQASM for it, so no empty text box, and the title says so
        assertFalse(robot.lookup("#qasm-text").query().isVisible(), "no empty read-only text box");
        assertTrue(fx(() -> robot.lookup(".section-title").queryAllAs(Label.class).stream()
                .anyMatch(l -> "OpenQASM: none for this circuit".equals(l.getText()))));
        assertTrue(message.startsWith("Not applied: the QRNN cell is drawn from layer qrnn's settings"), message);

        // the node's settings redraw it: 2 cell lanes make 4 qubits
        robot.interact(() -> window.document().edit(project.withModel(project.model().replaced("qrnn",
                new Qrnn(Qrnn.Reading.PIXELS, 2, 1, 1, 2, 0.5, 1)))));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("4 qubits", robot.lookup("#qubit-count").queryAs(Label.class).getText());
        QrnnCell smaller = new QrnnCell(1, 2, 1, 1, 2, 1);
        assertEquals(smaller.stepCircuit(QrnnTraining.initialParameters(smaller, 1)),
                fx(() -> robot.lookup("#circuit-editor").queryAs(CircuitEditor.class).circuit()));

        // the workspace's own circuit takes edits again
        robot.interact(() -> picker.getSelectionModel().select(new CircuitTarget.Own()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new CircuitTarget.Own(), picker.getValue());
        for (String id : new String[] {"#gate-palette", "#add-qubit", "#circuit-clear", "#circuit-open-qasm"}) {
            assertFalse(robot.lookup(id).query().isDisabled(), id + " is enabled for the workspace circuit");
        }
        assertTrue(robot.lookup("#qasm-text").query().isVisible(), "the workspace circuit's text is shown again");
    }
}
