package dev.qanvas.ui.inspect;

import dev.qanvas.insight.InspectedModel;
import dev.qanvas.insight.Predictions;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunRecord;
import dev.qanvas.ui.shell.DocumentModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run picker of {@link InspectViewModel}: which of the project's runs have a model (asked of
 * the disk in the background), the run chosen, and loading it (in the background). Hands a
 * loaded run to {@code onLoaded} and says {@code onEmpty} when there is none to show.
 */
final class InspectRuns {

    private final DocumentModel doc;
    private final InspectJobs jobs;
    private final BiConsumer<String, Throwable> errors;
    private final Consumer<InspectViewModel.Loaded> onLoaded;
    private final Consumer<InspectKernel.Loaded> onKernelLoaded;
    private final Runnable onEmpty;

    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> chosenRun = new SimpleObjectProperty<>(this, "chosenRun");
    private final BooleanProperty noRuns = new SimpleBooleanProperty(this, "noRuns");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final StringProperty emptyText = new SimpleStringProperty(this, "emptyText", "");
    /** The run being loaded or shown. */
    private RunRecord requested;
    /** Counts run-list refreshes: only the newest one's result is shown. */
    private int runsGeneration;
    /** The id of a run to show once the refreshed list has it ({@link #select}), or null. */
    private String wantedRun;
    /** Runs no project recorded that were opened here (a sweep's points, read from their folders). */
    private final List<RunRecord> external = new ArrayList<>();
    /** A run to show once the refreshed list has it ({@link #open}), or null. */
    private RunRecord wantedRecord;

    InspectRuns(DocumentModel doc, InspectJobs jobs, BiConsumer<String, Throwable> errors,
                Consumer<InspectViewModel.Loaded> onLoaded, Consumer<InspectKernel.Loaded> onKernelLoaded, Runnable onEmpty) {
        this.doc = doc;
        this.jobs = jobs;
        this.errors = errors;
        this.onLoaded = onLoaded;
        this.onKernelLoaded = onKernelLoaded;
        this.onEmpty = onEmpty;
        chosenRun.addListener(o -> loadChosen()); // as the picker's action: on every change
        doc.projectProperty().addListener((o, was, now) -> refreshRuns());
    }

    ObservableList<RunRecord> runs() { return runs; }
    ObjectProperty<RunRecord> chosenRunProperty() { return chosenRun; }
    BooleanProperty noRunsProperty() { return noRuns; }
    StringProperty summaryProperty() { return summary; }
    StringProperty emptyTextProperty() { return emptyText; }

    /** Shows the run with this id (the newest of that id), if it has a model on disk (looked for in the background). */
    void select(String runId) {
        wantedRun = runId;
        refreshRuns();
    }

    /**
     * Lists a run no project recorded (a sweep's point, read from its folder) beside the project's
     * (until the app quits) and shows it, if its folder has a model (looked for in the background).
     */
    void open(RunRecord run) {
        external.removeIf(r -> r.directory().equals(run.directory()));
        external.add(run);
        wantedRecord = run;
        refreshRuns();
    }

    /** The runs whose folder holds a model or a kernel run, newest first. Reads the disk: never on the UI thread. */
    static List<RunRecord> runsWithModel(List<RunRecord> runs, Path projectFile) {
        List<RunRecord> out = new ArrayList<>();
        for (RunRecord r : runs) {
            RunFolder folder = RunFolder.of(r, projectFile);
            if (folder.hasModel() || RunRecord.KERNEL.equals(r.trained()) && folder.isKernelRun()) {
                out.add(0, r);
            }
        }
        return out;
    }

    /** Lists the project's runs that have a model; which do is asked of the disk in the background. */
    void refreshRuns() {
        List<RunRecord> all = new ArrayList<>(doc.project().runs());
        all.addAll(external);
        Path file = doc.file();
        int generation = ++runsGeneration;
        if (all.isEmpty()) {
            showRuns(List.of()); // nothing to look for
            return;
        }
        jobs.background("Looking for trained runs", r -> runsWithModel(all, file), found -> {
            if (generation == runsGeneration) {
                showRuns(found);
            }
        }, e -> {
            if (generation == runsGeneration) {
                showRuns(List.of());
                errors.accept("Could not look for the project's trained runs", e);
            }
        });
    }

    private void showRuns(List<RunRecord> found) {
        String wanted = wantedRun;
        wantedRun = null;
        RunRecord chosen = wanted == null ? null : found.stream().filter(r -> r.id().equals(wanted)).findFirst().orElse(null);
        if (wantedRecord != null) {
            if (found.contains(wantedRecord)) {
                chosen = wantedRecord;
            } else {
                errors.accept("Cannot inspect " + wantedRecord.id(), new java.io.IOException(wantedRecord.directory()
                        + ": no " + RunFolder.MODEL + " (the run failed before its first epoch, or is still training)"));
            }
            wantedRecord = null;
        }
        if (found.isEmpty()) {
            // Also when there were none before: a project opened without runs explains how to get one.
            runs.clear();
            chosenRun.set(null);
            showEmpty();
        } else if (!runs.equals(found)) {
            RunRecord keep = chosenRun.get();
            runs.setAll(found);
            if (chosen == null) {
                chosenRun.set(keep != null && found.contains(keep) ? keep : found.get(0)); // else the newest
                loadChosen();
            }
        }
        noRuns.set(found.isEmpty());
        if (chosen != null) {
            chosenRun.set(chosen);
            loadChosen();
        }
    }

    /** Loads the chosen run unless it is the one loaded or loading. */
    private void loadChosen() {
        RunRecord r = chosenRun.get();
        if (r != null && !r.equals(requested)) {
            load(r);
        }
    }

    private void showEmpty() {
        jobs.cancelModelWork();
        requested = null;
        summary.set("");
        emptyText.set("No trained run to inspect yet.\n\nTrain the model in the Train workspace, or from a terminal with\n"
                + "    qanvas train PROJECT.qanvas --record\n"
                + "then reopen the project: every recorded run whose folder holds model.zip is listed here,"
                + " and every kernel run.");
        onEmpty.run();
    }

    private void load(RunRecord run) {
        RunFolder folder = RunFolder.of(run, doc.file());
        requested = run;
        jobs.cancelModelWork();
        summary.set("Loading " + run.id() + "…");
        if (RunRecord.KERNEL.equals(run.trained())) {
            Path projectFile = doc.file();
            jobs.background("Loading kernel run " + run.id(), r -> InspectKernel.load(run, folder, projectFile), onKernelLoaded, e -> {
                summary.set("Could not load " + run.id());
                requested = null;
                errors.accept("Could not load kernel run " + run.id() + " from " + folder.path(), e);
            });
            return;
        }
        jobs.background("Loading " + run.id() + " for inspection", r -> {
            NumericEngine.start();
            r.message("reading the model and data");
            RunFolder.Opened opened = folder.open();
            InspectedModel model = new InspectedModel(opened.model(), opened.data());
            r.message("predicting the test split");
            Predictions p = model.predictTest();
            return new InspectViewModel.Loaded(run, model, p, model.data().test().valueRange());
        }, onLoaded, e -> {
            summary.set("Could not load " + run.id());
            requested = null;
            errors.accept("Could not load " + run.id() + " from " + folder.path(), e);
        });
    }
}
