package dev.qanvas.ui.train;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.PreparedData;
import dev.qanvas.nn.graph.GraphProblem;
import dev.qanvas.nn.training.Correlation;
import dev.qanvas.nn.training.QuantumProbe;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunHistory;
import dev.qanvas.project.RunRecord;
import dev.qanvas.project.RunSession;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.common.FileChoosers;
import dev.qanvas.ui.common.Workspace;
import dev.qanvas.ui.shell.AppSettings;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
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
 * <p>Loading, compiling and training run off the UI thread through the shared {@link RunSession}
 * (the same flow as {@code qanvas train}). The training thread only puts events in a queue; a
 * timeline drains it {@link #TICKS_PER_SECOND} times a second, applies the events to the live
 * run's series with the charts muted and redraws each chart once, so thousands of batches a
 * second cost the UI a handful of redraws. A finished run (completed, stopped or failed) is added
 * to the project as one edit, so it is saved with the project and can be undone.
 */
public final class TrainWorkspace implements Workspace {

    /** How often queued training events are applied and the charts redrawn. */
    static final int TICKS_PER_SECOND = 6;
    private static final String LIVE = "live";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());

    // (tests)
    public enum State { IDLE, PREPARING, RUNNING, PAUSED, STOPPING }

    private final DocumentModel doc;
    private final Background background;
    private final Supplier<Window> owner;
    private final Alerts alerts;

    private final BorderPane root = new BorderPane();
    private final SettingsForm form = new SettingsForm();
    private final TrainCharts charts;
    private final RunList runList = new RunList();
    private final Button start = new Button("Start");
    private final Button pause = new Button("Pause");
    private final Button resume = new Button("Resume");
    private final Button stop = new Button("Stop");
    private final Label blocked = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("Not started");
    private final Label speedText = new Label();
    private final Label status = new Label();
    private final Button inspectRun = new Button();
    private java.util.function.Consumer<String> onInspect = id -> { };
    private final VBox correlation = new VBox(4);
    private final Label correlationValues = new Label();
    private final Label correlationHelp = new Label();

    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.IDLE);
    private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();
    private final Timeline ticker = new Timeline(new KeyFrame(Duration.millis(1000.0 / TICKS_PER_SECOND), e -> tick()));
    private final ExecutorService fitChecker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "qanvas-train-fit-check");
        t.setDaemon(true);
        return t;
    });

    /** Histories of recorded runs by run key (see {@link #keys}), built when first shown. */
    private final Map<String, RunHistory> histories = new HashMap<>();
    /** Row ids (unique even when two records share an id) to their records, in the order the list shows. */
    private final Map<String, RunRecord> keys = new java.util.LinkedHashMap<>();
    private final Set<String> shown = new LinkedHashSet<>();
    private boolean shownChosen;

    private RunSession session;
    /** What to do once the run in progress has stopped and been recorded (see {@link #stopThen}). */
    private Runnable afterStop;
    private RunHistory live;
    private Instant liveStarted = Instant.now();
    private int totalBatches;
    private int batchSize;
    private final ArrayDeque<long[]> recent = new ArrayDeque<>(); // {nanos, global batch}
    private long lastGlobal;
    private int lastEpoch;
    private int lastBatches;
    private int epochs;
    private long ticks;

    /** The last fit check: for which project inputs, and what it found (null while unknown). */
    private Object fitKey;
    private String fitProblem;
    private Dataset fitData;
    private int fitGeneration;

    public TrainWorkspace(DocumentModel doc, Background background, Supplier<Window> owner, Alerts alerts) {
        this.doc = doc;
        this.background = background;
        this.owner = owner;
        this.alerts = alerts;
        this.charts = new TrainCharts(this::export);
        ticker.setCycleCount(Animation.INDEFINITE);
        build();
        doc.projectProperty().addListener((o, a, b) -> projectChanged(a, b));
        state.addListener((o, a, b) -> updateControls());
        projectChanged(null, doc.project());
        if (Boolean.getBoolean("qanvas.frameStats")) {
            FrameMonitor.startLogging(root, 10);
        }
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
        return state.get();
    }

    TrainCharts charts() {
        return charts;
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
        start.setOnAction(e -> start());
        pause.setOnAction(e -> pause());
        resume.setOnAction(e -> resume());
        stop.setOnAction(e -> stop());
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
        form.setOnEdit(s -> doc.edit(doc.project().withTraining(s)));
        form.validProperty().addListener((o, a, b) -> updateControls());

        inspectRun.setId("train-inspect");
        inspectRun.setVisible(false);
        inspectRun.managedProperty().bind(inspectRun.visibleProperty());

        VBox left = new VBox(8, title("Training settings"), form, title("Run"), buttons, blocked, progress, progressText,
                speedText, status, inspectRun);
        left.setPadding(new Insets(10, 12, 12, 12));
        left.getStyleClass().add("train-left");
        ScrollPane leftScroll = new ScrollPane(left);
        leftScroll.setFitToWidth(true);
        leftScroll.setFitToHeight(true);
        leftScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        leftScroll.setMinWidth(240);

        StackPane centre = new StackPane(charts);
        centre.setPadding(new Insets(8));
        centre.getStyleClass().add("train-centre");

        runList.setOnToggle(item -> {
            shownChosen = true;
            if (item.isShown()) {
                shown.add(item.id());
            } else {
                shown.remove(item.id());
            }
            showRuns();
        });
        VBox.setVgrow(runList, Priority.ALWAYS);
        correlation.setId("train-correlation");
        correlation.getStyleClass().add("train-correlation");
        correlationValues.setId("train-correlation-values");
        correlationValues.getStyleClass().add("correlation-values");
        correlationValues.setWrapText(true);
        correlationHelp.getStyleClass().addAll("muted", "correlation-help");
        correlationHelp.setWrapText(true);
        correlation.getChildren().addAll(title("Entanglement and loss"), correlationValues, correlationHelp);
        Label hint = new Label("Tick runs to overlay them on the charts.");
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
        updateControls();
        updateCorrelation();
    }

    private static Label title(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    // ----- following the project -----

    private void projectChanged(Project before, Project after) {
        if (before == null || !before.training().equals(after.training())) {
            form.show(after.training());
        }
        if (before == null || before.model() != after.model() || !before.dataset().equals(after.dataset())
                || !before.transforms().equals(after.transforms())) {
            checkFit(after);
        }
        if (before == null || !before.runs().equals(after.runs())) {
            refreshRuns(after);
        }
        updateControls();
    }

    /** Loads the dataset (cached by Datasets) and checks the model fits it, off the UI thread; the newest check wins. */
    private void checkFit(Project p) {
        Object key = List.of(p.model(), p.dataset(), p.transforms());
        if (key.equals(fitKey)) {
            return;
        }
        fitKey = key;
        fitProblem = null;
        fitData = null;
        int generation = ++fitGeneration;
        if (p.model().nodes().isEmpty() || !p.model().analyse().problems().isEmpty()) {
            return; // the model's own problems are shown first; no need to read the data
        }
        fitChecker.execute(() -> {
            String problem = null;
            Dataset data = null;
            try {
                data = PreparedData.load(p.dataset(), p.transforms()).data();
                RunSession.checkFits(p.model(), data);
            } catch (Exception | OutOfMemoryError e) {
                problem = Alerts.messageOf(e);
            }
            String found = problem;
            Dataset loaded = data;
            Platform.runLater(() -> {
                if (generation == fitGeneration) {
                    fitProblem = found;
                    fitData = found == null ? loaded : null;
                    updateControls();
                }
            });
        });
    }

    /** Why Start is not possible now, or empty. */
    Optional<String> startBlockedReason() {
        Project p = doc.project();
        if (p.model().nodes().isEmpty()) {
            return Optional.of("There is no model yet: draw one in the Model workspace.");
        }
        List<GraphProblem> problems = p.model().analyse().problems();
        if (!problems.isEmpty()) {
            int more = problems.size() - 1;
            return Optional.of("The model cannot be trained yet: " + problems.get(0)
                    + (more > 0 ? " (and " + more + " more problem" + (more == 1 ? "" : "s") + ")" : "")
                    + ". Fix it in the Model workspace.");
        }
        if (fitProblem != null) {
            return Optional.of("The model does not fit the dataset: " + fitProblem);
        }
        if (!form.validProperty().get()) {
            return Optional.of("Fix the settings marked in red first.");
        }
        return Optional.empty();
    }

    private void updateControls() {
        State s = state.get();
        Optional<String> reason = s == State.IDLE ? startBlockedReason() : Optional.empty();
        start.setDisable(s != State.IDLE || reason.isPresent());
        blocked.setText(reason.orElse(""));
        blocked.setVisible(reason.isPresent());
        blocked.setManaged(reason.isPresent());
        pause.setDisable(s != State.RUNNING);
        resume.setDisable(s != State.PAUSED);
        pause.setVisible(s != State.PAUSED);
        pause.setManaged(s != State.PAUSED);
        resume.setVisible(s == State.PAUSED);
        resume.setManaged(s == State.PAUSED);
        stop.setDisable(s != State.RUNNING && s != State.PAUSED);
        form.setDisable(s != State.IDLE);
    }

    // ----- the run list and overlays -----

    private void refreshRuns(Project p) {
        keys.clear();
        Set<String> seen = new java.util.HashSet<>();
        List<RunRecord> runs = p.runs();
        for (int i = runs.size() - 1; i >= 0; i--) { // newest first
            RunRecord r = runs.get(i);
            String key = r.id();
            for (int n = 2; !seen.add(key); n++) {
                key = r.id() + "-" + n;
            }
            keys.put(key, r);
        }
        shown.removeIf(id -> !id.equals(LIVE) && !keys.containsKey(id));
        if (!shownChosen && shown.isEmpty() && !keys.isEmpty()) {
            shown.add(keys.keySet().iterator().next()); // the newest run, until the user picks
        }
        List<RunList.Item> items = new ArrayList<>();
        if (live != null && state.get() != State.IDLE) {
            items.add(new RunList.Item(LIVE, "Training now", liveDetail(), shown.contains(LIVE)));
        }
        keys.forEach((key, r) -> items.add(new RunList.Item(key, key + " · " + outcomeText(r.outcome()), detail(r), shown.contains(key))));
        runList.setRuns(items);
        showRuns();
    }

    private String liveDetail() {
        return session == null ? "" : session.folder().getFileName() + " · started " + DATE.format(liveStarted);
    }

    private static String outcomeText(String outcome) {
        return switch (outcome) {
            case "COMPLETED" -> "completed";
            case "EARLY_STOPPED" -> "stopped early";
            case "STOPPED" -> "stopped";
            case "FAILED" -> "failed";
            default -> outcome.toLowerCase(Locale.ROOT);
        };
    }

    private static String detail(RunRecord r) {
        String accuracy = Double.isFinite(r.testAccuracy()) ? String.format(Locale.ROOT, "%.1f %% test accuracy", 100 * r.testAccuracy())
                : "no test accuracy";
        String when;
        try {
            when = DATE.format(Instant.parse(r.started()));
        } catch (RuntimeException e) {
            when = r.started();
        }
        return accuracy + " · " + r.epochs().size() + " epoch" + (r.epochs().size() == 1 ? "" : "s") + " · " + when;
    }

    /** Puts the checked runs on the charts, the live run first. */
    private void showRuns() {
        List<RunHistory> list = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        if (shown.contains(LIVE) && live != null) {
            list.add(live);
            ids.add(LIVE);
        }
        for (String key : keys.keySet()) {
            if (shown.contains(key)) {
                RunRecord r = keys.get(key);
                RunHistory h = histories.computeIfAbsent(r.directory() + "|" + r.started(), k -> RunHistory.of(r, key));
                h.relabel(key);
                list.add(h);
                ids.add(key);
            }
        }
        charts.show(list);
        runList.setColours(ids);
        updateCorrelation();
    }

    /** The correlation between entanglement entropy and loss of the live run, else of the first checked run. */
    private void updateCorrelation() {
        RunHistory focus = null;
        if (live != null && shown.contains(LIVE)) {
            focus = live;
        } else {
            for (String key : keys.keySet()) {
                if (shown.contains(key)) {
                    RunRecord r = keys.get(key);
                    focus = histories.get(r.directory() + "|" + r.started());
                    break;
                }
            }
        }
        if (focus == null || focus.quantum().isEmpty()) {
            correlationValues.setText(focus == null ? "Tick a run to see how its entanglement moved with its loss."
                    : "This run has no quantum layer measurements.");
            correlationHelp.setText("");
            return;
        }
        StringBuilder sb = new StringBuilder(focus.label()).append('\n');
        for (Map.Entry<String, Correlation.Result> e : focus.entropyLossCorrelation().entrySet()) {
            Correlation.Result r = e.getValue();
            sb.append(e.getKey()).append(": ");
            if (r.defined()) {
                sb.append(String.format(Locale.ROOT, "r = %+.2f over %d points", r.r(), r.n()));
            } else if (r.n() < 3) {
                sb.append("needs 3 or more points (").append(r.n()).append(" so far)");
            } else if (focus.entropyConstant(e.getKey())) {
                sb.append("undefined: the entropy stayed at ").append(String.format(Locale.ROOT, "%.3f", focus.quantum().stream()
                        .filter(q -> q.layer().equals(e.getKey())).findFirst().orElseThrow().entropyMean()))
                        .append(" bits over ").append(r.n()).append(" points (a fixed circuit does not change)");
            } else {
                sb.append("undefined over ").append(r.n()).append(" points: the loss did not change");
            }
            sb.append('\n');
        }
        correlationValues.setText(sb.toString().strip());
        correlationHelp.setText("Pearson r between the layer's entanglement entropy (half cut, probe batch) and the training "
                + "loss of the batches before each measurement. Below 0: the loss fell as entanglement grew (the q-CNN study "
                + "reports a negative correlation); near 0: no linear relation; above 0: they moved together. "
                + "A correlation is not a cause: both can simply follow training time.");
    }

    // ----- Start, Pause, Resume, Stop -----

    void start() {
        if (state.get() != State.IDLE || startBlockedReason().isPresent()) {
            return;
        }
        Project project = doc.project();
        TrainingSettings settings = project.training();
        Path settingsDir = AppSettings.file().getParent();
        Path file = doc.file();
        Dataset known = fitData != null && Objects.equals(fitKey, List.of(project.model(), project.dataset(), project.transforms()))
                ? fitData : null;
        Set<String> takenIds = new java.util.HashSet<>();
        project.runs().forEach(r -> takenIds.add(r.id()));
        state.set(State.PREPARING);
        status.setText("");
        inspectRun.setVisible(false);
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        progressText.setText("Preparing…");
        speedText.setText("");
        background.run("Preparing training", r -> {
            Path folder = RunFolder.next(RunFolder.runsRoot(file, project.name(), settingsDir), takenIds).path();
            java.util.function.Consumer<String> log = line -> {
                r.message(line);
                Platform.runLater(() -> progressText.setText(line + "…"));
            };
            return known != null ? RunSession.prepare(project, settings, known, folder, Map.of(), log)
                    : RunSession.prepare(project, settings, folder, Map.of(), log);
        }, this::begin, error -> {
            state.set(State.IDLE);
            progress.setProgress(0);
            progressText.setText("Not started");
            status.setText("Could not start: " + Alerts.messageOf(error));
            alerts.error("Cannot start training", error);
        });
    }

    /** Prepared: starts the training thread and the ticker. */
    private void begin(RunSession prepared) {
        if (afterStop != null) { // asked to stop while preparing: nothing was trained, nothing to record
            state.set(State.IDLE);
            progress.setProgress(0);
            progressText.setText("Not started");
            runAfterStop();
            return;
        }
        session = prepared;
        events.clear();
        recent.clear();
        lastGlobal = 0;
        epochs = prepared.settings().epochs();
        batchSize = prepared.settings().batchSize();
        int trainImages = prepared.data().train().size();
        int used = trainImages - (int) Math.round(trainImages * prepared.settings().validationSplit());
        lastBatches = Math.max(1, (used + batchSize - 1) / batchSize);
        totalBatches = epochs * lastBatches;
        live = new RunHistory(LIVE, prepared.folder().getFileName() + " (live)");
        liveStarted = Instant.now();
        shown.clear();
        shown.add(LIVE);
        shownChosen = true;
        state.set(State.RUNNING);
        refreshRuns(doc.project());
        progress.setProgress(0);
        progressText.setText("Epoch 1/" + epochs + " · starting");
        RunEvents queue = new RunEvents() {
            @Override
            public void batch(int epoch, int batch, int batches, double loss) {
                events.add(new BatchEvent(epoch, batch, batches, loss, System.nanoTime()));
            }

            @Override
            public void epoch(EpochStats stats) {
                events.add(stats);
            }

            @Override
            public void quantum(QuantumProbe.Stats stats) {
                events.add(stats);
            }

            @Override
            public void quantumStep(QuantumProbe.Stats stats) {
                events.add(stats);
            }
        };
        Thread t = new Thread(() -> {
            try {
                RunSession.Result result = prepared.run(queue);
                Platform.runLater(() -> finished(result));
            } catch (Exception | OutOfMemoryError e) {
                Platform.runLater(() -> crashed(e));
            }
        }, "qanvas-train-session");
        t.setDaemon(true);
        t.start();
        ticker.play();
    }

    private record BatchEvent(int epoch, int batch, int batches, double loss, long nanos) {
    }

    void pause() {
        if (state.get() == State.RUNNING) {
            session.training().pause();
            state.set(State.PAUSED);
            speedText.setText("Paused");
        }
    }

    void resume() {
        if (state.get() == State.PAUSED) {
            recent.clear(); // the pause is not training time
            session.training().resume();
            state.set(State.RUNNING);
        }
    }

    void stop() {
        if (state.get() == State.RUNNING || state.get() == State.PAUSED) {
            session.training().stop();
            state.set(State.STOPPING);
            speedText.setText("Stopping after this batch; then the model is evaluated and saved…");
        }
    }

    /** Applies the queued events (on the FX thread, a few times a second). */
    private void tick() {
        ticks++;
        if (live == null) {
            return;
        }
        BatchEvent lastBatch = null;
        Object e;
        int applied = 0;
        while ((e = events.poll()) != null) {
            applied++;
            if (e instanceof BatchEvent b) {
                mute(RunHistory.LOSS_BATCH);
                live.addBatch(b.epoch() + (b.batch() + 1.0) / b.batches(), b.loss());
                lastBatch = b;
            } else if (e instanceof RunEvents.EpochStats s) {
                mute(RunHistory.LOSS_EPOCH, RunHistory.ACCURACY);
                live.addEpoch(RunRecord.Epoch.of(s));
            } else if (e instanceof QuantumProbe.Stats q) {
                mute(RunHistory.ENTROPY, RunHistory.MEYER_WALLACH, RunHistory.GRADIENT_VARIANCE);
                live.addQuantum(RunRecord.QuantumPoint.of(q));
            }
        }
        charts.refresh();
        if (lastBatch != null) {
            showProgress(lastBatch);
        }
        if (applied > 0) {
            updateCorrelation();
        }
    }

    /** Only the charts whose data changes in a tick are muted, and so redrawn, in that tick. */
    private void mute(String... keys) {
        if (shown.contains(LIVE)) {
            for (String key : keys) {
                charts.mute(key);
            }
        }
    }

    private void showProgress(BatchEvent b) {
        if (b.batches() != lastBatches) {
            lastBatches = b.batches();
            totalBatches = epochs * lastBatches;
        }
        lastEpoch = b.epoch();
        long global = (long) b.epoch() * b.batches() + b.batch() + 1;
        lastGlobal = global;
        recent.addLast(new long[] {b.nanos(), global});
        while (recent.size() > 2 && b.nanos() - recent.peekFirst()[0] > 10_000_000_000L) {
            recent.removeFirst();
        }
        progress.setProgress(Math.min(1, global / (double) totalBatches));
        progressText.setText(String.format(Locale.ROOT, "Epoch %d/%d · batch %,d/%,d", b.epoch() + 1, epochs,
                b.batch() + 1, b.batches()));
        String loss = String.format(Locale.ROOT, "loss %.4f", b.loss());
        if (state.get() == State.RUNNING && recent.size() >= 2) {
            long[] first = recent.peekFirst();
            double seconds = (b.nanos() - first[0]) / 1e9;
            double batchesPerSecond = (global - first[1]) / Math.max(seconds, 1e-9);
            if (seconds > 0.2 && batchesPerSecond > 0) {
                double left = (totalBatches - global) / batchesPerSecond;
                speedText.setText(String.format(Locale.ROOT, "%s · %,.0f images/s · %s left", loss, batchesPerSecond * batchSize,
                        duration(left)));
            }
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    /** The run ended and its folder is written: record it in the project. */
    private void finished(RunSession.Result result) {
        tick(); // the last events
        ticker.stop();
        RunRecord record = result.record();
        // The live curves become the record's (same data, full resolution on screen).
        live.relabel(record.id());
        histories.put(record.directory() + "|" + record.started(), live);
        shown.remove(LIVE);
        shown.add(record.id());
        live = null;
        session = null;
        state.set(State.IDLE);
        doc.edit(doc.project().withRun(record)); // refreshes the run list, which now shows the record with these curves
        progress.setProgress(result.outcome() == RunEvents.Outcome.COMPLETED ? 1 : progress.getProgress());
        speedText.setText("");
        String accuracy = Double.isFinite(result.testAccuracy())
                ? String.format(Locale.ROOT, "test accuracy %.1f %%", 100 * result.testAccuracy()) : "no model to test";
        status.setText(outcomeText(result.outcome().name()).substring(0, 1).toUpperCase(Locale.ROOT)
                + outcomeText(result.outcome().name()).substring(1) + ": " + result.message() + "; " + accuracy
                + ". Saved as " + record.id() + " in " + record.directory());
        status.getStyleClass().remove("error-text");
        if (result.outcome() == RunEvents.Outcome.FAILED) {
            status.getStyleClass().add("error-text");
        }
        alerts.status("Training " + outcomeText(result.outcome().name()) + ": " + record.id() + ", " + accuracy);
        // A run that saved a model can be opened in Inspect: its mistakes and saliency.
        inspectRun.setText("Inspect " + record.id() + " →");
        inspectRun.setOnAction(e -> onInspect.accept(record.id()));
        inspectRun.setVisible(result.modelSaved());
        runAfterStop();
    }

    private void crashed(Throwable error) {
        ticker.stop();
        live = null;
        session = null;
        shown.remove(LIVE);
        state.set(State.IDLE);
        refreshRuns(doc.project());
        status.setText("Training stopped with an error: " + Alerts.messageOf(error));
        alerts.error("Training failed", error);
        runAfterStop();
    }

    /** What "Inspect run-N" does with the run's id (the main window opens the Inspect workspace on it). */
    public void setOnInspect(java.util.function.Consumer<String> action) {
        onInspect = action;
    }

    /** True while a run is being prepared, trains, is paused or is stopping. */
    public boolean isBusy() {
        return state.get() != State.IDLE;
    }

    /**
     * Stops the run in progress, lets it write its folder and record itself in the project that
     * started it, then runs {@code after}: opening another project or quitting mid-run must not
     * drop the run or record it in the wrong project.
     */
    public void stopThen(Runnable after) {
        if (!isBusy()) {
            after.run();
            return;
        }
        afterStop = after;
        stop();
    }

    private void runAfterStop() {
        Runnable after = afterStop;
        afterStop = null;
        if (after != null) {
            after.run();
        }
    }

    // ----- export -----

    private void export(String name, String extension, byte[] bytes) {
        String kind = extension.equals("png") ? "PNG image" : "CSV table";
        FileChooser chooser = FileChoosers.nearDocument(doc.file(), "Export the chart as " + extension.toUpperCase(Locale.ROOT), kind,
                "*." + extension);
        chooser.setInitialFileName(ProjectFiles.safeName(doc.project().name()) + "-" + name + "." + extension);
        File file = chooser.showSaveDialog(owner.get());
        if (file != null) {
            exportTo(FileChoosers.withExtension(file.toPath(), "." + extension), bytes);
        }
    }

    void exportTo(Path file, byte[] bytes) {
        background.run("Exporting " + file.getFileName(), r -> {
            ProjectFiles.writeAtomically(file, bytes);
            return file;
        }, done -> alerts.status("Exported " + done), error -> alerts.error("Cannot export the chart", error));
    }

    /** Stops a running session when the app closes (its thread is a daemon; this lets it save what it has). */
    public void shutdown() {
        if (session != null) {
            session.training().stop();
        }
        fitChecker.shutdownNow();
    }

    long ticks() {
        return ticks;
    }
}
