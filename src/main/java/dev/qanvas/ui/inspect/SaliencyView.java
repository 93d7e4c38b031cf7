package dev.qanvas.ui.inspect;

import java.util.function.BiConsumer;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

/**
 * An image with a saliency heat map over it: the grey image, dimmed, then the heat in an
 * inferno-like colour scale whose opacity grows with the heat (times the user's opacity), so
 * cold pixels leave the image visible. Without an image it draws the heat alone (the per-class
 * means). Pixels are enlarged by whole numbers so they stay square. A rectangle can mark a
 * region (a quanvolution patch); clicks report the pixel under the mouse.
 */
public final class SaliencyView extends Pane {

    /** Inferno-like stops: black, purple, red, orange, yellow. */
    private static final int[][] STOPS = {{0, 0, 4}, {87, 16, 110}, {188, 55, 84}, {249, 142, 9}, {255, 236, 60}};

    private final ImageView view = new ImageView();
    private final Rectangle mark = new Rectangle();
    private final int target;
    private int width;
    private int height;
    private float[] gray;
    private float min;
    private float max;
    private double[] heat;
    private double opacity = 0.8;
    private int scale = 1;

    /** @param target about this many pixels on the longer side */
    public SaliencyView(int target) {
        this.target = target;
        getStyleClass().add("saliency-view");
        mark.setFill(Color.TRANSPARENT);
        mark.setStroke(Color.web("#22d3ee"));
        mark.setStrokeWidth(2);
        mark.setVisible(false);
        mark.setMouseTransparent(true);
        getChildren().addAll(view, mark);
    }

    /** The image (one value per pixel, row by row) shown in grey from {@code min} (black) to {@code max} (white); null for none. */
    public void setImage(int width, int height, float[] gray, float min, float max) {
        if (width != this.width || height != this.height) {
            heat = null; // a heat map of another image size (another project's) no longer applies
        }
        this.width = width;
        this.height = height;
        this.gray = gray;
        this.min = min;
        this.max = max;
        redraw();
    }

    /** The heat map, one value in [0, 1] per pixel; null for none. */
    public void setHeat(int width, int height, double[] heat) {
        if (width != this.width || height != this.height) {
            gray = null; // the image under it was of another size
        }
        this.width = width;
        this.height = height;
        this.heat = heat;
        redraw();
    }

    public double[] heat() {
        return heat == null ? null : heat.clone();
    }

    public void setHeatOpacity(double opacity) {
        this.opacity = opacity;
        redraw();
    }

    /** Marks the pixels [x, x+w) x [y, y+h); a negative w hides the mark. */
    public void mark(int x, int y, int w, int h) {
        mark.setVisible(w > 0);
        mark.setX(x * scale + 1);
        mark.setY(y * scale + 1);
        mark.setWidth(Math.max(0, w * scale - 2));
        mark.setHeight(Math.max(0, h * scale - 2));
    }

    /** Called with the pixel (x, y) clicked. */
    public void setOnPixel(BiConsumer<Integer, Integer> handler) {
        setOnMouseClicked(e -> {
            if (width > 0 && scale > 0) {
                int x = (int) (e.getX() / scale);
                int y = (int) (e.getY() / scale);
                if (x >= 0 && y >= 0 && x < width && y < height) {
                    handler.accept(x, y);
                }
            }
        });
    }

    private void redraw() {
        if (width <= 0 || height <= 0) {
            view.setImage(null);
            return;
        }
        scale = Math.max(1, target / Math.max(width, height));
        int w = width * scale;
        int h = height * scale;
        int[] argb = new int[width * height];
        float span = max - min;
        if (gray != null && gray.length != argb.length) {
            gray = null;
        }
        if (heat != null && heat.length != argb.length) {
            heat = null;
        }
        for (int p = 0; p < argb.length; p++) {
            double r = 0, g = 0, b = 0;
            if (gray != null) {
                double v = span > 1e-12 ? Math.max(0, Math.min(1, (gray[p] - min) / span)) : 0;
                // Dimmed under a heat map so the heat stands out on white strokes.
                r = g = b = (heat == null ? 255 : 170) * v;
            }
            if (heat != null) {
                double t = Math.max(0, Math.min(1, heat[p]));
                int[] c = colour(t);
                double a = gray == null ? 1 : opacity * Math.min(1, 2 * Math.sqrt(t));
                r = (1 - a) * r + a * c[0];
                g = (1 - a) * g + a * c[1];
                b = (1 - a) * b + a * c[2];
            }
            argb[p] = 0xff000000 | ((int) Math.round(r) << 16) | ((int) Math.round(g) << 8) | (int) Math.round(b);
        }
        int[] big = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                big[y * w + x] = argb[(y / scale) * width + x / scale];
            }
        }
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), big, 0, w);
        view.setImage(image);
        setPrefSize(w, h);
        setMinSize(w, h);
        setMaxSize(w, h);
    }

    /** The colour of heat t in [0, 1]: linear between the stops. */
    static int[] colour(double t) {
        double pos = t * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) Math.floor(pos));
        double f = pos - i;
        int[] out = new int[3];
        for (int k = 0; k < 3; k++) {
            out[k] = (int) Math.round(STOPS[i][k] + f * (STOPS[i + 1][k] - STOPS[i][k]));
        }
        return out;
    }
}
