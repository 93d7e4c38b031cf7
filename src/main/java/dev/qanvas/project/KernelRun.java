package dev.qanvas.project;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qanvas.data.Dataset;
import dev.qanvas.data.PreparedData;
import dev.qanvas.nn.kernel.CrossValidation;
import dev.qanvas.nn.kernel.FeatureSplit;
import dev.qanvas.nn.kernel.KernelComparison;
import dev.qanvas.nn.kernel.KernelSpec;
import dev.qanvas.nn.kernel.PrecomputedKernelSvm;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.KernelDiagnostics;
import dev.qanvas.quantum.QuantumKernel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Trains a kernel project ({@link Project#kernel()}, issue 17), the kernel counterpart of
 * {@link RunSession}: the project's prepared data, the features its kernel section names
 * (subsampled per class, PCA and scaling fitted on the training split), the quantum Gram matrix of
 * the pool (training then test points) through the feature map, and {@link KernelComparison}: the
 * SVM on it against the RBF SVM and the random forest on the same features, with the same folds and
 * test split. The run folder gets {@code summary.json} ({@link #SUMMARY_KEYS}),
 * {@code project.qanvas} and what the Inspect workspace shows ({@link KernelRunFiles}: the
 * training Gram matrix, the points with their test predictions and support vectors, the
 * spectrum); there is no {@code model.zip} ({@link RunFolder#open()} says so).
 */
public final class KernelRun {

    /** The top-level keys of a kernel run's summary.json (docs/kernels.md). */
    public static final List<String> SUMMARY_KEYS = List.of("kind", "project", "dataset", "features", "qubits", "feature_map",
            "train_points", "test_images", "classes", "test_accuracy", "cross_validation", "kernel_diagnostics", "gram_seconds",
            "total_seconds", "outcome");

    /** {@code "kind"} of a kernel run's summary.json. */
    public static final String KIND = "kernel";

    /** The learners' keys in {@code cross_validation}, in {@link KernelComparison}'s order. */
    public static final List<String> LEARNERS = List.of("qsvm", "rbf_svm", "random_forest");

    /**
     * What a kernel run measured.
     *
     * @param reports QSVM, RBF SVM, random forest ({@link #LEARNERS})
     */
    public record Result(KernelSpec spec, String dataset, int qubits, int trainPoints, int testPoints, int classes,
                         List<CrossValidation.Report> reports, double alignment, KernelDiagnostics.Spread offDiagonal,
                         double effectiveDimension, double gramSeconds, double seconds, String started) {

        /** The QSVM's test accuracy. */
        public double testAccuracy() {
            return reports.get(0).testAccuracy();
        }

        /** A plain-text table, one row per learner. */
        public String table() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-14s %-34s %10s %8s%n", "model", "CV accuracy (" + reports.get(0).folds() + " folds)", "test", "seconds"));
            String[] names = {"QSVM", "RBF SVM", "random forest"};
            for (int i = 0; i < reports.size(); i++) {
                CrossValidation.Report r = reports.get(i);
                StringBuilder folds = new StringBuilder();
                r.perFold().forEach(f -> folds.append(String.format(Locale.ROOT, " %.3f", f.accuracy())));
                sb.append(String.format(Locale.ROOT, "%-14s %.3f ± %.3f [%s ] %10.3f %8.1f%n", names[i], r.meanAccuracy(), r.stdAccuracy(),
                        folds.toString().trim(), r.testAccuracy(), r.cvSeconds() + r.refitSeconds()));
            }
            sb.append(String.format(Locale.ROOT, "kernel: alignment %.3f, off-diagonal mean %.3f variance %.4f, effective dimension %.1f of %d%n",
                    alignment, offDiagonal.mean(), offDiagonal.variance(), effectiveDimension, trainPoints));
            return sb.toString();
        }
    }

    private KernelRun() {
    }

    /**
     * What a run in progress tells: its log lines, the Gram matrix's rows done and each
     * cross-validation fold as it finishes. Called on the running thread.
     */
    public interface Listener {
        default void log(String line) {
        }

        /** {@code done} of {@code rows} rows of the pool's Gram matrix (about a hundred calls). */
        default void gram(int done, int rows) {
        }

        /** A fold of learner {@code learner} ({@link #LEARNERS}' order) finished. */
        default void fold(int learner, CrossValidation.Fold fold) {
        }
    }

    /** Spectra of training Gram matrices up to this size are saved (O(N^3): about 2 s at 1,000, 50 s at 3,000). */
    public static final int MAX_SPECTRUM_POINTS = 1_500;

    /**
     * Runs the kernel project and writes {@code dir}'s summary.json and project.qanvas.
     *
     * @param projectFile where the project lives (a relative {@code kernel.run} is taken beside it); may be null
     * @param log         one line per step
     */
    public static Result run(Project project, Path projectFile, Path dir, Consumer<String> log) throws IOException {
        return run(project, projectFile, dir, new Listener() {
            @Override
            public void log(String line) {
                log.accept(line);
            }
        });
    }

    /**
     * Runs the kernel project and writes {@code dir}: summary.json, project.qanvas and what Inspect
     * shows ({@link KernelRunFiles}). Interrupting the calling thread stops it with a
     * {@link java.util.concurrent.CancellationException} (between Gram-matrix rows and between
     * folds) before anything is written.
     */
    public static Result run(Project project, Path projectFile, Path dir, Listener listener) throws IOException {
        KernelSpec spec = project.kernel();
        if (spec == null) {
            throw new IllegalArgumentException(project.name() + " has no kernel section");
        }
        long start = System.nanoTime();
        String started = Instant.now().toString();
        Features features = features(project, spec, projectFile, listener::log);
        FeatureSplit split = features.split();
        KernelSpec.checkPool(split, spec.folds());
        int classes = (int) java.util.Arrays.stream(split.allLabels()).distinct().count();
        if (classes < 2) {
            throw new IllegalArgumentException("the kernel's training points hold " + classes + " class; it needs two or more");
        }
        // labels are 0..k-1 after the transforms; checked before the Gram matrix is paid for
        KernelComparison.Settings settings = spec.comparison(java.util.Arrays.stream(split.allLabels()).max().orElse(0) + 1);
        Circuit map = spec.featureMap(split.dimension());
        listener.log(String.format(Locale.ROOT, "%s: %,d training + %,d test points, %d classes, %s", project.name(), split.trainCount(),
                split.testRows().length, classes, spec.describe()));
        long g0 = System.nanoTime();
        int poolSize = split.trainCount() + split.testRows().length;
        double[][] gram = QuantumKernel.gram(map, split.allRows(), spec.kernelOptions(), new QuantumKernel.Monitor() {
            @Override
            public void progress(double fraction) {
                listener.gram((int) Math.round(fraction * poolSize), poolSize);
            }
        });
        double gramSeconds = (System.nanoTime() - g0) / 1e9;
        listener.log(String.format(Locale.ROOT, "Gram matrix %,d x %,d in %.1f s; cross-validating", gram.length, gram.length, gramSeconds));
        List<CrossValidation.Report> reports = KernelComparison.run(split, gram, settings, listener::fold);
        double[][] trainGram = new double[split.trainCount()][];
        for (int i = 0; i < trainGram.length; i++) {
            trainGram[i] = java.util.Arrays.copyOf(gram[i], split.trainCount());
        }
        int[] trainPoints = java.util.stream.IntStream.range(0, split.trainCount()).toArray();
        int[] supportVectors = PrecomputedKernelSvm.learner(gram, split.allLabels(), spec.c()).supportVectors(trainPoints);
        double[] spectrum = null;
        if (trainGram.length <= MAX_SPECTRUM_POINTS) {
            listener.log("eigenvalues of the training Gram matrix");
            spectrum = KernelDiagnostics.spectrum(trainGram);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new java.util.concurrent.CancellationException("kernel run stopped before it was saved");
        }
        Result result = new Result(spec, project.dataset().label(), split.dimension(), split.trainCount(), split.testRows().length, classes,
                reports, KernelDiagnostics.alignment(trainGram, split.trainLabels()), KernelDiagnostics.offDiagonal(trainGram),
                KernelDiagnostics.effectiveDimension(trainGram), gramSeconds, (System.nanoTime() - start) / 1e9, started);
        RunFolder folder = new RunFolder(dir);
        Files.createDirectories(dir);
        ProjectFiles.write(folder.project(), project);
        KernelRunFiles.write(folder, trainGram, new KernelRunFiles.Points(features.sample().train(), split.trainLabels(),
                supportVectors, features.sample().test(), split.testLabels(), reports.get(0).testPredictions()), spectrum);
        Files.writeString(folder.summary(), summaryJson(project, result));
        return result;
    }

    /** The features of the kernel's points and which points of the prepared splits they are. */
    record Features(FeatureSplit split, FeatureSplit.Sample sample) {
    }

    /** The folder of {@code kernel.run}, a relative one taken beside the project file (when known). */
    public static Path runFolder(KernelSpec spec, Path projectFile) {
        Path runDir = Path.of(spec.run());
        if (!runDir.isAbsolute() && projectFile != null && projectFile.toAbsolutePath().getParent() != null) {
            runDir = projectFile.toAbsolutePath().getParent().resolve(runDir);
        }
        return runDir;
    }

    /** The kernel's features: subsampled per class, then PCA and scaling fitted on the training split. */
    static Features features(Project project, KernelSpec spec, Path projectFile, Consumer<String> log) throws IOException {
        if (spec.features().equals("activations")) {
            Path runDir = runFolder(spec, projectFile);
            RunFolder.Opened opened = new RunFolder(runDir).open();
            Dataset data = opened.data().data();
            boolean images = RunSession.checkFits(opened.project().model(), data);
            log.accept("activations of " + runDir);
            FeatureSplit all = FeatureSplit.activations(opened.model(), data, images, 256);
            FeatureSplit.Sample sample = all.sampled(spec.trainPerClass(), spec.testPerClass(), spec.seed());
            FeatureSplit kept = all.subsample(sample);
            return new Features(spec.angles() ? kept.angles() : kept, sample);
        }
        Dataset data = PreparedData.load(project.dataset(), project.transforms()).data();
        FeatureSplit all = FeatureSplit.pixels(data);
        FeatureSplit.Sample sample = all.sampled(spec.trainPerClass(), spec.testPerClass(), spec.seed());
        FeatureSplit split = all.subsample(sample);
        if (spec.features().equals("pca")) {
            split = split.pca(spec.components());
        }
        return new Features(spec.angles() ? split.angles() : split, sample);
    }

    static String summaryJson(Project project, Result r) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode s = json.createObjectNode();
        s.put("kind", KIND);
        s.put("project", project.name());
        s.put("dataset", r.dataset());
        s.put("features", r.spec().features().equals("pca") ? "pca " + r.spec().components() : r.spec().features());
        s.put("qubits", r.qubits());
        s.put("feature_map", r.spec().describe());
        s.put("train_points", r.trainPoints());
        s.put("test_images", r.testPoints());
        s.put("classes", r.classes());
        s.put("test_accuracy", r.testAccuracy());
        ObjectNode cv = s.putObject("cross_validation");
        for (int i = 0; i < r.reports().size(); i++) {
            CrossValidation.Report rep = r.reports().get(i);
            ObjectNode m = cv.putObject(LEARNERS.get(i));
            m.put("learner", rep.learner());
            m.put("folds", rep.folds());
            m.put("seed", rep.seed());
            ArrayNode per = m.putArray("per_fold");
            rep.perFold().forEach(f -> per.add(f.accuracy()));
            m.put("mean", rep.meanAccuracy());
            m.put("std", rep.stdAccuracy());
            m.put("cv_seconds", rep.cvSeconds());
            m.put("seconds", rep.cvSeconds() + rep.refitSeconds());
            m.put("test_accuracy", rep.testAccuracy());
        }
        ObjectNode d = s.putObject("kernel_diagnostics");
        d.put("alignment", r.alignment());
        d.put("off_diagonal_mean", r.offDiagonal().mean());
        d.put("off_diagonal_variance", r.offDiagonal().variance());
        d.put("effective_dimension", r.effectiveDimension());
        d.put("points", r.trainPoints());
        s.put("gram_seconds", r.gramSeconds());
        s.put("total_seconds", r.seconds());
        s.put("started", r.started());
        s.put("outcome", "COMPLETED");
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(s);
    }

    /** The run as a project's run record: outcome, QSVM test accuracy, no epochs, trained {@link RunRecord#KERNEL}. */
    public static RunRecord record(Project project, Result r, String id, Path dir) {
        return new RunRecord(id, r.started(), project.training(), dir.toString(), "COMPLETED", r.testAccuracy(), List.of(), null, null,
                RunRecord.KERNEL, null);
    }
}
