package dev.qanvas.ui.train;

import dev.qanvas.project.ChartAxes;
import dev.qanvas.ui.common.ChartView;
import java.util.List;
import java.util.Locale;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The Train workspace's centre for a kernel project: the comparison table
 * (one row per learner: each fold's accuracy as it finishes, the mean ± standard deviation over
 * folds, the held-out test accuracy and the time), the Gram matrix's diagnostics, and each
 * learner's fold accuracies as a chart. Cells have
 * ids {@code kernel-cell-<row>-<column>} (columns: fold 1.., then mean, test, time).
 */
final class KernelResultsView extends ScrollPane {

    private final GridPane table = new GridPane();
    private final XYSeriesCollection foldData = new XYSeriesCollection();
    private final ChartView foldChart;
    private final Label empty = new Label("Press Start: the Gram matrix is computed, then each learner is cross-validated fold by"
            + " fold and tested on the held-out points.");

    KernelResultsView(ObservableList<KernelTraining.Row> rows, ObservableStringValue diagnostics, ChartView.Exporter exporter) {
        setId("kernel-results");
        setFitToWidth(true);
        getStyleClass().add("kernel-results");
        Label title = new Label("Kernel comparison");
        title.getStyleClass().add("section-title");
        table.setId("kernel-table");
        table.setHgap(10);
        table.setVgap(6);
        table.getStyleClass().add("kernel-table");
        empty.getStyleClass().add("muted");
        empty.setWrapText(true);
        Label note = new Label("Accuracy on each held-out fold of the training points (stratified folds, the same for every learner);"
                + " mean ± sample standard deviation over the folds; test: refitted on all training points and scored once on the"
                + " held-out test points. Time: the folds and the refit.");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        note.setMinHeight(Region.USE_PREF_SIZE);
        Label diagnosticsText = new Label();
        diagnosticsText.setId("kernel-diagnostics");
        diagnosticsText.textProperty().bind(diagnostics);
        diagnosticsText.setWrapText(true);
        diagnosticsText.setMinHeight(Region.USE_PREF_SIZE);
        XYPlot plot = new XYPlot(foldData, ChartAxes.values("fold"), ChartAxes.values("accuracy on the held-out fold"),
                new XYLineAndShapeRenderer(true, true));
        foldChart = new ChartView("kernel-fold-chart", "Accuracy per fold", "kernel-folds",
                new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true), exporter);
        // Whole folds along x; accuracy on its full 0..1 scale, so learners compare at a glance.
        NumberAxis x = (NumberAxis) foldChart.plot().getDomainAxis();
        x.setAutoRange(false);
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        NumberAxis y = (NumberAxis) foldChart.plot().getRangeAxis();
        y.setAutoRange(false);
        y.setRange(0, 1.02);
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.1));
        foldChart.setPrefHeight(330);
        foldChart.setMinHeight(240);
        foldChart.visibleProperty().bind(empty.visibleProperty().not());
        foldChart.managedProperty().bind(foldChart.visibleProperty());
        VBox box = new VBox(10, title, empty, table, note, diagnosticsText, foldChart);
        box.setPadding(new Insets(12));
        setContent(box);
        rows.addListener((ListChangeListener<KernelTraining.Row>) c -> show(rows));
        show(rows);
        note.visibleProperty().bind(empty.visibleProperty().not());
    }

    private void show(List<KernelTraining.Row> rows) {
        foldData.removeAllSeries();
        if (!rows.isEmpty()) {
            ((NumberAxis) foldChart.plot().getDomainAxis()).setRange(0.7, rows.get(0).folds().size() + 0.3);
        }
        for (KernelTraining.Row row : rows) {
            XYSeries s = new XYSeries(row.learner());
            for (int f = 0; f < row.folds().size(); f++) {
                if (!row.folds().get(f).isNaN()) {
                    s.add(f + 1, row.folds().get(f));
                }
            }
            foldData.addSeries(s);
        }
        table.getChildren().clear();
        table.getColumnConstraints().clear();
        empty.setVisible(rows.isEmpty());
        empty.setManaged(rows.isEmpty());
        if (rows.isEmpty()) {
            return;
        }
        int folds = rows.get(0).folds().size();
        table.add(header("Model"), 0, 0);
        for (int f = 0; f < folds; f++) {
            table.add(header("Fold " + (f + 1)), f + 1, 0);
        }
        table.add(header("Mean ± std"), folds + 1, 0);
        table.add(header("Test"), folds + 2, 0);
        table.add(header("Time"), folds + 3, 0);
        double best = rows.stream().filter(KernelTraining.Row::done).mapToDouble(KernelTraining.Row::mean).max().orElse(Double.NaN);
        for (int r = 0; r < rows.size(); r++) {
            KernelTraining.Row row = rows.get(r);
            Label name = new Label(row.learner());
            name.setMinWidth(Region.USE_PREF_SIZE);
            table.add(name, 0, r + 1);
            for (int f = 0; f < folds; f++) {
                table.add(cell(r, f, row.folds().get(f).isNaN() ? "…" : fixed(row.folds().get(f))), f + 1, r + 1);
            }
            Label mean = cell(r, folds, row.done() ? fixed(row.mean()) + " ± " + fixed(row.std()) : "…");
            if (row.done() && row.mean() == best) {
                mean.getStyleClass().add("kernel-best");
                mean.setStyle("-fx-font-weight: bold;");
            }
            table.add(mean, folds + 1, r + 1);
            table.add(cell(r, folds + 1, row.done() && Double.isFinite(row.test()) ? fixed(row.test()) : row.done() ? "no test points" : "…"),
                    folds + 2, r + 1);
            table.add(cell(r, folds + 2, row.done() ? String.format(Locale.ROOT, "%.1f s", row.seconds()) : "…"), folds + 3, r + 1);
        }
        for (int c = 0; c < folds + 4; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setHalignment(c == 0 ? HPos.LEFT : HPos.RIGHT);
            cc.setMinWidth(Region.USE_PREF_SIZE);
            table.getColumnConstraints().add(cc);
        }
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("muted");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static Label cell(int row, int column, String text) {
        Label l = new Label(text);
        l.setId("kernel-cell-" + row + "-" + column);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
