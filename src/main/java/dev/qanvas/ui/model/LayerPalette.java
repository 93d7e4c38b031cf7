package dev.qanvas.ui.model;

import dev.qanvas.project.model.LayerCatalog;
import dev.qanvas.project.model.ModelColors;
import dev.qanvas.project.model.NodeCard;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The Model workspace's layer palette: every {@link LayerCatalog} entry as a tile with its glyph,
 * name and one-line description, under "Quantum" and "Classical". Dragging a tile onto the canvas
 * adds the layer there (a full press-drag-release gesture; the tile's user data is the entry);
 * clicking it, or Enter on a focused tile, hands the entry to {@link #setOnActivate}. Tile ids:
 * {@code layer-tile-<Type>}.
 */
public final class LayerPalette extends VBox {

    private Consumer<LayerCatalog.Entry> onActivate = e -> { };

    public LayerPalette() {
        setId("layer-palette");
        getStyleClass().add("layer-palette");
        setSpacing(1);
        setPadding(new Insets(8));
        // Descriptions wrap to this width instead of widening the column to their one-line length.
        setPrefWidth(250);
        setMinWidth(180);
        for (LayerCatalog.Group group : LayerCatalog.Group.values()) {
            Label heading = new Label(group.title());
            heading.getStyleClass().add("section-title");
            getChildren().add(heading);
            for (LayerCatalog.Entry entry : LayerCatalog.group(group)) {
                getChildren().add(tile(entry));
            }
        }
    }

    /** Called with the entry when a tile is clicked. */
    public void setOnActivate(Consumer<LayerCatalog.Entry> onActivate) {
        this.onActivate = onActivate == null ? e -> { } : onActivate;
    }

    private Node tile(LayerCatalog.Entry entry) {
        NodeCard.Kind kind = NodeCard.kindOf(entry.newSpec());
        ModelColors.Scheme colours = ModelColors.of(kind);
        StackPane icon = new StackPane(LayerGlyph.of(entry.type(), 18, colours.ink()));
        icon.getStyleClass().add("layer-icon");
        icon.setStyle("-fx-background-color: " + colours.header() + "; -fx-border-color: " + colours.border() + ";");
        icon.setMinSize(28, 28);
        icon.setMaxSize(28, 28);
        Label name = new Label(entry.type());
        name.getStyleClass().add("layer-name");
        Label about = new Label(entry.description()); // one line; the tooltip repeats it should it be cut
        about.getStyleClass().add("layer-description");
        VBox text = new VBox(0, name, about);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox tile = new HBox(8, icon, text);
        tile.setAlignment(Pos.CENTER_LEFT);
        tile.setId("layer-tile-" + entry.type());
        tile.getStyleClass().addAll("layer-tile", entry.group() == LayerCatalog.Group.QUANTUM ? "quantum" : "classical");
        tile.setFocusTraversable(true);
        tile.setAccessibleText(entry.type() + ": " + entry.description());
        tile.setUserData(entry); // the canvas reads the entry from the gesture source of a drop
        Tooltip tip = new Tooltip(entry.description() + "\n\nDrag onto the canvas, or click to add after the selected layer.");
        tip.setShowDelay(Duration.millis(500));
        tip.setWrapText(true);
        tip.setMaxWidth(320);
        Tooltip.install(tile, tip);
        tile.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress()) {
                onActivate.accept(entry);
            }
        });
        tile.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.SPACE) {
                onActivate.accept(entry);
                e.consume();
            }
        });
        // A full press-drag-release, not platform drag-and-drop: it works the same everywhere,
        // headless tests included, and the canvas draws its own drop preview.
        tile.setOnDragDetected(e -> {
            tile.startFullDrag();
            e.consume();
        });
        return tile;
    }
}
