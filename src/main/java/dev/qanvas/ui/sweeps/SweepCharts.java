package dev.qanvas.ui.sweeps;

import dev.qanvas.project.ChartAxes;
import dev.qanvas.ui.common.ChartView;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The Sweeps workspace's two charts side by side: the chosen metric against the chosen parameter
 * (a dot per done point, a colour per variant; hover a dot for its point id) and parallel
 * coordinates (a line per done point across the parameters that vary and the metric, each axis
 * from its lowest value at the bottom to its highest at the top, which are written at its ends).
 * Redrawn from {@link SweepPlots} whenever the points or the choices change.
 */
final class SweepCharts extends GridPane {

    private static final Font END_FONT = new Font("DejaVu Sans", Font.PLAIN, 10);

    private final SweepsViewModel vm;
    private final ChartView scatter;
    private final ChartView parallel;
    private final ComboBox<String> parameter = new ComboBox<>();
    private final ComboBox<String> metric = new ComboBox<>();

    SweepCharts(SweepsViewModel vm, ChartView.Exporter exporter) {
        this.vm = vm;
        scatter = new ChartView("sweep-scatter", "Metric against a parameter", "sweep-scatter", scatterChart(), exporter);
        parallel = new ChartView("sweep-parallel", "Parallel coordinates (each axis: lowest at 0, highest at 1)", "sweep-parallel",
                parallelChart(), exporter);
        parameter.setId("scatter-parameter");
        metric.setId("scatter-metric");
        parameter.setItems(vm.parameters());
        metric.setItems(vm.metrics());
        parameter.valueProperty().bindBidirectional(vm.scatterParameterProperty());
        metric.valueProperty().bindBidirectional(vm.scatterMetricProperty());
        HBox choices = new HBox(6, new Label("Parameter"), parameter, new Label("Metric"), metric);
        choices.setAlignment(Pos.CENTER_LEFT);
        choices.setPadding(new Insets(4, 0, 4, 0));
        BorderPane left = new BorderPane(scatter);
        left.setTop(choices);
        setHgap(8);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            cc.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(cc);
        }
        RowConstraints rc = new RowConstraints();
        rc.setVgrow(Priority.ALWAYS);
        getRowConstraints().add(rc);
        add(left, 0, 0);
        BorderPane right = new BorderPane(parallel);
        right.setTop(new Label("The metric chosen on the left is the last axis"));
        BorderPane.setMargin(right.getTop(), new Insets(8, 0, 8, 0));
        add(right, 1, 0);
        setMinHeight(0);

        vm.rows().addListener((ListChangeListener<SweepsViewModel.PointRow>) c -> redraw());
        vm.scatterParameterProperty().addListener(o -> redraw());
        vm.scatterMetricProperty().addListener(o -> redraw());
        redraw();
    }

    ChartView scatter() { return scatter; }
    ChartView parallel() { return parallel; }

    private static JFreeChart scatterChart() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        XYPlot plot = new XYPlot(new XYSeriesCollection(), ChartAxes.values(""), ChartAxes.values(""), renderer);
        plot.setNoDataMessage("No finished point has this metric yet");
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static JFreeChart parallelChart() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        NumberAxis y = new NumberAxis("scaled value");
        y.setRange(-0.14, 1.14); // room for the axes' ends, written above 1 and below 0
        y.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(0.25)); // ticks 0 .. 1 only
        XYPlot plot = new XYPlot(new XYSeriesCollection(), new SymbolAxis("", new String[0]), y, renderer);
        plot.setNoDataMessage("No finished point has this metric yet");
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static Color colour(int variant) {
        return ChartView.PALETTE[variant % ChartView.PALETTE.length];
    }

    void redraw() {
        drawScatter(vm.scatter());
        drawParallel(vm.parallel());
    }

    private void drawScatter(SweepPlots.Scatter s) {
        JFreeChart chart = scatter.chart();
        chart.setNotify(false);
        XYPlot plot = chart.getXYPlot();
        XYSeriesCollection data = new XYSeriesCollection();
        int i = 0;
        for (Map.Entry<String, List<SweepPlots.Dot>> e : s.byVariant().entrySet()) {
            XYSeries series = new XYSeries(e.getKey(), false, true);
            e.getValue().forEach(d -> series.add(d.x(), d.y()));
            data.addSeries(series);
            plot.getRenderer().setSeriesPaint(i, colour(i));
            plot.getRenderer().setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
            i++;
        }
        ValueAxis x;
        if (s.x().numeric()) {
            x = ChartAxes.values(s.x().name());
        } else {
            SymbolAxis symbols = new SymbolAxis(s.x().name(), s.x().categories().toArray(new String[0]));
            symbols.setGridBandsVisible(false);
            x = symbols;
        }
        plot.setDomainAxis(x);
        plot.setRangeAxis(ChartAxes.values(s.metric() == null ? "" : s.metric()));
        plot.setDataset(data);
        // Hover: the point's id, the parameter and the metric.
        plot.getRenderer().setDefaultToolTipGenerator((dataset, series, item) -> {
            SweepPlots.Dot d = s.byVariant().get((String) ((XYSeriesCollection) dataset).getSeriesKey(series)).get(item);
            return d.id() + " (" + dataset.getSeriesKey(series) + "): " + s.x().name() + " " + s.x().label(d.x()) + ", "
                    + s.metric() + " " + SweepPlots.number(d.y());
        });
        ChartView.style(chart);
        chart.setNotify(true);
    }

    private void drawParallel(SweepPlots.Parallel p) {
        JFreeChart chart = parallel.chart();
        chart.setNotify(false);
        XYPlot plot = chart.getXYPlot();
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int i = 0; i < p.lines().size(); i++) {
            SweepPlots.Line line = p.lines().get(i);
            XYSeries series = new XYSeries(line.id(), false, true);
            for (int a = 0; a < line.scaled().length; a++) {
                series.add(a, line.scaled()[a]);
            }
            data.addSeries(series);
            Color c = colour(p.variants().indexOf(line.variant()));
            renderer.setSeriesPaint(i, new Color(c.getRed(), c.getGreen(), c.getBlue(), 170));
            renderer.setSeriesStroke(i, new BasicStroke(1.5f));
            renderer.setSeriesShape(i, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        SymbolAxis x = new SymbolAxis("", p.axes().stream().map(SweepPlots.Axis::name).toArray(String[]::new));
        x.setGridBandsVisible(false);
        x.setRange(-0.3, Math.max(1, p.axes().size()) - 0.7);
        plot.setDomainAxis(x);
        plot.clearAnnotations();
        if (!p.lines().isEmpty()) {
            for (int a = 0; a < p.axes().size(); a++) {
                SweepPlots.Axis axis = p.axes().get(a);
                plot.addAnnotation(end(axis.label(axis.max()), a, 1.03, TextAnchor.BOTTOM_CENTER));
                if (axis.max() > axis.min()) {
                    plot.addAnnotation(end(axis.label(axis.min()), a, -0.03, TextAnchor.TOP_CENTER));
                }
            }
        }
        // The legend names the variants, not the many lines.
        LegendItemCollection legend = new LegendItemCollection();
        for (int v = 0; v < p.variants().size(); v++) {
            legend.add(new LegendItem(p.variants().get(v), colour(v)));
        }
        plot.setFixedLegendItems(legend);
        renderer.setDefaultToolTipGenerator((dataset, series, item) -> {
            SweepPlots.Line line = p.lines().get(series);
            return line.id() + " (" + line.variant() + ")";
        });
        plot.setDataset(data);
        ChartView.style(chart);
        chart.setNotify(true);
    }

    private static XYTextAnnotation end(String text, double x, double y, TextAnchor anchor) {
        XYTextAnnotation a = new XYTextAnnotation(text, x, y);
        a.setFont(END_FONT);
        a.setTextAnchor(anchor);
        a.setPaint(new Color(0x4a, 0x49, 0x5c));
        return a;
    }
}
