package dev.qanvas.ui.inspect;

import dev.qanvas.insight.Predictions;
import dev.qanvas.insight.QuantumStates;
import dev.qanvas.insight.Saliency;
import dev.qanvas.project.RunRecord;
import java.util.Locale;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;

/** How the Inspect workspace's pickers show their items: runs, saliency methods, orders, classes, quantum layers. */
final class InspectCells {

    private InspectCells() {
    }

    static final class RunCell extends ListCell<RunRecord> {
        @Override
        protected void updateItem(RunRecord r, boolean empty) {
            super.updateItem(r, empty);
            String started = r == null || r.started() == null ? "" : r.started().replace('T', ' ').replace("Z", "");
            setText(empty || r == null ? null : String.format(Locale.ROOT, "%s%s · %s", r.id(),
                    Double.isFinite(r.testAccuracy()) ? String.format(Locale.ROOT, " · %.1f%%", 100 * r.testAccuracy()) : "",
                    started.length() > 16 ? started.substring(0, 16) : started));
            setTooltip(empty || r == null ? null : new Tooltip(r.outcome() + " · " + r.directory()));
        }
    }

    static final class MethodCell extends ListCell<Saliency.Method> {
        @Override
        protected void updateItem(Saliency.Method m, boolean empty) {
            super.updateItem(m, empty);
            setText(empty || m == null ? null : m.label());
        }
    }

    static final class OrderCell extends ListCell<Predictions.Order> {
        @Override
        protected void updateItem(Predictions.Order o, boolean empty) {
            super.updateItem(o, empty);
            setText(empty || o == null ? null : o == Predictions.Order.MOST_CONFIDENT_FIRST ? "Most confident first" : "Least confident first");
        }
    }

    static final class TargetCell extends ListCell<Integer> {
        private final InspectViewModel vm;

        TargetCell(InspectViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(Integer c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null || vm.loaded() == null ? null
                    : c == InspectViewModel.TARGET_PREDICTED ? "Predicted class" : "class " + vm.classNames().get(c));
        }
    }

    static final class ClassCell extends ListCell<Integer> {
        private final InspectViewModel vm;

        ClassCell(InspectViewModel vm) {
            this.vm = vm;
        }

        @Override
        protected void updateItem(Integer c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null || vm.loaded() == null ? null : c < 0 ? "All" : vm.classNames().get(c));
        }
    }

    static final class NodeCell extends ListCell<QuantumStates.Node> {
        @Override
        protected void updateItem(QuantumStates.Node n, boolean empty) {
            super.updateItem(n, empty);
            setText(empty || n == null ? null : n.title() + " · " + n.circuit().qubits() + " qubits"
                    + (n.isQuanvolution() ? " · " + n.count() + " patches" : ""));
        }
    }
}
