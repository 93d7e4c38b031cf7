package dev.qanvas.ui.common;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.labels.StandardXYToolTipGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;

/**
 * A JFreeChart XY chart with a title bar, as every Qanvas chart looks: hover a point for its
 * value, drag to zoom in (drag left to zoom out), Ctrl+wheel or wheel to zoom, and export the
 * image as PNG or the data as CSV (buttons and the right-click menu). Where the exported bytes go
 * is the owner's choice ({@link Exporter}), so the owner keeps file dialogs and background I/O.
 */
public final class ChartView extends BorderPane {

    /** Receives an export: a suggested file name (without extension), the extension, the bytes. */
    @FunctionalInterface
    public interface Exporter {
        void export(String name, String extension, byte[] bytes);
    }

    /** Plot colours shared by the app's charts. */
    public static final Color GRID = new Color(0xE4, 0xE4, 0xEC);
    /** Distinct, colour-blind-friendly enough colours for series; the first is the app's accent. */
    public static final Color[] PALETTE = {
        new Color(0x4b3fd6), new Color(0xE0, 0x7A, 0x1F), new Color(0x1F, 0x9E, 0x89), new Color(0xD1, 0x49, 0x5B),
        new Color(0x2F, 0x80, 0xED), new Color(0x8E, 0x44, 0xAD), new Color(0x6A, 0x99, 0x4E), new Color(0xB0, 0x89, 0x00)
    };
    /** Dash patterns that tell series of one colour apart (null: solid). */
    public static final float[][] DASHES = {null, {6f, 4f}, {2f, 3f}, {8f, 3f, 2f, 3f}, {12f, 4f}};
    private static final Font TICK_FONT = new Font("DejaVu Sans", Font.PLAIN, 11);
    private static final Font LABEL_FONT = new Font("DejaVu Sans", Font.PLAIN, 12);

    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final String name;

    /**
     * @param id    the node id (tests and CSS find it by this)
     * @param title shown above the chart
     * @param name  file name suggested on export
     */
    public ChartView(String id, String title, String name, JFreeChart chart, Exporter exporter) {
        this.chart = chart;
        this.name = name;
        setId(id);
        getStyleClass().add("chart-view");
        style(chart);
        viewer = new ChartViewer(chart);
        viewer.setMinSize(120, 90);
        viewer.getStyleClass().add("chart-viewer");

        Label heading = new Label(title);
        heading.getStyleClass().add("chart-title");
        heading.setMinWidth(0);
        Button png = small("PNG", "Export this chart as a PNG image", () -> exporter.export(name, "png", png(1200, 700)));
        Button csv = small("CSV", "Export the data behind this chart as CSV", () -> exporter.export(name, "csv", csv()));
        Button reset = small("⤢", "Reset the zoom (drag on the chart to zoom in, drag leftwards to zoom out)", this::resetZoom);
        png.setId(id + "-png");
        csv.setId(id + "-csv");
        reset.setId(id + "-reset");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(4, heading, spacer, reset, png, csv);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("chart-header"); // not "chart-bar": modena paints that class as a bar of a BarChart
        setTop(bar);
        setCenter(viewer);

        MenuItem menuPng = new MenuItem("Export PNG…");
        menuPng.setOnAction(e -> exporter.export(name, "png", png(1200, 700)));
        MenuItem menuCsv = new MenuItem("Export CSV…");
        menuCsv.setOnAction(e -> exporter.export(name, "csv", csv()));
        MenuItem menuReset = new MenuItem("Reset zoom");
        menuReset.setOnAction(e -> resetZoom());
        viewer.getContextMenu().getItems().setAll(menuReset, new SeparatorMenuItem(), menuPng, menuCsv);
    }

    private static Button small(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.getStyleClass().add("chart-button");
        b.setTooltip(new Tooltip(tip));
        b.setFocusTraversable(false);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }

    public JFreeChart chart() {
        return chart;
    }

    public XYPlot plot() {
        return chart.getXYPlot();
    }

    public ChartViewer viewer() {
        return viewer;
    }

    /** Back to automatic axis ranges. */
    public void resetZoom() {
        plot().getDomainAxis().setAutoRange(true);
        plot().getRangeAxis().setAutoRange(true);
    }

    /** Number of data points in all datasets (tests check charts fill). */
    public int pointCount() {
        int n = 0;
        XYPlot p = plot();
        for (int d = 0; d < p.getDatasetCount(); d++) {
            XYDataset ds = p.getDataset(d);
            if (ds != null) {
                for (int s = 0; s < ds.getSeriesCount(); s++) {
                    n += ds.getItemCount(s);
                }
            }
        }
        return n;
    }

    /** The chart as PNG bytes, drawn at the given size (on the calling thread: the FX thread, where the chart changes). */
    public byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The data as CSV, one row per point: {@code series,x,y} plus {@code y_low,y_high} for series
     * drawn with a band.
     */
    public byte[] csv() {
        StringBuilder sb = new StringBuilder();
        String x = csvName(plot().getDomainAxis());
        String y = csvName(plot().getRangeAxis());
        sb.append("series,").append(x).append(',').append(y).append(",y_low,y_high\n");
        XYPlot p = plot();
        for (int d = 0; d < p.getDatasetCount(); d++) {
            XYDataset ds = p.getDataset(d);
            if (ds == null) {
                continue;
            }
            for (int s = 0; s < ds.getSeriesCount(); s++) {
                String key = "\"" + ds.getSeriesKey(s).toString().replace("\"", "\"\"") + "\"";
                for (int i = 0; i < ds.getItemCount(s); i++) {
                    sb.append(key).append(',').append(num(ds.getXValue(s, i))).append(',').append(num(ds.getYValue(s, i)));
                    if (ds instanceof IntervalXYDataset band) {
                        sb.append(',').append(num(band.getStartYValue(s, i))).append(',').append(num(band.getEndYValue(s, i)));
                    } else {
                        sb.append(",,");
                    }
                    sb.append('\n');
                }
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String csvName(ValueAxis axis) {
        String label = axis.getLabel() == null || axis.getLabel().isBlank() ? "value" : axis.getLabel();
        return label.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "").toLowerCase(Locale.ROOT);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    /** A series line: round joins when solid, else the dash pattern. */
    public static java.awt.Stroke stroke(float width, float[] dash) {
        return dash == null ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f);
    }

    /** The Qanvas look for an XY chart: white plot, light grid, no chart title (the bar shows it), legend below. */
    public static void style(JFreeChart chart) {
        chart.setTitle((String) null);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setPadding(new RectangleInsets(2, 2, 2, 6));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (ValueAxis axis : new ValueAxis[] {plot.getDomainAxis(), plot.getRangeAxis()}) {
            axis.setTickLabelFont(TICK_FONT);
            axis.setLabelFont(LABEL_FONT);
            axis.setTickLabelPaint(new Color(0x55, 0x54, 0x6A));
            axis.setLabelPaint(new Color(0x55, 0x54, 0x6A));
            axis.setAxisLinePaint(new Color(0xC8, 0xC8, 0xD4));
            if (axis instanceof NumberAxis n) {
                n.setAutoRangeIncludesZero(false);
            }
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setFrame(BlockBorder.NONE);
            legend.setItemFont(TICK_FONT);
            legend.setBackgroundPaint(Color.WHITE);
        }
        for (int i = 0; i < plot.getRendererCount(); i++) {
            tooltips(plot.getRenderer(i));
        }
    }

    /** Hover tooltips: series, x and y with four significant digits. */
    public static void tooltips(XYItemRenderer renderer) {
        if (renderer != null) {
            renderer.setDefaultToolTipGenerator(new StandardXYToolTipGenerator("{0}: {1}, {2}",
                    new java.text.DecimalFormat("0.###"), new java.text.DecimalFormat("0.####E0")) {
                @Override
                public String generateToolTip(XYDataset dataset, int series, int item) {
                    double yv = dataset.getYValue(series, item);
                    String y = Math.abs(yv) >= 1e-3 && Math.abs(yv) < 1e4 ? String.format(Locale.ROOT, "%.4f", yv)
                            : String.format(Locale.ROOT, "%.3e", yv);
                    return dataset.getSeriesKey(series) + ": x = " + String.format(Locale.ROOT, "%.3f", dataset.getXValue(series, item))
                            + ", y = " + y;
                }
            });
        }
    }
}
