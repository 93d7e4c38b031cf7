package dev.qanvas.ui.circuit;

import dev.qanvas.quantum.Angle;
import dev.qanvas.quantum.AngleText;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.Gate;
import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.qasm.Expressions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * Inline editor for the angles of the selected gate: per angle a constant (expression and
 * slider), a trainable weight or an input feature. Edits leave through two callbacks: a commit
 * per finished edit (one undo step) and previews while a slider is dragged.
 */
public final class AnglePanel extends VBox {

    private static final String[] U_LABELS = {"theta", "phi", "lambda"};
    private static final int MAX_INPUT_INDEX = 63;
    /** Largest feature index a typed product may read (a circuit from a file may read further; it is shown as it is). */
    private static final int MAX_PRODUCT_INDEX = 4_095;
    private static final double SNAP = Math.PI / 12;
    private static final String ERROR_COLOUR = "#b3261e";

    /** Where an angle comes from, as the mode buttons name it. */
    private enum Mode {
        CONSTANT("Constant"), WEIGHT("Weight"), INPUT("Input"),
        /** scale x the product of (pi - x[i]) over two or more features: a feature map's two-qubit term (docs/kernels.md). */
        PRODUCT("Product");

        final String label;

        Mode(String label) {
            this.label = label;
        }

        static Mode of(Angle a) {
            return a instanceof Angle.Constant ? CONSTANT : a instanceof Angle.Weight ? WEIGHT : a instanceof Angle.Product ? PRODUCT : INPUT;
        }
    }

    private final Label title = new Label();
    private final List<AngleEditor> editors = new ArrayList<>();
    /** The operation as this panel last saw or made it (a commit updates it before the callback). */
    private Operation op;
    /** The circuit and the operation as it stands in that circuit, as last passed to {@link #edit}. */
    private Circuit circuit;
    private Operation opInCircuit;
    private BiConsumer<Integer, Angle> onCommit = (i, a) -> { };
    private BiConsumer<Integer, Angle> onPreview = (i, a) -> { };

    public AnglePanel() {
        setId("angle-panel");
        setSpacing(12);
        setPadding(new Insets(8));
        title.setId("angle-title");
        title.getStyleClass().add("section-title");
        title.setWrapText(true);
        setShown(false);
    }

    /**
     * Shows the angles of {@code op} (one editor per angle, labelled theta/phi/lambda for U);
     * hides itself for gates without angles or when {@code op} is null.
     */
    public void edit(Operation op, Circuit circuit) {
        this.circuit = circuit;
        this.opInCircuit = op;
        if (op == null || op.angles().isEmpty()) {
            retireEditors();
            getChildren().clear();
            this.op = null;
            setShown(false);
            return;
        }
        boolean sameGate = this.op != null && this.op.gate() == op.gate()
                && this.op.targets().equals(op.targets()) && this.op.controls().equals(op.controls());
        this.op = op;
        title.setText(titleOf(op));
        if (!sameGate) {
            // Another gate: fresh editors, so nothing typed or remembered for the last gate leaks in.
            retireEditors();
            for (int i = 0; i < op.angles().size(); i++) {
                editors.add(new AngleEditor(i, op.gate() == Gate.U3 ? U_LABELS[i] : "angle"));
            }
            getChildren().setAll(title);
            getChildren().addAll(editors);
        }
        // The same gate after a commit, an undo or a preview: refresh values in place, keeping focus.
        for (AngleEditor e : editors) {
            e.show(op.angles().get(e.index));
        }
        setShown(true);
    }

    /** As {@link #edit(Operation, Circuit)} under another title (the photonic editor's components are no gates). */
    public void edit(Operation op, Circuit circuit, String titleText) {
        edit(op, circuit);
        if (op != null && titleText != null) {
            title.setText(titleText);
        }
    }

    /** Called with the angle index and the new Angle when the user commits (Enter, focus lost, slider released, mode change). */
    public void setOnCommit(BiConsumer<Integer, Angle> onCommit) {
        this.onCommit = onCommit == null ? (i, a) -> { } : onCommit;
    }

    /** Called while a constant's slider is dragged, so the live state can update without an undo step per pixel. */
    public void setOnPreview(BiConsumer<Integer, Angle> onPreview) {
        this.onPreview = onPreview == null ? (i, a) -> { } : onPreview;
    }

    private void setShown(boolean shown) {
        setVisible(shown);
        setManaged(shown);
    }

    private void retireEditors() {
        // A retired editor may still lose focus as it leaves the scene; it must not commit to the next gate.
        editors.forEach(e -> e.active = false);
        editors.clear();
    }

    private static String titleOf(Operation op) {
        String control = op.controls().isEmpty() ? "" : "C".repeat(op.controls().size());
        String wires = op.targets().stream().map(q -> "q" + q).collect(Collectors.joining(", "));
        return control + op.gate().symbol() + (op.angles().size() == 1 ? " angle" : " angles") + " on " + wires;
    }

    private void commit(int index, Angle angle) {
        List<Angle> angles = new ArrayList<>(op.angles());
        angles.set(index, angle);
        op = op.withAngles(angles);
        onCommit.accept(index, angle);
    }

    /** "w" + the smallest index no weight of the circuit, nor another angle of this gate, uses. */
    private String freshWeightName(int forIndex) {
        Set<String> taken = new HashSet<>(circuit == null ? List.of() : circuit.weightNames());
        for (AngleEditor e : editors) {
            if (e.index != forIndex && e.committed instanceof Angle.Weight w) {
                taken.add(w.name());
            }
        }
        int k = 0;
        while (taken.contains("w" + k)) {
            k++;
        }
        return "w" + k;
    }

    /** Whether gates other than this one name weight {@code name}, so they train it together. */
    private boolean sharedWeight(String name) {
        if (circuit == null) {
            return false;
        }
        return uses(circuit.operations(), name) > (opInCircuit == null ? 0 : uses(List.of(opInCircuit), name));
    }

    private static long uses(List<Operation> ops, String name) {
        return ops.stream().flatMap(o -> o.angles().stream())
                .filter(a -> a instanceof Angle.Weight w && w.name().equals(name)).count();
    }

    /** An editable integer spinner that keeps its value when the typed text is not a number. */
    static Spinner<Integer> intSpinner(int min, int max, int initial) {
        Spinner<Integer> spinner = new Spinner<>(min, max, initial);
        spinner.setEditable(true);
        SpinnerValueFactory<Integer> factory = spinner.getValueFactory();
        factory.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value.toString();
            }

            @Override
            public Integer fromString(String text) {
                try {
                    return Integer.parseInt(text.trim());
                } catch (NumberFormatException e) {
                    return factory.getValue();
                }
            }
        });
        return spinner;
    }

    /** The editor of one angle: mode buttons, the fields of the current mode, an error line and a summary. */
    private final class AngleEditor extends VBox {
        final int index;
        /** The angle last shown or committed; commits of an equal angle are dropped. */
        Angle committed;
        /** False once the panel moved on to another gate. */
        boolean active = true;
        /** The last angle of each mode, so switching modes back and forth restores it. */
        private final Map<Mode, Angle> remembered = new EnumMap<>(Mode.class);
        /** Set while fields are filled from an angle, so their listeners do not commit. */
        private boolean loading;
        /** Shift held on the slider: fine movement without snapping to pi/12. */
        private boolean fine;

        private final ToggleGroup modes = new ToggleGroup();
        private final Map<Mode, ToggleButton> modeButtons = new EnumMap<>(Mode.class);
        private final TextField text = new TextField();
        private final Slider slider = new Slider(-2 * Math.PI, 2 * Math.PI, 0);
        private final TextField weightName = new TextField();
        private final TextField weightInitial = new TextField();
        private final Spinner<Integer> inputIndex = intSpinner(0, MAX_INPUT_INDEX, 0);
        private final TextField inputScale = new TextField("1");
        private final TextField productIndices = new TextField();
        private final TextField productScale = new TextField("2");
        private final Label error = new Label();
        private final Label summary = new Label();
        private final VBox constantBox;
        private final GridPane weightBox;
        private final GridPane inputBox;
        private final GridPane productBox;

        AngleEditor(int index, String label) {
            this.index = index;
            setSpacing(6);
            Label name = new Label(label);
            name.setId("angle-label-" + index);
            name.setStyle("-fx-font-weight: bold;");

            HBox modeBar = new HBox();
            modeBar.setId("angle-mode-" + index);
            modeBar.getStyleClass().add("segmented");
            for (Mode m : Mode.values()) {
                ToggleButton b = new ToggleButton(m.label);
                b.setId("angle-mode-" + index + "-" + m.name().toLowerCase(Locale.ROOT));
                b.setToggleGroup(modes);
                b.setUserData(m);
                b.setMaxWidth(Double.MAX_VALUE);
                b.setStyle("-fx-font-size: 10.5px; -fx-padding: 3 2 3 2;");
                HBox.setHgrow(b, Priority.ALWAYS);
                modeButtons.put(m, b);
                modeBar.getChildren().add(b);
            }
            modes.selectedToggleProperty().addListener((o, before, now) -> modeChanged(before, now));

            text.setId("angle-text-" + index);
            text.setPromptText("e.g. pi/3");
            text.setOnAction(e -> commitConstantText());
            slider.setId("angle-slider-" + index);
            slider.setBlockIncrement(SNAP);
            slider.setMajorTickUnit(Math.PI);
            slider.setMinorTickCount(1);
            slider.setShowTickMarks(true);
            slider.addEventFilter(MouseEvent.ANY, e -> {
                fine = e.isShiftDown();
                // Clicks and drags on the track preview like thumb drags and commit once, on release.
                if (e.getEventType() == MouseEvent.MOUSE_PRESSED) {
                    slider.setValueChanging(true);
                } else if (e.getEventType() == MouseEvent.MOUSE_RELEASED) {
                    slider.setValueChanging(false);
                }
            });
            slider.addEventFilter(KeyEvent.ANY, e -> fine = e.isShiftDown());
            slider.valueProperty().addListener((o, before, now) -> sliderMoved(now.doubleValue()));
            slider.valueChangingProperty().addListener((o, was, now) -> {
                // Releasing where the drag started leaves the angle (and its text, say "2*pi/4") as it was.
                boolean moved = !(committed instanceof Angle.Constant c && c.value() == slider.getValue());
                if (was && !now && !loading && moved) {
                    commit(constant(slider.getValue()));
                }
            });
            constantBox = new VBox(4, text, slider);

            weightName.setId("angle-weight-name-" + index);
            weightInitial.setId("angle-weight-initial-" + index);
            weightName.setOnAction(e -> commitWeight());
            weightInitial.setOnAction(e -> commitWeight());
            weightBox = fieldGrid("Name", weightName, "Start", weightInitial);

            inputIndex.setId("angle-input-index-" + index);
            inputScale.setId("angle-input-scale-" + index);
            inputIndex.valueProperty().addListener((o, before, now) -> {
                if (!loading) {
                    commitInput();
                }
            });
            inputScale.setOnAction(e -> commitInput());
            inputBox = fieldGrid("Feature", inputIndex, "Scale", inputScale);

            productIndices.setId("angle-product-indices-" + index);
            productScale.setId("angle-product-scale-" + index);
            productIndices.setPromptText("e.g. 0, 1");
            productIndices.setOnAction(e -> commitInput());
            productScale.setOnAction(e -> commitInput());
            productBox = fieldGrid("Features", productIndices, "Scale", productScale);

            for (TextField f : List.of(text, weightName, weightInitial, inputScale, productIndices, productScale)) {
                f.focusedProperty().addListener((o, was, now) -> {
                    if (!now) {
                        commitFieldsOfMode();
                    }
                });
                // Escape drops what was typed and shows the committed angle again.
                f.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
                    if (e.getCode() == KeyCode.ESCAPE && committed != null) {
                        load(committed);
                        e.consume();
                    }
                });
                // Once an error shows, it clears as soon as the text is fixed.
                f.textProperty().addListener((o, before, now) -> {
                    if (!loading && error.isVisible() && parse() != null) {
                        clearError();
                    }
                });
            }

            error.setId("angle-error-" + index);
            error.setWrapText(true);
            error.setStyle("-fx-text-fill: " + ERROR_COLOUR + "; -fx-font-size: 11px;");
            summary.setId("angle-summary-" + index);
            summary.setWrapText(true);
            summary.getStyleClass().add("muted");
            summary.setStyle("-fx-font-size: 11px;");
            clearError();
            getChildren().addAll(name, modeBar, constantBox, weightBox, inputBox, productBox, error, summary);
        }

        /** Shows {@code angle} unless it is what is shown already or the slider is being dragged. */
        void show(Angle angle) {
            if (slider.isValueChanging() || angle.equals(committed)) {
                return;
            }
            committed = angle;
            remembered.put(Mode.of(angle), angle);
            load(angle);
        }

        /** Fills the fields of the angle's mode without committing anything. */
        private void load(Angle angle) {
            loading = true;
            try {
                Mode mode = Mode.of(angle);
                modes.selectToggle(modeButtons.get(mode));
                showMode(mode);
                if (angle instanceof Angle.Constant c) {
                    text.setText(c.text());
                    slider.setValue(c.value());
                } else if (angle instanceof Angle.Weight w) {
                    weightName.setText(w.name());
                    weightInitial.setText(number(w.initial()));
                } else if (angle instanceof Angle.Input in) {
                    // Circuits read from files may use features past the spinner's usual range.
                    var factory = (SpinnerValueFactory.IntegerSpinnerValueFactory) inputIndex.getValueFactory();
                    factory.setMax(Math.max(MAX_INPUT_INDEX, in.index()));
                    factory.setValue(in.index());
                    inputScale.setText(number(in.scale()));
                } else if (angle instanceof Angle.Product pr) {
                    productIndices.setText(String.join(", ", pr.indices().stream().map(String::valueOf).toList()));
                    productScale.setText(number(pr.scale()));
                }
            } finally {
                loading = false;
            }
            clearError();
            summarise(angle);
        }

        private void showMode(Mode mode) {
            setPresent(constantBox, mode == Mode.CONSTANT);
            setPresent(weightBox, mode == Mode.WEIGHT);
            setPresent(inputBox, mode == Mode.INPUT);
            setPresent(productBox, mode == Mode.PRODUCT);
        }

        private void modeChanged(Toggle before, Toggle now) {
            if (loading) {
                return;
            }
            if (now == null) {
                // A toggle group lets the selected button be clicked off; an angle always has a mode.
                modes.selectToggle(before);
                return;
            }
            Mode mode = (Mode) now.getUserData();
            Angle angle = remembered.containsKey(mode) ? remembered.get(mode) : fresh(mode);
            load(angle);
            commit(angle);
        }

        /** A new angle of {@code mode}, carrying over the current value where the modes share one. */
        private Angle fresh(Mode mode) {
            Angle constant = remembered.get(Mode.CONSTANT);
            Angle weight = remembered.get(Mode.WEIGHT);
            switch (mode) {
                case CONSTANT:
                    return weight instanceof Angle.Weight w ? constant(w.initial()) : new Angle.Constant(Math.PI / 2, "pi/2");
                case WEIGHT:
                    return new Angle.Weight(freshWeightName(index), constant instanceof Angle.Constant c ? c.value() : 0);
                case PRODUCT: {
                    // A ZZ feature map's term on wires (i, j) reads features i and j, scaled by 2.
                    List<Integer> wires = op.qubits();
                    int first = Math.min(wires.get(0), MAX_PRODUCT_INDEX - 1);
                    int second = wires.size() > 1 && wires.get(1) != first ? Math.min(wires.get(1), MAX_PRODUCT_INDEX) : first + 1;
                    return new Angle.Product(List.of(first, second), 2.0);
                }
                default:
                    // Feature i on wire i is the usual angle-embedding layout.
                    return new Angle.Input(Math.min(op.targets().get(0), MAX_INPUT_INDEX), 1.0);
            }
        }

        private void sliderMoved(double value) {
            if (loading) {
                return;
            }
            double v = fine ? Math.round(value * 1000) / 1000.0 : Math.round(value / SNAP) * SNAP;
            Angle.Constant c = constant(v);
            loading = true;
            try {
                slider.setValue(v);
                text.setText(c.text());
            } finally {
                loading = false;
            }
            clearError();
            if (slider.isValueChanging()) {
                summarise(c);
                onPreview.accept(index, c);
            } else {
                commit(c); // a click on the track or an arrow key: one finished step
            }
        }

        private void commitFieldsOfMode() {
            if (loading || committed == null) {
                return;
            }
            Mode mode = (Mode) modes.getSelectedToggle().getUserData();
            if (mode == Mode.CONSTANT) {
                commitConstantText();
            } else if (mode == Mode.WEIGHT) {
                commitWeight();
            } else {
                commitInput();
            }
        }

        private void commitConstantText() {
            Angle a = parse();
            if (a != null) {
                loading = true;
                try {
                    slider.setValue(((Angle.Constant) a).value());
                } finally {
                    loading = false;
                }
                commit(a);
            }
        }

        private void commitWeight() {
            Angle a = parse();
            if (a != null) {
                commit(a);
            }
        }

        private void commitInput() {
            Angle a = parse();
            if (a != null) {
                commit(a);
            }
        }

        /** The angle the fields of the current mode describe, or null after showing why they do not. */
        private Angle parse() {
            Mode mode = (Mode) modes.getSelectedToggle().getUserData();
            try {
                switch (mode) {
                    case CONSTANT: {
                        String t = text.getText().trim();
                        return new Angle.Constant(Expressions.evaluate(t), t);
                    }
                    case WEIGHT: {
                        // Angle.Weight validates the name and says what a valid one looks like.
                        return new Angle.Weight(weightName.getText().trim(), Expressions.evaluate(weightInitial.getText().trim()));
                    }
                    case PRODUCT:
                        return new Angle.Product(productIndices(productIndices.getText()), Expressions.evaluate(productScale.getText().trim()));
                    default:
                        return new Angle.Input(inputIndex.getValue(), Expressions.evaluate(inputScale.getText().trim()));
                }
            } catch (IllegalArgumentException e) {
                showError(e.getMessage());
                return null;
            }
        }

        private void commit(Angle angle) {
            clearError();
            summarise(angle);
            if (!active || angle.equals(committed)) {
                return;
            }
            committed = angle;
            remembered.put(Mode.of(angle), angle);
            AnglePanel.this.commit(index, angle);
        }

        private void summarise(Angle angle) {
            if (angle instanceof Angle.Constant c) {
                summary.setText("= " + PaletteItem.number(c.value()) + " rad = " + PaletteItem.number(Math.toDegrees(c.value())) + "°");
            } else if (angle instanceof Angle.Weight w) {
                summary.setText("Trained; starts at " + number(w.initial())
                        + (sharedWeight(w.name()) ? ". Other gates use " + w.name() + " too and train with it." : "."));
            } else {
                summary.setText("= " + angle.text() + ", set by each input");
            }
        }

        private void showError(String message) {
            error.setText(message);
            setPresent(error, true);
            for (TextField f : List.of(text, weightName, weightInitial, inputScale, productIndices, productScale)) {
                f.setStyle("-fx-text-box-border: " + ERROR_COLOUR + "; -fx-focus-color: " + ERROR_COLOUR + ";");
            }
        }

        private void clearError() {
            error.setText("");
            setPresent(error, false);
            for (TextField f : List.of(text, weightName, weightInitial, inputScale, productIndices, productScale)) {
                f.setStyle("");
            }
        }
    }

    /**
     * "0, 1" or "2 3" as feature indices, each 0..{@value #MAX_PRODUCT_INDEX}; Angle.Product itself
     * says when there are fewer than two.
     */
    static List<Integer> productIndices(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.trim().split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            int i;
            try {
                i = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Features are indices such as 0, 1; '" + (part.length() > 20 ? part.substring(0, 20) + "…" : part)
                        + "' is not one.");
            }
            if (i < 0 || i > MAX_PRODUCT_INDEX) {
                throw new IllegalArgumentException("A feature index is 0.." + MAX_PRODUCT_INDEX + ", not " + i + ".");
            }
            out.add(i);
        }
        return out;
    }

    /** A value as a field shows it: "pi/4", "1" rather than "1.0", "0.123". */
    private static String number(double value) {
        String s = AngleText.format(value);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** A constant whose text is the value as Expressions writes it ("pi/3", "1.234"). */
    private static Angle.Constant constant(double value) {
        return new Angle.Constant(value, AngleText.format(value));
    }

    /** Two labelled fields in a two-column grid whose field column takes the remaining width. */
    private static GridPane fieldGrid(String label1, javafx.scene.Node field1, String label2, javafx.scene.Node field2) {
        GridPane grid = new GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE); // labels never shrink to "..."
        grid.getColumnConstraints().addAll(labels, fields);
        grid.addRow(0, new Label(label1), field1);
        grid.addRow(1, new Label(label2), field2);
        ((javafx.scene.control.Control) field1).setMaxWidth(Double.MAX_VALUE);
        ((javafx.scene.control.Control) field2).setMaxWidth(Double.MAX_VALUE);
        return grid;
    }

    private static void setPresent(javafx.scene.Node node, boolean present) {
        node.setVisible(present);
        node.setManaged(present);
    }
}
