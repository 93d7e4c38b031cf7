package dev.qanvas.ui.circuit;

import dev.qanvas.quantum.MixedStateReport;
import dev.qanvas.quantum.Program;
import dev.qanvas.quantum.ProgramRunner;
import dev.qanvas.quantum.StateVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The Circuit workspace's noise and shots switches and what they change: which method ran,
 * purity, entropy, fidelity and trace distance to the ideal state, and the bits read (exact,
 * and shot estimates with error bars). The state views below show the noisy state itself
 * (docs/noise.md#in-the-app-circuit). The switches go to {@link CircuitViewModel#setNoise}.
 */
final class NoisePanel extends VBox {

    /** Most readings charted: the most probable ones. */
    static final int MAX_READINGS = 8;
    private static final double CHART_WIDTH = 360;
    private static final double CHART_HEIGHT = 130;
    private static final Font SMALL = Font.font(11);
    private static final Color BAR = Color.web("#5b4fc4");
    private static final Color MUTED = Color.web("#6b6a7a");

    private final ComboBox<String> source = new ComboBox<>(FXCollections.observableArrayList(CircuitNoise.SOURCES));
    private final TextField strength = new TextField("0.05");
    private final TextField shots = new TextField("0");
    private final TextField seed = new TextField("0");
    private final Label error = new Label();
    /** The report shown, null when none. */
    private MixedStateReport shown;
    private final Label method = new Label();
    private final Label purity = new Label();
    private final Label fidelity = new Label();
    private final Label chartTitle = new Label();
    private final Canvas chart = new Canvas(CHART_WIDTH, CHART_HEIGHT);
    private final VBox summary;
    private final CircuitViewModel vm;

    NoisePanel(CircuitViewModel vm) {
        super(4);
        this.vm = vm;
        setId("noise-panel");
        getStyleClass().add("noise-panel");
        setPadding(new Insets(6, 6, 2, 6));
        Label title = new Label("Noise and shots");
        title.getStyleClass().add("section-title");
        source.setId("noise-source");
        source.setValue(CircuitNoise.NONE);
        source.setTooltip(new Tooltip("A channel after every gate on each qubit it acts on (readout: each qubit read flips"
                + " with that probability), or an illustrative device profile's relaxation, gate and readout errors"));
        strength.setId("noise-strength");
        strength.setPrefColumnCount(4);
        strength.setTooltip(new Tooltip("The channel's probability, 0 to 1"));
        shots.setId("noise-shots");
        shots.setPrefColumnCount(6);
        shots.setTooltip(new Tooltip("0: exact. N: every qubit read N times (trajectories), estimates with error bars"));
        seed.setId("noise-seed");
        seed.setPrefColumnCount(3);
        source.setPrefWidth(200);
        HBox row1 = new HBox(6, fixed("Noise"), source, fixed("p"), strength);
        HBox row2 = new HBox(6, fixed("Shots"), shots, fixed("Seed"), seed);
        strength.setDisable(true);
        row1.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        row2.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        error.setId("noise-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        method.setId("noise-method");
        method.setWrapText(true);
        purity.setId("noise-purity");
        purity.setWrapText(true);
        fidelity.setId("noise-fidelity");
        fidelity.setWrapText(true);
        chartTitle.getStyleClass().add("muted");
        chartTitle.setWrapText(true);
        chart.setId("noise-readings");
        summary = new VBox(3, method, purity, fidelity, chartTitle, chart);
        summary.setId("noise-summary");
        getChildren().addAll(title, row1, row2, error, summary);

        source.setOnAction(e -> apply());
        for (TextField f : List.of(strength, shots, seed)) {
            f.setOnAction(e -> apply());
            f.focusedProperty().addListener((o, was, now) -> {
                if (!now) {
                    apply();
                }
            });
        }
        vm.noiseErrorProperty().addListener((o, was, now) -> showError(now));
        showError(null);
        show(null, CircuitNoise.OFF);
    }

    /** A label that keeps its text whole when the row is narrow. */
    private static Label fixed(String text) {
        Label l = new Label(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

    /** The switches as typed go to the view model. */
    private void apply() {
        strength.setDisable(!CircuitNoise.CHANNELS.contains(source.getValue()));
        vm.setNoise(source.getValue(), strength.getText(), shots.getText(), seed.getText());
    }

    /** Sets the switches as a user would and applies them (tests and scripts). */
    void choose(String noiseSource, String strengthText, String shotsText, String seedText) {
        source.setValue(noiseSource);
        strength.setText(strengthText);
        shots.setText(shotsText);
        seed.setText(seedText);
        apply();
    }

    /** Back to no noise, exact (another project was opened). */
    void reset() {
        source.setValue(CircuitNoise.NONE);
        shots.setText("0");
        seed.setText("0");
        strength.setDisable(true);
    }

    private void showError(String text) {
        error.setText(text == null ? "" : text);
        error.setVisible(text != null);
        error.setManaged(text != null);
    }

    /** Shows a noisy state's numbers, or hides them when the noise is off ({@code report} null). */
    void show(MixedStateReport report, CircuitNoise noise) {
        shown = report;
        summary.setVisible(report != null);
        summary.setManaged(report != null);
        if (report == null) {
            return;
        }
        method.setText("Method: " + methodText(report, noise));
        if (report.method() == ProgramRunner.Method.TRAJECTORIES) {
            purity.setText("No density matrix at " + report.qubits() + " qubits: only the shots below.");
            fidelity.setText("");
        } else {
            purity.setText("Purity Tr ρ² = " + number(report.purity(), 4) + (report.isMixed() ? " (mixed)" : " (pure)")
                    + "   Entropy S(ρ) = " + (report.spectrumComputed() ? number(report.entropy(), 3) + " bits"
                    : "not computed above " + MixedStateReport.MAX_SPECTRUM_QUBITS + " qubits"));
            fidelity.setText(report.unitary() ? "Against the ideal state ψ: fidelity ⟨ψ|ρ|ψ⟩ = " + number(report.fidelity(), 4)
                    + (report.spectrumComputed() ? ", trace distance " + number(report.traceDistance(), 4) : "")
                    : report.successProbability() < 1 ? "Postselection succeeds with probability " + number(report.successProbability(), 4)
                    + "; the state shown is renormalised to the runs kept" : "");
        }
        drawReadings(report);
    }

    /** Which method ran and why (the issue: "chosen automatically with the choice shown"). */
    static String methodText(MixedStateReport report, CircuitNoise noise) {
        String why = switch (report.method()) {
            case STATE_VECTOR -> "state vector (no gate noise: the state stays pure)";
            case DENSITY_MATRIX -> report.unitary() ? "density matrix, exact (gate noise mixes the state)"
                    : "density matrix, exact (the circuit measures, resets, postselects or conditions)";
            case TRAJECTORIES -> "trajectories only (" + report.qubits() + " qubits: too many for a density matrix)";
        };
        String shots = "";
        if (report.shots() > 0 && report.method() != ProgramRunner.Method.TRAJECTORIES) {
            shots = String.format(Locale.ROOT, report.method() == ProgramRunner.Method.DENSITY_MATRIX
                    ? "; %,d shots, each its own trajectory" : "; %,d shots drawn from the final state", report.shots());
        }
        return why + shots + " · " + noise.describe();
    }

    /**
     * The bits read: the exact distribution (outlined) and, with shots, the estimate (bar) with
     * one standard error sqrt(p(1-p)/N) either side. Without readout or shots, the diagonal is what
     * a reading would give, and the views below show it; nothing is charted.
     */
    private void drawReadings(MixedStateReport report) {
        GraphicsContext g = chart.getGraphicsContext2D();
        g.clearRect(0, 0, chart.getWidth(), chart.getHeight());
        List<Long> shown = readingsShown(report);
        boolean any = !shown.isEmpty();
        chart.setVisible(any);
        chart.setManaged(any);
        if (!any) {
            chartTitle.setText("Readings: switch shots on (or readout error) to see the bits read.");
            return;
        }
        long n = report.keptShots();
        String what = report.clbits() > 0 ? "Classical register c, c[0] first" : "Bits read, q0 first";
        chartTitle.setText(n > 0 ? String.format(Locale.ROOT, "%s: bars %,d-shot estimates ± 1 standard error%s", what,
                n, report.readout().isEmpty() ? "" : ", outlines exact")
                : what + (report.clbits() > 0 ? ": exact distribution" : ": exact, readout error included"));
        double left = 28, top = 6, bottom = 18, plot = CHART_HEIGHT - top - bottom;
        double slot = (CHART_WIDTH - left) / shown.size();
        double max = 0;
        for (long v : shown) {
            max = Math.max(max, Math.max(report.readout().getOrDefault(v, 0.0), estimate(report, v) + error(report, v)));
        }
        max = Math.min(1, Math.max(0.05, max));
        g.setFont(SMALL);
        g.setFill(MUTED);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(number(max, 2), left - 4, top);
        g.fillText("0", left - 4, top + plot);
        g.setStroke(Color.web("#c9c8d6"));
        g.strokeLine(left, top + plot + 0.5, CHART_WIDTH, top + plot + 0.5);
        for (int k = 0; k < shown.size(); k++) {
            long v = shown.get(k);
            double cx = left + (k + 0.5) * slot;
            double w = Math.min(30, slot * 0.6);
            if (n > 0) {
                double p = estimate(report, v);
                g.setFill(BAR);
                g.fillRect(cx - w / 2, top + plot * (1 - p / max), w, plot * p / max);
                double e = error(report, v);
                g.setStroke(Color.BLACK);
                double y0 = top + plot * (1 - Math.min(max, p + e) / max), y1 = top + plot * (1 - Math.max(0, p - e) / max);
                g.strokeLine(cx, y0, cx, y1);
                g.strokeLine(cx - 4, y0, cx + 4, y0);
                g.strokeLine(cx - 4, y1, cx + 4, y1);
            }
            Double exact = report.readout().get(v);
            if (exact != null) {
                g.setStroke(n > 0 ? Color.web("#d0702c") : BAR);
                g.setLineWidth(n > 0 ? 1.5 : 2);
                g.strokeRect(cx - w / 2 - 2, top + plot * (1 - exact / max), w + 4, plot * exact / max);
                g.setLineWidth(1);
            }
            g.setFill(Color.BLACK);
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.TOP);
            g.fillText(label(report, v), cx, top + plot + 3);
        }
    }

    /** A reading's label: the classical register's bits, c[0] first, or the qubits' readings, q0 first. */
    private static String label(MixedStateReport report, long v) {
        return report.clbits() > 0 ? Program.classicalBits(v, report.clbits()) : StateVector.bitstring((int) v, report.qubits());
    }

    /** The readings charted: the most probable (exact, else most counted), at most {@link #MAX_READINGS}, in bitstring order. */
    static List<Long> readingsShown(MixedStateReport report) {
        Map<Long, ? extends Number> source = report.readout().isEmpty() ? report.counts() : report.readout();
        List<Long> top = new ArrayList<>(source.keySet());
        top.sort(Comparator.<Long>comparingDouble(v -> -source.get(v).doubleValue()).thenComparing(Long::compare));
        Set<Long> kept = new LinkedHashSet<>(top.subList(0, Math.min(MAX_READINGS, top.size())));
        List<Long> out = new ArrayList<>(kept);
        out.sort((a, b) -> Long.compareUnsigned(Long.reverse(a), Long.reverse(b)));
        return out;
    }

    /** The shot estimate of reading v: its count over the shots. */
    static double estimate(MixedStateReport report, long v) {
        return report.keptShots() == 0 ? 0 : report.counts().getOrDefault(v, 0L) / (double) report.keptShots();
    }

    /** One standard error of that estimate, sqrt(p(1-p)/N). */
    static double error(MixedStateReport report, long v) {
        double p = estimate(report, v);
        return report.keptShots() == 0 ? 0 : Math.sqrt(p * (1 - p) / report.keptShots());
    }

    /** The charted readings with their exact probabilities, by the label under each bar ("01"). */
    Map<String, Double> exactReadingsShown() {
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        if (shown != null) {
            for (long v : readingsShown(shown)) {
                out.put(label(shown, v), shown.readout().getOrDefault(v, Double.NaN));
            }
        }
        return out;
    }

    String chartTitleShown() {
        return chartTitle.getText();
    }

    String methodShown() {
        return method.getText();
    }

    String purityShown() {
        return purity.getText();
    }

    String fidelityShown() {
        return fidelity.getText();
    }

    boolean summaryShown() {
        return summary.isVisible();
    }

    private static String number(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
