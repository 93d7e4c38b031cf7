package dev.qanvas.ui.inspect;

import dev.qanvas.data.Dataset;
import dev.qanvas.insight.QuantumStates;
import dev.qanvas.ui.common.Alerts;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The quantum layers of {@link InspectViewModel}: the subject's layers, the chosen one, the chosen
 * quanvolution patch, and the state of that circuit for the subject (computed as model work).
 */
final class InspectQuantumLayers {

    private final InspectJobs jobs;
    private final Supplier<InspectViewModel.Listener> listener;
    private final Supplier<InspectViewModel.Detail> detail;
    private final Supplier<Dataset> data;

    private final ObservableList<QuantumStates.Node> nodes = FXCollections.observableArrayList();
    private final ObjectProperty<QuantumStates.Node> node = new SimpleObjectProperty<>(this, "node");
    private final BooleanProperty quantumShown = new SimpleBooleanProperty(this, "quantumShown", true);
    private final StringProperty patchText = new SimpleStringProperty(this, "patchText", "");
    private boolean updatingNodes;
    private int patch;

    InspectQuantumLayers(InspectJobs jobs, Supplier<InspectViewModel.Listener> listener,
                         Supplier<InspectViewModel.Detail> detail, Supplier<Dataset> data) {
        this.jobs = jobs;
        this.listener = listener;
        this.detail = detail;
        this.data = data;
        node.addListener(o -> { // as the layer picker's action: on every change but those made here
            if (!updatingNodes) {
                patch = defaultPatch(node.get());
                requestState();
            }
        });
    }

    ObservableList<QuantumStates.Node> nodes() { return nodes; }
    ObjectProperty<QuantumStates.Node> nodeProperty() { return node; }
    BooleanProperty shownProperty() { return quantumShown; }
    StringProperty patchTextProperty() { return patchText; }
    int patch() { return patch; }

    /** A click on the image (in image pixels) picks the quanvolution patch under it. */
    void pickPatch(int x, int y) {
        QuantumStates.Node n = node.get();
        if (n == null || !n.isQuanvolution()) {
            return;
        }
        int r = Math.min(n.rows() - 1, y / n.stride());
        int c = Math.min(n.columns() - 1, x / n.stride());
        int channel = n.channels() > 1 ? patch / (n.rows() * n.columns()) : 0;
        patch = n.patch(channel, r, c);
        requestState();
    }

    /** Lists the subject's quantum layers, keeping the chosen layer, and the chosen patch while the image is the same. */
    void show(List<QuantumStates.Node> probed, boolean keepChoice, boolean keepPatch) {
        quantumShown.set(!probed.isEmpty());
        if (probed.isEmpty()) {
            return;
        }
        int chosen = keepChoice ? Math.max(0, nodes.indexOf(node.get())) : 0;
        updatingNodes = true;
        try {
            nodes.setAll(probed);
            node.set(probed.get(Math.min(chosen, probed.size() - 1)));
        } finally {
            updatingNodes = false;
        }
        if (!keepChoice || !keepPatch || patch >= node.get().count()) {
            patch = defaultPatch(node.get());
        }
        requestState();
    }

    /** For a quanvolution, the patch with the most saliency (where the model looked); else the only state. */
    private int defaultPatch(QuantumStates.Node n) {
        InspectViewModel.Detail d = detail.get();
        if (n == null || !n.isQuanvolution() || d == null) {
            return 0;
        }
        Dataset data = this.data.get();
        double best = -1;
        int bestPatch = 0;
        for (int r = 0; r < n.rows(); r++) {
            for (int c = 0; c < n.columns(); c++) {
                double sum = 0;
                for (int dy = 0; dy < n.kernel(); dy++) {
                    for (int dx = 0; dx < n.kernel(); dx++) {
                        int y = r * n.stride() + dy;
                        int x = c * n.stride() + dx;
                        if (y < data.height() && x < data.width()) {
                            sum += d.heat()[y * data.width() + x];
                        }
                    }
                }
                if (sum > best) {
                    best = sum;
                    bestPatch = n.patch(0, r, c);
                }
            }
        }
        return bestPatch;
    }

    private void requestState() {
        QuantumStates.Node n = node.get();
        if (n == null) {
            return;
        }
        int k = Math.min(patch, n.count() - 1);
        if (n.isQuanvolution()) {
            int per = n.rows() * n.columns();
            int channel = k / per;
            int r = (k % per) / n.columns();
            int c = k % n.columns();
            listener.get().patchMarked(c * n.stride(), r * n.stride(), n.kernel(), n.kernel());
            patchText.set(String.format(Locale.ROOT, "Patch at row %d, column %d%s (%dx%d pixels, outlined) — click the image to pick another.",
                    r, c, n.channels() > 1 ? " of channel " + channel : "", n.kernel(), n.kernel()));
        } else {
            listener.get().patchMarked(0, 0, -1, -1);
            patchText.set(n.circuit().qubits() + " qubits with this image's " + n.circuit().inputCount()
                    + " inputs and the trained weights bound.");
        }
        String caption = n.title() + (n.isQuanvolution() ? " · patch " + k : "") + " · inputs " + formatInputs(n.inputsOf(k));
        jobs.model("state", () -> n.report(k), report -> {
            if (node.get() == n) {
                listener.get().stateShown(report, caption);
            }
        }, e -> listener.get().stateFailed(Alerts.messageOf(e)));
    }

    static String formatInputs(double[] x) {
        StringBuilder s = new StringBuilder("x = [");
        for (int i = 0; i < Math.min(x.length, 8); i++) {
            s.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", x[i]));
        }
        return s.append(x.length > 8 ? ", …]" : "]").toString();
    }
}
