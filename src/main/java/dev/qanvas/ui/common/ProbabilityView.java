package dev.qanvas.ui.common;

import dev.qanvas.quantum.StateReport;
import java.util.Arrays;
import java.util.List;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * Bar chart of basis-state probabilities, one bar per bitstring (qubit 0 leftmost), y from 0 to
 * 1. Every basis state gets a bar, zero or not, so bars keep their place as the circuit changes;
 * above {@value #MAX_BARS} states only the most probable {@value #MAX_BARS} are drawn. Bars go in
 * bitstring order.
 */
public final class ProbabilityView extends StateCanvas {

    /** One drawn bar: its bitstring and probability. */
    public record Bar(String label, double probability) {}

    /** Most bars drawn; more would be too thin to read or hover. */
    public static final int MAX_BARS = 32;

    private static final double TOP = 28;
    private static final double RIGHT = 8;
    private static final double TICK_GAP = 6;
    private static final double MAX_BAR_WIDTH = 48;
    private static final double PLOT_HEIGHT = 180;

    private int[] shown = new int[0];
    private List<Bar> bars = List.of();
    /** The ideal (noise-free) probabilities drawn as outlines beside the bars, or null. */
    private double[] ideal;

    public ProbabilityView() {
        super("probability-view");
    }

    /**
     * Draws the ideal state's probabilities as outlined bars beside the ones shown (under noise),
     * from the next {@link #show} on; null for none.
     */
    public void setIdeal(double[] ideal) {
        this.ideal = ideal == null ? null : ideal.clone();
    }

    /** The ideal probability outlined beside bar b, or NaN when none is drawn. */
    public double idealOf(int b) {
        return ideal == null || ideal.length != report().size() ? Double.NaN : ideal[shown[b]];
    }

    /** Exactly the bars drawn, left to right. */
    public List<Bar> bars() {
        return bars;
    }

    @Override
    void update(StateReport report) {
        shown = displayedStates(report, MAX_BARS);
        bars = Arrays.stream(shown).mapToObj(i -> new Bar(report.bitstring(i), report.probability(i))).toList();
    }

    /** "all 8 basis states" or "top 32 of 4096 basis states". */
    private String caption(StateReport report) {
        return (shown.length == report.size()
                ? "all " + report.size() + " basis states"
                : "top " + shown.length + " of " + report.size() + " basis states")
                + (ideal == null ? "" : ", outlined: ideal (no noise)");
    }

    @Override
    void draw(GraphicsContext g, StateReport report, double width, double height) {
        labelStyle(g, StateColors.LABEL);
        g.setFill(StateColors.MUTED);
        g.fillText(caption(report), 0, 2);
        String order = "bits read q0 q1 ... left to right";
        double orderWidth = textWidth(order, StateColors.LABEL);
        if (textWidth(caption(report), StateColors.LABEL) + orderWidth + 24 < width) {
            g.fillText(order, width - RIGHT - orderWidth, 2);
        }

        double left = leftMargin();
        double slot = slotWidth(width);
        boolean rotated = labelsRotated(width);
        double plotHeight = height - TOP - bottomMargin(width);
        if (plotHeight < 20 || slot < 3) {
            return; // too small to draw anything readable
        }
        double base = TOP + plotHeight;

        // y axis: gridlines at quarter steps
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setLineWidth(1);
        for (int q = 0; q <= 4; q++) {
            double y = crisp(base - plotHeight * q / 4.0);
            g.setStroke(q == 0 ? StateColors.OUTLINE : StateColors.GRID);
            g.strokeLine(left, y, width - RIGHT, y);
            g.setFill(StateColors.MUTED);
            g.fillText(q == 0 ? "0" : q == 4 ? "1" : StateColors.number(q / 4.0, 2), left - TICK_GAP, y);
        }

        double barWidth = Math.min(MAX_BAR_WIDTH, Math.max(1, slot * 0.7));
        for (int b = 0; b < shown.length; b++) {
            double x = left + b * slot;
            double centre = x + slot / 2;
            double p = bars.get(b).probability();
            double q = idealOf(b);
            double w = Double.isNaN(q) ? barWidth : barWidth / 2; // the ideal outline takes the right half
            g.setFill(StateColors.ACCENT);
            g.fillRect(centre - barWidth / 2, base - p * plotHeight, w, p * plotHeight);
            if (!Double.isNaN(q)) {
                g.setStroke(StateColors.TEXT);
                g.setLineWidth(1);
                g.strokeRect(crisp(centre), crisp(base - q * plotHeight), Math.max(1, w - 1), q * plotHeight);
            }
            drawLabel(g, bars.get(b).label(), centre, base + TICK_GAP, rotated);
            int i = shown[b];
            hoverArea(x, TOP, slot, height - TOP, report.isMixed()
                    ? String.format("|%s>  p = %s%s", report.bitstring(i), StateColors.number(p, 4),
                            Double.isNaN(q) ? "" : "  ideal " + StateColors.number(q, 4))
                    : String.format("|%s>  p = %s  amplitude %s",
                    report.bitstring(i), StateColors.number(p, 4), StateColors.complex(report.re(i), report.im(i))));
        }
    }

    /** A bitstring under its bar, turned to read upwards when the bars are narrower than the text. */
    private static void drawLabel(GraphicsContext g, String label, double centre, double top, boolean rotated) {
        g.setFill(StateColors.TEXT);
        if (!rotated) {
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            g.fillText(label, centre, top);
            return;
        }
        g.save();
        g.translate(centre, top);
        g.rotate(-90);
        g.setTextAlign(TextAlignment.RIGHT); // ends at the axis, runs down the page
        g.setTextBaseline(VPos.CENTER);
        g.fillText(label, 0, 0);
        g.restore();
    }

    private double leftMargin() {
        return textWidth("0.75", StateColors.LABEL) + TICK_GAP + 2;
    }

    private double slotWidth(double width) {
        return (width - leftMargin() - RIGHT) / Math.max(1, shown.length);
    }

    private double labelWidth() {
        return bars.isEmpty() ? 0 : textWidth(bars.get(0).label(), StateColors.LABEL);
    }

    private boolean labelsRotated(double width) {
        return labelWidth() > slotWidth(width) - 4;
    }

    /** Room for the bitstrings under the axis. */
    private double bottomMargin(double width) {
        return (labelsRotated(width) ? labelWidth() : 12) + 2 * TICK_GAP;
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL; // turned labels need more height
    }

    @Override
    protected double computePrefWidth(double height) {
        return 560;
    }

    @Override
    protected double computePrefHeight(double width) {
        return TOP + PLOT_HEIGHT + bottomMargin(width < 0 ? computePrefWidth(-1) : width);
    }
}
