package dev.qanvas.ui.model;

import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.GraphProblem;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph.Edge;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.project.model.EdgePath;
import dev.qanvas.project.model.GraphEdits;
import dev.qanvas.project.model.LayerCatalog;
import dev.qanvas.project.model.NodeCard;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.geometry.BoundingBox;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseDragEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.ZoomEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Scale;
import javafx.scene.transform.Translate;
import javafx.util.Duration;

/**
 * The model canvas: node boxes joined by edges labelled with the tensor shape they carry, drawn
 * from a {@link ModelGraph} and its {@link GraphAnalysis}. The canvas never changes the graph
 * itself: every gesture that edits hands the new graph to {@link #setOnEdit} (one call per
 * gesture, so one undo step), and the owner shows it back with {@link #show}.
 *
 * <p>Gestures: drag a palette tile in (a full press-drag-release whose source has a
 * {@link LayerCatalog.Entry} as user data); drag from an output port to a node (or from an input
 * port to a node) to connect; drag nodes to move them (committed on release); drag on the empty
 * canvas to box-select, shift-click to add to the selection; click an edge to select it; Delete,
 * Ctrl+C, Ctrl+V, Ctrl+X, Ctrl+A; Ctrl+wheel or pinch to zoom, wheel, middle-drag or Space-drag to
 * pan. A minimap appears in the lower right corner when the model does not fit the view.
 */
public final class ModelCanvas extends Region {

    public static final double MIN_SCALE = 0.2;
    public static final double MAX_SCALE = 3;
    private static final double ZOOM_STEP = 1.25;
    /** Margin around the model when fitting it into view. */
    private static final double FIT_MARGIN = 40;
    /** On opening a model: never smaller than this, so text stays readable; the minimap shows the rest. */
    private static final double OPEN_MIN_SCALE = 0.8;
    private static final double PASTE_OFFSET = 32;

    private final Group world = new Group();
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Group labelLayer = new Group();
    private final Group content = new Group(edgeLayer, nodeLayer, labelLayer);
    private final CubicCurve wire = new CubicCurve();
    private final Rectangle ghost = new Rectangle();
    private final Rectangle rubberBand = new Rectangle();
    private final Label emptyHint = new Label("Drag layers here from the palette, or click a layer to add it.\n"
            + "Connect an output port (right) to an input port (left) by dragging.");
    private final Minimap minimap = new Minimap();
    private final Translate pan = new Translate();
    private final Scale scale = new Scale(1, 1, 0, 0);
    private final ReadOnlyDoubleWrapper zoom = new ReadOnlyDoubleWrapper(1);
    private final ContextMenu edgeMenu = new ContextMenu();

    private ModelGraph graph = ModelGraph.empty();
    private GraphAnalysis analysis = graph.analyse();
    private final Map<String, NodeView> nodeViews = new LinkedHashMap<>();
    private final List<EdgeView> edgeViews = new ArrayList<>();
    private final Set<String> selectedNodes = new LinkedHashSet<>();
    private final Set<Edge> selectedEdges = new LinkedHashSet<>();
    private GraphEdits.Fragment clipboard = new GraphEdits.Fragment(List.of(), List.of());
    private int pasteCount;

    private Consumer<ModelGraph> onEdit = g -> { };
    private Runnable onSelectionChanged = () -> { };
    private Consumer<String> onOpenNode = id -> { };
    private NodeMenu onNodeMenu = (id, x, y) -> { };

    // gesture state
    private boolean spaceDown;
    private Point2D panFrom;
    private Point2D boxFrom;
    private Point2D dragFrom;
    private boolean dragged;
    private Connection connecting;
    private boolean fitOnLayout;

    /** Asks the owner to show a context menu for a node at a screen point. */
    @FunctionalInterface
    public interface NodeMenu {
        void show(String nodeId, double screenX, double screenY);
    }

    /** A connection being drawn from {@code nodeId}'s output port (or into its input port). */
    private record Connection(String nodeId, boolean fromOutput) {
    }

    public ModelCanvas() {
        setId("model-canvas");
        getStyleClass().add("model-canvas");
        getStylesheets().add(ModelCanvas.class.getResource("/dev/qanvas/ui/model.css").toExternalForm());
        setFocusTraversable(true);
        setMinSize(200, 150);
        setPrefSize(800, 600);
        world.getTransforms().setAll(pan, scale);
        world.setManaged(false);
        wire.getStyleClass().add("connection-wire");
        wire.setFill(null);
        wire.setMouseTransparent(true);
        wire.setVisible(false);
        ghost.getStyleClass().add("drop-ghost");
        ghost.setMouseTransparent(true);
        ghost.setVisible(false);
        ghost.setArcWidth(12);
        ghost.setArcHeight(12);
        world.getChildren().addAll(content, wire, ghost);
        rubberBand.getStyleClass().add("rubber-band");
        rubberBand.setManaged(false);
        rubberBand.setVisible(false);
        rubberBand.setMouseTransparent(true);
        emptyHint.getStyleClass().add("empty-hint");
        emptyHint.setManaged(false);
        emptyHint.setMouseTransparent(true);
        minimap.setManaged(false);
        minimap.setVisible(false);
        minimap.setOnCentre(this::centreOn);
        getChildren().addAll(world, rubberBand, emptyHint, minimap);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);

        MenuItem deleteEdges = new MenuItem("Delete edge");
        deleteEdges.setOnAction(e -> deleteSelection());
        edgeMenu.getItems().add(deleteEdges);

        installPanning();
        installBackgroundGestures();
        installKeys();
        installPaletteDrop();
        setOnScroll(this::scrolled);
        setOnZoom(this::pinched);
        widthProperty().addListener((o, a, b) -> viewChanged());
        heightProperty().addListener((o, a, b) -> viewChanged());
    }

    // ----- owner API -----

    /** Called with the new graph after each editing gesture (one undo step each). */
    public void setOnEdit(Consumer<ModelGraph> onEdit) {
        this.onEdit = onEdit;
    }

    /** Called after the selection changes and after every {@link #show}. */
    public void setOnSelectionChanged(Runnable onSelectionChanged) {
        this.onSelectionChanged = onSelectionChanged;
    }

    /** Called with a node's id when it is double-clicked. */
    public void setOnOpenNode(Consumer<String> onOpenNode) {
        this.onOpenNode = onOpenNode;
    }

    public void setOnNodeMenu(NodeMenu onNodeMenu) {
        this.onNodeMenu = onNodeMenu;
    }

    public ModelGraph graph() {
        return graph;
    }

    /** Draws {@code newGraph}; the selection keeps the nodes and edges that still exist. */
    public void show(ModelGraph newGraph, GraphAnalysis newAnalysis) {
        graph = newGraph;
        analysis = newAnalysis;
        Set<String> ids = new LinkedHashSet<>(graph.nodeIds());
        nodeViews.keySet().removeIf(id -> !ids.contains(id));
        List<NodeView> ordered = new ArrayList<>();
        for (ModelGraph.Node n : graph.nodes()) {
            NodeView v = nodeViews.computeIfAbsent(n.id(), this::createNodeView);
            v.show(NodeCard.of(n, analysis), n.spec().describe());
            v.relocate(n.x(), n.y());
            ordered.add(v);
        }
        nodeLayer.getChildren().setAll(ordered);
        edgeViews.clear();
        for (Edge e : graph.edges()) {
            if (nodeViews.containsKey(e.from()) && nodeViews.containsKey(e.to())) {
                edgeViews.add(new EdgeView(e));
            }
        }
        edgeLayer.getChildren().setAll(edgeViews.stream().map(ev -> ev.group).toList());
        labelLayer.getChildren().setAll(edgeViews.stream().map(ev -> ev.label).toList());
        selectedNodes.retainAll(ids);
        selectedEdges.retainAll(new LinkedHashSet<>(graph.edges()));
        emptyHint.setVisible(graph.nodes().isEmpty());
        refreshSelection();
        viewChanged();
        onSelectionChanged.run();
    }

    public Set<String> selectedNodes() {
        return Set.copyOf(selectedNodes);
    }

    public Set<Edge> selectedEdges() {
        return Set.copyOf(selectedEdges);
    }

    /** Selects exactly these nodes (and no edge). */
    public void select(Collection<String> ids) {
        selectedNodes.clear();
        selectedEdges.clear();
        ids.stream().filter(graph::contains).forEach(selectedNodes::add);
        selectionChanged();
    }

    /**
     * Adds a layer from the palette: after the one selected node, fed by it, or, with no single
     * node selected, in the middle of the view. The new node is selected, so clicks build a chain.
     */
    public void addLayer(LayerSpec spec) {
        GraphEdits.Result r;
        if (selectedNodes.size() == 1) {
            r = GraphEdits.addAfter(graph, spec, selectedNodes.iterator().next());
        } else {
            Point2D c = toWorld(getWidth() / 2, getHeight() / 2);
            r = GraphEdits.addNear(graph, spec, c.getX() - NodeCard.WIDTH / 2, c.getY() - NodeCard.height(spec) / 2);
        }
        edit(r.graph(), r.created());
        r.created().forEach(this::reveal);
    }

    /** Deletes the selected nodes (with their edges) and edges. */
    public void deleteSelection() {
        if (!selectedNodes.isEmpty() || !selectedEdges.isEmpty()) {
            edit(GraphEdits.delete(graph, selectedNodes, selectedEdges), List.of());
        }
    }

    public void copySelection() {
        if (!selectedNodes.isEmpty()) {
            clipboard = GraphEdits.copy(graph, selectedNodes);
            pasteCount = 0;
        }
    }

    /** Pastes the copied nodes, offset a little more each time, with new ids; selects them. */
    public void paste() {
        if (!clipboard.isEmpty()) {
            pasteCount++;
            GraphEdits.Result r = GraphEdits.paste(graph, clipboard, PASTE_OFFSET * pasteCount, PASTE_OFFSET * pasteCount);
            edit(r.graph(), r.created());
        }
    }

    // ----- view: zoom and pan -----

    /** The zoom factor (1 = 100 %). */
    public ReadOnlyDoubleProperty zoomProperty() {
        return zoom.getReadOnlyProperty();
    }

    public void zoomIn() {
        zoomAt(ZOOM_STEP, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomAt(1 / ZOOM_STEP, getWidth() / 2, getHeight() / 2);
    }

    /** Zooms by {@code factor} keeping the canvas point (x, y) still. */
    public void zoomAt(double factor, double x, double y) {
        double s = clamp(scale.getX() * factor, MIN_SCALE, MAX_SCALE);
        Point2D w = toWorld(x, y);
        setView(s, x - w.getX() * s, y - w.getY() * s);
    }

    /** Scales and centres the whole model into view (never above 100 %). */
    public void fit() {
        Optional<Bounds> b = contentBounds();
        if (b.isEmpty() || getWidth() <= 0) {
            setView(1, 0, 0);
            return;
        }
        Bounds c = b.get();
        double s = clamp(Math.min((getWidth() - 2 * FIT_MARGIN) / c.getWidth(), (getHeight() - 2 * FIT_MARGIN) / c.getHeight()),
                MIN_SCALE, 1);
        setView(s, (getWidth() - c.getWidth() * s) / 2 - c.getMinX() * s, (getHeight() - c.getHeight() * s) / 2 - c.getMinY() * s);
    }

    /**
     * The view for a model just opened: fitted if that keeps text readable, else at a readable
     * scale showing its left end (the Input), vertically centred. Waits for the first layout.
     */
    public void fitForOpen() {
        if (getWidth() <= 0) {
            fitOnLayout = true;
            requestLayout();
            return;
        }
        fit();
        Optional<Bounds> b = contentBounds();
        if (b.isPresent() && scale.getX() < OPEN_MIN_SCALE) {
            Bounds c = b.get();
            double s = OPEN_MIN_SCALE;
            setView(s, FIT_MARGIN - c.getMinX() * s, (getHeight() - c.getHeight() * s) / 2 - c.getMinY() * s);
        }
    }

    /** Pans so that node {@code id} is in view, if it is not. */
    public void reveal(String id) {
        NodeView v = nodeViews.get(id);
        if (v == null || getWidth() <= 0) {
            return;
        }
        Bounds box = world.localToParent(new BoundingBox(v.getLayoutX(), v.getLayoutY(), NodeCard.WIDTH, v.card().height()));
        double dx = 0, dy = 0;
        if (box.getMaxX() > getWidth() - 20) {
            dx = getWidth() - 20 - box.getMaxX();
        }
        if (box.getMinX() + dx < 20) {
            dx = 20 - box.getMinX();
        }
        if (box.getMaxY() > getHeight() - 20) {
            dy = getHeight() - 20 - box.getMaxY();
        }
        if (box.getMinY() + dy < 20) {
            dy = 20 - box.getMinY();
        }
        if (dx != 0 || dy != 0) {
            setView(scale.getX(), pan.getX() + dx, pan.getY() + dy);
        }
    }

    /** A canvas point in model coordinates. */
    public Point2D toWorld(double x, double y) {
        return new Point2D((x - pan.getX()) / scale.getX(), (y - pan.getY()) / scale.getY());
    }

    /** A model point on the screen (for tests that drop at a place). */
    public Point2D worldToScreen(double x, double y) {
        return localToScreen(x * scale.getX() + pan.getX(), y * scale.getY() + pan.getY());
    }

    private void setView(double s, double tx, double ty) {
        scale.setX(s);
        scale.setY(s);
        pan.setX(tx);
        pan.setY(ty);
        zoom.set(s);
        viewChanged();
    }

    private void centreOn(double worldX, double worldY) {
        double s = scale.getX();
        setView(s, getWidth() / 2 - worldX * s, getHeight() / 2 - worldY * s);
    }

    /** The boxes of all nodes, with room for the edge labels above them; empty without nodes. */
    private Optional<Bounds> contentBounds() {
        if (nodeViews.isEmpty()) {
            return Optional.empty();
        }
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (NodeView v : nodeViews.values()) {
            minX = Math.min(minX, v.getLayoutX() - NodeView.PORT_RADIUS);
            minY = Math.min(minY, v.getLayoutY() - 14);
            maxX = Math.max(maxX, v.getLayoutX() + NodeCard.WIDTH + NodeView.PORT_RADIUS);
            maxY = Math.max(maxY, v.getLayoutY() + v.card().height());
        }
        return Optional.of(new BoundingBox(minX, minY, maxX - minX, maxY - minY));
    }

    /** After the view moved or the model changed: the minimap shows when the model does not fit. */
    private void viewChanged() {
        Optional<Bounds> b = contentBounds();
        boolean fits = b.isEmpty() || getWidth() <= 0 || world.localToParent(b.get()).getMinX() >= 0
                && world.localToParent(b.get()).getMinY() >= 0 && world.localToParent(b.get()).getMaxX() <= getWidth()
                && world.localToParent(b.get()).getMaxY() <= getHeight();
        minimap.setVisible(!fits);
        if (!fits) {
            Point2D a = toWorld(0, 0), z = toWorld(getWidth(), getHeight());
            minimap.draw(nodeViews.values(), new BoundingBox(a.getX(), a.getY(), z.getX() - a.getX(), z.getY() - a.getY()));
        }
    }

    @Override
    protected void layoutChildren() {
        minimap.relocate(getWidth() - Minimap.WIDTH - 10, getHeight() - Minimap.HEIGHT - 10);
        emptyHint.autosize();
        emptyHint.relocate((getWidth() - emptyHint.getWidth()) / 2, (getHeight() - emptyHint.getHeight()) / 2);
        if (fitOnLayout && getWidth() > 0) {
            fitOnLayout = false;
            fitForOpen();
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    // ----- export -----

    /** The whole drawing (not just the visible part) at {@code pixelScale} pixels per unit, on white, unselected. */
    public WritableImage snapshotModel(double pixelScale) {
        Set<String> keepNodes = new LinkedHashSet<>(selectedNodes);
        Set<Edge> keepEdges = new LinkedHashSet<>(selectedEdges);
        selectedNodes.clear();
        selectedEdges.clear();
        refreshSelection();
        try {
            SnapshotParameters p = new SnapshotParameters();
            p.setFill(Color.WHITE);
            p.setTransform(new Scale(pixelScale, pixelScale));
            Bounds b = contentBounds().orElse(new BoundingBox(0, 0, 200, 100));
            double m = 20;
            p.setViewport(new javafx.geometry.Rectangle2D((b.getMinX() - m) * pixelScale, (b.getMinY() - m) * pixelScale,
                    (b.getWidth() + 2 * m) * pixelScale, (b.getHeight() + 2 * m) * pixelScale));
            return content.snapshot(p, null);
        } finally {
            selectedNodes.addAll(keepNodes);
            selectedEdges.addAll(keepEdges);
            refreshSelection();
        }
    }

    // ----- nodes -----

    private NodeView createNodeView(String id) {
        NodeView v = new NodeView(id);
        v.setOnMousePressed(e -> nodePressed(v, e));
        v.setOnMouseDragged(e -> nodeDragged(e));
        v.setOnMouseReleased(e -> nodeReleased(e));
        v.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                onOpenNode.accept(v.nodeId());
            }
            e.consume();
        });
        v.setOnContextMenuRequested(e -> {
            onNodeMenu.show(v.nodeId(), e.getScreenX(), e.getScreenY());
            e.consume();
        });
        installPort(v, v.outPort(), true);
        installPort(v, v.inPort(), false);
        return v;
    }

    private void nodePressed(NodeView v, MouseEvent e) {
        requestFocus();
        String id = v.nodeId();
        if (e.isShiftDown() && e.getButton() == MouseButton.PRIMARY) {
            if (!selectedNodes.remove(id)) {
                selectedNodes.add(id);
            }
            selectionChanged();
        } else if (!selectedNodes.contains(id)) {
            selectedNodes.clear();
            selectedEdges.clear();
            selectedNodes.add(id);
            selectionChanged();
        }
        dragFrom = e.getButton() == MouseButton.PRIMARY && selectedNodes.contains(id) ? world(e) : null;
        dragged = false;
        e.consume();
    }

    private void nodeDragged(MouseEvent e) {
        if (dragFrom != null) {
            Point2D d = world(e).subtract(dragFrom);
            for (String id : selectedNodes) {
                graph.node(id).ifPresent(n -> nodeViews.get(id).relocate(n.x() + d.getX(), n.y() + d.getY()));
            }
            edgeViews.forEach(EdgeView::update);
            dragged = true;
        }
        e.consume();
    }

    private void nodeReleased(MouseEvent e) {
        if (dragFrom != null && dragged) {
            Point2D d = world(e).subtract(dragFrom);
            dragFrom = null;
            dragged = false;
            if (Math.abs(d.getX()) >= 0.5 || Math.abs(d.getY()) >= 0.5) {
                edit(GraphEdits.move(graph, selectedNodes, d.getX(), d.getY()), null);
            }
        }
        dragFrom = null;
        e.consume();
    }

    // ----- connecting -----

    private void installPort(NodeView v, javafx.scene.shape.Circle port, boolean output) {
        port.setOnMousePressed(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                requestFocus();
                connecting = new Connection(v.nodeId(), output);
                drawWire(world(e));
                wire.setVisible(true);
            }
            e.consume();
        });
        port.setOnMouseDragged(e -> {
            if (connecting != null) {
                drawWire(world(e));
            }
            e.consume();
        });
        port.setOnMouseReleased(e -> {
            if (connecting != null) {
                finishConnection(world(e));
            }
            e.consume();
        });
        port.setOnMouseClicked(MouseEvent::consume);
    }

    private void drawWire(Point2D to) {
        NodeView v = nodeViews.get(connecting.nodeId());
        double px = v.getLayoutX() + (connecting.fromOutput() ? NodeCard.WIDTH : 0), py = v.getLayoutY() + NodeCard.PORT_Y;
        EdgePath p = connecting.fromOutput() ? EdgePath.between(px, py, to.getX(), to.getY())
                : EdgePath.between(to.getX(), to.getY(), px, py);
        setCurve(wire, p);
    }

    /** Makes the edge if the wire ends on another node (anywhere on its box or port). */
    private void finishConnection(Point2D at) {
        Connection c = connecting;
        connecting = null;
        wire.setVisible(false);
        Optional<String> target = nodeAt(at);
        if (target.isEmpty() || target.get().equals(c.nodeId())) {
            return;
        }
        String from = c.fromOutput() ? c.nodeId() : target.get();
        String to = c.fromOutput() ? target.get() : c.nodeId();
        if (!graph.hasEdge(from, to)) {
            edit(graph.withEdge(from, to), null);
        }
    }

    /** The top-most node whose box (widened by the ports) contains a model point. */
    private Optional<String> nodeAt(Point2D p) {
        String found = null;
        for (NodeView v : nodeViews.values()) {
            double x = v.getLayoutX(), y = v.getLayoutY(), r = NodeView.PORT_RADIUS + 3;
            if (p.getX() >= x - r && p.getX() <= x + NodeCard.WIDTH + r && p.getY() >= y - r && p.getY() <= y + v.card().height()) {
                found = v.nodeId(); // later nodes are drawn on top
            }
        }
        return Optional.ofNullable(found);
    }

    // ----- edges -----

    /** One edge: its curve, a wide invisible curve to click, and the shape label (on a layer above the nodes). */
    private final class EdgeView {
        final Edge edge;
        final Group group = new Group();
        final CubicCurve curve = new CubicCurve();
        final CubicCurve hit = new CubicCurve();
        final Label label = new Label();
        final boolean invalid;
        private double midX, midY;

        EdgeView(Edge edge) {
            this.edge = edge;
            group.setId("edge-" + edge.from() + "-" + edge.to());
            group.getStyleClass().add("model-edge");
            List<GraphProblem> problems = analysis.problemsFor(edge);
            invalid = !problems.isEmpty();
            if (invalid) {
                group.getStyleClass().add("invalid");
                label.getStyleClass().add("invalid");
            }
            curve.getStyleClass().add("edge-curve");
            curve.setFill(null);
            curve.setMouseTransparent(true);
            hit.getStyleClass().add("edge-hit");
            hit.setFill(null);
            group.getChildren().addAll(hit, curve);
            label.setId("edge-label-" + edge.from() + "-" + edge.to());
            label.getStyleClass().add("edge-label");
            label.setText(analysis.edgeShape(edge).map(Shape::toString).orElse("?"));
            // Sized by its Group after CSS is applied, so it is centred again whenever its size is known.
            label.widthProperty().addListener((o, a, b) -> placeLabel());
            label.heightProperty().addListener((o, a, b) -> placeLabel());
            String tip = edge.from() + " → " + edge.to() + ": " + analysis.edgeShape(edge).map(s -> "carries " + s).orElse("shape unknown")
                    + problems.stream().map(p -> "\n\n⚠ " + p.message()).collect(Collectors.joining());
            Tooltip t = new Tooltip(tip);
            t.setShowDelay(Duration.millis(300));
            t.setWrapText(true);
            t.setMaxWidth(420);
            Tooltip.install(hit, t);
            Tooltip.install(label, t);
            for (javafx.scene.Node n : List.of(hit, label)) {
                n.setOnMousePressed(e -> edgePressed(e));
                n.setOnContextMenuRequested(e -> {
                    edgeMenu.show(this.group, e.getScreenX(), e.getScreenY());
                    e.consume();
                });
            }
            update();
        }

        private void edgePressed(MouseEvent e) {
            requestFocus();
            if (e.isShiftDown()) {
                if (!selectedEdges.remove(edge)) {
                    selectedEdges.add(edge);
                }
            } else if (!(e.getButton() == MouseButton.SECONDARY && selectedEdges.contains(edge))) {
                selectedNodes.clear();
                selectedEdges.clear();
                selectedEdges.add(edge);
            }
            selectionChanged();
            e.consume();
        }

        void update() {
            NodeView a = nodeViews.get(edge.from()), b = nodeViews.get(edge.to());
            EdgePath p = EdgePath.betweenNodes(a.getLayoutX(), a.getLayoutY(), b.getLayoutX(), b.getLayoutY());
            setCurve(curve, p);
            setCurve(hit, p);
            midX = p.midX();
            midY = p.midY();
            placeLabel();
        }

        /** The label centred just above the curve's middle. */
        private void placeLabel() {
            label.relocate(midX - label.getWidth() / 2, midY - label.getHeight() - 4);
        }

        void setSelected(boolean on) {
            group.getStyleClass().remove("selected");
            label.getStyleClass().remove("selected");
            if (on) {
                group.getStyleClass().add("selected");
                label.getStyleClass().add("selected");
            }
        }
    }

    private static void setCurve(CubicCurve c, EdgePath p) {
        c.setStartX(p.x1());
        c.setStartY(p.y1());
        c.setControlX1(p.c1x());
        c.setControlY1(p.c1y());
        c.setControlX2(p.c2x());
        c.setControlY2(p.c2y());
        c.setEndX(p.x2());
        c.setEndY(p.y2());
    }

    // ----- selection -----

    private void selectionChanged() {
        refreshSelection();
        onSelectionChanged.run();
    }

    private void refreshSelection() {
        nodeViews.forEach((id, v) -> v.setSelected(selectedNodes.contains(id)));
        edgeViews.forEach(ev -> ev.setSelected(selectedEdges.contains(ev.edge)));
    }

    private void edit(ModelGraph next, List<String> select) {
        if (select != null) {
            selectedNodes.clear();
            selectedEdges.clear();
            selectedNodes.addAll(select);
        }
        if (!next.equals(graph)) {
            onEdit.accept(next);
        } else {
            selectionChanged();
        }
    }

    // ----- gestures on the empty canvas -----

    /** Middle-drag, or Space held with the primary button, pans wherever the pointer is. */
    private void installPanning() {
        addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.MIDDLE || (spaceDown && e.getButton() == MouseButton.PRIMARY)) {
                requestFocus();
                panFrom = new Point2D(e.getX() - pan.getX(), e.getY() - pan.getY());
                setCursor(Cursor.CLOSED_HAND);
                e.consume();
            }
        });
        addEventFilter(MouseEvent.MOUSE_DRAGGED, e -> {
            if (panFrom != null) {
                setView(scale.getX(), e.getX() - panFrom.getX(), e.getY() - panFrom.getY());
                e.consume();
            }
        });
        addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (panFrom != null) {
                panFrom = null;
                setCursor(spaceDown ? Cursor.OPEN_HAND : Cursor.DEFAULT);
                e.consume();
            }
        });
    }

    /** Press on the empty canvas clears the selection (unless Shift); dragging draws a selection box. */
    private void installBackgroundGestures() {
        setOnMousePressed(e -> {
            requestFocus();
            if (e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            if (!e.isShiftDown() && (!selectedNodes.isEmpty() || !selectedEdges.isEmpty())) {
                selectedNodes.clear();
                selectedEdges.clear();
                selectionChanged();
            }
            boxFrom = new Point2D(e.getX(), e.getY());
        });
        setOnMouseDragged(e -> {
            if (boxFrom != null) {
                rubberBand.setX(Math.min(boxFrom.getX(), e.getX()));
                rubberBand.setY(Math.min(boxFrom.getY(), e.getY()));
                rubberBand.setWidth(Math.abs(e.getX() - boxFrom.getX()));
                rubberBand.setHeight(Math.abs(e.getY() - boxFrom.getY()));
                rubberBand.setVisible(true);
            }
        });
        setOnMouseReleased(e -> {
            if (boxFrom != null && rubberBand.isVisible()) {
                Point2D a = toWorld(rubberBand.getX(), rubberBand.getY());
                Point2D b = toWorld(rubberBand.getX() + rubberBand.getWidth(), rubberBand.getY() + rubberBand.getHeight());
                for (NodeView v : nodeViews.values()) {
                    boolean inside = v.getLayoutX() < b.getX() && a.getX() < v.getLayoutX() + NodeCard.WIDTH
                            && v.getLayoutY() < b.getY() && a.getY() < v.getLayoutY() + v.card().height();
                    if (inside) {
                        selectedNodes.add(v.nodeId());
                    }
                }
                selectionChanged();
            }
            boxFrom = null;
            rubberBand.setVisible(false);
        });
    }

    private void installKeys() {
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            KeyCode k = e.getCode();
            boolean shortcut = e.isShortcutDown();
            if (k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) {
                deleteSelection();
            } else if (shortcut && k == KeyCode.C) {
                copySelection();
            } else if (shortcut && k == KeyCode.X) {
                copySelection();
                deleteSelection();
            } else if (shortcut && k == KeyCode.V) {
                paste();
            } else if (shortcut && k == KeyCode.A) {
                select(graph.nodeIds());
            } else if (shortcut && (k == KeyCode.PLUS || k == KeyCode.EQUALS || k == KeyCode.ADD)) {
                zoomIn();
            } else if (shortcut && (k == KeyCode.MINUS || k == KeyCode.SUBTRACT)) {
                zoomOut();
            } else if (shortcut && (k == KeyCode.DIGIT0 || k == KeyCode.NUMPAD0)) {
                fit();
            } else if (k == KeyCode.ESCAPE) {
                connecting = null;
                wire.setVisible(false);
                select(List.of());
            } else if (k == KeyCode.SPACE) {
                spaceDown = true;
                if (panFrom == null) {
                    setCursor(Cursor.OPEN_HAND);
                }
            } else {
                return;
            }
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
                if (panFrom == null) {
                    setCursor(Cursor.DEFAULT);
                }
                e.consume();
            }
        });
    }

    private void scrolled(ScrollEvent e) {
        if (e.isShortcutDown() || e.isControlDown()) {
            zoomAt(Math.pow(1.0025, e.getDeltaY()), e.getX(), e.getY());
        } else {
            setView(scale.getX(), pan.getX() + e.getDeltaX(), pan.getY() + e.getDeltaY());
        }
        e.consume();
    }

    private void pinched(ZoomEvent e) {
        zoomAt(e.getZoomFactor(), e.getX(), e.getY());
        e.consume();
    }

    // ----- drops from the palette -----

    /**
     * The palette starts a full press-drag-release gesture (plain mouse events: it runs the same on
     * every platform and headless, where platform drag-and-drop fails); its source tile carries the
     * {@link LayerCatalog.Entry} as user data.
     */
    private void installPaletteDrop() {
        addEventHandler(MouseDragEvent.MOUSE_DRAG_OVER, e -> entryOf(e.getGestureSource()).ifPresent(entry -> {
            LayerSpec spec = entry.newSpec();
            Point2D p = dropCorner(e);
            ghost.setX(p.getX());
            ghost.setY(p.getY());
            ghost.setWidth(NodeCard.WIDTH);
            ghost.setHeight(NodeCard.height(spec));
            ghost.setVisible(true);
        }));
        addEventHandler(MouseDragEvent.MOUSE_DRAG_EXITED, e -> ghost.setVisible(false));
        addEventHandler(MouseDragEvent.MOUSE_DRAG_RELEASED, e -> {
            ghost.setVisible(false);
            entryOf(e.getGestureSource()).ifPresent(entry -> {
                LayerSpec spec = entry.newSpec();
                Point2D p = dropCorner(e);
                GraphEdits.Result r = GraphEdits.add(graph, spec, p.getX(), p.getY());
                requestFocus();
                edit(r.graph(), r.created());
            });
            e.consume();
        });
    }

    /** Where a dropped node's top-left corner goes: the pointer on the middle of its header. */
    private Point2D dropCorner(MouseEvent e) {
        Point2D w = world(e);
        return new Point2D(w.getX() - NodeCard.WIDTH / 2, w.getY() - NodeCard.PORT_Y);
    }

    private static Optional<LayerCatalog.Entry> entryOf(Object source) {
        return source instanceof javafx.scene.Node n && n.getUserData() instanceof LayerCatalog.Entry entry
                ? Optional.of(entry) : Optional.empty();
    }

    private Point2D world(MouseEvent e) {
        Point2D local = sceneToLocal(e.getSceneX(), e.getSceneY());
        return toWorld(local.getX(), local.getY());
    }

    // ----- for tests -----

    /** The view of node {@code id}, if drawn. */
    Optional<NodeView> nodeView(String id) {
        return Optional.ofNullable(nodeViews.get(id));
    }

    /** The shape label of an edge, if drawn. */
    Optional<String> edgeLabel(String from, String to) {
        return edgeViews.stream().filter(ev -> ev.edge.equals(new Edge(from, to))).findFirst().map(ev -> ev.label.getText());
    }

    boolean edgeMarkedInvalid(String from, String to) {
        return edgeViews.stream().anyMatch(ev -> ev.edge.equals(new Edge(from, to)) && ev.invalid);
    }

    boolean minimapShown() {
        return minimap.isVisible();
    }
}
