package dev.qanvas.project;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueAxisPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;

/**
 * Readable axes for every training chart, in the app and in the PNGs `train` writes: epochs in
 * whole numbers, values as plain decimals, and a visible range when the data are constant or few
 * (JFreeChart's defaults showed "1E0 1E0 1E0" and "1.176471E-1 1.176471E-1" there).
 */
public final class ChartAxes {

    /** The smallest range a value axis shows: a constant curve sits in the middle of a readable span. */
    static final double MINIMUM_RANGE = 0.01;

    private ChartAxes() {
    }

    /** Styles the domain axis as epochs (integer ticks) and the range axis as values. */
    public static void epochsAgainstValues(XYPlot plot) {
        if (plot.getDomainAxis() instanceof NumberAxis x) {
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
            x.setAutoRangeIncludesZero(false);
            x.setAutoRangeMinimumSize(1);
        }
        values(plot.getRangeAxis());
    }

    /**
     * A log axis that always spans at least two decades around its data, labelled "2.5E-4": over a
     * narrower range JFreeChart drew no labels, or one label five times.
     */
    public static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label) {
            @Override
            protected void autoAdjustRange() {
                if (!isAutoRange() || !(getPlot() instanceof ValueAxisPlot plot)) {
                    super.autoAdjustRange();
                    return;
                }
                Range data = plot.getDataRange(this);
                if (data == null) {
                    setRange(getDefaultAutoRange(), false, false);
                    return;
                }
                double lo = Math.max(data.getLowerBound(), getSmallestValue());
                double hi = Math.max(data.getUpperBound(), lo);
                if (hi / lo < 100) {
                    double middle = Math.sqrt(lo * hi);
                    lo = middle / 10;
                    hi = middle * 10;
                }
                setRange(new Range(lo, hi), false, false);
            }
        };
        axis.setSmallestValue(1e-300); // a collapsing gradient variance can be far below JFreeChart's 1e-100
        axis.setAutoRangeMinimumSize(1e-300);
        axis.setNumberFormatOverride(new DecimalFormat("0.#E0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        return axis;
    }

    /** Plain decimals with as many digits as the tick size needs, and a readable span for constant data. */
    public static void values(ValueAxis axis) {
        if (axis instanceof NumberAxis n) {
            n.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
            n.setAutoRangeIncludesZero(false);
            n.setAutoRangeMinimumSize(MINIMUM_RANGE);
        }
    }
}
