package dev.qanvas.ui.inspect;

import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;

/**
 * A 28 x 28 pad to draw a digit on with the mouse, white ink on black as in MNIST. The brush is
 * soft: a Gaussian spot (sigma 0.9 pixels) of ink added along the stroke, each pixel capped at 1,
 * which gives the smooth, thick strokes of the MNIST digits. Every change reports a copy of the
 * 784 values (row by row, 0..1).
 */
public final class DrawPad extends Canvas {

    public static final int SIDE = 28;
    private static final double SIGMA = 0.9;

    private final float[] ink = new float[SIDE * SIDE];
    private final int cell;
    private Consumer<float[]> onChange = v -> { };
    private double lastX = Double.NaN;
    private double lastY = Double.NaN;

    public DrawPad(int cell) {
        super(SIDE * cell, SIDE * cell);
        this.cell = cell;
        setId("draw-pad");
        getStyleClass().add("draw-pad");
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            lastX = Double.NaN;
            stroke(e.getX() / cell, e.getY() / cell);
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> stroke(e.getX() / cell, e.getY() / cell));
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> lastX = Double.NaN);
        redraw();
    }

    public void setOnChange(Consumer<float[]> handler) {
        onChange = handler;
    }

    /** The drawing: 784 values in [0, 1], row by row. */
    public float[] values() {
        return ink.clone();
    }

    public boolean isEmpty() {
        for (float v : ink) {
            if (v > 0) {
                return false;
            }
        }
        return true;
    }

    public void clear() {
        java.util.Arrays.fill(ink, 0f);
        lastX = Double.NaN;
        redraw();
        onChange.accept(values());
    }

    /** Ink from the last point to (x, y), in pad pixels, in steps of a third of a pixel. */
    public void stroke(double x, double y) {
        if (Double.isNaN(lastX)) {
            dab(x, y);
        } else {
            double d = Math.hypot(x - lastX, y - lastY);
            int steps = Math.max(1, (int) Math.ceil(d * 3));
            for (int s = 1; s <= steps; s++) {
                dab(lastX + (x - lastX) * s / steps, lastY + (y - lastY) * s / steps);
            }
        }
        lastX = x;
        lastY = y;
        redraw();
        onChange.accept(values());
    }

    private void dab(double x, double y) {
        for (int py = Math.max(0, (int) (y - 3)); py < Math.min(SIDE, (int) (y + 4)); py++) {
            for (int px = Math.max(0, (int) (x - 3)); px < Math.min(SIDE, (int) (x + 4)); px++) {
                double dx = px + 0.5 - x;
                double dy = py + 0.5 - y;
                double add = 0.35 * Math.exp(-(dx * dx + dy * dy) / (2 * SIGMA * SIGMA));
                int i = py * SIDE + px;
                ink[i] = (float) Math.min(1, ink[i] + add);
            }
        }
    }

    private void redraw() {
        GraphicsContext g = getGraphicsContext2D();
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                g.setFill(Color.gray(ink[y * SIDE + x]));
                g.fillRect(x * cell, y * cell, cell, cell);
            }
        }
    }
}
