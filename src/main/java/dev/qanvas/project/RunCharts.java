package dev.qanvas.project;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The PNG charts a headless run leaves in its folder ({@code qanvas train}, sweeps): loss, accuracy, entanglement entropy. */
public final class RunCharts {

    private RunCharts() {
    }

    /** Draws loss, accuracy and (with quantum layers) entanglement entropy from the run's record into its folder. */
    public static void write(RunFolder dir, RunRecord run) throws IOException {
        XYSeries batchLoss = new XYSeries("loss per batch");
        for (RunRecord.LossPoint p : run.batchLosses()) {
            batchLoss.add(p.at(), p.loss());
        }
        JFreeChart loss = ChartAxes.epochChart(ChartFactory.createXYLineChart("Loss", "epoch", "loss", new XYSeriesCollection(batchLoss)));
        ChartUtils.saveChartAsPNG(dir.lossChart().toFile(), loss, 900, 500);
        // The same curves as Train's accuracy chart: train and validation accuracy, validation balanced accuracy and ROC AUC.
        XYSeriesCollection acc = new XYSeriesCollection();
        RunHistory.of(run, run.id()).series(RunHistory.ACCURACY).values().forEach(s -> acc.addSeries((XYSeries) s));
        JFreeChart accuracy = ChartAxes.epochChart(ChartFactory.createXYLineChart("Accuracy", "epoch", "accuracy · AUC", acc));
        ChartUtils.saveChartAsPNG(dir.accuracyChart().toFile(), accuracy, 900, 500);
        if (!run.quantum().isEmpty()) {
            // One line per quantum layer: mean main-cut entropy (bits) over the probe batch, during training.
            Map<String, XYSeries> byLayer = new LinkedHashMap<>();
            for (RunRecord.QuantumPoint q : run.quantum()) {
                byLayer.computeIfAbsent(q.layer(), l -> new XYSeries(l + " entropy")).add(q.at(), q.entropyMean());
            }
            XYSeriesCollection entropy = new XYSeriesCollection();
            byLayer.values().forEach(entropy::addSeries);
            JFreeChart chart = ChartAxes.epochChart(ChartFactory.createXYLineChart("Entanglement entropy", "epoch", "bits", entropy));
            ChartUtils.saveChartAsPNG(dir.entanglementChart().toFile(), chart, 900, 500);
        }
    }
}
