package dev.qanvas.ui.circuit;

import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.draw.CircuitStyle;
import java.util.List;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.shape.Arc;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The circuit editor's shapes for what is not a gate, as {@code CircuitSvg} draws them: the
 * classical register wire c (a double line below the qubits), a measurement's meter box joined to
 * it by a double line with an arrow, the |0> box of a reset, the "post =v" box of a
 * postselection, and the double line with a dot and "c==v" of a conditioned step. Style classes
 * are the editor's (qanvas.css).
 */
final class StepShapes {

    private StepShapes() {
    }

    /** The classical wire at height {@code y} from {@code left} to {@code right}, labelled "c/n". */
    static List<Node> classicalWire(int clbits, double left, double right, double y) {
        Line upper = new Line(left, y - 2, right, y - 2);
        Line lower = new Line(left, y + 2, right, y + 2);
        upper.getStyleClass().add("wire");
        lower.getStyleClass().add("wire");
        Group wire = new Group(upper, lower);
        wire.setId("classical-wire");
        Text label = new Text(10, y + 4, "c/" + clbits);
        label.getStyleClass().add("wire-label");
        label.setMouseTransparent(true);
        return List.of(label, wire);
    }

    /** The box of a measure, reset or postselect step centred at ({@code x}, {@code y}). */
    static Group box(Operation op, double x, double y, double size) {
        Rectangle box = new Rectangle(x - size / 2, y - size / 2, size, size);
        box.setArcWidth(8);
        box.setArcHeight(8);
        box.getStyleClass().add("gate-box");
        Group g = new Group(box);
        String[] text = CircuitStyle.stepText(op);
        if (op.kind() == Operation.Kind.MEASURE) {
            Arc dial = new Arc(x, y + 2, 11, 11, 0, 180);
            dial.setType(ArcType.OPEN);
            dial.getStyleClass().add("meter");
            Line needle = new Line(x, y + 2, x + 8, y - 9);
            needle.getStyleClass().add("meter");
            g.getChildren().addAll(dial, needle);
        } else {
            g.getChildren().add(centred(text[0], x, y - 1, "gate-symbol-small"));
        }
        g.getChildren().add(centred(text[1], x, y + 14, "gate-angle"));
        return g;
    }

    /**
     * The double line from the step's lowest wire {@code fromY} down to the classical wire at
     * {@code wireY}: an arrow head for a measurement (it writes c), a dot and "c==v" for a condition
     * (it reads c).
     */
    static Group classicalLink(Operation op, double x, double fromY, double wireY) {
        Line left = new Line(x - 2, fromY, x - 2, wireY);
        Line right = new Line(x + 2, fromY, x + 2, wireY);
        left.getStyleClass().add("classical-link");
        right.getStyleClass().add("classical-link");
        Group g = new Group(left, right);
        if (op.isConditioned()) {
            Circle dot = new Circle(x, wireY, 4);
            dot.getStyleClass().add("control");
            g.getChildren().addAll(dot, centred(CircuitStyle.conditionText(op), x, wireY + 16, "condition-label"));
        } else {
            Polygon arrow = new Polygon(x - 5, wireY - 8, x + 5, wireY - 8, x, wireY);
            arrow.getStyleClass().add("control");
            g.getChildren().add(arrow);
        }
        g.setMouseTransparent(true);
        return g;
    }

    private static Text centred(String s, double x, double baseline, String style) {
        Text t = new Text(s);
        t.getStyleClass().add(style);
        t.setMouseTransparent(true);
        t.applyCss();
        t.setX(x - t.getLayoutBounds().getWidth() / 2);
        t.setY(baseline);
        return t;
    }
}
