package dev.qanvas.ui.data;

import static dev.qanvas.ui.common.Labels.sectionTitle;
import static dev.qanvas.ui.common.Labels.wrapping;
import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.ui.common.Pixels;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

/** The right-hand pane: one image large, with its split, index, class and value range. */
final class ImagePreview {

    private final ImageView previewView = new ImageView();
    private final Label previewCaption = wrapping("Hover over an image to see it large; click to keep it here.");
    private final Label previewValues = wrapping("");
    private final VBox box;

    ImagePreview() {
        previewView.setId("preview-image");
        previewView.setFitWidth(240);
        previewView.setFitHeight(240);
        previewView.setPreserveRatio(true);
        previewView.setSmooth(false);
        previewCaption.setId("preview-caption");
        previewValues.getStyleClass().add("muted");
        box = new VBox(10, sectionTitle("Image"), previewView, previewCaption, previewValues);
        box.setPadding(new Insets(12));
        box.setMinWidth(260);
        box.setPrefWidth(270);
    }

    Node view() {
        return box;
    }

    /** Shows {@code thumb} of {@code transformed}'s train or test split large. */
    void show(DataViewModel.Thumb thumb, String className, boolean test, Dataset transformed) {
        previewView.setImage(Pixels.image(thumb.width(), thumb.height(), thumb.argb(), 240));
        if (thumb.height() == 1) {
            previewView.setPreserveRatio(false);
            previewView.setFitHeight(40);
        } else {
            previewView.setPreserveRatio(true);
            previewView.setFitHeight(240);
        }
        previewCaption.setText(String.format("%s image #%d  ·  class %s", test ? "Test" : "Train", thumb.index(),
                DataViewModel.classText(thumb.label(), className, " ")));
        ImageSet split = test ? transformed.test() : transformed.train();
        float[] values = split.image(thumb.index());
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double sum = 0;
        for (float v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
        }
        previewValues.setText(String.format("%s  ·  min %.3g, max %.3g, mean %.3g", transformed.shapeText(),
                min, max, sum / values.length));
    }

    /** No image in the split: an empty pane that says so. */
    void showEmpty() {
        previewView.setImage(null);
        previewCaption.setText("No images in this split.");
        previewValues.setText("");
    }

    /** The preview failed: no image (caption and values stay). */
    void clearImage() {
        previewView.setImage(null);
    }
}
