package dev.qanvas.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.project.CircuitTarget;
import dev.qanvas.project.Project;
import dev.qanvas.project.Samples;
import dev.qanvas.quantum.FeatureMaps;
import dev.qanvas.ui.circuit.CircuitWorkspace;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import dev.qanvas.ui.shell.MainWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A kernel project (issue 17) in the Model workspace, as a student would use it: the sample MNIST
 * 3 vs 5 reads as the pipeline Input -> Features -> Feature map -> SVM with the baselines below;
 * C is edited in the SVM's panel and undone; the feature map's card opens its circuit
 * in the Circuit workspace (hosted beside it here as the main window does).
 */
@ExtendWith(ApplicationExtension.class)
class KernelModelWorkspaceTest {

    private DocumentModel doc;
    private Background background;
    private ModelWorkspace model;
    private CircuitWorkspace circuit;
    private final StackPane host = new StackPane();
    private final List<CircuitTarget> opened = new ArrayList<>();
    private final List<String> statuses = new ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        doc = new DocumentModel(Samples.load("quantum-kernels-mnist-3-vs-5.qanvas"));
        background = new Background();
        Alerts alerts = new Alerts(() -> stage, statuses::add);
        model = new ModelWorkspace(doc, background, () -> stage, alerts, id -> { });
        circuit = new CircuitWorkspace(doc, background, () -> stage, alerts);
        model.setOnOpenCircuit(target -> {
            opened.add(target);
            circuit.open(target);
            host.getChildren().setAll(circuit.view());
        });
        host.getChildren().setAll(model.view());
        Scene scene = new Scene(host, 1280, 800);
        scene.getStylesheets().add(MainWindow.class.getResource("/dev/qanvas/ui/qanvas.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void thePipelineShowsEditsCAndOpensTheFeatureMapInCircuit(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        for (String stage : List.of("input", "features", "feature-map", "svm", "rbf-svm", "random-forest")) {
            assertTrue(robot.lookup("#kernel-stage-" + stage).query().isVisible(), stage);
        }
        assertTrue(robot.lookup("#model-canvas").tryQuery().map(n -> !n.isVisible() || n.getScene() == null).orElse(true),
                "no network canvas for a kernel project");
        assertTrue(text(robot, "#model-summary").contains("PCA 8 -> ZZ map (reps 2, linear)"), text(robot, "#model-summary"));

        // the SVM's C, typed into its panel: one undoable edit
        robot.clickOn("#kernel-stage-svm");
        robot.clickOn("#kernel-field-c");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("2.5").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2.5, doc.project().kernel().c());
        assertTrue(robot.lookup("#kernel-stage-svm").lookup(".node-setting").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().equals("C = 2.5")), "the card follows the edit");
        // a refused value says why under the field and changes nothing
        robot.clickOn("#kernel-field-c");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("0").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text(robot, "#kernel-field-error-c").contains("must be a positive number"), text(robot, "#kernel-field-error-c"));
        assertEquals(2.5, doc.project().kernel().c());
        robot.interact(doc::undo);
        assertEquals(1.0, doc.project().kernel().c());

        // the random forest is one click away, with its own setting
        robot.clickOn("#kernel-stage-random-forest");
        assertEquals("100", robot.lookup("#kernel-field-trees").queryAs(javafx.scene.control.TextField.class).getText());

        // the feature map's card opens it in the Circuit workspace: 8 qubits of Qiskit's ZZ map
        robot.clickOn("#open-feature-map-card");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(new CircuitTarget.FeatureMap(8)), opened);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#circuit-editor").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        ComboBox<CircuitTarget> target = robot.lookup("#circuit-target").queryAs(ComboBox.class);
        assertEquals(new CircuitTarget.FeatureMap(8), target.getValue());
        assertEquals("Kernel feature map (ZZ map)", target.getValue().label(doc.project()));
        assertEquals("8 qubits", text(robot, "#qubit-count"));
        assertEquals(FeatureMaps.zz(8, 2, FeatureMaps.Pattern.LINEAR), opened.get(0).circuit(doc.project()).orElseThrow());
        Project before = doc.project();
        // an edit in Circuit (a qubit added) becomes the kernel's custom map
        robot.clickOn("#add-qubit");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("custom", doc.project().kernel().map());
        assertEquals(9, doc.project().kernel().circuit().qubits());
        assertEquals("Kernel feature map (custom circuit)", target.getButtonCell().getText(), "the picker names what it now is");
        robot.interact(doc::undo);
        assertEquals(before, doc.project());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> background.runningCount() == 0);
    }
}
