package dev.qanvas.ui.common;

import dev.qanvas.quantum.StateReport;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.text.TextAlignment;

/**
 * How entangled the state is: each qubit's entropy with the rest (0..1 bit), the entropy across
 * the half/half cut (0..floor(n/2) bits), the Meyer-Wallach Q (0..1), and pairwise concurrence
 * as an n×n heat map from white (0) to deep indigo (1). The bars sit left of the heat map when
 * there is room, above it otherwise.
 */
public final class EntanglementView extends StateCanvas {

    private static final double TITLE = 20;
    private static final double ROW = 20;
    private static final double BAR_HEIGHT = 12;
    private static final double SECTION_GAP = 12;
    private static final double LABEL_WIDTH = 34;
    private static final double BARS_WIDTH = 360;
    private static final double VALUE_WIDTH = 96;
    private static final double COLUMN_GAP = 32;
    private static final double MIN_CELL = 16;
    private static final double MAX_CELL = 40;
    private static final double MAX_MAP = 360;
    /** Cells at least this big carry their value as text. */
    private static final double NUMBER_CELL = 34;
    private static final double SCALE_HEIGHT = 30;

    private double[] entropies = new double[0];
    private double halfCutEntropy;
    private String halfCut = "";
    private double meyerWallachQ;
    private double[][] concurrence = new double[0][];

    /** Where the two blocks go for a width: bars at the origin, the heat map at (mapX, mapY) with its cell size. */
    private record Layout(double mapX, double mapY, double cell, double height) {}

    public EntanglementView() {
        super("entanglement-view");
    }

    /** S(q_k : rest) in bits, per qubit, as drawn. */
    public double[] singleQubitEntropies() {
        return entropies.clone();
    }

    public double halfCutEntropy() {
        return halfCutEntropy;
    }

    /** The half/half cut as text, e.g. "q0 q1 | q2 q3"; empty below two qubits. */
    public String halfCut() {
        return halfCut;
    }

    public double meyerWallachQ() {
        return meyerWallachQ;
    }

    /** Pairwise concurrence as drawn in the heat map. */
    public double[][] concurrence() {
        double[][] copy = new double[concurrence.length][];
        for (int k = 0; k < concurrence.length; k++) {
            copy[k] = concurrence[k].clone();
        }
        return copy;
    }

    @Override
    void update(StateReport report) {
        entropies = report.singleQubitEntropy();
        halfCutEntropy = report.halfCutEntropy();
        halfCut = report.halfCut();
        meyerWallachQ = report.meyerWallachQ();
        concurrence = report.concurrence();
    }

    @Override
    void draw(GraphicsContext g, StateReport report, double width, double height) {
        int n = entropies.length;
        Layout layout = layout(width);
        double barsWidth = Math.min(BARS_WIDTH, width);

        if (report.isMixed()) {
            // Under noise a qubit's entropy mixes entanglement with the noise's own: say what it is, not more.
            double y = title(g, "Entropy of each qubit's own state S(\u03c1_k), bits", 0, 0);
            for (int k = 0; k < n; k++) {
                bar(g, "q" + k, entropies[k], 1, StateColors.number(entropies[k], 2), y, barsWidth);
                hoverArea(0, y, barsWidth, ROW, "S(\u03c1_q" + k + ") = " + StateColors.number(entropies[k], 3)
                        + " bits: from entanglement and from noise together");
                y += ROW;
            }
            labelStyle(g, StateColors.LABEL);
            g.setFill(StateColors.MUTED);
            String[] lines = {"The state is mixed: the half/half cut, Meyer-Wallach Q", "and concurrence shown here measure pure states only.",
                "The whole state's entropy is in the noise panel."};
            for (int k = 0; k < lines.length; k++) {
                g.fillText(lines[k], 0, y + SECTION_GAP + 16 * k);
            }
            return;
        }
        double y = title(g, "Entropy of each qubit with the rest, bits", 0, 0);
        for (int k = 0; k < n; k++) {
            bar(g, "q" + k, entropies[k], 1, StateColors.number(entropies[k], 2), y, barsWidth);
            hoverArea(0, y, barsWidth, ROW, "S(q" + k + " : rest) = " + StateColors.number(entropies[k], 3)
                    + " bits" + (entropies[k] > 0.999 ? ": maximally entangled" : ""));
            y += ROW;
        }

        y = title(g, n < 2 ? "Half/half cut: needs 2 qubits" : "Half/half cut  " + halfCut, 0, y + SECTION_GAP);
        if (n >= 2) {
            int maxBits = n / 2;
            String value = StateColors.number(halfCutEntropy, 2) + " of " + maxBits + (maxBits == 1 ? " bit" : " bits");
            bar(g, "S", halfCutEntropy, maxBits, value, y, barsWidth);
            hoverArea(0, y, barsWidth, ROW, "S(" + halfCut + ") = " + StateColors.number(halfCutEntropy, 3)
                    + " bits, at most " + maxBits);
            y += ROW;
        }

        y = title(g, "Meyer-Wallach Q, global entanglement", 0, y + SECTION_GAP);
        bar(g, "Q", meyerWallachQ, 1, StateColors.number(meyerWallachQ, 2), y, barsWidth);
        hoverArea(0, y, barsWidth, ROW, "Q = " + StateColors.number(meyerWallachQ, 3)
                + ": 0 for a product state, 1 for GHZ");

        drawHeatMap(g, layout);
    }

    /** A section title; returns the y below it. */
    private static double title(GraphicsContext g, String text, double x, double y) {
        labelStyle(g, StateColors.BOLD);
        g.setFill(StateColors.MUTED);
        g.fillText(text, x, y + 2);
        return y + TITLE;
    }

    /** One labelled horizontal bar of {@code value} on a 0..{@code max} track, its value text at the right. */
    private static void bar(GraphicsContext g, String label, double value, double max, String valueText, double y,
            double width) {
        double track = width - LABEL_WIDTH - VALUE_WIDTH;
        double top = y + (ROW - BAR_HEIGHT) / 2;
        labelStyle(g, StateColors.LABEL);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(label, 0, y + ROW / 2);
        g.setFill(StateColors.TRACK);
        g.fillRect(LABEL_WIDTH, top, track, BAR_HEIGHT);
        g.setFill(StateColors.ACCENT);
        g.fillRect(LABEL_WIDTH, top, track * Math.max(0, Math.min(1, value / max)), BAR_HEIGHT);
        g.setFill(StateColors.TEXT);
        g.fillText(valueText, LABEL_WIDTH + track + 8, y + ROW / 2);
    }

    private void drawHeatMap(GraphicsContext g, Layout layout) {
        int n = concurrence.length;
        double y = title(g, "Pairwise concurrence C(qi, qj)", layout.mapX(), layout.mapY());
        if (n < 2) {
            labelStyle(g, StateColors.LABEL);
            g.setFill(StateColors.MUTED);
            g.fillText("needs 2 qubits", layout.mapX(), y);
            return;
        }
        double cell = layout.cell();
        double left = layout.mapX() + LABEL_WIDTH;
        double top = y + TITLE;
        labelStyle(g, StateColors.LABEL);
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        for (int k = 0; k < n; k++) {
            g.setFill(StateColors.TEXT);
            g.fillText("q" + k, left + (k + 0.5) * cell, top - TITLE / 2);
            g.fillText("q" + k, left - LABEL_WIDTH / 2, top + (k + 0.5) * cell);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = left + j * cell;
                double cellTop = top + i * cell;
                double c = concurrence[i][j];
                if (i == j) {
                    // a qubit with itself has no concurrence: struck out in neutral grey, unlike any value
                    g.setFill(StateColors.NEUTRAL);
                    g.fillRect(x, cellTop, cell, cell);
                    g.setStroke(StateColors.OUTLINE);
                    g.setLineWidth(1);
                    g.strokeLine(x + 4, cellTop + cell - 4, x + cell - 4, cellTop + 4);
                } else {
                    g.setFill(StateColors.heat(c));
                    g.fillRect(x, cellTop, cell, cell);
                    if (cell >= NUMBER_CELL) {
                        g.setFill(StateColors.onHeat(c));
                        g.fillText(StateColors.number(c, 2), x + cell / 2, cellTop + cell / 2);
                    }
                    hoverArea(x, cellTop, cell, cell, "C(q" + i + ",q" + j + ") = " + StateColors.number(c, 2));
                }
            }
        }
        g.setStroke(StateColors.GRID);
        g.setLineWidth(1);
        for (int k = 0; k <= n; k++) {
            g.strokeLine(crisp(left + k * cell), top, crisp(left + k * cell), top + n * cell);
            g.strokeLine(left, crisp(top + k * cell), left + n * cell, crisp(top + k * cell));
        }
        drawScale(g, left, top + n * cell + 8, Math.max(n * cell, 120));
    }

    /** The colour scale of the heat map, 0 to 1. */
    private static void drawScale(GraphicsContext g, double x, double y, double width) {
        g.setFill(new LinearGradient(x, 0, x + width, 0, false, CycleMethod.NO_CYCLE,
                new Stop(0, StateColors.heat(0)), new Stop(1, StateColors.heat(1))));
        g.fillRect(x, y, width, 10);
        g.setStroke(StateColors.OUTLINE);
        g.strokeRect(crisp(x), crisp(y), width, 10);
        labelStyle(g, StateColors.LABEL);
        g.setFill(StateColors.MUTED);
        g.fillText("0", x, y + 12);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("1", x + width, y + 12);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("concurrence", x + width / 2, y + 12);
    }

    /** The heat map beside the bars when both fit at the smallest cell size, else below them. */
    private Layout layout(double width) {
        int n = entropies.length;
        double barsHeight = TITLE + n * ROW + SECTION_GAP + TITLE + (n >= 2 ? ROW : 0) + SECTION_GAP + TITLE + ROW;
        double mapLabels = LABEL_WIDTH;
        boolean beside = width >= BARS_WIDTH + COLUMN_GAP + mapLabels + Math.max(n, 2) * MIN_CELL;
        double mapX = beside ? BARS_WIDTH + COLUMN_GAP : 0;
        double mapY = beside ? 0 : barsHeight + SECTION_GAP;
        double room = Math.min(MAX_MAP, width - mapX - mapLabels);
        double cell = Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor(room / Math.max(n, 1))));
        double mapHeight = TITLE + TITLE + (n < 2 ? 0 : n * cell + 8 + 10 + 12 + 16);
        return new Layout(mapX, mapY, cell, Math.max(barsHeight, mapY + mapHeight));
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL; // the heat map moves under the bars when narrow
    }

    @Override
    protected double computePrefWidth(double height) {
        return 760;
    }

    @Override
    protected double computePrefHeight(double width) {
        if (report() != null && report().isMixed()) { // the bars and the note only
            return TITLE + entropies.length * ROW + SECTION_GAP + 3 * 16 + 8;
        }
        return layout(width < 0 ? computePrefWidth(-1) : width).height();
    }
}
