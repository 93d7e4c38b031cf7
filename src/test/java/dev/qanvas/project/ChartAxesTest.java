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
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;

/** Charts drawn headless into an image: their tick labels must be distinct and readable. */
class ChartAxesTest {

    private static XYSeriesCollection data(double[] xs, double[] ys) {
        XYSeries s = new XYSeries("s");
        for (int i = 0; i < xs.length; i++) {
            s.add(xs[i], ys[i]);
        }
        return new XYSeriesCollection(s);
    }

    private static JFreeChart chart(double[] xs, double[] ys) {
        return ChartAxes.epochChart(ChartFactory.createXYLineChart("t", "epoch", "loss", data(xs, ys)));
    }

    private static JFreeChart logChart(double[] xs, double[] ys) {
        XYPlot plot = new XYPlot(data(xs, ys), ChartAxes.epochs("epoch"), ChartAxes.log("variance", 1e-30),
                new XYLineAndShapeRenderer(true, false));
        plot.setOrientation(PlotOrientation.VERTICAL);
        return new JFreeChart(plot);
    }

    record Labels(List<String> x, List<String> y) {
    }

    /** Draws the chart at a small size (as a Train grid cell) and reads each axis's tick labels. */
    private static Labels labels(JFreeChart chart, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        ChartRenderingInfo info = new ChartRenderingInfo();
        chart.draw(g2, new Rectangle2D.Double(0, 0, width, height), info);
        Rectangle2D area = info.getPlotInfo().getDataArea();
        XYPlot plot = chart.getXYPlot();
        List<String> x = ticks(plot.getDomainAxis(), g2, area, RectangleEdge.BOTTOM);
        List<String> y = ticks(plot.getRangeAxis(), g2, area, RectangleEdge.LEFT);
        g2.dispose();
        return new Labels(x, y);
    }

    private static List<String> ticks(ValueAxis axis, Graphics2D g2, Rectangle2D area, RectangleEdge edge) {
        @SuppressWarnings("unchecked")
        List<Tick> ticks = axis.refreshTicks(g2, new AxisState(), area, edge);
        return ticks.stream().map(ChartAxesTest::text).filter(t -> t != null && !t.isEmpty()).toList();
    }

    /** A tick's label; a log axis's ticks carry it as an attributed string (exponents raised). */
    private static String text(Tick tick) {
        if (tick instanceof LogTick log && log.getAttributedLabel() != null) {
            StringBuilder sb = new StringBuilder();
            AttributedCharacterIterator it = log.getAttributedLabel().getIterator();
            for (char c = it.first(); c != CharacterIterator.DONE; c = it.next()) {
                sb.append(c);
            }
            return sb.toString();
        }
        return tick.getText();
    }

    private static void assertReadable(List<String> labels, boolean scientificAllowed) {
        assertTrue(labels.size() >= 2, "at least two ticks: " + labels);
        assertEquals(labels.size(), new HashSet<>(labels).size(), "distinct: " + labels);
        for (String l : labels) {
            assertFalse(l.contains("E0"), l + " in " + labels);
            if (!scientificAllowed) {
                assertFalse(l.contains("E"), l + " in " + labels);
            }
            assertTrue(l.length() <= 8, "short: " + l + " in " + labels);
        }
    }

    @Test
    void constantLossGetsARangeAroundItsValue() {
        for (int[] size : new int[][] {{900, 500}, {380, 180}}) {
            Labels l = labels(chart(new double[] {1, 2, 3}, new double[] {0.11764706, 0.11764706, 0.11764706}), size[0], size[1]);
            assertReadable(l.y(), false);
            assertReadable(l.x(), false);
            assertTrue(l.x().stream().allMatch(s -> s.matches("\\d+")), "whole epochs: " + l.x());
        }
    }

    @Test
    void onePointAndConstantOnesAndZeros() {
        for (double v : new double[] {1, 0, 100, 0.5}) {
            Labels one = labels(chart(new double[] {1}, new double[] {v}), 380, 180);
            assertReadable(one.x(), false);
            assertReadable(one.y(), false);
            Labels flat = labels(chart(new double[] {1, 2}, new double[] {v, v}), 900, 500);
            assertReadable(flat.y(), false);
            assertTrue(flat.x().stream().allMatch(s -> s.matches("\\d+")), "whole epochs: " + flat.x());
        }
    }

    @Test
    void aFirstEpochsBatchesTickInTenths() {
        Labels l = labels(chart(new double[] {0.1, 0.2, 0.3}, new double[] {2.3, 2.1, 1.9}), 380, 180);
        assertReadable(l.x(), false);
        assertReadable(l.y(), false);
        assertTrue(l.x().stream().allMatch(s -> s.matches("0\\.\\d\\d?")), "fractions of the first epoch: " + l.x());
    }

    @Test
    void tinyValuesUseShortScientificLabels() {
        Labels l = labels(chart(new double[] {1, 2, 3}, new double[] {1e-9, 2e-9, 3e-9}), 380, 180);
        assertReadable(l.y(), true);
    }

    @Test
    void constantGradientVarianceOnTheLogAxis() {
        for (double[] ys : new double[][] {{9.8e-5, 9.8e-5, 9.8e-5, 9.8e-5, 9.8e-5}, {9.8e-5}, {1e-3, 2e-6, 5e-9, 1e-9, 1e-9}}) {
            double[] xs = new double[ys.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = i + 1;
            }
            Labels l = labels(logChart(xs, ys), 380, 180);
            assertReadable(l.y(), true);
        }
    }
}
