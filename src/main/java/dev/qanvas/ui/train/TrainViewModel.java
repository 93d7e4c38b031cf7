package dev.qanvas.ui.train;

import dev.qanvas.data.PreparedData;
import dev.qanvas.insight.ClassMetrics;
import dev.qanvas.nn.ClassicalTwin;
import dev.qanvas.nn.graph.GraphProblem;
import dev.qanvas.nn.training.QuantumProbe;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.AdversarialTraining;
import dev.qanvas.nn.training.TrainingExecution;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunHistory;
import dev.qanvas.project.RunRecord;
import dev.qanvas.project.RunSession;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.shell.AppSettings;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import dev.qanvas.ui.train.TrainWorkspace.State;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What the Train workspace shows and does, without its views: the run state, the reason Start is
 * blocked, progress, status and correlation texts, which runs are overlaid, and the commands
 * (start, pause, resume, stop, tick a run, edit the settings, export). Needs no JavaFX toolkit.
 *
 * <p>Work off the UI thread goes through what the workspace passes in: preparing and exporting
 * through {@link Background.Runner} ({@link Background#run}), the fit check on its own {@code fitChecks}
 * executor (the newest check wins), the training on a {@code training} executor; results come
 * back through {@code ui} (the UI thread). The training thread only puts events in a queue;
 * {@link #tick()} applies them to the live run's series with the charts muted. A finished run is
 * added to the project as one edit.
 */
public final class TrainViewModel {

    /** Error dialogs and status-bar messages ({@link Alerts}). */
    public interface Notices {
        void error(String title, Throwable error);

        void status(String message);
    }

    /** The run list and the charts: shown rows, overlaid runs, muted redraws. */
    public interface Display {
        void showRows(List<RunRow> rows);

        /** Overlays these runs (the first drawn first); {@code ids} are their rows, in the same order. */
        void showRuns(List<RunHistory> runs, List<String> ids);

        /** Mutes chart {@code key} until {@link #refresh}: its series are about to change. */
        void mute(String key);

        void refresh();
    }

    /** A row of the run list. */
    public record RunRow(String id, String title, String detail, boolean shown) {
    }

    static final String LIVE = RunOverlays.LIVE;
    /** The progress of a run being prepared: not known (as ProgressBar.INDETERMINATE_PROGRESS). */
    static final double INDETERMINATE = -1;

    private final DocumentModel doc;
    private final Background.Runner jobs;
    private final Executor ui;
    private final Executor training;
    private final Notices notices;
    private final Display display;

    private final ObjectProperty<State> state = new SimpleObjectProperty<>(State.IDLE);
    private final ObjectProperty<TrainingSettings> settings = new SimpleObjectProperty<>();
    private final BooleanProperty settingsValid = new SimpleBooleanProperty(true);
    private final StringProperty adversarialNote = new SimpleStringProperty("");
    private final StringProperty blocked = new SimpleStringProperty("");
    private final BooleanProperty twinPossible = new SimpleBooleanProperty(false);
    private final BooleanProperty kernelProject = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty("Not started");
    private final StringProperty speedText = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty statusFailed = new SimpleBooleanProperty(false);
    private final ObjectProperty<String> inspectable = new SimpleObjectProperty<>();
    private final ObjectProperty<RunMetrics> metrics = new SimpleObjectProperty<>();
    private final BooleanProperty ticking = new SimpleBooleanProperty(false);
    private final StringProperty correlation = new SimpleStringProperty("");
    private final StringProperty correlationHelp = new SimpleStringProperty("");

    private final ConcurrentLinkedQueue<Object> events = new ConcurrentLinkedQueue<>();
    private final RunOverlays overlays = new RunOverlays();
    private List<RunRow> rows = List.of();

    private RunSession session;
    /** What the live run trains ({@link RunRecord#trained}) and the run id kept beside it on the charts (or null). */
    private String liveKind = RunRecord.QUANTUM;
    private String liveBeside;
    /** The twin project to train when the quantum run of "Train with twin" completes, and its data (or null). */
    private Project pendingTwin;
    private PreparedData pendingTwinData;
    /** What to do once the run in progress has stopped and been recorded (see {@link #stopThen}). */
    private Runnable afterStop;
    private RunHistory live;
    private Instant liveStarted = Instant.now();
    private LiveProgress liveProgress;
    private long ticks;

    private final FitCheck fit;
    private final KernelTraining kernel;

    public TrainViewModel(DocumentModel doc, Background.Runner jobs, Executor ui, Executor fitChecks, Executor training, Notices notices,
            Display display) {
        this.doc = doc;
        this.jobs = jobs;
        this.ui = ui;
        this.fit = new FitCheck(fitChecks, ui, this::updateBlocked);
        this.training = training;
        this.notices = notices;
        this.display = display;
        this.kernel = new KernelTraining(doc, ui, training, notices,
                new KernelTraining.Shared(state, progress, progressText, status, statusFailed, inspectable), this::runAfterStop);
        state.addListener((o, a, b) -> updateBlocked());
        settingsValid.addListener((o, a, b) -> updateBlocked());
    }

    /** Starts following the document (call once the views listen). */
    public void open() {
        doc.projectProperty().addListener((o, a, b) -> projectChanged(a, b));
        projectChanged(null, doc.project());
    }

    public ReadOnlyObjectProperty<State> stateProperty() { return state; }
    public State state() { return state.get(); }
    /** The project's training settings, for the settings form. */
    public ReadOnlyObjectProperty<TrainingSettings> settingsProperty() { return settings; }
    /** What adversarial training will do and cost, under the settings form; empty when it is off. */
    public ReadOnlyStringProperty adversarialNoteProperty() { return adversarialNote; }
    /** Whether the settings form holds valid values; the view binds it. */
    public BooleanProperty settingsValidProperty() { return settingsValid; }
    /** Why Start is not possible now, or empty (always empty while a run is in progress). */
    public ReadOnlyStringProperty blockedProperty() { return blocked; }
    /** Whether "Train with twin" can start now ({@link #startWithTwinBlockedReason()} is empty). */
    public ReadOnlyBooleanProperty twinPossibleProperty() { return twinPossible; }
    public ReadOnlyDoubleProperty progressProperty() { return progress; }
    public ReadOnlyStringProperty progressTextProperty() { return progressText; }
    public ReadOnlyStringProperty speedTextProperty() { return speedText; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    /** Whether the status tells of a failed run. */
    public ReadOnlyBooleanProperty statusFailedProperty() { return statusFailed; }
    /** The id of the last run when it saved a model that can be inspected, else null. */
    public ReadOnlyObjectProperty<String> inspectableProperty() { return inspectable; }
    /** The test-split metrics of the run just trained, or null (none yet, no model, or the run is no longer the project's). */
    public ReadOnlyObjectProperty<RunMetrics> metricsProperty() { return metrics; }

    /** A run's per-class metrics on the test split ({@code summary.json}'s), with the class names in label order. */
    public record RunMetrics(String runId, ClassMetrics metrics, List<String> classNames) {
    }

    /** True while queued training events should be applied a few times a second ({@link #tick()}). */
    public ReadOnlyBooleanProperty tickingProperty() { return ticking; }
    public ReadOnlyStringProperty correlationProperty() { return correlation; }
    public ReadOnlyStringProperty correlationHelpProperty() { return correlationHelp; }
    /** The run list's rows as last shown. */
    public List<RunRow> rows() { return rows; }
    long ticks() { return ticks; }
    /** Whether the project is a kernel project: the workspace shows the kernel comparison instead of the network's charts. */
    public boolean isKernel() { return kernelProject.get(); }
    public ReadOnlyBooleanProperty kernelProjectProperty() { return kernelProject; }
    /** A kernel run's comparison table, filled in as folds finish (QSVM, RBF SVM, random forest). */
    javafx.collections.ObservableList<KernelTraining.Row> kernelRows() { return kernel.rows(); }
    /** What a kernel project trains, or empty. */
    ReadOnlyStringProperty kernelSetupProperty() { return kernel.setupProperty(); }
    /** The Gram matrix's diagnostics after a kernel run, or empty. */
    ReadOnlyStringProperty kernelDiagnosticsProperty() { return kernel.diagnosticsProperty(); }

    // ----- following the project -----

    private void projectChanged(Project before, Project after) {
        kernel.projectChanged(before, after);
        kernelProject.set(after.isKernel());
        settings.set(after.training());
        adversarialNote.set(joined(adversarialNote(after.training()), executionNote(after.training())));
        if (before == null || before.model() != after.model() || !before.dataset().equals(after.dataset())
                || !before.transforms().equals(after.transforms())) {
            fit.check(after);
        }
        if (before == null || !before.runs().equals(after.runs())) {
            refreshRuns(after);
        }
        RunMetrics shown = metrics.get();
        if (shown != null && after.runs().stream().noneMatch(r -> r.id().equals(shown.runId()))) {
            metrics.set(null); // another project, or the run was removed
        }
        updateBlocked();
    }

    /** Why Start is not possible now, or empty. */
    Optional<String> startBlockedReason() {
        Project p = doc.project();
        if (p.isKernel()) {
            return Optional.empty(); // its section was checked when it was read; the run says what it cannot do
        }
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
        if (fit.problem() != null) {
            return Optional.of("The model does not fit the dataset: " + fit.problem());
        }
        if (!settingsValid.get()) {
            return Optional.of("Fix the settings marked in red first.");
        }
        return Optional.empty();
    }

    private void updateBlocked() {
        blocked.set((state.get() == State.IDLE ? startBlockedReason() : Optional.<String>empty()).orElse(""));
        twinPossible.set(startWithTwinBlockedReason().isEmpty());
    }

    /** The settings form's edit: one edit of the project. */
    public void editSettings(TrainingSettings next) {
        doc.edit(doc.project().withTraining(next));
    }

    /**
     * "Adversarial training: FGSM, epsilon 0.1, 50% of each batch (16 of 32 images). Each crafting
     * step is one more forward and backward pass over them: an epoch takes about 1.5x to 2x as long.",
     * or empty when adversarial training is off.
     */
    static String adversarialNote(TrainingSettings s) {
        AdversarialTraining a = s.adversarial();
        if (!a.active()) {
            return "";
        }
        int replaced = a.replaced(s.batchSize());
        int passes = a.method() == AdversarialTraining.Method.PGD ? a.steps() : 1;
        // A crafting step costs what fitting its images does (a large model), up to what fitting the
        // whole batch does (a small one, where each pass's fixed cost dominates: the First lesson).
        return String.format(Locale.ROOT, "Adversarial training: %s (%d of %d images). Each crafting step is one more forward"
                + " and backward pass over them: an epoch takes about %.1fx to %.1fx as long.", a.describe(), replaced,
                s.batchSize(), 1 + a.ratio() * passes, 1.0 + passes);
    }

    /** The notes under the settings form, one paragraph each. */
    private static String joined(String... notes) {
        return java.util.Arrays.stream(notes).filter(n -> !n.isEmpty()).collect(java.util.stream.Collectors.joining("\n\n"));
    }

    /**
     * What training under noise and/or shots does and costs, or empty when the quantum layers train
     * ideal (docs/noise.md, "Training under noise and shots").
     */
    static String executionNote(TrainingSettings s) {
        TrainingExecution e = s.execution();
        if (!e.active()) {
            return "";
        }
        return "Quantum layers train under " + e.describe().replace("; parameter-shift gradients", "") + ". Gradients by"
                + " parameter shift: adjoint differentiation is exact only for the ideal pure state. Each image costs about two"
                + " circuit runs per circuit angle (under gate noise each is a density matrix). The test accuracy is measured the same way (summary.json also has the ideal one); the entanglement"
                + " charts show the ideal states.";
    }

    // ----- the run list and overlays -----

    private void refreshRuns(Project p) {
        rows = overlays.rows(p.runs(), live != null && state.get() != State.IDLE ? liveDetail() : null);
        display.showRows(rows);
        showRuns();
    }

    private String liveDetail() {
        return session == null ? "" : session.folder().getFileName() + " · " + liveKind + " · started " + RunTexts.DATE.format(liveStarted);
    }

    /**
     * Overlays runs that no project recorded (a sweep's points, read from their run folders with
     * {@code project.RunFolderRecord}): they join the run list after the project's runs and are the
     * runs shown, until the user ticks others.
     */
    public void overlay(List<RunRecord> runs) {
        overlays.overlay(runs);
        refreshRuns(doc.project());
    }

    /** Ticks or unticks a row: its run is overlaid on the charts or not. */
    public void showRun(String id, boolean show) {
        overlays.show(id, show);
        showRuns();
    }

    /** The ids of the overlaid runs, the live run first. */
    public List<String> shownIds() {
        return overlays.shownIds(live);
    }

    /** Puts the checked runs on the charts, the live run first. */
    private void showRuns() {
        List<String> ids = overlays.shownIds(live);
        display.showRuns(overlays.shownRuns(live), ids);
        updateCorrelation();
    }

    /** The correlation between entanglement entropy and loss of the live run, else of the first checked run. */
    private void updateCorrelation() {
        RunHistory focus = overlays.focus(live);
        if (focus == null || focus.quantum().isEmpty()) {
            correlation.set(focus == null ? "Tick a run to see how its entanglement moved with its loss."
                    : "No ticked run has quantum layer measurements: a classical run or twin has no circuit to measure.");
            correlationHelp.set("");
            return;
        }
        correlation.set(RunTexts.correlation(focus));
        correlationHelp.set(RunTexts.CORRELATION_HELP);
    }

    // ----- Start, Pause, Resume, Stop -----

    public void start() {
        if (state.get() != State.IDLE || startBlockedReason().isPresent()) {
            return;
        }
        Project project = doc.project();
        pendingTwin = null;
        if (project.isKernel()) {
            kernel.start();
            return;
        }
        String kind = doc.twins().isTwinModel(project.model()) ? RunRecord.TWIN : RunRecord.kindOf(project.model());
        start(project, fit.dataFor(project), kind, null);
    }

    /** Why "Train with twin" is not possible now, or empty: it needs what Start needs and a quantum layer. */
    public Optional<String> startWithTwinBlockedReason() {
        Optional<String> blockedNow = state.get() == State.IDLE ? startBlockedReason() : Optional.of("A run is in progress.");
        if (blockedNow.isPresent()) {
            return blockedNow;
        }
        if (doc.project().isKernel()) {
            return Optional.of("A kernel project compares its QSVM with an RBF SVM and a random forest itself.");
        }
        // Start is not blocked, so the model is valid and every quantum node has a twin.
        return doc.project().model().nodes().stream().anyMatch(n -> n.spec().isQuantum()) ? Optional.empty()
                : Optional.of("The model has no quantum layer to compare with a classical twin.");
    }

    /**
     * One click for the side-by-side experiment: trains the model as it is, then the same model
     * with every quantum layer swapped for its classical twin (same settings, same data; the
     * project's model is not changed), and overlays the two runs.
     */
    public void startWithTwin() {
        if (startWithTwinBlockedReason().isPresent()) {
            return;
        }
        Project project = doc.project();
        PreparedData known = fit.dataFor(project);
        try {
            pendingTwin = project.withModel(ClassicalTwin.twinModel(project.model()));
        } catch (IllegalArgumentException e) {
            status.set("Cannot build the classical twin: " + e.getMessage());
            return;
        }
        pendingTwinData = known;
        start(project, known, RunRecord.kindOf(project.model()), null);
    }

    /** Prepares and starts a run of {@code project} recorded as training {@code kind}; {@code beside} is a run id to keep on the charts. */
    private void start(Project project, PreparedData known, String kind, String beside) {
        Path file = doc.file();
        TrainingSettings chosen = RunSession.resolved(project.training(), file);
        Path settingsDir = AppSettings.file().getParent();
        Set<String> takenIds = new HashSet<>();
        doc.project().runs().forEach(r -> takenIds.add(r.id()));
        liveKind = kind;
        liveBeside = beside;
        state.set(State.PREPARING);
        status.set("");
        inspectable.set(null);
        metrics.set(null);
        progress.set(INDETERMINATE);
        progressText.set("Preparing" + (RunRecord.TWIN.equals(kind) ? " the classical twin" : "") + "…");
        speedText.set("");
        jobs.run("Preparing training", r -> {
            Path folder = RunFolder.next(RunFolder.runsRoot(file, project.name(), settingsDir), takenIds).path();
            Consumer<String> log = line -> {
                r.message(line);
                ui.execute(() -> progressText.set(line + "…"));
            };
            RunSession prepared = known != null ? RunSession.prepare(project, chosen, known, folder, Map.of(), log)
                    : RunSession.prepare(project, chosen, folder, Map.of(), log);
            return prepared.trainedAs(kind);
        }, this::begin, error -> {
            pendingTwin = null;
            state.set(State.IDLE);
            progress.set(0);
            progressText.set("Not started");
            status.set("Could not start: " + Alerts.messageOf(error));
            notices.error("Cannot start training", error);
        });
    }

    /** Prepared: starts the training thread and the ticks. */
    private void begin(RunSession prepared) {
        if (afterStop != null) { // asked to stop while preparing: nothing was trained, nothing to record
            state.set(State.IDLE);
            progress.set(0);
            progressText.set("Not started");
            runAfterStop();
            return;
        }
        session = prepared;
        events.clear();
        int epochs = prepared.settings().epochs();
        int batchSize = prepared.settings().batchSize();
        int trainImages = prepared.data().train().size();
        int used = trainImages - (int) Math.round(trainImages * prepared.settings().validationSplit());
        liveProgress = new LiveProgress(epochs, batchSize, Math.max(1, (used + batchSize - 1) / batchSize));
        live = new RunHistory(LIVE, prepared.folder().getFileName() + " · " + liveKind + " (live)");
        liveStarted = Instant.now();
        String besideKey = liveBeside == null ? null : overlays.keyOf(liveBeside);
        if (besideKey != null) {
            overlays.showLiveWith(besideKey);
        } else {
            overlays.showOnlyLive();
        }
        state.set(State.RUNNING);
        refreshRuns(doc.project());
        progress.set(0);
        progressText.set("Epoch 1/" + epochs + " · starting");
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
        ticking.set(true);
        training.execute(() -> {
            try {
                RunSession.Result result = prepared.run(queue);
                ui.execute(() -> finished(result));
            } catch (Exception | OutOfMemoryError e) {
                ui.execute(() -> crashed(e));
            }
        });
    }

    private record BatchEvent(int epoch, int batch, int batches, double loss, long nanos) {
    }

    public void pause() {
        if (state.get() == State.RUNNING && session != null) {
            session.training().pause();
            state.set(State.PAUSED);
            speedText.set("Paused");
        }
    }

    public void resume() {
        if (state.get() == State.PAUSED) {
            liveProgress.resumed(); // the pause is not training time
            session.training().resume();
            state.set(State.RUNNING);
        }
    }

    public void stop() {
        if (kernel.active()) {
            kernel.cancel();
            return;
        }
        if (state.get() == State.RUNNING || state.get() == State.PAUSED) {
            session.training().stop();
            state.set(State.STOPPING);
            speedText.set("Stopping after this batch; then the model is evaluated and saved…");
        }
    }

    /** Applies the queued events (on the UI thread, a few times a second while {@link #tickingProperty()}). */
    public void tick() {
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
        display.refresh();
        if (lastBatch != null) {
            LiveProgress.Shown p = liveProgress.batch(lastBatch.epoch(), lastBatch.batch(), lastBatch.batches(), lastBatch.loss(),
                    lastBatch.nanos(), state.get() == State.RUNNING);
            progress.set(p.done());
            progressText.set(p.text());
            if (p.speed() != null) {
                speedText.set(p.speed());
            }
        }
        if (applied > 0) {
            updateCorrelation();
        }
    }

    /** Only the charts whose data changes in a tick are muted, and so redrawn, in that tick. */
    private void mute(String... charts) {
        if (overlays.isShown(LIVE)) {
            for (String key : charts) {
                display.mute(key);
            }
        }
    }

    /** The run ended and its folder is written: record it in the project. */
    private void finished(RunSession.Result result) {
        tick(); // the last events
        ticking.set(false);
        RunRecord record = result.record();
        List<String> classNames = session == null ? List.of() : session.data().classNames();
        overlays.recorded(live, record); // the live curves become the record's
        live = null;
        session = null;
        state.set(State.IDLE);
        metrics.set(result.metrics() == null ? null : new RunMetrics(record.id(), result.metrics(), classNames));
        doc.edit(doc.project().withRun(record)); // refreshes the run list, which now shows the record with these curves
        progress.set(result.outcome() == RunEvents.Outcome.COMPLETED ? 1 : progress.get());
        speedText.set("");
        String accuracy = Double.isFinite(result.testAccuracy())
                ? String.format(Locale.ROOT, "test accuracy %.1f %%", 100 * result.testAccuracy()) : "no model to test";
        if (result.metrics() != null && Double.isFinite(result.metrics().balancedAccuracy())) {
            accuracy += String.format(Locale.ROOT, ", balanced accuracy %.1f %%", 100 * result.metrics().balancedAccuracy())
                    + (Double.isFinite(result.metrics().macroRocAuc())
                    ? String.format(Locale.ROOT, ", macro ROC AUC %.3f", result.metrics().macroRocAuc()) : "");
        }
        String outcome = RunTexts.outcomeText(result.outcome().name());
        status.set(outcome.substring(0, 1).toUpperCase(Locale.ROOT) + outcome.substring(1) + ": " + result.message() + "; "
                + accuracy + ". Saved as " + record.id() + " in " + record.directory());
        statusFailed.set(result.outcome() == RunEvents.Outcome.FAILED);
        notices.status("Training " + outcome + ": " + record.id() + ", " + accuracy);
        // A run that saved a model can be opened in Inspect: its mistakes and saliency.
        inspectable.set(result.modelSaved() ? record.id() : null);
        Project twin = pendingTwin;
        pendingTwin = null;
        boolean trainedThrough = result.outcome() == RunEvents.Outcome.COMPLETED || result.outcome() == RunEvents.Outcome.EARLY_STOPPED;
        if (twin != null && afterStop == null && trainedThrough) {
            String done = status.get();
            start(twin, pendingTwinData, RunRecord.TWIN, record.id());
            status.set(done + ". Now training its classical twin.");
            return;
        }
        runAfterStop();
    }

    private void crashed(Throwable error) {
        pendingTwin = null;
        ticking.set(false);
        live = null;
        session = null;
        overlays.liveEnded();
        state.set(State.IDLE);
        refreshRuns(doc.project());
        status.set("Training stopped with an error: " + Alerts.messageOf(error));
        notices.error("Training failed", error);
        runAfterStop();
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

    /** The file name an export of chart {@code name} is offered under. */
    public String exportName(String name, String extension) {
        return ProjectFiles.safeName(doc.project().name()) + "-" + name + "." + extension;
    }

    public void exportTo(Path file, byte[] bytes) {
        jobs.run("Exporting " + file.getFileName(), r -> {
            ProjectFiles.writeAtomically(file, bytes);
            return file;
        }, done -> notices.status("Exported " + done), error -> notices.error("Cannot export the chart", error));
    }

    /** Stops a running session when the app closes (its thread is a daemon; this lets it save what it has). */
    public void shutdown() {
        if (kernel.active()) {
            kernel.cancel();
        }
        if (session != null) {
            session.training().stop();
        }
    }
}
