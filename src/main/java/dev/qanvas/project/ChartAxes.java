package dev.qanvas.project;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.ValueAxisPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;

/**
 * The one place every Qanvas chart gets its axes (the Train workspace's charts and the PNG charts
 * {@code qanvas train} writes): epoch axes tick at whole epochs (at tenths while the axis spans
 * less than one), value axes label ticks as plain decimals with as many digits as the tick step needs
 * (scientific only for steps below 1e-4 or from 1e6 up), and constant or single-point data get a
 * range around the value instead of JFreeChart's 1e-8 sliver, whose ticks all read the same
 * ("1E0 1E0 1E0"). Log axes span at least one decade, labelled in short scientific form.
 */
public final class ChartAxes {

    private ChartAxes() {
    }

    /** Readable tick steps 1, 2, 5 x 10^k, each with the digits its step needs. */
    static final TickUnitSource DECIMAL_UNITS = units(false);
    /** Whole-number steps (1, 2, 5, 10, ...), for epochs. */
    static final TickUnitSource INTEGER_UNITS = units(true);

    private static TickUnitSource units(boolean integers) {
        TickUnits units = new TickUnits();
        for (int power = integers ? 0 : -12; power <= 12; power++) {
            for (double mantissa : new double[] {1, 2, 5}) {
                double size = mantissa * Math.pow(10, power);
                units.add(new NumberTickUnit(size, format(size)));
            }
        }
        return units;
    }

    /** Plain decimals for steps from 1e-4 to below 1e6 (digits from the step), else 3 significant digits in E form. */
    static NumberFormat format(double step) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        if (step >= 1e-4 && step < 1e6) {
            int digits = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
            DecimalFormat f = new DecimalFormat(digits == 0 ? "0" : "0." + "0".repeat(digits), symbols);
            f.setGroupingUsed(false);
            return f;
        }
        return new DecimalFormat("0.###E0", symbols);
    }

    /** An epoch axis (x of every training chart). */
    public static NumberAxis epochs(String label) {
        return new Readable(label, true);
    }

    /** A value axis (loss, accuracy, entropy ...). */
    public static NumberAxis values(String label) {
        return new Readable(label, false);
    }

    /** A log axis for values spread over decades (gradient variance); values at or below {@code smallest} are cut. */
    public static LogAxis log(String label, double smallest) {
        LogAxis axis = new DecadeLogAxis(label);
        axis.setSmallestValue(smallest);
        // "1e-4", "3.2e-5": two significant digits tell the half-decade ticks apart; a lower-case e reads as a number.
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setExponentSeparator("e");
        axis.setNumberFormatOverride(new DecimalFormat("0.#E0", symbols));
        return axis;
    }

    /** Gives an XY chart (for example one from {@code ChartFactory}) an epoch x axis and a value y axis, keeping their labels. */
    public static JFreeChart epochChart(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        plot.setDomainAxis(epochs(plot.getDomainAxis().getLabel()));
        ValueAxis y = plot.getRangeAxis();
        if (!(y instanceof LogAxis)) {
            plot.setRangeAxis(values(y.getLabel()));
        }
        return chart;
    }

    /** A number axis with readable tick steps and a sensible range for constant data. */
    private static final class Readable extends NumberAxis {
        private final boolean epochs;

        Readable(String label, boolean epochs) {
            super(label);
            this.epochs = epochs;
            setAutoRangeIncludesZero(false);
            setAutoRangeMinimumSize(1e-100); // our own rule below, relative to the values
            setStandardTickUnits(DECIMAL_UNITS);
        }

        @Override
        public TickUnitSource getStandardTickUnits() {
            // Whole epochs once the axis spans one; tenths before that (a first epoch's batches).
            return epochs && getRange().getLength() >= 1 ? INTEGER_UNITS : DECIMAL_UNITS;
        }

        @Override
        protected void autoAdjustRange() {
            Range data = isAutoRange() && getPlot() instanceof ValueAxisPlot p ? p.getDataRange(this) : null;
            if (data == null) {
                super.autoAdjustRange();
                return;
            }
            double mid = data.getCentralValue();
            double len = data.getLength();
            double span;
            if (epochs && len <= 1e-9) {
                span = 2; // one epoch: 0 to 2 around epoch 1
            } else if (!epochs && (len <= Math.abs(mid) * 1e-3 || len <= 1e-99)) {
                // Constant (to three digits): 10% of the value either side, or +-0.5 around 0.
                span = Math.abs(mid) <= 1e-99 ? 1 : Math.abs(mid) * 0.2;
            } else {
                super.autoAdjustRange();
                return;
            }
            double lower = mid - span / 2;
            double upper = mid + span / 2;
            if (epochs && lower < 0 && data.getLowerBound() >= 0) {
                upper -= lower;
                lower = 0;
            }
            setRange(new Range(lower, upper), false, false);
        }
    }

    /** A log axis that spans at least one decade, so constant data get distinct tick labels. */
    private static final class DecadeLogAxis extends LogAxis {
        DecadeLogAxis(String label) {
            super(label);
        }

        @Override
        protected void autoAdjustRange() {
            super.autoAdjustRange();
            if (!isAutoRange()) {
                return;
            }
            Range r = getRange();
            if (r.getLowerBound() <= 0 || r.getUpperBound() / r.getLowerBound() >= 10) {
                return;
            }
            double centre = (Math.log10(r.getLowerBound()) + Math.log10(r.getUpperBound())) / 2;
            setRange(new Range(Math.pow(10, centre - 0.5), Math.pow(10, centre + 0.5)), false, false);
        }
    }
}
