package dev.qanvas.ui.circuit;

import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * The circuit editor's gate palette: every {@link PaletteItem} as a tile under its group's
 * heading. Dragging a tile carries the item's id ({@link PaletteItem#DRAG_FORMAT}); clicking it
 * (or Enter / Space on a focused tile) hands the item to {@link #setOnActivate}. Each tile has
 * the id {@code palette-<item id>} and the item as its user data.
 */
public final class GatePalette extends VBox {

    private static final double TILE_WIDTH = 40;
    private static final double TILE_HEIGHT = 34;
    private static final double GAP = 4;
    /** Four tiles a row: fits the ~190 px side column with its padding. */
    private static final double ROW_WIDTH = 4 * TILE_WIDTH + 3 * GAP;

    /**
     * Monocle (headless tests) fails inside JavaFX on drag-and-drop, so there a tile starts a
     * full press-drag-release gesture instead, whose source tile carries the item as user data.
     */
    private static final boolean HEADLESS = "Monocle".equalsIgnoreCase(System.getProperty("glass.platform"));

    private Consumer<PaletteItem> onActivate = item -> { };

    public GatePalette() {
        setId("gate-palette");
        setSpacing(4);
        setPadding(new Insets(8));
        setPrefWidth(ROW_WIDTH + 16);
        for (PaletteItem.Group group : PaletteItem.Group.values()) {
            Label heading = new Label(group.title());
            heading.getStyleClass().add("section-title");
            Label about = new Label(descriptionOf(group));
            about.getStyleClass().add("muted");
            about.setStyle("-fx-font-size: 11px;");
            about.setWrapText(true);
            Pane tiles = group == PaletteItem.Group.TEMPLATE ? new VBox(GAP) : new FlowPane(GAP, GAP);
            if (tiles instanceof FlowPane flow) {
                flow.setPrefWrapLength(ROW_WIDTH);
            }
            tiles.setPadding(new Insets(2, 0, 6, 0));
            for (PaletteItem item : PaletteItem.all()) {
                if (item.group() == group) {
                    tiles.getChildren().add(tile(item));
                }
            }
            getChildren().addAll(heading, about, tiles);
        }
    }

    /** Called with the item when a tile is clicked; the editor places it on the selected wire. */
    public void setOnActivate(Consumer<PaletteItem> onActivate) {
        this.onActivate = onActivate == null ? item -> { } : onActivate;
    }

    private static String descriptionOf(PaletteItem.Group group) {
        switch (group) {
            case SINGLE: return "Fixed gates on one wire.";
            case ROTATION: return "Turn one wire by an angle.";
            case MULTI: return "Entangle neighbouring wires.";
            case MEASURE: return "Not gates: read, reset or postselect a wire.";
            default: return "Layers spanning every wire.";
        }
    }

    /** Where {@link Tooltip#install} keeps a node's tooltip. */
    static final String TOOLTIP_KEY = "javafx.scene.control.Tooltip";

    /** The tile's tooltip: the item's name, meaning and matrix, then how to use the tile and its key. */
    static String tooltipText(PaletteItem item) {
        KeyCode key = item.shortcut();
        String how = item.isTemplate() ? "Click to add, or drag onto the circuit."
                : "Click to place on the selected wire, or drag onto a wire.";
        return item.tooltip() + "\n\n" + how + (key == null ? "" : "\nShortcut: " + key.getName());
    }

    private static Tooltip tooltip(PaletteItem item) {
        Tooltip tip = new Tooltip(tooltipText(item));
        // Monospaced so the matrix columns line up.
        tip.setStyle("-fx-font-family: 'DejaVu Sans Mono', monospace; -fx-font-size: 12px;");
        tip.setShowDelay(Duration.millis(400));
        tip.setShowDuration(Duration.seconds(30));
        return tip;
    }

    /** A gate's symbol box, or for a template the box and its name in a row (its symbol alone says little). */
    private Region tile(PaletteItem item) {
        Label box = new Label(item.symbol());
        box.setAlignment(Pos.CENTER);
        box.setMinSize(TILE_WIDTH, TILE_HEIGHT);
        box.setPrefSize(TILE_WIDTH, TILE_HEIGHT);
        box.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        Region tile = item.isTemplate() ? templateRow(box, item) : box;
        tile.setId("palette-" + item.id());
        tile.getStyleClass().add("palette-tile");
        tile.setAccessibleText(item.name());
        tile.setFocusTraversable(true);
        Runnable repaint = () -> paint(box, item, tile.isHover() || tile.isFocused());
        repaint.run();
        tile.hoverProperty().addListener((o, was, now) -> {
            repaint.run();
            if (now && !tile.getProperties().containsKey(TOOLTIP_KEY)) {
                // On first hover, not when the palette is built: the texts (matrices) and the
                // tooltips of every tile slowed the first showing of the Circuit workspace.
                Tooltip.install(tile, tooltip(item));
            }
        });
        tile.focusedProperty().addListener((o, was, now) -> repaint.run());

        tile.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                tile.requestFocus();
                onActivate.accept(item);
            }
        });
        tile.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                onActivate.accept(item);
                e.consume();
            }
        });
        tile.setUserData(item); // the gesture source of a full press-drag-release names its item
        tile.setOnDragDetected(e -> {
            if (HEADLESS) {
                tile.startFullDrag();
                e.consume();
                return;
            }
            Dragboard board = tile.startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            content.put(PaletteItem.DRAG_FORMAT, item.id());
            board.setContent(content);
            SnapshotParameters transparent = new SnapshotParameters();
            transparent.setFill(Color.TRANSPARENT);
            board.setDragView(box.snapshot(transparent, null), TILE_WIDTH / 2, TILE_HEIGHT / 2);
            e.consume();
        });
        return tile;
    }

    private static HBox templateRow(Label box, PaletteItem item) {
        Label name = new Label(item.name());
        name.setWrapText(true);
        HBox row = new HBox(8, box, name);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** Colour-codes the symbol box by group; {@code lit} (hover, focus) darkens the border. */
    private static void paint(Label box, PaletteItem item, boolean lit) {
        String fill, border, ink;
        switch (item.group()) {
            case SINGLE: fill = "#e4ebfc"; border = "#8aa3e0"; ink = "#1f3f99"; break;
            case ROTATION: fill = "#ece9fd"; border = "#a196ec"; ink = "#3b2fb8"; break;
            case MULTI: fill = "#dff3ec"; border = "#7cc2a8"; ink = "#17664f"; break;
            case MEASURE: fill = "#eeedf2"; border = "#9d9cb0"; ink = "#3a394c"; break;
            default: fill = "#fcf0dc"; border = "#e0ad63"; ink = "#8a4f00"; break;
        }
        box.setStyle("-fx-background-color: " + fill + "; -fx-background-radius: 6;"
                + " -fx-border-color: " + (lit ? ink : border) + "; -fx-border-radius: 6; -fx-border-width: " + (lit ? 2 : 1) + ";"
                + " -fx-text-fill: " + ink + "; -fx-font-weight: bold;"
                + " -fx-font-size: " + (item.symbol().length() > 3 ? 10 : 13) + "px;");
    }
}
