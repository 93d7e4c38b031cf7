package dev.qanvas.ui.model;

import dev.qanvas.nn.graph.kinds.Dense;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qanvas.nn.graph.LayerSpec.Activation;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph.Edge;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.project.model.GraphEdits;
import dev.qanvas.project.model.NodeCard;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javafx.event.Event;
import javafx.event.EventType;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The model canvas on its own, driven with mouse and keys; each editing gesture must hand over exactly one graph. */
@ExtendWith(ApplicationExtension.class)
class ModelCanvasTest {

    private static final ModelGraph START = ModelGraph.empty()
            .withNode("input", new Input(1, 8, 8), 40, 100)
            .withNode("dense", new Dense(4, Activation.TANH), 220, 100)
            .withNode("output", new Output(2, LayerSpec.OutputKind.SOFTMAX), 400, 100)
            .withNode("extra", new Dense(3, Activation.RELU), 220, 320)
            .withEdge("input", "dense").withEdge("dense", "output");

    private ModelCanvas canvas;
    private final List<ModelGraph> edits = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();

    @Start
    void start(Stage stage) {
        canvas = new ModelCanvas();
        LayerPalette palette = new LayerPalette();
        palette.setOnActivate(e -> canvas.addLayer(e.newSpec()));
        // The owner's part: take the edit and show it back, as the workspace does through the document.
        canvas.setOnEdit(g -> {
            edits.add(g);
            canvas.show(g, g.analyse());
        });
        canvas.setOnOpenNode(opened::add);
        BorderPane root = new BorderPane(canvas);
        root.setLeft(palette);
        stage.setScene(new Scene(root, 1100, 700));
        stage.show();
        canvas.show(START, START.analyse());
    }

    private ModelGraph graph() {
        return canvas.graph();
    }

    /** A model point as a screen point (the view starts at 100 %, unpanned). */
    private Point2D at(double x, double y) {
        return canvas.worldToScreen(x, y);
    }

    /** A middle-button mouse event at a canvas point. */
    private MouseEvent mouse(EventType<MouseEvent> type, double x, double y) {
        Point2D screen = canvas.localToScreen(x, y);
        return new MouseEvent(type, x, y, screen.getX(), screen.getY(), MouseButton.MIDDLE, 1, false, false, false, false,
                false, true, false, false, false, false, null);
    }

    @Test
    void nodesShowTheirShapesAndEdgesTheShapeTheyCarry() {
        assertEquals("→ 1x8x8", canvas.nodeView("input").orElseThrow().card().shape());
        assertEquals("→ 4", canvas.nodeView("dense").orElseThrow().card().shape());
        assertEquals("260 params", canvas.nodeView("dense").orElseThrow().card().parameters());
        assertEquals("1x8x8", canvas.edgeLabel("input", "dense").orElseThrow());
        assertEquals("4", canvas.edgeLabel("dense", "output").orElseThrow());
        assertTrue(canvas.nodeView("extra").orElseThrow().getStyleClass().contains("invalid"), "extra is not connected");
        assertTrue(canvas.nodeView("extra").orElseThrow().getAccessibleHelp().contains("not connected"));
    }

    @Test
    void draggingANodeMovesItWithOneEditOnRelease(FxRobot robot) {
        robot.drag("#node-dense").dropBy(40, 60);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, edits.size(), "positions change only on release");
        ModelGraph.Node d = graph().node("dense").orElseThrow();
        assertEquals(260, d.x(), 1.0);
        assertEquals(160, d.y(), 1.0);
        assertEquals(40, graph().node("input").orElseThrow().x(), "the others stay");
        assertEquals(START.edges(), graph().edges());
    }

    @Test
    void boxSelectThenDragMovesTheSelectionTogether(FxRobot robot) {
        robot.drag(at(20, 60)).dropTo(at(340, 220));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of("input", "dense"), canvas.selectedNodes());
        assertTrue(edits.isEmpty(), "selecting edits nothing");
        robot.drag("#node-dense").dropBy(0, 50);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, edits.size());
        assertEquals(150, graph().node("input").orElseThrow().y(), 1.0);
        assertEquals(150, graph().node("dense").orElseThrow().y(), 1.0);
        assertEquals(100, graph().node("output").orElseThrow().y());
    }

    @Test
    void shiftClickAddsToTheSelectionAndDeleteRemovesNodesWithTheirEdges(FxRobot robot) {
        robot.clickOn("#node-dense");
        robot.press(KeyCode.SHIFT).clickOn("#node-output").release(KeyCode.SHIFT);
        assertEquals(Set.of("dense", "output"), canvas.selectedNodes());
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, edits.size());
        assertEquals(List.of("input", "extra"), graph().nodeIds());
        assertTrue(graph().edges().isEmpty());
        assertTrue(canvas.selectedNodes().isEmpty());
    }

    @Test
    void clickAnEdgeToSelectItThenDeleteIt(FxRobot robot) {
        // Below the middle of input -> dense: on the curve's wide hit area, under its label.
        robot.clickOn(at((40 + NodeCard.WIDTH + 220) / 2.0, 100 + NodeCard.PORT_Y + 3));
        assertEquals(Set.of(new Edge("input", "dense")), canvas.selectedEdges());
        assertTrue(robot.lookup("#edge-input-dense").query().getStyleClass().contains("selected"));
        robot.type(KeyCode.BACK_SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(new Edge("dense", "output")), graph().edges());
        assertEquals(4, graph().nodes().size());
    }

    @Test
    void dragFromAnOutputPortToAnInputPortConnects(FxRobot robot) {
        robot.drag("#port-out-input").dropTo("#port-in-extra");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, edits.size());
        assertTrue(graph().hasEdge("input", "extra"));
        assertEquals("1x8x8", canvas.edgeLabel("input", "extra").orElseThrow());
        // The other way round: from an input port onto a node's box.
        robot.drag("#port-in-output").dropTo("#node-extra");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(graph().hasEdge("extra", "output"));
        // Dropping on the empty canvas or on the node itself draws nothing.
        robot.drag("#port-out-extra").dropTo(at(700, 500));
        robot.drag("#port-out-extra").dropTo("#node-extra");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, edits.size());
    }

    @Test
    void copyAndPasteMakeNewIdsAndSelectThePastedNodes(FxRobot robot) {
        robot.clickOn("#node-dense");
        robot.press(KeyCode.CONTROL).type(KeyCode.C).type(KeyCode.V).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, edits.size());
        ModelGraph.Node copy = graph().node("dense1").orElseThrow();
        assertEquals(START.node("dense").orElseThrow().spec(), copy.spec());
        assertEquals(Set.of("dense1"), canvas.selectedNodes());
        robot.press(KeyCode.CONTROL).type(KeyCode.V).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(graph().contains("dense2"));
        assertTrue(graph().node("dense2").orElseThrow().x() > copy.x(), "each paste lands a little further");
    }

    @Test
    void paletteDropAndClickAddLayers(FxRobot robot) {
        robot.drag("#layer-tile-Conv2D").dropTo(at(660, 420));
        WaitForAsyncUtils.waitForFxEvents();
        ModelGraph.Node conv = graph().node("conv1").orElseThrow();
        assertEquals(660 - NodeCard.WIDTH / 2, conv.x(), 1.0);
        assertEquals(420 - NodeCard.PORT_Y, conv.y(), 1.0);
        assertEquals(Set.of("conv1"), canvas.selectedNodes(), "a dropped layer is selected");
        robot.clickOn("#layer-tile-MaxPool");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(graph().hasEdge("conv1", "pool1"), "a clicked layer follows the selected one");
        assertEquals(conv.x() + GraphEdits.STEP_X, graph().node("pool1").orElseThrow().x());
        assertEquals(2, edits.size());
    }

    @Test
    void doubleClickOpensANode(FxRobot robot) {
        robot.doubleClickOn("#node-dense");
        assertEquals(List.of("dense"), opened);
    }

    @Test
    void zoomWithWheelPinchAndButtonsAndPanWithTheMiddleButtonOrSpace(FxRobot robot) {
        double before = canvas.zoomProperty().get();
        robot.moveTo(at(300, 250)).press(KeyCode.CONTROL).scroll(3, javafx.geometry.VerticalDirection.UP).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(canvas.zoomProperty().get() != before, "Ctrl+wheel zooms");

        robot.interact(() -> canvas.fit());
        double fitted = canvas.zoomProperty().get();
        robot.interact(() -> {
            Point2D local = canvas.screenToLocal(at(300, 200));
            Event.fireEvent(canvas, new ZoomEvent(ZoomEvent.ZOOM, local.getX(), local.getY(), 0, 0, false, false, false, false,
                    false, false, 1.5, 1.5, null));
        });
        assertEquals(Math.min(ModelCanvas.MAX_SCALE, fitted * 1.5), canvas.zoomProperty().get(), 1e-9, "pinch zooms");

        robot.interact(() -> canvas.fit());
        robot.interact(() -> canvas.zoomIn());
        assertEquals(fitted * 1.25, canvas.zoomProperty().get(), 1e-9);
        robot.interact(() -> canvas.zoomOut());
        assertEquals(fitted, canvas.zoomProperty().get(), 1e-9);
        assertFalse(canvas.minimapShown(), "everything fits");
        for (int i = 0; i < 6; i++) {
            robot.interact(() -> canvas.zoomIn());
        }
        assertTrue(canvas.minimapShown(), "the minimap appears when the model does not fit");

        robot.interact(() -> canvas.fit());
        Point2D world = canvas.toWorld(100, 100);
        // Monocle's robot has no middle button, so the middle-button drag is fired as events.
        robot.interact(() -> {
            Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_PRESSED, 500, 400));
            Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_DRAGGED, 530, 420));
            Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_DRAGGED, 560, 440));
            Event.fireEvent(canvas, mouse(MouseEvent.MOUSE_RELEASED, 560, 440));
        });
        Point2D panned = canvas.toWorld(100 + 60, 100 + 40);
        assertEquals(world.getX(), panned.getX(), 1.0);
        assertEquals(world.getY(), panned.getY(), 1.0);

        // Space held: dragging a node pans instead of moving it.
        robot.clickOn(at(700, 500));
        Point2D world2 = canvas.toWorld(100, 100);
        robot.press(KeyCode.SPACE);
        robot.drag("#node-output").dropBy(-50, 0);
        robot.release(KeyCode.SPACE);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(edits.isEmpty(), "panning edits nothing");
        assertEquals(world2.getX(), canvas.toWorld(100 - 50, 100).getX(), 1.0);
    }
}
