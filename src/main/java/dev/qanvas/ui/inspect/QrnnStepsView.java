package dev.qanvas.ui.inspect;

import dev.qanvas.insight.QrnnSteps;
import dev.qanvas.project.ChartAxes;
import dev.qanvas.ui.common.ChartView;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Inspect's QRNN step view: for the detail pane's image, the class probabilities after each step
 * of a QRNN layer reading it (one line per class; insight.QrnnSteps), and a caption with the bits read.
 * Hidden for a model without a QRNN layer.
 */
final class QrnnStepsView extends VBox {

    private final ComboBox<String> layerBox = new ComboBox<>();
    private final ChartView chart;
    private final Label caption = new Label();
    private List<QrnnSteps.Layer> layers = List.of();
    private List<String> classNames = List.of();

    QrnnStepsView(ChartView.Exporter exporter) {
        super(6);
        setId("qrnn-steps");
        NumberAxis x = ChartAxes.values("step (pixels or rows read so far)");
        NumberAxis y = ChartAxes.values("class probability");
        y.setRange(0, 1.02);
        XYPlot plot = new XYPlot(new XYSeriesCollection(), x, y, new XYLineAndShapeRenderer(true, false));
        chart = new ChartView("qrnn-steps-chart", "Class probabilities step by step", "qrnn-steps",
                new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true), exporter);
        chart.setMinHeight(240);
        chart.setPrefHeight(260);
        layerBox.setId("qrnn-layer");
        layerBox.valueProperty().addListener((o, was, now) -> draw());
        caption.getStyleClass().add("muted");
        caption.setWrapText(true);
        caption.setId("qrnn-steps-caption");
        HBox row = new HBox(8, new Label("QRNN layer"), layerBox);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().setAll(row, chart, caption);
        setVisible(false);
        setManaged(false);
    }

    ChartView chart() { return chart; }

    /** Shows the QRNN layers of the subject (none hides the view), keeping the chosen layer. */
    void show(List<QrnnSteps.Layer> probed, List<String> names) {
        layers = probed;
        classNames = names;
        boolean any = !probed.isEmpty();
        setVisible(any);
        setManaged(any);
        String chosen = layerBox.getValue();
        List<String> ids = probed.stream().map(QrnnSteps.Layer::layer).toList();
        layerBox.getItems().setAll(ids);
        layerBox.setValue(ids.contains(chosen) ? chosen : ids.isEmpty() ? null : ids.get(0));
        draw();
    }

    private void draw() {
        QrnnSteps.Layer l = layers.stream().filter(q -> q.layer().equals(layerBox.getValue())).findFirst().orElse(null);
        XYSeriesCollection data = (XYSeriesCollection) chart.plot().getDataset();
        data.removeAllSeries();
        if (l == null) {
            caption.setText("");
            return;
        }
        // the model's classes when the QRNN feeds the Output layer (its lane values mean what Output makes of them)
        double[][] shown = l.model() != null ? l.model() : l.distributions();
        for (int c = 0; c < shown[0].length; c++) {
            String name = l.model() != null ? "p(" + (c < classNames.size() ? classNames.get(c) : "class " + c) + ")"
                    : "p(output lanes = " + c + ")";
            XYSeries s = new XYSeries(name, false, false);
            for (int t = 0; t < l.steps(); t++) {
                s.add(t + 1, shown[t][c]);
            }
            data.addSeries(s);
        }
        int ones = 0;
        for (int token : l.tokens()) {
            ones += Integer.bitCount(token);
        }
        double[] last = l.distributions()[l.steps() - 1];
        StringBuilder end = new StringBuilder();
        for (int c = 0; c < last.length; c++) {
            end.append(c > 0 ? ", " : "").append("lanes = ").append(c)
                    .append(String.format(Locale.ROOT, " %.1f%%", 100 * last[c]));
        }
        caption.setText(String.format(Locale.ROOT, "%d steps, %s a step (%d of the %d bits are 1, at the layer's threshold). %s"
                        + " The QRNN's own distribution over its output lanes after the last step: %s. Each step's is the exact"
                        + " postselected distribution (every neuron succeeded).",
                l.steps(), l.inputLanes() == 1 ? "one pixel" : "one row of " + l.inputLanes() + " pixels", ones,
                l.steps() * l.inputLanes(), l.model() != null
                        ? "Each point: the model's class probabilities had the image ended at that step (the QRNN's distribution"
                          + " then, through the Output layer); the last is the answer above."
                        : "Each point: the QRNN's distribution over its output lanes' values after that step.", end));
    }
}
