package dev.qanvas.ui.inspect;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.PreparedData;
import dev.qanvas.insight.Predictions;
import dev.qanvas.nn.kernel.KernelSpec;
import dev.qanvas.project.GramHeatMap;
import dev.qanvas.project.KernelRunFiles;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunRecord;
import dev.qanvas.ui.common.Alerts;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Inspect workspace for a kernel run (issue 17), without its views: the run's training Gram
 * matrix as a heat map sorted by class, its diagnostics with what each means, the support vectors,
 * and the QSVM's test predictions as a confusion matrix and a gallery of its mistakes (or of a
 * chosen cell). Loading ({@link #load}) reads the run folder bounded ({@link KernelRunFiles}) and
 * the images the points came from; it runs off the UI thread. Needs no JavaFX toolkit.
 */
public final class InspectKernel {

    /** The heat map's cells a side at most: a screen shows no more. */
    static final int HEAT_MAP_SIDE = 400;

    /**
     * A loaded kernel run.
     *
     * @param data        the prepared data the points came from (their images), or null when it could not be read
     * @param dataProblem why there are no images, or empty
     * @param predictions the QSVM on the test points (one-hot: an SVM gives a class, not a probability)
     * @param range       the display range of the images: the smallest and largest pixel value of the data (null without images)
     */
    public record Loaded(RunRecord run, KernelRunFiles.Saved saved, GramHeatMap heatMap, Dataset data, String dataProblem,
                         List<String> classNames, Predictions predictions, float[] range) {

        public boolean hasImages() {
            return data != null;
        }
    }

    /** A diagnostic: its name, its value as text and what it means, in one line. */
    public record Diagnostic(String name, String value, String meaning) {
    }

    private final ObjectProperty<Loaded> loaded = new SimpleObjectProperty<>(this, "kernelLoaded");
    private final StringProperty galleryTitle = new SimpleStringProperty(this, "kernelGalleryTitle", "");
    private final ObjectProperty<List<Predictions.Misclassification>> gallery = new SimpleObjectProperty<>(this, "kernelGallery", List.of());
    private final StringProperty galleryEmpty = new SimpleStringProperty(this, "kernelGalleryEmpty", "");

    public ReadOnlyObjectProperty<Loaded> loadedProperty() { return loaded; }
    public Loaded loaded() { return loaded.get(); }
    public ReadOnlyStringProperty galleryTitleProperty() { return galleryTitle; }
    /** The test points the gallery shows (index = the test point's place among the run's test points). */
    public ReadOnlyObjectProperty<List<Predictions.Misclassification>> galleryProperty() { return gallery; }
    public ReadOnlyStringProperty galleryEmptyProperty() { return galleryEmpty; }

    /** Shows a loaded run: the gallery starts on the misclassified test points. */
    void show(Loaded l) {
        loaded.set(l);
        showMisclassified();
    }

    void clear() {
        loaded.set(null);
        gallery.set(List.of());
        galleryTitle.set("");
        galleryEmpty.set("");
    }

    /** The QSVM's misclassified test points in the gallery. */
    public void showMisclassified() {
        Loaded l = loaded.get();
        if (l == null) {
            return;
        }
        List<Predictions.Misclassification> wrong = l.predictions().misclassified(Predictions.Order.MOST_CONFIDENT_FIRST, OptionalInt.empty());
        showGallery("Misclassified test points", wrong, InspectViewModel.emptyGalleryText(l.predictions(), null, -1));
    }

    /** A confusion-matrix cell's test points in the gallery. */
    public void showCell(int trueClass, int predicted) {
        Loaded l = loaded.get();
        if (l == null) {
            return;
        }
        Predictions p = l.predictions();
        showGallery("True " + l.classNames().get(trueClass) + ", predicted " + l.classNames().get(predicted),
                p.cellEntries(trueClass, predicted, Predictions.Order.MOST_CONFIDENT_FIRST),
                InspectViewModel.emptyGalleryText(p, new int[] {trueClass, predicted}, -1));
    }

    private void showGallery(String what, List<Predictions.Misclassification> entries, String whenEmpty) {
        galleryTitle.set(what + " (" + entries.size() + (entries.size() > Gallery.LIMIT ? ", first " + Gallery.LIMIT + " shown" : "") + ")");
        galleryEmpty.set(entries.isEmpty() ? whenEmpty : "");
        gallery.set(List.copyOf(entries));
    }

    /**
     * Up to {@code limit} support vectors (their places among the training points), sorted by class
     * (then pool order); when there are more, each class keeps an equal share (taken in turn), so
     * every class shows.
     */
    public static int[] supportVectorsByClass(Loaded l, int limit) {
        KernelRunFiles.Points p = l.saved().points();
        java.util.Map<Integer, java.util.ArrayDeque<Integer>> byClass = new java.util.TreeMap<>();
        for (int i : p.support()) {
            byClass.computeIfAbsent(p.trainLabels()[i], c -> new java.util.ArrayDeque<>()).add(i);
        }
        List<Integer> kept = new ArrayList<>();
        while (kept.size() < limit && byClass.values().stream().anyMatch(q -> !q.isEmpty())) {
            for (java.util.ArrayDeque<Integer> q : byClass.values()) {
                if (!q.isEmpty() && kept.size() < limit) {
                    kept.add(q.poll());
                }
            }
        }
        return kept.stream().sorted(java.util.Comparator.comparingInt((Integer i) -> p.trainLabels()[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    /** The diagnostics of the training Gram matrix, each with its meaning in one line. */
    public static List<Diagnostic> diagnostics(Loaded l) {
        KernelRunFiles.Summary s = l.saved().summary();
        int n = l.saved().n();
        List<Diagnostic> out = new ArrayList<>();
        out.add(new Diagnostic("Kernel-target alignment", fixed(s.alignment()),
                "How far the kernel's similarities follow the labels, from -1 to 1: high when points of a class look alike and points of"
                        + " different classes do not" + (l.classNames().size() > 2 ? " (with more than two classes mostly negative)." : ".")));
        out.add(new Diagnostic("Off-diagonal values", String.format(Locale.ROOT, "mean %.4f, std %.4f", s.offDiagonalMean(),
                Math.sqrt(Math.max(0, s.offDiagonalVariance()))),
                "How alike two different points look; a tiny spread is exponential concentration: every point looks like every other"
                        + " and telling kernel values apart takes exponentially many shots."));
        out.add(new Diagnostic("Effective dimension", String.format(Locale.ROOT, "%.1f of %,d", s.effectiveDimension(), n),
                String.format(Locale.ROOT, "The participation ratio (sum of eigenvalues)² / sum of their squares: near %,d the kernel is close"
                        + " to the identity", n)
                        + " (each point alike only to itself: it memorises), near 1 it sees one direction."));
        double[] spectrum = l.saved().spectrum();
        if (spectrum != null && spectrum.length > 0) {
            double total = 0;
            for (double v : spectrum) {
                total += v;
            }
            int k90 = 0;
            double acc = 0;
            while (k90 < spectrum.length && acc < 0.9 * total) {
                acc += spectrum[k90++];
            }
            out.add(new Diagnostic("Eigenvalue spectrum", String.format(Locale.ROOT, "largest %.3g; %d of %d hold 90%%", spectrum[0], k90,
                    spectrum.length), "The Gram matrix's eigenvalues, largest first: a flat spectrum spreads the data over many"
                    + " directions (little to generalise from), a steep one keeps it in a few."));
        } else {
            out.add(new Diagnostic("Eigenvalue spectrum", "not computed", String.format(Locale.ROOT,
                    "The run saves it for up to %,d training points (it costs N³).", dev.qanvas.project.KernelRun.MAX_SPECTRUM_POINTS)));
        }
        return out;
    }

    private static String fixed(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    // ----- loading (off the UI thread) -----

    /** Reads the kernel run in {@code folder} and the images its points came from; reads the disk, never on the UI thread. */
    static Loaded load(RunRecord run, RunFolder folder, Path projectFile) throws IOException {
        KernelRunFiles.Saved saved = KernelRunFiles.read(folder);
        GramHeatMap heat = GramHeatMap.of(saved, HEAT_MAP_SIDE);
        Dataset data = null;
        String problem = "";
        try {
            data = imagesOf(ProjectFiles.read(folder.project()), projectFile);
            problem = mismatch(saved.points(), data);
            if (!problem.isEmpty()) {
                data = null;
            }
        } catch (IOException | RuntimeException e) {
            problem = "The images of the points could not be read: " + Alerts.messageOf(e);
        }
        KernelRunFiles.Points p = saved.points();
        int classes = Math.max(data == null ? 0 : data.classCount(), 1 + IntStream.concat(IntStream.concat(IntStream.of(p.trainLabels()),
                IntStream.of(p.testLabels())), IntStream.of(p.testPredicted())).max().orElse(1));
        if (classes > 1_000) {
            throw new IOException(folder.kernelPoints() + ": labels up to " + (classes - 1) + "; a kernel run has at most 1,000 classes");
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(data != null && c < data.classCount() ? data.classNames().get(c) : "class " + c);
        }
        double[][] oneHot = new double[p.testIndex().length][classes];
        for (int t = 0; t < oneHot.length; t++) {
            oneHot[t][p.testPredicted()[t]] = 1;
        }
        float[] range = data == null ? null : rangeOf(data);
        return new Loaded(run, saved, heat, data, problem, List.copyOf(names), new Predictions(names, p.testLabels(), oneHot), range);
    }

    private static float[] rangeOf(Dataset data) {
        float[] a = data.train().valueRange();
        float[] b = data.test().valueRange();
        return new float[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])};
    }

    /** The prepared data the run's points were drawn from: the project's own, or for activations the feature run's. */
    static Dataset imagesOf(Project trained, Path projectFile) throws IOException {
        KernelSpec k = trained.kernel();
        if (k != null && "activations".equals(k.features())) {
            Path runDir = Path.of(k.run());
            if (!runDir.isAbsolute() && projectFile != null && projectFile.toAbsolutePath().getParent() != null) {
                runDir = projectFile.toAbsolutePath().getParent().resolve(runDir);
            }
            Project featureRun = ProjectFiles.read(new RunFolder(runDir).project());
            return PreparedData.load(featureRun.dataset(), featureRun.transforms()).data();
        }
        return PreparedData.load(trained.dataset(), trained.transforms()).data();
    }

    /** Why the saved points do not fit {@code data} (the dataset changed since the run), or empty. */
    static String mismatch(KernelRunFiles.Points p, Dataset data) {
        for (int i = 0; i < p.trainIndex().length; i++) {
            int at = p.trainIndex()[i];
            if (at >= data.train().size() || data.train().label(at) != p.trainLabels()[i]) {
                return "The dataset no longer matches the run (training point " + i + "), so its images are not shown.";
            }
        }
        for (int t = 0; t < p.testIndex().length; t++) {
            int at = p.testIndex()[t];
            if (at >= data.test().size() || data.test().label(at) != p.testLabels()[t]) {
                return "The dataset no longer matches the run (test point " + t + "), so its images are not shown.";
            }
        }
        return "";
    }
}
