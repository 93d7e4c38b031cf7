package dev.qanvas.ui.model;

import dev.qanvas.project.model.LayerGlyphs;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.shape.Shape;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

/** Draws a layer type's {@link LayerGlyphs} icon as JavaFX shapes, {@code size} pixels square. */
final class LayerGlyph {

    private LayerGlyph() {
    }

    static Node of(String type, double size, String ink) {
        Paint paint = Color.web(ink);
        Group g = new Group();
        for (LayerGlyphs.Mark m : LayerGlyphs.of(type)) {
            Shape s;
            boolean filled = false;
            if (m instanceof LayerGlyphs.Line l) {
                s = new Line(l.x1(), l.y1(), l.x2(), l.y2());
            } else if (m instanceof LayerGlyphs.Box b) {
                s = new Rectangle(b.x(), b.y(), b.w(), b.h());
                filled = b.filled();
            } else if (m instanceof LayerGlyphs.Dot d) {
                s = new Circle(d.cx(), d.cy(), d.r());
                filled = d.filled();
            } else {
                s = new Polyline(((LayerGlyphs.Curve) m).points());
            }
            s.setFill(filled ? paint : Color.TRANSPARENT);
            s.setStroke(paint);
            s.setStrokeWidth(1.2);
            s.setStrokeLineCap(StrokeLineCap.ROUND);
            s.setStrokeLineJoin(StrokeLineJoin.ROUND);
            g.getChildren().add(s);
        }
        // A transparent square keeps the glyph's bounds the full box whatever it draws.
        Rectangle box = new Rectangle(0, 0, LayerGlyphs.SIZE, LayerGlyphs.SIZE);
        box.setFill(Color.TRANSPARENT);
        g.getChildren().add(0, box);
        g.setScaleX(size / LayerGlyphs.SIZE);
        g.setScaleY(size / LayerGlyphs.SIZE);
        g.setMouseTransparent(true);
        // Scaling is about the centre, so wrap to keep the top-left corner in place.
        return new Group(g);
    }
}
