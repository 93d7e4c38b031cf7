package dev.qanvas.ui.inspect;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.insight.InspectedModel;
import dev.qanvas.insight.Predictions;
import dev.qanvas.insight.QuantumStates;
import dev.qanvas.insight.Saliency;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunRecord;
import dev.qanvas.quantum.StateReport;
import dev.qanvas.ui.common.ClassMetricsView;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.common.ChartView;
import dev.qanvas.ui.common.FileChoosers;
import dev.qanvas.ui.common.LatestWorker;
import dev.qanvas.ui.common.Pixels;
import dev.qanvas.ui.common.StatePanel;
import dev.qanvas.ui.common.Workspace;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
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
 * confidence (or why there are none), and for the selected image: the image beside a saliency heat
 * map over it (vanilla gradient,
 * SmoothGrad or Integrated Gradients of a class logit, through the quantum layers), the class
 * probabilities, and the state inside each quantum layer for that input. The mean saliency of
 * each class sits under the matrix; for MNIST-like data a pad lets the user draw a digit and see
 * all of it update as they draw. Every view exports as PNG.
 *
 * <p>Runs come from the project's run records whose folder holds {@code model.zip} and
 * {@code project.qanvas} (what {@code qanvas train --record} and the Train workspace write), and
 * kernel runs, which show their own pages instead ({@link KernelRunView}: the Gram matrix, its
 * diagnostics, the confusion matrix, mistakes and support vectors).
 * Loading runs on {@link Background}; all model work then runs on one {@link LatestWorker}
 * thread, newest request first.
 */
public final class InspectWorkspace implements Workspace {

    private static final int VIEW_SIZE = 224;

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
    /** The pages of a loaded run: what the model predicts, how robust it is, and how it fares under noise, and which labels look wrong. */
    private final TabPane pages = new TabPane();
    private final RobustnessView robustnessView;
    private final LabelIssuesView labelIssuesView;
    private final NoiseView noiseView;
    /** A kernel run's pages (Gram matrix and diagnostics; predictions and support vectors) in place of {@link #pages}. */
    private final KernelRunView kernelView;

    private final ConfusionMatrixView confusion = new ConfusionMatrixView();
    private final ClassMetricsView classMetrics = new ClassMetricsView();
    private final FlowPane meanRow = new FlowPane(6, 6);
    private final Label meanStatus = new Label();

    private final Gallery gallery = new Gallery();
    private final Label galleryTitle = new Label();
    private final ComboBox<Predictions.Order> sortBox = new ComboBox<>();
    private final ComboBox<Integer> classFilter = new ComboBox<>();

    private final Label detailTitle = new Label();
    private final SaliencyView saliencyView = new SaliencyView(VIEW_SIZE);
    /** The image alone, beside the heat map (which dims it and covers its strokes). */
    private final SaliencyView originalView = new SaliencyView(VIEW_SIZE / 2);
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
    private final StatePanel statePanel = new StatePanel(false); // the detail page scrolls, not the panel inside it
    private final VBox quantumBox = new VBox(6);
    private final PhotonicLayersView photonicLayers = new PhotonicLayersView();
    private final QrnnStepsView qrnnSteps;

    private final InspectViewModel vm;
    /** Set while the mode toggles follow the view model (not the user). */
    private boolean mirroringMode;

    public InspectWorkspace(DocumentModel doc, Background background, Supplier<Window> owner, Alerts alerts) {
        this.doc = doc;
        this.background = background;
        this.owner = owner;
        this.alerts = alerts;
        vm = new InspectViewModel(doc, InspectJobs.of(background, worker), alerts::error);
        robustnessView = new RobustnessView(vm, this::save);
        labelIssuesView = new LabelIssuesView(vm.labelIssues());
        noiseView = new NoiseView(vm, this::save);
        qrnnSteps = new QrnnStepsView(this::save);
        kernelView = new KernelRunView(vm.kernel(), this::header, this::save);
        build();
        bind();
        vm.refreshRuns();
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
    public InspectedModel model() { return vm.model(); }
    public Predictions predictions() { return vm.predictions(); }
    /** The kernel run shown, or null. */
    public InspectKernel.Loaded kernelRun() { return vm.kernel().loaded(); }
    InspectViewModel viewModel() { return vm; }
    SaliencyView saliencyView() { return saliencyView; }
    SaliencyView originalView() { return originalView; }
    RobustnessView robustnessView() { return robustnessView; }
    LabelIssuesView labelIssuesView() { return labelIssuesView; }
    NoiseView noiseView() { return noiseView; }
    TabPane pages() { return pages; }
    KernelRunView kernelView() { return kernelView; }
    Gallery gallery() { return gallery; }
    StatePanel statePanel() { return statePanel; }
    /** Model work queued or running (tests wait for 0). */
    int pendingWork() { return vm.pendingWork(); }
    /** The predicted class of the detail pane's image, or -1 before one is computed. */
    int shownPrediction() { return vm.shownPrediction(); }
    boolean showsDrawing() { return vm.showsDrawing(); }

    /** Shows the run with this id (the newest of that id), if it has a model on disk (looked for in the background). */
    public void select(String runId) {
        vm.select(runId);
    }

    /** Shows a run no project recorded (a sweep's point): see {@link InspectViewModel#open}. */
    public void open(RunRecord run) {
        vm.open(run);
    }

    public void shutdown() {
        vm.shutdown();
    }

    // ----- layout -----

    private void build() {
        view.getStyleClass().add("inspect-workspace");
        view.setTop(toolbar());

        emptyMessage.setId("inspect-empty");
        emptyMessage.getStyleClass().add("inspect-empty");
        emptyMessage.setWrapText(true);
        emptyMessage.setMaxWidth(520);

        classMetrics.setId("inspect-class-metrics");
        VBox left = new VBox(8, header("Confusion matrix · test split", confusion, "confusion-matrix"), confusion, classMetrics,
                new Separator(), header("Mean saliency per class", meanRow, "mean-saliency"), meanStatus, meanRow);
        left.setPadding(new Insets(8));
        confusion.setId("confusion-matrix");
        confusion.setOnCell(vm::showCell);
        meanRow.setId("mean-saliency");
        meanRow.setPrefWrapLength(300);
        meanStatus.getStyleClass().add("muted");
        meanStatus.setWrapText(true);
        ScrollPane leftScroll = scroll(left);
        leftScroll.setMinWidth(250);

        gallery.setId("misclassified-gallery");
        gallery.setOnSelect(vm::selectTest);
        sortBox.setId("gallery-sort");
        sortBox.getItems().setAll(Predictions.Order.values());
        sortBox.setButtonCell(new InspectCells.OrderCell());
        sortBox.setCellFactory(l -> new InspectCells.OrderCell());
        classFilter.setId("gallery-class");
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
        Tab predictions = new Tab("Predictions", content);
        predictions.setId("inspect-predictions-tab");
        Tab robustness = new Tab("Robustness", robustnessView);
        robustness.setId("inspect-robustness-tab");
        Tab labelIssues = new Tab("Label issues", labelIssuesView);
        labelIssues.setId("inspect-label-issues-tab");
        Tab noise = new Tab("Noise", noiseView);
        noise.setId("inspect-noise-tab");
        pages.getTabs().setAll(predictions, robustness, noise, labelIssues);
        pages.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        pages.setId("inspect-pages");
        view.setCenter(new StackPane(emptyMessage));
    }

    private ToolBar toolbar() {
        runBox.setId("inspect-run");
        runBox.setCellFactory(l -> new InspectCells.RunCell());
        runBox.setButtonCell(new InspectCells.RunCell());
        runBox.setPrefWidth(300);
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
            } else if (!mirroringMode) {
                vm.selectMode(drawMode.isSelected(), pad.values());
            }
        });
        modeRow.getChildren().setAll(testMode, drawMode);
        modeRow.getStyleClass().add("segmented");

        detailTitle.setId("detail-title");
        detailTitle.getStyleClass().add("detail-title");
        detailTitle.setWrapText(true);

        saliencyView.setId("saliency-view");
        saliencyView.setOnPixel(vm::pickPatch);
        methodBox.setId("saliency-method");
        methodBox.getItems().setAll(Saliency.Method.values());
        methodBox.setButtonCell(new InspectCells.MethodCell());
        methodBox.setCellFactory(l -> new InspectCells.MethodCell());
        targetBox.setId("saliency-target");
        targetBox.setButtonCell(new InspectCells.TargetCell(vm));
        targetBox.setCellFactory(l -> new InspectCells.TargetCell(vm));
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
        pad.setOnChange(vm::drawn);

        originalView.setId("saliency-original");
        originalView.setOnPixel(vm::pickPatch);
        Label originalCaption = new Label("Image");
        Label heatCaption = new Label("Saliency");
        originalCaption.getStyleClass().add("muted");
        heatCaption.getStyleClass().add("muted");
        HBox imageBox = new HBox(8, new VBox(2, originalCaption, originalView), new VBox(2, heatCaption, saliencyView));
        imageBox.setId("saliency-images");
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
        nodeBox.setButtonCell(new InspectCells.NodeCell());
        nodeBox.setCellFactory(l -> new InspectCells.NodeCell());
        patchLabel.getStyleClass().add("muted");
        patchLabel.setWrapText(true);
        patchLabel.setId("patch-label");
        statePanel.setId("inspect-state-panel");
        statePanel.setMinHeight(Region.USE_PREF_SIZE);
        HBox nodeRow = new HBox(8, new Label("Layer"), nodeBox);
        nodeRow.setAlignment(Pos.CENTER_LEFT);
        quantumBox.getChildren().setAll(header("Inside the quantum layers for this image", statePanel, "quantum-state"), nodeRow,
                patchLabel, statePanel);

        VBox pane = new VBox(8, modeRow, detailTitle, header("Saliency", imageBox, "saliency"), pictures, controls,
                saliencyCaption, new Separator(), qrnnSteps, quantumBox, photonicLayers);
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

    /** The runs whose folder holds a model, newest first. Reads the disk: never on the UI thread. */
    static List<RunRecord> runsWithModel(List<RunRecord> runs, Path projectFile) {
        return InspectRuns.runsWithModel(runs, projectFile);
    }

    // ----- what the view model shows -----

    private void bind() {
        runBox.setItems(vm.runs());
        runBox.valueProperty().bindBidirectional(vm.chosenRunProperty());
        runBox.disableProperty().bind(vm.noRunsProperty());
        runSummary.textProperty().bind(vm.summaryProperty());
        emptyMessage.textProperty().bind(vm.emptyTextProperty());
        sortBox.valueProperty().bindBidirectional(vm.orderProperty());
        classFilter.setItems(vm.classFilters());
        classFilter.valueProperty().bindBidirectional(vm.classFilterProperty());
        galleryTitle.textProperty().bind(vm.galleryTitleProperty());
        gallery.emptyTextProperty().bind(vm.galleryEmptyProperty());
        methodBox.valueProperty().bindBidirectional(vm.methodProperty());
        targetBox.setItems(vm.targets());
        targetBox.valueProperty().bindBidirectional(vm.targetProperty());
        drawMode.visibleProperty().bind(vm.drawOfferedProperty());
        drawMode.managedProperty().bind(vm.drawOfferedProperty());
        modeRow.visibleProperty().bind(vm.drawOfferedProperty());
        modeRow.managedProperty().bind(vm.drawOfferedProperty());
        padBox.visibleProperty().bind(vm.padShownProperty());
        padBox.managedProperty().bind(vm.padShownProperty());
        vm.drawModeProperty().addListener((o, was, now) -> {
            mirroringMode = true;
            try {
                (now ? drawMode : testMode).setSelected(true);
            } finally {
                mirroringMode = false;
            }
        });
        detailTitle.textProperty().bind(vm.detailTitleProperty());
        saliencyCaption.textProperty().bind(vm.saliencyCaptionProperty());
        vm.detailProperty().addListener((o, was, d) -> {
            if (d != null) {
                Dataset data = vm.model().data();
                saliencyView.setHeat(data.width(), data.height(), d.heat());
                probabilities.show(d.probabilities(), vm.classNames(), d.predicted(), d.subject().trueClass());
                qrnnSteps.show(d.qrnn(), vm.classNames());
            }
            photonicLayers.show(d == null ? java.util.List.of() : d.photonic());
        });
        nodeBox.setItems(vm.nodes());
        nodeBox.valueProperty().bindBidirectional(vm.nodeProperty());
        quantumBox.visibleProperty().bind(vm.quantumShownProperty());
        quantumBox.managedProperty().bind(vm.quantumShownProperty());
        patchLabel.textProperty().bind(vm.patchTextProperty());
        meanStatus.textProperty().bind(vm.meanStatusProperty());
        vm.meansProperty().addListener((o, was, maps) -> showMeans(maps));
        vm.setListener(new InspectViewModel.Listener() {
            @Override
            public void runShown(InspectViewModel.Loaded l) {
                view.setCenter(pages);
                confusion.show(l.predictions().confusion(), l.predictions().classNames());
                classMetrics.show(l.metrics(), l.predictions().classNames()); // the network's own outputs, as the matrix
                classFilter.setButtonCell(new InspectCells.ClassCell(vm));
                classFilter.setCellFactory(x -> new InspectCells.ClassCell(vm));
            }

            @Override
            public void kernelShown(InspectKernel.Loaded l) {
                view.setCenter(kernelView);
                kernelView.show(l);
            }

            @Override
            public void emptied() {
                view.setCenter(new StackPane(emptyMessage));
            }

            @Override
            public void cellCleared() {
                confusion.clearSelection();
            }

            @Override
            public void galleryShown(List<Predictions.Misclassification> entries) {
                gallery.show(entries, vm.classNames(), InspectWorkspace.this::thumbnail);
            }

            @Override
            public void gallerySelected(int index) {
                gallery.select(index);
            }

            @Override
            public void subjectShown(InspectViewModel.Subject subject) {
                Dataset d = vm.model().data();
                float[] range = vm.loaded().range();
                saliencyView.setImage(d.width(), d.height(), vm.subjectGray(), range[0], range[1]);
                originalView.setImage(d.width(), d.height(), vm.subjectGray(), range[0], range[1]);
            }

            @Override
            public void patchMarked(int x, int y, int width, int height) {
                saliencyView.mark(x, y, width, height);
                originalView.mark(x, y, width, height);
            }

            @Override
            public void stateShown(StateReport report, String caption) {
                statePanel.show(report);
                statePanel.setCaption(caption);
            }

            @Override
            public void stateFailed(String message) {
                statePanel.showError(message);
            }
        });
    }

    private Image thumbnail(int index) {
        ImageSet test = vm.model().data().test();
        float[] range = vm.loaded().range();
        return Pixels.image(test.width(), test.height(), Pixels.argb(test, index, range[0], range[1]), 56);
    }

    /** The mean saliency of each class under the matrix; none while they are computed. */
    private void showMeans(double[][] maps) {
        meanRow.getChildren().clear();
        if (maps == null) {
            return;
        }
        Dataset d = vm.model().data();
        List<String> names = vm.classNames();
        for (int c = 0; c < maps.length; c++) {
            SaliencyView small = new SaliencyView(56);
            small.setId("mean-saliency-" + c);
            if (maps[c].length > 0) {
                small.setHeat(d.width(), d.height(), maps[c]);
            }
            Label name = new Label(names.get(c));
            name.getStyleClass().add("muted");
            VBox box = new VBox(2, small, name);
            box.setAlignment(Pos.CENTER);
            meanRow.getChildren().add(box);
        }
    }

    // ----- export -----

    private void exportPng(Node target, String name) {
        FileChooser chooser = FileChoosers.nearDocument(doc.file(), "Export PNG", "PNG image", "*.png");
        chooser.setInitialFileName(vm.exportName(name));
        File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            exportPng(target, FileChoosers.withExtension(file.toPath(), ".png"));
        }
    }

    /** Writes a snapshot of {@code target} (twice the screen resolution, on white) to {@code path} off the UI thread. */
    void exportPng(Node target, Path path) {
        WritableImage image = FileChoosers.snapshot(target);
        write(path, () -> FileChoosers.png(image));
    }

    private void write(Path path, java.util.concurrent.Callable<byte[]> bytes) {
        background.run("Saving " + path.getFileName(), r -> {
            ProjectFiles.writeAtomically(path, bytes.call());
            return path;
        }, p -> alerts.status("Saved " + p.getFileName()), e -> alerts.error("Could not save " + path.getFileName(), e));
    }

    /** A chart's export ({@link ChartView.Exporter}): asks where, then writes the bytes off the UI thread. */
    private void save(String name, String extension, byte[] bytes) {
        FileChooser chooser = FileChoosers.nearDocument(doc.file(), "Export " + extension.toUpperCase(java.util.Locale.ROOT),
                extension.toUpperCase(java.util.Locale.ROOT) + " file", "*." + extension);
        chooser.setInitialFileName(vm.exportName(name).replaceAll("\\.png$", "." + extension));
        File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            write(FileChoosers.withExtension(file.toPath(), "." + extension), () -> bytes);
        }
    }
}
