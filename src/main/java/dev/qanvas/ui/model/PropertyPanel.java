package dev.qanvas.ui.model;

import dev.qanvas.nn.graph.GraphAnalysis;
import dev.qanvas.nn.graph.GraphProblem;
import dev.qanvas.nn.graph.LayerFields;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.Shape;
import dev.qanvas.nn.graph.kinds.Input;
import dev.qanvas.nn.graph.kinds.Output;
import dev.qanvas.project.model.ModelColors;
import dev.qanvas.project.model.NodeCard;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The side panel of the Model workspace: the selected node's name and settings as a form (from
 * {@link LayerFields}), its shapes and parameters, what is wrong with it, and its actions. Each field
 * is checked when committed (Enter, leaving the field, or picking a choice): an invalid value shows
 * its error under the field and changes nothing; a valid one is handed to {@link Actions} once.
 * Field ids: {@code field-<key>} (the name is {@code field-id}), errors {@code field-error-<key>}.
 */
public final class PropertyPanel extends VBox {

    /** What the panel's controls ask of the workspace. */
    public interface Actions {
        void editSpec(String nodeId, LayerSpec spec);

        void rename(String nodeId, String newId);

        void openCircuit(String nodeId);

        void swapToTwin(String nodeId);

        void swapBack(String nodeId);

        /** Set the Input's shape or the Output's classes from the project's dataset. */
        void matchDataset(String nodeId);

        void deleteSelection();
    }

    private final Actions actions;
    /** Bumped on every rebuild, so a control of an old form (losing focus as it goes) commits nothing. */
    private int generation;
    /** What the form shows, to rebuild only when it changes (and keep what the user is typing). */
    private Object shown;

    public PropertyPanel(Actions actions) {
        this.actions = actions;
        setId("property-panel");
        getStyleClass().add("property-panel");
        setSpacing(8);
        setPadding(new Insets(12));
        setFillWidth(true);
    }

    /** Nothing selected: a hint, and the problems of the graph as a whole. */
    public void showNothing(GraphAnalysis analysis) {
        List<String> general = analysis.problems().stream().filter(p -> p.nodeId() == null && p.edge() == null)
                .map(GraphProblem::message).toList();
        if (!replace(List.of("none", general))) {
            return;
        }
        add(title("Properties"));
        add(wrapping("Select a layer to see and edit its settings. Drag on the empty canvas to select several; "
                + "Delete removes them, Ctrl+C and Ctrl+V copy them.", "muted"));
        problems(general);
    }

    /** Several things selected. */
    public void showMany(int nodes, int edges) {
        if (!replace(List.of("many", nodes, edges))) {
            return;
        }
        add(title("Selection"));
        List<String> parts = new ArrayList<>();
        if (nodes > 0) {
            parts.add(NodeCard.count(nodes, "layer"));
        }
        if (edges > 0) {
            parts.add(NodeCard.count(edges, "edge"));
        }
        add(wrapping(String.join(" and ", parts) + " selected. Drag one of them to move them together.", null));
        add(button("Delete", "delete-selection", actions::deleteSelection));
    }

    /** One edge selected: what it carries and what is wrong with it. */
    public void showEdge(ModelGraph.Edge edge, GraphAnalysis analysis) {
        List<String> problems = analysis.problemsFor(edge).stream().map(GraphProblem::message).toList();
        String carries = analysis.edgeShape(edge).map(Shape::toString).orElse("?");
        if (!replace(List.of("edge", edge, carries, problems))) {
            return;
        }
        add(title("Edge"));
        add(wrapping(edge.from() + " → " + edge.to(), null));
        add(wrapping("Carries " + carries + (carries.equals("?") ? " (not known yet)" : ""), "muted"));
        problems(problems);
        add(button("Delete edge", "delete-selection", actions::deleteSelection));
    }

    /** Node {@code id}'s form; {@code canSwapBack} when its quantum original is remembered. */
    public void showNode(ModelGraph graph, GraphAnalysis analysis, String id, boolean canSwapBack) {
        ModelGraph.Node node = graph.node(id).orElseThrow();
        NodeCard card = NodeCard.of(node, analysis);
        List<String> inputs = graph.inputsOf(id).stream()
                .map(from -> from + " (" + analysis.shape(from).map(Shape::toString).orElse("?") + ")").toList();
        if (!replace(List.of("node", id, node.spec(), card, inputs, canSwapBack, graph.nodeIds()))) {
            return;
        }
        String focused = focusedKey();
        int gen = generation;
        LayerSpec spec = node.spec();

        Node glyph = LayerGlyph.of(card.type(), 18, ModelColors.of(card.kind()).ink());
        Label heading = title(card.type());
        HBox head = new HBox(8, glyph, heading);
        head.setAlignment(Pos.CENTER_LEFT);
        add(head);
        add(wrapping(spec.describe(), "muted"));

        // The name, checked here: renaming keeps the edges, so only the id rules matter.
        TextField name = new TextField(id);
        Label nameError = error("id");
        name.setId("field-id");
        commitOn(name, gen, () -> {
            String next = name.getText().trim();
            if (next.equals(id)) {
                clear(name, nameError);
            } else if (!ModelGraph.isValidId(next)) {
                fail(name, nameError, "A name uses only letters, digits, _ and -, without spaces.");
            } else if (graph.contains(next)) {
                fail(name, nameError, "There is already a layer named " + next + ".");
            } else {
                clear(name, nameError);
                actions.rename(id, next);
            }
        }, () -> name.setText(id));
        add(row("Name", name, "how the layer is called in messages and in the circuit list", nameError));

        for (LayerFields.Field f : LayerFields.of(spec)) {
            add(fieldRow(f, spec, id, gen));
        }

        add(section("Shapes"));
        add(wrapping("In: " + (inputs.isEmpty() ? (spec.maxInputs() == 0 ? "the dataset" : "nothing connected") : String.join(", ", inputs)), null));
        add(wrapping("Out: " + card.shape().replace("→ ", "") + "  ·  " + card.parameters(), null));
        if (spec instanceof LayerSpec.QuantumLayer q) {
            add(wrapping(String.format("Circuit: %s, %s, %s in, %s", NodeCard.count(q.circuit().qubits(), "qubit"),
                    NodeCard.count(q.circuit().size(), "gate"), NodeCard.count(q.circuit().inputCount(), "feature"),
                    NodeCard.count(q.circuitParameters(), "trainable weight")), null));
        }
        problems(card.problems());

        FlowPane buttons = new FlowPane(6, 6);
        if (spec instanceof LayerSpec.QuantumLayer || spec instanceof dev.qanvas.nn.graph.kinds.Photonic) {
            buttons.getChildren().add(button("Edit circuit…", "edit-circuit", () -> actions.openCircuit(id)));
        } else if (spec instanceof dev.qanvas.nn.graph.kinds.Qrnn) {
            Button cell = button("Show cell circuit…", "edit-circuit", () -> actions.openCircuit(id));
            cell.setTooltip(new Tooltip("One step of the QRNN cell in the Circuit workspace, with its live state. It is built from"
                    + " these settings and the Seed's initial weights; change it here, not there."));
            buttons.getChildren().add(cell);
        }
        if (spec.isQuantum()) { // a Photonic layer too
            Button swap = button("Swap with classical twin", "swap-twin", () -> actions.swapToTwin(id));
            swap.setTooltip(new Tooltip("Replace this layer by a classical layer with the same input and output shapes "
                    + "(a Dense or Conv2D layer), to compare. \"Swap back\" restores this circuit."));
            buttons.getChildren().add(swap);
        }
        if (canSwapBack) {
            buttons.getChildren().add(button("Swap back to quantum", "swap-back", () -> actions.swapBack(id)));
        }
        if (spec instanceof Input) {
            buttons.getChildren().add(button("Match the dataset", "match-dataset", () -> actions.matchDataset(id)));
        } else if (spec instanceof Output) {
            buttons.getChildren().add(button("Match the dataset's classes", "match-dataset", () -> actions.matchDataset(id)));
        }
        buttons.getChildren().add(button("Delete", "delete-selection", actions::deleteSelection));
        VBox.setMargin(buttons, new Insets(6, 0, 0, 0));
        add(buttons);

        if (focused != null) {
            Node again = lookup("#field-" + focused);
            if (again != null) {
                again.requestFocus();
            }
        }
    }

    // ----- one field -----

    private Node fieldRow(LayerFields.Field f, LayerSpec spec, String id, int gen) {
        Label err = error(f.key());
        Control control;
        switch (f.kind()) {
            case CHOICE -> {
                ComboBox<String> box = new ComboBox<>();
                box.getItems().setAll(f.choices());
                box.setConverter(new StringConverter<>() {
                    @Override
                    public String toString(String s) {
                        return s == null ? "" : LayerFields.display(s);
                    }

                    @Override
                    public String fromString(String s) {
                        return s;
                    }
                });
                box.setValue(f.value(spec));
                box.valueProperty().addListener((o, a, b) -> {
                    if (gen == generation && b != null) {
                        apply(f, spec, id, b, box, err);
                    }
                });
                control = box;
            }
            case FLAG -> {
                CheckBox box = new CheckBox();
                box.setSelected(Boolean.parseBoolean(f.value(spec)));
                box.selectedProperty().addListener((o, a, b) -> {
                    if (gen == generation) {
                        apply(f, spec, id, Boolean.toString(b), box, err);
                    }
                });
                control = box;
            }
            default -> {
                TextField text = new TextField(f.value(spec));
                commitOn(text, gen, () -> apply(f, spec, id, text.getText(), text, err), () -> {
                    text.setText(f.value(spec));
                    clear(text, err);
                });
                control = text;
            }
        }
        control.setId("field-" + f.key());
        return row(f.label(), control, f.help(), err);
    }

    /** Checks {@code text} as field {@code f}'s new value: an error under the field, or one edit. */
    private void apply(LayerFields.Field f, LayerSpec spec, String id, String text, Control control, Label err) {
        LayerSpec next;
        try {
            next = f.apply(spec, text);
        } catch (IllegalArgumentException e) {
            fail(control, err, sentence(e.getMessage()));
            return;
        }
        clear(control, err);
        if (!next.equals(spec)) {
            actions.editSpec(id, next);
        }
    }

    /** Enter or leaving the field commits; Escape restores the shown value. */
    private void commitOn(TextField field, int gen, Runnable commit, Runnable revert) {
        field.setOnAction(e -> {
            if (gen == generation) {
                commit.run();
            }
        });
        field.focusedProperty().addListener((o, was, now) -> {
            if (!now && gen == generation) {
                commit.run();
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                revert.run();
                e.consume();
            }
        });
    }

    static void fail(Control control, Label err, String message) {
        err.setText(message);
        err.setVisible(true);
        err.setManaged(true);
        if (!control.getStyleClass().contains("invalid-field")) {
            control.getStyleClass().add("invalid-field");
        }
    }

    static void clear(Control control, Label err) {
        err.setText("");
        err.setVisible(false);
        err.setManaged(false);
        control.getStyleClass().remove("invalid-field");
    }

    // ----- building blocks -----

    /** Starts a new form if {@code what} differs from the one shown; false if it is the same. */
    private boolean replace(Object what) {
        if (Objects.equals(what, shown)) {
            return false;
        }
        shown = what;
        generation++;
        getChildren().clear();
        return true;
    }

    private void add(Node n) {
        getChildren().add(n);
    }

    private void problems(List<String> messages) {
        for (String m : messages) {
            Label l = wrapping("⚠ " + sentence(m), "error-text");
            l.getStyleClass().add("node-problem");
            add(l);
        }
    }

    /** The key of the field that has the focus, to give it back after a rebuild. */
    private String focusedKey() {
        if (getScene() != null && getScene().getFocusOwner() instanceof Control c && c.getId() != null
                && c.getId().startsWith("field-") && isAncestorOf(c)) {
            return c.getId().substring("field-".length());
        }
        return null;
    }

    private boolean isAncestorOf(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == this) {
                return true;
            }
        }
        return false;
    }

    static VBox row(String label, Control control, String help, Label err) {
        Label l = new Label(label);
        l.getStyleClass().add("field-label");
        l.setLabelFor(control);
        control.setMaxWidth(Double.MAX_VALUE);
        VBox box = new VBox(2, l, control);
        if (help != null && !help.isEmpty()) {
            box.getChildren().add(wrapping(help, "field-help"));
        }
        box.getChildren().add(err);
        return box;
    }

    static Label error(String key) {
        Label l = wrapping("", "error-text");
        l.setId("field-error-" + key);
        l.getStyleClass().add("field-error");
        l.setVisible(false);
        l.setManaged(false);
        return l;
    }

    static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("panel-title");
        return l;
    }

    static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    static Label wrapping(String text, String styleClass) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        if (styleClass != null) {
            l.getStyleClass().add(styleClass);
        }
        return l;
    }

    static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** "Units must be at least 1, not 0." from the record's "units must be at least 1, not 0". */
    static String sentence(String message) {
        if (message == null || message.isEmpty()) {
            return "Not a valid value.";
        }
        String s = Character.toUpperCase(message.charAt(0)) + message.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
