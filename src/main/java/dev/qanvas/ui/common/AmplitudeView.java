package dev.qanvas.ui.common;

import dev.qanvas.quantum.StateReport;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * Quirk-style amplitude disks, one per basis state: the outline is probability 1, the filled
 * disk's area is the probability (its radius |amplitude|), its colour and the line from the
 * centre give the phase. All states up to {@value #MAX_DISKS}, else the {@value #MAX_DISKS}
 * largest amplitudes, in bitstring order. A phase wheel legend sits at the right.
 */
public final class AmplitudeView extends StateCanvas {

    /** Most disks drawn. */
    public static final int MAX_DISKS = 64;

    private static final double RADIUS = 20;
    private static final double TOP = 22;
    private static final double LABEL_HEIGHT = 16;
    private static final double CELL_GAP = 10;
    private static final double LEGEND_WIDTH = 110;
    private static final double WHEEL_RADIUS = 26;
    /** Title, 90° mark, wheel, 270° mark, and the note on area. */
    private static final double LEGEND_HEIGHT = 4 * LABEL_HEIGHT + 2 * WHEEL_RADIUS + 4;
    /** Below this |amplitude| the phase means nothing, so no phase line is drawn. */
    private static final double NO_PHASE = 1e-6;

    private static Image wheel;

    private int[] shown = new int[0];

    public AmplitudeView() {
        super("amplitude-view");
    }

    /** Basis indices of the disks drawn, in drawing order (bitstring order). */
    public int[] shownStates() {
        return shown.clone();
    }

    @Override
    void update(StateReport report) {
        shown = displayedStates(report, MAX_DISKS); // |amplitude| ranks as probability does
    }

    @Override
    void draw(GraphicsContext g, StateReport report, double width, double height) {
        labelStyle(g, StateColors.LABEL);
        g.setFill(StateColors.MUTED);
        if (report.isMixed()) {
            g.fillText("A mixed state (noise) has no amplitudes:", 0, 2);
            g.fillText("its probabilities are the density matrix's diagonal.", 0, 18);
            return;
        }
        g.fillText(shown.length == report.size()
                ? "all " + report.size() + " amplitudes"
                : "largest " + shown.length + " of " + report.size() + " amplitudes", 0, 2);

        double cellWidth = cellWidth();
        double cellHeight = 2 * RADIUS + LABEL_HEIGHT + CELL_GAP;
        int columns = columns(width);
        for (int k = 0; k < shown.length; k++) {
            double x = (k % columns) * cellWidth;
            double y = TOP + (k / columns) * cellHeight;
            drawDisk(g, report, shown[k], x + cellWidth / 2, y + RADIUS + 2);
            hoverArea(x, y, cellWidth, cellHeight, hoverText(report, shown[k]));
        }
        drawLegend(g, width - LEGEND_WIDTH, TOP);
    }

    private static void drawDisk(GraphicsContext g, StateReport report, int index, double cx, double cy) {
        double re = report.re(index);
        double im = report.im(index);
        double magnitude = Math.hypot(re, im);
        if (magnitude > NO_PHASE) {
            double r = RADIUS * Math.min(1, magnitude);
            g.setFill(StateColors.phase(Math.atan2(im, re)));
            g.fillOval(cx - r, cy - r, 2 * r, 2 * r);
        }
        g.setStroke(StateColors.OUTLINE);
        g.setLineWidth(1);
        g.strokeOval(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);
        if (magnitude > NO_PHASE) {
            // screen y grows downwards, so a positive phase turns the line anticlockwise by going up
            g.setStroke(StateColors.TEXT);
            g.setLineWidth(1.5);
            g.strokeLine(cx, cy, cx + RADIUS * re / magnitude, cy - RADIUS * im / magnitude);
        }
        g.setFill(StateColors.TEXT);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        g.fillText(report.bitstring(index), cx, cy + RADIUS + 3);
    }

    private static String hoverText(StateReport report, int index) {
        double re = report.re(index);
        double im = report.im(index);
        double magnitude = Math.hypot(re, im);
        String phase = magnitude > NO_PHASE
                ? "phase " + StateColors.number(StateColors.phaseDegrees(re, im), 1) + "\u00b0"
                : "no phase";
        return String.format("|%s>  |a| = %s  %s  (%s)", report.bitstring(index),
                StateColors.number(magnitude, 3), phase, StateColors.complex(re, im));
    }

    /** A hue wheel with the four quarter phases marked, and what the disk sizes mean. */
    private void drawLegend(GraphicsContext g, double x, double y) {
        double cx = x + LEGEND_WIDTH / 2;
        double cy = y + 2 * LABEL_HEIGHT + WHEEL_RADIUS; // under the title and the 90° mark
        labelStyle(g, StateColors.LABEL);
        g.setFill(StateColors.MUTED);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("phase", cx, y);
        g.drawImage(phaseWheel(), cx - WHEEL_RADIUS, cy - WHEEL_RADIUS);
        g.setStroke(StateColors.OUTLINE);
        g.setLineWidth(1);
        g.strokeOval(cx - WHEEL_RADIUS, cy - WHEEL_RADIUS, 2 * WHEEL_RADIUS, 2 * WHEEL_RADIUS);
        g.setFill(StateColors.TEXT);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("0\u00b0", cx + WHEEL_RADIUS + 3, cy);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("180\u00b0", cx - WHEEL_RADIUS - 3, cy);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText("90\u00b0", cx, cy - WHEEL_RADIUS - 1);
        g.setTextBaseline(VPos.TOP);
        g.fillText("270\u00b0", cx, cy + WHEEL_RADIUS + 1);
        g.setFill(StateColors.MUTED);
        g.fillText("area = probability", cx, cy + WHEEL_RADIUS + 2 + LABEL_HEIGHT);
    }

    /** The legend's hue wheel, pixel by pixel (wedges drawn as arcs leave seams), made once. */
    private static Image phaseWheel() {
        if (wheel == null) {
            int size = (int) (2 * WHEEL_RADIUS);
            WritableImage image = new WritableImage(size, size);
            PixelWriter pixels = image.getPixelWriter();
            for (int py = 0; py < size; py++) {
                for (int px = 0; px < size; px++) {
                    double dx = px + 0.5 - WHEEL_RADIUS;
                    double dy = WHEEL_RADIUS - (py + 0.5); // screen y grows downwards, phase angles anticlockwise
                    double coverage = Math.max(0, Math.min(1, WHEEL_RADIUS - Math.hypot(dx, dy))); // soft rim
                    Color colour = StateColors.phase(Math.atan2(dy, dx));
                    pixels.setColor(px, py, Color.color(colour.getRed(), colour.getGreen(), colour.getBlue(), coverage));
                }
            }
            wheel = image;
        }
        return wheel;
    }

    /** Wide enough for the disk or the bitstring, whichever is wider. */
    private double cellWidth() {
        int bits = report() == null ? 1 : report().qubits();
        return Math.max(2 * RADIUS, textWidth("0".repeat(bits), StateColors.LABEL)) + CELL_GAP;
    }

    private int columns(double width) {
        return Math.max(1, (int) ((width - LEGEND_WIDTH - CELL_GAP) / cellWidth()));
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL; // disks wrap into more rows when narrower
    }

    @Override
    protected double computePrefWidth(double height) {
        return 560;
    }

    @Override
    protected double computePrefHeight(double width) {
        if (report() != null && report().isMixed()) {
            return 40; // two lines of text
        }
        int columns = columns(width < 0 ? computePrefWidth(-1) : width);
        int rows = Math.max(1, (shown.length + columns - 1) / columns);
        return Math.max(TOP + rows * (2 * RADIUS + LABEL_HEIGHT + CELL_GAP), TOP + LEGEND_HEIGHT);
    }
}
