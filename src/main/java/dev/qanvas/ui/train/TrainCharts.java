package dev.qanvas.ui.train;

import dev.qanvas.project.ChartAxes;
import dev.qanvas.project.RunHistory;
import dev.qanvas.ui.common.ChartView;
import java.awt.Color;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.general.Series;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The Train workspace's six charts in a grid: loss per batch (raw and smoothed), loss per epoch,
 * accuracy per epoch, entanglement entropy (mean with a band of one standard deviation), Meyer-
 * Wallach Q (same), and weight-gradient variance on a log axis. Shows any number of runs at once:
 * one run is drawn in a colour per curve; several runs get a colour each, and their curves are told
 * apart by the dash pattern. Redraws only when {@link #refresh} is called (the workspace calls it a
 * few times a second while training), once per chart.
 */
public final class TrainCharts extends GridPane {

    private static final Color[] PALETTE = ChartView.PALETTE;
    private static final float[][] DASHES = ChartView.DASHES;

    private record Spec(String key, String title, String x, String y, boolean band, boolean log, String empty) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec(RunHistory.LOSS_BATCH, "Loss per batch", "epoch", "loss", false, false, "Press Start to train"),
            new Spec(RunHistory.LOSS_EPOCH, "Loss per epoch", "epoch", "loss", false, false, "After the first epoch"),
            new Spec(RunHistory.ACCURACY, "Accuracy per epoch", "epoch", "accuracy · AUC", false, false, "After the first epoch"),
            // The empty texts hold before training as well as for a model without quantum layers: they say when data come.
            new Spec(RunHistory.ENTROPY, "Entanglement entropy", "epoch", "bits", true, false,
                    "Measured during training for each quantum layer"),
            new Spec(RunHistory.MEYER_WALLACH, "Meyer-Wallach Q", "epoch", "Q", true, false,
                    "Measured during training for each quantum layer"),
            new Spec(RunHistory.GRADIENT_VARIANCE, "Gradient variance", "epoch", "variance", false, true,
                    "Measured during training for circuits with trainable weights.\nA variance that collapses towards 0 signals a barren plateau."));

    private final Map<String, ChartView> views = new LinkedHashMap<>();
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private List<RunHistory> shown = List.of();
    private final Map<RunHistory, Integer> shownStructure = new LinkedHashMap<>();

    public TrainCharts(ChartView.Exporter exporter) {
        getStyleClass().add("train-charts");
        setHgap(8);
        setVgap(8);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            cc.setHgrow(Priority.ALWAYS);
            getColumnConstraints().add(cc);
        }
        for (int r = 0; r < 3; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setPercentHeight(100 / 3.0);
            rc.setVgrow(Priority.ALWAYS);
            getRowConstraints().add(rc);
        }
        int i = 0;
        for (Spec spec : SPECS) {
            ChartView view = new ChartView("chart-" + spec.key(), spec.title(), spec.key(), chart(spec), exporter);
            views.put(spec.key(), view);
            specs.put(spec.key(), spec);
            add(view, i % 2, i / 2);
            i++;
        }
    }

    private static JFreeChart chart(Spec spec) {
        NumberAxis x = ChartAxes.epochs(spec.x());
        ValueAxis y = spec.log() ? ChartAxes.log(spec.y(), 1e-30) : ChartAxes.values(spec.y());
        XYLineAndShapeRenderer renderer = spec.band() ? new DeviationRenderer(true, false) : new XYLineAndShapeRenderer(true, false);
        if (renderer instanceof DeviationRenderer d) {
            d.setAlpha(0.16f);
        }
        XYPlot plot = new XYPlot(spec.band() ? new YIntervalSeriesCollection() : new XYSeriesCollection(), x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setNoDataMessage(spec.empty());
        plot.setNoDataMessageFont(new java.awt.Font("DejaVu Sans", java.awt.Font.PLAIN, 12));
        plot.setNoDataMessagePaint(new Color(0x6b, 0x6a, 0x7d));
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    public ChartView view(String key) {
        return views.get(key);
    }

    public List<ChartView> views() {
        return List.copyOf(views.values());
    }

    /** Shows these runs (the first is drawn first); rebuilds the datasets. */
    public void show(List<RunHistory> runs) {
        shown = List.copyOf(runs);
        rebuild();
    }

    /**
     * Brings the charts up to date after the shown runs' series changed: new series join their
     * chart, and each muted chart redraws once.
     */
    public void refresh() {
        for (RunHistory h : shown) {
            h.syncLosses();
        }
        boolean structureChanged = shown.stream().anyMatch(h -> !Integer.valueOf(h.structure()).equals(shownStructure.get(h)));
        if (structureChanged) {
            rebuild();
            return;
        }
        for (ChartView v : views.values()) {
            if (!v.chart().isNotify()) {
                // Series changes were applied with the chart muted; one redraw for all of them.
                v.chart().setNotify(true);
            }
        }
    }

    /**
     * Mutes the redraws of the chart {@code key} until the next {@link #refresh}: call before
     * changing shown runs' series of that chart. Charts not muted are not redrawn by refresh.
     */
    public void mute(String key) {
        views.get(key).chart().setNotify(false);
    }

    private void rebuild() {
        shownStructure.clear();
        for (RunHistory h : shown) {
            h.syncLosses();
            shownStructure.put(h, h.structure());
        }
        for (Map.Entry<String, ChartView> e : views.entrySet()) {
            Spec spec = specs.get(e.getKey());
            JFreeChart chart = e.getValue().chart();
            chart.setNotify(false);
            XYPlot plot = chart.getXYPlot();
            XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
            // Variants in a stable order across runs, so a curve keeps its style when runs are added.
            List<String> variants = new ArrayList<>();
            for (RunHistory h : shown) {
                for (String v : h.series(spec.key()).keySet()) {
                    if (!variants.contains(v)) {
                        variants.add(v);
                    }
                }
            }
            List<Series> ordered = new ArrayList<>();
            List<int[]> styles = new ArrayList<>(); // {run, variant}
            for (int r = 0; r < shown.size(); r++) {
                for (Map.Entry<String, Series> s : shown.get(r).series(spec.key()).entrySet()) {
                    ordered.add(s.getValue());
                    styles.add(new int[] {r, variants.indexOf(s.getKey())});
                }
            }
            if (spec.band()) {
                YIntervalSeriesCollection c = new YIntervalSeriesCollection();
                ordered.forEach(s -> c.addSeries((YIntervalSeries) s));
                plot.setDataset(c);
            } else {
                XYSeriesCollection c = new XYSeriesCollection();
                ordered.forEach(s -> c.addSeries((XYSeries) s));
                plot.setDataset(c);
            }
            boolean oneRun = shown.size() <= 1;
            for (int i = 0; i < styles.size(); i++) {
                int run = styles.get(i)[0], variant = styles.get(i)[1];
                String name = variants.get(variant);
                Color colour = oneRun ? PALETTE[variant % PALETTE.length] : PALETTE[run % PALETTE.length];
                boolean faint = name.equals("raw");
                if (faint) {
                    colour = new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), oneRun ? 90 : 70);
                }
                renderer.setSeriesPaint(i, colour, false);
                renderer.setSeriesFillPaint(i, colour, false);
                renderer.setSeriesStroke(i, stroke(faint ? 1f : 2f, oneRun ? null : DASHES[variant % DASHES.length]), false);
                renderer.setSeriesShapesVisible(i, isEpochChart(spec) && !faint);
                if (isEpochChart(spec)) {
                    renderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6), false);
                }
            }
            ChartView.tooltips(renderer);
            chart.setNotify(true);
        }
    }

    private static boolean isEpochChart(Spec spec) {
        return spec.key().equals(RunHistory.LOSS_EPOCH) || spec.key().equals(RunHistory.ACCURACY);
    }

    private static Stroke stroke(float width, float[] dash) {
        return ChartView.stroke(width, dash);
    }

    /** The colour a run gets when several are overlaid (the run list shows it as a swatch). */
    public static javafx.scene.paint.Color runColour(int index) {
        Color c = PALETTE[index % PALETTE.length];
        return javafx.scene.paint.Color.rgb(c.getRed(), c.getGreen(), c.getBlue());
    }
}
