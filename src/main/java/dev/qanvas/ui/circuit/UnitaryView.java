package dev.qanvas.ui.circuit;

import dev.qanvas.photonic.ComplexMatrix;
import java.util.Locale;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;

/**
 * A photonic circuit's unitary U (rows: output modes, columns: input modes) as two heat maps:
 * magnitude |U_jk| in greys (white 0, black 1), and phase arg U_jk on a colour wheel (hue the
 * phase, 0 red, pi/2 yellow-green, pi cyan, -pi/2 violet) with brightness |U_jk|, so entries
 * near 0 fade to black whatever their phase.
 */
final class UnitaryView extends VBox {

    private static final double SIZE = 140;
    private final Canvas magnitude = new Canvas(SIZE + 20, SIZE + 20);
    private final Canvas phase = new Canvas(SIZE + 20, SIZE + 20);
    private final Canvas wheel = new Canvas(44, 44);
    private ComplexMatrix shown;

    UnitaryView() {
        setSpacing(4);
        setId("photonic-unitary");
        magnitude.setId("photonic-unitary-magnitude");
        phase.setId("photonic-unitary-phase");
        Label left = new Label("|U[out][in]|");
        Label right = new Label("arg U[out][in]");
        VBox a = new VBox(2, left, magnitude);
        VBox b = new VBox(2, right, phase);
        drawWheel();
        VBox w = new VBox(2, new Label("phase"), wheel);
        getChildren().add(new HBox(8, a, b, w));
        Tooltip tip = new Tooltip("");
        Tooltip.install(magnitude, tip);
        Tooltip.install(phase, tip);
        javafx.event.EventHandler<javafx.scene.input.MouseEvent> hover = e -> {
            if (shown == null) {
                return;
            }
            int m = shown.size();
            double cell = SIZE / m;
            int col = (int) ((e.getX() - 20) / cell), row = (int) ((e.getY() - 20) / cell);
            if (row >= 0 && col >= 0 && row < m && col < m) {
                double re = shown.re(row, col), im = shown.im(row, col);
                tip.setText(String.format(Locale.ROOT, "U[%d][%d] = %.3f %+.3fi, |U| = %.3f, arg = %.3f rad", row, col, re, im,
                        Math.hypot(re, im), Math.atan2(im, re)));
            }
        };
        magnitude.setOnMouseMoved(hover);
        phase.setOnMouseMoved(hover);
    }

    void show(ComplexMatrix u) {
        shown = u;
        draw(magnitude.getGraphicsContext2D(), u, false);
        draw(phase.getGraphicsContext2D(), u, true);
    }

    private static void draw(GraphicsContext g, ComplexMatrix u, boolean phase) {
        int m = u.size();
        double cell = SIZE / m;
        g.clearRect(0, 0, SIZE + 20, SIZE + 20);
        g.setFont(Font.font(9));
        g.setFill(Color.web("#555"));
        for (int k = 0; k < m && m <= 16; k++) {
            g.fillText(Integer.toString(k), 20 + k * cell + cell / 2 - 3, 14);
            g.fillText(Integer.toString(k), 6, 20 + k * cell + cell / 2 + 3);
        }
        for (int r = 0; r < m; r++) {
            for (int c = 0; c < m; c++) {
                double abs = Math.min(1, Math.hypot(u.re(r, c), u.im(r, c)));
                g.setFill(phase ? phaseColour(u.re(r, c), u.im(r, c), abs) : Color.gray(1 - abs));
                g.fillRect(20 + c * cell, 20 + r * cell, cell, cell);
            }
        }
        g.setStroke(Color.web("#999"));
        g.strokeRect(20, 20, SIZE, SIZE);
    }

    static Color phaseColour(double re, double im, double abs) {
        double hue = Math.toDegrees(Math.atan2(im, re));
        return Color.hsb(hue < 0 ? hue + 360 : hue, 0.85, abs);
    }

    private void drawWheel() {
        GraphicsContext g = wheel.getGraphicsContext2D();
        for (int y = 0; y < 44; y++) {
            for (int x = 0; x < 44; x++) {
                double dx = x - 21.5, dy = 21.5 - y, r = Math.hypot(dx, dy) / 21;
                if (r <= 1) {
                    g.getPixelWriter().setColor(x, y, phaseColour(dx, dy, r));
                }
            }
        }
    }
}
