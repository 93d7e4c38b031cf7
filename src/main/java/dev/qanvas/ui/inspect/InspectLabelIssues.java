package dev.qanvas.ui.inspect;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.LabelFixes;
import dev.qanvas.data.TransformChain;
import dev.qanvas.insight.ConfidentLearning;
import dev.qanvas.project.LabelIssueSearch;
import dev.qanvas.project.OutOfSampleProbabilities;
import dev.qanvas.project.Project;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.shell.DocumentModel;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Label issues view's state and commands (docs/data-centric.md, "The Label issues view"): a
 * confident-learning search ({@link LabelIssueSearch}) on the project's training split, on k-fold
 * probabilities or, when the user chooses, on the probabilities of the run picked in Inspect, run through
 * {@link InspectJobs#cancellable}, and the fixes it suggests, added to the project as one
 * {@link LabelFixes} step through the document (undoable, saved like every transform edit).
 * Toolkit-free: properties only, no nodes.
 */
public final class InspectLabelIssues {

    public static final int DEFAULT_FOLDS = 5;
    static final String IDLE = "Search trains a fresh copy of the model on each fold of the training split and flags the"
            + " images whose given label the held-out model doubts (confident learning).";

    /**
     * What a search found, and the dataset and transforms it ran on (its indices are indices of
     * that chain's training split of that dataset).
     */
    public record Found(LabelIssueSearch.Result result, TransformChain chain, dev.qanvas.data.DatasetSpec dataset) {
        public List<ConfidentLearning.Issue> issues() { return result.found().issues(); }
        public Dataset data() { return result.data(); }
        /** Whether the project injected the noise, so precision and recall can be shown. */
        public boolean scored() { return result.noise().isPresent(); }
    }

    private final DocumentModel doc;
    private final InspectJobs jobs;
    private final BiConsumer<String, Throwable> errors;

    /** Where the search takes its probabilities from. */
    public enum Source {
        K_FOLD("k-fold (k models)"), RUN("this run's probabilities");

        private final String label;

        Source(String label) { this.label = label; }

        @Override
        public String toString() { return label; }
    }

    private final java.util.function.Supplier<dev.qanvas.project.RunFolder> chosenRun;
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(this, "source", Source.K_FOLD);
    private final IntegerProperty folds = new SimpleIntegerProperty(this, "folds", DEFAULT_FOLDS);
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final StringProperty status = new SimpleStringProperty(this, "status", IDLE);
    private final ObjectProperty<Found> found = new SimpleObjectProperty<>(this, "found");
    private Runnable cancelSearch;
    /** Counts searches: a result of an older one is dropped. */
    private int generation;

    InspectLabelIssues(DocumentModel doc, InspectJobs jobs, BiConsumer<String, Throwable> errors) {
        this(doc, jobs, errors, () -> null);
    }

    /** @param chosenRun the folder of the run picked in Inspect, or null while none is; called on the UI thread, reads no disk */
    InspectLabelIssues(DocumentModel doc, InspectJobs jobs, BiConsumer<String, Throwable> errors,
                       java.util.function.Supplier<dev.qanvas.project.RunFolder> chosenRun) {
        this.chosenRun = chosenRun;
        this.doc = doc;
        this.jobs = jobs;
        this.errors = errors;
        doc.openedProperty().addListener(o -> {
            cancel();
            found.set(null);
            status.set(IDLE);
        });
    }

    /** k folds, or the picked run's probabilities (out of sample only for images that run did not train on). */
    public ObjectProperty<Source> sourceProperty() { return source; }
    /** Folds of the search, 2..{@link OutOfSampleProbabilities#MAX_FOLDS}. */
    public IntegerProperty foldsProperty() { return folds; }
    public ReadOnlyBooleanProperty runningProperty() { return running; }
    public ReadOnlyDoubleProperty progressProperty() { return progress; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    /** The last search's findings, or null. */
    public ReadOnlyObjectProperty<Found> foundProperty() { return found; }

    /** Starts the search with the project's training settings; a running one is cancelled first. */
    public void search() {
        Project project = doc.project();
        int k = folds.get();
        dev.qanvas.project.RunFolder run = source.get() == Source.RUN ? chosenRun.get() : null;
        if (source.get() == Source.RUN && run == null) {
            status.set("Pick a run in Inspect first: its model gives the probabilities.");
            return;
        }
        if (run == null && (k < 2 || k > OutOfSampleProbabilities.MAX_FOLDS)) {
            status.set("Folds must be 2.." + OutOfSampleProbabilities.MAX_FOLDS + ".");
            return;
        }
        cancelSearch();
        int mine = ++generation;
        running.set(true);
        progress.set(0);
        status.set(run == null ? "Training " + k + " models, one per fold…" : "Scoring the training split with run " + run.id() + "…");
        cancelSearch = jobs.cancellable("Searching for label issues", reporter -> {
            java.util.function.DoubleConsumer share = s -> {
                if (reporter.isCancelled() || Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("label-issue search cancelled");
                }
                reporter.progress(s, 1);
            };
            return new Found(run == null ? LabelIssueSearch.run(project, project.training(), k, reporter::message, share)
                    : LabelIssueSearch.fromRun(project, run, reporter::message, share), project.transforms(), project.dataset());
        },
                p -> {
                    if (mine == generation) {
                        progress.set(p);
                    }
                }, f -> {
                    if (mine != generation) {
                        return;
                    }
                    running.set(false);
                    progress.set(1);
                    found.set(f);
                    status.set(summary(f));
                }, e -> {
                    if (mine == generation) {
                        running.set(false);
                        status.set("The search failed: " + Alerts.messageOf(e));
                        errors.accept("Could not search for label issues", e);
                    }
                });
    }

    /** "37 of 240 training images flagged (2 folds)." plus precision and recall when the noise was injected. */
    static String summary(Found f) {
        LabelIssueSearch.Result r = f.result();
        String text = r.fromRun() == null
                ? String.format(Locale.ROOT, "%d of %d training images flagged (%d folds).", f.issues().size(), r.given().length, r.folds())
                : String.format(Locale.ROOT, "%d of %d training images flagged (probabilities of run %s: out of sample only for images"
                        + " it did not train on).", f.issues().size(), r.given().length, r.fromRun().getFileName());
        if (f.scored()) {
            text += String.format(Locale.ROOT, " Against the %d labels the project's label noise changed: precision %s, recall %s.",
                    r.noise().get().changed(), share(r.precision()), share(r.recall()));
        }
        return text;
    }

    /** A share with three decimals, or "n/a" when undefined (no flags, no flipped labels). */
    public static String share(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }

    public void cancel() {
        if (running.get()) {
            status.set("Cancelled.");
        }
        cancelSearch();
    }

    private void cancelSearch() {
        generation++;
        if (cancelSearch != null) {
            cancelSearch.run();
            cancelSearch = null;
        }
        running.set(false);
    }

    /** Gives each of {@code indices} (flagged images) its suggested label, as one undoable project edit. */
    public void relabel(Collection<Integer> indices) {
        Found f = found.get();
        if (f == null) {
            return;
        }
        Set<Integer> wanted = new HashSet<>(indices);
        Map<Integer, Integer> labels = new LinkedHashMap<>();
        f.issues().stream().filter(i -> wanted.contains(i.index())).forEach(i -> labels.put(i.index(), i.suggested()));
        fix(LabelFixes.of(labels, List.of()), "Relabelled " + labels.size());
    }

    /** Drops {@code indices} (flagged images) from the training split, as one undoable project edit. */
    public void drop(Collection<Integer> indices) {
        Found f = found.get();
        if (f == null) {
            return;
        }
        Set<Integer> wanted = new HashSet<>(indices);
        TreeSet<Integer> flagged = new TreeSet<>();
        f.issues().stream().filter(i -> wanted.contains(i.index())).forEach(i -> flagged.add(i.index()));
        fix(LabelFixes.of(Map.of(), flagged), "Dropped " + flagged.size());
    }

    /** The indices of every flagged image. */
    public List<Integer> all() {
        Found f = found.get();
        return f == null ? List.of() : f.issues().stream().map(ConfidentLearning.Issue::index).toList();
    }

    /**
     * Adds {@code fixes} (on the searched split's indices) to the project's label fixes. Refused when
     * the transforms changed since the search: its indices would name other images.
     */
    private void fix(LabelFixes fixes, String done) {
        Found f = found.get();
        if (fixes.relabel().isEmpty() && fixes.drop().isEmpty()) {
            status.set("Select flagged images first (or use the All buttons).");
            return;
        }
        TransformChain chain = doc.project().transforms();
        if (!chain.equals(f.chain()) || !doc.project().dataset().equals(f.dataset())) {
            status.set("The project's dataset or transforms changed since the search, so its image numbers may name other images:"
                    + " search again (undo restores the searched transforms).");
            return;
        }
        int searched = f.result().given().length;
        LabelFixes merged = chain.find(LabelFixes.class)
                .map(earlier -> earlier.then(fixes, searched + earlier.drop().size())) // its drops all named images that existed
                .orElse(fixes);
        doc.edit(doc.project().withTransforms(chain.with(LabelFixes.class, merged)));
        status.set(done + " training images in the project (one undoable edit). Retrain in Train to learn from the fixed labels.");
    }
}
