package dev.qanvas.cli;

import dev.qanvas.data.Dataset;
import dev.qanvas.nn.training.AdversarialTraining;
import dev.qanvas.nn.training.ImbalanceRemedy;
import dev.qanvas.nn.training.InitFromRun;
import dev.qanvas.nn.training.RunEvents;
import dev.qanvas.nn.training.TrainingExecution;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.nn.kernel.CrossValidation;
import dev.qanvas.project.KernelRun;
import dev.qanvas.project.Project;
import dev.qanvas.project.ProjectFiles;
import dev.qanvas.project.RunFolder;
import dev.qanvas.project.RunCharts;
import dev.qanvas.project.RunRecord;
import dev.qanvas.project.RunSession;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qanvas train PROJECT.qanvas [--epochs N] [--out DIR] [--adversarial fgsm|pgd --adv-eps E --adv-ratio R --adv-steps N]}: trains the project's model on its
 * dataset headless through the shared {@link RunSession} flow and writes {@code metrics.csv} (per
 * batch, per epoch, and per quantum layer at each epoch's end ("quantum" rows) and about 16 times
 * within each epoch ("quantum_step" rows): entanglement entropy of the main cut and of the named
 * half, up/down and left/right cuts, Meyer-Wallach Q, gradient variance), {@code summary.json} (test
 * accuracy, confusion matrix, seconds per epoch), the trained model ({@code model.zip}), a copy of
 * the project ({@code project.qanvas}) and charts of loss, accuracy and entanglement entropy. The
 * adversarial options override the project's adversarial training; the run's settings record it.
 * A kernel project (a {@code "kernel"} section) runs {@link KernelRun} instead: QSVM, RBF SVM and
 * random forest under the same folds, summary.json with a {@code cross_validation} table, no model.
 * {@code --profile}, {@code --noise} and {@code --shots} train the quantum layers under noise and/or
 * shots with parameter-shift gradients; summary.json's {@code quantum_execution} records it (docs/noise.md).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a project's model headless; writes metrics.csv, summary.json, model.zip and charts.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PROJECT", description = "A .qanvas project with a model, or with a kernel section (QSVM against RBF SVM and random forest).")
    Path projectFile;

    @Option(names = "--epochs", description = "Override the project's number of epochs.")
    Integer epochs;

    @Option(names = "--out", description = "Output folder (default: runs/<project name>).")
    Path out;

    @Option(names = "--entropy-cut", paramLabel = "LAYER=Q,Q", description = "Qubits of the entanglement-entropy subsystem"
            + " of a quantum layer, e.g. quantum=0,2 (default: the first half of its qubits). Repeatable.")
    java.util.Map<String, String> entropyCuts = new java.util.LinkedHashMap<>();

    @Option(names = "--adversarial", paramLabel = "none|fgsm|pgd", description = "Adversarial training: replace a share of"
            + " each batch by FGSM or PGD examples crafted against the current weights (default: the project's setting).")
    String adversarial;

    @Option(names = "--adv-eps", paramLabel = "E", description = "Adversarial epsilon in pixel units, 0 to 0.5 (e.g. 0.1).")
    Double adversarialEpsilon;

    @Option(names = "--adv-ratio", paramLabel = "R", description = "Share of each batch replaced by adversarial examples, 0 to 1.")
    Double adversarialRatio;

    @Option(names = "--adv-steps", paramLabel = "N", description = "PGD steps per adversarial example (1 to 100).")
    Integer adversarialSteps;

    @Option(names = "--seed", paramLabel = "S", description = "Initialise from this seed, as `reproduce` does: the training seed"
            + " (classical weights, batch order) and every circuit weight drawn uniformly from [0, 2π) (a photonic layer: a new layer"
            + " seed for its angles). The data stay the same.")
    Long seed;

    @Option(names = "--oversample", paramLabel = "LEVEL", description = "Imbalance remedy: raise every class to LEVEL (0..1]"
            + " times the largest class's count by copies (docs/data-centric.md).")
    Double oversample;

    @Option(names = "--undersample", paramLabel = "LEVEL", description = "Imbalance remedy: cut every class to the smallest"
            + " class's count over LEVEL (0..1].")
    Double undersample;

    @Option(names = "--class-weights", description = "Imbalance remedy: weigh each image's loss by N / (K n_class).")
    boolean classWeights;

    @Option(names = "--prior-thresholds", description = "Imbalance remedy: divide the test outputs by the class priors (threshold moving).")
    boolean priorThresholds;

    @picocli.CommandLine.Mixin
    NoiseOptions noise = new NoiseOptions();

    @Option(names = "--shots", paramLabel = "N", description = "Train the quantum layers on expectations estimated from N shots"
            + " each (1.." + dev.qanvas.quantum.QuantumExecution.MAX_SHOTS + "; 0: exact), seeded by --seed; with --noise,"
            + " --profile or --shots the gradients are by parameter shift (docs/noise.md). Default: the project's setting.")
    Long shots;
    @Option(names = "--init-from", paramLabel = "RUN_DIR", description = "Start from the weights of this run folder's model.zip"
            + " (same layers and parameter shapes) instead of fresh ones, e.g. to fine-tune after pre-training on random labels.")
    Path initFrom;

    @Option(names = "--fresh-output", description = "With --init-from: keep the output layer's fresh weights (a new head).")
    boolean freshOutput;

    @Option(names = "--record", description = "Also record the run (settings, folder, per-epoch numbers, test accuracy) in the project file.")
    boolean record;

    @Override
    public Integer call() throws Exception {
        Project project = initialised(ProjectFiles.read(projectFile));
        if (project.isKernel()) {
            return trainKernel(project);
        }
        TrainingSettings settings = RunSession.resolved(settings(project.training()), projectFile);
        Path dir = out != null ? out : RunFolder.commandLineDefault(projectFile).path();
        PrintStream err = System.err;
        java.util.Map<String, int[]> cuts = new java.util.LinkedHashMap<>();
        for (var cut : entropyCuts.entrySet()) {
            cuts.put(cut.getKey(), java.util.Arrays.stream(cut.getValue().split(",")).map(String::trim)
                    .mapToInt(Integer::parseInt).toArray());
        }
        RunSession session;
        try {
            session = RunSession.prepare(project, settings, dir, cuts, line -> {
                if (line.startsWith("pre-training") || line.startsWith("initialised")) {
                    err.println(line);
                }
            });
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("the model has no quantum layer named")) {
                throw new IllegalArgumentException("--entropy-cut: " + e.getMessage(), e);
            }
            throw e;
        }
        Dataset data = session.data();
        err.printf("Training %s on %s (%,d train / %,d test), %d epochs, %,d parameters%s%n", project.name(), data.name(),
                data.train().size(), data.test().size(), settings.epochs(), session.network().numParams(),
                (settings.adversarial().active() ? ", adversarial: " + settings.adversarial().describe() : "")
                        + (settings.imbalance().active() ? ", imbalance: " + settings.imbalance().describe() : "")
                        + (settings.execution().active() ? ", quantum layers: " + settings.execution().describe() : "")
                        + (settings.initFrom() != null ? ", " + settings.initFrom().describe() : ""));
        Terminal terminal = new Terminal(err, settings.epochs(), settings.batchSize());
        RunSession.Result result = session.run(terminal);
        err.println();
        err.println(result.outcome() + ": " + result.message());
        RunCharts.write(new RunFolder(dir), result.record());
        if (record) {
            RunRecord made = result.record();
            Project current = ProjectFiles.read(projectFile);
            made = made.withId(freeRunId(current));
            ProjectFiles.write(projectFile, current.withRun(made));
            err.println("recorded " + made.id() + " in " + projectFile);
        }
        System.out.printf(Locale.ROOT, "test accuracy %.4f (%d images), %.1f s, results in %s%n", result.testAccuracy(),
                data.test().size(), result.seconds(), dir);
        return result.outcome() == RunEvents.Outcome.FAILED ? 1 : 0;
    }

    /**
     * A kernel project: QSVM against RBF SVM and random forest under the same stratified folds
     * ({@link KernelRun}); summary.json holds the cross-validation table. The network options do not apply.
     */
    private int trainKernel(Project project) throws Exception {
        if (epochs != null || adversarial != null || noise.given() || shots != null || adversarialEpsilon != null || adversarialRatio != null || adversarialSteps != null
                || !entropyCuts.isEmpty() || initFrom != null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), project.name() + " is a kernel project"
                    + " (QSVM, no network): --epochs, --entropy-cut, --noise, --profile, --shots, --init-from and the adversarial options do not apply");
        }
        if (seed != null) {
            project = project.withKernel(project.kernel().withSeed(seed));
        }
        Path dir = out != null ? out : RunFolder.commandLineDefault(projectFile).path();
        PrintStream err = System.err;
        KernelRun.Result result = KernelRun.run(project, projectFile, dir, err::println);
        err.println();
        err.print(result.table());
        if (record) {
            Project current = ProjectFiles.read(projectFile);
            RunRecord made = KernelRun.record(project, result, freeRunId(current), dir);
            ProjectFiles.write(projectFile, current.withRun(made));
            err.println("recorded " + made.id() + " in " + projectFile);
        }
        CrossValidation.Report q = result.reports().get(0);
        System.out.printf(Locale.ROOT, "QSVM cross-validation %.4f ± %.4f, test accuracy %.4f (%d points), %.1f s, results in %s%n",
                q.meanAccuracy(), q.stdAccuracy(), result.testAccuracy(), result.testPoints(), result.seconds(), dir);
        return 0;
    }

    /** The project's settings with this command's overrides; the settings' own checks word bad values. */
    TrainingSettings settings(TrainingSettings fromProject) {
        TrainingSettings s = epochs == null ? fromProject : fromProject.withEpochs(epochs);
        AdversarialTraining a = s.adversarial();
        try {
            a = new AdversarialTraining(adversarial != null ? AdversarialTraining.Method.parse(adversarial) : a.method(),
                    adversarialEpsilon != null ? adversarialEpsilon : a.epsilon(),
                    adversarialRatio != null ? adversarialRatio : a.ratio(),
                    adversarialSteps != null ? adversarialSteps : a.steps());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage(), e);
        }
        if (a.method() == AdversarialTraining.Method.NONE && adversarial == null
                && (adversarialEpsilon != null || adversarialRatio != null || adversarialSteps != null)) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--adv-eps, --adv-ratio and --adv-steps need --adversarial fgsm or pgd (the project trains without)");
        }
        if (freshOutput && initFrom == null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--fresh-output needs --init-from RUN_DIR");
        }
        if (initFrom != null) { // a folder on the command line is taken from the working folder
            s = s.withInitFrom(new InitFromRun(initFrom.toAbsolutePath().normalize().toString(), freshOutput));
        }
        return s.withAdversarial(a).withImbalance(imbalance(s.imbalance())).withExecution(execution(s.execution()));
    }

    /**
     * The project's quantum execution with --profile, --noise, --shots and --seed applied: given
     * noise options replace the project's (a profile or noise given replaces both), --seed also seeds the shots.
     */
    private TrainingExecution execution(TrainingExecution fromProject) {
        try {
            TrainingExecution e = fromProject;
            if (noise.given()) {
                e = e.withProfile(noise.profile).withNoise(noise.noise);
            }
            if (shots != null) {
                e = e.withShots(shots);
            }
            return seed != null ? e.withSeed(seed) : e;
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage(), e);
        }
    }

    /** The project's imbalance remedies with this command's options added. */
    private ImbalanceRemedy imbalance(ImbalanceRemedy fromProject) {
        if (oversample != null && undersample != null) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--oversample and --undersample exclude each other");
        }
        ImbalanceRemedy.Resampling resampling = oversample != null ? ImbalanceRemedy.Resampling.OVERSAMPLE
                : undersample != null ? ImbalanceRemedy.Resampling.UNDERSAMPLE : fromProject.resampling();
        double level = oversample != null ? oversample : undersample != null ? undersample : fromProject.level();
        try {
            return new ImbalanceRemedy(resampling, level, classWeights || fromProject.classWeights(),
                    priorThresholds || fromProject.priorThresholds());
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage(), e);
        }
    }

    /** The project as --seed initialises it (as {@code reproduce} seeds a run), or as it is. */
    Project initialised(Project project) {
        return seed == null ? project : dev.qanvas.project.SeededStart.of(project, seed);
    }

    /** "run-N" for the smallest N no run of the project has (runs may have been removed or renamed). */
    static String freeRunId(Project project) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        project.runs().forEach(r -> taken.add(r.id()));
        int n = project.runs().size() + 1;
        while (taken.contains("run-" + n)) {
            n++;
        }
        return "run-" + n;
    }

    /**
     * Draws a progress bar and per-epoch lines on the terminal. Into a file or a pipe (no console)
     * the bar's carriage returns would pile up, so it prints a plain progress line every few
     * seconds instead.
     */
    private static final class Terminal implements RunEvents {
        private static final long PLAIN_EVERY_NANOS = 5_000_000_000L;
        private final boolean interactive = System.console() != null;
        private final PrintStream terminal;
        private final int totalEpochs;
        private final int batchSize;
        private final long started = System.nanoTime();
        private long lastDraw;
        private int stepsDone;

        Terminal(PrintStream terminal, int totalEpochs, int batchSize) {
            this.terminal = terminal;
            this.totalEpochs = totalEpochs;
            this.batchSize = batchSize;
        }

        @Override
        public void batch(int epoch, int batch, int batches, double loss) {
            stepsDone++;
            long now = System.nanoTime();
            if (!interactive) {
                if (now - lastDraw > PLAIN_EVERY_NANOS) {
                    lastDraw = now;
                    double seconds = (now - started) / 1e9;
                    double stepsPerSecond = stepsDone / Math.max(seconds, 1e-9);
                    long stepsLeft = (long) (totalEpochs - epoch - 1) * batches + (batches - batch - 1);
                    terminal.printf(Locale.ROOT, "epoch %d/%d batch %d/%d loss %.4f  %.0f images/s  %s left%n", epoch + 1,
                            totalEpochs, batch + 1, batches, loss, stepsPerSecond * batchSize,
                            duration(stepsLeft / stepsPerSecond));
                }
                return;
            }
            if (now - lastDraw > 200_000_000L || batch + 1 == batches) {
                lastDraw = now;
                int width = 30;
                int done = (int) Math.round(width * (batch + 1.0) / batches);
                // Throughput and time left from the steps so far (epoch-end evaluation not included).
                double seconds = (now - started) / 1e9;
                double stepsPerSecond = stepsDone / Math.max(seconds, 1e-9);
                long stepsLeft = (long) (totalEpochs - epoch - 1) * batches + (batches - batch - 1);
                terminal.printf(Locale.ROOT, "\repoch %d/%d [%s%s] %d/%d loss %.4f  %.0f images/s  %s left   ", epoch + 1,
                        totalEpochs, "#".repeat(done), ".".repeat(width - done), batch + 1, batches, loss,
                        stepsPerSecond * batchSize, duration(stepsLeft / stepsPerSecond));
            }
        }

        @Override
        public void epoch(EpochStats e) {
            terminal.printf(Locale.ROOT, (interactive ? "%n" : "") + "epoch %d: loss %.4f, train accuracy %.4f, validation loss %.4f, accuracy %.4f (%.1f s)%n",
                    e.epoch() + 1, e.trainLoss(), e.trainAccuracy(), e.validationLoss(), e.validationAccuracy(), e.seconds());
        }

        private static String duration(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                    : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
    }
}
