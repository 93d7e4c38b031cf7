package dev.qanvas.ui.model;

import dev.qanvas.project.model.ModelColors;
import dev.qanvas.project.model.NodeCard;
import java.util.List;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.util.Duration;

/**
 * One node box on the model canvas, drawn from its {@link NodeCard}: a header with the type's
 * glyph and name, then the id, settings, output shape and parameter count, an input port on the
 * left and an output port on the right. Invalid nodes get a red border and a "!" badge; hovering
 * shows the layer's full description and the analysis's messages. Ids: {@code node-<id>},
 * {@code port-in-<id>}, {@code port-out-<id>}.
 */
final class NodeView extends Pane {

    static final double PORT_RADIUS = 5;

    private final String nodeId;
    private final Region box = new Region();
    private final Region header = new Region();
    /** The border, drawn over the header so the header's fill cannot hide it. */
    private final Region frame = new Region();
    private final Circle inPort = new Circle(PORT_RADIUS);
    private final Circle outPort = new Circle(PORT_RADIUS);
    private final Tooltip tooltip = new Tooltip();
    private NodeCard card;
    private String description;
    private boolean selected;

    NodeView(String nodeId) {
        this.nodeId = nodeId;
        setId("node-" + nodeId);
        getStyleClass().add("model-node");
        inPort.setId("port-in-" + nodeId);
        outPort.setId("port-out-" + nodeId);
        inPort.getStyleClass().addAll("port", "port-in");
        outPort.getStyleClass().addAll("port", "port-out");
        tooltip.setShowDelay(Duration.millis(300));
        tooltip.setShowDuration(Duration.seconds(30));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        Tooltip.install(this, tooltip);
        for (Region r : List.of(box, header, frame)) {
            r.setManaged(false); // placed by hand: a Pane would size them to their (zero) preferred size
        }
        frame.setMouseTransparent(true);
    }

    String nodeId() {
        return nodeId;
    }

    NodeCard card() {
        return card;
    }

    Circle inPort() {
        return inPort;
    }

    Circle outPort() {
        return outPort;
    }

    /** Shows {@code newCard}; rebuilds the contents only when something shown changed. */
    void show(NodeCard newCard, String newDescription) {
        if (newCard.equals(card) && newDescription.equals(description)) {
            return;
        }
        card = newCard;
        description = newDescription;
        double w = NodeCard.WIDTH, h = card.height();
        box.resizeRelocate(0, 0, w, h);
        header.resizeRelocate(0, 0, w, NodeCard.HEADER);
        frame.resizeRelocate(0, 0, w, h);
        ModelColors.Scheme c = ModelColors.of(card.kind());
        header.setStyle("-fx-background-color: " + (card.invalid() ? ModelColors.INVALID_FILL : c.header())
                + "; -fx-background-radius: 6 6 0 0;");
        Node glyph = LayerGlyph.of(card.type(), 16, c.ink());
        glyph.relocate(5, 3);
        Label type = text(card.type(), "node-type", NodeCard.TYPE_X, 2, NodeCard.TYPE_WIDTH);
        type.setStyle("-fx-text-fill: " + c.ink() + "; -fx-font-size: " + typeFontSize(card.type()) + "px;");
        getChildren().setAll(box, header, glyph, type);
        List<String> lines = card.bodyLines();
        for (int i = 0; i < lines.size(); i++) {
            String style = i == 0 ? "node-id" : i == lines.size() - 1 ? "node-params" : i == lines.size() - 2 ? "node-shape" : "node-setting";
            getChildren().add(text(lines.get(i), style, 8, NodeCard.HEADER + i * NodeCard.LINE, w - 14));
        }
        getChildren().add(frame);
        if (card.invalid()) {
            // On the corner, over the border, so it takes no room from the type name.
            Label badge = new Label("!");
            badge.getStyleClass().add("node-badge");
            badge.setManaged(false);
            badge.resizeRelocate(w - 9, -7, 16, 16);
            badge.setMouseTransparent(true);
            getChildren().add(badge);
        }
        inPort.setCenterX(0);
        inPort.setCenterY(NodeCard.PORT_Y);
        outPort.setCenterX(w);
        outPort.setCenterY(NodeCard.PORT_Y);
        if (card.hasInPort()) {
            getChildren().add(inPort);
        }
        if (card.hasOutPort()) {
            getChildren().add(outPort);
        }
        StringBuilder tip = new StringBuilder(card.id() + ": " + description);
        for (String p : card.problems()) {
            tip.append("\n\n⚠ ").append(p);
        }
        tooltip.setText(tip.toString());
        // Screen readers (and tests) get the same text: what the node is, and what is wrong with it.
        setAccessibleText(card.type() + " " + card.id() + ", " + card.shape().replace("→ ", "output ") + ", " + card.parameters());
        setAccessibleHelp(String.join("\n", card.problems()));
        getStyleClass().removeAll("invalid", "quantum");
        if (card.invalid()) {
            getStyleClass().add("invalid");
        }
        if (card.kind() == NodeCard.Kind.QUANTUM) {
            getStyleClass().add("quantum");
        }
        restyle();
    }

    void setSelected(boolean on) {
        if (selected != on) {
            selected = on;
            restyle();
        }
    }

    boolean isSelected() {
        return selected;
    }

    /** The tooltip text: the layer's description, then each problem (for tests and the SVG). */
    String tooltipText() {
        return tooltip.getText();
    }

    private void restyle() {
        if (card == null) {
            return;
        }
        ModelColors.Scheme c = ModelColors.of(card.kind());
        String border = selected ? ModelColors.ACCENT : card.invalid() ? ModelColors.INVALID : c.border();
        double width = selected || card.invalid() ? 2.2 : 1.2;
        frame.setStyle("-fx-border-color: " + border + "; -fx-border-radius: 6; -fx-border-width: " + width + ";");
        box.setStyle("-fx-background-color: " + c.fill() + "; -fx-background-radius: 6;"
                + (selected ? " -fx-effect: dropshadow(gaussian, rgba(75,63,214,0.35), 10, 0.2, 0, 1);"
                        : " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.10), 4, 0, 0, 1);"));
        String portStroke = card.invalid() ? ModelColors.INVALID : c.border();
        for (Circle p : List.of(inPort, outPort)) {
            p.setStyle("-fx-stroke: " + portStroke + ";");
        }
    }

    /** 12 px, or smaller so that a long type name ("ParallelQuantum") fits the header. */
    private static double typeFontSize(String type) {
        Text probe = new Text(type);
        probe.setFont(Font.font(Font.getDefault().getFamily(), FontWeight.BOLD, NodeCard.TYPE_FONT));
        double width = probe.getLayoutBounds().getWidth();
        double size = width <= NodeCard.TYPE_WIDTH ? NodeCard.TYPE_FONT : NodeCard.TYPE_FONT * NodeCard.TYPE_WIDTH / width;
        return Math.max(9, Math.floor(size * 2) / 2);
    }

    private static Label text(String s, String styleClass, double x, double y, double width) {
        Label l = new Label(s);
        l.getStyleClass().add(styleClass);
        l.setTextOverrun(OverrunStyle.ELLIPSIS);
        l.setPadding(Insets.EMPTY);
        l.setMinWidth(width);
        l.setPrefWidth(width);
        l.setMaxWidth(width);
        l.relocate(x, y);
        l.setMouseTransparent(true);
        return l;
    }
}
