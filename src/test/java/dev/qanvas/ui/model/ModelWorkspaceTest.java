package dev.qanvas.ui.model;

import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Quantum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import dev.qanvas.ui.shell.MainWindow;

import dev.qanvas.nn.graph.GraphProblem;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.ModelGraph.Edge;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Model workspace hosted on its own, used as a student would: build Input, Dense, Quantum,
 * Output from the palette, connect them, fix and break the shapes in the property panel, undo,
 * swap the quantum layer for its twin and back, save, export.
 */
@ExtendWith(ApplicationExtension.class)
class ModelWorkspaceTest {

    @TempDir
    Path dir;

    private DocumentModel doc;
    private Background background;
    private ModelWorkspace ws;
    private final List<String> openedCircuits = new ArrayList<>();
    private final List<String> statusMessages = new ArrayList<>();

    @Start
    void start(Stage stage) {
        doc = new DocumentModel(Project.untitled());
        background = new Background();
        ws = new ModelWorkspace(doc, background, () -> stage, new Alerts(() -> stage, statusMessages::add), openedCircuits::add);
        Scene scene = new Scene((Parent) ws.view(), 1280, 780);
        scene.getStylesheets().add(MainWindow.class.getResource("/dev/qanvas/ui/qanvas.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    private ModelGraph model() {
        return doc.project().model();
    }

    private ModelCanvas canvas(FxRobot robot) {
        return robot.lookup("#model-canvas").queryAs(ModelCanvas.class);
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private void drop(FxRobot robot, String type, double x, double y) {
        Point2D at = canvas(robot).worldToScreen(x, y);
        robot.drag("#layer-tile-" + type).dropTo(at);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void connect(FxRobot robot, String from, String to) {
        robot.drag("#port-out-" + from).dropTo("#port-in-" + to);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Types {@code value} into a property field and presses Enter. */
    private void setField(FxRobot robot, String key, String value) {
        robot.clickOn("#field-" + key);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(value).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Input -> Dense -> Quantum -> Output, dropped from the palette and wired port to port. */
    private void buildHybridChain(FxRobot robot) {
        drop(robot, "Input", 100, 120);
        drop(robot, "Dense", 260, 120);
        drop(robot, "Quantum", 420, 120);
        drop(robot, "Output", 580, 120);
        connect(robot, "input1", "dense1");
        connect(robot, "dense1", "quantum1");
        connect(robot, "quantum1", "output1");
    }

    @Test
    void buildAHybridModelFromThePaletteAndSeeItsShapes(FxRobot robot) {
        assertTrue(ws.trainBlockedReason().orElseThrow().contains("no Input node"), "an empty model cannot train");
        buildHybridChain(robot);
        assertEquals(List.of("input1", "dense1", "quantum1", "output1"), model().nodeIds());
        assertTrue(model().node("quantum1").orElseThrow().spec() instanceof Quantum);
        assertEquals(List.of(new Edge("input1", "dense1"), new Edge("dense1", "quantum1"), new Edge("quantum1", "output1")),
                model().edges());
        // Dropped where it was let go: the pointer on the middle of the node's header.
        assertEquals(420 - 108 / 2.0, model().node("quantum1").orElseThrow().x(), 1.0);

        // The default Dense has 16 units but the 4-qubit layer encodes 4 features: marked, with the analyser's reason.
        Node quantum = robot.lookup("#node-quantum1").query();
        assertTrue(quantum.getStyleClass().contains("invalid"));
        GraphProblem problem = model().analyse().problemsFor("quantum1").get(0);
        assertEquals(problem.message(), quantum.getAccessibleHelp());
        assertTrue(problem.message().contains("encodes 4 features but receives 16"), problem.message());
        assertTrue(ws.trainBlockedReason().orElseThrow().contains("quantum1"));
        assertTrue(text(robot, "#model-status").contains("cannot be trained yet"));

        // Fix it in the property panel: one edit, and every shape follows.
        robot.clickOn("#node-dense1");
        ModelGraph before = model();
        setField(robot, "units", "4");
        ModelGraph fixed = model();
        assertEquals(new Dense(4, LayerSpec.Activation.RELU), fixed.node("dense1").orElseThrow().spec());
        robot.interact(() -> doc.undo());
        assertEquals(before, model(), "one valid value is one undo step");
        robot.interact(() -> doc.redo());
        assertEquals(fixed, model());
        assertFalse(robot.lookup("#node-quantum1").query().getStyleClass().contains("invalid"));
        assertEquals("→ 1x28x28", text(robot, "#node-input1 .node-shape"));
        assertEquals("→ 4", text(robot, "#node-dense1 .node-shape"));
        assertEquals("→ 4", text(robot, "#node-quantum1 .node-shape"));
        assertEquals("→ 10", text(robot, "#node-output1 .node-shape"));
        assertEquals("1x28x28", text(robot, "#edge-label-input1-dense1"));
        assertEquals("4", text(robot, "#edge-label-dense1-quantum1"));
        assertEquals("4", text(robot, "#edge-label-quantum1-output1"));
        assertEquals("3,140 params", text(robot, "#node-dense1 .node-params"), "784 x 4 + 4");
        assertTrue(ws.trainBlockedReason().isEmpty(), ws.trainBlockedReason().toString());
        assertTrue(text(robot, "#model-status").startsWith("The model is valid"));
        // 3,140 + 8 circuit weights + 4 x 10 + 10; one Quantum layer at batch 32: 32 x 1 x 2.
        assertTrue(text(robot, "#model-summary").startsWith("3,198 parameters (3,190 classical · 8 quantum)  ·  4 qubits  ·  64 circuit"),
                text(robot, "#model-summary"));
    }

    @Test
    void invalidInputIsShownInlineAndBreakingAShapeMarksTheNodeUntilUndo(FxRobot robot) {
        buildHybridChain(robot);
        robot.clickOn("#node-dense1");
        setField(robot, "units", "4");
        Project valid = doc.project();

        setField(robot, "units", "0");
        assertTrue(robot.lookup("#field-error-units").query().isVisible());
        assertEquals("Units must be at least 1, not 0.", text(robot, "#field-error-units"));
        assertSame(valid, doc.project(), "an invalid value edits nothing");
        setField(robot, "units", "lots");
        assertEquals("Units must be a whole number, not \"lots\".", text(robot, "#field-error-units"));
        assertSame(valid, doc.project());

        setField(robot, "units", "8");
        assertFalse(robot.lookup("#field-error-units").query().isVisible());
        Node quantum = robot.lookup("#node-quantum1").query();
        assertTrue(quantum.getStyleClass().contains("invalid"));
        assertEquals(model().analyse().problemsFor("quantum1").get(0).message(), quantum.getAccessibleHelp());
        assertTrue(quantum.getAccessibleHelp().contains("receives 8"));

        robot.interact(() -> doc.undo());
        assertEquals(valid, doc.project());
        assertFalse(robot.lookup("#node-quantum1").query().getStyleClass().contains("invalid"));
        assertEquals("→ 4", text(robot, "#node-dense1 .node-shape"));

        // A cycle: quantum1 back into dense1. Both ends are marked with the analyser's words.
        robot.drag("#port-out-quantum1").dropTo("#node-dense1");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model().hasEdge("quantum1", "dense1"));
        assertTrue(robot.lookup("#node-dense1").query().getAccessibleHelp().contains("is on a cycle"));
        assertTrue(robot.lookup("#edge-quantum1-dense1").query().getStyleClass().contains("invalid")
                || robot.lookup("#edge-dense1-quantum1").query().getStyleClass().contains("invalid"));
        robot.interact(() -> doc.undo());
        assertEquals(valid, doc.project());
    }

    @Test
    void aPhotonicLayerFromThePaletteTrainsInAChainSwapsToItsTwinAndOpensNoCircuit(FxRobot robot) {
        drop(robot, "Input", 100, 120);
        drop(robot, "Dense", 260, 120);
        drop(robot, "Photonic", 420, 120);
        drop(robot, "Output", 580, 120);
        connect(robot, "input1", "dense1");
        connect(robot, "dense1", "photonic1");
        connect(robot, "photonic1", "output1");
        robot.clickOn("#node-dense1");
        setField(robot, "units", "4");
        assertTrue(model().analyse().problems().isEmpty(), model().analyse().summary());
        assertEquals(Shape.vector(10), model().analyse().shapes().get("photonic1"), "4 modes, 2 photons: C(5, 2) = 10 outcomes");

        robot.doubleClickOn("#node-photonic1");
        assertEquals(List.of("photonic1"), openedCircuits, "a photonic layer's optical circuit opens");
        robot.clickOn("#node-photonic1");
        assertTrue(robot.lookup("#edit-circuit").tryQuery().isPresent());
        setField(robot, "photons", "9");
        assertTrue(text(robot, "#field-error-photons").contains("1 to 4 photons"), text(robot, "#field-error-photons"));
        LayerSpec original = model().node("photonic1").orElseThrow().spec();
        robot.clickOn("#swap-twin");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Dense(10, LayerSpec.Activation.SIGMOID), model().node("photonic1-twin").orElseThrow().spec());
        robot.clickOn("#swap-back");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(original, model().node("photonic1").orElseThrow().spec());
    }

    @Test
    void renameSwapWithTwinAndBackDoubleClickAndClickToChain(FxRobot robot) {
        buildHybridChain(robot);
        robot.clickOn("#node-dense1");
        setField(robot, "units", "4");

        robot.doubleClickOn("#node-quantum1");
        assertEquals(List.of("quantum1"), openedCircuits, "double-clicking a quantum node opens its circuit");
        robot.doubleClickOn("#node-dense1");
        assertEquals(List.of("quantum1"), openedCircuits, "a classical node has no circuit");

        robot.clickOn("#node-quantum1");
        LayerSpec original = model().node("quantum1").orElseThrow().spec();
        var shapes = model().analyse().shapes();
        robot.clickOn("#swap-twin");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(new Dense(4, LayerSpec.Activation.TANH), model().node("quantum1-twin").orElseThrow().spec(),
                "the twin is named for what it is");
        assertEquals(shapes.get("quantum1"), model().analyse().shapes().get("quantum1-twin"), "the twin has the same shape");
        assertTrue(ws.trainBlockedReason().isEmpty());
        robot.clickOn("#swap-back");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(original, model().node("quantum1").orElseThrow().spec());

        robot.clickOn("#node-quantum1");
        setField(robot, "id", "head");
        assertEquals(List.of("input1", "dense1", "head", "output1"), model().nodeIds());
        assertTrue(model().hasEdge("dense1", "head") && model().hasEdge("head", "output1"), "edges follow a rename");
        robot.clickOn("#node-dense1");
        setField(robot, "id", "head");
        assertEquals("There is already a layer named head.", text(robot, "#field-error-id"));
        setField(robot, "id", "bad name");
        assertTrue(text(robot, "#field-error-id").contains("letters, digits"));
        assertTrue(model().contains("dense1"));

        // Clicking a palette tile adds the layer after the selected one, connected from it.
        robot.clickOn("#node-head");
        robot.clickOn("#layer-tile-Dropout");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(model().hasEdge("head", "dropout1"));
        robot.clickOn("#node-dropout1");
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(model().contains("dropout1"));
    }

    @Test
    void saveReadBackAndExport(FxRobot robot) throws Exception {
        buildHybridChain(robot);
        robot.clickOn("#auto-layout");
        WaitForAsyncUtils.waitForFxEvents();
        ModelGraph laid = model();
        assertEquals(1, laid.nodes().stream().map(ModelGraph.Node::y).distinct().count(), "a chain lies on one line");

        Path file = dir.resolve("hybrid.qanvas");
        ProjectFiles.write(file, doc.project());
        assertEquals(laid, ProjectFiles.read(file).model());

        Path png = dir.resolve("model.png");
        Path svg = dir.resolve("model.svg");
        robot.interact(() -> ws.exportPng(png));
        robot.interact(() -> ws.exportSvg(svg));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> background.runningCount() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 4 * 108, "the whole model at twice the scale: " + image.getWidth());
        String svgText = Files.readString(svg);
        assertTrue(svgText.startsWith("<?xml") && svgText.contains("id=\"node-quantum1\""));
        assertTrue(statusMessages.stream().anyMatch(m -> m.contains("model.svg")), statusMessages.toString());
    }
}
