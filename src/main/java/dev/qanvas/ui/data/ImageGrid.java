package dev.qanvas.ui.data;

import static dev.qanvas.ui.common.Labels.wrapping;
import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.ui.common.Pixels;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/**
 * The middle pane: a row of thumbnails per class of the previewed split, zoomable, with a message
 * above (how vectors are drawn, or why nothing can be shown). Hovering a thumbnail shows it in the
 * {@link ImagePreview}; clicking pins it there.
 */
final class ImageGrid {

    private final ImagePreview preview;
    /** The dataset previewed, after transforms (for the pinned image's class name). */
    private final Supplier<Dataset> shown;
    private final Slider zoomSlider = new Slider(28, 128, 56);
    private final VBox gridRows = new VBox(10);
    private final Label gridMessage = wrapping("");
    private final ScrollPane scroll;
    private ImageView pinned;

    ImageGrid(ImagePreview preview, Supplier<Dataset> shown) {
        this.preview = preview;
        this.shown = shown;
        zoomSlider.setId("zoom");
        zoomSlider.setPrefWidth(140);
        zoomSlider.valueProperty().addListener((o, a, b) -> applyZoom());
        gridRows.setId("image-grid");
        gridRows.setPadding(new Insets(12));
        gridMessage.setId("grid-message");
        gridMessage.setPadding(new Insets(8, 12, 0, 12));
        VBox content = new VBox(8, gridMessage, gridRows);
        scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
    }

    Node view() {
        return scroll;
    }

    Slider zoomSlider() {
        return zoomSlider;
    }

    /** Shows the thumbnails of {@code p} and the first of them large. */
    void show(DataViewModel.Preview p) {
        pinned = null;
        Dataset raw = p.raw();
        gridMessage.setText(raw.isVector()
                ? "Each point is a feature vector, drawn as a strip of " + raw.width() + " cells (dark = low, light = high)."
                : "");
        gridMessage.getStyleClass().remove("error-text");
        gridMessage.setVisible(raw.isVector());
        gridMessage.setManaged(raw.isVector());
        gridRows.getChildren().clear();
        Dataset t = p.transformed();
        ImageSet split = p.testSplit() ? t.test() : t.train();
        int[] counts = split.classCounts(t.classCount());
        for (int c = 0; c < t.classCount(); c++) {
            Label header = new Label(String.format("%s  ·  %,d %s %s", t.classNames().get(c), counts[c],
                    p.testSplit() ? "test" : "train", t.isVector() ? "points" : "images"));
            header.getStyleClass().add("class-header");
            FlowPane tiles = new FlowPane(4, 4);
            tiles.getStyleClass().add("class-row");
            for (DataViewModel.Thumb thumb : p.thumbsByClass().get(c)) {
                tiles.getChildren().add(thumbnail(thumb, t.classNames().get(c), p.testSplit()));
            }
            gridRows.getChildren().add(new VBox(4, header, tiles));
        }
        applyZoom();
        List<DataViewModel.Thumb> first = p.thumbsByClass().stream().filter(r -> !r.isEmpty()).findFirst().orElse(List.of());
        if (!first.isEmpty()) {
            preview.show(first.get(0), t.classNames().get(first.get(0).label()), p.testSplit(), t);
        } else {
            preview.showEmpty();
        }
    }

    /** Nothing can be shown: no thumbnails, the message in red. */
    void showError(String message) {
        gridRows.getChildren().clear();
        gridMessage.setText(message);
        gridMessage.setVisible(true);
        gridMessage.setManaged(true);
        gridMessage.getStyleClass().add("error-text");
    }

    private Node thumbnail(DataViewModel.Thumb thumb, String className, boolean test) {
        ImageView view = new ImageView(Pixels.image(thumb.width(), thumb.height(), thumb.argb(), 128));
        view.setSmooth(true);
        view.setPreserveRatio(false);
        view.getStyleClass().add("thumbnail");
        view.setUserData(thumb);
        Tooltip.install(view, new Tooltip(className + " · " + (test ? "test" : "train") + " #" + thumb.index()));
        view.setOnMouseEntered(e -> preview.show(thumb, className, test, shown.get()));
        view.setOnMouseExited(e -> {
            if (pinned != null && pinned != view) {
                DataViewModel.Thumb p = (DataViewModel.Thumb) pinned.getUserData();
                preview.show(p, shown.get().classNames().get(p.label()), test, shown.get());
            }
        });
        view.setOnMouseClicked(e -> {
            if (pinned != null) {
                pinned.setEffect(null);
            }
            pinned = view;
            view.setEffect(new javafx.scene.effect.DropShadow(6, javafx.scene.paint.Color.DODGERBLUE));
            preview.show(thumb, className, test, shown.get());
        });
        return view;
    }

    private void applyZoom() {
        double size = zoomSlider.getValue();
        for (Node rowBox : gridRows.getChildren()) {
            FlowPane tiles = (FlowPane) ((VBox) rowBox).getChildren().get(1);
            for (Node n : tiles.getChildren()) {
                ImageView v = (ImageView) n;
                DataViewModel.Thumb t = (DataViewModel.Thumb) v.getUserData();
                if (t.height() == 1) {
                    v.setFitWidth(size * 2);
                    v.setFitHeight(Math.max(8, size / 4));
                } else {
                    v.setFitWidth(size);
                    v.setFitHeight(size * t.height() / t.width());
                }
            }
        }
    }

    /** The number of thumbnails on screen. */
    int thumbnailCount() {
        return gridRows.getChildren().stream().mapToInt(n -> ((FlowPane) ((VBox) n).getChildren().get(1)).getChildren().size()).sum();
    }
}
