package dev.qanvas.cli;

import dev.qanvas.data.Dataset;
import dev.qanvas.data.PreparedData;
import dev.qanvas.nn.ClassicalTwin;
import dev.qanvas.nn.GraphCompiler;
import dev.qanvas.nn.NumericEngine;
import dev.qanvas.nn.graph.LayerSpec;
import dev.qanvas.nn.graph.ModelGraph;
import dev.qanvas.nn.graph.kinds.Quanvolution;
import dev.qanvas.nn.training.DataArrays;
import dev.qanvas.nn.training.TrainingSettings;
import dev.qanvas.project.Project;
import dev.qanvas.project.Samples;
import dev.qanvas.quantum.BatchSimulator;
import dev.qanvas.quantum.Circuit;
import dev.qanvas.quantum.PauliString;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training speed, measured side by side in one run: one training step (batch 32) of the MNIST CNN
 * sample with its 4-qubit head, of the same network with the head swapped for its classical twin,
 * and quanvolution patch circuits per second (forward, and forward plus backward).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Measure training step times (CNN with and without the quantum head) and quanvolution throughput.")
final class BenchTrainCommand implements Callable<Integer> {

    @Option(names = "--repeats", defaultValue = "31", description = "Measurements per item (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--lesson-rounds", defaultValue = "3",
            description = "Whole First lesson runs (10 epochs) of each model, alternating (default ${DEFAULT-VALUE}; 0 skips them).")
    int lessonRounds;

    @Override
    public Integer call() throws Exception {
        System.out.println("engine: " + NumericEngine.start().describe());
        if (lessonRounds > 0) {
            firstLesson(lessonRounds);
        }
        Project sample = Samples.load("mnist-cnn-quantum-head.qanvas");
        Dataset mnist = PreparedData.load(sample.dataset(), sample.transforms()).data(); // MNIST, as the sample's model sees it
        int[] first = new int[32];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        DataSet batch = new DataSet(DataArrays.features(mnist.train(), first, true), DataArrays.labels(mnist.train(), first, 10));
        ModelGraph hybrid = sample.model();
        ModelGraph classical = ClassicalTwin.swap(hybrid, "quantum");
        TrainingSettings settings = sample.training();
        ComputationGraph a = GraphCompiler.compile(classical, settings);
        ComputationGraph b = GraphCompiler.compile(hybrid, settings);
        // The two steps alternate (and swap which goes first each round), so a change in the
        // machine's load falls on both alike: measured one block after the other on a shared
        // machine, the ratio moved by +-30% from run to run (docs/benchmarks.md).
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        for (int k = 0; k < 3 || System.nanoTime() < warmEnd; k++) {
            a.fit(batch);
            b.fit(batch);
        }
        int rounds = Math.max(1, repeats);
        // Wall time, and CPU time of all the process's threads (ND4J's own included), which a busy
        // machine inflates far less: [0] wall, [1] CPU, per round.
        double[][] classicalSteps = new double[2][rounds], hybridSteps = new double[2][rounds], ratios = new double[2][rounds];
        for (int i = 0; i < rounds; i++) {
            boolean classicalFirst = i % 2 == 0;
            double[] one = stepMillis(classicalFirst ? a : b, batch), other = stepMillis(classicalFirst ? b : a, batch);
            for (int k = 0; k < 2; k++) {
                classicalSteps[k][i] = classicalFirst ? one[k] : other[k];
                hybridSteps[k][i] = classicalFirst ? other[k] : one[k];
                ratios[k][i] = hybridSteps[k][i] / classicalSteps[k][i];
            }
        }
        System.out.printf("training step, batch 32, MNIST CNN sample (%d rounds, the two steps alternating; wall, and CPU of all threads):%n", rounds);
        String[] what = {"wall", "CPU "};
        for (int k = 0; k < 2; k++) {
            double classicalMs = median(classicalSteps[k]), hybridMs = median(hybridSteps[k]);
            System.out.printf("  %s with the classical twin (%s)   %8.2f ms%n", what[k],
                    classical.node("quantum").orElseThrow().spec().describe(), classicalMs);
            System.out.printf("  %s with the 4-qubit quantum head             %8.2f ms  (%+.0f%% of the medians; median of the rounds' ratios %+.0f%%; target <= +15%%)%n",
                    what[k], hybridMs, 100 * (hybridMs / classicalMs - 1), 100 * (median(ratios[k]) - 1));
        }

        headCost(a, b, batch);

        quanvolution(repeats);
        return 0;
    }

    /**
     * Quanvolution patch circuits per second (the MNIST quanvolution sample's filter, one batch of
     * 32 digits): forward on all cores and on one thread, forward plus backward. Shared by
     * {@code bench train} and {@code bench quantum}.
     */
    static void quanvolution(int repeats) {
        Project quanv;
        try {
            quanv = Samples.load("mnist-quanvolution.qanvas");
        } catch (dev.qanvas.project.ProjectFileException e) {
            throw new IllegalStateException("the bundled quanvolution sample does not load: " + e.getMessage(), e);
        }
        Circuit filter = ((Quanvolution) quanv.model().node("quanv").orElseThrow().spec()).patchCircuit();
        int patches = 32 * 196; // one batch of 32 digits, 14 x 14 patches each
        double[][] x = new double[patches][4];
        Random random = new Random(1);
        for (double[] p : x) {
            for (int i = 0; i < 4; i++) {
                p[i] = random.nextDouble();
            }
        }
        List<PauliString> z = new ArrayList<>();
        for (int q = 0; q < 4; q++) {
            z.add(PauliString.z(q));
        }
        double[][] up = new double[patches][4];
        for (double[] row : up) {
            java.util.Arrays.fill(row, 0.25);
        }
        // Side by side after a CPU-time warm-up, like the throughput figures: timed one after the
        // other after a second of wall time, the first figure caught the JIT still compiling
        // (one thread read 2.3e6 in one quiet run and 6.8e6 in the next).
        double[][] ms = BenchQuantumCommand.sideBySide(repeats,
                () -> BatchSimulator.expectations(filter, x, new double[0], z),
                () -> BatchSimulator.expectations(filter, x, new double[0], z, 1),
                () -> BatchSimulator.adjoint(filter, x, new double[0], z, up));
        int cores = Runtime.getRuntime().availableProcessors();
        double forward = BenchQuantumCommand.median(ms[0]), oneThread = BenchQuantumCommand.median(ms[1]),
                both = BenchQuantumCommand.median(ms[2]);
        System.out.printf("quanvolution patch circuits (4 qubits, %d gates), %d patches per call, %d cores (medians of alternating blocks; least in brackets):%n",
                filter.size(), patches, cores);
        System.out.printf("  forward            %10.3g /s  = %.3g per core (%.3g) (target >= 3e6 per core: %.2fx)%n",
                patches / (forward / 1000), patches / (forward / 1000) / cores,
                patches / (BenchQuantumCommand.least(ms[0]) / 1000) / cores, patches / (forward / 1000) / cores / 3e6);
        System.out.printf("  forward, one thread %9.3g /s  (%.3g) (target >= 3e6: %.2fx)%n", patches / (oneThread / 1000),
                patches / (BenchQuantumCommand.least(ms[1]) / 1000), patches / (oneThread / 1000) / 3e6);
        System.out.printf("  forward + backward %10.3g /s  = %.3g per core%n", patches / (both / 1000), patches / (both / 1000) / cores);
    }

    /**
     * The First lesson trained as the app trains it (a run folder with checkpoints, probes, the test
     * split), and its classical twin, one after the other in turns; the first round is the JVM's
     * first training of each, as the app's first run is.
     */
    private static void firstLesson(int rounds) throws Exception {
        Project lesson = Samples.load("digits-8x8-zero-vs-one.qanvas");
        Project twin = lesson.withModel(ClassicalTwin.swap(lesson.model(), "quantum"));
        PreparedData data = PreparedData.load(lesson.dataset(), lesson.transforms());
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("qanvas-bench-lesson");
        System.out.printf("First lesson (%s), %d epochs, as the app trains it (seconds of training: wall, CPU of all threads, fitting, probing):%n",
                lesson.name(), lesson.training().epochs());
        double[][] hybrid = new double[2][rounds], classical = new double[2][rounds];
        try {
            for (int i = 0; i < rounds; i++) {
                boolean hybridFirst = i % 2 == 0;
                double[] one = lessonRun(hybridFirst ? lesson : twin, data, folder.resolve("r" + i + "a"));
                double[] other = lessonRun(hybridFirst ? twin : lesson, data, folder.resolve("r" + i + "b"));
                double[] h = hybridFirst ? one : other, c = hybridFirst ? other : one;
                for (int k = 0; k < 2; k++) {
                    hybrid[k][i] = h[k];
                    classical[k][i] = c[k];
                }
                System.out.printf(java.util.Locale.ROOT, "  round %d: hybrid %s; classical twin %s%n", i + 1, lessonLine(h), lessonLine(c));
            }
        } finally {
            try (var files = java.nio.file.Files.walk(folder)) { // the run folders this bench wrote
                for (java.nio.file.Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
        }
        System.out.printf(java.util.Locale.ROOT, "  median: hybrid %.2f s wall, %.2f s CPU; twin %.2f s wall, %.2f s CPU"
                        + " (hybrid / twin %.2f wall, %.2f CPU; target: hybrid <= 2 s)%n",
                median(hybrid[0]), median(hybrid[1]), median(classical[0]), median(classical[1]),
                median(hybrid[0]) / median(classical[0]), median(hybrid[1]) / median(classical[1]));
    }

    /** One run of {@code project}'s training: seconds of wall and CPU time, fitting, probing, and the test accuracy. */
    private static double[] lessonRun(Project project, PreparedData data, java.nio.file.Path folder) throws Exception {
        dev.qanvas.project.RunSession session = dev.qanvas.project.RunSession.prepare(project, project.training(), data,
                folder, java.util.Map.of(), message -> { });
        long c0 = processCpuNanos();
        dev.qanvas.project.RunSession.Result result = session.run(new dev.qanvas.nn.training.RunEvents() { });
        double cpu = (processCpuNanos() - c0) / 1e9;
        double[] parts = session.training().fitAndProbeSeconds();
        return new double[] {result.seconds(), cpu, parts[0], parts[1], result.testAccuracy()};
    }

    private static String lessonLine(double[] r) {
        return String.format(java.util.Locale.ROOT, "%.2f s, CPU %.2f s (%.2f fit, %.2f probe; test %.1f%%)", r[0], r[1], r[2], r[3], 100 * r[4]);
    }

    /**
     * Where the head's share of a step goes: the quantum layer's forward and backward calls alone,
     * the simulator calls inside them (the rest is the layer's own copying between ND4J and Java
     * arrays), and the twin's Dense layer for comparison; median CPU time of this thread, which
     * runs them all (batch 32 at 4 qubits is one tile), so a busy machine inflates it little.
     */
    private void headCost(ComputationGraph classical, ComputationGraph hybrid, DataSet batch) {
        org.deeplearning4j.nn.workspace.LayerWorkspaceMgr none = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        String feeding = hybrid.getConfiguration().getVertexInputs().get("quantum").get(0);
        INDArray x = hybrid.feedForward(batch.getFeatures(), false).get(feeding);
        org.deeplearning4j.nn.api.Layer head = hybrid.getLayer("quantum"), dense = classical.getLayer("quantum");
        dev.qanvas.nn.layers.QuantumLayer conf = (dev.qanvas.nn.layers.QuantumLayer) head.conf().getLayer();
        INDArray eps = org.nd4j.linalg.factory.Nd4j.rand(x.dataType(), x.size(0), conf.getNOut());
        Circuit c = conf.circuit();
        List<PauliString> m = conf.measurementList();
        double[][] xs = conf.circuitInputs(x);
        double[] w = head.getParam("W").castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
        double[][] up = eps.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        double headForward = cpuMedianMillis(repeats, () -> {
            head.setInput(x, none);
            head.activate(true, none);
        });
        double headBackward = cpuMedianMillis(repeats, () -> head.backpropGradient(eps, none));
        double simForward = cpuMedianMillis(repeats, () -> BatchSimulator.expectations(c, xs, w, m));
        double simBackward = cpuMedianMillis(repeats, () -> BatchSimulator.adjoint(c, xs, w, m, up));
        double denseForward = cpuMedianMillis(repeats, () -> {
            dense.setInput(x, none);
            dense.activate(true, none);
        });
        double denseBackward = cpuMedianMillis(repeats, () -> dense.backpropGradient(eps, none));
        System.out.printf("  the head alone (batch 32, CPU of this thread): quantum layer %.3f ms forward, %.3f ms backward"
                        + " (simulator calls inside: %.3f and %.3f ms); the twin's Dense %.3f and %.3f ms%n",
                headForward, headBackward, simForward, simBackward, denseForward, denseBackward);
    }

    /** Median CPU milliseconds of this thread per call of {@code work}, after half a second of warm-up. */
    private static double cpuMedianMillis(int repeats, Runnable work) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long warmEnd = System.nanoTime() + 500_000_000L;
        for (int k = 0; k < 3 || System.nanoTime() < warmEnd; k++) {
            work.run();
        }
        double[] ms = new double[Math.max(1, repeats)];
        for (int i = 0; i < ms.length; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            work.run();
            ms[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        return median(ms);
    }

    /** Wall and CPU (all threads) milliseconds of one training step. */
    private static double[] stepMillis(ComputationGraph g, DataSet batch) {
        long c0 = processCpuNanos(), t0 = System.nanoTime();
        g.fit(batch);
        return new double[] {(System.nanoTime() - t0) / 1e6, (processCpuNanos() - c0) / 1e6};
    }

    /** CPU time of all the process's threads (-1 where the JVM does not say). */
    static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
