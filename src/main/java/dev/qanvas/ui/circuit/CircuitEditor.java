package dev.qanvas.ui.circuit;

import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.StateReport;
import dev.qanvas.quantum.draw.CircuitEdits;
import dev.qanvas.quantum.draw.CircuitLayout;
import dev.qanvas.quantum.draw.CircuitStyle;
import dev.qanvas.ui.common.FileChoosers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseDragEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The circuit drawing and its direct manipulation: wires left to right, gates in the columns of
 * {@link CircuitLayout}. Drop a palette item on a wire to place it; drag a gate sideways to move
 * it, drag one of its wires up or down to re-wire it (a CNOT's target, a control), drag it off the
 * drawing to delete it; box-select or shift-click, Delete, copy and paste; the step cursor picks
 * the column after which the live state is shown.
 *
 * <p>The editor holds no document: every edit is reported as a new circuit through
 * {@link #setOnEdit}, and the owner decides (undo history, model node) and calls
 * {@link #setCircuit} back. So the drawing always shows a committed version.
 */
public final class CircuitEditor extends Region {

    static final double LEFT = 70;
    static final double TOP = 40;
    static final double COLUMN = 58;
    static final double ROW = 56;
    static final double BOX = 40;
    /** Pointer travel below which a press and release is a click, not a drag. */
    private static final double CLICK_SLOP = 5;

    private final Pane content = new Pane();
    private final Rectangle dropPreview = new Rectangle(BOX + 6, BOX + 6);
    private final Rectangle rubberBand = new Rectangle();
    private Circuit circuit = Circuit.empty(2);
    private CircuitLayout layout = CircuitLayout.of(circuit);
    private final Set<Integer> selection = new LinkedHashSet<>();
    /** The wire slot chosen by clicking an empty place: where shortcuts and paste put gates. */
    private Slot slot = new Slot(0, 0);
    /** State shown after this many columns; null means "after the last column" and follows edits. */
    private Integer cursor;
    private List<Operation> clipboard = List.of();
    /** The live state at the cursor, summarised at the end of each wire (Quirk's per-wire displays); null for none. */
    private StateReport readouts;

    private Consumer<Circuit> onEdit = c -> {};
    private IntConsumer onCursor = c -> {};
    private Consumer<Optional<Integer>> onSelect = i -> {};
    private BiConsumer<PaletteItem, Slot> onTemplate = (t, s) -> {};
    private Consumer<String> onMessage = m -> {};

    /** A place on the drawing: a wire and a column. */
    public record Slot(int wire, int column) {}

    public CircuitEditor() {
        getStyleClass().add("circuit-editor");
        setStyle(CircuitStyle.lookedUpColours());
        setFocusTraversable(true);
        getChildren().add(content);
        dropPreview.getStyleClass().add("drop-preview");
        dropPreview.setVisible(false);
        dropPreview.setMouseTransparent(true);
        rubberBand.getStyleClass().add("rubber-band");
        rubberBand.setVisible(false);
        rubberBand.setMouseTransparent(true);
        installDropTarget();
        installBackgroundGestures();
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        render();
    }

    // ----- the owner's side -----

    public void setOnEdit(Consumer<Circuit> onEdit) { this.onEdit = onEdit; }
    public void setOnCursor(IntConsumer onCursor) { this.onCursor = onCursor; }
    /** Told which single operation is selected (for the angle panel), or empty. */
    public void setOnSelect(Consumer<Optional<Integer>> onSelect) { this.onSelect = onSelect; }
    /** Told when a template is dropped (it asks for its options before anything is placed). */
    public void setOnTemplate(BiConsumer<PaletteItem, Slot> onTemplate) { this.onTemplate = onTemplate; }
    /** Short explanations for refused edits ("no room for a Toffoli on 2 wires"). */
    public void setOnMessage(Consumer<String> onMessage) { this.onMessage = onMessage; }

    public Circuit circuit() { return circuit; }
    public Set<Integer> selection() { return Set.copyOf(selection); }
    public Slot slot() { return slot; }

    /** Columns of state shown: 0 = the initial state, {@code layout.columns()} = after the whole circuit. */
    public int cursor() {
        return cursor == null ? layout.columns() : Math.min(cursor, layout.columns());
    }

    /** Shows a new circuit version; the selection survives only if the gates did not change. */
    public void setCircuit(Circuit next) {
        boolean sameGates = next.size() == circuit.size() && next.qubits() == circuit.qubits();
        circuit = next;
        layout = CircuitLayout.of(next);
        if (!sameGates) {
            selection.clear();
        }
        slot = new Slot(Math.min(slot.wire(), next.qubits() - 1), slot.column());
        render();
        fireSelection();
    }

    /** Places a palette item at the chosen slot (palette click or keyboard shortcut). */
    public void place(PaletteItem item) {
        place(item, slot);
    }

    /** The centre of a slot in this editor's coordinates (for tests and drop previews). */
    public Point2D slotCentre(int wire, int column) {
        return new Point2D(LEFT + column * COLUMN + COLUMN / 2, TOP + wire * ROW);
    }

    /**
     * Shows, at the end of each wire, what the state at the cursor says about that qubit: the
     * probability of measuring 1 (a bar) and its entanglement entropy with the other qubits.
     * Null clears them (the state could not be computed).
     */
    public void showReadouts(StateReport report) {
        readouts = report != null && report.qubits() == circuit.qubits() ? report : null;
        render();
    }

    public void setCursor(int columns) {
        cursor = columns >= layout.columns() ? null : Math.max(0, columns);
        render();
        onCursor.accept(cursor());
    }

    public void selectAll() {
        selection.clear();
        for (int k = 0; k < circuit.size(); k++) {
            selection.add(k);
        }
        render();
        fireSelection();
    }

    public void select(int index, boolean add) {
        if (!add) {
            selection.clear();
        }
        if (add && selection.contains(index)) {
            selection.remove(index);
        } else {
            selection.add(index);
        }
        render();
        fireSelection();
    }

    public void deleteSelection() {
        if (!selection.isEmpty()) {
            Set<Integer> gone = Set.copyOf(selection);
            selection.clear();
            onEdit.accept(CircuitEdits.remove(circuit, gone));
        }
    }

    public void copySelection() {
        clipboard = CircuitEdits.copy(circuit, selection);
    }

    public void paste() {
        Circuit pasted = CircuitEdits.paste(circuit, clipboard, slot.wire(), slot.column());
        if (pasted == null) {
            onMessage.accept("The copied gates need more wires below wire q" + slot.wire() + ".");
        } else {
            onEdit.accept(pasted);
        }
    }

    // ----- drawing -----

    @Override
    protected void layoutChildren() {
        content.resizeRelocate(0, 0, getWidth(), getHeight());
    }

    @Override
    protected double computePrefWidth(double height) {
        return LEFT + (layout.columns() + 3) * COLUMN;
    }

    @Override
    protected double computePrefHeight(double width) {
        return TOP + (circuit.qubits() + (circuit.clbits() > 0 ? 1 : 0)) * ROW + 10;
    }

    private void render() {
        dropPreview.setVisible(false);
        List<Node> nodes = new ArrayList<>(drawing(false));
        nodes.add(drawCursor());
        nodes.add(dropPreview);
        nodes.add(rubberBand);
        content.getChildren().setAll(nodes);
        requestLayout();
    }

    /**
     * Wires, labels and gates. A {@code clean} drawing (for export) has no slot mark and no
     * selection, and its wires end after the last column.
     */
    private List<Node> drawing(boolean clean) {
        List<Node> nodes = new ArrayList<>();
        double wireEnd = LEFT + (layout.columns() + (clean ? 0.5 : 2)) * COLUMN;
        for (int q = 0; q < circuit.qubits(); q++) {
            double y = TOP + q * ROW;
            Text label = text("q" + q + "  |0⟩", 10, y + 4, "wire-label");
            Line wire = new Line(LEFT - 4, y, wireEnd, y);
            wire.getStyleClass().add("wire");
            wire.setId("wire-" + q);
            if (!clean && slot.wire() == q) {
                Rectangle mark = new Rectangle(LEFT + slot.column() * COLUMN + 4, y - ROW / 2 + 4, COLUMN - 8, ROW - 8);
                mark.getStyleClass().add("slot-mark");
                mark.setMouseTransparent(true);
                nodes.add(mark);
            }
            nodes.add(label);
            nodes.add(wire);
        }
        if (circuit.clbits() > 0) {
            nodes.addAll(StepShapes.classicalWire(circuit.clbits(), LEFT - 4, wireEnd, TOP + circuit.qubits() * ROW));
        }
        for (int k = 0; k < circuit.size(); k++) {
            nodes.add(drawOperation(k, clean));
        }
        if (!clean && readouts != null && readouts.qubits() == circuit.qubits()) { // a stale report waits for the new one
            for (int q = 0; q < circuit.qubits(); q++) {
                nodes.add(drawReadout(q, LEFT + layout.columns() * COLUMN + 12));
            }
        }
        return nodes;
    }

    /**
     * P(1) as a bar with its value above the wire, and S(q : rest) in bits below it, just after
     * the last column (in view without scrolling). Mouse-transparent: drops still land on the wire.
     */
    private Group drawReadout(int q, double x) {
        double y = TOP + q * ROW;
        double z = readouts.bloch()[q][2];
        double p1 = Math.max(0, Math.min(1, (1 - z) / 2));
        double entropy = readouts.singleQubitEntropy()[q];
        Rectangle track = new Rectangle(x, y - 15, 40, 10);
        track.getStyleClass().add("readout-track");
        Rectangle bar = new Rectangle(x, y - 15, 40 * p1, 10);
        bar.getStyleClass().add("readout-bar");
        Text value = text(String.format(java.util.Locale.ROOT, "%.2f", p1), x + 44, y - 6, "readout-text");
        Text ent = text(String.format(java.util.Locale.ROOT, "S %.2f", entropy), x, y + 13, "readout-text");
        Group g = new Group(track, bar, value, ent);
        if (q == 0) { // what the numbers are, once above the first wire
            g.getChildren().add(text("P(1) · S bits", x, TOP - ROW / 2 + 2, "readout-text"));
        }
        g.setId("readout-" + q);
        g.setMouseTransparent(true);
        return g;
    }

    /**
     * The circuit as an image for export: the screen's drawing and colours without the step
     * cursor, the selection or the wire slot, cropped to the circuit with a small margin, at
     * twice the screen's resolution. Call on the UI thread.
     */
    public WritableImage exportImage() {
        Group page = new Group(drawing(true));
        Bounds b = page.getLayoutBounds();
        double margin = 12;
        Rectangle paper = new Rectangle(b.getMinX() - margin, b.getMinY() - margin, b.getWidth() + 2 * margin, b.getHeight() + 2 * margin);
        paper.setFill(Color.web(CircuitStyle.BACKGROUND));
        page.getChildren().add(0, paper);
        Pane holder = new Pane(page);
        holder.getStyleClass().addAll(getStyleClass());
        holder.setStyle(getStyle());
        Scene scene = new Scene(holder);
        if (getScene() != null) {
            scene.getStylesheets().setAll(getScene().getStylesheets());
        }
        holder.applyCss();
        holder.layout();
        return FileChoosers.snapshot(page);
    }

    private Group drawOperation(int index, boolean clean) {
        Operation op = circuit.operations().get(index);
        double x = LEFT + layout.columnOf()[index] * COLUMN + COLUMN / 2;
        Group g = new Group();
        g.setId("op-" + index);
        g.getStyleClass().addAll("operation", CircuitStyle.Role.of(op).styleClass);
        if (!clean && selection.contains(index)) {
            g.getStyleClass().add("selected");
        }
        List<Integer> wires = op.qubits();
        int lo = wires.stream().mapToInt(Integer::intValue).min().orElse(0);
        int hi = wires.stream().mapToInt(Integer::intValue).max().orElse(0);
        if (CircuitLayout.usesClassicalWire(op)) {
            g.getChildren().add(StepShapes.classicalLink(op, x, TOP + hi * ROW, TOP + circuit.qubits() * ROW));
        }
        if (hi > lo) {
            Line connector = new Line(x, TOP + lo * ROW, x, TOP + hi * ROW);
            connector.getStyleClass().add("connector");
            g.getChildren().add(connector);
        }
        for (int c : op.controls()) {
            Circle dot = new Circle(x, TOP + c * ROW, 6);
            dot.getStyleClass().add("control");
            g.getChildren().add(handle(dot, index, c));
        }
        boolean controlledX = op.gate() == Gate.X && !op.controls().isEmpty();
        boolean controlledZ = op.gate() == Gate.Z && !op.controls().isEmpty();
        for (int t : op.targets()) {
            double y = TOP + t * ROW;
            Node part;
            if (!op.isGate()) {
                part = StepShapes.box(op, x, y, BOX);
            } else if (controlledX) {
                Group plus = new Group(styled(new Circle(x, y, 14), "ring"), styled(new Line(x - 14, y, x + 14, y), "stroke"),
                        styled(new Line(x, y - 14, x, y + 14), "stroke"));
                plus.getStyleClass().add("target-plus");
                part = plus;
            } else if (controlledZ) {
                Circle dot = new Circle(x, y, 6);
                dot.getStyleClass().add("control");
                part = dot;
            } else if (op.gate() == Gate.SWAP) {
                Group cross = new Group(styled(new Rectangle(x - 12, y - 12, 24, 24), "hit-area"),
                        styled(new Line(x - 8, y - 8, x + 8, y + 8), "stroke"), styled(new Line(x - 8, y + 8, x + 8, y - 8), "stroke"));
                cross.getStyleClass().add("swap-cross");
                part = cross;
            } else {
                part = gateBox(op, x, y);
            }
            g.getChildren().add(handle(part, index, t));
        }
        return g;
    }

    private Group gateBox(Operation op, double x, double y) {
        Rectangle box = new Rectangle(x - BOX / 2, y - BOX / 2, BOX, BOX);
        box.setArcWidth(8);
        box.setArcHeight(8);
        box.getStyleClass().add("gate-box");
        String symbol = op.gate().symbol();
        Group g = new Group(box);
        if (op.angles().isEmpty()) {
            Text t = text(symbol, 0, 0, "gate-symbol");
            centre(t, x, y + 5);
            g.getChildren().add(t);
        } else {
            Text t = text(symbol, 0, 0, "gate-symbol-small");
            centre(t, x, y - 3);
            Text angle = text(CircuitStyle.angleText(op), 0, 0, "gate-angle");
            centre(angle, x, y + 13);
            g.getChildren().addAll(t, angle);
            javafx.scene.control.Tooltip.install(g, new javafx.scene.control.Tooltip(CircuitStyle.angleTooltip(op)));
        }
        return g;
    }


    private Node drawCursor() {
        double x = LEFT + cursor() * COLUMN;
        double bottom = TOP + (circuit.qubits() - 1) * ROW + ROW / 2;
        Line line = new Line(x, TOP - ROW / 2 + 6, x, bottom);
        line.getStyleClass().add("step-cursor-line");
        Polygon knob = new Polygon(x - 8, 4, x + 8, 4, x, 16);
        knob.getStyleClass().add("step-cursor-knob");
        Group g = new Group(line, knob);
        g.setId("step-cursor");
        g.setOnMousePressed(MouseEvent::consume);
        g.setOnMouseDragged(e -> {
            Point2D p = content.sceneToLocal(e.getSceneX(), e.getSceneY());
            int columns = (int) Math.round((p.getX() - LEFT) / COLUMN);
            int next = Math.max(0, Math.min(layout.columns(), columns));
            if (next != cursor()) {
                setCursor(next);
            }
            e.consume();
        });
        g.setOnMouseReleased(MouseEvent::consume);
        return g;
    }

    /** Shapes have no CSS class of their own; the stylesheet addresses them by these. */
    private static <T extends Node> T styled(T node, String styleClass) {
        node.getStyleClass().add(styleClass);
        return node;
    }

    private static Text text(String s, double x, double y, String style) {
        Text t = new Text(x, y, s);
        t.getStyleClass().add(style);
        t.setMouseTransparent(true);
        return t;
    }

    private static void centre(Text t, double x, double baseline) {
        t.applyCss();
        double w = t.getLayoutBounds().getWidth();
        t.setX(x - w / 2);
        t.setY(baseline);
    }

    // ----- gestures on gates -----

    /**
     * Makes one wire's part of an operation draggable. Released in the same column on another
     * wire: that wire moves (re-wiring). Released elsewhere inside: the whole gate moves. Released
     * outside the drawing: the gate is deleted. A press without travel selects.
     */
    private Node handle(Node part, int index, int wire) {
        part.getStyleClass().add("handle");
        part.setUserData(wire);
        double[] press = new double[2];
        part.setOnMousePressed(e -> {
            if (e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            requestFocus();
            press[0] = e.getSceneX();
            press[1] = e.getSceneY();
            e.consume();
        });
        part.setOnMouseDragged(e -> {
            Node group = part.getParent();
            double dx = e.getSceneX() - press[0];
            double dy = e.getSceneY() - press[1];
            if (Math.hypot(dx, dy) > CLICK_SLOP) {
                boolean sameColumn = Math.abs(dx) < COLUMN / 2;
                Node moving = sameColumn && group instanceof Group g && g.getChildren().size() > 1 ? part : group;
                moving.setTranslateX(sameColumn ? 0 : dx);
                moving.setTranslateY(dy);
                moving.setOpacity(insideDrawing(e) ? 0.75 : 0.3);
            }
            e.consume();
        });
        part.setOnMouseReleased(e -> {
            double dx = e.getSceneX() - press[0];
            double dy = e.getSceneY() - press[1];
            e.consume();
            if (Math.hypot(dx, dy) <= CLICK_SLOP) {
                select(index, e.isShiftDown() || e.isShortcutDown());
                return;
            }
            if (!insideDrawing(e)) {
                selection.remove(index);
                onEdit.accept(CircuitEdits.remove(circuit, Set.of(index)));
                return;
            }
            Slot to = slotAt(content.sceneToLocal(e.getSceneX(), e.getSceneY()));
            Circuit next;
            if (Math.abs(dx) < COLUMN / 2) {
                next = circuit.operations().get(index).qubits().size() > 1
                        ? CircuitEdits.retarget(circuit, index, wire, to.wire())
                        : CircuitEdits.move(circuit, index, to.wire() - wire, layout.columnOf()[index]);
            } else {
                next = CircuitEdits.move(circuit, index, to.wire() - wire, to.column());
            }
            if (next == circuit) {
                onMessage.accept("That gate does not fit there.");
                render();
            } else {
                onEdit.accept(next);
            }
        });
        return part;
    }

    private boolean insideDrawing(MouseEvent e) {
        Point2D p = sceneToLocal(e.getSceneX(), e.getSceneY());
        return p.getX() >= 0 && p.getY() >= 0 && p.getX() <= getWidth() && p.getY() <= getHeight();
    }

    /** The slot under a point of the drawing. */
    Slot slotAt(Point2D p) {
        int wire = (int) Math.round((p.getY() - TOP) / ROW);
        int column = (int) Math.floor((p.getX() - LEFT) / COLUMN);
        return new Slot(Math.max(0, Math.min(circuit.qubits() - 1, wire)), Math.max(0, column));
    }

    // ----- box selection and slot choice on the background -----

    private void installBackgroundGestures() {
        double[] start = new double[2];
        content.setOnMousePressed(e -> {
            requestFocus();
            Point2D p = content.sceneToLocal(e.getSceneX(), e.getSceneY());
            start[0] = p.getX();
            start[1] = p.getY();
        });
        content.setOnMouseDragged(e -> {
            Point2D p = content.sceneToLocal(e.getSceneX(), e.getSceneY());
            rubberBand.setX(Math.min(start[0], p.getX()));
            rubberBand.setY(Math.min(start[1], p.getY()));
            rubberBand.setWidth(Math.abs(p.getX() - start[0]));
            rubberBand.setHeight(Math.abs(p.getY() - start[1]));
            rubberBand.setVisible(true);
        });
        content.setOnMouseReleased(e -> {
            Point2D p = content.sceneToLocal(e.getSceneX(), e.getSceneY());
            if (!rubberBand.isVisible()) {
                slot = slotAt(p);
                if (!e.isShiftDown()) {
                    selection.clear();
                }
                render();
                fireSelection();
                return;
            }
            rubberBand.setVisible(false);
            Bounds band = rubberBand.getBoundsInParent();
            if (!e.isShiftDown()) {
                selection.clear();
            }
            for (Node n : content.getChildren()) {
                if (n.getId() != null && n.getId().startsWith("op-") && band.intersects(n.getBoundsInParent())) {
                    selection.add(Integer.parseInt(n.getId().substring(3)));
                }
            }
            render();
            fireSelection();
        });
    }

    private void fireSelection() {
        onSelect.accept(selection.size() == 1 ? Optional.of(selection.iterator().next()) : Optional.empty());
    }

    // ----- drops from the palette -----

    private void installDropTarget() {
        // The palette uses a full press-drag-release gesture (plain mouse events, so it also runs
        // headless); a platform drag-and-drop carrying an item id is accepted as well.
        addEventHandler(MouseDragEvent.MOUSE_DRAG_OVER, e -> {
            if (paletteItemOf(e.getGestureSource()).isPresent()) {
                showPreview(content.sceneToLocal(e.getSceneX(), e.getSceneY()));
            }
        });
        addEventHandler(MouseDragEvent.MOUSE_DRAG_EXITED, e -> dropPreview.setVisible(false));
        addEventHandler(MouseDragEvent.MOUSE_DRAG_RELEASED, e -> {
            dropPreview.setVisible(false);
            paletteItemOf(e.getGestureSource()).ifPresent(item ->
                    place(item, slotAt(content.sceneToLocal(e.getSceneX(), e.getSceneY()))));
        });
        addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasContent(PaletteItem.DRAG_FORMAT)) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
                showPreview(content.sceneToLocal(e.getSceneX(), e.getSceneY()));
            }
        });
        addEventHandler(DragEvent.DRAG_EXITED, e -> dropPreview.setVisible(false));
        addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            dropPreview.setVisible(false);
            Object id = e.getDragboard().getContent(PaletteItem.DRAG_FORMAT);
            Optional<PaletteItem> item = id == null ? Optional.empty() : PaletteItem.byId(id.toString());
            item.ifPresent(i -> place(i, slotAt(content.sceneToLocal(e.getSceneX(), e.getSceneY()))));
            e.setDropCompleted(item.isPresent());
        });
    }

    private static Optional<PaletteItem> paletteItemOf(Object source) {
        return source instanceof Node n && n.getUserData() instanceof PaletteItem item ? Optional.of(item) : Optional.empty();
    }

    private void showPreview(Point2D p) {
        Slot s = slotAt(p);
        Point2D c = slotCentre(s.wire(), s.column());
        dropPreview.setX(c.getX() - dropPreview.getWidth() / 2);
        dropPreview.setY(c.getY() - dropPreview.getHeight() / 2);
        dropPreview.setVisible(true);
    }

    private void place(PaletteItem item, Slot at) {
        slot = at;
        if (item.isTemplate()) {
            onTemplate.accept(item, at);
            return;
        }
        Optional<Operation> op = item.place(at.wire(), circuit.qubits());
        if (op.isEmpty()) {
            onMessage.accept(item.name() + " needs " + item.span() + " wires from q" + at.wire() + "; add qubits first.");
            render();
            return;
        }
        Circuit next = CircuitEdits.insertAt(circuit, at.column(), List.of(op.get()));
        int placed = next.operations().indexOf(op.get());
        onEdit.accept(next);
        if (placed >= 0 && circuit.equals(next)) {
            select(placed, false);
        }
    }

    // ----- keyboard -----

    private void onKey(KeyEvent e) {
        KeyCode code = e.getCode();
        if (e.isShortcutDown()) {
            switch (code) {
                case C -> copySelection();
                case X -> { copySelection(); deleteSelection(); }
                case V -> paste();
                case A -> selectAll();
                default -> { return; }
            }
            e.consume();
            return;
        }
        switch (code) {
            case DELETE, BACK_SPACE -> deleteSelection();
            case ESCAPE -> { selection.clear(); render(); fireSelection(); }
            case UP -> moveSlot(-1, 0);
            case DOWN -> moveSlot(1, 0);
            case LEFT -> moveSlot(0, -1);
            case RIGHT -> moveSlot(0, 1);
            default -> {
                Optional<PaletteItem> item = PaletteItem.all().stream().filter(i -> i.shortcut() == code).findFirst();
                if (item.isEmpty()) {
                    return;
                }
                place(item.get());
            }
        }
        e.consume();
    }

    private void moveSlot(int dWire, int dColumn) {
        slot = new Slot(Math.max(0, Math.min(circuit.qubits() - 1, slot.wire() + dWire)), Math.max(0, slot.column() + dColumn));
        render();
    }
}
