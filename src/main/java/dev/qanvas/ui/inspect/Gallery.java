package dev.qanvas.ui.inspect;

import dev.qanvas.insight.Predictions.Misclassification;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * Test images as tiles: the image, "true → predicted" and the confidence in the prediction.
 * Shows at most {@link #LIMIT} tiles (the list is sorted, so these are the most or least
 * confident). A click selects a tile (id {@code gallery-tile-<index>}) and reports its index.
 */
public final class Gallery extends ScrollPane {

    public static final int LIMIT = 240;

    private final FlowPane tiles = new FlowPane(6, 6);
    private final Label empty = new Label();
    private IntConsumer onSelect = i -> { };
    private VBox selected;
    private boolean confidenceShown = true;

    public Gallery() {
        setContent(tiles);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        getStyleClass().add("gallery");
        tiles.getStyleClass().add("gallery-tiles");
        empty.setId("gallery-empty");
        empty.getStyleClass().add("muted");
        empty.setWrapText(true);
        empty.setPadding(new javafx.geometry.Insets(8));
    }

    /** What the gallery says in place of tiles when it has none. */
    public javafx.beans.property.StringProperty emptyTextProperty() {
        return empty.textProperty();
    }

    /** Whether tiles show the model's confidence (not for a model that gives a class without a probability). */
    public void setConfidenceShown(boolean shown) {
        confidenceShown = shown;
    }

    public void setOnSelect(IntConsumer handler) {
        onSelect = handler;
    }

    /** Shows the entries (first {@link #LIMIT}); {@code thumbnail} draws test image i. */
    public void show(List<Misclassification> entries, List<String> classNames, IntFunction<Image> thumbnail) {
        tiles.getChildren().clear();
        selected = null;
        for (Misclassification m : entries.subList(0, Math.min(LIMIT, entries.size()))) {
            ImageView image = new ImageView(thumbnail.apply(m.index()));
            Label classes = new Label(classNames.get(m.trueClass()) + " → " + classNames.get(m.predicted()));
            classes.getStyleClass().add(m.trueClass() == m.predicted() ? "gallery-correct" : "gallery-wrong");
            Label confidence = new Label(String.format(Locale.ROOT, "%.0f%%", 100 * m.confidence()));
            confidence.getStyleClass().add("muted");
            VBox tile = confidenceShown ? new VBox(2, image, classes, confidence) : new VBox(2, image, classes);
            tile.setAlignment(Pos.CENTER);
            tile.setId("gallery-tile-" + m.index());
            tile.getStyleClass().add("gallery-tile");
            Tooltip.install(tile, new Tooltip(confidenceShown ? String.format(Locale.ROOT, "Test image %d: true %s, predicted %s with %.1f%%",
                    m.index(), classNames.get(m.trueClass()), classNames.get(m.predicted()), 100 * m.confidence())
                    : String.format(Locale.ROOT, "Test point %d: true %s, predicted %s", m.index(), classNames.get(m.trueClass()),
                    classNames.get(m.predicted()))));
            tile.setOnMouseClicked(e -> {
                select(tile);
                onSelect.accept(m.index());
            });
            tiles.getChildren().add(tile);
        }
        setContent(entries.isEmpty() ? empty : tiles);
    }

    /** Outlines the tile of test image {@code index} if it is shown. */
    public void select(int index) {
        tiles.getChildren().stream().filter(n -> ("gallery-tile-" + index).equals(n.getId())).findFirst()
                .ifPresentOrElse(n -> select((VBox) n), () -> select((VBox) null));
    }

    public int shownCount() {
        return tiles.getChildren().size();
    }

    private void select(VBox tile) {
        if (selected != null) {
            selected.getStyleClass().remove("selected");
        }
        selected = tile;
        if (tile != null) {
            tile.getStyleClass().add("selected");
        }
    }
}
