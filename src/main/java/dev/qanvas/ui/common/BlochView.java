package dev.qanvas.ui.common;

import dev.qanvas.quantum.StateReport;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * One Bloch sphere per qubit, flowing into rows. Each is an orthographic projection seen from
 * slightly above and to the side (the usual textbook view: x towards the viewer and left, y
 * right, z up), with the far half of the equator and of the axes dashed. The arrow is the
 * qubit's Bloch vector, so an entangled qubit's arrow is visibly shorter than the radius.
 */
public final class BlochView extends StateCanvas {

    private static final double RADIUS = 46;
    private static final double TOP = 8;
    private static final double SPHERE_BOX = 2 * RADIUS + 36; // room for the axis labels
    private static final double TEXT_LINE = 16;
    private static final double CELL_GAP = 12;
    private static final double AXIS_LABEL = 1.22;
    private static final double ARROW_HEAD = 10;

    /** Camera direction: azimuth from +x towards +y, elevation above the equator. */
    private static final double AZIMUTH = Math.toRadians(25);
    private static final double ELEVATION = Math.toRadians(20);
    /** Screen right, screen up and towards-the-viewer unit vectors in Bloch coordinates. */
    private static final double[] RIGHT = {-Math.sin(AZIMUTH), Math.cos(AZIMUTH), 0};
    private static final double[] UP = {
        -Math.sin(ELEVATION) * Math.cos(AZIMUTH), -Math.sin(ELEVATION) * Math.sin(AZIMUTH), Math.cos(ELEVATION)};
    private static final double[] TOWARDS_VIEWER = {
        Math.cos(ELEVATION) * Math.cos(AZIMUTH), Math.cos(ELEVATION) * Math.sin(AZIMUTH), Math.sin(ELEVATION)};

    private static final Color SPHERE_FILL = Color.web("#f6f6fb");

    private double[][] vectors = new double[0][];

    public BlochView() {
        super("bloch-view");
    }

    /** The Bloch vectors drawn, {x, y, z} per qubit. */
    public double[][] vectors() {
        double[][] copy = new double[vectors.length][];
        for (int k = 0; k < vectors.length; k++) {
            copy[k] = vectors[k].clone();
        }
        return copy;
    }

    @Override
    void update(StateReport report) {
        vectors = report.bloch();
    }

    @Override
    void draw(GraphicsContext g, StateReport report, double width, double height) {
        double cellWidth = cellWidth();
        double cellHeight = cellHeight();
        int columns = columns(width);
        for (int k = 0; k < vectors.length; k++) {
            double x = (k % columns) * cellWidth;
            double y = TOP + (k / columns) * cellHeight;
            double cx = x + cellWidth / 2;
            double cy = y + SPHERE_BOX / 2;
            drawSphere(g, cx, cy);
            drawVector(g, vectors[k], cx, cy);
            drawCaption(g, k, vectors[k], cx, y + SPHERE_BOX);
            hoverArea(x, y, cellWidth, cellHeight, hoverText(k, vectors[k], report.isMixed()));
        }
    }

    /** Outline, equator and axes; whatever lies behind the sphere's centre plane is dashed. */
    private static void drawSphere(GraphicsContext g, double cx, double cy) {
        g.setFill(SPHERE_FILL);
        g.fillOval(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);
        g.setStroke(StateColors.OUTLINE);
        g.setLineWidth(1);
        g.strokeOval(cx - RADIUS, cy - RADIUS, 2 * RADIUS, 2 * RADIUS);

        // The equator point at angle t faces the viewer when |t - azimuth| < 90 degrees.
        strokeEquator(g, cx, cy, AZIMUTH - Math.PI / 2, false);
        strokeEquator(g, cx, cy, AZIMUTH + Math.PI / 2, true);

        String[] names = {"x", "y", "z"};
        for (int axis = 0; axis < 3; axis++) {
            double[] unit = new double[3];
            unit[axis] = 1;
            // Every positive half axis faces the viewer from this camera, every negative half faces away.
            g.setStroke(StateColors.OUTLINE);
            g.setLineDashes(3, 3);
            strokeSegment(g, cx, cy, new double[3], scale(unit, -1));
            g.setLineDashes();
            strokeSegment(g, cx, cy, new double[3], unit);
            double[] label = screen(scale(unit, AXIS_LABEL), cx, cy);
            labelStyle(g, StateColors.LABEL);
            g.setFill(StateColors.MUTED);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(names[axis], label[0], label[1]);
        }
    }

    /** Half the equator from angle {@code from}, dashed when it is the far half. */
    private static void strokeEquator(GraphicsContext g, double cx, double cy, double from, boolean far) {
        int steps = 48;
        double[] xs = new double[steps + 1];
        double[] ys = new double[steps + 1];
        for (int s = 0; s <= steps; s++) {
            double t = from + Math.PI * s / steps;
            double[] p = screen(new double[] {Math.cos(t), Math.sin(t), 0}, cx, cy);
            xs[s] = p[0];
            ys[s] = p[1];
        }
        g.setStroke(StateColors.OUTLINE);
        if (far) {
            g.setLineDashes(3, 3);
        }
        g.strokePolyline(xs, ys, steps + 1);
        g.setLineDashes();
    }

    /**
     * The Bloch vector as an arrow from the centre with a dot at its tip, paler when it points
     * into the far half; a thin dashed drop line to the equator plane shows its height.
     */
    private static void drawVector(GraphicsContext g, double[] v, double cx, double cy) {
        double[] tip = screen(v, cx, cy);
        double[] foot = screen(new double[] {v[0], v[1], 0}, cx, cy);
        if (Math.abs(v[2]) > 0.05 && Math.hypot(v[0], v[1]) > 0.05) {
            g.setStroke(StateColors.MUTED);
            g.setLineWidth(1);
            g.setLineDashes(2, 3);
            g.strokeLine(tip[0], tip[1], foot[0], foot[1]);
            g.strokeLine(cx, cy, foot[0], foot[1]);
            g.setLineDashes();
        }
        Color colour = dot(v, TOWARDS_VIEWER) < -1e-9 ? StateColors.ACCENT.deriveColor(0, 0.6, 1.35, 1) : StateColors.ACCENT;
        g.setStroke(colour);
        g.setFill(colour);
        g.setLineWidth(2.5);
        double dx = tip[0] - cx;
        double dy = tip[1] - cy;
        double length = Math.hypot(dx, dy);
        if (length > 1.5 * ARROW_HEAD) {
            // stop the shaft at the head's base so its end does not poke through the point
            double ux = dx / length;
            double uy = dy / length;
            double baseX = tip[0] - ux * ARROW_HEAD;
            double baseY = tip[1] - uy * ARROW_HEAD;
            g.strokeLine(cx, cy, baseX, baseY);
            g.fillPolygon(
                    new double[] {tip[0], baseX - uy * ARROW_HEAD / 2, baseX + uy * ARROW_HEAD / 2},
                    new double[] {tip[1], baseY + ux * ARROW_HEAD / 2, baseY - ux * ARROW_HEAD / 2}, 3);
        } else {
            g.strokeLine(cx, cy, tip[0], tip[1]); // seen end-on or nearly zero: the dot carries it
        }
        g.fillOval(tip[0] - 3, tip[1] - 3, 6, 6);
    }

    private static void drawCaption(GraphicsContext g, int qubit, double[] v, double cx, double top) {
        labelStyle(g, StateColors.BOLD);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("q" + qubit, cx, top);
        g.setFont(StateColors.LABEL);
        g.fillText(components(v), cx, top + TEXT_LINE);
        double length = Math.sqrt(dot(v, v));
        g.setFill(StateColors.MUTED);
        // "pure" whenever |r| reads as 1.00, so the two words never disagree
        g.fillText("|r| = " + StateColors.number(length, 2) + (length >= 0.995 ? "  pure" : "  mixed"),
                cx, top + 2 * TEXT_LINE);
    }

    private static String components(double[] v) {
        return "x " + StateColors.number(v[0], 2) + "  y " + StateColors.number(v[1], 2)
                + "  z " + StateColors.number(v[2], 2);
    }

    /** Polar angles of the Bloch vector: theta from |0>, phi from +x towards +y. */
    private static String hoverText(int qubit, double[] v, boolean mixedState) {
        double length = Math.sqrt(dot(v, v));
        if (length < 1e-6) {
            // in a pure state only entanglement shortens the vector; under noise, the noise does too
            return "q" + qubit + (mixedState ? "  maximally mixed, |r| = 0" : "  maximally mixed: entangled with the rest, |r| = 0");
        }
        double theta = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, v[2] / length))));
        return "q" + qubit + "  \u03b8 = " + StateColors.number(theta, 1) + "\u00b0  \u03c6 = "
                + StateColors.number(StateColors.phaseDegrees(v[0], v[1]), 1) + "\u00b0  |r| = "
                + StateColors.number(length, 3);
    }

    private static void strokeSegment(GraphicsContext g, double cx, double cy, double[] from, double[] to) {
        double[] a = screen(from, cx, cy);
        double[] b = screen(to, cx, cy);
        g.strokeLine(a[0], a[1], b[0], b[1]);
    }

    /** Screen position of a point in Bloch coordinates (unit sphere) around a centre. */
    private static double[] screen(double[] p, double cx, double cy) {
        return new double[] {cx + RADIUS * dot(p, RIGHT), cy - RADIUS * dot(p, UP)};
    }

    private static double[] scale(double[] v, double factor) {
        return new double[] {v[0] * factor, v[1] * factor, v[2] * factor};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    /** Wide enough for the sphere and its component line. */
    private double cellWidth() {
        return Math.max(SPHERE_BOX, textWidth(components(new double[] {-1, -1, -1}), StateColors.LABEL)) + CELL_GAP;
    }

    private static double cellHeight() {
        return SPHERE_BOX + 3 * TEXT_LINE + CELL_GAP;
    }

    private int columns(double width) {
        return Math.max(1, (int) (width / cellWidth()));
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL; // spheres wrap into more rows when narrower
    }

    @Override
    protected double computePrefWidth(double height) {
        return 560;
    }

    @Override
    protected double computePrefHeight(double width) {
        int columns = columns(width < 0 ? computePrefWidth(-1) : width);
        int rows = Math.max(1, (vectors.length + columns - 1) / columns);
        return TOP + rows * cellHeight();
    }
}
