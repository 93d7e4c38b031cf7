package dev.qanvas.ui.data;

import dev.qanvas.data.ClassImbalance;
import dev.qanvas.data.Dataset;
import dev.qanvas.data.DatasetSpec;
import dev.qanvas.data.DatasetSummary;
import dev.qanvas.data.Datasets;
import dev.qanvas.data.ImageSet;
import dev.qanvas.data.LabelNoise;
import dev.qanvas.data.PreparedData;
import dev.qanvas.data.RandomLabels;
import dev.qanvas.data.Transform;
import dev.qanvas.data.TransformChain;
import dev.qanvas.project.Project;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.common.Pixels;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Data workspace without its views: which datasets are offered, what is previewed (split,
 * images per class, the last preview or why it failed), the commands the controls trigger (pick a
 * dataset, open a folder, edit the transforms or the generator) and the background loads behind
 * them. Dataset and transforms live in the project, so every command edits it through the
 * {@link DocumentModel}; the preview follows the project. Needs no JavaFX toolkit: background
 * work goes through a {@link Background.Runner} ({@link Background#run} in the app, a synchronous stand-in in
 * tests), whose callbacks hand back the results.
 */
public final class DataViewModel {

    /** How the user is told things: the status bar and error dialogs ({@link Alerts} in the app). */
    public interface Feedback {
        void status(String message);

        void error(String title, Throwable error);
    }

    static final List<Integer> PER_CLASS_CHOICES = List.of(8, 16, 32, 64);
    static final List<String> NORMALISE_CHOICES = List.of("None", "To [0, 1]", "To [-1, 1]", "Standardise (mean 0, std 1)");
    static final int DEFAULT_PER_CLASS = 16;

    /** What one background load produces for the view. */
    record Preview(Project project, Dataset raw, Dataset transformed, DatasetSummary rawSummary,
                   DatasetSummary summary, boolean testSplit, List<List<Thumb>> thumbsByClass, String labelEffects) {
    }

    /** One image of the grid, as ARGB pixels scaled to the dataset's value range. */
    record Thumb(int index, int label, int width, int height, int[] argb) {
    }

    private final DocumentModel doc;
    private final Background.Runner runner;
    private final Feedback feedback;
    private final ObservableList<DatasetSpec> datasets = FXCollections.observableArrayList(Datasets.catalogue());
    private final ReadOnlyObjectWrapper<Preview> shown = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper testSplit = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyIntegerWrapper perClass = new ReadOnlyIntegerWrapper(DEFAULT_PER_CLASS);
    private Consumer<Project> onSettings = p -> { };
    private Consumer<Preview> onPreview = p -> { };
    private Consumer<String> onFailure = m -> { };
    private int generation;

    public DataViewModel(DocumentModel doc, Background.Runner runner, Feedback feedback) {
        this.doc = doc;
        this.runner = runner;
        this.feedback = feedback;
    }

    // ----- wiring -----

    /** The view's hooks: controls follow the project's settings; a preview or a load error is shown. */
    void listen(Consumer<Project> settings, Consumer<Preview> preview, Consumer<String> failure) {
        this.onSettings = settings;
        this.onPreview = preview;
        this.onFailure = failure;
    }

    /** Starts following the project: now, and on every change of its dataset or transforms. */
    public void start() {
        doc.projectProperty().addListener((o, before, after) -> projectChanged(before, after));
        projectChanged(null, doc.project());
    }

    private void projectChanged(Project before, Project after) {
        if (before != null && before.dataset().equals(after.dataset()) && before.transforms().equals(after.transforms())) {
            return;
        }
        onSettings.accept(after);
        refresh();
    }

    // ----- state -----

    public DocumentModel document() { return doc; }

    /** The datasets offered: the catalogue, plus the folder or synthetic variant the project uses. */
    public ObservableList<DatasetSpec> datasets() { return datasets; }

    /** The preview on screen, or null before the first load and after a failed one. */
    public ReadOnlyObjectProperty<Preview> shownProperty() { return shown.getReadOnlyProperty(); }
    public Preview shown() { return shown.get(); }

    /** Why the last preview could not be made (the text shown over the grid), or null. */
    public ReadOnlyStringProperty loadErrorProperty() { return loadError.getReadOnlyProperty(); }
    public String loadError() { return loadError.get(); }

    public ReadOnlyBooleanProperty testSplitProperty() { return testSplit.getReadOnlyProperty(); }
    public boolean testSplit() { return testSplit.get(); }

    public ReadOnlyIntegerProperty perClassProperty() { return perClass.getReadOnlyProperty(); }
    public int perClass() { return perClass.get(); }

    /** The dataset previewed, after transforms, or null. */
    public Dataset shownDataset() {
        return shown.get() == null ? null : shown.get().transformed();
    }

    /** Makes {@code spec} one of the offered datasets: a synthetic spec replaces its catalogue entry, a folder is added. */
    void include(DatasetSpec spec) {
        if (!datasets.contains(spec)) {
            datasets.removeIf(s -> s.getClass() == spec.getClass() && isSynthetic(s));
            datasets.add(spec);
        }
    }

    static boolean isSynthetic(DatasetSpec s) {
        return s instanceof DatasetSpec.Hypercube || s instanceof DatasetSpec.BarsAndStripes;
    }

    /** The transform chain in words, one numbered step a line. */
    static String describe(TransformChain chain) {
        if (chain.steps().isEmpty()) {
            return "No transforms: images as stored.";
        }
        StringBuilder sb = new StringBuilder("Applied in order:");
        int k = 1;
        for (Transform t : chain.steps()) {
            sb.append("\n").append(k++).append(". ").append(t.describe());
        }
        return sb.toString();
    }

    /** The normalise choice that shows {@code chain}'s normalise step (or its absence). */
    static String normaliseChoice(TransformChain chain) {
        return chain.find(Transform.Normalise.class).map(n -> NORMALISE_CHOICES.get(n.mode().ordinal() + 1))
                .orElse(NORMALISE_CHOICES.get(0));
    }

    /** Whether class {@code label} is used under {@code chain}'s class subset (all are without one). */
    static boolean isUsed(int label, TransformChain chain) {
        return chain.find(Transform.ClassSubset.class).map(s -> s.classes().contains(label)).orElse(true);
    }

    /**
     * Where resizing starts: half the previewed size (the common first step, e.g. 28 -> 14 for
     * MNIST), one high for vectors; null when nothing is previewed.
     */
    int[] suggestedResize() {
        Preview p = shown.get();
        if (p == null) {
            return null;
        }
        return new int[] {Math.max(1, p.raw().width() / 2), Math.max(1, p.raw().isVector() ? 1 : p.raw().height() / 2)};
    }

    /** "3  Dress" (with the separator given), or just "3" when the class is named by its label, as digits are. */
    static String classText(int label, String name, String separator) {
        return name.equals(Integer.toString(label)) ? name : label + separator + name;
    }

    // ----- commands -----

    /** The picker chose {@code spec}: switches to it unless the project already uses it. */
    public void chooseDataset(DatasetSpec spec) {
        if (spec != null && !spec.equals(doc.project().dataset())) {
            switchDataset(spec);
        }
    }

    /** Opens a folder of MNIST-style IDX files as the dataset. */
    public void openIdxFolder(File dir) {
        switchDataset(new DatasetSpec.IdxFolder(dir.getAbsolutePath()));
    }

    /** The spec of an image folder read at the given size; 20% of each class is held out (seed 42) without split folders. */
    static DatasetSpec imageFolder(File dir, int width, int height, boolean grayscale) {
        return new DatasetSpec.ImageFolder(dir.getAbsolutePath(), width, height, grayscale, 0.2, 42);
    }

    /** Loads the new dataset first; only if that works does the project change. */
    public void switchDataset(DatasetSpec spec) {
        runner.run("Opening " + spec.label(), r -> Datasets.load(spec), dataset -> {
            // A class subset names classes of the old dataset: it does not carry over.
            TransformChain chain = doc.project().transforms().with(Transform.ClassSubset.class, null);
            doc.edit(doc.project().withDataset(spec).withTransforms(chain));
        }, error -> {
            feedback.error("Cannot open dataset", error);
            onSettings.accept(doc.project());
        });
    }

    /** New generator settings for the synthetic dataset; the class subset is dropped. */
    public void editSynthetic(DatasetSpec spec) {
        doc.edit(doc.project().withDataset(spec).withTransforms(doc.project().transforms().with(Transform.ClassSubset.class, null)));
    }

    public void useAllClasses() {
        editTransforms(doc.project().transforms().with(Transform.ClassSubset.class, null));
    }

    /**
     * Uses just the classes {@code used} (all of them drops the subset). Returns false, leaving the
     * project alone, when none is left: at least one class must stay.
     */
    public boolean useClasses(List<Integer> used) {
        Preview p = shown.get();
        if (p == null) {
            return true;
        }
        if (used.isEmpty()) {
            feedback.status("Keep at least one class.");
            return false;
        }
        Transform step = used.size() == p.rawSummary().classes().size() ? null : new Transform.ClassSubset(used);
        editTransforms(doc.project().transforms().with(Transform.ClassSubset.class, step));
        return true;
    }

    /** Resizes to {@code width} x {@code height}, or drops the resize step when {@code on} is false. */
    public void resize(boolean on, int width, int height) {
        Transform step = on ? new Transform.Resize(width, height) : null;
        editTransforms(doc.project().transforms().with(Transform.Resize.class, step));
    }

    /** Sets the normalise step from one of {@link #NORMALISE_CHOICES} ("None" or unknown drops it). */
    public void normalise(String choice) {
        int index = NORMALISE_CHOICES.indexOf(choice);
        Transform step = index <= 0 ? null : new Transform.Normalise(Transform.Normalise.Mode.values()[index - 1]);
        editTransforms(doc.project().transforms().with(Transform.Normalise.class, step));
    }

    /** The seed the label steps get when the Data workspace adds them (an edit keeps the step's own). */
    static final long LABEL_SEED = 42;

    /**
     * Flips {@code percent}% of the training labels to other classes; 0 drops the step. A new step is
     * symmetric noise; an existing one keeps its kind, class pairs and seed (only the rate changes).
     */
    public void labelNoise(int percent) {
        var existing = doc.project().transforms().find(LabelNoise.class);
        double rate = Math.min(100, percent) / 100.0;
        Transform step = percent <= 0 ? null
                : existing.map(n -> new LabelNoise(n.kind(), rate, n.pairs(), n.seed())).orElse(LabelNoise.symmetric(rate, LABEL_SEED));
        editTransforms(doc.project().transforms().with(LabelNoise.class, step));
    }

    /** Draws every training label at random (keeping a random-pixels choice made in the file), or drops the step. */
    public void randomLabels(boolean on) {
        var existing = doc.project().transforms().find(RandomLabels.class);
        Transform step = on ? existing.orElse(new RandomLabels(LABEL_SEED, false)) : null;
        editTransforms(doc.project().transforms().with(RandomLabels.class, step));
    }

    /** An exponential long tail with this imbalance ratio (largest over smallest class); 1 or less drops the step. */
    public void longTail(int ratio) {
        long seed = doc.project().transforms().find(ClassImbalance.class).map(ClassImbalance::seed).orElse(LABEL_SEED);
        Transform step = ratio <= 1 ? null
                : ClassImbalance.longTail(Math.min(ratio, (int) ClassImbalance.MAX_RATIO), ClassImbalance.Profile.EXPONENTIAL, seed);
        editTransforms(doc.project().transforms().with(ClassImbalance.class, step));
    }

    /** The label-noise percentage that shows {@code chain}'s step (0 without one). */
    static int labelNoisePercent(TransformChain chain) {
        return chain.find(LabelNoise.class).map(n -> (int) Math.round(n.rate() * 100)).orElse(0);
    }

    /** The long-tail ratio that shows {@code chain}'s step (1 without one, or with per-class fractions). */
    static int longTailRatio(TransformChain chain) {
        return chain.find(ClassImbalance.class).filter(c -> c.ratio() != null).map(c -> (int) Math.round(c.ratio())).orElse(1);
    }

    private void editTransforms(TransformChain chain) {
        doc.edit(doc.project().withTransforms(chain));
    }

    /** Shows the test split (or the train split) and reloads the preview. */
    public void showSplit(boolean test) {
        testSplit.set(test);
        refresh();
    }

    /** Shows this many images per class (null: the default) and reloads the preview. */
    public void showPerClass(Integer count) {
        perClass.set(count == null ? DEFAULT_PER_CLASS : count);
        refresh();
    }

    // ----- background -----

    /** Prepares the preview of the project in the background; only the newest request's result is shown. */
    public void refresh() {
        Project p = doc.project();
        boolean test = testSplit.get();
        int count = perClass.get();
        int gen = ++generation;
        runner.run("Preparing preview of " + p.dataset().label(), r -> prepare(p, test, count), preview -> {
            if (gen == generation) {
                loadError.set(null);
                shown.set(preview);
                onPreview.accept(preview);
            }
        }, error -> {
            if (gen == generation) {
                shown.set(null);
                String message = "Cannot show " + p.dataset().label() + ":\n" + Alerts.messageOf(error)
                        + "\nPick another dataset or change the transforms; nothing in the project was changed.";
                loadError.set(message);
                onFailure.accept(message);
            }
        });
    }

    /** Loads and transforms the project's data and picks the first {@code perClass} images of each class. */
    static Preview prepare(Project p, boolean test, int perClass) throws Exception {
        PreparedData prepared = PreparedData.load(p.dataset(), p.transforms());
        Dataset raw = prepared.raw();
        Dataset transformed = prepared.data();
        DatasetSummary summary = DatasetSummary.of(transformed);
        ImageSet split = test ? transformed.test() : transformed.train();
        List<List<Thumb>> rows = new ArrayList<>();
        for (int c = 0; c < transformed.classCount(); c++) {
            List<Thumb> row = new ArrayList<>();
            for (int i : split.indicesOf(c)) {
                if (row.size() == perClass) {
                    break;
                }
                row.add(new Thumb(i, c, split.width(), split.height(),
                        Pixels.argb(split, i, summary.minValue(), summary.maxValue())));
            }
            rows.add(row);
        }
        return new Preview(p, raw, transformed, DatasetSummary.of(raw), summary, test, rows, labelEffects(prepared));
    }

    /**
     * What the training-split-only steps did, in words: "Label noise: 312 of 8,000 training labels
     * changed", the images per class a class imbalance keeps; empty without such steps.
     */
    static String labelEffects(PreparedData prepared) {
        TransformChain chain = prepared.transforms();
        List<String> lines = new ArrayList<>();
        LabelNoise.groundTruth(prepared.raw(), chain).ifPresent(noise ->
                lines.add(String.format("Label noise: %,d of %,d training labels changed", noise.changed(),
                        prepared.data().train().size())));
        if (chain.find(RandomLabels.class).isPresent()) {
            lines.add(String.format("Random labels: all %,d training labels drawn at random", prepared.data().train().size()));
        }
        ClassImbalance.keptCounts(prepared.raw(), chain).ifPresent(counts -> {
            StringBuilder sb = new StringBuilder("Class imbalance keeps per class: ");
            for (int c = 0; c < counts.length; c++) {
                sb.append(c == 0 ? "" : ", ").append(String.format("%,d", counts[c]));
            }
            lines.add(sb.toString());
        });
        return String.join("\n", lines);
    }
}
