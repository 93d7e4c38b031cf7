package dev.qanvas.ui.inspect;

import dev.qanvas.insight.Attacks;
import dev.qanvas.insight.Predictions;
import dev.qanvas.insight.InspectedModel;
import dev.qanvas.insight.QuantumMovement;
import dev.qanvas.insight.Saliency;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunRecord;
import dev.qanvas.ui.common.Alerts;
import dev.qanvas.ui.shell.Background;
import dev.qanvas.ui.shell.DocumentModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
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
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The Robustness view's state and commands (part of {@link InspectViewModel}): robust accuracy
 * against epsilon for the loaded run under FGSM and PGD, the project's other runs with a model on
 * the same chart, a transfer curve (PGD crafted on another run), and an adversarial gallery with
 * how the quantum layers move. All of it runs through {@link InspectJobs#cancellable} on private
 * copies of the models (the loaded network is shared with the Inspect worker), one curve job and
 * one gallery job at a time; Cancel stops both.
 */
public final class InspectRobustness {

    /** The epsilons of the curves, in pixel units. */
    public static final double[] EPSILONS = {0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3};
    /** The seed of the test sample, so every run is attacked on the same images. */
    static final long SEED = 16;
    /** Images the gallery shows. */
    static final int GALLERY = 4;
    /** Other runs overlaid at most (each is loaded and attacked). */
    static final int MAX_OTHERS = 3;
    static final String UNITS = "ε is in pixel units (0–1) of the image at the model's input size, before the project's"
            + " normalisation; adversarial images are clipped to [0, 1].";
    static final String MASKING = "White-box attacks use this model's own gradients; transferred ones are crafted on another"
            + " model. A model that resists white-box attacks but not transferred ones is masking its gradients, not robust.";

    static final String IDLE = "Press Attack, or pick a method and ε here, to craft adversarial versions of test images.";

    /** One curve of the chart: whose it is and what it measured. */
    public record Line(String run, String trained, boolean chosen, Attacks.Curve curve) {
        /** "run-3 (quantum) · PGD" or "run-3 · PGD, transferred from run-4". */
        public String label() {
            return run + (trained == null ? "" : " (" + trained + ")") + " · " + curve.label();
        }
    }

    /** What the curve job found: its lines and what the user should know (runs left out, approximate gradients). */
    record Curves(List<Line> lines, String note) {
    }

    /**
     * One image of the gallery, in pixel units (model input order: channel, row, column).
     *
     * @param heatBefore saliency of the clean image towards its prediction, one value per pixel in [0, 1]
     * @param shifts     how each quantum layer moved (empty without quantum layers)
     */
    public record Entry(int testIndex, int label, double[] clean, double[] adversarial, double[] cleanProbabilities,
                        double[] adversarialProbabilities, double[] heatBefore, double[] heatAfter,
                        List<QuantumMovement.Shift> shifts) {
        public int cleanPrediction() { return Predictions.argMax(cleanProbabilities); }
        public int adversarialPrediction() { return Predictions.argMax(adversarialProbabilities); }
    }

    /** The gallery at one epsilon and method, with the quantum layers' mean movement over the whole sample. */
    public record Gallery(Attacks.Method method, double epsilon, List<Entry> entries, List<QuantumMovement.Shift> meanShifts,
                          int images, int right, int fooled, double lo, double hi) {
    }

    private final DocumentModel doc;
    private final InspectJobs jobs;
    private final BiConsumer<String, Throwable> errors;
    private final Supplier<InspectViewModel.Loaded> loaded;
    private final ObservableList<RunRecord> allRuns;

    private final BooleanProperty fgsm = new SimpleBooleanProperty(this, "fgsm", true);
    private final BooleanProperty pgd = new SimpleBooleanProperty(this, "pgd", true);
    private final IntegerProperty images = new SimpleIntegerProperty(this, "images", 200);
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", 10);
    private final BooleanProperty compare = new SimpleBooleanProperty(this, "compare", true);
    /** Other runs of the project with a model: the transfer sources. */
    private final ObservableList<RunRecord> others = FXCollections.observableArrayList();
    private final ObjectProperty<RunRecord> transferFrom = new SimpleObjectProperty<>(this, "transferFrom");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringProperty note = new SimpleStringProperty(this, "note", "");
    private final ObservableList<Line> lines = FXCollections.observableArrayList();

    private final ObjectProperty<Attacks.Method> galleryMethod = new SimpleObjectProperty<>(this, "galleryMethod", Attacks.Method.PGD);
    private final ObjectProperty<Double> galleryEpsilon = new SimpleObjectProperty<>(this, "galleryEpsilon", 0.1);
    private final ObjectProperty<Gallery> gallery = new SimpleObjectProperty<>(this, "gallery");
    private final BooleanProperty galleryRunning = new SimpleBooleanProperty(this, "galleryRunning");
    private final StringProperty galleryStatus = new SimpleStringProperty(this, "galleryStatus", "");
    /** The gallery entry whose quantum movement is shown. */
    private final IntegerProperty selected = new SimpleIntegerProperty(this, "selected", 0);

    private Runnable cancelCurves;
    private Runnable cancelGallery;
    /** Counts requests: a result of an older one is dropped. */
    private int curveGeneration;
    private int galleryGeneration;

    InspectRobustness(DocumentModel doc, InspectJobs jobs, BiConsumer<String, Throwable> errors,
                      Supplier<InspectViewModel.Loaded> loaded, ObservableList<RunRecord> allRuns) {
        this.doc = doc;
        this.jobs = jobs;
        this.errors = errors;
        this.loaded = loaded;
        this.allRuns = allRuns;
        allRuns.addListener((javafx.collections.ListChangeListener<RunRecord>) c -> listOthers(false));
        galleryMethod.addListener(o -> requestGallery());
        galleryEpsilon.addListener(o -> requestGallery());
    }

    public BooleanProperty fgsmProperty() { return fgsm; }
    public BooleanProperty pgdProperty() { return pgd; }
    public IntegerProperty imagesProperty() { return images; }
    public IntegerProperty stepsProperty() { return steps; }
    /** Whether the project's other runs with a model are attacked too and overlaid. */
    public BooleanProperty compareProperty() { return compare; }
    public ObservableList<RunRecord> others() { return others; }
    /** The run PGD is crafted on for the transfer curve; null for none. */
    public ObjectProperty<RunRecord> transferFromProperty() { return transferFrom; }
    public ReadOnlyBooleanProperty runningProperty() { return running; }
    /** The fraction done of the curves, or of the gallery while no curves are computed. */
    public ReadOnlyDoubleProperty progressProperty() { return progress; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    /** Runs left out, approximate gradients: "" when there is nothing to say. */
    public ReadOnlyStringProperty noteProperty() { return note; }
    public ObservableList<Line> lines() { return lines; }
    public ObjectProperty<Attacks.Method> galleryMethodProperty() { return galleryMethod; }
    public ObjectProperty<Double> galleryEpsilonProperty() { return galleryEpsilon; }
    public ReadOnlyObjectProperty<Gallery> galleryProperty() { return gallery; }
    public ReadOnlyBooleanProperty galleryRunningProperty() { return galleryRunning; }
    public ReadOnlyStringProperty galleryStatusProperty() { return galleryStatus; }
    public IntegerProperty selectedProperty() { return selected; }

    /** A new run is shown (or none): forget the old one's results and offer the others as transfer sources. */
    void reset() {
        cancel();
        lines.clear();
        gallery.set(null);
        status.set("");
        InspectViewModel.Loaded l = loaded.get();
        galleryStatus.set(l != null && !l.model().images() ? "The adversarial gallery needs image inputs; this model reads feature vectors." : IDLE);
        progress.set(0);
        note.set("");
        listOthers(true);
    }

    /** The runs other than the loaded one; the transfer source is chosen anew, or kept while it is still listed. */
    private void listOthers(boolean choose) {
        InspectViewModel.Loaded l = loaded.get();
        List<RunRecord> rest = l == null ? List.of() : allRuns.stream()
                .filter(r -> !r.equals(l.run()) && !RunRecord.KERNEL.equals(r.trained())).toList(); // a kernel run has no network to attack
        RunRecord kept = transferFrom.get();
        others.setAll(rest);
        transferFrom.set(l == null ? null : !choose && rest.contains(kept) ? kept : twinOf(l.run(), rest));
    }

    /** The run to transfer from by default: the twin of a quantum run (or the quantum model of a twin), else none. */
    static RunRecord twinOf(RunRecord run, List<RunRecord> others) {
        String wanted = RunRecord.TWIN.equals(run.trained()) ? RunRecord.QUANTUM : RunRecord.QUANTUM.equals(run.trained()) ? RunRecord.TWIN : null;
        return wanted == null ? null : others.stream().filter(r -> wanted.equals(r.trained())).findFirst().orElse(null);
    }

    private static String batchNormNote(Attacks attacks) {
        return attacks.hasBatchNorm() ? "This model has batch normalisation: its attack gradients use batch statistics and are approximate"
                + " (a weaker attack, not a wrong accuracy)." : "";
    }

    /** Starts the curves: each chosen method on the loaded run (and the other runs), and the transfer curve. */
    public void run() {
        InspectViewModel.Loaded l = loaded.get();
        List<Attacks.Method> methods = methods();
        if (l == null) {
            return;
        }
        if (methods.isEmpty() && transferFrom.get() == null) {
            status.set("Choose FGSM, PGD or a run to transfer from.");
            return;
        }
        cancelCurves();
        int generation = ++curveGeneration;
        List<RunRecord> compared = compare.get() ? others.stream().limit(MAX_OTHERS).toList() : List.of();
        RunRecord source = transferFrom.get();
        int n = images.get();
        Attacks.Settings settings = Attacks.Settings.defaults().withSteps(steps.get());
        java.nio.file.Path file = doc.file();
        lines.clear();
        running.set(true);
        progress.set(0);
        status.set("Attacking up to " + n + " test images…");
        cancelCurves = jobs.cancellable("Attacking " + l.run().id(), r -> curves(l, compared, source, file, methods, settings, n, r),
                p -> {
                    if (generation == curveGeneration) {
                        progress.set(p);
                    }
                }, c -> {
                    if (generation != curveGeneration) {
                        return;
                    }
                    running.set(false);
                    progress.set(1);
                    lines.setAll(c.lines());
                    note.set(c.note());
                    int imgs = c.lines().isEmpty() ? 0 : c.lines().get(0).curve().images();
                    status.set(String.format(Locale.ROOT, "%d curves on %d test images (seed %d), PGD %d steps.",
                            c.lines().size(), imgs, SEED, settings.steps()));
                    requestGallery();
                }, e -> {
                    if (generation == curveGeneration) {
                        running.set(false);
                        status.set("The attack failed: " + Alerts.messageOf(e));
                        errors.accept("Could not attack " + l.run().id(), e);
                    }
                });
    }

    /** Stops the curves and the gallery. */
    public void cancel() {
        if (running.get()) {
            status.set("Cancelled.");
        }
        if (galleryRunning.get()) {
            galleryStatus.set("Cancelled.");
        }
        cancelCurves();
        cancelGallery();
    }

    private void cancelCurves() {
        curveGeneration++;
        if (cancelCurves != null) {
            cancelCurves.run();
            cancelCurves = null;
        }
        running.set(false);
    }

    private void cancelGallery() {
        galleryGeneration++;
        if (cancelGallery != null) {
            cancelGallery.run();
            cancelGallery = null;
        }
        galleryRunning.set(false);
    }

    List<Attacks.Method> methods() {
        List<Attacks.Method> out = new ArrayList<>();
        if (fgsm.get()) {
            out.add(Attacks.Method.FGSM);
        }
        if (pgd.get()) {
            out.add(Attacks.Method.PGD);
        }
        return out;
    }

    /** Crafts the gallery at the chosen epsilon and method (after the curves, and when either changes). */
    public void requestGallery() {
        InspectViewModel.Loaded l = loaded.get();
        Attacks.Method method = galleryMethod.get();
        Double eps = galleryEpsilon.get();
        if (l == null || method == null || eps == null || !l.model().images()) {
            return;
        }
        cancelGallery();
        int generation = ++galleryGeneration;
        int n = images.get();
        Attacks.Settings settings = Attacks.Settings.defaults().withSteps(steps.get());
        galleryRunning.set(true);
        galleryStatus.set("Crafting " + method.label() + " images at ε = " + Attacks.format(eps) + "…");
        cancelGallery = jobs.cancellable("Adversarial gallery of " + l.run().id(), r -> gallery(l, method, eps, settings, n, r),
                p -> {
                    if (generation == galleryGeneration && !running.get()) {
                        progress.set(p); // the bar shows the curves first, else the gallery
                    }
                }, g -> {
                    if (generation != galleryGeneration) {
                        return;
                    }
                    galleryRunning.set(false);
                    selected.set(0);
                    gallery.set(g);
                    galleryStatus.set(String.format(Locale.ROOT, "%s at ε = %s turns %d of the %d test images the model got right"
                            + " (of %d attacked) into mistakes; those come first.", method.label(), Attacks.format(eps), g.fooled(), g.right(),
                            g.images()));
                }, e -> {
                    if (generation == galleryGeneration) {
                        galleryRunning.set(false);
                        galleryStatus.set("Could not craft the gallery: " + Alerts.messageOf(e));
                    }
                });
    }

    // ----- the work, off the UI thread -----

    /** Attacks on a private copy of the loaded network (which the Inspect worker uses meanwhile). */
    private static Attacks privateAttacks(InspectedModel model) {
        return new Attacks(privateNetwork(model), model.inputShape(), Attacks.pixelSpace(model));
    }

    /** A copy of the loaded network; only the copying holds the locks, which the UI thread may wait on (saliency()). */
    private static ComputationGraph privateNetwork(InspectedModel model) {
        synchronized (model) {
            synchronized (model.network()) {
                return model.network().clone();
            }
        }
    }

    private static Curves curves(InspectViewModel.Loaded l, List<RunRecord> compared, RunRecord source, java.nio.file.Path file,
                                 List<Attacks.Method> methods, Attacks.Settings settings, int n, Background.Reporter r) {
        InspectedModel model = l.model();
        Attacks target = privateAttacks(model);
        Attacks.Sample sample = Attacks.testSample(model, target.space(), n, SEED);
        List<String> notes = new ArrayList<>();
        Map<RunRecord, Attacks> opened = new HashMap<>();
        if (target.hasBatchNorm()) {
            notes.add(batchNormNote(target));
        }
        List<Line> out = new ArrayList<>();
        int total = methods.size() * (1 + compared.size()) + (source == null ? 0 : 1);
        int[] done = {0};
        Attacks.Progress progress = (d, t) -> r.progress(done[0] + (double) d / t, total);
        for (Attacks.Method m : methods) {
            r.message(m.label() + " on " + l.run().id());
            out.add(new Line(l.run().id(), l.run().trained(), true, target.curve(m, settings, EPSILONS, sample.pixels(), sample.labels(), progress)));
            done[0]++;
        }
        for (RunRecord other : compared) {
            r.message("loading " + other.id());
            Attacks a = open(other, file, target, notes, opened);
            if (a == null) {
                done[0] += methods.size();
                continue;
            }
            for (Attacks.Method m : methods) {
                r.message(m.label() + " on " + other.id());
                // the same images in pixel units; each model reads them through its own normalisation
                out.add(new Line(other.id(), other.trained(), false, a.curve(m, settings, EPSILONS, sample.pixels(), sample.labels(), progress)));
                done[0]++;
            }
        }
        if (source != null) {
            r.message("PGD crafted on " + source.id());
            Attacks crafter = open(source, file, target, notes, opened);
            if (crafter != null) {
                out.add(new Line(l.run().id(), l.run().trained(), true, Attacks.curve(crafter, target, source.id(), Attacks.Method.PGD,
                        settings, EPSILONS, sample.pixels(), sample.labels(), progress)));
            }
        }
        return new Curves(out, String.join(" ", notes));
    }

    /**
     * Another run's attacks, or null (with a note) when it reads other inputs or classes or cannot be
     * opened; each run is opened once per job (a compared run may also be the transfer source).
     */
    private static Attacks open(RunRecord run, java.nio.file.Path file, Attacks target, List<String> notes,
                                Map<RunRecord, Attacks> opened) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("attack cancelled");
        }
        if (opened.containsKey(run)) {
            return opened.get(run);
        }
        Attacks a = null;
        try {
            RunFolder.Opened folder = RunFolder.of(run, file).open();
            a = Attacks.of(new InspectedModel(folder.model(), folder.data()));
            if (a.inputSize() != target.inputSize() || a.classCount() != target.classCount()) {
                notes.add(run.id() + " reads other inputs or classes: left out.");
                a = null;
            }
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("attack cancelled");
            }
            notes.add(run.id() + " could not be opened (" + Alerts.messageOf(e) + "): left out.");
        }
        opened.put(run, a);
        return a;
    }

    private static Gallery gallery(InspectViewModel.Loaded l, Attacks.Method method, double eps, Attacks.Settings settings,
                                   int n, Background.Reporter r) {
        InspectedModel model = l.model();
        long[] shape = model.inputShape();
        ComputationGraph own = privateNetwork(model);
        Attacks attacks = new Attacks(own, shape, Attacks.pixelSpace(model));
        Attacks.Sample sample = Attacks.testSample(model, attacks.space(), n, SEED);
        double[][] x = sample.pixels();
        int[] y = sample.labels();
        double[][] adv = new double[x.length][];
        for (int start = 0; start < x.length; start += 64) {
            Attacks.checkCancelled();
            int end = Math.min(x.length, start + 64);
            double[][] a = attacks.craft(method, Arrays.copyOfRange(x, start, end), Arrays.copyOfRange(y, start, end), eps, settings);
            System.arraycopy(a, 0, adv, start, a.length);
            r.progress(end, 2.0 * x.length);
        }
        double[][] pClean = attacks.probabilities(x);
        double[][] pAdv = attacks.probabilities(adv);
        // the gallery: images the attack fools first (those the model got right), then the rest
        List<Integer> order = new ArrayList<>();
        int fooled = 0;
        int right = 0;
        for (int i = 0; i < x.length; i++) {
            boolean wasRight = Predictions.argMax(pClean[i]) == y[i];
            right += wasRight ? 1 : 0;
            if (wasRight && Predictions.argMax(pAdv[i]) != y[i]) {
                fooled++;
                order.add(i);
            }
        }
        for (int i = 0; i < x.length && order.size() < GALLERY; i++) {
            if (!order.contains(i)) {
                order.add(i);
            }
        }
        List<List<QuantumMovement.Shift>> all = new ArrayList<>();
        boolean quantum = x.length > 0 && !QuantumMovement.between(own, attacks.space(), shape, x[0], adv[0]).isEmpty();
        if (quantum) {
            for (int i = 0; i < x.length; i++) {
                if (i % 16 == 0) {
                    Attacks.checkCancelled();
                    r.progress(x.length + i, 2.0 * x.length);
                }
                all.add(QuantumMovement.between(own, attacks.space(), shape, x[i], adv[i]));
            }
        }
        Saliency saliency = new Saliency(own, shape);
        int channels = (int) shape[0];
        List<Entry> entries = new ArrayList<>();
        for (int i : order.subList(0, Math.min(GALLERY, order.size()))) {
            double[] before = heat(saliency, attacks.space().toModel(x[i]), Predictions.argMax(pClean[i]), channels, model);
            double[] after = heat(saliency, attacks.space().toModel(adv[i]), Predictions.argMax(pAdv[i]), channels, model);
            entries.add(new Entry(sample.indices()[i], y[i], x[i], adv[i], pClean[i], pAdv[i], before, after,
                    quantum ? all.get(i) : List.of()));
        }
        return new Gallery(method, eps, entries, QuantumMovement.mean(all), x.length, right, fooled, attacks.space().lo(), attacks.space().hi());
    }

    private static double[] heat(Saliency saliency, double[] modelInput, int cls, int channels, InspectedModel model) {
        double[] a = saliency.attribution(Saliency.Method.VANILLA, modelInput, cls, Saliency.Settings.defaults(), model.inputRange(),
                model.baseline());
        return Saliency.heat(a, channels);
    }



}
