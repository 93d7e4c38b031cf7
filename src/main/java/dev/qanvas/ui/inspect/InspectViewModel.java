package dev.qanvas.ui.inspect;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.ImageSet;
import dev.qanvas.insight.ClassMetrics;
import dev.qanvas.insight.InspectedModel;
import dev.qanvas.insight.Predictions;
import dev.qanvas.insight.QrnnSteps;
import dev.qanvas.insight.QuantumStates;
import dev.qanvas.insight.Saliency;
import dev.qanvas.project.RunRecord;
import dev.qanvas.quantum.StateReport;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.shell.DocumentModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Inspect workspace without its views: which runs have a model, the run chosen, loaded and
 * shown, the gallery's filter and order, the image in the detail pane with what the model says
 * about it (probabilities, saliency, the quantum layers' states), and the commands that change
 * them. Runs are listed and loaded through {@link InspectJobs#background}; all model work runs through
 * {@link InspectJobs#model} (one thread, newest request per slot wins). Results come back through the
 * jobs' callbacks, on the UI thread in the app; nothing here needs the JavaFX toolkit.
 *
 * <p>The views bind to the properties and lists, and hear the rest (tiles to draw, the image to
 * show, a quantum state) through {@link Listener}. A kernel run (no network) is loaded by the same
 * picker and shown through {@link #kernel()} instead.
 */
public final class InspectViewModel {

    static final int MEAN_SAMPLES = 24;
    /** The saliency target meaning "the predicted class". */
    static final int TARGET_PREDICTED = -1;

    /** What the views draw when the view model says so (default: nothing). */
    interface Listener {
        /** A run was loaded and is shown (its summary, matrix, filters and targets are set). */
        default void runShown(Loaded run) { }

        /** A kernel run was loaded and is shown ({@link #kernel()}). */
        default void kernelShown(InspectKernel.Loaded run) { }

        /** There is no run to show; {@link #emptyTextProperty()} says why. */
        default void emptied() { }

        /** The gallery shows no confusion-matrix cell any more. */
        default void cellCleared() { }

        /** The gallery's entries (of the loaded run). */
        default void galleryShown(List<Predictions.Misclassification> entries) { }

        /** The gallery's selected test image, or -1 for none. */
        default void gallerySelected(int index) { }

        /** A new subject: show its image ({@link #subjectGray()}). */
        default void subjectShown(Subject subject) { }

        /** The outline of the quanvolution patch on the image, in image pixels; a negative width hides it. */
        default void patchMarked(int x, int y, int width, int height) { }

        /** A quantum layer's state for the subject. */
        default void stateShown(StateReport report, String caption) { }

        default void stateFailed(String message) { }
    }

    /** A loaded run: its record, the model with its data, test predictions and display range. */
    record Loaded(RunRecord run, InspectedModel model, Predictions predictions, float[] range, ClassMetrics metrics) {
        /** With the metrics of {@code predictions}, worked out here (on the loading thread). */
        Loaded(RunRecord run, InspectedModel model, Predictions predictions, float[] range) {
            this(run, model, predictions, range, ClassMetrics.of(predictions));
        }
    }

    /**
     * The image in the detail pane.
     *
     * @param testIndex the test image's index, or -1 for a drawing
     * @param image     the model input, HWC as the dataset stores it
     */
    record Subject(int testIndex, float[] image, int trueClass) {
    }

    /** What the worker computes for a subject; {@code photonic}: its photonic layers' distributions (issue 21). */
    record Detail(Subject subject, double[] probabilities, int predicted, int target, double[] heat,
                  List<QuantumStates.Node> nodes, List<QrnnSteps.Layer> qrnn, long millis, List<dev.qanvas.insight.PhotonicStates.Layer> photonic) {
    }

    private final InspectJobs jobs;
    private final InspectRuns runs;
    private final InspectQuantumLayers quantum;
    private final InspectKernel kernel = new InspectKernel();
    private InspectRobustness robustness; // set right after runs, whose list it follows
    private final InspectLabelIssues labelIssues;
    private InspectNoise noise; // set right after runs, like robustness
    private final BiConsumer<String, Throwable> errors;
    private Listener listener = new Listener() { };

    private final ObjectProperty<Loaded> loaded = new SimpleObjectProperty<>(this, "loaded");

    // ----- gallery -----
    private final ObjectProperty<Predictions.Order> order =
            new SimpleObjectProperty<>(this, "order", Predictions.Order.MOST_CONFIDENT_FIRST);
    private final ObservableList<Integer> classFilters = FXCollections.observableArrayList();
    /** The true class whose misclassified images the gallery shows, -1 for all. */
    private final ObjectProperty<Integer> classFilter = new SimpleObjectProperty<>(this, "classFilter");
    private final StringProperty galleryTitle = new SimpleStringProperty(this, "galleryTitle", "");
    /** What the gallery says when it has no images ("" while it has some). */
    private final StringProperty galleryEmpty = new SimpleStringProperty(this, "galleryEmpty", "");
    /** The confusion-matrix cell the gallery shows {true, predicted}, or null for the misclassified images. */
    private int[] shownCell;
    /** How many entries the gallery shows. */
    private int galleryCount;

    // ----- detail -----
    private final ObjectProperty<Saliency.Method> method = new SimpleObjectProperty<>(this, "method", Saliency.Method.VANILLA);
    private final ObservableList<Integer> targets = FXCollections.observableArrayList();
    /** The class the saliency is taken towards, {@link #TARGET_PREDICTED} for the predicted one. */
    private final ObjectProperty<Integer> target = new SimpleObjectProperty<>(this, "target");
    private final BooleanProperty drawMode = new SimpleBooleanProperty(this, "drawMode", false);
    private final BooleanProperty drawOffered = new SimpleBooleanProperty(this, "drawOffered", true);
    private final BooleanProperty padShown = new SimpleBooleanProperty(this, "padShown", true);
    private final StringProperty detailTitle = new SimpleStringProperty(this, "detailTitle", "");
    private final StringProperty saliencyCaption = new SimpleStringProperty(this, "saliencyCaption", "");
    private final ObjectProperty<Detail> detail = new SimpleObjectProperty<>(this, "detail");
    /** What the detail pane shows: a test image or the drawing. */
    private Subject subject;

    // ----- mean saliency -----
    private final StringProperty meanStatus = new SimpleStringProperty(this, "meanStatus", "");
    /** The mean heat map of each class, or null while none is computed. */
    private final ObjectProperty<double[][]> means = new SimpleObjectProperty<>(this, "means");

    /**
     * @param errors shows an error to the user (a title and the cause)
     */
    public InspectViewModel(DocumentModel doc, InspectJobs jobs, BiConsumer<String, Throwable> errors) {
        this.jobs = jobs;
        this.errors = errors;
        runs = new InspectRuns(doc, jobs, errors, this::show, this::showKernel, () -> {
            loaded.set(null);
            kernel.clear();
            clearDetail();
            this.robustness.reset();
            this.noise.reset();
            listener.emptied();
        });
        robustness = new InspectRobustness(doc, jobs, errors, loaded::get, runs.runs());
        labelIssues = new InspectLabelIssues(doc, jobs, errors, () -> runs.chosenRunProperty().get() == null ? null
                : dev.qanvas.project.RunFolder.of(runs.chosenRunProperty().get(), doc.file()));
        noise = new InspectNoise(jobs, errors, loaded::get);
        quantum = new InspectQuantumLayers(jobs, () -> listener, detail::get, () -> loaded.get().model().data());
        // A change of a choice acts like the choice's control did: on every change, from the view or from here.
        order.addListener(o -> showMisclassifiedOrCell());
        classFilter.addListener(o -> {
            if (classFilter.get() != null) {
                shownCell = null;
                listener.cellCleared();
                showMisclassifiedOrCell();
            }
        });
        method.addListener(o -> requestDetail());
        target.addListener(o -> requestDetail());
    }

    void setListener(Listener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    // ----- state -----

    /** The runs that have a model, newest first. */
    public ObservableList<RunRecord> runs() { return runs.runs(); }
    /** The run chosen in the picker. */
    public ObjectProperty<RunRecord> chosenRunProperty() { return runs.chosenRunProperty(); }
    public ReadOnlyBooleanProperty noRunsProperty() { return runs.noRunsProperty(); }
    /** The loaded run in one line, or what is being loaded. */
    public ReadOnlyStringProperty summaryProperty() { return runs.summaryProperty(); }
    public ReadOnlyStringProperty emptyTextProperty() { return runs.emptyTextProperty(); }
    ReadOnlyObjectProperty<Loaded> loadedProperty() { return loaded; }
    public ObjectProperty<Predictions.Order> orderProperty() { return order; }
    public ObservableList<Integer> classFilters() { return classFilters; }
    public ObjectProperty<Integer> classFilterProperty() { return classFilter; }
    public ReadOnlyStringProperty galleryTitleProperty() { return galleryTitle; }
    /** The gallery's message when it is empty, "" while it shows images. */
    public ReadOnlyStringProperty galleryEmptyProperty() { return galleryEmpty; }
    public ObjectProperty<Saliency.Method> methodProperty() { return method; }
    public ObservableList<Integer> targets() { return targets; }
    public ObjectProperty<Integer> targetProperty() { return target; }
    public ReadOnlyBooleanProperty drawModeProperty() { return drawMode; }
    /** Whether the model takes a drawn digit. */
    public ReadOnlyBooleanProperty drawOfferedProperty() { return drawOffered; }
    public ReadOnlyBooleanProperty padShownProperty() { return padShown; }
    public ReadOnlyStringProperty detailTitleProperty() { return detailTitle; }
    public ReadOnlyStringProperty saliencyCaptionProperty() { return saliencyCaption; }
    ReadOnlyObjectProperty<Detail> detailProperty() { return detail; }
    public ObservableList<QuantumStates.Node> nodes() { return quantum.nodes(); }
    public ObjectProperty<QuantumStates.Node> nodeProperty() { return quantum.nodeProperty(); }
    public ReadOnlyBooleanProperty quantumShownProperty() { return quantum.shownProperty(); }
    public ReadOnlyStringProperty patchTextProperty() { return quantum.patchTextProperty(); }
    public ReadOnlyStringProperty meanStatusProperty() { return meanStatus; }
    public ReadOnlyObjectProperty<double[][]> meansProperty() { return means; }
    /** The Robustness view's state and commands. */
    public InspectRobustness robustness() { return robustness; }
    /** The Label issues view's state and commands. */
    public InspectLabelIssues labelIssues() { return labelIssues; }
    /** The Noise view's state and commands. */
    public InspectNoise noise() { return noise; }
    /** A kernel run's state (empty while a network run or none is shown). */
    public InspectKernel kernel() { return kernel; }

    Loaded loaded() { return loaded.get(); }
    public InspectedModel model() { return loaded.get() == null ? null : loaded.get().model(); }
    public Predictions predictions() { return loaded.get() == null ? null : loaded.get().predictions(); }
    /** The class names of the loaded run. */
    List<String> classNames() { return loaded.get().predictions().classNames(); }
    Subject subject() { return subject; }
    /** The test image in the detail pane, or -1 for the drawing or none. */
    public int subjectIndex() { return subject == null ? -1 : subject.testIndex(); }
    /** The predicted class of the detail pane's image, or -1 before one is computed. */
    public int shownPrediction() { return detail.get() == null ? -1 : detail.get().predicted(); }
    public boolean showsDrawing() { return subject != null && subject.testIndex() < 0; }
    /** The chosen quanvolution patch (or 0). */
    public int patch() { return quantum.patch(); }
    /** Model work queued or running. */
    public int pendingWork() { return jobs.pendingModelWork(); }
    /** The file name of an exported view: the run's id (or "inspect") and the view's name. */
    public String exportName(String view) {
        return (loaded.get() == null ? "inspect" : loaded.get().run().id()) + "-" + view + ".png";
    }

    /** The subject's image in gray (the mean of its channels), row by row. */
    float[] subjectGray() {
        Dataset d = loaded.get().model().data();
        int channels = d.channels();
        float[] gray = new float[d.width() * d.height()];
        for (int p = 0; p < gray.length; p++) {
            for (int c = 0; c < channels; c++) {
                gray[p] += subject.image()[p * channels + c] / channels;
            }
        }
        return gray;
    }

    // ----- commands -----

    /** Shows the run with this id (the newest of that id), if it has a model on disk (looked for in the background). */
    public void select(String runId) {
        runs.select(runId);
    }

    /** Shows a run no project recorded (a sweep's point, read with {@code project.RunFolderRecord}), listed beside the project's. */
    public void open(RunRecord run) {
        runs.open(run);
    }

    /** Lists the project's runs that have a model (done on its own when the project changes). */
    public void refreshRuns() {
        runs.refreshRuns();
    }

    /** Picks a run (as the picker does); loads it unless it is the one loaded or loading. */
    public void chooseRun(RunRecord run) {
        runs.chosenRunProperty().set(run);
    }

    /** Shows a confusion-matrix cell's images in the gallery. */
    public void showCell(int trueClass, int predicted) {
        shownCell = new int[] {trueClass, predicted};
        showMisclassifiedOrCell();
    }

    /** Switches between the test image and the drawing ({@code pad}: the drawing now). */
    public void selectMode(boolean draw, float[] pad) {
        drawMode.set(draw);
        showMode(pad);
    }

    /** Shows a test image in the detail pane. */
    public void selectTest(int index) {
        Loaded l = loaded.get();
        if (l == null) {
            return;
        }
        ImageSet test = l.model().data().test();
        subject = new Subject(index, test.image(index), test.label(index));
        if (drawMode.get()) {
            selectMode(false, null); // picking a test image leaves the drawing
        }
        listener.gallerySelected(index);
        listener.subjectShown(subject);
        requestDetail();
    }

    /** The drawing changed (raw pad values, 28x28 in [0, 1]). */
    public void drawn(float[] raw) {
        Loaded l = loaded.get();
        if (l == null || !drawMode.get()) {
            return;
        }
        subject = new Subject(-1, l.model().pipeline().apply(raw), -1);
        listener.gallerySelected(-1);
        listener.subjectShown(subject);
        requestDetail();
    }

    /** A click on the image (in image pixels) picks the quanvolution patch under it. */
    public void pickPatch(int x, int y) {
        quantum.pickPatch(x, y);
    }

    public void shutdown() {
        robustness.cancel();
        labelIssues.cancel();
        noise.cancel();
        jobs.shutdown();
    }

    // ----- runs -----

    private void show(Loaded l) {
        if (!Objects.equals(runs.chosenRunProperty().get(), l.run())) {
            return; // another run was picked while this one loaded
        }
        // Forget the previous run's image first: resetting the choices below asks for a new detail,
        // which must never pair this model with an image of another size (another project's).
        clearDetail();
        kernel.clear();
        loaded.set(l);
        robustness.reset();
        noise.reset();
        Predictions p = l.predictions();
        int wrong = (int) Math.round((1 - p.accuracy()) * p.size());
        // A run trained under noise or shots is inspected ideal here (Noise puts it back on a device): say so, briefly (one toolbar line).
        var execution = l.run().settings() == null ? null : l.run().settings().execution();
        runs.summaryProperty().set(String.format(Locale.ROOT, "%s · %s · test accuracy %.1f%% (%,d images, %,d misclassified)%s",
                l.run().id(), l.model().data().name(), 100 * p.accuracy(), p.size(), wrong,
                execution != null && execution.active() ? " · ideal (trained on a device)" : "")); // the run list names the device
        listener.runShown(l);
        List<Integer> filters = new ArrayList<>();
        filters.add(-1);
        for (int c = 0; c < p.classCount(); c++) {
            filters.add(c);
        }
        classFilters.setAll(filters);
        classFilter.set(-1);
        List<Integer> towards = new ArrayList<>();
        towards.add(TARGET_PREDICTED);
        for (int c = 0; c < p.classCount(); c++) {
            towards.add(c);
        }
        targets.setAll(towards);
        target.set(TARGET_PREDICTED);
        drawOffered.set(l.model().acceptsDrawnDigits());
        shownCell = null;
        subject = null;
        detail.set(null);
        if (drawMode.get()) {
            selectMode(false, null);
        }
        padShown.set(false);
        List<Predictions.Misclassification> shown = showMisclassifiedOrCell();
        if (!shown.isEmpty()) {
            selectTest(shown.get(0).index());
        } else if (p.size() > 0) {
            selectTest(0);
        }
        requestMeans();
    }

    private void showKernel(InspectKernel.Loaded l) {
        if (!Objects.equals(runs.chosenRunProperty().get(), l.run())) {
            return; // another run was picked while this one loaded
        }
        clearDetail();
        loaded.set(null);
        robustness.reset();
        noise.reset();
        kernel.show(l);
        int wrong = (int) Math.round((1 - l.predictions().accuracy()) * l.predictions().size());
        runs.summaryProperty().set(String.format(Locale.ROOT, "%s · kernel run · QSVM test accuracy %.1f%% (%,d points, %,d misclassified)",
                l.run().id(), 100 * l.predictions().accuracy(), l.predictions().size(), wrong));
        listener.kernelShown(l);
    }

    /** No image in the detail pane: nothing shown, nothing being computed for it. */
    private void clearDetail() {
        shownCell = null;
        subject = null;
        detail.set(null);
        saliencyCaption.set("");
        detailTitle.set("");
        drawMode.set(false);
        padShown.set(false);
    }

    // ----- gallery -----

    /** Fills the gallery with the chosen cell's images, or else the misclassified ones of the class filter. */
    private List<Predictions.Misclassification> showMisclassifiedOrCell() {
        Loaded l = loaded.get();
        if (l == null) {
            return List.of();
        }
        Predictions p = l.predictions();
        List<Predictions.Misclassification> entries;
        String what;
        if (shownCell != null) {
            entries = p.cellEntries(shownCell[0], shownCell[1], order.get());
            what = "True " + p.classNames().get(shownCell[0]) + ", predicted " + p.classNames().get(shownCell[1]);
        } else {
            int c = classFilter.get() == null ? -1 : classFilter.get();
            entries = p.misclassified(order.get(), c < 0 ? OptionalInt.empty() : OptionalInt.of(c));
            what = "Misclassified" + (c >= 0 ? " · true class " + p.classNames().get(c) : "");
        }
        galleryTitle.set(what + " (" + entries.size() + (entries.size() > Gallery.LIMIT ? ", first " + Gallery.LIMIT + " shown" : "") + ")");
        galleryCount = Math.min(entries.size(), Gallery.LIMIT);
        galleryEmpty.set(entries.isEmpty() ? emptyGalleryText(p, shownCell, shownCell != null || classFilter.get() == null ? -1 : classFilter.get()) : "");
        listener.galleryShown(entries);
        if (subject != null && subject.testIndex() >= 0) {
            listener.gallerySelected(subject.testIndex());
        }
        return entries;
    }

    /**
     * Why the gallery is empty: no image in the confusion-matrix cell {@code cell}, or (cell null)
     * no misclassified image (of true class {@code trueClass}, -1 for any), with how many were right.
     */
    static String emptyGalleryText(Predictions p, int[] cell, int trueClass) {
        List<String> names = p.classNames();
        if (cell != null) {
            return "No test image is of true class " + names.get(cell[0]) + " and predicted " + names.get(cell[1]) + ".";
        }
        if (trueClass >= 0) {
            int of = 0;
            for (int i = 0; i < p.size(); i++) {
                of += p.label(i) == trueClass ? 1 : 0;
            }
            return of == 0 ? "No test image is of true class " + names.get(trueClass) + "."
                    : String.format(Locale.ROOT, "No misclassified test images of true class %s: all %,d were classified correctly.",
                            names.get(trueClass), of);
        }
        return p.size() == 0 ? "The test split is empty."
                : String.format(Locale.ROOT, "No misclassified test images: all %,d were classified correctly.", p.size());
    }

    // ----- the detail pane -----

    private void showMode(float[] pad) {
        boolean drawing = drawMode.get() && drawOffered.get();
        padShown.set(drawing);
        if (loaded.get() == null) {
            return;
        }
        if (drawing) {
            drawn(pad);
        } else if (subject == null || subject.testIndex() < 0) {
            int index = galleryCount > 0 ? firstShown() : 0;
            selectTest(index);
        }
    }

    private int firstShown() {
        Predictions p = loaded.get().predictions();
        List<Predictions.Misclassification> m = p.misclassified(order.get(), OptionalInt.empty());
        return m.isEmpty() ? 0 : m.get(0).index();
    }

    /** Recomputes probabilities, saliency and the quantum layers' inputs for the subject (newest request wins). */
    private void requestDetail() {
        Loaded l = loaded.get();
        Subject s = subject;
        if (l == null || s == null || method.get() == null || target.get() == null) {
            return;
        }
        Saliency.Method m = method.get();
        int wanted = target.get();
        saliencyCaption.set("Computing " + m.label() + "…");
        jobs.model("detail", () -> {
            long t0 = System.nanoTime();
            InspectedModel model = l.model();
            var input = model.input(s.image());
            double[] probs = s.testIndex() >= 0 ? l.predictions().probabilities(s.testIndex()) : model.outputs(input)[0];
            int predicted = Predictions.argMax(probs);
            int towards = wanted == TARGET_PREDICTED ? predicted : wanted;
            double[] attribution = model.attribution(m, InspectedModel.flat(input), towards, Saliency.Settings.defaults());
            double[] heat = Saliency.heat(attribution, model.images() ? model.data().channels() : 1);
            List<QuantumStates.Node> probed = QuantumStates.probe(model.network(), input);
            var photonic = dev.qanvas.insight.PhotonicStates.probe(model.network(), input);
            List<QrnnSteps.Layer> qrnn = QrnnSteps.probe(model.network(), input);
            return new Detail(s, probs, predicted, towards, heat, probed, qrnn, (System.nanoTime() - t0) / 1_000_000, photonic);
        }, d -> {
            if (loaded.get() == l && subject == d.subject()) {
                showDetail(d);
            }
        }, e -> {
            saliencyCaption.set("");
            errors.accept("Could not compute the saliency", e);
        });
    }

    private void showDetail(Detail d) {
        Detail before = detail.get();
        boolean sameNodes = before != null && before.nodes().size() == d.nodes().size();
        boolean sameSubject = before != null && before.subject() == d.subject();
        detail.set(d);
        Loaded l = loaded.get();
        List<String> names = l.predictions().classNames();
        String confidence = String.format(Locale.ROOT, "%.1f%%", 100 * d.probabilities()[d.predicted()]);
        if (d.subject().testIndex() >= 0) {
            int t = d.subject().trueClass();
            detailTitle.set("Test image " + d.subject().testIndex() + " · true " + names.get(t) + " · predicted "
                    + names.get(d.predicted()) + " (" + confidence + ")" + (t == d.predicted() ? " ✓" : " ✗"));
        } else {
            detailTitle.set("Your drawing · predicted " + names.get(d.predicted()) + " (" + confidence + ")");
        }
        String quantity = "d z / d x, z = the logit (pre-softmax output) of class " + names.get(d.target());
        saliencyCaption.set(switch (method.get()) {
            case VANILLA -> "Vanilla gradient: |" + quantity + "|";
            case SMOOTH_GRAD -> "SmoothGrad: |mean of " + quantity + "| over 25 copies with 15% Gaussian noise";
            case INTEGRATED_GRADIENTS -> "Integrated Gradients from a black image (32 steps): |(x − black) · mean " + quantity + "|";
        } + ". Brighter = larger; scaled to its 99th percentile. " + d.millis() + " ms" + (d.nodes().isEmpty() ? "." : ", through the quantum layers.")
                + (l.model().saliency().hasBatchNorm() ? " BatchNorm uses batch statistics here: approximate." : "")
                + (d.qrnn().isEmpty() ? "" : " A QRNN layer binarises its input: no gradient reaches the pixels, so the map is blank."));
        quantum.show(d.nodes(), sameNodes, sameSubject);
    }

    // ----- mean saliency per class -----

    private void requestMeans() {
        Loaded l = loaded.get();
        means.set(null);
        meanStatus.set("Computing the mean vanilla-gradient map of up to " + MEAN_SAMPLES + " test images per class…");
        int classes = l.predictions().classCount();
        jobs.model("mean", () -> {
            double[][] maps = new double[classes][];
            for (int c = 0; c < classes; c++) {
                maps[c] = l.model().meanHeat(c, MEAN_SAMPLES, 7);
            }
            return maps;
        }, maps -> {
            if (loaded.get() != l) {
                return;
            }
            means.set(maps);
            meanStatus.set("Mean |d logit / d x| of up to " + MEAN_SAMPLES + " test images of each class, towards their own class.");
        }, e -> meanStatus.set("Could not compute the mean saliency: " + Alerts.messageOf(e)));
    }
}
