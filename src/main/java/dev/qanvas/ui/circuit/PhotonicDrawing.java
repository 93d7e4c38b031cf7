package dev.qanvas.ui.circuit;

import dev.qanvas.photonic.Component;
import dev.qanvas.photonic.OpticalAngle;
import dev.qanvas.photonic.PhotonicSetup;
import dev.qanvas.quantum.AngleText;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.Pane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * A photonic circuit drawn as modes on rails: a spinner per mode for the photons sent in, beam
 * splitters as boxes across their two modes, phase shifters as circles on theirs, coloured by
 * where their angle comes from (as gates are). Components go into columns in order, each after
 * the last component on any mode it spans. Beam splitters and phase shifters are dropped on from
 * the palette (or placed by a click after choosing one); a click selects, Delete removes.
 */
final class PhotonicDrawing extends Pane {

    /** What the palette drags in, as the drag's text. */
    static final String BEAM_SPLITTER = "photonic:bs";
    static final String PHASE_SHIFTER = "photonic:ps";

    static final double ROW = 60;
    static final double TOP = 36;
    static final double LEFT = 136;
    static final double COLUMN = 70;

    private PhotonicSetup setup;
    private int[] columns = new int[0];
    /** The component the next click on a rail places (from a palette click), or null. */
    private String armed;
    /** A Photonic layer's circuit: the input photons are its settings, the spinners only show them. */
    private boolean inputsFixed;
    private BiConsumer<Integer, Integer> onInput = (mode, count) -> { };
    private IntConsumer onSelect = i -> { };
    private Runnable onDelete = () -> { };
    /** Places a component: (kind, mode, index before which it goes). */
    private Placer onPlace = (kind, mode, index) -> { };

    interface Placer {
        void place(String kind, int mode, int index);
    }

    PhotonicDrawing() {
        setId("photonic-drawing");
        getStyleClass().add("photonic-drawing");
        setStyle("-fx-background-color: white;");
        setFocusTraversable(true);
        setOnDragOver(e -> {
            if (e.getDragboard().hasString() && e.getDragboard().getString().startsWith("photonic:")) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            String kind = e.getDragboard().hasString() ? e.getDragboard().getString() : null;
            boolean done = kind != null && kind.startsWith("photonic:") && setup != null;
            if (done) {
                onPlace.place(kind, modeAt(e.getY()), indexAt(e.getX()));
            }
            e.setDropCompleted(done);
            e.consume();
        });
        setOnMouseClicked(e -> {
            requestFocus();
            if (armed != null && setup != null) {
                String kind = armed;
                arm(null);
                onPlace.place(kind, modeAt(e.getY()), indexAt(e.getX()));
            } else {
                onSelect.accept(-1);
            }
        });
        setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                onDelete.run();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                arm(null);
            }
        });
    }

    void setOnInput(BiConsumer<Integer, Integer> onInput) { this.onInput = onInput; }
    void setOnSelect(IntConsumer onSelect) { this.onSelect = onSelect; }
    void setOnDelete(Runnable onDelete) { this.onDelete = onDelete; }
    void setOnPlace(Placer onPlace) { this.onPlace = onPlace; }

    void setInputsFixed(boolean fixed) {
        inputsFixed = fixed;
    }

    /** The next click on a rail places {@code kind} there (null: none). */
    void arm(String kind) {
        armed = kind;
        setCursor(kind == null ? Cursor.DEFAULT : Cursor.CROSSHAIR);
    }

    /** A palette entry that drags {@code kind} in, or arms it on a click. */
    static void dragSource(javafx.scene.Node node, String kind, Runnable onClick) {
        node.setOnDragDetected(e -> {
            var board = node.startDragAndDrop(TransferMode.COPY);
            ClipboardContent content = new ClipboardContent();
            content.putString(kind);
            board.setContent(content);
            e.consume();
        });
        node.setOnMouseClicked(e -> onClick.run());
    }

    int modeAt(double y) {
        int m = (int) Math.round((y - TOP) / ROW);
        return Math.max(0, Math.min(setup.modes() - 1, m));
    }

    /** The component index a drop at x goes before: after every component in an earlier column. */
    int indexAt(double x) {
        int column = (int) Math.floor((x - LEFT) / COLUMN);
        for (int k = 0; k < columns.length; k++) {
            if (columns[k] >= column) {
                return k;
            }
        }
        return columns.length;
    }

    /** Centre of rail {@code mode}. */
    static double railY(int mode) {
        return TOP + mode * ROW;
    }

    static double columnX(int column) {
        return LEFT + column * COLUMN + COLUMN / 2;
    }

    /** Draws {@code s}, component {@code selected} highlighted (-1: none). */
    void show(PhotonicSetup s, int selected) {
        this.setup = s;
        List<Component> components = s.circuit().components();
        columns = layout(components, s.modes());
        int depth = 0;
        for (int c : columns) {
            depth = Math.max(depth, c + 1);
        }
        double width = LEFT + (depth + 1) * COLUMN + 20;
        double height = railY(s.modes() - 1) + ROW / 2 + 10;
        setPrefSize(width, height);
        getChildren().clear();
        int[] input = s.input();
        for (int m = 0; m < s.modes(); m++) {
            Line rail = new Line(LEFT - 8, railY(m), Math.max(width, getWidth()) - 10, railY(m));
            rail.endXProperty().bind(javafx.beans.binding.Bindings.max(width, widthProperty()).subtract(10));
            rail.setStroke(Color.web("#c0392b"));
            rail.setStrokeWidth(1.6);
            rail.setMouseTransparent(true);
            Text name = new Text(78, railY(m) + 4, "mode " + m);
            name.setFont(Font.font(11));
            name.setFill(Color.web("#555"));
            name.setMouseTransparent(true);
            Spinner<Integer> count = AnglePanel.intSpinner(0, PhotonicSetup.MAX_PHOTONS, input[m]);
            count.setId("photonic-input-" + m);
            count.setPrefWidth(64);
            count.relocate(6, railY(m) - 13);
            count.setTooltip(new Tooltip(inputsFixed ? "The layer sends one photon into each of its first modes (its Photons setting)"
                    : "Photons sent into mode " + m));
            count.setDisable(inputsFixed);
            int mode = m;
            count.valueProperty().addListener((o, was, now) -> {
                if (now != null) {
                    onInput.accept(mode, now);
                }
            });
            count.setOnMouseClicked(e -> e.consume());
            getChildren().addAll(rail, name, count);
        }
        for (int k = 0; k < components.size(); k++) {
            getChildren().add(component(k, components.get(k), columns[k], k == selected));
        }
        Text ket = new Text(6, 16, "input |" + String.join(",", java.util.Arrays.stream(input).mapToObj(String::valueOf).toList())
                + "⟩  →  U  →  detectors");
        ket.setId("photonic-input-ket");
        ket.setFont(Font.font(11));
        ket.setFill(Color.web("#555"));
        getChildren().add(ket);
    }

    /** Each component's column: one after the last column used on any mode it spans (a beam splitter spans i..j). */
    static int[] layout(List<Component> components, int modes) {
        int[] next = new int[modes];
        int[] out = new int[components.size()];
        for (int k = 0; k < out.length; k++) {
            int[] ms = components.get(k).modes();
            int lo = Math.min(ms[0], ms[ms.length - 1]), hi = Math.max(ms[0], ms[ms.length - 1]);
            int column = 0;
            for (int m = lo; m <= hi; m++) {
                column = Math.max(column, next[m]);
            }
            for (int m = lo; m <= hi; m++) {
                next[m] = column + 1;
            }
            out[k] = column;
        }
        return out;
    }

    private Group component(int k, Component c, int column, boolean selected) {
        Color fill = fill(c.angle()), stroke = stroke(c.angle());
        double x = columnX(column);
        Group g = new Group();
        g.setId("photonic-component-" + k);
        String angleText = angleText(c.angle());
        if (c instanceof Component.BeamSplitter bs) {
            double y0 = railY(Math.min(bs.i(), bs.j())) - 16, y1 = railY(Math.max(bs.i(), bs.j())) + 16;
            Rectangle box = new Rectangle(x - 22, y0, 44, y1 - y0);
            box.setArcWidth(6);
            box.setArcHeight(6);
            box.setFill(fill);
            box.setStroke(selected ? Color.web("#1a73e8") : stroke);
            box.setStrokeWidth(selected ? 3 : 1.2);
            // the splitting surface, a diagonal, as optics drawings show it
            Line surface = new Line(x - 12, y0 + 8, x + 12, y1 - 8);
            surface.setStroke(stroke);
            Text sym = centred("BS", x, (y0 + y1) / 2 + 4, 12, true);
            Text angle = centred(angleText, x, y1 + 12, 10, false);
            g.getChildren().addAll(box, surface, sym, angle);
            Tooltip.install(g, new Tooltip("Beam splitter on modes " + bs.i() + ", " + bs.j() + ", theta = " + angleText));
        } else {
            Component.PhaseShifter ps = (Component.PhaseShifter) c;
            double y = railY(ps.mode());
            Circle dot = new Circle(x, y, 15, fill);
            dot.setStroke(selected ? Color.web("#1a73e8") : stroke);
            dot.setStrokeWidth(selected ? 3 : 1.2);
            Text sym = centred("φ", x, y + 5, 14, true);
            Text angle = centred(angleText, x, y + 28, 10, false);
            g.getChildren().addAll(dot, sym, angle);
            Tooltip.install(g, new Tooltip("Phase shifter on mode " + ps.mode() + ", phi = " + angleText));
        }
        g.setCursor(Cursor.HAND);
        g.setOnMouseClicked(e -> {
            requestFocus();
            if (armed == null) {
                onSelect.accept(k);
                e.consume();
            }
        });
        return g;
    }

    private static Text centred(String s, double x, double baseline, double size, boolean bold) {
        Text t = new Text(s);
        t.setFont(bold ? Font.font("System", javafx.scene.text.FontWeight.BOLD, size) : Font.font(size));
        t.setX(x - t.getLayoutBounds().getWidth() / 2);
        t.setY(baseline);
        t.setMouseTransparent(true);
        return t;
    }

    static String angleText(OpticalAngle a) {
        if (a instanceof OpticalAngle.Constant c) {
            String text = AngleText.format(c.value()); // "pi/2" where it is one; else two decimals fit the drawing
            return text.length() <= 7 ? text : String.format(Locale.ROOT, "%.2f", c.value());
        }
        if (a instanceof OpticalAngle.Weight w) {
            return w.name();
        }
        OpticalAngle.Input in = (OpticalAngle.Input) a;
        return (in.scale() == 1 ? "" : AngleText.format(in.scale()) + "·") + "x[" + in.index() + "]";
    }

    // the colours of the qubit editor's legend: constant orange, weight purple, input green
    private static Color fill(OpticalAngle a) {
        return Color.web(a instanceof OpticalAngle.Constant ? "#fde9d0" : a instanceof OpticalAngle.Weight ? "#ebe2fb" : "#dcf2e1");
    }

    private static Color stroke(OpticalAngle a) {
        return Color.web(a instanceof OpticalAngle.Constant ? "#c97420" : a instanceof OpticalAngle.Weight ? "#7245c9" : "#2b8a4b");
    }

    /** "2 modes, 1 photon, 3 components". */
    static String summary(PhotonicSetup s) {
        int n = s.photons(), k = s.circuit().components().size();
        return String.format(Locale.ROOT, "%d mode%s, %d photon%s, %d component%s", s.modes(), s.modes() == 1 ? "" : "s",
                n, n == 1 ? "" : "s", k, k == 1 ? "" : "s");
    }

    /** A label for the palette. */
    static Label paletteEntry(String id, String text, String help) {
        Label l = new Label(text);
        l.setId(id);
        l.setMaxWidth(Double.MAX_VALUE);
        l.setStyle("-fx-padding: 6 8 6 8; -fx-background-color: #f4f1ea; -fx-border-color: #c9c2b0; -fx-border-radius: 4; -fx-background-radius: 4;");
        l.setTooltip(new Tooltip(help));
        l.setCursor(Cursor.OPEN_HAND);
        return l;
    }
}
