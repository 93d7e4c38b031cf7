package dev.qanvas.ui.model;

import dev.qanvas.project.model.ModelColors;
import dev.qanvas.project.model.NodeCard;
import java.util.function.BiConsumer;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;

/**
 * The canvas's overview in a corner, shown when the model does not fit the view: every node as a
 * small box in its colour, and the visible part as a frame. Pressing or dragging on it moves the
 * view there.
 */
final class Minimap extends Canvas {

    static final double WIDTH = 180;
    static final double HEIGHT = 110;
    private static final double PAD = 6;

    private BiConsumer<Double, Double> onCentre = (x, y) -> { };
    /** World-to-map mapping of the last drawing: map = (world - origin) * factor + PAD. */
    private double originX, originY, factor = 1;

    Minimap() {
        super(WIDTH, HEIGHT);
        setId("model-minimap");
        setOnMousePressed(e -> {
            centreAt(e.getX(), e.getY());
            e.consume();
        });
        setOnMouseDragged(e -> {
            centreAt(e.getX(), e.getY());
            e.consume();
        });
        setOnMouseReleased(e -> e.consume());
        setOnMouseClicked(e -> e.consume());
    }

    /** Called with a world point when the user points at it on the map. */
    void setOnCentre(BiConsumer<Double, Double> onCentre) {
        this.onCentre = onCentre;
    }

    /** Draws the nodes (world boxes with their cards) and the visible world rectangle. */
    void draw(Iterable<NodeView> nodes, Bounds visible) {
        Bounds all = visible;
        for (NodeView v : nodes) {
            all = union(all, new BoundingBox(v.getLayoutX(), v.getLayoutY(), NodeCard.WIDTH, v.card().height()));
        }
        factor = Math.min((WIDTH - 2 * PAD) / all.getWidth(), (HEIGHT - 2 * PAD) / all.getHeight());
        originX = all.getMinX();
        originY = all.getMinY();
        GraphicsContext g = getGraphicsContext2D();
        g.clearRect(0, 0, WIDTH, HEIGHT);
        g.setFill(Color.web("#ffffff", 0.92));
        g.fillRoundRect(0, 0, WIDTH, HEIGHT, 8, 8);
        g.setStroke(Color.web("#c9c8d8"));
        g.setLineWidth(1);
        g.strokeRoundRect(0.5, 0.5, WIDTH - 1, HEIGHT - 1, 8, 8);
        for (NodeView v : nodes) {
            NodeCard c = v.card();
            ModelColors.Scheme s = ModelColors.of(c.kind());
            g.setFill(Color.web(c.invalid() ? ModelColors.INVALID : s.border()));
            g.fillRect(mapX(v.getLayoutX()), mapY(v.getLayoutY()), Math.max(2, NodeCard.WIDTH * factor),
                    Math.max(2, c.height() * factor));
        }
        g.setStroke(Color.web(ModelColors.ACCENT));
        g.setLineWidth(1.5);
        g.strokeRect(mapX(visible.getMinX()), mapY(visible.getMinY()), visible.getWidth() * factor, visible.getHeight() * factor);
    }

    private double mapX(double worldX) {
        return (worldX - originX) * factor + PAD;
    }

    private double mapY(double worldY) {
        return (worldY - originY) * factor + PAD;
    }

    private void centreAt(double mapX, double mapY) {
        onCentre.accept((mapX - PAD) / factor + originX, (mapY - PAD) / factor + originY);
    }

    private static Bounds union(Bounds a, Bounds b) {
        double minX = Math.min(a.getMinX(), b.getMinX()), minY = Math.min(a.getMinY(), b.getMinY());
        return new BoundingBox(minX, minY, Math.max(a.getMaxX(), b.getMaxX()) - minX, Math.max(a.getMaxY(), b.getMaxY()) - minY);
    }
}
