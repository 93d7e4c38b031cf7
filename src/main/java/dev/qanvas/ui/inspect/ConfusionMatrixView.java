package dev.qanvas.ui.inspect;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

/**
 * The confusion matrix as a heat map with counts: rows are the true class, columns the
 * predicted one. Correct cells (the diagonal) shade in the accent colour, errors in red, each by
 * its share of its row, so a class with few images still shows where its errors go. A click on
 * a cell reports (true, predicted); the chosen cell is outlined. Cells have the ids
 * {@code confusion-cell-<true>-<predicted>}.
 */
public final class ConfusionMatrixView extends VBox {

    private final GridPane grid = new GridPane();
    private Label selected;
    private BiConsumer<Integer, Integer> onCell = (t, p) -> { };

    public ConfusionMatrixView() {
        setSpacing(4);
        getStyleClass().add("confusion-matrix");
        grid.setHgap(2);
        grid.setVgap(2);
        Label axis = new Label("true class ↓   predicted class →");
        axis.getStyleClass().add("muted");
        getChildren().addAll(axis, grid);
    }

    public void setOnCell(BiConsumer<Integer, Integer> handler) {
        onCell = handler;
    }

    /** Shows {@code counts[true][predicted]} with the class names as headers. */
    public void show(int[][] counts, List<String> classNames) {
        grid.getChildren().clear();
        selected = null;
        int k = counts.length;
        double cell = Math.max(22, Math.min(44, 260.0 / Math.max(1, k)));
        for (int c = 0; c < k; c++) {
            Label col = header(classNames.get(c), cell);
            GridPane.setHalignment(col, HPos.CENTER);
            grid.add(col, c + 1, 0);
            Label row = header(classNames.get(c), cell);
            GridPane.setValignment(row, VPos.CENTER);
            grid.add(row, 0, c + 1);
        }
        for (int t = 0; t < k; t++) {
            int rowTotal = 0;
            for (int v : counts[t]) {
                rowTotal += v;
            }
            for (int p = 0; p < k; p++) {
                int n = counts[t][p];
                double share = rowTotal == 0 ? 0 : (double) n / rowTotal;
                Label l = new Label(Integer.toString(n));
                l.setId("confusion-cell-" + t + "-" + p);
                l.getStyleClass().add("confusion-cell");
                l.setAlignment(Pos.CENTER);
                l.setMinSize(cell, cell);
                l.setPrefSize(cell, cell);
                l.setMaxSize(cell, cell);
                Color fill = shade(t == p, share);
                l.setStyle("-fx-background-color: " + web(fill) + ";-fx-text-fill: " + (fill.getBrightness() < 0.6 ? "white" : "#23222e") + ";");
                l.setTooltip(new Tooltip(String.format(Locale.ROOT, "true %s, predicted %s: %d image%s (%.1f%% of true %s)",
                        classNames.get(t), classNames.get(p), n, n == 1 ? "" : "s", 100 * share, classNames.get(t))));
                int tt = t;
                int pp = p;
                l.setOnMouseClicked(e -> {
                    select(l);
                    onCell.accept(tt, pp);
                });
                grid.add(l, p + 1, t + 1);
            }
        }
    }

    /** Clears the outline (the gallery shows something other than one cell). */
    public void clearSelection() {
        select(null);
    }

    private void select(Label cell) {
        if (selected != null) {
            selected.getStyleClass().remove("selected");
        }
        selected = cell;
        if (cell != null) {
            cell.getStyleClass().add("selected");
        }
    }

    private static Label header(String text, double cell) {
        Label l = new Label(text);
        l.getStyleClass().add("confusion-header");
        l.setMinWidth(Math.min(cell, 24));
        l.setMaxWidth(Math.max(cell, 60));
        return l;
    }

    /** White to the accent (correct) or to red (errors), by share; a non-zero error is never white. */
    static Color shade(boolean correct, double share) {
        Color full = correct ? Color.web("#4b3fd6") : Color.web("#d1495b");
        double t = share == 0 ? 0 : 0.12 + 0.88 * Math.sqrt(share);
        return Color.WHITE.interpolate(full, t);
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", (int) Math.round(c.getRed() * 255), (int) Math.round(c.getGreen() * 255),
                (int) Math.round(c.getBlue() * 255));
    }
}
