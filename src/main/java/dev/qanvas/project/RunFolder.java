package dev.qanvas.project;

import dev.qanvas.data.DatasetException;
import dev.qanvas.data.PreparedData;
import dev.qanvas.nn.ModelFiles;
import dev.qanvas.nn.training.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A run folder: what one training run ({@link RunSession}, so {@code qanvas train} and the Train
 * workspace) writes, and what {@code qanvas evaluate} and the Inspect workspace read back. The
 * names of its files live here and only here:
 * <ul>
 *   <li>{@code metrics.csv}: per batch, per epoch and per quantum layer ({@link RunSession#CSV_HEADER});</li>
 *   <li>{@code summary.json}: outcome, test accuracy, confusion matrix, times;</li>
 *   <li>{@code model.zip}: the trained model (read only through {@link ModelFiles}, which checks it);</li>
 *   <li>{@code project.qanvas}: the project as trained;</li>
 *   <li>{@code checkpoints/}: {@code epoch-N.zip}, {@code latest.zip} and {@code latest-epoch.txt} (named by {@link TrainingRun});</li>
 *   <li>{@code loss.png}, {@code accuracy.png}, {@code entanglement.png}: the charts {@code qanvas train} draws;</li>
 *   <li>a kernel run's {@code kernel-gram.bin}, {@code kernel-points.csv}, {@code kernel-spectrum.csv} ({@link KernelRunFiles}).</li>
 * </ul>
 * Where a project's run folders live: {@code <name>.runs/run-N} beside the project file, else
 * under the settings folder ({@link #runsRoot}, {@link #next}); {@code qanvas train} without
 * {@code --out} uses {@code runs/<name>} in the working folder ({@link #commandLineDefault}).
 */
public record RunFolder(Path path) {

    public static final String METRICS = "metrics.csv";
    public static final String SUMMARY = "summary.json";
    public static final String MODEL = "model.zip";
    public static final String PROJECT = "project.qanvas";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String LOSS_CHART = "loss.png";
    public static final String ACCURACY_CHART = "accuracy.png";
    public static final String ENTANGLEMENT_CHART = "entanglement.png";
    public static final String KERNEL_GRAM = "kernel-gram.bin";
    public static final String KERNEL_POINTS = "kernel-points.csv";
    public static final String KERNEL_SPECTRUM = "kernel-spectrum.csv";

    public RunFolder {
        Objects.requireNonNull(path, "path");
    }

    /** The folder a run record names; a relative one is taken beside the project file (when there is one). */
    public static RunFolder of(RunRecord run, Path projectFile) {
        return at(run.directory(), projectFile);
    }

    /** The folder {@code directory} names; a relative one is taken beside the project file (when there is one). */
    public static RunFolder at(String directory, Path projectFile) {
        Path dir = Path.of(directory);
        if (!dir.isAbsolute() && projectFile != null && projectFile.toAbsolutePath().getParent() != null) {
            dir = projectFile.toAbsolutePath().getParent().resolve(dir);
        }
        return new RunFolder(dir);
    }

    /** The folder's name, which is the run's id ({@code run-3}). */
    public String id() { return path.getFileName().toString(); }

    public Path metrics() { return path.resolve(METRICS); }
    public Path summary() { return path.resolve(SUMMARY); }
    public Path model() { return path.resolve(MODEL); }
    public Path project() { return path.resolve(PROJECT); }
    public Path checkpoints() { return path.resolve(CHECKPOINTS); }
    /** The newest checkpoint, from which a failed run's model is taken. */
    public Path latestCheckpoint() { return checkpoints().resolve(TrainingRun.LATEST_CHECKPOINT); }
    /** The last finished epoch of {@link #latestCheckpoint()}. */
    public Path latestEpoch() { return checkpoints().resolve(TrainingRun.LATEST_EPOCH); }
    public Path lossChart() { return path.resolve(LOSS_CHART); }
    public Path accuracyChart() { return path.resolve(ACCURACY_CHART); }
    public Path entanglementChart() { return path.resolve(ENTANGLEMENT_CHART); }
    /** A kernel run's training Gram matrix ({@link KernelRunFiles}). */
    public Path kernelGram() { return path.resolve(KERNEL_GRAM); }
    /** A kernel run's points: where each came from, its label, test prediction, support vector or not ({@link KernelRunFiles}). */
    public Path kernelPoints() { return path.resolve(KERNEL_POINTS); }
    /** The eigenvalues of a kernel run's training Gram matrix, largest first ({@link KernelRunFiles}). */
    public Path kernelSpectrum() { return path.resolve(KERNEL_SPECTRUM); }

    /** Whether the run left a model (a failed first epoch or a deleted file leaves none). Reads the disk: not on the UI thread. */
    public boolean hasModel() {
        return Files.isRegularFile(model());
    }

    /** Whether the folder holds a kernel run ({@link KernelRun}): its summary says so. Reads the disk: not on the UI thread. */
    public boolean isKernelRun() {
        try {
            if (!Files.isRegularFile(summary()) || Files.size(summary()) > (1 << 20)) {
                return false;
            }
            com.fasterxml.jackson.databind.JsonNode s = new com.fasterxml.jackson.databind.ObjectMapper().readTree(summary().toFile());
            return s != null && KernelRun.KIND.equals(s.path("kind").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads the project as trained and restores the model through {@link ModelFiles}, which
     * refuses any zip Qanvas did not write.
     *
     * @throws IOException when the folder lacks model.zip or project.qanvas, or either cannot be read or is refused
     */
    public Opened open() throws IOException {
        if (!hasModel() && isKernelRun()) {
            throw new IOException(path + ": a kernel run (QSVM against RBF SVM and random forest) has no trained network to open"
                    + " (no " + MODEL + "); its cross-validation table is in " + SUMMARY);
        }
        if (!hasModel() || !Files.isRegularFile(project())) {
            throw new IOException(path + ": not a run folder (needs " + MODEL + " and " + PROJECT + " from `qanvas train`)");
        }
        Project trained = ProjectFiles.read(project());
        ComputationGraph net = ModelFiles.restore(model(), false);
        return new Opened(this, trained, net);
    }

    /** An opened run folder: the project as trained and its model. */
    public record Opened(RunFolder folder, Project project, ComputationGraph model) {

        /** The data the model was trained and tested on: the trained project's dataset and transforms. */
        public PreparedData data() throws DatasetException {
            return PreparedData.load(project.dataset(), project.transforms());
        }
    }

    // ----- where run folders live -----

    /**
     * Where the app keeps a project's runs: {@code <name>.runs/} next to the project file if it has
     * one and that folder can be written, else {@code <settingsDir>/runs/<name>/}. Creates the folder.
     */
    public static Path runsRoot(Path projectFile, String projectName, Path settingsDir) {
        if (projectFile != null) {
            Path beside = projectFile.toAbsolutePath().resolveSibling(stem(projectFile) + ".runs");
            if (writable(beside)) {
                return beside;
            }
        }
        return settingsDir.resolve("runs").resolve(ProjectFiles.safeName(projectName));
    }

    /**
     * The first {@code run-N} folder under {@code root} (N from 1) that does not exist yet and
     * whose name is not among {@code takenIds} (the ids of the project's runs, so ids stay unique).
     */
    public static RunFolder next(Path root, Set<String> takenIds) {
        for (int n = 1; ; n++) {
            Path candidate = root.resolve("run-" + n);
            if (!Files.exists(candidate) && !takenIds.contains("run-" + n)) {
                return new RunFolder(candidate);
            }
        }
    }

    /** Where {@code qanvas train} writes without {@code --out}: {@code runs/<name>} in the working folder. */
    public static RunFolder commandLineDefault(Path projectFile) {
        return new RunFolder(Path.of("runs", stem(projectFile)));
    }

    /** A project file's name without its {@code .qanvas} ending. */
    public static String stem(Path projectFile) {
        String base = projectFile.getFileName().toString();
        return base.endsWith(ProjectFiles.EXTENSION) ? base.substring(0, base.length() - ProjectFiles.EXTENSION.length()) : base;
    }

    private static boolean writable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
