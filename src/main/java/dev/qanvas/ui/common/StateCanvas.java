package dev.qanvas.ui.common;

import dev.qanvas.quantum.StateReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Base of the state views: a region filled by a canvas that is redrawn from the last
 * {@link StateReport} whenever either changes. While drawing, a view marks hover areas with
 * their text; the base shows the text of the area under the pointer in an overlay next to it
 * and outlines that area, so hit testing always matches what is drawn.
 */
abstract class StateCanvas extends Region {

    /** A rectangle of the drawing and what hovering over it says. */
    private record HoverArea(double x, double y, double width, double height, String text) {
        boolean contains(double px, double py) {
            return px >= x && px < x + width && py >= y && py < y + height;
        }
    }

    private static final double POINTER_GAP = 14;

    private final Canvas canvas = new Canvas();
    private final Label overlay = new Label();
    private final List<HoverArea> areas = new ArrayList<>();
    private final Text measure = new Text();
    private StateReport report;
    private HoverArea hovered;
    private double pointerX = -1;
    private double pointerY = -1;

    StateCanvas(String styleClass) {
        getStyleClass().add(styleClass);
        overlay.getStyleClass().add("state-hover");
        overlay.setStyle("-fx-background-color: rgba(255,255,255,0.96); -fx-border-color: #9a99ad;"
                + " -fx-padding: 2 6 2 6; -fx-font-size: 12px; -fx-text-fill: #2b2a3a;");
        overlay.setManaged(false);
        overlay.setMouseTransparent(true);
        overlay.setVisible(false);
        getChildren().addAll(canvas, overlay);
        setOnMouseMoved(e -> pointAt(e.getX(), e.getY()));
        setOnMouseExited(e -> pointAt(-1, -1));
        setMinSize(0, 0);
    }

    /** Shows a state; FX thread only. Cheap: no simulation, just what to draw and a redraw. */
    public void show(StateReport report) {
        this.report = Objects.requireNonNull(report, "report");
        update(report);
        requestLayout(); // the preferred height may follow the number of qubits
        redraw();
    }

    /** The report shown, or null before the first {@link #show}. */
    StateReport report() {
        return report;
    }

    /** Works out what to draw from a new report (kept for {@link #draw} and for tests). */
    abstract void update(StateReport report);

    /** Draws the report on a cleared canvas of the given size, marking hover areas with {@link #hoverArea}. */
    abstract void draw(GraphicsContext g, StateReport report, double width, double height);

    /** Marks a rectangle of the drawing that shows {@code text} when hovered. */
    final void hoverArea(double x, double y, double width, double height, String text) {
        areas.add(new HoverArea(x, y, width, height, text));
    }

    /** The hover text at a point of the view, or null where hovering shows nothing. */
    final String hoverText(double x, double y) {
        HoverArea area = areaAt(x, y);
        return area == null ? null : area.text();
    }

    /**
     * The basis states a view draws: all of them up to {@code max}, else the {@code max} most
     * probable. Either way in bitstring order (00, 01, 10, 11 with qubit 0 leftmost), which reads
     * better than index order (00, 10, 01, 11).
     */
    static int[] displayedStates(StateReport report, int max) {
        int[] states = report.size() <= max ? IntStream.range(0, report.size()).toArray() : report.topStates(max);
        int shift = Integer.SIZE - report.qubits();
        // the bitstring of index i, read as a binary number, is i with its n bits reversed
        return IntStream.of(states).map(i -> Integer.reverse(i) >>> shift).sorted()
                .map(r -> Integer.reverse(r) >>> shift).toArray();
    }

    /** Width of a text in a font, for layout. */
    final double textWidth(String text, Font font) {
        measure.setText(text);
        measure.setFont(font);
        return measure.getLayoutBounds().getWidth();
    }

    /** Sets the label font and colour with top-left anchoring, the usual start of a text run. */
    static void labelStyle(GraphicsContext g, Font font) {
        g.setFont(font);
        g.setFill(StateColors.TEXT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
    }

    /** A coordinate on a pixel centre, where a 1-pixel line stays sharp. */
    static double crisp(double v) {
        return Math.floor(v) + 0.5;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (w != canvas.getWidth() || h != canvas.getHeight()) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
        placeOverlay();
    }

    private void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        areas.clear();
        if (w <= 0 || h <= 0) {
            return;
        }
        g.save();
        if (report == null) {
            labelStyle(g, StateColors.LABEL);
            g.setFill(StateColors.MUTED);
            g.fillText("No state to show yet", 8, 8);
        } else {
            draw(g, report, w, h);
        }
        g.restore();
        hovered = areaAt(pointerX, pointerY);
        if (hovered != null) {
            g.setStroke(StateColors.HIGHLIGHT);
            g.setLineWidth(1.5);
            g.setLineDashes();
            g.strokeRect(hovered.x() + 1, hovered.y() + 1, hovered.width() - 2, hovered.height() - 2);
        }
        placeOverlay();
    }

    private void pointAt(double x, double y) {
        pointerX = x;
        pointerY = y;
        if (areaAt(x, y) != hovered) {
            redraw(); // moves the outline
        } else {
            placeOverlay();
        }
    }

    private HoverArea areaAt(double x, double y) {
        for (int i = areas.size() - 1; i >= 0; i--) { // the last drawn is on top
            if (areas.get(i).contains(x, y)) {
                return areas.get(i);
            }
        }
        return null;
    }

    /** Puts the hover text beside the pointer, kept inside the view (below it, else above). */
    private void placeOverlay() {
        overlay.setVisible(hovered != null);
        if (hovered == null) {
            return;
        }
        overlay.setText(hovered.text());
        overlay.applyCss(); // sizes with the overlay's own font even before the first pulse styles it
        overlay.autosize();
        double w = overlay.getWidth();
        double h = overlay.getHeight();
        double x = Math.max(0, Math.min(pointerX + POINTER_GAP, getWidth() - w));
        double y = pointerY + POINTER_GAP + h <= getHeight() ? pointerY + POINTER_GAP : pointerY - POINTER_GAP - h;
        overlay.relocate(snapPositionX(x), snapPositionY(Math.max(0, y)));
    }
}
