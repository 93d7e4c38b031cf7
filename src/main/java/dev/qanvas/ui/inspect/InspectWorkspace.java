package dev.qanvas.ui.inspect;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.insight.InspectedModel;
import dev.qanvas.insight.Predictions;
import dev.qanvas.insight.QuantumStates;
import dev.qanvas.insight.Saliency;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunRecord;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.common.FileChoosers;
import dev.qanvas.ui.common.LatestWorker;
import dev.qanvas.ui.common.Pixels;
import dev.qanvas.ui.common.StatePanel;
import dev.qanvas.ui.common.Workspace;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Inspect workspace: what a trained run learned. The confusion matrix of the run's model on
 * the test split (a click shows a cell's images), the misclassified images sorted by the model's
 * confidence, and for the selected image: the image under a saliency heat map (vanilla gradient,
 * SmoothGrad or Integrated Gradients of a class logit, through the quantum layers), the class
 * probabilities, and the state inside each quantum layer for that input. The mean saliency of
 * each class sits under the matrix; for MNIST-like data a pad lets the user draw a digit and see
 * all of it update as they draw. Every view exports as PNG.
 *
 * <p>Runs come from the project's run records whose folder holds {@code model.zip} and
 * {@code project.qanvas} (what {@code qanvas train --record} and the Train workspace write).
 * Loading runs on {@link Background}; all model work then runs on one {@link LatestWorker}
 * thread, newest request first.
 */
public final class InspectWorkspace implements Workspace {

    private static final int VIEW_SIZE = 224;
    private static final int MEAN_SAMPLES = 24;
    private static final int TARGET_PREDICTED = -1;

    private final DocumentModel doc;
    private final Background background;
    private final Supplier<Window> owner;
    private final Alerts alerts;
    private final LatestWorker worker = new LatestWorker("qanvas-inspect");

    private final BorderPane view = new BorderPane();
    private final ComboBox<RunRecord> runBox = new ComboBox<>();
    private final Label runSummary = new Label();
    private final Label emptyMessage = new Label();
    private final SplitPane content = new SplitPane();

    private final ConfusionMatrixView confusion = new ConfusionMatrixView();
    private final FlowPane meanRow = new FlowPane(6, 6);
    private final Label meanStatus = new Label();

    private final Gallery gallery = new Gallery();
    private final Label galleryTitle = new Label();
    private final ComboBox<Predictions.Order> sortBox = new ComboBox<>();
    private final ComboBox<Integer> classFilter = new ComboBox<>();

    private final Label detailTitle = new Label();
    private final SaliencyView saliencyView = new SaliencyView(VIEW_SIZE);
    private final ComboBox<Saliency.Method> methodBox = new ComboBox<>();
    private final ComboBox<Integer> targetBox = new ComboBox<>();
    private final Slider opacity = new Slider(0, 1, 0.8);
    private final Label saliencyCaption = new Label();
    private final ProbabilityBars probabilities = new ProbabilityBars();
    private final ToggleButton testMode = new ToggleButton("Test image");
    private final ToggleButton drawMode = new ToggleButton("Draw a digit");
    private final HBox modeRow = new HBox();
    private final DrawPad pad = new DrawPad(8);
    private final VBox padBox = new VBox(4);

    private final ComboBox<QuantumStates.Node> nodeBox = new ComboBox<>();
    private final Label patchLabel = new Label();
    private final StatePanel statePanel = new StatePanel();
    private final VBox quantumBox = new VBox(6);

    /** The run being loaded or shown. */
    private RunRecord requested;
    /** Counts run-list refreshes: only the newest one's result is shown. */
    private int runsGeneration;
    /** The id of a run to show once the refreshed list has it ({@link #select}), or null. */
    private String wantedRun;
    /** The loaded run; null before one is loaded. */
    private Loaded loaded;
    /** What the detail pane shows: a test image or the drawing. */
    private Subject subject;
    private Detail detail;
    private int patch;

    /** A loaded run: its record, the model with its data, test predictions and display range. */
    private record Loaded(RunRecord run, InspectedModel model, Predictions predictions, float[] range) {
    }

    /**
     * The image in the detail pane.
     *
     * @param testIndex the test image's index, or -1 for a drawing
     * @param image     the model input, HWC as the dataset stores it
     */
    private record Subject(int testIndex, float[] image, int trueClass) {
    }

    /** What the worker computes for a subject. */
    private record Detail(Subject subject, double[] probabilities, int predicted, int target, double[] heat,
                          List<QuantumStates.Node> nodes, long millis) {
    }

    public InspectWorkspace(DocumentModel doc, Background background, Supplier<Window> owner, Alerts alerts) {
        this.doc = doc;
        this.background = background;
        this.owner = owner;
        this.alerts = alerts;
        build();
        doc.projectProperty().addListener((o, was, now) -> refreshRuns());
        refreshRuns();
    }

    @Override
    public String id() {
        return "inspect";
    }

    @Override
    public String title() {
        return "Inspect";
    }

    @Override
    public Node view() {
        return view;
    }

    // For tests.
    public InspectedModel model() { return loaded == null ? null : loaded.model(); }
    public Predictions predictions() { return loaded == null ? null : loaded.predictions(); }
    SaliencyView saliencyView() { return saliencyView; }
    Gallery gallery() { return gallery; }
    StatePanel statePanel() { return statePanel; }
    /** Model work queued or running (tests wait for 0). */
    int pendingWork() { return worker.pending(); }
    /** The predicted class of the detail pane's image, or -1 before one is computed. */
    int shownPrediction() { return detail == null ? -1 : detail.predicted(); }
    boolean showsDrawing() { return subject != null && subject.testIndex() < 0; }

    /** Shows the run with this id (the newest of that id), if it has a model on disk (looked for in the background). */
    public void select(String runId) {
        wantedRun = runId;
        refreshRuns();
    }

    public void shutdown() {
        worker.shutdown();
    }

    // ----- layout -----

    private void build() {
        view.getStyleClass().add("inspect-workspace");
        view.setTop(toolbar());

        emptyMessage.setId("inspect-empty");
        emptyMessage.getStyleClass().add("inspect-empty");
        emptyMessage.setWrapText(true);
        emptyMessage.setMaxWidth(520);

        VBox left = new VBox(8, header("Confusion matrix · test split", confusion, "confusion-matrix"), confusion,
                new Separator(), header("Mean saliency per class", meanRow, "mean-saliency"), meanStatus, meanRow);
        left.setPadding(new Insets(8));
        confusion.setId("confusion-matrix");
        confusion.setOnCell(this::showCell);
        meanRow.setId("mean-saliency");
        meanRow.setPrefWrapLength(300);
        meanStatus.getStyleClass().add("muted");
        meanStatus.setWrapText(true);
        ScrollPane leftScroll = scroll(left);
        leftScroll.setMinWidth(250);

        gallery.setId("misclassified-gallery");
        gallery.setOnSelect(i -> selectTest(i));
        sortBox.setId("gallery-sort");
        sortBox.getItems().setAll(Predictions.Order.values());
        sortBox.setValue(Predictions.Order.MOST_CONFIDENT_FIRST);
        sortBox.setButtonCell(new OrderCell());
        sortBox.setCellFactory(l -> new OrderCell());
        sortBox.setOnAction(e -> showMisclassifiedOrCell());
        classFilter.setId("gallery-class");
        classFilter.setOnAction(e -> {
            if (classFilter.getValue() != null) {
                shownCell = null;
                confusion.clearSelection();
                showMisclassifiedOrCell();
            }
        });
        classFilter.setTooltip(new Tooltip("Show the misclassified images of one true class"));
        Label sortLabel = new Label("Sort");
        Label classLabel = new Label("True class");
        sortLabel.setMinWidth(Region.USE_PREF_SIZE);
        classLabel.setMinWidth(Region.USE_PREF_SIZE);
        sortBox.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(sortBox, Priority.ALWAYS);
        HBox sortRow = new HBox(6, sortLabel, sortBox);
        sortRow.setAlignment(Pos.CENTER_LEFT);
        HBox classRow = new HBox(6, classLabel, classFilter);
        classRow.setAlignment(Pos.CENTER_LEFT);
        VBox galleryControls = new VBox(4, sortRow, classRow);
        galleryTitle.getStyleClass().add("section-title");
        galleryTitle.setId("gallery-title");
        VBox middle = new VBox(6, header(galleryTitle, gallery, "gallery"), galleryControls, gallery);
        VBox.setVgrow(gallery, Priority.ALWAYS);
        middle.setPadding(new Insets(8));
        middle.setMinWidth(230);

        ScrollPane rightScroll = scroll(detailPane());
        content.getItems().setAll(leftScroll, middle, rightScroll);
        content.setDividerPositions(0.28, 0.52);
        SplitPane.setResizableWithParent(leftScroll, false);
        view.setCenter(new StackPane(emptyMessage));
    }

    private ToolBar toolbar() {
        runBox.setId("inspect-run");
        runBox.setCellFactory(l -> new RunCell());
        runBox.setButtonCell(new RunCell());
        runBox.setPrefWidth(300);
        runBox.setOnAction(e -> loadChosen());
        runSummary.setId("inspect-summary");
        runSummary.getStyleClass().add("muted");
        ToolBar bar = new ToolBar(new Label("Run:"), runBox, new Separator(), runSummary);
        bar.getStyleClass().add("workspace-toolbar");
        return bar;
    }

    private VBox detailPane() {
        ToggleGroup modes = new ToggleGroup();
        testMode.setToggleGroup(modes);
        drawMode.setToggleGroup(modes);
        testMode.setSelected(true);
        testMode.setId("mode-test");
        drawMode.setId("draw-mode");
        modes.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                was.setSelected(true); // one mode is always on
            } else {
                showMode();
            }
        });
        modeRow.getChildren().setAll(testMode, drawMode);
        modeRow.getStyleClass().add("segmented");

        detailTitle.setId("detail-title");
        detailTitle.getStyleClass().add("detail-title");
        detailTitle.setWrapText(true);

        saliencyView.setId("saliency-view");
        saliencyView.setOnPixel(this::pickPatch);
        methodBox.setId("saliency-method");
        methodBox.getItems().setAll(Saliency.Method.values());
        methodBox.setValue(Saliency.Method.VANILLA);
        methodBox.setButtonCell(new MethodCell());
        methodBox.setCellFactory(l -> new MethodCell());
        methodBox.setOnAction(e -> requestDetail());
        targetBox.setId("saliency-target");
        targetBox.setButtonCell(new TargetCell());
        targetBox.setCellFactory(l -> new TargetCell());
        targetBox.setOnAction(e -> requestDetail());
        opacity.setId("saliency-opacity");
        opacity.setPrefWidth(110);
        opacity.valueProperty().addListener((o, was, now) -> saliencyView.setHeatOpacity(now.doubleValue()));
        saliencyView.setHeatOpacity(opacity.getValue());
        saliencyCaption.getStyleClass().add("muted");
        saliencyCaption.setWrapText(true);
        saliencyCaption.setId("saliency-caption");

        Button clear = new Button("Clear");
        clear.setId("draw-clear");
        clear.setOnAction(e -> pad.clear());
        Label padHint = new Label("Draw with the mouse");
        padHint.getStyleClass().add("muted");
        padBox.getChildren().setAll(pad, new HBox(8, clear, padHint));
        pad.setOnChange(values -> drawn(values));

        VBox imageBox = new VBox(4, saliencyView);
        probabilities.setId("class-probabilities");
        VBox probBox = new VBox(4, header("Class probabilities", probabilities, "probabilities"), probabilities);
        probBox.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane pictures = new FlowPane(14, 10, padBox, imageBox, probBox); // the bars wrap below when the pad needs the room
        pictures.setAlignment(Pos.TOP_LEFT);

        HBox methodRow = new HBox(8, fixed("Method"), methodBox, fixed("towards"), targetBox);
        methodRow.setAlignment(Pos.CENTER_LEFT);
        HBox opacityRow = new HBox(8, fixed("Heat-map opacity"), opacity);
        opacityRow.setAlignment(Pos.CENTER_LEFT);
        VBox controls = new VBox(6, methodRow, opacityRow);

        nodeBox.setId("quantum-node");
        nodeBox.setButtonCell(new NodeCell());
        nodeBox.setCellFactory(l -> new NodeCell());
        nodeBox.setOnAction(e -> {
            patch = defaultPatch(nodeBox.getValue());
            requestState();
        });
        patchLabel.getStyleClass().add("muted");
        patchLabel.setWrapText(true);
        patchLabel.setId("patch-label");
        statePanel.setId("inspect-state-panel");
        statePanel.setPrefHeight(430);
        statePanel.setMinHeight(300);
        HBox nodeRow = new HBox(8, new Label("Layer"), nodeBox);
        nodeRow.setAlignment(Pos.CENTER_LEFT);
        quantumBox.getChildren().setAll(header("Inside the quantum layers for this image", statePanel, "quantum-state"), nodeRow,
                patchLabel, statePanel);

        VBox pane = new VBox(8, modeRow, detailTitle, header("Saliency", saliencyView, "saliency"), pictures, controls,
                saliencyCaption, new Separator(), quantumBox);
        pane.setPadding(new Insets(8));
        pane.setId("inspect-detail");
        return pane;
    }

    /** A label that keeps its full text. */
    private static Label fixed(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** A section title with an "Export PNG" button for {@code target}. */
    private HBox header(String title, Node target, String name) {
        Label l = new Label(title);
        l.getStyleClass().add("section-title");
        return header(l, target, name);
    }

    private HBox header(Label title, Node target, String name) {
        Button export = new Button("PNG");
        export.setId("export-" + name);
        export.getStyleClass().add("export-button");
        export.setTooltip(new Tooltip("Export this view as a PNG image"));
        export.setOnAction(e -> exportPng(target, name));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox row = new HBox(6, title, grow, export);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private static ScrollPane scroll(Node n) {
        ScrollPane s = new ScrollPane(n);
        s.setFitToWidth(true);
        s.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        return s;
    }

    // ----- runs -----

    /** The runs whose folder holds a model, newest first. Reads the disk: never on the UI thread. */
    static List<RunRecord> runsWithModel(List<RunRecord> runs, Path projectFile) {
        List<RunRecord> out = new ArrayList<>();
        for (RunRecord r : runs) {
            if (RunFolder.of(r, projectFile).hasModel()) {
                out.add(0, r);
            }
        }
        return out;
    }

    /** Lists the project's runs that have a model; which do is asked of the disk in the background. */
    private void refreshRuns() {
        List<RunRecord> runs = doc.project().runs();
        Path file = doc.file();
        int generation = ++runsGeneration;
        if (runs.isEmpty()) {
            showRuns(List.of()); // nothing to look for
            return;
        }
        background.run("Looking for trained runs", r -> runsWithModel(runs, file), found -> {
            if (generation == runsGeneration) {
                showRuns(found);
            }
        }, e -> {
            if (generation == runsGeneration) {
                showRuns(List.of());
                alerts.error("Could not look for the project's trained runs", e);
            }
        });
    }

    private void showRuns(List<RunRecord> runs) {
        String wanted = wantedRun;
        wantedRun = null;
        RunRecord chosen = wanted == null ? null : runs.stream().filter(r -> r.id().equals(wanted)).findFirst().orElse(null);
        if (!runBox.getItems().equals(runs)) {
            RunRecord keep = runBox.getValue();
            runBox.getItems().setAll(runs);
            if (runs.isEmpty()) {
                runBox.setValue(null);
                showEmpty();
            } else if (chosen == null) {
                runBox.setValue(keep != null && runs.contains(keep) ? keep : runs.get(0)); // else the newest
                loadChosen();
            }
        }
        runBox.setDisable(runs.isEmpty());
        if (chosen != null) {
            runBox.setValue(chosen);
            loadChosen();
        }
    }

    /** Loads the run chosen in the picker unless it is the one loaded or loading. */
    private void loadChosen() {
        RunRecord r = runBox.getValue();
        if (r != null && !r.equals(requested)) {
            load(r);
        }
    }

    private void showEmpty() {
        worker.cancelAll();
        loaded = null;
        requested = null;
        runSummary.setText("");
        emptyMessage.setText("No trained run to inspect yet.\n\nTrain the model in the Train workspace, or from a terminal with\n"
                + "    qanvas train PROJECT.qanvas --record\n"
                + "then reopen the project: every recorded run whose folder holds model.zip is listed here.");
        view.setCenter(new StackPane(emptyMessage));
    }

    private void load(RunRecord run) {
        RunFolder folder = RunFolder.of(run, doc.file());
        requested = run;
        worker.cancelAll();
        runSummary.setText("Loading " + run.id() + "…");
        background.run("Loading " + run.id() + " for inspection", r -> {
            NumericEngine.start();
            r.message("reading the model and data");
            RunFolder.Opened opened = folder.open();
            InspectedModel model = new InspectedModel(opened.model(), opened.data());
            r.message("predicting the test split");
            Predictions p = model.predictTest();
            return new Loaded(run, model, p, model.data().test().valueRange());
        }, this::show, e -> {
            runSummary.setText("Could not load " + run.id());
            requested = null;
            alerts.error("Could not load " + run.id() + " from " + folder.path(), e);
        });
    }

    private void show(Loaded l) {
        if (!Objects.equals(runBox.getValue(), l.run())) {
            return; // another run was picked while this one loaded
        }
        loaded = l;
        Predictions p = l.predictions();
        int wrong = (int) Math.round((1 - p.accuracy()) * p.size());
        runSummary.setText(String.format(Locale.ROOT, "%s · %s · test accuracy %.1f%% (%,d images, %,d misclassified)",
                l.run().id(), l.model().data().name(), 100 * p.accuracy(), p.size(), wrong));
        view.setCenter(content);
        confusion.show(p.confusion(), p.classNames());
        List<Integer> filters = new ArrayList<>();
        filters.add(-1);
        for (int c = 0; c < p.classCount(); c++) {
            filters.add(c);
        }
        classFilter.getItems().setAll(filters);
        classFilter.setButtonCell(new ClassCell());
        classFilter.setCellFactory(x -> new ClassCell());
        classFilter.setValue(-1);
        List<Integer> targets = new ArrayList<>();
        targets.add(TARGET_PREDICTED);
        for (int c = 0; c < p.classCount(); c++) {
            targets.add(c);
        }
        targetBox.getItems().setAll(targets);
        targetBox.setValue(TARGET_PREDICTED);
        boolean digits = l.model().acceptsDrawnDigits();
        drawMode.setVisible(digits);
        drawMode.setManaged(digits);
        modeRow.setVisible(digits);
        modeRow.setManaged(digits);
        shownCell = null;
        subject = null;
        detail = null;
        testMode.setSelected(true);
        padBox.setVisible(false);
        padBox.setManaged(false);
        List<Predictions.Misclassification> shown = showMisclassifiedOrCell();
        if (!shown.isEmpty()) {
            selectTest(shown.get(0).index());
        } else if (p.size() > 0) {
            selectTest(0);
        }
        requestMeans();
    }

    // ----- gallery -----

    /** The confusion-matrix cell the gallery shows {true, predicted}, or null for the misclassified images. */
    private int[] shownCell;

    private void showCell(int trueClass, int predicted) {
        shownCell = new int[] {trueClass, predicted};
        showMisclassifiedOrCell();
    }

    /** Fills the gallery with the chosen cell's images, or else the misclassified ones of the class filter. */
    private List<Predictions.Misclassification> showMisclassifiedOrCell() {
        if (loaded == null) {
            return List.of();
        }
        Predictions p = loaded.predictions();
        Predictions.Order order = sortBox.getValue();
        List<Predictions.Misclassification> entries;
        String what;
        if (shownCell != null) {
            entries = p.cellEntries(shownCell[0], shownCell[1], order);
            what = "True " + p.classNames().get(shownCell[0]) + ", predicted " + p.classNames().get(shownCell[1]);
        } else {
            int c = classFilter.getValue() == null ? -1 : classFilter.getValue();
            entries = p.misclassified(order, c < 0 ? OptionalInt.empty() : OptionalInt.of(c));
            what = "Misclassified" + (c >= 0 ? " · true class " + p.classNames().get(c) : "");
        }
        galleryTitle.setText(what + " (" + entries.size() + (entries.size() > Gallery.LIMIT ? ", first " + Gallery.LIMIT + " shown" : "") + ")");
        gallery.show(entries, p.classNames(), this::thumbnail);
        if (subject != null && subject.testIndex() >= 0) {
            gallery.select(subject.testIndex());
        }
        return entries;
    }

    private Image thumbnail(int index) {
        ImageSet test = loaded.model().data().test();
        float[] range = loaded.range();
        return Pixels.image(test.width(), test.height(), Pixels.argb(test, index, range[0], range[1]), 56);
    }

    // ----- the detail pane -----

    private void showMode() {
        boolean drawing = drawMode.isSelected() && drawMode.isVisible();
        padBox.setVisible(drawing);
        padBox.setManaged(drawing);
        if (loaded == null) {
            return;
        }
        if (drawing) {
            drawn(pad.values());
        } else if (subject == null || subject.testIndex() < 0) {
            int index = gallery.shownCount() > 0 ? firstShown() : 0;
            selectTest(index);
        }
    }

    private int firstShown() {
        Predictions p = loaded.predictions();
        List<Predictions.Misclassification> m = p.misclassified(sortBox.getValue(), OptionalInt.empty());
        return m.isEmpty() ? 0 : m.get(0).index();
    }

    private void selectTest(int index) {
        if (loaded == null) {
            return;
        }
        ImageSet test = loaded.model().data().test();
        subject = new Subject(index, test.image(index), test.label(index));
        if (drawMode.isSelected()) {
            testMode.setSelected(true); // picking a test image leaves the drawing
        }
        gallery.select(index);
        showSubjectImage();
        requestDetail();
    }

    private void drawn(float[] raw) {
        if (loaded == null || !drawMode.isSelected()) {
            return;
        }
        subject = new Subject(-1, loaded.model().pipeline().apply(raw), -1);
        gallery.select(-1);
        showSubjectImage();
        requestDetail();
    }

    private void showSubjectImage() {
        Dataset d = loaded.model().data();
        int channels = d.channels();
        float[] gray = new float[d.width() * d.height()];
        for (int p = 0; p < gray.length; p++) {
            for (int c = 0; c < channels; c++) {
                gray[p] += subject.image()[p * channels + c] / channels;
            }
        }
        saliencyView.setImage(d.width(), d.height(), gray, loaded.range()[0], loaded.range()[1]);
    }

    /** Recomputes probabilities, saliency and the quantum layers' inputs for the subject (newest request wins). */
    private void requestDetail() {
        if (loaded == null || subject == null || methodBox.getValue() == null || targetBox.getValue() == null) {
            return;
        }
        Loaded l = loaded;
        Subject s = subject;
        Saliency.Method method = methodBox.getValue();
        int wanted = targetBox.getValue();
        saliencyCaption.setText("Computing " + method.label() + "…");
        worker.submit("detail", () -> {
            long t0 = System.nanoTime();
            InspectedModel m = l.model();
            var input = m.input(s.image());
            double[] probs = s.testIndex() >= 0 ? l.predictions().probabilities(s.testIndex()) : m.outputs(input)[0];
            int predicted = Predictions.argMax(probs);
            int target = wanted == TARGET_PREDICTED ? predicted : wanted;
            double[] attribution = m.attribution(method, InspectedModel.flat(input), target, Saliency.Settings.defaults());
            double[] heat = Saliency.heat(attribution, m.images() ? m.data().channels() : 1);
            List<QuantumStates.Node> nodes = QuantumStates.probe(m.network(), input);
            return new Detail(s, probs, predicted, target, heat, nodes, (System.nanoTime() - t0) / 1_000_000);
        }, d -> {
            if (loaded == l && subject == d.subject()) {
                showDetail(d);
            }
        }, e -> {
            saliencyCaption.setText("");
            alerts.error("Could not compute the saliency", e);
        });
    }

    private void showDetail(Detail d) {
        boolean sameNodes = detail != null && detail.nodes().size() == d.nodes().size();
        boolean sameSubject = detail != null && detail.subject() == d.subject();
        detail = d;
        Predictions p = loaded.predictions();
        List<String> names = p.classNames();
        Dataset data = loaded.model().data();
        saliencyView.setHeat(data.width(), data.height(), d.heat());
        probabilities.show(d.probabilities(), names, d.predicted(), d.subject().trueClass());
        String confidence = String.format(Locale.ROOT, "%.1f%%", 100 * d.probabilities()[d.predicted()]);
        if (d.subject().testIndex() >= 0) {
            int t = d.subject().trueClass();
            detailTitle.setText("Test image " + d.subject().testIndex() + " · true " + names.get(t) + " · predicted "
                    + names.get(d.predicted()) + " (" + confidence + ")" + (t == d.predicted() ? " ✓" : " ✗"));
        } else {
            detailTitle.setText("Your drawing · predicted " + names.get(d.predicted()) + " (" + confidence + ")");
        }
        Saliency.Method method = methodBox.getValue();
        String quantity = "d z / d x, z = the logit (pre-softmax output) of class " + names.get(d.target());
        saliencyCaption.setText(switch (method) {
            case VANILLA -> "Vanilla gradient: |" + quantity + "|";
            case SMOOTH_GRAD -> "SmoothGrad: |mean of " + quantity + "| over 25 copies with 15% Gaussian noise";
            case INTEGRATED_GRADIENTS -> "Integrated Gradients from a black image (32 steps): |(x − black) · mean " + quantity + "|";
        } + ". Brighter = larger; scaled to its 99th percentile. " + d.millis() + " ms, through the quantum layers."
                + (loaded.model().saliency().hasBatchNorm() ? " BatchNorm uses batch statistics here: approximate." : ""));
        showNodes(d.nodes(), sameNodes, sameSubject);
    }

    // ----- quantum layers -----

    /** Lists the subject's quantum layers, keeping the chosen layer, and the chosen patch while the image is the same. */
    private void showNodes(List<QuantumStates.Node> nodes, boolean keepChoice, boolean keepPatch) {
        quantumBox.setVisible(!nodes.isEmpty());
        quantumBox.setManaged(!nodes.isEmpty());
        if (nodes.isEmpty()) {
            return;
        }
        int chosen = keepChoice ? Math.max(0, nodeBox.getSelectionModel().getSelectedIndex()) : 0;
        nodeBox.setOnAction(null);
        nodeBox.getItems().setAll(nodes);
        nodeBox.getSelectionModel().select(Math.min(chosen, nodes.size() - 1));
        nodeBox.setOnAction(e -> {
            patch = defaultPatch(nodeBox.getValue());
            requestState();
        });
        if (!keepChoice || !keepPatch || patch >= nodeBox.getValue().count()) {
            patch = defaultPatch(nodeBox.getValue());
        }
        requestState();
    }

    /** For a quanvolution, the patch with the most saliency (where the model looked); else the only state. */
    private int defaultPatch(QuantumStates.Node node) {
        if (node == null || !node.isQuanvolution() || detail == null) {
            return 0;
        }
        Dataset d = loaded.model().data();
        double best = -1;
        int bestPatch = 0;
        for (int r = 0; r < node.rows(); r++) {
            for (int c = 0; c < node.columns(); c++) {
                double sum = 0;
                for (int dy = 0; dy < node.kernel(); dy++) {
                    for (int dx = 0; dx < node.kernel(); dx++) {
                        int y = r * node.stride() + dy;
                        int x = c * node.stride() + dx;
                        if (y < d.height() && x < d.width()) {
                            sum += detail.heat()[y * d.width() + x];
                        }
                    }
                }
                if (sum > best) {
                    best = sum;
                    bestPatch = node.patch(0, r, c);
                }
            }
        }
        return bestPatch;
    }

    /** A click on the image picks the quanvolution patch under it. */
    private void pickPatch(int x, int y) {
        QuantumStates.Node node = nodeBox.getValue();
        if (node == null || !node.isQuanvolution()) {
            return;
        }
        int r = Math.min(node.rows() - 1, y / node.stride());
        int c = Math.min(node.columns() - 1, x / node.stride());
        int channel = node.channels() > 1 ? patch / (node.rows() * node.columns()) : 0;
        patch = node.patch(channel, r, c);
        requestState();
    }

    private void requestState() {
        QuantumStates.Node node = nodeBox.getValue();
        if (node == null) {
            return;
        }
        int k = Math.min(patch, node.count() - 1);
        if (node.isQuanvolution()) {
            int per = node.rows() * node.columns();
            int channel = k / per;
            int r = (k % per) / node.columns();
            int c = k % node.columns();
            saliencyView.mark(c * node.stride(), r * node.stride(), node.kernel(), node.kernel());
            patchLabel.setText(String.format(Locale.ROOT, "Patch at row %d, column %d%s (%dx%d pixels, outlined) — click the image to pick another.",
                    r, c, node.channels() > 1 ? " of channel " + channel : "", node.kernel(), node.kernel()));
        } else {
            saliencyView.mark(0, 0, -1, -1);
            patchLabel.setText(node.circuit().qubits() + " qubits with this image's " + node.circuit().inputCount()
                    + " inputs and the trained weights bound.");
        }
        String caption = node.title() + (node.isQuanvolution() ? " · patch " + k : "") + " · inputs "
                + formatInputs(node.inputsOf(k));
        worker.submit("state", () -> node.report(k), report -> {
            if (nodeBox.getValue() == node) {
                statePanel.show(report);
                statePanel.setCaption(caption);
            }
        }, e -> statePanel.showError(Alerts.messageOf(e)));
    }

    private static String formatInputs(double[] x) {
        StringBuilder s = new StringBuilder("x = [");
        for (int i = 0; i < Math.min(x.length, 8); i++) {
            s.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.2f", x[i]));
        }
        return s.append(x.length > 8 ? ", …]" : "]").toString();
    }

    // ----- mean saliency per class -----

    private void requestMeans() {
        Loaded l = loaded;
        meanRow.getChildren().clear();
        meanStatus.setText("Computing the mean vanilla-gradient map of up to " + MEAN_SAMPLES + " test images per class…");
        int classes = l.predictions().classCount();
        worker.submit("mean", () -> {
            double[][] maps = new double[classes][];
            for (int c = 0; c < classes; c++) {
                maps[c] = l.model().meanHeat(c, MEAN_SAMPLES, 7);
            }
            return maps;
        }, maps -> {
            if (loaded != l) {
                return;
            }
            Dataset d = l.model().data();
            for (int c = 0; c < maps.length; c++) {
                SaliencyView small = new SaliencyView(56);
                small.setId("mean-saliency-" + c);
                if (maps[c].length > 0) {
                    small.setHeat(d.width(), d.height(), maps[c]);
                }
                Label name = new Label(l.predictions().classNames().get(c));
                name.getStyleClass().add("muted");
                VBox box = new VBox(2, small, name);
                box.setAlignment(Pos.CENTER);
                meanRow.getChildren().add(box);
            }
            meanStatus.setText("Mean |d logit / d x| of up to " + MEAN_SAMPLES + " test images of each class, towards their own class.");
        }, e -> meanStatus.setText("Could not compute the mean saliency: " + Alerts.messageOf(e)));
    }

    // ----- export -----

    private void exportPng(Node target, String name) {
        FileChooser chooser = FileChoosers.nearDocument(doc.file(), "Export PNG", "PNG image", "*.png");
        chooser.setInitialFileName((loaded == null ? "inspect" : loaded.run().id()) + "-" + name + ".png");
        File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            exportPng(target, FileChoosers.withExtension(file.toPath(), ".png"));
        }
    }

    /** Writes a snapshot of {@code target} (twice the screen resolution, on white) to {@code path} off the UI thread. */
    void exportPng(Node target, Path path) {
        WritableImage image = FileChoosers.snapshot(target);
        background.run("Saving " + path.getFileName(), r -> {
            ProjectFiles.writeAtomically(path, FileChoosers.png(image));
            return path;
        }, p -> alerts.status("Saved " + p.getFileName()), e -> alerts.error("Could not save " + path.getFileName(), e));
    }

    // ----- cells -----

    private final class RunCell extends ListCell<RunRecord> {
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

    private static final class MethodCell extends ListCell<Saliency.Method> {
        @Override
        protected void updateItem(Saliency.Method m, boolean empty) {
            super.updateItem(m, empty);
            setText(empty || m == null ? null : m.label());
        }
    }

    private static final class OrderCell extends ListCell<Predictions.Order> {
        @Override
        protected void updateItem(Predictions.Order o, boolean empty) {
            super.updateItem(o, empty);
            setText(empty || o == null ? null : o == Predictions.Order.MOST_CONFIDENT_FIRST ? "Most confident first" : "Least confident first");
        }
    }

    private final class TargetCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null || loaded == null ? null
                    : c == TARGET_PREDICTED ? "Predicted class" : "class " + loaded.predictions().classNames().get(c));
        }
    }

    private final class ClassCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null || loaded == null ? null : c < 0 ? "All" : loaded.predictions().classNames().get(c));
        }
    }

    private static final class NodeCell extends ListCell<QuantumStates.Node> {
        @Override
        protected void updateItem(QuantumStates.Node n, boolean empty) {
            super.updateItem(n, empty);
            setText(empty || n == null ? null : n.title() + " · " + n.circuit().qubits() + " qubits"
                    + (n.isQuanvolution() ? " · " + n.count() + " patches" : ""));
        }
    }
}
