package dev.qanvas.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.text.AttributedCharacterIterator;
import java.text.CharacterIterator;
import java.util.HashSet;
import java.util.List;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/** Tick labels of the training charts stay readable and distinct with few points and constant data. */
class ChartAxesTest {

    @Test
    void aConstantValueAndThreeEpochsGiveDistinctPlainLabels() {
        for (double value : new double[] {1.0, 0.1176471, 9.8e-5, 2.3}) {
            XYPlot plot = plot(new NumberAxis("loss"), value);
            List<String> y = labels(plot, plot.getRangeAxis(), RectangleEdge.LEFT);
            List<String> x = labels(plot, plot.getDomainAxis(), RectangleEdge.BOTTOM);
            assertTrue(y.size() >= 2, "value " + value + ": " + y);
            assertEquals(y.size(), new HashSet<>(y).size(), "distinct: " + y);
            assertFalse(y.stream().anyMatch(l -> l.contains("E")), "plain decimals for " + value + ": " + y);
            assertTrue(x.stream().allMatch(l -> l.matches("\\d+")), "whole epochs: " + x);
            assertEquals(x.size(), new HashSet<>(x).size(), "distinct: " + x);
        }
    }

    @Test
    void aLogAxisOverANarrowRangeHasDistinctLabels() {
        for (double value : new double[] {9.8e-5, 0.37, 2e-12}) {
            XYPlot plot = plot(ChartAxes.logAxis("variance"), value);
            List<String> y = labels(plot, plot.getRangeAxis(), RectangleEdge.LEFT);
            assertTrue(y.size() >= 3, value + ": " + y);
            assertEquals(y.size(), new HashSet<>(y).size(), "distinct: " + y);
        }
    }

    private static XYPlot plot(ValueAxis y, double value) {
        XYSeries s = new XYSeries("run");
        for (int epoch = 1; epoch <= 3; epoch++) {
            s.add(epoch, value);
        }
        XYPlot plot = new XYPlot(new XYSeriesCollection(s), new NumberAxis("epoch"), y, new XYLineAndShapeRenderer(true, false));
        ChartAxes.epochsAgainstValues(plot);
        return plot;
    }

    private static List<String> labels(XYPlot plot, ValueAxis axis, RectangleEdge edge) {
        JFreeChart chart = new JFreeChart(plot);
        BufferedImage image = new BufferedImage(480, 320, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g2 = image.createGraphics();
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g2, new Rectangle2D.Double(0, 0, 480, 320), info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        @SuppressWarnings("unchecked")
        List<Tick> ticks = (List<Tick>) axis.refreshTicks(g2, new AxisState(), area, edge);
        g2.dispose();
        return ticks.stream().map(ChartAxesTest::text).filter(t -> t != null && !t.isEmpty()).toList();
    }

    /** A tick's label; a log axis's ticks carry it as an attributed string. */
    private static String text(Tick t) {
        if (t.getText() == null && t instanceof LogTick log && log.getAttributedLabel() != null) {
            AttributedCharacterIterator it = log.getAttributedLabel().getIterator();
            StringBuilder s = new StringBuilder();
            for (char c = it.first(); c != CharacterIterator.DONE; c = it.next()) {
                s.append(c);
            }
            return s.toString();
        }
        return t.getText();
    }
}
