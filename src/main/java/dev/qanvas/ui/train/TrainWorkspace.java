package dev.qanvas.ui.train;

import dev.qanvas.project.RunHistory;
import dev.qanvas.project.RunRecord;
import dev.qanvas.ui.common.ClassMetricsView;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.common.FileChoosers;
import dev.qanvas.ui.common.LatestWorker;
import dev.qanvas.ui.common.Workspace;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The Train workspace: the training settings and Start / Pause / Resume / Stop on the left, live
 * charts in the middle, the project's runs (overlay any of them) and the entanglement-loss
 * correlation on the right.
 *
 * <p>The views only: what they show and what the buttons do is the {@link TrainViewModel}'s.
 * Loading, compiling and training run off the UI thread through the shared
 * {@link dev.qanvas.project.RunSession} (the same flow as {@code qanvas train}). The training
 * thread only puts events in a queue; a timeline has the view model drain it
 * {@link #TICKS_PER_SECOND} times a second, so thousands of batches a second cost the UI a
 * handful of redraws. The fit check runs on this workspace's own single thread (the newest check
 * wins).
 */
public final class TrainWorkspace implements Workspace {

    /** How often queued training events are applied and the charts redrawn. */
    static final int TICKS_PER_SECOND = 6;

    // (tests)
    public enum State { IDLE, PREPARING, RUNNING, PAUSED, STOPPING }

    private final DocumentModel doc;
    private final Supplier<Window> owner;
    private final TrainViewModel vm;

    private final BorderPane root = new BorderPane();
    private final SettingsForm form = new SettingsForm();
    private final Label adversarialNote = new Label();
    private final TrainCharts charts;
    private final RunList runList = new RunList();
    private final Button start = new Button("Start");
    private final Button startWithTwin = new Button("Train with classical twin");
    private final Button pause = new Button("Pause");
    private final Button resume = new Button("Resume");
    private final Button stop = new Button("Stop");
    private final Label blocked = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("Not started");
    private final Label speedText = new Label();
    private final Label status = new Label();
    private final Button inspectRun = new Button();
    private final ClassMetricsView runMetrics = new ClassMetricsView();
    private Consumer<String> onInspect = id -> { };
    private final VBox correlation = new VBox(4);
    private final Label correlationValues = new Label();
    private final Label correlationHelp = new Label();

    private final Label kernelSetup = new Label();
    private final Label hint = new Label();
    private final VBox settingsBox = new VBox(8);
    private final StackPane centre = new StackPane();
    private KernelResultsView kernelResults;

    private final Timeline ticker;
    /** Fit checks run on the app's newest-request-wins worker: a check still waiting is replaced by a newer one. */
    private final LatestWorker fitChecker = new LatestWorker("qanvas-train-fit-check");

    public TrainWorkspace(DocumentModel doc, Background background, Supplier<Window> owner, Alerts alerts) {
        this.doc = doc;
        this.owner = owner;
        this.charts = new TrainCharts(this::export);
        this.vm = new TrainViewModel(doc, background::run, Platform::runLater,
                check -> fitChecker.submit("fit", () -> {
                    check.run();
                    return null;
                }, done -> { }, failed -> { }), TrainWorkspace::trainingThread,
                new TrainViewModel.Notices() {
                    @Override
                    public void error(String title, Throwable error) {
                        alerts.error(title, error);
                    }

                    @Override
                    public void status(String message) {
                        alerts.status(message);
                    }
                }, new TrainViewModel.Display() {
                    @Override
                    public void showRows(List<TrainViewModel.RunRow> rows) {
                        runList.setRuns(rows.stream().map(r -> new RunList.Item(r.id(), r.title(), r.detail(), r.shown())).toList());
                        form.setRuns(doc.project().runs()); // "Start from" offers them
                    }

                    @Override
                    public void showRuns(List<RunHistory> runs, List<String> ids) {
                        charts.show(runs);
                        runList.setColours(ids);
                    }

                    @Override
                    public void mute(String key) {
                        charts.mute(key);
                    }

                    @Override
                    public void refresh() {
                        charts.refresh();
                    }
                });
        ticker = new Timeline(new KeyFrame(Duration.millis(1000.0 / TICKS_PER_SECOND), e -> vm.tick()));
        ticker.setCycleCount(Animation.INDEFINITE);
        build();
        bind();
        vm.open();
        updateControls();
        if (Boolean.getBoolean("qanvas.frameStats")) {
            FrameMonitor.startLogging(root, 10);
        }
    }

    /** Each run trains on a daemon thread of its own. */
    private static void trainingThread(Runnable run) {
        Thread t = new Thread(run, "qanvas-train-session");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public String id() {
        return "train";
    }

    @Override
    public String title() {
        return "Train";
    }

    @Override
    public Node view() {
        return root;
    }

    // (tests)
    public State state() {
        return vm.state();
    }

    TrainCharts charts() {
        return charts;
    }

    TrainViewModel viewModel() {
        return vm;
    }

    KernelResultsView kernelResults() {
        return kernelResults;
    }

    // ----- layout -----

    private void build() {
        root.setId("train-workspace");
        root.getStyleClass().add("train-workspace");

        start.setId("train-start");
        pause.setId("train-pause");
        resume.setId("train-resume");
        stop.setId("train-stop");
        start.getStyleClass().add("accent-button");
        start.setTooltip(new Tooltip("Train the model with these settings; the run is kept in the project"));
        pause.setTooltip(new Tooltip("Pause after the current batch"));
        resume.setTooltip(new Tooltip("Continue training"));
        stop.setTooltip(new Tooltip("Stop after the current batch; the model as it is and its results are saved"));
        start.setOnAction(e -> vm.start());
        startWithTwin.setId("train-start-twin");
        startWithTwin.setMaxWidth(Double.MAX_VALUE);
        startWithTwin.setTooltip(new Tooltip("Train this model, then the same model with every quantum layer swapped for its "
                + "classical twin (same settings and data; your model is not changed), and overlay the two runs"));
        startWithTwin.setOnAction(e -> vm.startWithTwin());
        pause.setOnAction(e -> vm.pause());
        resume.setOnAction(e -> vm.resume());
        stop.setOnAction(e -> vm.stop());
        for (Button b : List.of(start, pause, resume, stop)) {
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        HBox buttons = new HBox(6, start, pause, resume, stop);
        blocked.setId("train-blocked");
        blocked.getStyleClass().addAll("error-text", "train-blocked");
        blocked.setWrapText(true);
        blocked.setMinHeight(Region.USE_PREF_SIZE);
        progress.setId("train-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progressText.setId("train-progress-text");
        progressText.getStyleClass().add("train-progress-text");
        speedText.setId("train-speed");
        speedText.getStyleClass().add("muted");
        speedText.setWrapText(true);
        progressText.setWrapText(true);
        status.setId("train-status");
        status.getStyleClass().add("train-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        form.setOnEdit(vm::editSettings);
        form.setMinHeight(Region.USE_PREF_SIZE); // the scroll pane fits the pane's height: never squeeze the form's rows together
        adversarialNote.setId("train-adversarial-note");
        adversarialNote.getStyleClass().add("muted");
        adversarialNote.setWrapText(true);
        adversarialNote.setMinHeight(Region.USE_PREF_SIZE);
        adversarialNote.managedProperty().bind(adversarialNote.visibleProperty());

        inspectRun.setId("train-inspect");
        inspectRun.setVisible(false);
        inspectRun.managedProperty().bind(inspectRun.visibleProperty());
        inspectRun.setOnAction(e -> onInspect.accept(vm.inspectableProperty().get()));

        kernelSetup.setId("train-kernel-setup");
        kernelSetup.setWrapText(true);
        kernelSetup.setMinHeight(Region.USE_PREF_SIZE);
        settingsBox.getChildren().setAll(form, adversarialNote);
        // "Inspect this run" sits under the buttons: with a long settings form, the bottom of the pane is out of view
        VBox left = new VBox(8, title("Training settings"), settingsBox, title("Run"), buttons, inspectRun, startWithTwin, blocked, progress,
                progressText, speedText, status, runMetrics);
        left.setPadding(new Insets(10, 12, 12, 12));
        left.getStyleClass().add("train-left");
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setFitToHeight(true);
        leftScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        leftScroll.setMinWidth(240);

        kernelResults = new KernelResultsView(vm.kernelRows(), vm.kernelDiagnosticsProperty(), this::export);
        centre.getChildren().setAll(charts);
        centre.setPadding(new Insets(8));
        centre.getStyleClass().add("train-centre");

        runList.setOnToggle(item -> vm.showRun(item.id(), item.isShown()));
        VBox.setVgrow(runList, Priority.ALWAYS);
        correlation.setId("train-correlation");
        correlation.getStyleClass().add("train-correlation");
        correlationValues.setId("train-correlation-values");
        correlationValues.getStyleClass().add("correlation-values");
        correlationValues.setWrapText(true);
        correlationHelp.getStyleClass().addAll("muted", "correlation-help");
        correlationHelp.setWrapText(true);
        correlation.getChildren().addAll(title("Entanglement and loss"), correlationValues, correlationHelp);
        hint.setText("Tick runs to overlay them on the charts.");
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        VBox right = new VBox(8, title("Runs"), hint, runList, correlation);
        right.setPadding(new Insets(10, 12, 12, 12));
        right.setMinWidth(230);
        right.getStyleClass().add("train-right");

        SplitPane split = new SplitPane(leftScroll, centre, right);
        split.setDividerPositions(0.2, 0.78);
        SplitPane.setResizableWithParent(leftScroll, false);
        SplitPane.setResizableWithParent(right, false);
        root.setCenter(split);
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    /** The views follow the view model. */
    private void bind() {
        vm.settingsValidProperty().bind(form.validProperty());
        vm.settingsProperty().addListener((o, a, b) -> form.show(b));
        adversarialNote.textProperty().bind(vm.adversarialNoteProperty());
        runMetrics.setId("train-class-metrics");
        vm.metricsProperty().addListener((o, a, m) -> {
            if (m == null) {
                runMetrics.clear();
            } else {
                runMetrics.show(m.metrics(), m.classNames());
            }
        });
        adversarialNote.visibleProperty().bind(vm.adversarialNoteProperty().isNotEmpty());
        vm.stateProperty().addListener((o, a, b) -> updateControls());
        vm.blockedProperty().addListener((o, a, b) -> updateControls());
        vm.twinPossibleProperty().addListener((o, a, b) -> updateControls());
        progress.progressProperty().bind(vm.progressProperty());
        progressText.textProperty().bind(vm.progressTextProperty());
        speedText.textProperty().bind(vm.speedTextProperty());
        status.textProperty().bind(vm.statusProperty());
        vm.statusFailedProperty().addListener((o, a, b) -> {
            status.getStyleClass().remove("error-text");
            if (b) {
                status.getStyleClass().add("error-text");
            }
        });
        vm.inspectableProperty().addListener((o, a, b) -> {
            if (b != null) {
                inspectRun.setText("Inspect " + b + " →");
            }
            inspectRun.setVisible(b != null);
        });
        vm.tickingProperty().addListener((o, a, b) -> {
            if (b) {
                ticker.play();
            } else {
                ticker.stop();
            }
        });
        correlationValues.textProperty().bind(vm.correlationProperty());
        correlationHelp.textProperty().bind(vm.correlationHelpProperty());
        kernelSetup.textProperty().bind(vm.kernelSetupProperty());
        vm.kernelProjectProperty().addListener((o, a, b) -> showKind());
        showKind();
    }

    /** A kernel project trains no network: its description and comparison table replace the settings form and the charts. */
    private void showKind() {
        boolean kernel = vm.isKernel();
        settingsBox.getChildren().setAll(kernel ? List.of(kernelSetup) : List.of(form, adversarialNote));
        centre.getChildren().setAll(kernel ? kernelResults : charts);
        hint.setText(kernel ? "The project's runs: open one in Inspect to see its Gram matrix." : "Tick runs to overlay them on the charts.");
        correlation.setVisible(!kernel);
        correlation.setManaged(!kernel);
        startWithTwin.setVisible(!kernel);
        startWithTwin.setManaged(!kernel);
        start.setTooltip(new Tooltip(kernel ? "Compute the quantum Gram matrix, then cross-validate and test the QSVM, the RBF SVM and the"
                + " random forest; the run is kept in the project" : "Train the model with these settings; the run is kept in the project"));
        stop.setTooltip(new Tooltip(kernel ? "Stop the kernel run (at the next Gram-matrix row or fold); nothing is saved"
                : "Stop after the current batch; the model as it is and its results are saved"));
        updateControls();
    }

    private void updateControls() {
        State s = vm.state();
        String reason = vm.blockedProperty().get();
        boolean isBlocked = !reason.isEmpty();
        start.setDisable(s != State.IDLE || isBlocked);
        startWithTwin.setDisable(!vm.twinPossibleProperty().get());
        blocked.setText(reason);
        blocked.setVisible(isBlocked);
        blocked.setManaged(isBlocked);
        boolean kernel = vm.isKernel(); // a kernel run cannot pause
        pause.setDisable(s != State.RUNNING || kernel);
        resume.setDisable(s != State.PAUSED);
        pause.setVisible(s != State.PAUSED && !kernel);
        pause.setManaged(s != State.PAUSED && !kernel);
        resume.setVisible(s == State.PAUSED);
        resume.setManaged(s == State.PAUSED);
        stop.setDisable(s != State.RUNNING && s != State.PAUSED);
        form.setDisable(s != State.IDLE);
    }

    /** What "Inspect run-N" does with the run's id (the main window opens the Inspect workspace on it). */
    public void setOnInspect(Consumer<String> action) {
        onInspect = action;
    }

    /** Overlays runs no project recorded (a sweep's ticked points) on the charts: see {@link TrainViewModel#overlay}. */
    public void overlay(List<RunRecord> runs) {
        vm.overlay(runs);
    }

    /** True while a run is being prepared, trains, is paused or is stopping. */
    public boolean isBusy() {
        return vm.isBusy();
    }

    /**
     * Stops the run in progress, lets it write its folder and record itself in the project that
     * started it, then runs {@code after}: opening another project or quitting mid-run must not
     * drop the run or record it in the wrong project.
     */
    public void stopThen(Runnable after) {
        vm.stopThen(after);
    }

    // ----- export -----

    private void export(String name, String extension, byte[] bytes) {
        String kind = extension.equals("png") ? "PNG image" : "CSV table";
        FileChooser chooser = FileChoosers.nearDocument(doc.file(), "Export the chart as " + extension.toUpperCase(Locale.ROOT), kind,
                "*." + extension);
        chooser.setInitialFileName(vm.exportName(name, extension));
        File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            vm.exportTo(FileChoosers.withExtension(file.toPath(), "." + extension), bytes);
        }
    }

    void exportTo(Path file, byte[] bytes) {
        vm.exportTo(file, bytes);
    }

    /** Stops a running session when the app closes (its thread is a daemon; this lets it save what it has). */
    public void shutdown() {
        vm.shutdown();
        fitChecker.shutdown();
    }

    long ticks() {
        return vm.ticks();
    }
}
