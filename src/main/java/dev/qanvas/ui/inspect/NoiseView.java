package dev.qanvas.ui.inspect;

import dev.qanvas.insight.NoiseCurves;
import dev.qanvas.project.ChartAxes;
import dev.qanvas.ui.common.ChartView;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The Noise view of the Inspect workspace: test accuracy against a channel's strength with the ideal
 * accuracy as a dashed line, accuracy against shots at the ideal channel, the first quantum layer's
 * entanglement (log negativity) against the same strengths with its ideal value dashed, and a table
 * of every accuracy point (with the illustrative device profiles). A run without quantum layers gets
 * a sentence instead.
 */
final class NoiseView extends BorderPane {

    private static final String NO_DATA = "Press Run to evaluate the test split under noise.";
    private static final float[] IDEAL_DASH = ChartView.DASHES[1];

    private final InspectNoise noise;
    private final ChartView curve;
    private final ChartView shots;
    private final ChartView entanglement;
    private final TableView<InspectNoise.Row> table = new TableView<>();
    private final Label absent = new Label(InspectNoise.NO_QUANTUM);

    NoiseView(InspectViewModel vm, ChartView.Exporter exporter) {
        this.noise = vm.noise();
        setId("noise-view");
        curve = new ChartView("noise-chart", "Test accuracy against noise strength", "noise-accuracy",
                newChart(ChartAxes.values("strength"), NO_DATA), exporter);
        curve.setMinHeight(240);
        LogAxis shotAxis = ChartAxes.log("shots per expectation (no noise)", 1);
        shots = new ChartView("noise-shots-chart", "Accuracy vs shots", "noise-shots",
                newChart(shotAxis, "Press Run with 'Shots and device profiles' ticked."), exporter);
        shots.setMinHeight(200);
        NumberAxis bits = ChartAxes.values("log negativity (bits)");
        entanglement = new ChartView("noise-entanglement-chart", "Entanglement", "noise-entanglement",
                newChart(ChartAxes.values("strength"), bits, "Press Run to measure the first quantum layer's entanglement."),
                exporter);
        entanglement.setMinHeight(200);
        absent.setId("noise-absent");
        absent.getStyleClass().add("muted");
        absent.setWrapText(true);
        setTop(controls());
        Node content = content();
        StackPane centre = new StackPane(content, absent);
        absent.visibleProperty().bind(noise.quantumProperty().not());
        content.visibleProperty().bind(noise.quantumProperty());
        setCenter(centre);
        noise.resultProperty().addListener((o, was, now) -> show(now));
        noise.runningProperty().addListener((o, was, now) -> curve.plot().setNoDataMessage(now
                ? "Evaluating… the curve appears when every point is measured." : NO_DATA));
    }

    ChartView curve() { return curve; }
    ChartView shots() { return shots; }
    ChartView entanglement() { return entanglement; }
    TableView<InspectNoise.Row> table() { return table; }

    private static JFreeChart newChart(org.jfree.chart.axis.ValueAxis x, String noData) {
        NumberAxis y = ChartAxes.values("test accuracy");
        y.setRange(0, 1.02);
        return newChart(x, y, noData);
    }

    private static JFreeChart newChart(org.jfree.chart.axis.ValueAxis x, NumberAxis y, String noData) {
        XYPlot plot = new XYPlot(new XYSeriesCollection(), x, y, new XYLineAndShapeRenderer(true, true));
        plot.setNoDataMessage(noData);
        plot.setNoDataMessageFont(new java.awt.Font("DejaVu Sans", java.awt.Font.PLAIN, 12));
        plot.setNoDataMessagePaint(new Color(0x6b, 0x6a, 0x7d));
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private Node controls() {
        ComboBox<String> channel = new ComboBox<>();
        channel.setId("noise-channel");
        channel.getItems().setAll(InspectNoise.CHANNELS);
        channel.valueProperty().bindBidirectional(noise.channelProperty());
        TextField strengths = new TextField();
        strengths.setId("noise-strengths");
        strengths.setPrefColumnCount(18);
        strengths.textProperty().bindBidirectional(noise.strengthsProperty());
        ComboBox<Long> shotChoice = new ComboBox<>();
        shotChoice.setId("noise-shots");
        shotChoice.getItems().setAll(InspectNoise.SHOT_CHOICES);
        shotChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long n) {
                return n == null ? "" : n == 0 ? "none (exact)" : String.valueOf(n);
            }

            @Override
            public Long fromString(String s) {
                return s.startsWith("none") ? 0L : Long.valueOf(s);
            }
        });
        shotChoice.valueProperty().bindBidirectional(noise.shotsProperty());
        CheckBox extras = new CheckBox("Shots and device profiles");
        extras.setId("noise-extras");
        extras.selectedProperty().bindBidirectional(noise.extrasProperty());
        Button run = new Button("Run");
        run.setId("noise-run");
        run.getStyleClass().add("accent-button");
        run.setOnAction(e -> noise.run());
        run.disableProperty().bind(noise.runningProperty().or(noise.quantumProperty().not()));
        Button cancel = new Button("Cancel");
        cancel.setId("noise-cancel");
        cancel.setOnAction(e -> noise.cancel());
        cancel.disableProperty().bind(noise.runningProperty().not());
        ProgressBar bar = new ProgressBar();
        bar.setId("noise-progress");
        bar.setPrefWidth(160);
        bar.progressProperty().bind(noise.progressProperty());
        bar.visibleProperty().bind(noise.runningProperty());
        Label status = new Label();
        status.setId("noise-status");
        status.getStyleClass().add("muted");
        status.setWrapText(true);
        status.textProperty().bind(noise.statusProperty());

        FlowPane row = new FlowPane(10, 6, group(new Label("Channel"), channel), group(new Label("Strengths"), strengths),
                group(new Label("Shots"), shotChoice), extras, group(run, cancel, bar));
        row.setAlignment(Pos.CENTER_LEFT);
        row.disableProperty().bind(noise.quantumProperty().not());
        VBox top = new VBox(6, row, status);
        top.setPadding(new Insets(8));
        return top;
    }

    private Node content() {
        table.setId("noise-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No points yet."));
        table.setItems(noise.rows());
        TableColumn<InspectNoise.Row, String> series = new TableColumn<>("Series");
        series.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().series()));
        TableColumn<InspectNoise.Row, String> setting = new TableColumn<>("Setting");
        setting.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().setting()));
        TableColumn<InspectNoise.Row, String> accuracy = new TableColumn<>("Accuracy");
        accuracy.setCellValueFactory(c -> new ReadOnlyStringWrapper(percent(c.getValue().accuracy())));
        series.setPrefWidth(120);
        setting.setPrefWidth(210);
        table.getColumns().setAll(List.of(series, setting, accuracy));
        HBox lower = new HBox(6, shots, entanglement);
        HBox.setHgrow(shots, Priority.ALWAYS);
        HBox.setHgrow(entanglement, Priority.ALWAYS);
        shots.setMinWidth(0);
        entanglement.setMinWidth(0);
        shots.setPrefWidth(10); // share the row equally, whatever the titles' widths
        entanglement.setPrefWidth(10);
        VBox left = new VBox(6, curve, lower);
        VBox.setVgrow(curve, Priority.ALWAYS);
        VBox.setVgrow(lower, Priority.ALWAYS);
        left.setPadding(new Insets(0, 8, 8, 8));
        VBox right = new VBox(6, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        right.setPadding(new Insets(0, 8, 8, 8));
        SplitPane split = new SplitPane(left, right);
        split.setDividerPositions(0.56);
        return split;
    }

    static String percent(double accuracy) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * accuracy);
    }

    private static HBox group(Node... nodes) {
        HBox box = new HBox(6, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    // ----- the charts -----

    private void show(InspectNoise.Result r) {
        XYPlot curvePlot = curve.plot();
        XYPlot shotPlot = shots.plot();
        XYPlot entanglementPlot = entanglement.plot();
        curvePlot.clearRangeMarkers();
        shotPlot.clearRangeMarkers();
        entanglementPlot.clearRangeMarkers();
        if (r == null) {
            curvePlot.setDataset(new XYSeriesCollection());
            shotPlot.setDataset(new XYSeriesCollection());
            entanglementPlot.setDataset(new XYSeriesCollection());
            return;
        }
        NoiseCurves.Curve c = r.curve();
        XYSeries s = new XYSeries(c.channel() + (c.shots() > 0 ? ", " + c.shots() + " shots" : ""), true, true);
        for (NoiseCurves.Point p : c.points()) {
            s.add(p.strength(), p.accuracy());
        }
        XYSeriesCollection curveData = new XYSeriesCollection(s); // profiles have no strength: they are rows of the table
        curvePlot.setDataset(curveData);
        style(curvePlot);
        curvePlot.addRangeMarker(ideal(c.idealAccuracy()));

        XYSeriesCollection shotData = new XYSeriesCollection();
        if (!r.shots().isEmpty()) {
            XYSeries sh = new XYSeries("no noise, shots per expectation", true, true);
            for (InspectNoise.Row row : r.shots()) {
                sh.add(row.x(), row.accuracy());
            }
            shotData.addSeries(sh);
        }
        shotPlot.setDataset(shotData);
        style(shotPlot);
        if (!r.shots().isEmpty()) {
            shotPlot.addRangeMarker(ideal(c.idealAccuracy()));
        }

        XYSeriesCollection entanglementData = new XYSeriesCollection();
        NoiseCurves.EntanglementCurve e = r.entanglement();
        if (e != null) {
            XYSeries en = new XYSeries(e.layer() + ", " + e.channel() + " (" + e.states() + " states)", true, true);
            for (NoiseCurves.EntanglementPoint p : e.points()) {
                en.add(p.strength(), p.logNegativity());
            }
            entanglementData.addSeries(en);
        } else {
            entanglementPlot.setNoDataMessage("The quantum layer is too wide for the partial transpose's eigenvalues.");
        }
        entanglementPlot.setDataset(entanglementData);
        style(entanglementPlot);
        if (e != null) {
            // Headroom above the ideal value, so its label and the points stay inside the plot.
            ((NumberAxis) entanglementPlot.getRangeAxis()).setRange(0, Math.max(0.1, 1.15 * e.idealLogNegativity()));
            entanglementPlot.addRangeMarker(marker(String.format(Locale.ROOT, "ideal %.3f bits", e.idealLogNegativity()),
                    e.idealLogNegativity(), new Color(0x44, 0x44, 0x55), IDEAL_DASH));
        }
    }

    private static void style(XYPlot plot) {
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        renderer.setSeriesPaint(0, ChartView.PALETTE[0]);
        renderer.setSeriesStroke(0, ChartView.stroke(2.2f, null));
        ChartView.tooltips(renderer);
    }

    private static ValueMarker ideal(double accuracy) {
        return marker("ideal " + percent(accuracy), accuracy, new Color(0x44, 0x44, 0x55), IDEAL_DASH);
    }

    /** A horizontal dashed line labelled just under its right end (above it would leave the plot near 100 %). */
    private static ValueMarker marker(String label, double value, Color colour, float[] dash) {
        ValueMarker m = new ValueMarker(value, colour, ChartView.stroke(1.4f, dash));
        m.setLabel(label);
        m.setLabelFont(new java.awt.Font("DejaVu Sans", java.awt.Font.PLAIN, 11));
        m.setLabelPaint(colour);
        m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        return m;
    }
}
