package dev.qanvas.ui.inspect;

import dev.qanvas.project.GramHeatMap;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A Gram matrix sorted by class ({@link GramHeatMap}) as a heat map: a colour per cell from dark
 * (the smallest off-diagonal values) to bright (the 99th percentile and above, so the unit diagonal
 * does not wash the rest out), white lines at the class boundaries, and the class names along the
 * top and left edges. A colour bar underneath gives the scale.
 */
final class GramHeatMapView extends Canvas {

    /** Plasma-like stops: readable on white, ordered in lightness. */
    private static final Color[] STOPS = {Color.web("#0d0887"), Color.web("#7e03a8"), Color.web("#cc4778"), Color.web("#f89540"),
            Color.web("#f0f921")};
    private static final double MARGIN = 26;
    private static final double BAR = 34;

    private double low;
    private double high;

    GramHeatMapView(double size) {
        super(size + MARGIN, size + MARGIN + BAR);
        getStyleClass().add("gram-heat-map");
    }

    /** The values mapped to the darkest and brightest colour, after {@link #show}. */
    double[] scale() {
        return new double[] {low, high};
    }

    void show(GramHeatMap map, List<String> classNames) {
        double size = getWidth() - MARGIN;
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, getWidth(), getHeight());
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, getWidth(), getHeight());
        int side = map.side();
        double[] sorted = Arrays.stream(map.cells()).filter(v -> !Double.isNaN(v)).sorted().toArray();
        low = sorted.length == 0 ? 0 : sorted[0];
        high = sorted.length == 0 ? 1 : sorted[(int) Math.min(sorted.length - 1, Math.floor(0.99 * (sorted.length - 1)))];
        if (high <= low) {
            high = low + 1e-9;
        }
        int[] argb = new int[side * side];
        for (int c = 0; c < argb.length; c++) {
            argb[c] = toArgb(colour((map.cells()[c] - low) / (high - low)));
        }
        WritableImage image = new WritableImage(side, side);
        image.getPixelWriter().setPixels(0, 0, side, side, PixelFormat.getIntArgbInstance(), argb, 0, side);
        g.setImageSmoothing(false);
        g.drawImage(image, MARGIN, MARGIN, size, size);
        // class boundaries and names
        g.setStroke(Color.WHITE);
        g.setLineWidth(1.5);
        for (double b : map.boundaries()) {
            double at = MARGIN + b * size;
            g.strokeLine(at, MARGIN, at, MARGIN + size);
            g.strokeLine(MARGIN, at, MARGIN + size, at);
        }
        g.setFill(Color.web("#23222e"));
        g.setFont(Font.font("DejaVu Sans", 10.5));
        int n = map.span();
        for (int k = 0; k < map.classes().length; k++) {
            double from = (double) map.classStart()[k] / n;
            double to = (double) map.classStart()[k + 1] / n;
            double mid = MARGIN + (from + to) / 2 * size;
            String name = classNames.get(map.classes()[k]);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            double room = Math.max(4, (to - from) * size - 4); // a gap between neighbouring names
            g.fillText(name, mid, MARGIN / 2, room);
            g.save();
            g.translate(MARGIN / 2, mid);
            g.rotate(-90);
            g.fillText(name, 0, 0, room);
            g.restore();
        }
        // colour bar
        double barTop = MARGIN + size + 8;
        for (int x = 0; x < size; x++) {
            g.setFill(colour(x / size));
            g.fillRect(MARGIN + x, barTop, 1, 10);
        }
        g.setFill(Color.web("#55546a"));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(String.format(Locale.ROOT, "K ≤ %.3f", low), MARGIN, barTop + 12);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(String.format(Locale.ROOT, "K ≥ %.3f", high), MARGIN + size, barTop + 12);
    }

    static Color colour(double t) {
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) Math.floor(x));
        return STOPS[i].interpolate(STOPS[i + 1], x - i);
    }

    private static int toArgb(Color c) {
        return 0xff000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }
}
