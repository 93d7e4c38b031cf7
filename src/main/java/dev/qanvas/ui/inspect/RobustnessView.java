package dev.qanvas.ui.inspect;

import dev.qanvas.data.Dataset;
import dev.qanvas.insight.Attacks;
import dev.qanvas.insight.QuantumMovement;
import dev.qanvas.project.ChartAxes;
import dev.qanvas.project.RunRecord;
import dev.qanvas.ui.common.ChartView;
import dev.qanvas.ui.common.Pixels;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The Robustness view of the Inspect workspace: its controls, the robust-accuracy chart (one colour
 * per run, PGD solid, FGSM dashed, transferred PGD dotted), the adversarial gallery (original |
 * amplified perturbation | adversarial, then the saliency before and after) and how the quantum
 * layers move. Bound to {@link InspectRobustness}; draws nothing it did not compute.
 */
final class RobustnessView extends BorderPane {

    private static final int TILE = 84;
    private static final String NO_DATA = "Press Attack to measure robust accuracy on test images.";
    private static final float[] FGSM_DASH = ChartView.DASHES[1];
    private static final float[] TRANSFER_DASH = ChartView.DASHES[2];

    private final InspectViewModel vm;
    private final InspectRobustness rob;
    private final XYSeriesCollection data = new XYSeriesCollection();
    private final ChartView chart;
    private final VBox rows = new VBox(10);
    private final VBox quantum = new VBox(6);
    private final Label amplification = new Label();

    RobustnessView(InspectViewModel vm, ChartView.Exporter exporter) {
        this.vm = vm;
        this.rob = vm.robustness();
        setId("robustness-view");
        chart = new ChartView("robustness-chart", "Robust accuracy against ε", "robustness", newChart(), exporter);
        chart.setMinHeight(260);
        setTop(controls());
        setCenter(content());
        rob.lines().addListener((javafx.collections.ListChangeListener<InspectRobustness.Line>) c -> showLines());
        rob.galleryProperty().addListener((o, was, g) -> showGallery(g));
        rob.selectedProperty().addListener(o -> showQuantum(rob.galleryProperty().get()));
        rob.runningProperty().addListener((o, was, now) -> chart.plot().setNoDataMessage(now
                ? "Attacking… the curves appear when every run is measured." : NO_DATA));
    }

    ChartView chart() { return chart; }
    /** Gallery rows shown (tests). */
    int galleryRows() { return rows.getChildren().size(); }

    private static JFreeChart newChart() {
        NumberAxis x = ChartAxes.values("ε (pixel units)");
        NumberAxis y = ChartAxes.values("robust accuracy");
        x.setRange(0, 0.31);
        y.setRange(0, 1.02);
        XYPlot plot = new XYPlot(new XYSeriesCollection(), x, y, new XYLineAndShapeRenderer(true, true));
        plot.setNoDataMessage(NO_DATA);
        plot.setNoDataMessageFont(new java.awt.Font("DejaVu Sans", java.awt.Font.PLAIN, 12));
        plot.setNoDataMessagePaint(new Color(0x6b, 0x6a, 0x7d));
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private Node controls() {
        CheckBox fgsm = new CheckBox("FGSM");
        fgsm.setId("robustness-fgsm");
        fgsm.selectedProperty().bindBidirectional(rob.fgsmProperty());
        CheckBox pgd = new CheckBox("PGD");
        pgd.setId("robustness-pgd");
        pgd.selectedProperty().bindBidirectional(rob.pgdProperty());
        Spinner<Integer> images = new Spinner<>(10, 5000, rob.imagesProperty().get(), 50);
        images.setId("robustness-images");
        images.setEditable(true);
        images.setPrefWidth(90);
        images.valueProperty().addListener((o, was, now) -> rob.imagesProperty().set(now));
        Spinner<Integer> steps = new Spinner<>(1, 200, rob.stepsProperty().get(), 1);
        steps.setId("robustness-steps");
        steps.setEditable(true);
        steps.setPrefWidth(70);
        steps.valueProperty().addListener((o, was, now) -> rob.stepsProperty().set(now));
        CheckBox compare = new CheckBox("Overlay the project's other runs");
        compare.setId("robustness-compare");
        compare.selectedProperty().bindBidirectional(rob.compareProperty());
        ComboBox<RunRecord> transfer = new ComboBox<>(rob.others());
        transfer.setId("robustness-transfer");
        transfer.setPromptText("none");
        transfer.setButtonCell(new RunIdCell());
        transfer.setCellFactory(l -> new RunIdCell());
        transfer.valueProperty().bindBidirectional(rob.transferFromProperty());
        Button noTransfer = new Button("×");
        noTransfer.setTooltip(new javafx.scene.control.Tooltip("No transfer curve"));
        noTransfer.setOnAction(e -> rob.transferFromProperty().set(null));
        Button run = new Button("Attack");
        run.setId("robustness-run");
        run.getStyleClass().add("accent-button");
        run.setOnAction(e -> rob.run());
        run.disableProperty().bind(rob.runningProperty());
        Button cancel = new Button("Cancel");
        cancel.setId("robustness-cancel");
        cancel.setOnAction(e -> rob.cancel());
        cancel.disableProperty().bind(rob.runningProperty().not().and(rob.galleryRunningProperty().not()));
        ProgressBar bar = new ProgressBar();
        bar.setId("robustness-progress");
        bar.setPrefWidth(160);
        bar.progressProperty().bind(rob.progressProperty());
        bar.visibleProperty().bind(rob.runningProperty().or(rob.galleryRunningProperty()));
        Label status = muted(new Label());
        status.setId("robustness-status");
        status.textProperty().bind(rob.statusProperty());

        FlowPane row = new FlowPane(10, 6, group(fgsm, pgd), group(new Label("Test images"), images),
                group(new Label("PGD steps"), steps), compare, group(new Label("Transfer PGD from"), transfer, noTransfer),
                group(run, cancel, bar), status);
        row.setAlignment(Pos.CENTER_LEFT);
        Label units = muted(new Label(InspectRobustness.UNITS));
        units.setId("robustness-units");
        units.setWrapText(true);
        Label note = new Label();
        note.setId("robustness-note");
        note.getStyleClass().add("warning-text");
        note.setWrapText(true);
        note.textProperty().bind(rob.noteProperty());
        note.managedProperty().bind(note.textProperty().isNotEmpty());
        VBox top = new VBox(6, row, units, note);
        top.setPadding(new Insets(8));
        return top;
    }

    private Node content() {
        Label masking = muted(new Label(InspectRobustness.MASKING));
        masking.setId("robustness-masking");
        masking.setWrapText(true);
        VBox left = new VBox(6, chart, masking);
        VBox.setVgrow(chart, Priority.ALWAYS);
        left.setPadding(new Insets(0, 8, 8, 8));

        ComboBox<Attacks.Method> method = new ComboBox<>();
        method.setId("adversarial-method");
        method.getItems().setAll(Attacks.Method.values());
        method.valueProperty().bindBidirectional(rob.galleryMethodProperty());
        ComboBox<Double> eps = new ComboBox<>();
        eps.setId("adversarial-epsilon");
        for (double e : InspectRobustness.EPSILONS) {
            if (e > 0) {
                eps.getItems().add(e);
            }
        }
        eps.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Double v) {
                return v == null ? "" : Attacks.format(v);
            }

            @Override
            public Double fromString(String s) {
                return Double.valueOf(s);
            }
        });
        eps.valueProperty().bindBidirectional(rob.galleryEpsilonProperty());
        Label title = new Label("Adversarial examples");
        title.getStyleClass().add("section-title");
        HBox pick = new HBox(8, title, new Region(), new Label("Method"), method, new Label("ε"), eps);
        HBox.setHgrow(pick.getChildren().get(1), Priority.ALWAYS);
        pick.setAlignment(Pos.CENTER_LEFT);
        Label status = muted(new Label());
        status.setId("adversarial-status");
        status.setWrapText(true);
        status.textProperty().bind(rob.galleryStatusProperty());
        amplification.getStyleClass().add("muted");
        amplification.setWrapText(true);
        rows.setId("adversarial-gallery");
        quantum.setId("quantum-movement");
        VBox right = new VBox(8, pick, status, amplification, rows, new Separator(), quantum);
        right.setPadding(new Insets(0, 8, 8, 8));
        ScrollPane scroll = new ScrollPane(right);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        SplitPane split = new SplitPane(left, scroll);
        split.setDividerPositions(0.45);
        return split;
    }

    static HBox group(Node... nodes) {
        HBox box = new HBox(6, nodes);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    static Label muted(Label l) {
        l.getStyleClass().add("muted");
        return l;
    }

    // ----- the chart -----

    private void showLines() {
        data.removeAllSeries();
        XYPlot plot = chart.plot();
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
        Map<String, Integer> colours = new LinkedHashMap<>();
        int i = 0;
        for (InspectRobustness.Line line : rob.lines()) {
            XYSeries s = new XYSeries(line.label(), false, true);
            Attacks.Curve c = line.curve();
            for (int k = 0; k < c.epsilons().length; k++) {
                s.add(c.epsilons()[k], c.accuracy()[k]);
            }
            data.addSeries(s);
            int colour = colours.computeIfAbsent(line.run(), r -> colours.size());
            renderer.setSeriesPaint(i, ChartView.PALETTE[colour % ChartView.PALETTE.length]);
            float[] dash = line.curve().craftedOn() != null ? TRANSFER_DASH : line.curve().method() == Attacks.Method.FGSM ? FGSM_DASH : null;
            renderer.setSeriesStroke(i, ChartView.stroke(line.chosen() ? 2.2f : 1.4f, dash));
            i++;
        }
        plot.setDataset(data.getSeriesCount() == 0 ? new XYSeriesCollection() : data);
        ChartView.tooltips(renderer);
    }

    // ----- the gallery -----

    private void showGallery(InspectRobustness.Gallery g) {
        rows.getChildren().clear();
        if (g == null || vm.model() == null) {
            amplification.setText("");
            showQuantum(null);
            return;
        }
        amplification.setText(String.format(Locale.ROOT, "Perturbation amplified ×%s: adversarial − original, blue −ε, white 0,"
                + " red +ε. Saliency: vanilla gradient towards each image's prediction.",
                new java.text.DecimalFormat("0.##", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)).format(1 / g.epsilon())));
        List<String> names = vm.classNames();
        Dataset d = vm.model().data();
        for (int r = 0; r < g.entries().size(); r++) {
            InspectRobustness.Entry e = g.entries().get(r);
            float[] clean = gray(e.clean(), d);
            float[] adv = gray(e.adversarial(), d);
            SaliencyView original = image(d, clean, g, null);
            SaliencyView attacked = image(d, adv, g, null);
            ImageView delta = new ImageView(Pixels.image(d.width(), d.height(), diverging(clean, adv, g.epsilon()), TILE));
            SaliencyView before = image(d, clean, g, e.heatBefore());
            SaliencyView after = image(d, adv, g, e.heatAfter());
            String cleanText = String.format(Locale.ROOT, "%s (%.0f%%)", names.get(e.cleanPrediction()),
                    100 * e.cleanProbabilities()[e.cleanPrediction()]);
            String advText = String.format(Locale.ROOT, "%s (%.0f%%)%s", names.get(e.adversarialPrediction()),
                    100 * e.adversarialProbabilities()[e.adversarialPrediction()], e.adversarialPrediction() == e.label() ? " ✓" : " ✗");
            HBox tiles = new HBox(6, tile("original: " + cleanText, original), tile("perturbation", delta),
                    tile("adversarial: " + advText, attacked), tile("saliency before", before), tile("saliency after", after));
            Label caption = muted(new Label("Test image " + e.testIndex() + " · true " + names.get(e.label())));
            VBox row = new VBox(2, caption, tiles);
            row.setId("adversarial-row-" + r);
            row.getStyleClass().add("gallery-tile");
            int index = r;
            row.setOnMouseClicked(ev -> rob.selectedProperty().set(index));
            if (r == rob.selectedProperty().get()) {
                row.getStyleClass().add("selected");
            }
            rows.getChildren().add(row);
        }
        showQuantum(g);
    }

    private static SaliencyView image(Dataset d, float[] gray, InspectRobustness.Gallery g, double[] heat) {
        SaliencyView v = new SaliencyView(TILE);
        v.setImage(d.width(), d.height(), gray, (float) g.lo(), (float) g.hi());
        if (heat != null) {
            v.setHeat(d.width(), d.height(), heat);
        }
        return v;
    }

    private static VBox tile(String caption, Node image) {
        Label l = new Label(caption);
        l.getStyleClass().add("muted");
        l.setMaxWidth(TILE + 24);
        l.setWrapText(true);
        VBox box = new VBox(2, image, l);
        box.setAlignment(Pos.TOP_CENTER);
        box.setPrefWidth(TILE + 24);
        box.setMinWidth(TILE + 24);
        return box;
    }

    /** The mean over channels of an image in model order (channel, row, column). */
    static float[] gray(double[] pixels, Dataset d) {
        int plane = d.width() * d.height();
        int channels = pixels.length / plane;
        float[] out = new float[plane];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < plane; p++) {
                out[p] += (float) (pixels[c * plane + p] / channels);
            }
        }
        return out;
    }

    /** adversarial − original scaled by 1/ε: blue at −ε, white at 0, red at +ε. */
    static int[] diverging(float[] clean, float[] adversarial, double eps) {
        int[] out = new int[clean.length];
        for (int p = 0; p < out.length; p++) {
            double t = eps > 0 ? Math.max(-1, Math.min(1, (adversarial[p] - clean[p]) / eps)) : 0;
            int fade = (int) Math.round(255 * (1 - Math.abs(t)));
            int r = t < 0 ? fade : 255;
            int b = t > 0 ? fade : 255;
            out[p] = 0xff000000 | (r << 16) | (fade << 8) | b;
        }
        return out;
    }

    // ----- the quantum layers -----

    private void showQuantum(InspectRobustness.Gallery g) {
        quantum.getChildren().clear();
        if (g == null || g.meanShifts().isEmpty() || g.entries().isEmpty()) {
            return;
        }
        int k = Math.min(rob.selectedProperty().get(), g.entries().size() - 1);
        for (int r = 0; r < rows.getChildren().size(); r++) {
            rows.getChildren().get(r).getStyleClass().remove("selected");
            if (r == k) {
                rows.getChildren().get(r).getStyleClass().add("selected");
            }
        }
        Label title = new Label("How the quantum layers move under attack");
        title.getStyleClass().add("section-title");
        Label help = muted(new Label("<Z> of each qubit (mean over a quanvolution's patches), clean → attacked, and the mean"
                + " single-qubit entanglement entropy S(q : rest) in bits. Click an image row to pick it."));
        help.setWrapText(true);
        quantum.getChildren().addAll(title, help);
        InspectRobustness.Entry e = g.entries().get(k);
        List<QuantumMovement.Shift> mine = e.shifts();
        for (int l = 0; l < g.meanShifts().size(); l++) {
            QuantumMovement.Shift mean = g.meanShifts().get(l);
            QuantumMovement.Shift one = l < mine.size() ? mine.get(l) : null;
            quantum.getChildren().add(layer(mean, one, e.testIndex(), g.images()));
        }
    }

    private static Node layer(QuantumMovement.Shift mean, QuantumMovement.Shift one, int testIndex, int images) {
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(2);
        grid.getStyleClass().add("quantum-movement-table");
        List<String> head = new ArrayList<>(List.of("", "test image " + testIndex, "mean of " + images + " images"));
        for (int c = 0; c < head.size(); c++) {
            Label h = muted(new Label(head.get(c)));
            grid.add(h, c, 0);
        }
        int qubits = mean.cleanZ().length;
        for (int q = 0; q < qubits; q++) {
            grid.add(new Label("<Z> q" + q), 0, q + 1);
            grid.add(new Label(one == null ? "" : move(one.cleanZ()[q], one.adversarialZ()[q])), 1, q + 1);
            grid.add(new Label(move(mean.cleanZ()[q], mean.adversarialZ()[q])), 2, q + 1);
        }
        grid.add(new Label("mean |Δ<Z>|"), 0, qubits + 1);
        grid.add(new Label(one == null ? "" : String.format(Locale.ROOT, "%.3f", one.meanAbsZShift())), 1, qubits + 1);
        grid.add(new Label(String.format(Locale.ROOT, "%.3f", mean.meanAbsZShift())), 2, qubits + 1);
        grid.add(new Label("entropy (bits)"), 0, qubits + 2);
        grid.add(new Label(one == null ? "" : entropy(one)), 1, qubits + 2);
        grid.add(new Label(entropy(mean)), 2, qubits + 2);
        Label name = new Label(mean.title());
        name.getStyleClass().add("detail-title");
        return new VBox(2, name, grid);
    }

    private static String entropy(QuantumMovement.Shift s) {
        return String.format(Locale.ROOT, "%.3f → %.3f", s.cleanEntropy(), s.adversarialEntropy());
    }

    private static String move(double from, double to) {
        return String.format(Locale.ROOT, "%+.3f → %+.3f", from, to);
    }

    private static final class RunIdCell extends ListCell<RunRecord> {
        @Override
        protected void updateItem(RunRecord r, boolean empty) {
            super.updateItem(r, empty);
            setText(empty || r == null ? "none" : r.id() + (r.trained() == null ? "" : " (" + r.trained() + ")"));
        }
    }
}
