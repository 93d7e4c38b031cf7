package dev.qanvas.ui.circuit;

import dev.qanvas.quantum.Operation;
import dev.qanvas.quantum.Program;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The classical settings of the selected step: the condition of a gate, measurement or reset
 * ("run only if c ==", empty for always: OpenQASM's {@code if(c==v)} on the circuit's one classical
 * register) and the classical bit a measurement writes. A finished edit (Enter or leaving the
 * field) hands the changed step to {@link #setOnCommit}: one undo step. Hidden for a postselection
 * and when nothing or several steps are selected.
 */
final class StepPanel extends HBox {

    private final Label conditionLabel = new Label("Run only if c ==");
    private final TextField condition = new TextField();
    private final Label bitLabel = new Label("Writes c[");
    private final TextField bit = new TextField();
    private final Label bitEnd = new Label("]");
    private final Label error = new Label();
    private Operation op;
    private Consumer<Operation> onCommit = o -> { };

    StepPanel() {
        super(6);
        setId("step-panel");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(0, 8, 0, 8));
        condition.setId("step-condition");
        condition.setPrefColumnCount(4);
        condition.setPromptText("always");
        condition.setTooltip(new Tooltip("The step runs only when the classical register c, read as a number (c[0] the least"
                + " significant bit), equals this value; empty: always. c has as many bits as the measurements write."));
        bit.setId("step-bit");
        bit.setPrefColumnCount(2);
        error.getStyleClass().add("error-text");
        getChildren().addAll(conditionLabel, condition, bitLabel, bit, bitEnd, error);
        condition.setOnAction(e -> commit());
        bit.setOnAction(e -> commit());
        condition.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit();
            }
        });
        bit.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                commit();
            }
        });
        edit(null);
    }

    void setOnCommit(Consumer<Operation> onCommit) {
        this.onCommit = onCommit == null ? o -> { } : onCommit;
    }

    /** Shows the settings of {@code op} (null: none selected). */
    void edit(Operation op) {
        this.op = op;
        boolean shown = op != null && op.kind() != Operation.Kind.POSTSELECT;
        setVisible(shown);
        setManaged(shown);
        error.setText("");
        if (!shown) {
            return;
        }
        condition.setText(op.isConditioned() ? Long.toString(op.condition()) : "");
        boolean measure = op.kind() == Operation.Kind.MEASURE;
        for (var n : new javafx.scene.Node[] {bitLabel, bit, bitEnd}) {
            n.setVisible(measure);
            n.setManaged(measure);
        }
        bit.setText(measure ? Integer.toString(op.bit()) : "");
    }

    private void commit() {
        if (op == null) {
            return;
        }
        try {
            String c = condition.getText().trim();
            long value = c.isEmpty() ? Operation.UNCONDITIONED : Long.parseLong(c);
            if (c.length() > 0 && (value < 0 || value >= 1L << (Program.MAX_CLBITS - 1))) {
                throw new NumberFormatException();
            }
            Operation next = op.when(value);
            if (op.kind() == Operation.Kind.MEASURE) {
                int j = Integer.parseInt(bit.getText().trim());
                if (j < 0 || j >= Program.MAX_CLBITS) {
                    throw new IllegalArgumentException("a measurement writes c[0] .. c[" + (Program.MAX_CLBITS - 1) + "], not c[" + j + "]");
                }
                next = Operation.measure(op.targets().get(0), j).when(value);
            }
            error.setText("");
            if (!next.equals(op)) {
                op = next;
                onCommit.accept(next);
            }
        } catch (NumberFormatException e) {
            error.setText("a condition is a whole number >= 0 (empty: always), a bit a whole number");
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
        }
    }
}
