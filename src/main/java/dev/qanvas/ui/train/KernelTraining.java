package dev.qanvas.ui.train;

import dev.qanvas.nn.kernel.CrossValidation;
import dev.qanvas.nn.kernel.KernelSpec;
import dev.qanvas.project.KernelRun;
import dev.qanvas.project.Project;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunRecord;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.shell.AppSettings;
import dev.qanvas.ui.shell.DocumentModel;
import dev.qanvas.ui.train.TrainWorkspace.State;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Training a kernel project in the Train workspace (issue 17), the part of {@link TrainViewModel}
 * that runs {@link KernelRun}: on the workspace's {@code training} executor (a thread of its own,
 * as network training), reporting the Gram matrix's rows done, each cross-validation fold as it
 * finishes, then the comparison table; Stop interrupts that thread, which {@code QuantumKernel}
 * checks between rows and {@code CrossValidation} between folds. The run's folder and
 * {@link RunRecord} are what {@code qanvas train --record} writes for a kernel project. Needs no
 * JavaFX toolkit; results come back through {@code ui}.
 */
final class KernelTraining {

    /**
     * One row of the comparison table: a learner's fold accuracies so far (NaN for a fold not yet
     * run), then, once it is done, the mean and sample standard deviation over folds, the
     * held-out test accuracy and the seconds its folds and refit took (NaN until then).
     */
    record Row(String learner, List<Double> folds, double mean, double std, double test, double seconds) {

        boolean done() {
            return Double.isFinite(mean);
        }
    }

    /** The learners' names in {@link KernelRun#LEARNERS}' order. */
    static final List<String> NAMES = List.of("QSVM (quantum kernel)", "RBF SVM", "Random forest");

    /** The shared state of the workspace this drives. */
    record Shared(ObjectProperty<State> state, DoubleProperty progress, StringProperty progressText, StringProperty status,
                  BooleanProperty statusFailed, ObjectProperty<String> inspectable) {
    }

    private final DocumentModel doc;
    private final Executor ui;
    private final Executor training;
    private final TrainViewModel.Notices notices;
    private final Shared shared;
    private final Runnable ended;

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final StringProperty setup = new SimpleStringProperty("");
    private final StringProperty diagnostics = new SimpleStringProperty("");

    /** The thread running the kernel, while it runs; guarded by {@code this}. */
    private Thread runner;
    private boolean cancelled;
    /** From start until the run's end is shown. */
    private boolean active;

    /** @param ended runs on the UI thread once a run has ended (finished, cancelled or failed) and been recorded */
    KernelTraining(DocumentModel doc, Executor ui, Executor training, TrainViewModel.Notices notices, Shared shared, Runnable ended) {
        this.doc = doc;
        this.ui = ui;
        this.training = training;
        this.notices = notices;
        this.shared = shared;
        this.ended = ended;
    }

    /** The comparison table: one row per learner, filled in as folds finish. */
    ObservableList<Row> rows() { return rows; }
    /** What the kernel project trains, in a few lines. */
    ReadOnlyStringProperty setupProperty() { return setup; }
    /** The training Gram matrix's diagnostics after a run, or empty. */
    ReadOnlyStringProperty diagnosticsProperty() { return diagnostics; }
    /** Whether a kernel run is in progress (started and its end not yet shown). */
    boolean active() { return active; }

    /** The project changed: describe its kernel, and forget the table of another project. */
    void projectChanged(Project before, Project after) {
        KernelSpec k = after.kernel();
        setup.set(k == null ? "" : setupText(k));
        boolean sameKernel = before != null && before.isKernel() && after.isKernel() && before.kernel().equals(k)
                && before.dataset().equals(after.dataset());
        if (!sameKernel && shared.state().get() == State.IDLE) {
            rows.clear();
            diagnostics.set("");
        }
    }

    static String setupText(KernelSpec k) {
        return String.format(Locale.ROOT, "%s.%nSVM C = %s against an RBF SVM (same C) and a random forest (%d trees); %d-fold stratified"
                + " cross-validation (seed %d) on %,d training points per class, then a test on %,d per class.", k.describe(), num(k.c()),
                k.trees(), k.folds(), k.seed(), k.trainPerClass(), k.testPerClass());
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Starts a run of the document's kernel project. */
    void start() {
        Project project = doc.project();
        Path file = doc.file();
        Path settingsDir = AppSettings.file().getParent();
        Set<String> takenIds = new HashSet<>();
        project.runs().forEach(r -> takenIds.add(r.id()));
        int folds = project.kernel().folds();
        rows.clear();
        for (String name : NAMES) {
            rows.add(new Row(name, nans(folds), Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        diagnostics.set("");
        synchronized (this) {
            cancelled = false;
        }
        active = true;
        shared.state().set(State.RUNNING);
        shared.status().set("");
        shared.statusFailed().set(false);
        shared.inspectable().set(null);
        shared.progress().set(TrainViewModel.INDETERMINATE);
        shared.progressText().set("Preparing the features…");
        training.execute(() -> run(project, file, settingsDir, takenIds));
    }

    private void run(Project project, Path file, Path settingsDir, Set<String> takenIds) {
        synchronized (this) {
            if (cancelled) {
                ui.execute(() -> stopped(null));
                return;
            }
            runner = Thread.currentThread();
        }
        try {
            RunFolder folder = RunFolder.next(RunFolder.runsRoot(file, project.name(), settingsDir), takenIds);
            KernelRun.Result result = KernelRun.run(project, file, folder.path(), new KernelRun.Listener() {
                @Override
                public void log(String line) {
                    ui.execute(() -> {
                        if (shared.progress().get() < 0) {
                            shared.progressText().set(line + "…");
                        }
                    });
                }

                @Override
                public void gram(int done, int total) {
                    ui.execute(() -> {
                        shared.progress().set((double) done / total);
                        shared.progressText().set(String.format(Locale.ROOT, "Gram matrix: %,d of %,d rows", done, total));
                    });
                }

                @Override
                public void fold(int learner, CrossValidation.Fold fold) {
                    ui.execute(() -> foldDone(learner, fold));
                }
            });
            ui.execute(() -> finished(project, result, folder));
        } catch (CancellationException e) {
            ui.execute(() -> stopped(null));
        } catch (Exception | OutOfMemoryError e) {
            boolean wasCancelled;
            synchronized (this) {
                wasCancelled = cancelled;
            }
            // A cancel can surface as an I/O error of an interrupted read: report it as the cancel it is.
            ui.execute(() -> stopped(wasCancelled ? null : e));
        } finally {
            synchronized (this) {
                runner = null;
                Thread.interrupted(); // the cancel is spent here, never on other work
            }
        }
    }

    private void foldDone(int learner, CrossValidation.Fold fold) {
        Row r = rows.get(learner);
        List<Double> folds = new ArrayList<>(r.folds());
        folds.set(fold.fold(), fold.accuracy());
        rows.set(learner, new Row(r.learner(), List.copyOf(folds), r.mean(), r.std(), r.test(), r.seconds()));
        shared.progress().set((learner * folds.size() + fold.fold() + 1.0) / (NAMES.size() * folds.size())); // folds of all learners
        shared.progressText().set(String.format(Locale.ROOT, "Cross-validating %s: fold %d of %d, accuracy %.3f", NAMES.get(learner),
                fold.fold() + 1, folds.size(), fold.accuracy()));
    }

    /** Stops the run: interrupts its thread (the Gram matrix stops at the next row, cross-validation at the next fold). */
    void cancel() {
        synchronized (this) {
            cancelled = true;
            if (runner != null) {
                runner.interrupt();
            }
        }
        shared.state().set(State.STOPPING);
        shared.progressText().set("Stopping…");
    }

    private void finished(Project project, KernelRun.Result result, RunFolder folder) {
        active = false;
        RunRecord record = KernelRun.record(project, result, folder.id(), folder.path());
        for (int i = 0; i < result.reports().size(); i++) {
            CrossValidation.Report rep = result.reports().get(i);
            rows.set(i, new Row(NAMES.get(i), rep.perFold().stream().map(CrossValidation.Fold::accuracy).toList(), rep.meanAccuracy(),
                    rep.stdAccuracy(), rep.testAccuracy(), rep.cvSeconds() + rep.refitSeconds()));
        }
        diagnostics.set(String.format(Locale.ROOT, "Gram matrix of all %,d points (%,d qubits) in %.1f s. Training Gram matrix (%,d points):"
                        + " kernel-target alignment %.3f, off-diagonal mean %.3f and variance %.4f, effective dimension %.1f.",
                result.trainPoints() + result.testPoints(), result.qubits(), result.gramSeconds(), result.trainPoints(), result.alignment(),
                result.offDiagonal().mean(), result.offDiagonal().variance(), result.effectiveDimension()));
        shared.state().set(State.IDLE);
        shared.progress().set(1);
        shared.progressText().set(String.format(Locale.ROOT, "Done in %.1f s", result.seconds()));
        doc.edit(doc.project().withRun(record));
        String accuracy = String.format(Locale.ROOT, "QSVM test accuracy %.1f %%", 100 * result.testAccuracy());
        shared.status().set("Completed: " + accuracy + ". Saved as " + record.id() + " in " + record.directory());
        notices.status("Kernel run completed: " + record.id() + ", " + accuracy);
        shared.inspectable().set(record.id());
        ended.run();
    }

    /** The run was cancelled ({@code error} null) or failed: nothing is saved or recorded. */
    private void stopped(Throwable error) {
        active = false;
        shared.state().set(State.IDLE);
        shared.progress().set(0);
        if (error == null) {
            shared.progressText().set("Stopped");
            shared.status().set("Stopped before the end: nothing was saved.");
        } else {
            shared.progressText().set("Failed");
            shared.status().set("The kernel run stopped with an error: " + Alerts.messageOf(error));
            shared.statusFailed().set(true);
            notices.error("Kernel training failed", error);
        }
        ended.run();
    }

    private static List<Double> nans(int n) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Double.NaN);
        }
        return List.copyOf(out);
    }
}
