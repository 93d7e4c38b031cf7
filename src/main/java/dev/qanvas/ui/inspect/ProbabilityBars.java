package dev.qanvas.ui.inspect;

import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The model's output per class as horizontal bars: the predicted class in the accent colour, the true class marked. */
public final class ProbabilityBars extends VBox {

    private static final double BAR = 150;

    public ProbabilityBars() {
        setSpacing(2);
        getStyleClass().add("probability-bars");
    }

    /** @param trueClass the labelled class, or -1 for an image without a label (a drawing) */
    public void show(double[] probabilities, List<String> classNames, int predicted, int trueClass) {
        getChildren().clear();
        for (int c = 0; c < probabilities.length; c++) {
            Label name = new Label(classNames.get(c) + (c == trueClass ? " ✓" : ""));
            name.setMinWidth(54);
            name.setPrefWidth(54);
            name.getStyleClass().add("probability-name");
            Region track = new Region();
            track.getStyleClass().add("probability-track");
            track.setPrefSize(BAR, 12);
            track.setMaxSize(BAR, 12);
            Region bar = new Region();
            bar.getStyleClass().addAll("probability-bar", c == predicted ? "predicted" : "other");
            double w = Math.max(1, BAR * Math.max(0, Math.min(1, probabilities[c])));
            bar.setPrefSize(w, 12);
            bar.setMaxSize(w, 12);
            StackPane both = new StackPane(track, bar);
            StackPane.setAlignment(bar, Pos.CENTER_LEFT);
            both.setMaxWidth(BAR);
            Label value = new Label(String.format(Locale.ROOT, "%.1f%%", 100 * probabilities[c]));
            value.setMinWidth(48);
            value.getStyleClass().add("muted");
            HBox row = new HBox(6, name, both, value);
            row.setId("probability-" + c);
            row.setAlignment(Pos.CENTER_LEFT);
            getChildren().add(row);
        }
    }
}
