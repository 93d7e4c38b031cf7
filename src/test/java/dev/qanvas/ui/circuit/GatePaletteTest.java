package dev.qanvas.ui.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The palette's tiles, clicked, keyed and dragged as a user would, headless. Under Monocle a drag
 * is a full press-drag-release gesture (its drag-and-drop fails inside JavaFX), so the drop
 * target here reads the item from the gesture source, as the circuit editor does.
 */
@ExtendWith(ApplicationExtension.class)
class GatePaletteTest {

    private final List<PaletteItem> activated = new ArrayList<>();
    private final List<Object> dropped = new ArrayList<>();
    private ScrollPane column;

    @Start
    void start(Stage stage) {
        GatePalette palette = new GatePalette();
        palette.setOnActivate(activated::add);
        column = new ScrollPane(palette);
        Pane target = new Pane();
        target.setId("drop-target");
        target.setPrefSize(200, 600);
        target.setOnMouseDragReleased(e -> dropped.add(((Node) e.getGestureSource()).getUserData()));
        stage.setScene(new Scene(new HBox(column, target), 420, 600));
        stage.show();
    }

    @Test
    void everyItemHasATileWithItsTooltip(FxRobot robot) {
        assertEquals(PaletteItem.all().size(), robot.lookup(".palette-tile").queryAll().size());
        for (PaletteItem item : PaletteItem.all()) {
            assertNotNull(robot.lookup("#palette-" + item.id()).query(), item.id());
            assertTrue(GatePalette.tooltipText(item).startsWith(item.tooltip()), item.id());
        }
        Node tile = robot.lookup("#palette-H").query();
        assertNull(tile.getProperties().get("javafx.scene.control.Tooltip"), "made on first hover, not before");
        robot.moveTo("#palette-H");
        Tooltip h = (Tooltip) tile.getProperties().get("javafx.scene.control.Tooltip");
        assertNotNull(h, "installed once the tile is hovered");
        assertEquals(GatePalette.tooltipText(PaletteItem.byId("H").orElseThrow()), h.getText());
        assertTrue(h.getText().endsWith("Shortcut: H"), h.getText());
    }

    @Test
    void clickingATileActivatesItsItem(FxRobot robot) {
        robot.clickOn("#palette-H");
        assertEquals(List.of(PaletteItem.byId("H").orElseThrow()), activated);
        robot.clickOn("#palette-CNOT");
        robot.type(KeyCode.ENTER);
        PaletteItem cnot = PaletteItem.byId("CNOT").orElseThrow();
        assertEquals(List.of(PaletteItem.byId("H").orElseThrow(), cnot, cnot), activated, "click, then Enter on the focused tile");
        robot.interact(() -> column.setVvalue(1));
        robot.clickOn("#palette-qcnn");
        assertEquals(PaletteItem.byId("qcnn").orElseThrow(), activated.get(3));
    }

    @Test
    void draggingATileOntoTheCircuitCarriesItsItem(FxRobot robot) {
        robot.drag("#palette-CNOT").dropTo("#drop-target");
        assertEquals(List.of(PaletteItem.byId("CNOT").orElseThrow()), dropped);
        assertEquals(List.of(), activated, "a drag is not a click");
    }
}
